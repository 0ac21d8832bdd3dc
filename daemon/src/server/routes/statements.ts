import { computeStatement, contractJson, parseCaseFile, type Statement } from '@sla/shared';
import { caseFileSchema } from '@sla/shared/case-file/schema.ts';
import { z } from 'zod';
import type { App } from '../app-type.ts';
import { buildCaseFile } from '../../ledger/case-builder.ts';
import { statementCsv, statementHtml } from '../../ledger/statement-formats.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { instant } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { statementView } from '../statement-view.ts';

const period = z
  .strictObject({ from: instant.optional(), to: instant.optional(), format: z.enum(['json', 'csv', 'html']).default('json') })
  .refine((p) => (p.from === undefined) === (p.to === undefined), { path: ['to'], message: 'give both from and to, or neither' })
  .refine((p) => p.from === undefined || p.to! > p.from, { path: ['to'], message: 'must be after from' });

export const statementSpecs = {
  case: { method: 'get', path: '/api/v1/contracts/:id/case', role: 'viewer', summary: 'The stored facts as a case file (docs/case-file.md): `sla credits --json` on it gives the ledger’s figures', cli: ['contracts', 'case'], query: period, response: caseFileSchema },
  statement: { method: 'get', path: '/api/v1/contracts/:id/statement', role: 'viewer', summary: 'The credit statement as JSON, CSV or a printable HTML page', cli: ['contracts', 'statement'], query: period, response: statementView, alsoAs: ['text/csv', 'text/html'] },
} as const satisfies Record<string, RouteSpec>;

/** The statement as docs/case-file.md "Output (--json)" writes it (issue #19: typed against the document's schema). */
const documentOf = (s: Statement): z.input<typeof statementView> => ({ policyVersion: s.policyVersion, contracts: s.contracts.map(contractJson) });

/**
 * GET /api/v1/contracts/:id/case — the stored facts as a case file, which
 * `pnpm sla credits --json` turns into exactly the ledger's figures; and
 * GET /api/v1/contracts/:id/statement?format=json|csv|html (private).
 */
export function statementsRoute(app: App, deps: ServerDeps): void {
  const load = async (id: string, q: { from?: Date; to?: Date; format: 'json' | 'csv' | 'html' }) => {
    const span = q.from && q.to ? { from: q.from, to: q.to } : undefined;
    // docs/contract.md §2: ticket clocks read now (or at the end of a past period), and the export
    // carries that instant so a replay reads them there too.
    const asOf = new Date(Math.min(deps.now(), span?.to.getTime() ?? Number.POSITIVE_INFINITY));
    const built = await buildCaseFile(deps.db, id, deps.config().policy, span, asOf);
    if (built === undefined) throw new ApiError('not_found', `no contract ${id}`);
    return { built, span, format: q.format };
  };
  on(app, deps.db, statementSpecs.case, async (c, { query }) => {
    const { built } = await load(c.req.param('id')!, query);
    return reply(c, statementSpecs.case, built);
  });
  on(app, deps.db, statementSpecs.statement, async (c, { query }) => {
    const id = c.req.param('id')!;
    const { built, span, format } = await load(id, query);
    const parsed = parseCaseFile(built);
    if (!parsed.ok) throw new Error(`stored facts of ${id} are not a valid case file: ${parsed.problems.join('; ')}`);
    const statement = computeStatement(parsed.caseFile);
    if (format === 'csv') return c.body(statementCsv(statement), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="statement-${id}.csv"` });
    if (format === 'html') {
      const { customer } = await deps.db.selectFrom('contracts').select('customer').where('id', '=', id).executeTakeFirstOrThrow();
      return c.html(statementHtml(statement, customer, span));
    }
    // statementToJson's bytes (docs/case-file.md: key order, 2-space indent, final newline), from objects the compiler holds to the published schema.
    return c.body(`${JSON.stringify(documentOf(statement), null, 2)}\n`, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
}
