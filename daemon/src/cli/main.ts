import process from 'node:process';
import { DataDirLockedError } from '../db/lock.ts';
import { commands } from './commands.ts';
import type { CliIo } from './command.ts';

/** Runs one `sla` command; exported so tests call it without spawning a process. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const load = name === undefined ? undefined : commands[name];
  if (load === undefined) {
    const lines = await Promise.all(
      Object.entries(commands).map(async ([n, l]) => `  ${n.padEnd(14)} ${(await l()).command.summary}`),
    );
    io.stderr(`usage: sla COMMAND …\n\ncommands:\n${lines.join('\n')}\n`);
    return 2;
  }
  const { command } = await load();
  try {
    return await command.run(args, io);
  } catch (error) {
    // Issue #12: the daemon holds its PGlite folder while it runs (one
    // process only, or PGlite corrupts it); say so in one line, no stack.
    if (!(error instanceof DataDirLockedError)) throw error;
    const who = error.holder === undefined ? 'another process' : `process ${error.holder.pid}`;
    io.stderr(
      `sla ${name}: the database folder ${error.dir} is held by ${who} (the running daemon?); stop it and run this again, or run the daemon and this command on PostgreSQL (DATABASE_URL)\n`,
    );
    return 2;
  }
}

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.env.INIT_CWD ?? process.cwd(),
  });
  process.exitCode = code;
}
