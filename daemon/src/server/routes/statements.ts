import { computeStatement, contractJson, parseCaseFile, type Statement } from '@sla/shared';
import { caseFileSchema } from '@sla/shared/case-file/schema.ts';
import { z } from 'zod';
import type { App } from '../app-type.ts';
import { buildCaseFile } from '../../ledger/case-builder.ts';
import { statementCsv } from '../../ledger/statement-csv.ts';
import { statementDocument } from '../../ledger/statement-document.ts';
import { statementHtml } from '../../ledger/statement-html.ts';
import { statementLedger } from '../../ledger/statement-ledger.ts';
import { chromiumOnPath, createPdfPrinter } from '../../ledger/statement-pdf.ts';
import { LANGS } from '@sla/shared/status/variant.ts';
import { statementDictionary } from '@sla/shared/status/i18n/statement.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../deps.ts';
import { instant } from '../fields.ts';
import { on, reply, type RouteSpec } from '../route-spec.ts';
import { statementView } from '../statement-view.ts';

const FORMATS = ['json', 'csv', 'html', 'pdf'] as const;
const period = z
  .strictObject({ from: instant.optional(), to: instant.optional(), format: z.enum(FORMATS).default('json'), lang: z.enum(LANGS).default('vi') })
  .refine((p) => (p.from === undefined) === (p.to === undefined), { path: ['to'], message: 'give both from and to, or neither' })
  .refine((p) => p.from === undefined || p.to! > p.from, { path: ['to'], message: 'must be after from' });

export const statementSpecs = {
  case: { method: 'get', path: '/api/v1/contracts/:id/case', role: 'viewer', summary: 'The stored facts as a case file (docs/case-file.md): `sla credits --json` on it gives the ledger’s figures', cli: ['contracts', 'case'], query: period, response: caseFileSchema },
  statement: { method: 'get', path: '/api/v1/contracts/:id/statement', role: 'viewer', summary: 'The credit statement: the engine’s as JSON; the ledger’s document (each line’s state, vendor, number, issue date; ?lang=vi|en) as CSV, HTML or PDF (503 without Chromium)', cli: ['contracts', 'statement'], query: period, response: statementView, alsoAs: ['text/csv', 'text/html', 'application/pdf'], unavailable: 'No chromium on the daemon’s PATH to print ?format=pdf (the reason names it)' },
} as const satisfies Record<string, RouteSpec>;

/** The statement as docs/case-file.md "Output (--json)" writes it (issue #19: typed against the document's schema). */
const documentOf = (s: Statement): z.input<typeof statementView> => ({ policyVersion: s.policyVersion, contracts: s.contracts.map(contractJson) });

/**
 * GET /api/v1/contracts/:id/case — the stored facts as a case file, which
 * `pnpm sla credits --json` turns into exactly the ledger's figures; and
 * GET /api/v1/contracts/:id/statement?format=json|csv|html|pdf&lang=vi|en (private).
 */
export function statementsRoute(app: App, deps: ServerDeps): void {
  const printPdf = createPdfPrinter();
  const load = async (id: string, q: { from?: Date; to?: Date; format: (typeof FORMATS)[number] }) => {
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
    if (format !== 'json') {
      // Issue #16: the document follows the ledger; the engine's statement says which lines are the period's.
      const engine = statement.contracts[0]!;
      const ledger = await statementLedger(deps.db, engine, built.outages.map((o) => o.id), span);
      const doc = statementDocument({ engine, entries: ledger.entries, titles: ledger.titles, head: { issuedAt: new Date(deps.now()), period: span, vendor: deps.config().vendor, policyVersion: statement.policyVersion, contract: ledger.contract, renewals: ledger.renewals } });
      const file = `statement-${doc.number}`;
      if (format === 'csv') return c.body(statementCsv(doc), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file}.csv"` });
      const html = statementHtml(doc, statementDictionary(query.lang));
      if (format === 'html') return c.html(html);
      const chromium = chromiumOnPath(process.env.PATH);
      if (chromium === undefined) throw new ApiError('unavailable', 'the PDF is printed by Chromium, and no chromium is on the daemon’s PATH (Debian: apt-get install chromium); ?format=html gives the same page');
      const pdf = await printPdf(html, chromium);
      return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${file}.pdf"` });
    }
    // statementToJson's bytes (docs/case-file.md: key order, 2-space indent, final newline), from objects the compiler holds to the published schema.
    return c.body(`${JSON.stringify(documentOf(statement), null, 2)}\n`, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
}
