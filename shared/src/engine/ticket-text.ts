import { durationWords } from './words.ts';
import type { TicketReport } from './ticket-report.ts';

// A contract's tickets for a person to read (docs/contract.md §2, SLA §A, §C.3):
// each deadline with its due time on the contract's clock and how it stands.

const SECTION = 'SLA §A, §C.3, docs/contract.md §2';

export function ticketText(report: TicketReport, timeZone: string, instantText: (seconds: number, timeZone: string) => string): string[] {
  const out = [`  Tickets, as of ${instantText(report.asOf, timeZone)} (${SECTION})`];
  if (report.lines.length === 0) out.push('    none');
  for (const line of report.lines) {
    out.push(`    ${instantText(line.receivedAt, timeZone)}  ticket ${line.ref}: ${line.class.replaceAll('_', ' ')}, by ${line.channel.replace('_', ' ')}`);
    for (const d of line.deadlines) {
      const left = d.secondsLeft === undefined ? '' : `, ${durationWords(d.secondsLeft)} left`;
      out.push(`      ${d.deadline.replace('_', ' ')} by ${instantText(d.dueAt, timeZone)}: ${d.outcome}${left}`);
    }
  }
  return out;
}
