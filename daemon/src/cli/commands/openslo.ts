import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { formatProblem, type ComponentConfig } from '@sla/shared';
import { loadConfigFile } from '../../config/load.ts';
import type { CliCommand } from '../command.ts';

const USAGE = 'usage: sla openslo [--config FILE] [--out DIR] [--target 0.999] [--window 30d]\n';

/**
 * `pnpm sla openslo` (issue #6): OpenSLO v1 Service, SLI and SLO objects for
 * each core component's availability, measured as /metrics does: probes of
 * its monitors up or degraded over probes with a known result. Without
 * --out, one YAML stream on stdout; with it, DIR/COMPONENT.yaml each.
 * The contract states no availability percentage (it pays credits instead),
 * so the target is ours to choose: --target, default 0.999.
 */
export const command: CliCommand = {
  summary: 'write OpenSLO Service/SLI/SLO objects for each core component (--out DIR, else stdout)',
  async run(args, io) {
    let values: { config?: string; out?: string; target: string; window: string };
    try {
      values = parseArgs({
        args,
        options: { config: { type: 'string' }, out: { type: 'string' }, target: { type: 'string', default: '0.999' }, window: { type: 'string', default: '30d' } },
      }).values as typeof values;
    } catch (error) {
      io.stderr(`${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    const target = Number(values.target);
    if (!(target > 0 && target < 1)) return usage(io, `--target: must be a ratio between 0 and 1 (exclusive), not ${values.target}`);
    if (!/^[1-9]\d*[mhdw]$/.test(values.window)) return usage(io, `--window: must be a duration like 28d, 4w or 720h, not ${values.window}`);

    const file = values.config ?? io.env.SLA_CONFIG ?? 'sla.yaml';
    const loaded = await loadConfigFile(resolve(io.cwd, file), io.env);
    if (!loaded.ok) {
      for (const p of loaded.problems) io.stderr(`${formatProblem({ ...p, file })}\n`);
      return 2;
    }
    const core = loaded.config.components.filter((c) => c.tier === 'core');
    const names = new Map<string, string>();
    for (const c of core) {
      const name = objectName(c.id);
      const clash = names.get(name);
      if (clash !== undefined) {
        io.stderr(`components ${clash} and ${c.id} both become the OpenSLO name ${name}: rename one\n`);
        return 2;
      }
      names.set(name, c.id);
    }

    const streams = core.map((c) => ({ name: objectName(c.id), text: openSloObjects(c, target, values.window).map((o) => stringify(o, { lineWidth: 0 })).join('---\n') }));
    if (values.out === undefined) {
      io.stdout(streams.map((s) => s.text).join('---\n'));
      return 0;
    }
    const dir = resolve(io.cwd, values.out);
    await mkdir(dir, { recursive: true });
    for (const s of streams) {
      await writeFile(join(dir, `${s.name}.yaml`), s.text);
      io.stdout(`${join(values.out, `${s.name}.yaml`)}\n`);
    }
    return 0;
  },
};

function usage(io: { stderr: (t: string) => void }, message: string): number {
  io.stderr(`${message}\n${USAGE}`);
  return 2;
}

/** OpenSLO names are DNS labels (RFC 1123): our ids also allow "." and "_". */
function objectName(id: string): string {
  return id.replace(/[._]/g, '-').replace(/-+$/, '').slice(0, 50);
}

/** The Service, SLI and SLO of one core component, in that order (a tuple, so each keeps its shape). */
export function openSloObjects(c: ComponentConfig, target: number, window: string) {
  const name = objectName(c.id);
  const probes = (results: string) =>
    `sum(sla_probes_total{result=~"${results}"} * on (monitor) group_left (component) sla_monitor_info{component="${c.id}"})`;
  const source = (query: string) => ({ metricSource: { type: 'Prometheus', spec: { query } } });
  return [
    { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name, displayName: c.name }, spec: { description: c.description ?? `${c.name}, a core component: its outages earn credits (SLA §C.5).` } },
    {
      apiVersion: 'openslo/v1',
      kind: 'SLI',
      metadata: { name: `${name}-availability`, displayName: `${c.name} availability` },
      spec: {
        description: 'Probes of the component that found it up or degraded, over probes with a known result (SLA Ledger /metrics).',
        ratioMetric: { counter: true, good: source(probes('up|degraded')), total: source(probes('up|degraded|down')) },
      },
    },
    {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: `${name}-availability`, displayName: `${c.name} availability` },
      spec: {
        description: `${c.name} is up or degraded for ${Number((target * 100).toPrecision(12))}% of known probes over a rolling ${window}.`,
        service: name,
        indicatorRef: `${name}-availability`,
        timeWindow: [{ duration: window, isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ displayName: 'Available', target }],
      },
    },
  ] as const;
}
