import { describe, expect, it } from 'vitest';
import { startRounds } from './rounds.ts';

const HOUR = 3_600_000;

/** A round the test ends when it chooses, counting how many began. */
function gatedRound() {
  const ends: Array<() => void> = [];
  let began = 0;
  const round = () => {
    began++;
    return new Promise<void>((resolve) => ends.push(resolve));
  };
  const endNext = async () => {
    const end = ends.shift();
    if (end === undefined) throw new Error('no round is running');
    end();
    // Lets the round's settling (and a round it starts) run.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { round, endNext, began: () => began };
}

// Issue #15: a message queued here is tried at once, not at the next poll.
describe('delivery rounds', () => {
  it('runs one at start, then only when woken while the poll is an hour away', async () => {
    const g = gatedRound();
    const rounds = startRounds(g.round, { pollMs: HOUR, onError: () => {} });
    expect(g.began()).toBe(1);
    await g.endNext();
    expect(g.began()).toBe(1);
    rounds.wake();
    expect(g.began()).toBe(2);
    await g.endNext();
    await rounds.stop();
  });

  it('a wake during a round runs one more right after it, not two at once, however many wakes came', async () => {
    const g = gatedRound();
    const rounds = startRounds(g.round, { pollMs: HOUR, onError: () => {} });
    rounds.wake();
    rounds.wake();
    expect(g.began()).toBe(1);
    await g.endNext();
    expect(g.began()).toBe(2);
    await g.endNext();
    expect(g.began()).toBe(2);
    await rounds.stop();
  });

  it('a failed round is reported and the next wake runs again', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const rounds = startRounds(
      async () => {
        if (++n === 1) throw new Error('database gone');
      },
      { pollMs: HOUR, onError: (e) => errors.push(e) },
    );
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(errors).toEqual([new Error('database gone')]);
    rounds.wake();
    expect(n).toBe(2);
    await rounds.stop();
  });

  it('stop waits for the running round and no wake starts another', async () => {
    const g = gatedRound();
    const rounds = startRounds(g.round, { pollMs: HOUR, onError: () => {} });
    let stopped = false;
    const stopping = rounds.stop().then(() => (stopped = true));
    rounds.wake();
    await Promise.resolve();
    expect(stopped).toBe(false);
    await g.endNext();
    await stopping;
    expect(stopped).toBe(true);
    rounds.wake();
    expect(g.began()).toBe(1);
  });

  it('polls: without a wake the next round comes pollMs after the last one ended', async () => {
    const g = gatedRound();
    const rounds = startRounds(g.round, { pollMs: 1, onError: () => {} });
    await g.endNext();
    await new Promise<void>((resolve) => {
      const check = () => (g.began() === 2 ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(g.began()).toBe(2);
    await g.endNext();
    await rounds.stop();
  });
});
