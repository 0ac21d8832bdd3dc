import { describe, expect, it } from 'vitest';
import { parseCaseFile } from '../case-file/parse.ts';
import type { CaseFileInput } from '../case-file/schema.ts';
import { computeStatement } from './compute-statement.ts';
import { baseCase, vn } from './fixtures.ts';
import { statementToJson } from './statement-json.ts';
import { statementToText } from './statement-text.ts';

// docs/contract.md §2: per contract and period, each ticket's deadlines and the
// counts by class, deadline and outcome; docs/case-file.md writes them as JSON.

function statement(input: CaseFileInput) {
  const parsed = parseCaseFile(input);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return computeStatement(parsed.caseFile);
}

const tickets: NonNullable<CaseFileInput['tickets']> = [
  { id: 'T-2', contract: 'C-1', class: 'critical', channel: 'hotline', receivedAt: vn('2025-03-04T10:00'), firstResponseAt: vn('2025-03-04T10:05') },
  { id: 'T-1', contract: 'C-1', class: 'critical', channel: 'ticket', receivedAt: vn('2025-03-04T09:00'), firstResponseAt: vn('2025-03-04T09:05') },
  { id: 'T-3', contract: 'C-1', class: 'normal', channel: 'email', receivedAt: vn('2025-03-05T09:00') },
  // Received before the period: not in its report.
  { id: 'T-0', contract: 'C-1', class: 'normal', channel: 'email', receivedAt: vn('2025-02-20T09:00') },
];
const period = { from: vn('2025-03-01T00:00'), to: vn('2025-04-01T00:00') };

describe('ticket report', () => {
  it('lists the period’s tickets by receipt and counts outcomes by class and deadline', () => {
    const report = statement(baseCase({ period, tickets })).contracts[0]!.tickets!;
    expect(report.lines.map((l) => l.ref)).toEqual(['T-1', 'T-2', 'T-3']);
    expect(report.counts).toEqual([
      { class: 'critical', deadline: 'first_response', met: 1, breached: 1, pending: 0 },
      { class: 'normal', deadline: 'first_response', met: 0, breached: 1, pending: 0 },
    ]);
  });

  it('reads the clocks at the period’s end unless asOf says otherwise', () => {
    const at = (asOf?: string) => statement(baseCase({ period, tickets, ...(asOf ? { asOf } : {}) })).contracts[0]!.tickets!.asOf;
    expect(at()).toBe(Temporal.Instant.from(period.to).epochMilliseconds / 1000);
    expect(at(vn('2025-03-05T09:30'))).toBe(Temporal.Instant.from(vn('2025-03-05T09:30')).epochMilliseconds / 1000);
  });

  it('writes the documented JSON, and leaves `tickets` out when the case file has none', () => {
    const json = JSON.parse(statementToJson(statement(baseCase({ asOf: vn('2025-03-05T09:30'), tickets: [tickets[2]!] }))));
    expect(json.contracts[0].tickets).toEqual({
      asOf: '2025-03-05T02:30:00Z',
      lines: [{ ref: 'T-3', class: 'normal', channel: 'email', deadlines: [{ deadline: 'first_response', dueAt: '2025-03-05T03:00:00Z', outcome: 'pending', secondsLeft: 1800 }] }],
      counts: [{ class: 'normal', deadline: 'first_response', met: 0, breached: 0, pending: 1 }],
    });
    expect(Object.keys(json.contracts[0])).toEqual(['id', 'creditAs', 'credits', 'maintenance', 'tickets', 'totals']);
    expect(Object.keys(JSON.parse(statementToJson(statement(baseCase()))).contracts[0])).not.toContain('tickets');
  });

  it('gives a contract without tickets an empty report when the list is there', () => {
    const input = baseCase({ asOf: vn('2025-03-05T09:30'), tickets: [] });
    expect(statement(input).contracts[0]!.tickets).toEqual({ asOf: expect.any(Number), lines: [], counts: [] });
  });

  it('says each deadline in words on the contract’s clock', () => {
    const text = statementToText(statement(baseCase({ asOf: vn('2025-03-05T09:30'), tickets: [tickets[2]!] })));
    expect(text).toContain('  Tickets, as of 2025-03-05 09:30 (SLA §A, §C.3, docs/contract.md §2)');
    expect(text).toContain('    2025-03-05 09:00  ticket T-3: normal, by email');
    expect(text).toContain('      first response by 2025-03-05 10:00: pending, 30 min left');
  });
});
