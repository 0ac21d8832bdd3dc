import { parseCaseFile } from '@sla/shared';
import { z } from 'zod';
import type { App } from '../app-type.ts';
import { importCaseFile } from '../../facts/import.repository.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { title } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';

// The case file is checked by the shared case-file parser (docs/case-file.md), which names each problem by its path.
const importBody = z.strictObject({
  caseFile: z.record(z.string(), z.unknown()).describe('A case file (docs/case-file.md); its ids are the facts\' keys'),
  source: title.describe('Where the file comes from: the evidence of each imported outage, in the audit log of every fact'),
});
const count = z.number().int().min(0);
const imported = z.strictObject({
  contractStates: count,
  outages: count,
  maintenance: count,
  forceMajeure: count,
  bugs: count,
  bugOccurrences: count,
  breaches: count,
  tickets: count,
  unchanged: count.describe('Facts an earlier import of the same ids already holds'),
});

export const factSpecs = {
  import: {
    method: 'post', path: '/api/v1/facts/import', role: 'admin', summary: "Import a case file's facts for historical data, all or nothing; importing it again changes nothing (docs/contract.md §1.5)",
    cli: ['facts', 'import'], body: importBody, response: imported,
  },
} as const satisfies Record<string, RouteSpec>;

/**
 * POST /api/v1/facts/import (docs/contract.md §1.5): a case file's facts into
 * the stores. Admin only: it writes approvals made elsewhere (force majeure,
 * breaches) that lower or raise money without a second person here — the
 * audit log names the importer and the source of every fact.
 */
export function factsRoute(app: App, deps: ServerDeps): void {
  on(app, deps.db, factSpecs.import, async (c, { body }) => {
    const parsed = parseCaseFile(body.caseFile);
    if (!parsed.ok) throw new ApiError('bad_request', 'invalid case file', parsed.problems.map((p) => `caseFile.${p}`));
    const { name } = c.get('actor');
    const result = await importCaseFile(deps.db, parsed.caseFile, body.source, name, new Date(deps.now()));
    if (!result.ok) throw new ApiError('bad_request', 'the case file does not fit the stored facts; nothing was imported', result.problems.map((p) => `caseFile.${p}`));
    const { unchanged, ...written } = result.counts;
    if (Object.values(written).some((n) => n > 0)) await deps.ledger.recomputeForComponents('all', name);
    return reply(c, factSpecs.import, result.counts);
  });
}
