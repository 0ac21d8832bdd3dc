import { escapeLabelValue, familyHeader, formatValue, type MetricType } from './text-format.ts';

/** One sample: label values by name, and the value. */
export type Sample<L extends string> = [labels: Record<L, string>, value: number];

export interface FamilySpec<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  /** Read at scrape time; undefined (nothing loaded yet) writes nothing, not even the header. */
  samples: () => Promise<ReadonlyArray<Sample<L>> | undefined> | ReadonlyArray<Sample<L>> | undefined;
}

/**
 * Families whose samples are read at scrape time (the running config, the
 * tracker, the database) rather than counted as things happen. They grow
 * with the component count, so like the per-monitor ones they are written
 * by us (text-format.ts): through prom-client, 1,000 components cost ~45 ms
 * a scrape, written directly ~3 ms.
 */
export interface CollectedFamilies {
  gauge: <L extends string>(spec: FamilySpec<L>) => void;
  /**
   * A total read from records (sums over database rows). It can go down when
   * a record is revised (a class override, a withdrawn fact): Prometheus then
   * sees a counter reset, which is rare and visible, and better than a gauge
   * nobody can rate().
   */
  counter: <L extends string>(spec: FamilySpec<L>) => void;
  render: () => Promise<string>;
}

export function createCollectedFamilies(): CollectedFamilies {
  const families: Array<{ type: MetricType; spec: FamilySpec<string> }> = [];
  const add = (type: MetricType) => <L extends string>(spec: FamilySpec<L>) => void families.push({ type, spec: spec as unknown as FamilySpec<string> });
  return {
    gauge: add('gauge'),
    counter: add('counter'),
    render: async () => {
      const texts = await Promise.all(
        families.map(async ({ type, spec }) => {
          const samples = await spec.samples();
          if (samples === undefined) return '';
          const lines = [familyHeader(spec.name, type, spec.help)];
          for (const [labels, value] of samples) {
            const pairs = spec.labelNames.map((l) => `${l}="${escapeLabelValue(labels[l]!)}"`).join(',');
            lines.push(`${spec.name}${pairs === '' ? '' : `{${pairs}}`} ${formatValue(type === 'counter' ? Math.max(0, value) : value)}`);
          }
          return lines.join('\n');
        }),
      );
      return texts.filter((t) => t !== '').join('\n');
    },
  };
}
