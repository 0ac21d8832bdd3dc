import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContract } from '../contracts/contract.repository.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { createBug, recordFix, recordOccurrence } from './bug.repository.ts';

const at = (day: number) => new Date(Date.UTC(2025, 2, day));

describe.each(testDatabaseKinds())('bug occurrences on %s', (kind) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await opened.db.insertInto('components').values({ id: 'app', name: 'App', group_name: null, tier: 'core', description: null, position: 0, updated_at: at(1) }).execute();
    await createContract(opened.db, { id: 'C-1', customer: 'Khách hàng', timeZone: 'Asia/Ho_Chi_Minh', annualFeeVnd: '36500000', components: ['app'], creditAs: 'renewal', states: [{ state: 'active', from: at(1) }] }, 'ops-a');
  });
  afterAll(async () => opened?.close());

  // Issue #12: `bugs fix ID N` took a report's row id, so a duplicate report
  // folded into occurrence 1 made "fix 2" touch occurrence 1 again.
  it('fixes an occurrence by its number, as the engine counts them, past a folded duplicate', async () => {
    const bug = await createBug(opened.db, 'C-1', 'Bảng lương tính sai', 'ops-a');
    await recordOccurrence(opened.db, bug.id, at(2), 'ops-a');
    await recordOccurrence(opened.db, bug.id, at(3), 'ops-a'); // the same occurrence, reported again before its fix
    expect(await recordFix(opened.db, bug.id, 1, at(4), 'ops-a')).toMatchObject({ occurrences: [{ occurrence: 1 }, { occurrence: 1 }] });
    await recordOccurrence(opened.db, bug.id, at(5), 'ops-a');
    const fixed = await recordFix(opened.db, bug.id, 2, at(6), 'ops-a');
    expect(fixed).toMatchObject({
      occurrences: [
        { occurrence: 1, reportedAt: at(2).toISOString() },
        { occurrence: 1, reportedAt: at(3).toISOString(), fixedAt: at(4).toISOString() },
        { occurrence: 2, reportedAt: at(5).toISOString(), fixedAt: at(6).toISOString() },
      ],
    });
    expect(await recordFix(opened.db, bug.id, 2, at(7), 'ops-a')).toBe('already_fixed');
    expect(await recordFix(opened.db, bug.id, 3, at(7), 'ops-a')).toBe('not_found');
  });

  it('takes a fix recorded late, making a report after it a recurrence, and refuses one before the first report', async () => {
    const bug = await createBug(opened.db, 'C-1', 'Xuất báo cáo lỗi', 'ops-a');
    await recordOccurrence(opened.db, bug.id, at(2), 'ops-a');
    await recordOccurrence(opened.db, bug.id, at(4), 'ops-a');
    expect(await recordFix(opened.db, bug.id, 1, at(1), 'ops-a')).toBe('before_report');
    expect(await recordFix(opened.db, bug.id, 1, at(3), 'ops-a')).toMatchObject({
      occurrences: [
        { occurrence: 1, reportedAt: at(2).toISOString(), fixedAt: at(3).toISOString() },
        { occurrence: 2, reportedAt: at(4).toISOString(), fixedAt: null },
      ],
    });
  });
});
