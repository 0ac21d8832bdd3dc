import process from 'node:process';
import { parseArgs } from 'node:util';
// bench/ is not a workspace package: it reaches the daemon by path.
import { formatProblem, parseConfig } from '../../shared/src/index.ts';
import { createToken } from '../../daemon/src/auth/token.repository.ts';
import { syncCatalog } from '../../daemon/src/catalog/catalog.repository.ts';
import { systemClock } from '../../daemon/src/clock.ts';
import { startDaemon } from '../../daemon/src/daemon.ts';
import { migrateToLatest } from '../../daemon/src/db/migrate.ts';
import { openDatabase } from '../../daemon/src/db/open.ts';
import type { Logger } from '../../daemon/src/logger.ts';
import { componentId, seedContractYear } from '../../daemon/src/ledger/testing.ts';

// The daemon under `bench api`, in its own process (the parent pins it with
// taskset): a year of contract facts seeded into the database it is given
// (daemon/src/ledger/testing.ts), then startDaemon with those components, no
// monitors and no status site, which settles every contract's ledger once at
// start as it always does. Prints one JSON line {"event":"ready", …} with the URL,
// an operator's and an approver's token, what was seeded and how long the
// start took; stops on SIGTERM (so --cpu-prof writes its profile).

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'pglite-dir': { type: 'string' },
    contracts: { type: 'string', default: '1000' },
    components: { type: 'string', default: '40' },
  },
});
const components = Number(values.components);
const yaml = ['components:', ...Array.from({ length: components }, (_, c) => `  - { id: ${componentId(c)}, name: "Component ${c}", tier: core }`)];
// The bench's requests come from one address, faster than an operator types: no rate limit in the way.
yaml.push('server: { port: 0, host: 127.0.0.1, rateLimit: { operatorRequestsPerMinute: 1000000 } }');
const parsed = parseConfig(yaml.join('\n'), 'bench-api.yaml');
if (!parsed.ok) throw new Error(`bench config invalid:\n${parsed.problems.map(formatProblem).join('\n')}`);

const logger: Logger = { info: () => {}, warn: (m) => process.stderr.write(`WARN ${m}\n`), error: (m, e) => process.stderr.write(`ERROR ${m}: ${e instanceof Error ? e.stack : String(e)}\n`) };
const database = await openDatabase(values['database-url'] !== undefined ? { url: values['database-url'] } : { dir: values['pglite-dir']! });
await migrateToLatest(database.db);
const now = Date.now();
const seedStarted = performance.now();
await syncCatalog(database.db, parsed.config, new Date(now));
const year = await seedContractYear(database.db, { contracts: Number(values.contracts), components, now });
const outageComponents = await database.db.selectFrom('outages').select(['id', 'component_id']).orderBy('id').execute();
const seedMs = performance.now() - seedStarted;
const operatorToken = await createToken(database.db, 'bench-operator', 'operator');
const approverToken = await createToken(database.db, 'bench-approver', 'approver');

const started = performance.now();
const daemon = await startDaemon({ config: parsed.config, db: database.db, clock: systemClock, logger, port: 0, statusSite: false });
const startupMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    event: 'ready',
    url: daemon.url,
    operatorToken,
    approverToken,
    seedMs,
    startupMs,
    counts: year.counts,
    coverage: year.coverage,
    windowIds: year.windowIds,
    outages: outageComponents.map((o) => [o.id, o.component_id]),
  })}\n`,
);
process.once('SIGTERM', () => {
  void (async () => {
    await daemon.stop();
    await database.close();
    process.exit(0);
  })();
});
