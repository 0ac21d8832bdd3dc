import { describe, expect, it } from 'vitest';
import { parseCaseFile } from './parse.ts';

// docs/case-file.md: invalid input yields one `path: message` line per problem.
// Each case starts from a valid file and breaks one thing.

function valid() {
  return {
    components: [
      { id: 'app', tier: 'core' },
      { id: 'db', tier: 'feature' },
    ],
    contracts: [
      {
        id: 'C-1',
        annualFeeVnd: '36500000',
        components: ['app'],
        states: [
          { state: 'deployment', from: '2024-12-01T00:00:00+07:00' },
          { state: 'active', from: '2025-01-01T00:00:00+07:00' },
        ],
        creditAs: 'license',
      },
    ],
    outages: [{ id: 'O-1', component: 'app', impact: 'major_outage', start: '2025-03-03T09:00:00+07:00', end: '2025-03-03T14:00:00+07:00' }],
    maintenance: [
      { id: 'M-1', kind: 'infrastructure', components: ['app'], start: '2025-03-10T22:00:00+07:00', end: '2025-03-11T02:00:00+07:00', notices: ['2025-03-08T10:00:00+07:00'] },
    ],
    forceMajeure: [
      { id: 'F-1', category: 'power_failure', start: '2025-04-01T08:00:00+07:00', end: '2025-04-01T12:00:00+07:00', declaredBy: 'ops-a', approvedBy: 'ops-b' },
    ],
    bugs: [{ id: 'B-1', contract: 'C-1', occurrences: [{ reportedAt: '2025-05-01T09:00:00+07:00', fixedAt: '2025-05-02T09:00:00+07:00' }] }],
  };
}
type Doc = ReturnType<typeof valid> & Record<string, unknown>;
const breach = (over: Record<string, unknown> = {}) =>
  ({ id: 'X-1', contract: 'C-1', at: '2025-03-10T10:00:00+07:00', declaredBy: 'ops-a', approvedBy: 'ops-b', evidence: 'forensics report', ...over }) as Record<string, unknown>;
const T0 = '2025-06-02T00:00:00+07:00';
const ticket = (over: Record<string, unknown> = {}) =>
  ({ id: 'T-1', contract: 'C-1', class: 'critical', channel: 'email', receivedAt: '2025-06-01T09:00:00+07:00', ...over }) as Record<string, unknown>;

/** Makes the file's window a nightly one (its `end` left out unless `keepEnd`). */
function recurring(d: Doc, recurrence: Record<string, unknown>, keepEnd = false) {
  const window = d.maintenance[0] as Record<string, unknown>;
  if (!keepEnd) delete window.end;
  window.recurrence = { rrule: 'FREQ=DAILY;COUNT=3', timeZone: 'Asia/Ho_Chi_Minh', duration: 'PT4H', ...recurrence };
}

