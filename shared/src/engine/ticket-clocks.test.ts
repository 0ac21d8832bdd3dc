import { describe, expect, it } from 'vitest';
import type { CaseFileInput } from '../case-file/schema.ts';
import { baseCase, runOne } from './fixtures.ts';

// docs/contract.md §2 (SLA §A, §C.3): every deadline a ticket runs, on the wall
// clock or in working hours (08:00–17:45 Mon–Fri, Vietnam's holidays off), and
// how it stands at asOf. Times are Hồ Chí Minh City's; due times are shown there.

type Ticket = NonNullable<CaseFileInput['tickets']>[number];
const at = (local: string) => `${local.length === 16 ? `${local}:00` : local}+07:00`;
const local = (seconds: number) =>
  Temporal.Instant.fromEpochMilliseconds(seconds * 1000).toZonedDateTimeISO('Asia/Ho_Chi_Minh').toPlainDateTime().toString({ smallestUnit: 'second' });

function deadlinesOf(ticket: Partial<Ticket>, asOf: string, policy: CaseFileInput['policy'] = {}) {
  const times = Object.fromEntries(Object.entries(ticket).map(([k, v]) => [k, k.endsWith('At') ? at(v as string) : v]));
  const input = baseCase({ policy, asOf: at(asOf), tickets: [{ id: 'T-1', contract: 'C-1', class: 'normal', channel: 'ticket', ...times } as Ticket] });
  return runOne(input).tickets!.lines[0]!.deadlines.map((d) => [d.deadline, local(d.dueAt), d.outcome, ...(d.secondsLeft === undefined ? [] : [d.secondsLeft])]);
}

