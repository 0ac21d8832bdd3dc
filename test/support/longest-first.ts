import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that took this long last time start first, whatever their project. */
const LONG_MS = 10_000;
// Without a timing of the last run (a fresh checkout), the end-to-end files
// (daemons that start and die, a database stopped) go before the others.
const PROJECT_PRIORITY = ['end-to-end', 'browser', 'database', 'unit'];

/**
 * Issue #13: the long files first, whichever project they are in. Vitest's own
 * order runs the projects one after another by name, so the kill -9 loop, a
 * third of the suite's wall time, began after the browser and database files
 * and ended long after everything else. The others keep vitest's order, one
 * project after another: a worker is reused only for a file of its project, so
 * interleaving projects would start a fresh one (and import everything again)
 * at each switch.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const byBase = await super.sort(files); // within each project: failed first, then by last duration, or size
    const position = new Map(byBase.map((spec, i) => [spec, i]));
    const last = (spec: TestSpecification) => this.ctx.cache.getTestSpecificationResult(spec);
    const timed = byBase.some((spec) => last(spec) !== undefined);
    // A file never timed may be long: as vitest does, it goes first.
    const long = (spec: TestSpecification) => (last(spec)?.duration ?? Infinity) >= LONG_MS;
    const duration = (spec: TestSpecification) => (long(spec) ? (last(spec)?.duration ?? Infinity) : 0);
    const priority = (spec: TestSpecification) => (timed ? 0 : PROJECT_PRIORITY.indexOf(spec.project.name));
    return [...byBase].sort((a, b) => duration(b) - duration(a) || priority(a) - priority(b) || position.get(a)! - position.get(b)!);
  }
}
