import { z } from 'zod';
import { CONTRACT_STATES, CREDIT_AS, TIERS } from '../domain/sets.ts';
import { duration, hostPort, id, instant, publicUrl, timeZone, vnd } from './fields.ts';
import { maintenanceSeedSchema } from './maintenance.ts';
import { monitorSchema } from './monitors.ts';
import { policySchema } from '../policy/policy.ts';
import { notifySchema } from './notify.ts';
import { statusPageSchema } from './status-page.ts';
import { vendorSchema } from './vendor.ts';

// The one place that holds the daemon's config: defaults as data, unknown keys
// rejected, cross-references checked, every problem reported at once (docs/conventions.md §2).

const component = z.strictObject({
  id,
  name: z.string().min(1),
  group: z.string().min(1).optional(),
  // No default: whether a component earns credits (SLA §C.5) must be stated.
  tier: z.enum(TIERS),
  description: z.string().optional(),
});

const contract = z.strictObject({
  id,
  /** Confidential (docs/contract.md §5): never on a public surface. */
  customer: z.string().min(1),
  timeZone: timeZone.default('Asia/Ho_Chi_Minh'),
  annualFeeVnd: vnd,
  components: z.array(id).min(1),
  states: z.array(z.strictObject({ state: z.enum(CONTRACT_STATES), from: instant })).default([]),
  creditAs: z.enum(CREDIT_AS).default('license'),
});

const detection = z.strictObject({
  /** Consecutive failed probes that open an outage. */
  failuresToOpen: z.number().int().min(1).default(3),
  /** Consecutive good probes that close it. */
  successesToClose: z.number().int().min(1).default(2),
  /**
   * Issue #14: locations that must confirm an outage with their own streaks;
   * default a majority of those that probe the monitor, are alive and not
   * isolated (capped at that count).
   */
  quorum: z.number().int().min(1).optional(),
});

export const configSchema = z.strictObject({
    /**
     * Issue #14: the probing location this daemon is (one daemon per location
     * on a database); every result it stores carries it. The SLA_LOCATION
     * environment variable wins over it.
     */
    location: id.default('local'),
    components: z.array(component).min(1),
    monitors: z.array(monitorSchema).default([]),
    detection: detection.default({ failuresToOpen: 3, successesToClose: 2 }),
    contracts: z.array(contract).default([]),
    /** Windows seeded once each, by id (config/maintenance.ts). */
    maintenance: z.array(maintenanceSeedSchema).default([]),
    /** Overrides of the SLA policy's Defaults (docs/contract.md); every field optional. */
    policy: policySchema.prefault({}),
    server: z
      .strictObject({
        port: z.number().int().min(0).max(65535).default(8080),
        host: z.string().default('0.0.0.0'),
        /**
         * Issue #12: the origin readers reach the status page at. Cache keys and
         * every absolute link (feeds, .ics, Statuspage JSON) come from it, never
         * from the request's Host. Default: the address the daemon listens on
         * (http://127.0.0.1:8080 for 0.0.0.0:8080).
         */
        publicUrl: publicUrl.optional(),
        /**
         * Issue #12: per client address, in memory. Failed token
         * authentications (401s: the sign-in path) and every operators' API
         * request each have a token bucket; past it, 429 with Retry-After.
         */
        rateLimit: z
          .strictObject({
            authFailuresPerMinute: z.number().int().min(1).default(10),
            operatorRequestsPerMinute: z.number().int().min(1).default(600),
            /** Addresses tracked at most; past that the least recently seen is forgotten (bounded memory). */
            maxClients: z.number().int().min(1).default(10_000),
          })
          .default({ authFailuresPerMinute: 10, operatorRequestsPerMinute: 600, maxClients: 10_000 }),
      })
      .default({ port: 8080, host: '0.0.0.0', rateLimit: { authFailuresPerMinute: 10, operatorRequestsPerMinute: 600, maxClients: 10_000 } }),
    database: z
      .strictObject({
        /** A PostgreSQL server; DATABASE_URL wins over it. Without either: embedded PGlite in `dir`. */
        url: z.string().optional(),
        dir: z.string().default('./data'),
        // Issue #12: a PostgreSQL server that hangs instead of refusing must
        // fail queries (the tracker and result writer keep what they could not
        // write) rather than stall every monitor. Ignored by PGlite.
        /** Milliseconds to open a connection to `url`. */
        connectTimeoutMs: z.number().int().min(1).default(5_000),
        /** Milliseconds a statement may run before the server cancels it. */
        statementTimeoutMs: z.number().int().min(1).default(30_000),
      })
      .default({ dir: './data', connectTimeoutMs: 5_000, statementTimeoutMs: 30_000 }),
    scheduler: z
      .strictObject({ concurrency: z.number().int().min(1).default(256) })
      .default({ concurrency: 256 }),
    retention: z
      .strictObject({
        rawResults: duration.default(7 * 86_400_000),
        // Issue #7: 90 days, the status page's longest view; a year of hours
        // for 1,000 monitors alone would be over the 1 GB storage target.
        // Day rollups are kept for good.
        hourRollups: duration.default(90 * 86_400_000),
      })
      .default({ rawResults: 7 * 86_400_000, hourRollups: 90 * 86_400_000 }),
    isolation: z
      .strictObject({
        /** A monitor of something that is always up; when it fails, we are the ones cut off. */
        canary: id.optional(),
        /**
         * Issue #14: several independent, always-up targets; the location is cut
         * off only when every one of them fails (one canary's own outage is not ours).
         */
        canaries: z.array(id).default([]),
        /** The all-failed rule needs at least this many monitors to mean anything. */
        minMonitors: z.number().int().min(2).default(3),
      })
      .default({ minMonitors: 3, canaries: [] }),
    metrics: z
      .strictObject({
        /**
         * Credit and fine series per contract (label `contract`). Confidential
         * (docs/contract.md §5): allowed only on a protected /metrics, see below.
         */
        perContractMoney: z.boolean().default(false),
        /** Scrapers must send `Authorization: Bearer <token>`; without it /metrics answers 401. */
        bearerToken: z.string().regex(/^[\x21-\x7e]{16,}$/, 'must be at least 16 printable characters, no spaces').optional(),
        /** Serve /metrics on its own listener (e.g. a private interface) instead of server.port; restart to change. */
        listen: hostPort.optional(),
      })
      .superRefine((m, ctx) => {
        if (m.perContractMoney && m.bearerToken === undefined && m.listen === undefined)
          ctx.addIssue({ code: 'custom', path: ['perContractMoney'], message: 'needs metrics.bearerToken or metrics.listen: per-contract money is confidential (docs/contract.md §5)' });
      })
      .default({ perContractMoney: false }),
    /** Messages the product sends itself (issue #15): without it, nothing is sent and nothing queued is lost. */
    notify: notifySchema.default({ webhooks: [], alerts: [] }),
    /** Whose status page it is (issue #19): title, logo, homepage, favicon, accent colour; all optional. */
    statusPage: statusPageSchema.default({}),
    /** Who issues the credit statement (issue #16): legal name, address, tax code; without it the statement shows a placeholder. */
    vendor: vendorSchema.optional(),
  });

export type Config = z.output<typeof configSchema>;
export type ComponentConfig = Config['components'][number];
export type ContractConfig = Config['contracts'][number];
export type MaintenanceSeed = Config['maintenance'][number];
export type { MonitorConfig } from './monitors.ts';
