import { describe, expect, it } from 'vitest';
import { baseCase, H, majorOutage, run, vn } from './fixtures.ts';
import type { OutageCredit } from './statement.ts';

// outage-lines.ts works an outage's exclusions out once per time zone for the
// contracts active throughout it; a contract that is not must still get its own.
describe('outage lines shared between contracts', () => {
  const input = baseCase({
    outages: [majorOutage('O', '2025-03-10T21:00', '2025-03-11T03:00')],
    maintenance: [{ id: 'M', kind: 'infrastructure', components: ['app'], start: vn('2025-03-10T22:00'), end: vn('2025-03-11T02:00'), notices: [vn('2025-03-08T10:00')] }],
  });
  const contract = input.contracts![0]!;
  input.contracts = [
    { ...contract, id: 'C-a' },
    { ...contract, id: 'C-paused', states: [...contract.states!, { state: 'paused', from: vn('2025-03-11T00:00') }] },
    { ...contract, id: 'C-b', annualFeeVnd: '73000000' },
    { ...contract, id: 'C-berlin', timeZone: 'Europe/Berlin' },
  ];
  const line = (id: string) => run(input).get(id)!.credits[0] as OutageCredit;

  it.each([
    { id: 'C-a', excluded: [{ reason: 'maintenance', ref: 'M', seconds: 4 * H }], amount: 50_000n },
    { id: 'C-paused', excluded: [{ reason: 'not_active', ref: 'paused', seconds: 3 * H }, { reason: 'maintenance', ref: 'M', seconds: 2 * H }], amount: 0n },
    { id: 'C-b', excluded: [{ reason: 'maintenance', ref: 'M', seconds: 4 * H }], amount: 100_000n }, // same exclusions, its own fee
    { id: 'C-berlin', excluded: [], amount: 150_000n }, // the window is invalid on Berlin's clock
  ])('$id', ({ id, excluded, amount }) => {
    expect(line(id).excluded).toEqual(excluded);
    expect(line(id).amountVnd).toBe(amount);
  });

  it('hands out results that cannot be changed through one contract\'s line', () => {
    expect(Object.isFrozen(line('C-a').excluded)).toBe(true);
  });
});
