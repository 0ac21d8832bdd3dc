import process from 'node:process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configSchema, formatProblem } from '@sla/shared';
import { systemClock } from './clock.ts';
import { loadConfigFile } from './config/load.ts';
import { reloadConfig } from './config/reload.ts';
import { startDaemon } from './daemon.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openDatabase } from './db/open.ts';
import { claimLocation, soleLeader } from './leadership/leader.ts';
import { startDemoTargets } from './demo/targets.ts';
import { createLogger } from './logger.ts';

// `pnpm start`: node daemon/src/main.ts --demo. Config: --config FILE, else
// SLA_CONFIG, else ./sla.yaml; --demo uses config/demo.yaml and starts its targets.
const { values } = parseArgs({ options: { config: { type: 'string' }, demo: { type: 'boolean', default: false } } });
const logger = createLogger();
const cwd = process.env.INIT_CWD ?? process.cwd();
const demoConfig = resolve(import.meta.dirname, '../../config/demo.yaml');
const configPath = resolve(cwd, values.config ?? process.env.SLA_CONFIG ?? (values.demo ? demoConfig : 'sla.yaml'));

const loaded = await loadConfigFile(configPath);
if (!loaded.ok) {
  for (const p of loaded.problems) process.stderr.write(`${formatProblem(p)}\n`);
  process.exit(2);
}
const config = loaded.config;
const url = process.env.DATABASE_URL ?? config.database.url;
const database = await openDatabase(url ? { url } : { dir: resolve(cwd, config.database.dir) }, {
  connectTimeoutMs: config.database.connectTimeoutMs,
  statementTimeoutMs: config.database.statementTimeoutMs,
  onIdleConnectionError: (error) => logger.warn(`database: an idle connection was ended by the server (${error.message}); the pool opens a new one`),
}).catch((error: Error) => {
  logger.error(error.message);
  process.exit(1);
});
logger.info(`database: ${database.kind} at ${database.where}`);
const applied = await migrateToLatest(database.db);
if (applied.length > 0) logger.info(`migrations applied: ${applied.join(', ')}`);

// Issue #14: SLA_LOCATION wins over the config's `location`, as DATABASE_URL over `database.url`.
const location = configSchema.shape.location.safeParse(process.env.SLA_LOCATION ?? config.location);
if (!location.success) {
  logger.error(`SLA_LOCATION: ${location.error.issues[0]?.message ?? 'invalid'}`);
  process.exit(2);
}
// A second daemon of one location on one PostgreSQL is refused before it probes (issue #14); PGlite's folder lock already refused it.
const leadership = url
  ? await claimLocation(url, { location: location.data, logger, connectTimeoutMs: config.database.connectTimeoutMs }).catch((error: Error) => {
      logger.error(error.message);
      process.exit(1);
    })
  : soleLeader(location.data);

const demo = values.demo ? await startDemoTargets() : undefined;
const daemon = await startDaemon({
  config,
  db: database.db,
  clock: systemClock,
  logger,
  leadership,
  port: process.env.PORT ? Number(process.env.PORT) : undefined,
  version: process.env.npm_package_version,
});

// SIGHUP reloads; a bad new config is refused with the same errors and the old one keeps running.
process.on('SIGHUP', () => void reloadConfig({ load: () => loadConfigFile(configPath), daemon, logger }));

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: stopping`);
  // Issue #2: a graceful stop within 10 s, or we leave anyway (committed data is safe).
  setTimeout(() => process.exit(1), 9_000).unref();
  await daemon.stop();
  await demo?.close();
  await database.close();
  logger.info('stopped');
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
