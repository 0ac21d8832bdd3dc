import type { TicketReport } from './ticket-report.ts';

// docs/case-file.md "Output": a contract's `tickets`, instants as ISO-8601 UTC.

const isoUtc = (seconds: number) => Temporal.Instant.fromEpochMilliseconds(seconds * 1000).toString();

export function ticketReportJson(report: TicketReport) {
  return {
    asOf: isoUtc(report.asOf),
    lines: report.lines.map((line) => ({
      ref: line.ref,
      class: line.class,
      channel: line.channel,
      deadlines: line.deadlines.map((d) => ({
        deadline: d.deadline,
        dueAt: isoUtc(d.dueAt),
        outcome: d.outcome,
        ...(d.secondsLeft === undefined ? {} : { secondsLeft: d.secondsLeft }),
      })),
    })),
    counts: report.counts.map((c) => ({ ...c })),
  };
}