describe('parseCaseFile', () => {
  it('accepts the valid file and fills the defaults', () => {
    const result = parseCaseFile(valid());
    expect(result.ok && result.caseFile.contracts[0]!.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(result.ok && result.caseFile.policy.version).toBe('1office-sla-2025');
  });

  it.each<{ name: string; change: (doc: Doc) => void; problems: string[] }>([
    { name: 'end before start', change: (d) => { d.outages[0]!.end = '2025-03-03T08:00:00+07:00'; }, problems: ['outages[0].end: before start'] },
    { name: 'maintenance end before start', change: (d) => { d.maintenance[0]!.end = '2025-03-10T21:00:00+07:00'; }, problems: ['maintenance[0].end: before start'] },
    { name: 'force majeure end before start', change: (d) => { d.forceMajeure[0]!.end = '2025-04-01T07:00:00+07:00'; }, problems: ['forceMajeure[0].end: before start'] },
    { name: 'period to before from', change: (d) => { d.period = { from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }; }, problems: ['period.to: before from'] },
    { name: 'unknown component on an outage', change: (d) => { d.outages[0]!.component = 'api'; }, problems: ['outages[0].component: unknown component "api"'] },
    { name: 'unknown component on a contract', change: (d) => { d.contracts[0]!.components.push('api'); }, problems: ['contracts[0].components[1]: unknown component "api"'] },
    { name: 'unknown component on a window', change: (d) => { d.maintenance[0]!.components = ['api']; }, problems: ['maintenance[0].components[0]: unknown component "api"'] },
    { name: 'unknown component on force majeure', change: (d) => { (d.forceMajeure[0] as Record<string, unknown>).components = ['api']; }, problems: ['forceMajeure[0].components[0]: unknown component "api"'] },
    { name: 'unknown contract on a bug', change: (d) => { d.bugs[0]!.contract = 'C-9'; }, problems: ['bugs[0].contract: unknown contract "C-9"'] },
    { name: 'duplicate outage id', change: (d) => { d.outages.push({ ...d.outages[0]! }); }, problems: ['outages[1].id: duplicate id "O-1"'] },
    { name: 'duplicate component id', change: (d) => { d.components[1]!.id = 'app'; }, problems: ['components[1].id: duplicate id "app"'] },
    { name: 'unknown impact', change: (d) => { d.outages[0]!.impact = 'down'; }, problems: ['outages[0].impact: unknown value "down": must be one of major_outage, partial_outage, degraded'] },
    { name: 'unknown maintenance kind', change: (d) => { d.maintenance[0]!.kind = 'hotfix'; }, problems: ['maintenance[0].kind: unknown value "hotfix": must be one of minor_update, infrastructure, backup, version_upgrade'] },
    { name: 'unknown class', change: (d) => { (d.outages[0] as Record<string, unknown>).class = 'p1'; }, problems: ['outages[0].class: unknown value "p1": must be one of very_critical, critical, normal'] },
    { name: 'unknown policy rounding', change: (d) => { d.policy = { blockRounding: 'round' }; }, problems: ['policy.blockRounding: unknown value "round": must be one of floor, ceil, prorata'] },
    { name: 'money as a number', change: (d) => { (d.contracts[0] as Record<string, unknown>).annualFeeVnd = 36500000; }, problems: ['contracts[0].annualFeeVnd: must be a string, not number 36500000'] },
    { name: 'money with a decimal point', change: (d) => { d.contracts[0]!.annualFeeVnd = '36500000.5'; }, problems: ['contracts[0].annualFeeVnd: must be a string of digits (whole VND): "36500000.5"'] },
    { name: 'a zero fee (it divides the fine)', change: (d) => { d.contracts[0]!.annualFeeVnd = '0'; }, problems: ['contracts[0].annualFeeVnd: must be more than 0'] },
    { name: 'states out of order', change: (d) => { d.contracts[0]!.states[1]!.from = '2024-11-01T00:00:00+07:00'; }, problems: ['contracts[0].states[1].from: states out of order'] },
    { name: 'two states at the same instant', change: (d) => { d.contracts[0]!.states[1]!.from = '2024-12-01T00:00:00+07:00'; }, problems: ['contracts[0].states[1].from: states out of order'] },
    { name: 'fixedAt before reportedAt', change: (d) => { d.bugs[0]!.occurrences[0]!.fixedAt = '2025-04-30T09:00:00+07:00'; }, problems: ['bugs[0].occurrences[0].fixedAt: before reportedAt'] },
    { name: 'an instant without offset', change: (d) => { d.outages[0]!.start = '2025-03-03T09:00:00'; }, problems: ['outages[0].start: not an ISO-8601 instant with an offset or Z: "2025-03-03T09:00:00"'] },
    { name: 'a date that does not exist', change: (d) => { d.maintenance[0]!.notices = ['2025-02-30T10:00:00Z']; }, problems: ['maintenance[0].notices[0]: not an ISO-8601 instant with an offset or Z: "2025-02-30T10:00:00Z"'] },
    { name: 'unknown key', change: (d) => { (d.outages[0] as Record<string, unknown>).colour = 'red'; }, problems: ['outages[0].colour: unknown key'] },
    { name: 'unknown top-level key', change: (d) => { d.outage = []; }, problems: ['outage: unknown key'] },
    { name: 'unknown policy key', change: (d) => { d.policy = { pausedEarnsCredit: true }; }, problems: ['policy.pausedEarnsCredit: unknown key'] },
    { name: 'missing field', change: (d) => { delete (d.contracts[0] as Record<string, unknown>).creditAs; }, problems: ['contracts[0].creditAs: required'] },
    { name: 'unknown time zone', change: (d) => { (d.contracts[0] as Record<string, unknown>).timeZone = 'Mars/Olympus'; }, problems: ['contracts[0].timeZone: not an IANA time zone: "Mars/Olympus"'] },
    { name: 'latestEnd not HH:MM', change: (d) => { d.policy = { latestEnd: '6am' }; }, problems: ['policy.latestEnd: must be a local time HH:MM: "6am"'] },
    { name: 'empty force-majeure component list', change: (d) => { (d.forceMajeure[0] as Record<string, unknown>).components = []; }, problems: ['forceMajeure[0].components: must hold at least 1'] },
    // docs/contract.md §2: tickets (issue #16).
    { name: 'tickets without asOf or period', change: (d) => { d.tickets = [ticket()]; }, problems: ['asOf: required with tickets, unless a period is given'] },
    { name: 'unknown contract on a ticket', change: (d) => { d.asOf = T0; d.tickets = [ticket({ contract: 'C-9' })]; }, problems: ['tickets[0].contract: unknown contract "C-9"'] },
    { name: 'unknown ticket class', change: (d) => { d.asOf = T0; d.tickets = [ticket({ class: 'p1' })]; }, problems: ['tickets[0].class: unknown value "p1": must be one of very_critical, critical, normal, attribute_addition, experience_improvement, upgrade'] },
    { name: 'unknown channel', change: (d) => { d.asOf = T0; d.tickets = [ticket({ channel: 'fax' })]; }, problems: ['tickets[0].channel: unknown value "fax": must be one of hotline, live_chat, ticket, email, community'] },
    { name: 'ticket confirmed before it was received', change: (d) => { d.asOf = T0; d.tickets = [ticket({ confirmedAt: '2025-06-01T08:00:00+07:00' })]; }, problems: ['tickets[0].confirmedAt: before receivedAt'] },
    { name: 'ticket acknowledged before confirmation', change: (d) => { d.asOf = T0; d.tickets = [ticket({ confirmedAt: '2025-06-01T10:00:00+07:00', acknowledgedAt: '2025-06-01T09:30:00+07:00' })]; }, problems: ['tickets[0].acknowledgedAt: before confirmedAt'] },
    { name: 'duplicate ticket id', change: (d) => { d.asOf = T0; d.tickets = [ticket(), ticket()]; }, problems: ['tickets[1].id: duplicate id "T-1"'] },
    { name: 'ticket without receivedAt', change: (d) => { d.asOf = T0; d.tickets = [ticket({ receivedAt: undefined })]; }, problems: ['tickets[0].receivedAt: required'] },
    { name: 'a day off that is not a date', change: (d) => { d.policy = { extraDaysOff: ['2025-02-30'] }; }, problems: ['policy.extraDaysOff[0]: not a date that exists: "2025-02-30"'] },
    { name: 'a day off written otherwise', change: (d) => { d.policy = { extraDaysOff: ['27/1/2025'] }; }, problems: ['policy.extraDaysOff[0]: must be a date YYYY-MM-DD: "27/1/2025"'] },
    { name: 'a date both off and worked', change: (d) => { d.policy = { extraDaysOff: ['2025-04-26'], extraWorkingDays: ['2025-04-26'] }; }, problems: ['policy.extraWorkingDays[0]: 2025-04-26 is also in extraDaysOff'] },
    // docs/contract.md §1.3: confidentiality breaches (issue #16).
    { name: 'unknown contract on a breach', change: (d) => { d.breaches = [breach({ contract: 'C-9' })]; }, problems: ['breaches[0].contract: unknown contract "C-9"'] },
    { name: 'a breach before signing', change: (d) => { d.breaches = [breach({ at: '2024-11-30T23:59:00+07:00' })]; }, problems: ['breaches[0].at: before contract "C-1" was signed'] },
    { name: 'a breach before an explicit signedAt', change: (d) => { (d.contracts[0] as Record<string, unknown>).signedAt = '2025-03-01T00:00:00+07:00'; d.breaches = [breach({ at: '2025-02-01T00:00:00+07:00' })]; }, problems: ['breaches[0].at: before contract "C-1" was signed'] },
    { name: 'a breach on a contract signed nowhere', change: (d) => { d.contracts[0]!.states = []; d.breaches = [breach(), breach({ id: 'X-2' })]; }, problems: ['contracts[0].signedAt: required with a breach, unless the contract has states'] },
    { name: 'a breach without evidence', change: (d) => { d.breaches = [breach({ evidence: '' })]; }, problems: ['breaches[0].evidence: must not be empty'] },
    { name: 'duplicate breach id', change: (d) => { d.breaches = [breach(), breach()]; }, problems: ['breaches[1].id: duplicate id "X-1"'] },
    { name: 'a breach without its declarer', change: (d) => { d.breaches = [breach({ declaredBy: undefined })]; }, problems: ['breaches[0].declaredBy: required'] },
    { name: 'unknown wall-clock class', change: (d) => { d.policy = { ticketWallClockClasses: ['p1'] }; }, problems: ['policy.ticketWallClockClasses[0]: unknown value "p1": must be one of very_critical, critical, normal, attribute_addition, experience_improvement, upgrade'] },
    // docs/case-file.md `recurrence` (SLA §C.1, issue #16).
    { name: 'a bad rrule', change: (d) => { recurring(d, { rrule: 'FREQ=DAILY;INTERVAL=0' }); }, problems: ['maintenance[0].recurrence.rrule: not a window\'s RRULE (Cannot create RRule: interval must be greater than 0): "FREQ=DAILY;INTERVAL=0"'] },
    { name: 'an rrule more often than nightly', change: (d) => { recurring(d, { rrule: 'FREQ=HOURLY' }); }, problems: ['maintenance[0].recurrence.rrule: not a window\'s RRULE (FREQ must be one of DAILY, WEEKLY, MONTHLY, YEARLY: a window recurs at most once a night): "FREQ=HOURLY"'] },
    { name: 'an rrule that moves the local start', change: (d) => { recurring(d, { rrule: 'FREQ=DAILY;BYHOUR=3' }); }, problems: ['maintenance[0].recurrence.rrule: not a window\'s RRULE (rule part "BYHOUR" not allowed: use FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS, WKST): "FREQ=DAILY;BYHOUR=3"'] },
    { name: 'an rrule with its own DTSTART', change: (d) => { recurring(d, { rrule: 'DTSTART:20250301T003000\nRRULE:FREQ=DAILY' }); }, problems: ['maintenance[0].recurrence.rrule: not a window\'s RRULE (only the RRULE value (FREQ=…): the window\'s start is its DTSTART): "DTSTART:20250301T003000\\nRRULE:FREQ=DAILY"'] },
    { name: 'an unknown recurrence time zone', change: (d) => { recurring(d, { timeZone: 'Asia/Hanoi' }); }, problems: ['maintenance[0].recurrence.timeZone: not an IANA time zone: "Asia/Hanoi"'] },
    { name: 'a bad duration', change: (d) => { recurring(d, { duration: '2h' }); }, problems: ['maintenance[0].recurrence.duration: not a duration above zero in days, hours, minutes (PT2H30M): "2h"'] },
    { name: 'a duration in months', change: (d) => { recurring(d, { duration: 'P1M' }); }, problems: ['maintenance[0].recurrence.duration: not a duration above zero in days, hours, minutes (PT2H30M): "P1M"'] },
    { name: 'an exception that is not a date', change: (d) => { recurring(d, { exdates: ['2025-03-32'] }); }, problems: ['maintenance[0].recurrence.exdates[0]: not a date that exists: "2025-03-32"'] },
    { name: 'a recurring window with an end', change: (d) => { recurring(d, {}, true); }, problems: ['maintenance[0].end: not with a recurrence: each occurrence ends its duration after its start'] },
    { name: 'a window with neither end nor recurrence', change: (d) => { delete (d.maintenance[0] as Record<string, unknown>).end; }, problems: ['maintenance[0].end: required'] },
    { name: 'an endless rule without a period', change: (d) => { recurring(d, { rrule: 'FREQ=DAILY' }); }, problems: ['maintenance[0].recurrence.rrule: needs COUNT or UNTIL when the case file has neither period nor asOf'] },
    { name: 'too many occurrences', change: (d) => { recurring(d, { rrule: 'FREQ=DAILY;COUNT=5000' }); }, problems: ['maintenance[0].recurrence.rrule: more than 3660 occurrences: give the case file a shorter period, or the rule a COUNT or UNTIL'] },
  ])('$name', ({ change, problems }) => {
    const doc = valid() as Doc;
    change(doc);
    expect(parseCaseFile(doc)).toEqual({ ok: false, problems });
  });

  it('reports every problem at once, in document order', () => {
    const doc = valid() as Doc;
    doc.outages[0]!.impact = 'down';
    doc.outages[0]!.component = 'api';
    doc.outages[0]!.end = '2025-03-03T08:00:00+07:00';
    doc.contracts[0]!.annualFeeVnd = 'lots';
    doc.bugs[0]!.contract = 'C-9';
    expect(parseCaseFile(doc)).toEqual({
      ok: false,
      problems: [
        'contracts[0].annualFeeVnd: must be a string of digits (whole VND): "lots"',
        'outages[0].component: unknown component "api"',
        'outages[0].impact: unknown value "down": must be one of major_outage, partial_outage, degraded',
        'outages[0].end: before start',
        'bugs[0].contract: unknown contract "C-9"',
      ],
    });
  });

  it.each([
    { input: null, problem: 'must be an object, not null' },
    { input: [], problem: 'must be an object, not a list' },
    { input: 'case', problem: 'must be an object, not "case"' },
  ])('refuses a document that is not an object: $input', ({ input, problem }) => {
    expect(parseCaseFile(input)).toEqual({ ok: false, problems: [problem] });
  });
});
