// The credit engine's public API (docs/case-file.md): parse a case file, compute
// its statement, write it as JSON or for a person to read.
export { parseCaseFile, type CaseFileResult } from '../case-file/parse.ts';
export type { CaseFile, CaseFileInput } from '../case-file/schema.ts';
export { computeStatement, type StatementOptions } from './compute-statement.ts';
export { contractJson, lineJson, statementJsonChunks, statementToJson } from './statement-json.ts';
export { statementTextChunks, statementToText } from './statement-text.ts';
export { differenceJson, differenceText, statementDifference, type ContractDifference } from './statement-diff.ts';
export type { ContractStatement, CreditLine, OutageCredit, RepeatBugCredit, Statement, WindowVerdict } from './statement.ts';
export { EXCLUSION_REASONS, type Exclusion, type ExclusionReason } from './exclusions.ts';
export { VIOLATIONS, MAINTENANCE_RULES, type Violation } from './maintenance-rules.ts';
export { earliestNoticedStart } from './notice-deadline.ts';
export { POLICY_DEFAULTS, BLOCK_ROUNDINGS, FINE_LICENSE_ROUNDINGS, parsePolicy, type Policy } from '../policy/policy.ts';
export { occurrences, type BugReport, type Occurrence } from './repeat-bug.ts';
export { formatVnd } from '../money/vnd.ts';
export { ticketLine, fridayReview, type TicketDeadline, type TicketLine, type TicketClocks } from './ticket-clocks.ts';
export type { TicketCount, TicketReport } from './ticket-report.ts';
export { workingCalendar, type WorkingCalendar, type WorkingDaysConfig } from '../time/working-hours.ts';
