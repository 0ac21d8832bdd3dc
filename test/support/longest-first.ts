import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Without a timing of the last run (a fresh checkout), the end-to-end files
// (daemons that start and die, a database stopped) go before the others.
const PROJECT_PRIORITY = ['end-to-end', 'browser', 'database', 'unit'];

/**
 * Issue #13: the longest files first, whichever project they are in. Vitest's
 * own order runs the projects one after another by name, so the kill -9 loop,
 * a third of the suite's wall time, began after the browser and database files
 * and ended long after everything else.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const byBase = await super.sort(files); // within each project: failed first, then by last duration, or size
    const position = new Map(byBase.map((spec, i) => [spec, i]));
    const last = (spec: TestSpecification) => this.ctx.cache.getTestSpecificationResult(spec);
    // A file never timed goes first, as in vitest's own order: it may be the longest.
    const duration = (spec: TestSpecification) => last(spec)?.duration ?? Infinity;
    const failed = (spec: TestSpecification) => Number(last(spec)?.failed ?? false);
    const priority = (spec: TestSpecification) => PROJECT_PRIORITY.indexOf(spec.project.name);
    return [...byBase].sort((a, b) => failed(b) - failed(a) || duration(b) - duration(a) || priority(a) - priority(b) || position.get(a)! - position.get(b)!);
  }
}
