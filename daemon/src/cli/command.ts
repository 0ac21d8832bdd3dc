/** What a command gets: its arguments and the streams, so tests run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A `pnpm sla NAME …` command: returns the process exit code (0 ok, 2 bad input, 1 failure). */
export interface CliCommand {
  summary: string;
  run: (args: string[], io: CliIo) => Promise<number>;
}
