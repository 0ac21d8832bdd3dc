import { describe, expect, it } from 'vitest';
import type { Impact } from '../domain/sets.ts';
import { measureSpan, measureSpans, prepareFacts, uptimeWindows, type UptimeFacts } from './uptime.ts';

// Minutes from 0 as epoch ms, so the tables read as clock times of one day.
const m = (minutes: number) => minutes * 60_000;
const iv = (from: number, to: number) => ({ start: m(from), end: m(to) });
const outage = (from: number, to: number, impact: Impact = 'major_outage') => ({ ...iv(from, to), impact });
const facts = (f: Partial<UptimeFacts>): UptimeFacts => ({ monitoredFrom: 0, outages: [], maintenance: [], forceMajeure: [], unknown: [], ...f });
const DAY = iv(0, 1440);

describe('measureSpan: uptime = 1 − downtime / (span − excused − unknown)', () => {
  it.each([
    { name: 'nothing happened', f: {}, uptime: 1, state: 'operational', observed: 1440, down: 0 },
    { name: 'a 144-minute major outage is 10 %', f: { outages: [outage(0, 144)] }, uptime: 0.9, state: 'major_outage', observed: 1440, down: 144 },
    { name: 'partial outage counts as downtime too', f: { outages: [outage(0, 144, 'partial_outage')] }, uptime: 0.9, state: 'partial_outage', observed: 1440, down: 144 },
    { name: 'degraded is drawn but counts as up', f: { outages: [outage(0, 144, 'degraded')] }, uptime: 1, state: 'degraded', observed: 1440, down: 0 },
    { name: 'worst state wins the day', f: { outages: [outage(0, 10, 'degraded'), outage(20, 30, 'partial_outage'), outage(40, 50)] }, uptime: 1 - 20 / 1440, state: 'major_outage', observed: 1440, down: 20 },
    { name: 'overlapping major and partial are counted once', f: { outages: [outage(0, 100), outage(50, 150, 'partial_outage')] }, uptime: 1 - 150 / 1440, state: 'major_outage', observed: 1440, down: 150 },
    { name: 'downtime inside valid maintenance is left out of both sides', f: { outages: [outage(0, 240)], maintenance: [iv(0, 240)] }, uptime: 1, state: 'maintenance', observed: 1200, down: 0 },
    { name: 'downtime past the window’s end is an ordinary outage', f: { outages: [outage(0, 300)], maintenance: [iv(0, 240)] }, uptime: 1 - 60 / 1200, state: 'major_outage', observed: 1200, down: 60 },
    { name: 'approved force majeure is left out the same way', f: { outages: [outage(600, 720)], forceMajeure: [iv(600, 720)] }, uptime: 1, state: 'force_majeure', observed: 1320, down: 0 },
    { name: 'force majeure and maintenance together: force majeure is drawn', f: { maintenance: [iv(0, 60)], forceMajeure: [iv(30, 90)] }, uptime: 1, state: 'force_majeure', observed: 1350, down: 0 },
    { name: 'time nobody watched counts neither way', f: { unknown: [iv(0, 720)], outages: [outage(700, 760)] }, uptime: 1 - 40 / 720, state: 'major_outage', observed: 720, down: 40 },
    { name: 'a day nobody watched has no data', f: { unknown: [iv(0, 1440)] }, uptime: null, state: 'no_data', observed: 0, down: 0 },
    { name: 'a day before watching began has no data', f: { monitoredFrom: m(1440) }, uptime: null, state: 'no_data', observed: 0, down: 0 },
    { name: 'watching began mid-day: only the rest counts', f: { monitoredFrom: m(720), outages: [outage(700, 792)] }, uptime: 0.9, state: 'major_outage', observed: 720, down: 72 },
    { name: 'a day that is all maintenance has no uptime but is drawn as maintenance', f: { maintenance: [iv(0, 1440)] }, uptime: null, state: 'maintenance', observed: 0, down: 0 },
  ] as const)('$name', ({ f, uptime, state, observed, down }) => {
    const measured = measureSpan(prepareFacts(facts(f)), DAY);
    expect(measured.state).toBe(state);
    expect(measured.observedMs).toBe(m(observed));
    expect(measured.downMs).toBe(m(down));
    if (uptime === null) expect(measured.uptime).toBeNull();
    else expect(measured.uptime).toBeCloseTo(uptime, 12);
  });

  it('keeps every millisecond of the span in exactly one bucket', () => {
    const measured = measureSpan(
      prepareFacts(facts({ monitoredFrom: m(60), unknown: [iv(100, 200)], maintenance: [iv(150, 300)], forceMajeure: [iv(280, 400)], outages: [outage(350, 500)] })),
      DAY,
    );
    expect(measured.observedMs + measured.unknownMs + measured.maintenanceMs + measured.forceMajeureMs).toBe(m(1440 - 60));
    expect(measured).toMatchObject({ unknownMs: m(50), maintenanceMs: m(130), forceMajeureMs: m(120), downMs: m(100) });
  });
});

describe('measureSpans', () => {
  it('gives what measureSpan gives for each day, walking the lists once', () => {
    const prepared = prepareFacts(
      facts({
        monitoredFrom: m(300),
        outages: [outage(100, 2000), outage(2900, 3000, 'partial_outage'), outage(3500, 3600, 'degraded'), outage(4000, 4400)],
        maintenance: [iv(1400, 1500), iv(2880, 2950)],
        forceMajeure: [iv(4300, 5000)],
        unknown: [iv(1440, 1500), iv(5700, 5800)],
      }),
    );
    const days = Array.from({ length: 5 }, (_, i) => iv(i * 1440, (i + 1) * 1440));
    expect(measureSpans(prepared, days)).toEqual(days.map((day) => measureSpan(prepared, day)));
  });
});

describe('uptimeWindows', () => {
  it('measures 24 h, 7 d, 30 d and 90 d back from now', () => {
    const now = m(200 * 1440);
    const windows = uptimeWindows(prepareFacts(facts({ outages: [outage(200 * 1440 - 144, 200 * 1440), outage(180 * 1440, 180 * 1440 + 1440)] })), now);
    expect(windows['24h']).toBeCloseTo(0.9, 12);
    expect(windows['7d']).toBeCloseTo(1 - 144 / (7 * 1440), 12);
    expect(windows['30d']).toBeCloseTo(1 - (144 + 1440) / (30 * 1440), 12);
    expect(windows['90d']).toBeCloseTo(1 - (144 + 1440) / (90 * 1440), 12);
  });
});
