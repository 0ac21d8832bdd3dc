import { describe, expect, it } from 'vitest';
import { apiSpecs } from '../server/api-specs.ts';
import { commands } from './commands.ts';

describe('sla command line', () => {
  // The README's `sla contacts add` and `sla outbox list` answered "unknown
  // command": their routes had specs, but no line here (issue #15).
  it('has a command for every group of the operators’ API', () => {
    const groups = new Set(apiSpecs.flatMap((s) => (s.cli === undefined ? [] : [s.cli[0]])));
    expect([...groups].filter((g) => !(g in commands))).toEqual([]);
  });
});
