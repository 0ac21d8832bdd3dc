import type { Env } from '@sla/shared';
import { parentPort, workerData } from 'node:worker_threads';
import { readConfigDocument } from './read.ts';

// The thread of load.ts: reads and validates one config file, hands the
// result back (structured clone) and ends, taking its heap with it.
const { path, env } = workerData as { path: string; env: Env };
parentPort!.postMessage(await readConfigDocument(path, env));
