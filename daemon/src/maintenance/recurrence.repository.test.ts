import { parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { addNotice, createWindow, skipDate } from './maintenance.repository.ts';

// Issue #16 (migration 2026-12-07T1810): a recurring window's rule and skipped
// dates are stored whole, and a skipped date is a change a calendar shows, so
// it raises the revision (RFC 5545 SEQUENCE, issue #19) where a notice does not.

const AT = new Date('2026-03-01T00:00:00Z');
const parsed = parseConfig('components:\n  - { id: app, name: App, tier: core }\n', 'test.yaml');
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const { config } = parsed;
const nightly = {
  kind: 'backup' as const,
  title: 'Nightly backup',
  description: '',
  components: ['app'],
  startsAt: new Date('2026-03-01T00:30:00+07:00'),
  endsAt: new Date('2026-03-01T02:30:00+07:00'),
  recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Asia/Ho_Chi_Minh', duration: 'PT2H' },
};

describe.each(testDatabaseKinds())('recurring windows in the database on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await syncCatalog(opened.db, config, AT);
  });
  afterAll(() => opened?.close());
  const revision = async (id: number) => (await opened.db.selectFrom('maintenance_windows').select('revision').where('id', '=', id).executeTakeFirstOrThrow()).revision;

  it('keeps the rule, and each skipped date once, in date order, raising the revision', async () => {
    const window = await createWindow(opened.db, nightly, 'ops-a', AT);
    expect(window.recurrence).toEqual({ rrule: 'FREQ=DAILY', timeZone: 'Asia/Ho_Chi_Minh', duration: 'PT2H', exdates: [] });
    await addNotice(opened.db, window.id, AT, 'email', 'ops-a', AT);
    expect(await revision(window.id)).toBe(0);
    const always = () => true;
    expect((await skipDate(opened.db, window.id, '2026-03-05', always, 'ops-a', AT)) as { recurrence: unknown }).toMatchObject({ recurrence: { exdates: ['2026-03-05'] } });
    expect((await skipDate(opened.db, window.id, '2026-03-03', always, 'ops-b', AT)) as { recurrence: unknown }).toMatchObject({ recurrence: { exdates: ['2026-03-03', '2026-03-05'] } });
    expect(await skipDate(opened.db, window.id, '2026-03-03', always, 'ops-b', AT)).toBe('already');
    expect(await skipDate(opened.db, window.id, '2026-03-04', () => false, 'ops-b', AT)).toBe('no_occurrence');
    expect(await revision(window.id)).toBe(2);
  });

  it('refuses a rule without its zone or length, and skipped dates on a window that does not recur', async () => {
    const once = await createWindow(opened.db, { ...nightly, recurrence: undefined }, 'ops-a', AT);
    expect(once.recurrence).toBeNull();
    expect(await skipDate(opened.db, once.id, '2026-03-01', () => true, 'ops-a', AT)).toBe('not_recurring');
    await expect(opened.db.updateTable('maintenance_windows').set({ rrule: 'FREQ=DAILY' }).where('id', '=', once.id).execute()).rejects.toThrow(/maintenance_recurrence_whole/);
    await expect(opened.db.updateTable('maintenance_windows').set({ exdates: ['2026-03-01'] }).where('id', '=', once.id).execute()).rejects.toThrow(/maintenance_recurrence_whole/);
  });
});