describe('ticket deadlines', () => {
  it.each<{ name: string; ticket: Partial<Ticket>; asOf: string; policy?: CaseFileInput['policy']; want: unknown[][] }>([
    // First response, from receipt (SLA §C.3).
    { name: 'hotline answered in 59 s: met', ticket: { channel: 'hotline', receivedAt: '2025-03-04T10:00:00', firstResponseAt: '2025-03-04T10:00:59' }, asOf: '2025-03-05T00:00', want: [['first_response', '2025-03-04T10:01:00', 'met']] },
    { name: 'hotline answered in 61 s: breached', ticket: { channel: 'hotline', receivedAt: '2025-03-04T10:00:00', firstResponseAt: '2025-03-04T10:01:01' }, asOf: '2025-03-05T00:00', want: [['first_response', '2025-03-04T10:01:00', 'breached']] },
    { name: 'live chat never answered: breached once its minute is up', ticket: { channel: 'live_chat', receivedAt: '2025-03-04T10:00:00' }, asOf: '2025-03-04T10:02', want: [['first_response', '2025-03-04T10:01:00', 'breached']] },
    { name: 'a ticket at 23:00 on a Saturday: 10 wall-clock minutes', ticket: { channel: 'ticket', receivedAt: '2025-03-08T23:00', firstResponseAt: '2025-03-08T23:09' }, asOf: '2025-03-09T00:00', want: [['first_response', '2025-03-08T23:10:00', 'met']] },
    { name: 'e-mail on Friday 17:40 answered Monday 08:15: met', ticket: { channel: 'email', receivedAt: '2025-03-07T17:40', firstResponseAt: '2025-03-10T08:15' }, asOf: '2025-03-11T00:00', want: [['first_response', '2025-03-10T08:55:00', 'met']] },
    { name: 'community post on a Saturday: pending until Monday 09:00', ticket: { channel: 'community', receivedAt: '2025-03-08T10:00' }, asOf: '2025-03-10T08:30', want: [['first_response', '2025-03-10T09:00:00', 'pending', 1800]] },
    { name: 'a response recorded after asOf is not known yet', ticket: { channel: 'email', receivedAt: '2025-03-04T09:00', firstResponseAt: '2025-03-04T09:30' }, asOf: '2025-03-04T09:10', want: [['first_response', '2025-03-04T10:00:00', 'pending', 3000]] },
    // Very critical, confirmed at 17:30 on the last working day before Tet 2026 (Mon 16/2–Fri 20/2).
    { name: 'P1 before Tet, wall clock (the default): 18:00 and 23:30 that evening', ticket: { class: 'very_critical', channel: 'hotline', receivedAt: '2026-02-13T17:29:30', firstResponseAt: '2026-02-13T17:30', confirmedAt: '2026-02-13T17:30', acknowledgedAt: '2026-02-13T17:55', resolvedAt: '2026-02-14T01:00' }, asOf: '2026-02-15T00:00', want: [['first_response', '2026-02-13T17:30:30', 'met'], ['acknowledge', '2026-02-13T18:00:00', 'met'], ['resolve', '2026-02-13T23:30:00', 'breached']] },
    { name: 'P1 before Tet, in working time (setting): after Tet', ticket: { class: 'very_critical', channel: 'hotline', receivedAt: '2026-02-13T17:29:30', firstResponseAt: '2026-02-13T17:30', confirmedAt: '2026-02-13T17:30' }, asOf: '2026-02-16T00:00', policy: { ticketWallClockClasses: [] }, want: [['first_response', '2026-02-13T17:30:30', 'met'], ['acknowledge', '2026-02-23T08:15:00', 'pending', 634_500], ['resolve', '2026-02-23T13:45:00', 'pending', 654_300]] },
    // Critical: 4 working hours, 5 working days.
    { name: 'critical confirmed Tuesday 15:00: Wednesday 09:15, next Tuesday 15:00', ticket: { class: 'critical', channel: 'ticket', receivedAt: '2025-03-04T14:55', firstResponseAt: '2025-03-04T14:58', confirmedAt: '2025-03-04T15:00', acknowledgedAt: '2025-03-05T09:00' }, asOf: '2025-03-11T14:00', want: [['first_response', '2025-03-04T15:05:00', 'met'], ['acknowledge', '2025-03-05T09:15:00', 'met'], ['resolve', '2025-03-11T15:00:00', 'pending', 3600]] },
    // Normal: 1 working day, 7 working days.
    { name: 'normal confirmed Thursday 10:00, never acknowledged: breached Friday 10:00', ticket: { class: 'normal', channel: 'ticket', receivedAt: '2025-03-06T09:55', firstResponseAt: '2025-03-06T09:56', confirmedAt: '2025-03-06T10:00' }, asOf: '2025-03-07T11:00', want: [['first_response', '2025-03-06T10:05:00', 'met'], ['acknowledge', '2025-03-07T10:00:00', 'breached'], ['resolve', '2025-03-17T10:00:00', 'pending', 860_400]] },
    { name: 'resolving a ticket answers it: no separate acknowledgement needed', ticket: { class: 'normal', channel: 'ticket', receivedAt: '2025-03-06T09:55', firstResponseAt: '2025-03-06T09:56', confirmedAt: '2025-03-06T10:00', resolvedAt: '2025-03-06T16:00' }, asOf: '2025-03-20T00:00', want: [['first_response', '2025-03-06T10:05:00', 'met'], ['acknowledge', '2025-03-07T10:00:00', 'met'], ['resolve', '2025-03-17T10:00:00', 'met']] },
    // Requests: reviewed on Fridays; attribute additions resolved in 7 working days.
    { name: 'attribute addition agreed Wednesday: reviewed Friday 17:45, done in 7 working days', ticket: { class: 'attribute_addition', channel: 'email', receivedAt: '2025-03-05T09:00', firstResponseAt: '2025-03-05T09:30', confirmedAt: '2025-03-05T10:00', acknowledgedAt: '2025-03-07T16:00', resolvedAt: '2025-03-14T11:00' }, asOf: '2025-03-20T00:00', want: [['first_response', '2025-03-05T10:00:00', 'met'], ['acknowledge', '2025-03-07T17:45:00', 'met'], ['resolve', '2025-03-14T10:00:00', 'breached']] },
    { name: 'experience improvement agreed Friday 18:00: next Friday’s review, no resolve date', ticket: { class: 'experience_improvement', channel: 'email', receivedAt: '2025-03-07T09:00', firstResponseAt: '2025-03-07T09:30', confirmedAt: '2025-03-07T18:00' }, asOf: '2025-03-14T17:45', want: [['first_response', '2025-03-07T10:00:00', 'met'], ['acknowledge', '2025-03-14T17:45:00', 'pending', 0]] },
    { name: 'upgrade agreed on a Tet Friday: reviewed the next working day', ticket: { class: 'upgrade', channel: 'ticket', receivedAt: '2026-02-20T09:00', firstResponseAt: '2026-02-20T09:05', confirmedAt: '2026-02-20T10:00', acknowledgedAt: '2026-02-23T17:50' }, asOf: '2026-03-01T00:00', want: [['first_response', '2026-02-20T09:10:00', 'met'], ['acknowledge', '2026-02-23T17:45:00', 'breached']] },
    // A compensating Saturday is a working day (config): 30/4–1/5 2025 bridged by working 26/4.
    { name: 'e-mail Friday 17:30 before a compensating Saturday: due Saturday 08:45', ticket: { class: 'critical', channel: 'email', receivedAt: '2025-04-25T17:30', firstResponseAt: '2025-04-26T08:40', confirmedAt: '2025-04-25T17:30', acknowledgedAt: '2025-04-26T11:50' }, asOf: '2025-04-27T00:00', policy: { extraWorkingDays: ['2025-04-26'], extraDaysOff: ['2025-05-02'] }, want: [['first_response', '2025-04-26T08:45:00', 'met'], ['acknowledge', '2025-04-26T11:45:00', 'breached'], ['resolve', '2025-05-06T17:30:00', 'pending', 840_600]] },
    { name: 'not yet confirmed: only the first-response clock runs', ticket: { class: 'critical', channel: 'ticket', receivedAt: '2025-03-04T10:00' }, asOf: '2025-03-04T10:05', want: [['first_response', '2025-03-04T10:10:00', 'pending', 300]] },
  ])('$name', ({ ticket, asOf, policy, want }) => {
    expect(deadlinesOf(ticket, asOf, policy)).toEqual(want);
  });
});
