import { seededRandom } from '@sla/shared/random/seeded.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

// A year of the facts the credit engine reads (docs/case-file.md) for `contracts`
// contracts over `components` components, seeded, written straight into the
// tables the operators' API writes: for `bench api` and the ledger's tests
// (issue #13). The API is the real way in, but every write through it
// re-runs the engine. What a year looks like here:
// - contracts: 1–4 components each, uniformly; active from the start of the
//   year (a fifth after a month of deployment, one in twenty paused for a
//   fortnight); four time zones, so verdicts differ by zone; fees 50 M–2 B VND;
//   a third paid as renewal time.
// - outages: about two a week per component, 1 min–4 h, a fifth major, a
//   third partial, the rest degraded; 2 % with a class override.
// - maintenance windows: one a fortnight per component (a quarter also on the
//   next component), infrastructure at 22:30–00:30 Vietnam time announced
//   48 h ahead, one in ten announced too late; nightly backups on top, weekly.
// - force majeure: four events over every component, 2–8 h, approved.
// - bugs: a third of the contracts, 1–3 bugs of 1–5 occurrences, fixed.
// Probe results are not read by the engine (it reads outages), so none are
// written.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = ['Asia/Ho_Chi_Minh', 'Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'Asia/Singapore', 'Asia/Tokyo'];

export interface ContractYear {
  contractIds: string[];
  componentIds: string[];
  /** How many contracts cover each component. */
  coverage: Record<string, number>;
  outageIds: number[];
  windowIds: number[];
  counts: Record<string, number>;
}

export const componentId = (c: number) => `c-${String(c).padStart(3, '0')}`;

