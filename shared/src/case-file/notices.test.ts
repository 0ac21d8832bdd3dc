import { describe, expect, it } from 'vitest';
import { parseCaseFile } from './parse.ts';

// Issue #15 (docs/case-file.md): a window's notice is an instant (declared) or
// an instant with its provenance, `delivered` or `declared`.
const doc = (notices: unknown[]) => ({
  components: [{ id: 'app', tier: 'core' }],
  maintenance: [{ id: 'M-1', kind: 'infrastructure', components: ['app'], start: '2025-03-10T22:00:00+07:00', end: '2025-03-11T02:00:00+07:00', notices }],
});
const at = (local: string) => Date.parse(local) / 1000;

describe('notices with their provenance', () => {
  it('reads a bare instant as declared, and an object as it says', () => {
    const parsed = parseCaseFile(doc(['2025-03-08T10:00:00+07:00', { at: '2025-03-09T10:00:00+07:00', provenance: 'delivered' }, { at: '2025-03-09T11:00:00+07:00', provenance: 'declared' }]));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const [window] = parsed.caseFile.maintenance;
    expect(window!.notices).toEqual([at('2025-03-08T10:00:00+07:00'), at('2025-03-09T10:00:00+07:00'), at('2025-03-09T11:00:00+07:00')]);
    expect(window!.delivered).toEqual([at('2025-03-09T10:00:00+07:00')]);
  });

  it('takes the setting that declared notices do not count', () => {
    const parsed = parseCaseFile({ ...doc([]), policy: { declaredNoticesCount: false } });
    expect(parsed.ok && parsed.caseFile.policy.declaredNoticesCount).toBe(false);
  });

  it.each([
    { notice: { at: '2025-03-08T10:00:00+07:00', provenance: 'claimed' }, problem: 'maintenance[0].notices[0].provenance: unknown value "claimed": must be one of delivered, declared' },
    { notice: { at: '2025-03-08T10:00:00+07:00' }, problem: 'maintenance[0].notices[0].provenance: required' },
    { notice: { at: 'soon', provenance: 'delivered' }, problem: 'maintenance[0].notices[0].at: not an ISO-8601 instant with an offset or Z: "soon"' },
    { notice: 'soon', problem: 'maintenance[0].notices[0]: not an ISO-8601 instant with an offset or Z: "soon"' },
  ])('refuses $notice', ({ notice, problem }) => {
    expect(parseCaseFile(doc([notice]))).toEqual({ ok: false, problems: [problem] });
  });
});
