import { Counter, Gauge, type Registry } from 'prom-client';

/** One sample: label values by name, and the value. */
export type Sample<L extends string> = [labels: Record<L, string>, value: number];

interface FamilySpec<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  /** Read at scrape time; undefined (nothing loaded yet) leaves the family without samples. */
  samples: () => Promise<ReadonlyArray<Sample<L>> | undefined> | ReadonlyArray<Sample<L>> | undefined;
}

/** A gauge whose samples are read at scrape time rather than set as things happen. */
export function collectedGauge<L extends string>(registry: Registry, spec: FamilySpec<L>): Gauge<L> {
  return new Gauge<L>({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames,
    registers: [registry],
    async collect() {
      const samples = await spec.samples();
      this.reset();
      for (const [labels, value] of samples ?? []) this.set(labels as never, value);
    },
  });
}

/**
 * A counter whose totals are read at scrape time (sums over database rows).
 * Such a total can go down when a record is revised (a class override, a
 * withdrawn fact): Prometheus then sees a counter reset, which is rare and
 * visible, and better than a gauge nobody can rate().
 */
export function collectedCounter<L extends string>(registry: Registry, spec: FamilySpec<L>): Counter<L> {
  return new Counter<L>({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames,
    registers: [registry],
    async collect() {
      const samples = await spec.samples();
      this.reset();
      for (const [labels, value] of samples ?? []) this.inc(labels as never, Math.max(0, value));
    },
  });
}
