import type { Kysely } from 'kysely';
import type { ComponentTable, MonitorTable } from '../catalog/catalog.table.ts';
import type { MonitorStateTable } from '../detection/monitor-state.table.ts';
import type { OutageTable } from '../outages/outage.table.ts';
import type { ProbeResultTable, ProbeRollupTable, UnknownPeriodTable } from '../results/result.table.ts';

/** Joins the tables that live beside their features. */
export interface Database {
  components: ComponentTable;
  monitors: MonitorTable;
  monitor_states: MonitorStateTable;
  outages: OutageTable;
  probe_results: ProbeResultTable;
  unknown_periods: UnknownPeriodTable;
  probe_rollups: ProbeRollupTable;
}

export type Db = Kysely<Database>;
