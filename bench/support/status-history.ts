// bench/ is not a workspace package: it reaches the daemon by path.
import type { Kysely } from '../../daemon/node_modules/kysely/dist/index.js';
import type { Database } from '../../daemon/src/db/database.ts';
import { backdateComponents } from '../../daemon/src/public/testing.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * 90 days of history for `count` components, seeded (a fixed PRNG): about 8
 * outages each (a third partial, a sixth degraded, the rest major; 5 min to
 * 3 h), a valid nightly backup window over 20 components every third day,
 * two force-majeure events over everything, a daemon restart nobody watched
 * through, and 60 incidents with their updates.
 */
export async function seedHistory(db: Kysely<Database>, count: number, now: number): Promise<void> {
  let state = 42;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const ids = Array.from({ length: count }, (_, c) => `c${c}`);
  await backdateComponents(db, new Date(now - 100 * DAY));

  const outages = ids.flatMap((component) =>
    Array.from({ length: 8 }, () => {
      const start = now - 90 * DAY + Math.floor(random() * 89 * DAY);
      const r = random();
      return { component_id: component, impact: r < 0.33 ? ('partial_outage' as const) : r < 0.5 ? ('degraded' as const) : ('major_outage' as const), started_at: new Date(start), ended_at: new Date(start + 5 * 60_000 + Math.floor(random() * 3 * HOUR)), failure_kind: 'timeout', failure_message: 'internal detail' };
    }),
  );
  // Outages of one component must not overlap (one open at a time is a database rule; closed ones may, but the tracker never writes that).
  const byComponent = new Map<string, typeof outages>();
  for (const o of outages) byComponent.set(o.component_id, [...(byComponent.get(o.component_id) ?? []), o]);
  const kept = [...byComponent.values()].flatMap((list) => list.sort((a, b) => a.started_at.getTime() - b.started_at.getTime()).filter((o, i, all) => i === 0 || o.started_at >= all[i - 1]!.ended_at!));
  for (let i = 0; i < kept.length; i += 500) await db.insertInto('outages').values(kept.slice(i, i + 500)).execute();

  for (let day = 89; day >= 1; day -= 3) {
    const night = Temporal.Instant.fromEpochMilliseconds(now - day * DAY).toZonedDateTimeISO('Asia/Ho_Chi_Minh').toPlainDate().toZonedDateTime({ timeZone: 'Asia/Ho_Chi_Minh', plainTime: '01:00' });
    const { id } = await db
      .insertInto('maintenance_windows')
      .values({ kind: 'backup', title: `Nightly backup ${day}`, starts_at: new Date(night.epochMilliseconds), ends_at: new Date(night.epochMilliseconds + 2 * HOUR), created_by: 'bench', updated_at: new Date(night.epochMilliseconds - DAY) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const first = Math.floor(random() * count);
    await db.insertInto('maintenance_components').values(Array.from({ length: Math.min(20, count) }, (_, k) => ({ window_id: id, component_id: ids[(first + k) % count]! }))).execute();
    await db.insertInto('maintenance_notices').values({ window_id: id, sent_at: new Date(night.epochMilliseconds - DAY), channel: 'status_page', provenance: 'declared', recorded_by: 'bench' }).execute();
  }
  for (const day of [40, 12])
    await db
      .insertInto('force_majeure')
      .values({ category: 'telecom_cable', description: `Cable cut ${day} days ago`, components: null, starts_at: new Date(now - day * DAY), ends_at: new Date(now - day * DAY + 6 * HOUR), declared_by: 'a', approved_by: 'b', approved_at: new Date(now - day * DAY) })
      .execute();
  await db.insertInto('unknown_periods').values(ids.map((_, c) => ({ monitor_id: `m${c}`, started_at: new Date(now - 30 * DAY), ended_at: new Date(now - 30 * DAY + 20 * 60_000), reason: 'daemon_down' as const }))).execute();
  for (let n = 0; n < 60; n++) {
    const at = now - 89 * DAY + Math.floor(random() * 88 * DAY);
    const resolved = n < 59;
    const { id } = await db
      .insertInto('incidents')
      .values({ title: `Incident ${n}`, status: resolved ? 'resolved' : 'investigating', impact: n % 3 === 0 ? 'major' : 'minor', created_by: 'bench', created_at: new Date(at), updated_at: new Date(at + HOUR), resolved_at: resolved ? new Date(at + HOUR) : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('incident_components').values({ incident_id: id, component_id: ids[n % count]! }).execute();
    await db
      .insertInto('incident_updates')
      .values([
        { incident_id: id, status: 'investigating', body: 'We are looking into it.', affected_components: '[]', author: 'bench', created_at: new Date(at) },
        ...(resolved ? [{ incident_id: id, status: 'resolved' as const, body: 'Fixed.', affected_components: '[]', author: 'bench', created_at: new Date(at + HOUR) }] : []),
      ])
      .execute();
  }
}
