import { describe, expect, it } from 'vitest';
import { epochSeconds } from '../case-file/fields.ts';
import { judgeWindow } from './maintenance-verdict.ts';

const HCM = 'Asia/Ho_Chi_Minh';
const SIX = Temporal.PlainTime.from('06:00');
const H = 3600;
const start = epochSeconds('2025-03-10T22:00+07:00');
/** An infrastructure window with notices `declaredH` and `deliveredH` hours before its start (issue #15). */
const infra = (declaredH: number[], deliveredH: number[], declaredNoticesCount: boolean) => {
  const delivered = deliveredH.map((h) => start - h * H);
  const notices = [...declaredH.map((h) => start - h * H), ...delivered];
  return judgeWindow({ kind: 'infrastructure', start, end: start + 2 * H, notices, delivered }, HCM, SIX, { declaredNoticesCount }).violations;
};

// Issue #15, docs/contract.md §3.1 Default: declared notices count; a policy may count only delivered ones.
describe('declared and delivered notices', () => {
  it.each([
    { declared: [30], delivered: [], counts: true, want: [] },
    { declared: [30], delivered: [], counts: false, want: ['notice_not_delivered'] },
    { declared: [5], delivered: [], counts: false, want: ['notice_not_delivered'] },
    { declared: [30], delivered: [25], counts: false, want: [] },
    // A delivery too late is too late, whatever an operator declared beside it.
    { declared: [30], delivered: [20], counts: false, want: ['notice_too_late'] },
    { declared: [30], delivered: [20], counts: true, want: [] },
    { declared: [], delivered: [], counts: false, want: ['notice_missing'] },
  ])('declared $declared h, delivered $delivered h, declared counting $counts → $want', ({ declared, delivered, counts, want }) => {
    expect(infra(declared, delivered, counts)).toEqual(want);
  });

  it('reads a window without a delivered list as all declared (a bare case-file instant)', () => {
    expect(judgeWindow({ kind: 'infrastructure', start, end: start + 2 * H, notices: [start - 30 * H] }, HCM, SIX, { declaredNoticesCount: false }).violations).toEqual(['notice_not_delivered']);
  });
});