/** Seeds the year ending at `now`; the components must exist already (syncCatalog). */
export async function seedContractYear(db: Kysely<Database>, o: { contracts: number; components: number; now: number; seed?: number }): Promise<ContractYear> {
  const random = seededRandom(o.seed ?? 13);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const start = o.now - 365 * DAY;
  const componentIds = Array.from({ length: o.components }, (_, c) => componentId(c));
  const counts: Record<string, number> = {};
  const insert = async <T extends keyof Database & string>(table: T, rows: readonly object[]) => {
    counts[table] = (counts[table] ?? 0) + rows.length;
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto(table).values(rows.slice(i, i + 1000) as never).execute();
  };

  const coverage: Record<string, number> = Object.fromEntries(componentIds.map((c) => [c, 0]));
  const contractIds = Array.from({ length: o.contracts }, (_, i) => `K-${String(i).padStart(4, '0')}`);
  const covers: Array<{ contract_id: string; component_id: string }> = [];
  const states: Array<{ contract_id: string; state: 'deployment' | 'active' | 'paused'; effective_at: Date; recorded_by: string }> = [];
  await insert(
    'contracts',
    contractIds.map((id) => ({
      id,
      customer: `Customer ${id}`,
      time_zone: pick(ZONES),
      annual_fee_vnd: String(50_000_000n + BigInt(Math.floor(random() * 1950)) * 1_000_000n),
      credit_as: random() < 1 / 3 ? 'renewal' : 'license',
      updated_at: new Date(start),
    })),
  );
  for (const id of contractIds) {
    const chosen = new Set<string>();
    const wanted = 1 + Math.floor(random() * 4);
    while (chosen.size < Math.min(wanted, o.components)) chosen.add(pick(componentIds));
    for (const component of [...chosen].sort()) {
      covers.push({ contract_id: id, component_id: component });
      coverage[component]!++;
    }
    const state = (s: 'deployment' | 'active' | 'paused', at: number) => states.push({ contract_id: id, state: s, effective_at: new Date(at), recorded_by: 'bench' });
    const deployed = random() < 0.2;
    if (deployed) state('deployment', start);
    state('active', start + (deployed ? 30 * DAY : 0));
    if (random() < 0.05) {
      const pausedAt = start + Math.floor(60 + random() * 240) * DAY;
      state('paused', pausedAt);
      state('active', pausedAt + 14 * DAY);
    }
  }
  await insert('contract_components', covers);
  await insert('contract_states', states);

  const outages = [];
  for (const component of componentIds) {
    // Exponential gaps, about two outages a week; outages of one component never overlap (the tracker opens one at a time).
    for (let t = start - Math.log(1 - random()) * 3.5 * DAY; t < o.now - DAY; ) {
      const length = 60_000 + Math.floor(random() ** 2 * 4 * HOUR);
      const r = random();
      outages.push({
        component_id: component,
        impact: r < 0.2 ? ('major_outage' as const) : r < 0.53 ? ('partial_outage' as const) : ('degraded' as const),
        started_at: new Date(t),
        ended_at: new Date(t + length),
        failure_kind: 'timeout',
        ...(random() < 0.02 ? { class_override: pick(['very_critical', 'critical', 'normal'] as const), class_reason: 'customer escalation' } : {}),
      });
      t += length + 60_000 - Math.log(1 - random()) * 3.5 * DAY;
    }
  }
  counts.outages = outages.length;
  const outageIds: number[] = [];
  for (let i = 0; i < outages.length; i += 1000)
    outageIds.push(...(await db.insertInto('outages').values(outages.slice(i, i + 1000)).returning('id').execute()).map((r) => r.id));

  const windows: Array<{ kind: 'infrastructure' | 'backup'; title: string; starts_at: Date; ends_at: Date; created_at: Date; components: string[] }> = [];
  // 22:30 in Vietnam (UTC+7) is 15:30 UTC.
  const evening = (day: number) => start + day * DAY - (start % DAY) + 15.5 * HOUR;
  for (const [c, component] of componentIds.entries())
    for (let day = 1 + (c % 14); day < 364; day += 14) {
      const startsAt = evening(day);
      const late = random() < 0.1;
      const also = random() < 0.25 ? [componentIds[(c + 1) % componentIds.length]!] : [];
      windows.push({ kind: 'infrastructure', title: `Network upgrade ${component}/${day}`, starts_at: new Date(startsAt), ends_at: new Date(startsAt + 2 * HOUR), created_at: new Date(startsAt - (late ? 6 : 48) * HOUR), components: [...new Set([component, ...also])] });
    }
  // Weekly backups 01:00–02:30 Vietnam time (18:00 UTC the day before), over a rotating fifth of the components.
  for (let day = 3; day < 364; day += 7) {
    const startsAt = start + day * DAY - (start % DAY) + 18 * HOUR;
    const first = Math.floor(random() * o.components);
    const over = Array.from({ length: Math.max(1, Math.floor(o.components / 5)) }, (_, k) => componentIds[(first + k) % o.components]!);
    windows.push({ kind: 'backup', title: `Backup ${day}`, starts_at: new Date(startsAt), ends_at: new Date(startsAt + 1.5 * HOUR), created_at: new Date(startsAt - DAY), components: over });
  }
  counts.maintenance_windows = windows.length;
  const windowIds: number[] = [];
  for (let i = 0; i < windows.length; i += 500) {
    const batch = windows.slice(i, i + 500);
    const ids = (await db.insertInto('maintenance_windows').values(batch.map(({ components: _, ...w }) => ({ ...w, created_by: 'bench', updated_at: w.created_at }))).returning('id').execute()).map((r) => r.id);
    windowIds.push(...ids);
    await insert('maintenance_components', batch.flatMap((w, k) => w.components.map((component_id) => ({ window_id: ids[k]!, component_id }))));
    await insert('maintenance_notices', batch.map((w, k) => ({ window_id: ids[k]!, sent_at: w.created_at, channel: 'status_page', recorded_by: 'bench' })));
  }

  await insert(
    'force_majeure',
    [50, 140, 230, 320].map((day) => {
      const startsAt = start + day * DAY + Math.floor(random() * DAY);
      return { category: 'telecom_cable', description: `Cable cut on day ${day}`, evidence: 'https://example.com/news', components: null, starts_at: new Date(startsAt), ends_at: new Date(startsAt + (2 + Math.floor(random() * 6)) * HOUR), declared_by: 'bench-a', approved_by: 'bench-b', approved_at: new Date(startsAt + DAY) };
    }),
  );

  for (const contract of contractIds) {
    if (random() >= 1 / 3) continue;
    for (let b = Math.floor(1 + random() * 3); b > 0; b--) {
      const bug = await db.insertInto('bugs').values({ contract_id: contract, title: `Report export fails (${b})`, created_by: 'bench' }).returning('id').executeTakeFirstOrThrow();
      counts.bugs = (counts.bugs ?? 0) + 1;
      let at = start + Math.floor(random() * 300) * DAY;
      const occurrences = [];
      for (let n = Math.floor(1 + random() * 5); n > 0 && at < o.now - 2 * DAY; n--) {
        const fixedAt = Math.min(o.now - DAY, at + Math.floor(random() * 3 * DAY));
        occurrences.push({ bug_id: bug.id, reported_at: new Date(at), fixed_at: new Date(fixedAt), recorded_by: 'bench' });
        at = fixedAt + Math.floor(random() * 20) * DAY;
      }
      if (occurrences.length > 0) await insert('bug_occurrences', occurrences);
    }
  }
  return { contractIds, componentIds, coverage, outageIds, windowIds, counts };
}
