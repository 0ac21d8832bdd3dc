import type { AlertRoute } from '@sla/shared';
import cron, { type ScheduledTask } from 'node-cron';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { packResults } from '../results/compaction.ts';
import { alertNoticeDeadlines } from './notice-deadline.ts';
import { alertWaitingCredits } from './waiting-credits.ts';
import { applyRetention, rollUp, type Retention } from '../results/rollups.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;

/**
 * Calendar jobs on node-cron (UTC): hour rollups every hour (re-doing the
 * last two, as late batches land), then packing the finished hours' raw
 * results (issue #7), day rollups daily, retention hourly, and every
 * contract's ledger settled hourly (`settleLedgers`: after a recompute failed,
 * writes recompute their contracts whole until one succeeds, ledger/service.ts).
 * Every 10 minutes, the operators' alerts of notices about to be missed and
 * credits waiting > 24 h (issue #15). Each job's failure is logged, never fatal.
 */
export function startCalendarJobs(
  db: Kysely<Database>,
  retention: () => Retention,
  now: () => number,
  logger: Logger,
  settleLedgers: () => Promise<unknown>,
  alerts: () => readonly AlertRoute[] = () => [],
): { stop: () => void } {
  const guarded = (name: string, work: () => Promise<unknown>) => async () => {
    try {
      await work();
    } catch (error) {
      logger.error(`calendar job ${name} failed`, error);
    }
  };
  const last = (unit: number, count: number) => {
    const end = floorTo(now(), unit);
    return [new Date(end - count * unit), new Date(end)] as const;
  };
  const tasks: ScheduledTask[] = [
    cron.schedule('1 * * * *', guarded('hour rollup', () => rollUp(db, 'hour', ...last(HOUR, 2))), { timezone: 'UTC', noOverlap: true }),
    cron.schedule('3 * * * *', guarded('packing results', () => packResults(db, new Date(floorTo(now(), HOUR)))), { timezone: 'UTC', noOverlap: true }),
    cron.schedule('5 0 * * *', guarded('day rollup', () => rollUp(db, 'day', ...last(DAY, 2))), { timezone: 'UTC', noOverlap: true }),
    cron.schedule('17 * * * *', guarded('retention', () => applyRetention(db, retention(), new Date(now()))), { timezone: 'UTC', noOverlap: true }),
    cron.schedule('29 * * * *', guarded('settling every ledger', settleLedgers), { timezone: 'UTC', noOverlap: true }),
    // Issue #15: the operators' alerts the calendar raises, every 10 minutes (well inside the 2 h a notice deadline warns ahead).
    cron.schedule('*/10 * * * *', guarded('notice deadline alerts', () => alertNoticeDeadlines(db, alerts(), new Date(now()))), { timezone: 'UTC', noOverlap: true }),
    cron.schedule('7-59/10 * * * *', guarded('waiting credit alerts', () => alertWaitingCredits(db, alerts(), new Date(now()))), { timezone: 'UTC', noOverlap: true }),
  ];
  return { stop: () => tasks.forEach((t) => void t.stop()) };
}
