import { describe, expect, it } from 'vitest';
import { covers, forceMajeureFacts, isEffective, type ForceMajeureEvent } from './force-majeure.ts';

const event = (over: Partial<ForceMajeureEvent> = {}): ForceMajeureEvent => ({
  id: 'F-1',
  start: 0,
  end: 3600,
  declaredBy: 'ops-a',
  approvedBy: 'ops-b',
  ...over,
});

// docs/contract.md §3.2: effective only once a second, different operator approves (a setting).
describe('isEffective', () => {
  it.each([
    { name: 'approved by another operator', e: event(), needsSecond: true, want: true },
    { name: 'not approved', e: event({ approvedBy: undefined }), needsSecond: true, want: false },
    { name: 'self-approved', e: event({ approvedBy: 'ops-a' }), needsSecond: true, want: false },
    { name: 'self-approved, second approver not required', e: event({ approvedBy: 'ops-a' }), needsSecond: false, want: true },
    { name: 'not approved, second approver not required', e: event({ approvedBy: undefined }), needsSecond: false, want: false },
  ])('$name → $want', ({ e, needsSecond, want }) => {
    expect(isEffective(e, needsSecond)).toBe(want);
  });
});

// docs/case-file.md: an event without components covers all; otherwise only those listed.
describe('covers', () => {
  it.each([
    { components: undefined, component: 'anything', want: true },
    { components: ['app'], component: 'app', want: true },
    { components: ['app'], component: 'db', want: false },
  ])('$components covers $component → $want', ({ components, component, want }) => {
    expect(covers(event({ components }), component)).toBe(want);
  });
});

describe('forceMajeureFacts', () => {
  it('keeps effective events covering the component, in input order', () => {
    const events = [
      event({ id: 'F-3', components: ['db'] }),
      event({ id: 'F-2' }),
      event({ id: 'F-1', components: ['app'] }),
      event({ id: 'F-0', approvedBy: 'ops-a' }),
    ];
    expect(forceMajeureFacts(events, 'app', true).map((f) => f.ref)).toEqual(['F-2', 'F-1']);
  });
});
