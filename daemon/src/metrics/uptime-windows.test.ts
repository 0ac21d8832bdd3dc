import { describe, expect, it } from 'vitest';
import { uptimeSegments, type Segment } from './uptime-windows.ts';

const at = (iso: string) => Date.parse(iso);
const seg = (source: Segment['source'], from: string, to: string): Segment => ({ source, from: at(from), to: at(to) });
const DAY = 86_400_000;

describe('uptimeSegments: complete rollups first, raw results for the rest', () => {
  it.each([
    [
      '24 h at 10:30: hours from 10:00 yesterday, raw since 10:00',
      '2026-05-10T10:30:00Z', 1,
      [seg('hour', '2026-05-09T10:00:00Z', '2026-05-10T10:00:00Z'), seg('raw', '2026-05-10T10:00:00Z', '2026-05-10T10:30:00Z')],
    ],
    [
      '24 h at 10:01: the last hour is not rolled up yet, raw since 09:00',
      '2026-05-10T10:01:00Z', 1,
      [seg('hour', '2026-05-09T10:00:00Z', '2026-05-10T09:00:00Z'), seg('raw', '2026-05-10T09:00:00Z', '2026-05-10T10:01:00Z')],
    ],
    [
      '7 d at 10:30: hours to midnight, whole days, hours since midnight, raw',
      '2026-05-10T10:30:00Z', 7,
      [
        seg('hour', '2026-05-03T10:00:00Z', '2026-05-04T00:00:00Z'),
        seg('day', '2026-05-04T00:00:00Z', '2026-05-10T00:00:00Z'),
        seg('hour', '2026-05-10T00:00:00Z', '2026-05-10T10:00:00Z'),
        seg('raw', '2026-05-10T10:00:00Z', '2026-05-10T10:30:00Z'),
      ],
    ],
    [
      '7 d at 00:07: yesterday is not rolled up as a day yet, its hours are',
      '2026-05-10T00:07:00Z', 7,
      [
        seg('day', '2026-05-03T00:00:00Z', '2026-05-09T00:00:00Z'),
        seg('hour', '2026-05-09T00:00:00Z', '2026-05-10T00:00:00Z'),
        seg('raw', '2026-05-10T00:00:00Z', '2026-05-10T00:07:00Z'),
      ],
    ],
  ])('%s', (_name, now, days, expected) => {
    expect(uptimeSegments(at(now), days * DAY)).toEqual(expected);
  });

  it('covers the window without gaps or overlaps at every 7th minute of a day', () => {
    for (let now = at('2026-05-10T00:00:00Z'); now < at('2026-05-11T00:00:00Z'); now += 7 * 60_000) {
      for (const days of [1, 7, 30, 90]) {
        const segments = uptimeSegments(now, days * DAY);
        expect(segments[0]!.from).toBe(Math.floor((now - days * DAY) / 3_600_000) * 3_600_000);
        expect(segments.at(-1)).toMatchObject({ source: 'raw', to: now });
        for (let i = 1; i < segments.length; i++) expect(segments[i]!.from).toBe(segments[i - 1]!.to);
      }
    }
  });
});
