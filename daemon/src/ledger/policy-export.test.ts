import { parsePolicy } from '@sla/shared';
import { describe, expect, it } from 'vitest';
import { policyAsCaseFile } from './case-builder.ts';

// A case file exported by the daemon must replay with the daemon's policy: a
// setting left out of the export would be replayed at its default, and the
// replayed figures would differ from the ledger's (daysPerYear was).
describe('the policy in an exported case file', () => {
  const changed = parsePolicy({
    version: 'custom-1',
    effectiveFrom: '2025-06-01T00:00:00+07:00',
    blockRounding: 'prorata',
    latestEnd: '05:30',
    declaredNoticesCount: false,
    pausedEarnsCredits: true,
    forceMajeureNeedsSecondApprover: false,
    daysPerYear: 360,
    fineBaseVnd: '750000',
    fineLicenseRounding: 'second',
    breachDayUsed: false,
    ticketWallClockClasses: ['very_critical', 'critical'],
    extraDaysOff: ['2026-04-30'],
    extraWorkingDays: ['2026-04-25'],
    excessCredit: 'license_time',
  });

  it('writes every setting: parsing it back gives the same policy', () => {
    expect(Object.keys(policyAsCaseFile(changed)).sort()).toEqual(Object.keys(changed).sort());
    expect(parsePolicy(policyAsCaseFile(changed))).toEqual(changed);
  });

  it('every setting above differs from its default, so the test sees one left out', () => {
    const defaults = parsePolicy();
    for (const key of Object.keys(defaults) as Array<keyof typeof defaults>) expect(changed[key], key).not.toEqual(defaults[key]);
  });
});
