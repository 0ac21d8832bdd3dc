import { computeStatement, parseCaseFile, parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase, testDatabaseKinds } from '../db/testing.ts';
import { buildCaseFile, ref } from './case-builder.ts';
import { allContractIds } from './recompute.ts';
import { componentId, seedContractYear, type ContractYear } from './testing.ts';
import { windowVerdicts, type ContractVerdict } from './window-verdicts.ts';

// Issue #13: a window's verdicts come from a case file of the window and the
// contracts it touches; they must be the verdicts each contract's full case
// file (a year of facts) gives, contract by contract in id order.

const NOW = Date.parse('2026-10-01T00:00:00Z');
const parsed = parseConfig(`components:\n${Array.from({ length: 5 }, (_, c) => `  - { id: ${componentId(c)}, name: C${c}, tier: core }`).join('\n')}\n`, 'test.yaml');
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const { config } = parsed;

describe.each(testDatabaseKinds())('maintenance verdicts on %s', (kind) => {
  let opened: OpenedDatabase;
  let year: ContractYear;
  /** Verdicts per window ref, from every contract's full case file, in contract id order. */
  const full = new Map<string, ContractVerdict[]>();

  beforeAll(async () => {
    opened = await openTestDatabase(kind);
    await syncCatalog(opened.db, config, new Date(NOW));
    year = await seedContractYear(opened.db, { contracts: 30, components: 5, now: NOW });
    // 22:30 in Vietnam is 21:00 in India: before infrastructure work may start there (SLA §C.1), so zones disagree.
    await opened.db.updateTable('contracts').set({ time_zone: 'Asia/Kolkata' }).where('id', 'like', '%3').execute();
    for (const id of await allContractIds(opened.db)) {
      const caseFile = parseCaseFile(await buildCaseFile(opened.db, id, config.policy));
      if (!caseFile.ok) throw new Error(caseFile.problems.join('\n'));
      for (const v of computeStatement(caseFile.caseFile).contracts[0]!.maintenance) full.set(v.ref, [...(full.get(v.ref) ?? []), { contract: id, valid: v.valid, violations: v.violations }]);
    }
  });
  afterAll(() => opened?.close());

  it('equals, for every seeded window, the verdicts of each contract’s full case file', async () => {
    for (const id of year.windowIds) expect(await windowVerdicts(opened.db, id, config.policy), `window ${id}`).toEqual(full.get(ref.maintenance(id)) ?? []);
    // The seeded year has windows valid and invalid, and windows that contracts in other time zones judge differently.
    const all = [...full.values()];
    expect(all.flat().some((v) => v.valid)).toBe(true);
    expect(all.flat().some((v) => !v.valid)).toBe(true);
    expect(all.some((list) => new Set(list.map((v) => v.valid)).size === 2)).toBe(true);
  });

  it('has none for a cancelled window, which is in no case file', async () => {
    const id = year.windowIds[0]!;
    expect((await windowVerdicts(opened.db, id, config.policy)).length).toBeGreaterThan(0);
    await opened.db.updateTable('maintenance_windows').set({ cancelled_at: new Date(NOW), cancelled_by: 'ops' }).where('id', '=', id).execute();
    expect(await windowVerdicts(opened.db, id, config.policy)).toEqual([]);
  });
});
