export { DAY_STATES, UPTIME_WINDOWS, UPTIME_WINDOW_MS, measureSpan, measureSpans, prepareFacts, uptimeWindows, type DayState, type PreparedFacts, type SpanMeasure, type UptimeFacts, type UptimeWindow } from './uptime.ts';
export { isTimeZone, localDays, type LocalDay } from './local-days.ts';
