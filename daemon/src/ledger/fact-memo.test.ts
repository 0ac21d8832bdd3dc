import { parseCaseFile, parseConfig } from '@sla/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../catalog/catalog.repository.ts';
import type { OpenedDatabase } from '../db/open.ts';
import { openTestDatabase } from '../db/testing.ts';
import { buildCaseFileOf, type BuiltCaseFile } from './case-builder.ts';
import { entryMemo } from './entry-memo.ts';
import { factMemo } from './fact-memo.ts';
import { allContractIds } from './recompute.ts';
import { componentId, seedContractYear } from './testing.ts';

// Issue #13: factMemo must give what parseCaseFile gives for the ledger's case
// files — the same parsed file, or the same problems — however the facts it
// remembers change in between. The year's entries come from an entryMemo, as
// the daemon's do: deeply frozen, which is what factMemo remembers.

const NOW = Date.parse('2026-10-01T00:00:00Z');
const config = parseConfig(`components:\n${Array.from({ length: 6 }, (_, c) => `  - { id: ${componentId(c)}, name: C${c}, tier: core }`).join('\n')}\n`, 'test.yaml');

describe('factMemo', () => {
  let opened: OpenedDatabase;
  let year: BuiltCaseFile;
  beforeAll(async () => {
    if (!config.ok) throw new Error(config.problems.join('\n'));
    opened = await openTestDatabase('pglite');
    await syncCatalog(opened.db, config.config, new Date(NOW - 400 * 86_400_000));
    await seedContractYear(opened.db, { contracts: 40, components: 6, now: NOW });
    year = await buildCaseFileOf(opened.db, await allContractIds(opened.db), config.config.policy, { creditLinesOnly: true, entries: entryMemo() });
  });
  afterAll(async () => opened?.close());

  /** The file with outage `o` and window `w` changed by `change`, the changed ones frozen as entryMemo's are. */
  const changed = (change: { outage?: Partial<BuiltCaseFile['outages'][number]>; window?: Partial<BuiltCaseFile['maintenance'][number]>; at?: number }) => {
    const at = change.at ?? 3;
    const frozenWindow = (w: BuiltCaseFile['maintenance'][number]) => {
      Object.freeze(w.components);
      Object.freeze(w.notices);
      return Object.freeze(w);
    };
    return {
      ...year,
      outages: year.outages.map((o, i) => (i === at && change.outage ? Object.freeze({ ...o, ...change.outage }) : o)),
      maintenance: year.maintenance.map((w, i) => (i === at && change.window ? frozenWindow({ ...w, ...change.window }) : w)),
    };
  };

  it('parses a year as parseCaseFile does, the first time and from memory', () => {
    const parse = factMemo();
    expect(year.outages.length).toBeGreaterThan(50);
    expect(year.maintenance.length).toBeGreaterThan(50);
    const fresh = parseCaseFile(year);
    expect(fresh.ok).toBe(true);
    const first = parse(year);
    expect(first).toEqual(fresh);
    const again = parse(year);
    expect(again).toEqual(fresh);
    // From memory indeed: the very objects parsed the first time.
    if (!first.ok || !again.ok) throw new Error('not parsed');
    expect(again.caseFile.outages.every((o, i) => o === first.caseFile.outages[i])).toBe(true);
    expect(again.caseFile.maintenance.every((w, i) => w === first.caseFile.maintenance[i])).toBe(true);
  });

  it('parses again an entry that is not deeply frozen, since it can change under it', () => {
    const parse = factMemo();
    const outages = year.outages.map((o) => ({ ...o }));
    const maintenance = year.maintenance.map((w) => Object.freeze({ ...w, notices: [...w.notices] }));
    const file = { ...year, outages, maintenance };
    expect(parse(file)).toEqual(parseCaseFile(file));
    outages[3]!.end = '2026-09-30T23:59:59.000Z';
    maintenance[3]!.notices.push('2026-04-01T00:00:00.000Z');
    const now = parseCaseFile(file);
    expect(now).not.toEqual(parseCaseFile(year));
    expect(parse(file)).toEqual(now);
  });

  it.each([
    ['an outage ending later', { outage: { end: '2026-09-30T23:59:59.000Z' } }],
    ['an outage reclassified', { outage: { class: 'critical' as const } }],
    ['a window moved', { window: { start: '2026-05-01T15:30:00.000Z', end: '2026-05-01T17:30:00.000Z' } }],
    ['a window announced again', { window: { notices: ['2026-04-01T00:00:00.000Z', '2026-04-02T00:00:00.000Z'] } }],
    ['a window on other components', { window: { components: [componentId(0), componentId(5)] } }],
  ])('%s: the new fact, not the remembered one', (_, change) => {
    const parse = factMemo();
    parse(year);
    const file = changed(change);
    const fresh = parseCaseFile(file);
    expect(fresh.ok).toBe(true);
    expect(parse(file)).toEqual(fresh);
    expect(parse(file)).not.toEqual(parseCaseFile(year));
    expect(parse(year)).toEqual(parseCaseFile(year));
  });

  /** The file without a component in the catalog or any contract: only its facts still name it. */
  const without = (f: BuiltCaseFile, gone: string) => ({
    ...f,
    components: f.components.filter((c) => c.id !== gone),
    contracts: f.contracts.map((c) => ({ ...c, components: c.components.filter((id) => id !== gone) })),
  });

  it.each([
    ['a remembered outage on a component gone from the catalog', (f: BuiltCaseFile) => without(f, f.outages[3]!.component)],
    ['a remembered window on a component gone from the catalog', (f: BuiltCaseFile) => without(f, f.maintenance[3]!.components[0]!)],
    ['a remembered outage twice', (f: BuiltCaseFile) => ({ ...f, outages: [...f.outages, f.outages[3]!] })],
    ['a remembered window twice', (f: BuiltCaseFile) => ({ ...f, maintenance: [f.maintenance[3]!, ...f.maintenance] })],
    ['a new outage ending before it starts', (f: BuiltCaseFile) => changed({ outage: { end: f.outages[3]!.start.replace(/^\d{4}/, '2000') } })],
  ])('%s: parseCaseFile\'s problems', (_, spoil) => {
    const parse = factMemo();
    parse(year);
    const file = spoil(year);
    const fresh = parseCaseFile(file);
    expect(fresh.ok).toBe(false);
    expect(parse(file)).toEqual(fresh);
  });
});
