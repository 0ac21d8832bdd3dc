/**
 * Delivery rounds (issue #15): one at start, one `pollMs` after each ends (the
 * safety net for retries, reminders that fall due and messages queued by
 * another daemon), and one at once on `wake` — a wake during a round runs
 * another right after it, so a message committed while the round was claiming
 * is not left to the poll. Never two rounds at a time.
 */
export function startRounds(round: () => Promise<void>, o: { pollMs: number; onError: (error: unknown) => void }): { wake: () => void; stop: () => Promise<void> } {
  let stopped = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    again = false;
    running = round()
      .catch(o.onError)
      .finally(() => {
        running = undefined;
        if (stopped) return;
        if (again) run();
        else timer = setTimeout(run, o.pollMs);
      });
  };
  run();
  return {
    wake: () => {
      if (stopped) return;
      if (running === undefined) run();
      else again = true;
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
