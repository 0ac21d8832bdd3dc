// English words of the status page. vi.ts has the same keys (its type is this one's).
export const en = {
  htmlLang: 'en',
  /** Intl locale for dates and numbers. */
  locale: 'en-GB',
  /** A day on the 90-day bars: short, there are thousands on the front page. */
  dayFormat: { day: 'numeric', month: 'short' } as Intl.DateTimeFormatOptions,
  /**
   * How instants and ranges read (issue #19): the date in `dateFormat`, the
   * time as 24-hour HH:mm, the zone's short name from Intl.
   */
  dateFormat: { day: 'numeric', month: 'short', year: 'numeric' } as Intl.DateTimeFormatOptions,
  instant: (time: string, date: string, zone: string) => `${date}, ${time} ${zone}`,
  /** Both ends on one local day (an end at the next midnight counts as that day). */
  sameDayRange: (from: string, to: string, date: string, zone: string) => `${date}, ${from}–${to} ${zone}`,
  range: (from: string, to: string) => `${from} – ${to}`,
  site: 'Service status',
  /** The header's link back to the vendor's product (config statusPage.homepage, issue #19). */
  homepage: (name: string) => `${name} website`,
  /** A long text's disclosure (issue #19). */
  more: 'more',
  less: 'less',
  skip: 'Skip to content',
  nav: { status: 'Status', incidents: 'Incidents', maintenance: 'Maintenance', forceMajeure: 'Force majeure', label: 'Status page' },
  overall: {
    operational: 'All systems operational',
    degraded_performance: 'Some systems have degraded performance',
    partial_outage: 'Partial outage',
    major_outage: 'Major outage',
    under_maintenance: 'Under maintenance',
    none: 'No components are monitored yet',
  },
  unavailable: 'Status unavailable: we could not read the current status. Please try again in a minute.',
  /** The banner's line of the worst affected components (issue #19). */
  affected: (names: string) => `Affected: ${names}`,
  affectedMore: (n: number) => `and ${n} more`,
  updatedAt: 'Updated',
  status: {
    operational: 'Operational',
    degraded_performance: 'Degraded performance',
    partial_outage: 'Partial outage',
    major_outage: 'Major outage',
    under_maintenance: 'Under maintenance',
  },
  day: {
    major_outage: 'Major outage',
    partial_outage: 'Partial outage',
    degraded: 'Degraded performance',
    force_majeure: 'Force majeure',
    maintenance: 'Maintenance',
    operational: 'Operational',
    no_data: 'No data',
  },
  impact: { major_outage: 'Major outage', partial_outage: 'Partial outage', degraded: 'Degraded performance' },
  uptime: { title: 'Uptime', '24h': '24 hours', '7d': '7 days', '30d': '30 days', '90d': '90 days', noData: 'no data', since: (date: string) => `Observed since ${date}` },
  bar: {
    start: '90 days ago',
    /** The start of the bar on a narrow screen (NARROW_DAYS in status-site/src/lib/bar.ts). */
    startNarrow: '30 days ago',
    end: 'Today',
    summary: (uptime: string, counts: string) => `Last 90 days: uptime ${uptime}. ${counts}`,
    /** What a phone's screen reader hears: the bar shows NARROW_DAYS there (issue #19). */
    summaryNarrow: (uptime: string, counts: string) => `Last 30 days: uptime ${uptime}. ${counts}`,
    count: (n: number, what: string) => `${what}: ${n} ${n === 1 ? 'day' : 'days'}`,
    legend: 'Legend',
  },
  components: {
    title: 'Components',
    other: 'Other components',
    details: 'Details',
    /** A component inside an active window (issue #19): why its status is or is not "Under maintenance". */
    inWindow: (title: string) => `Under maintenance: ${title}.`,
    inInvalidWindow: (title: string) => `Under maintenance: ${title}. The window does not meet the notice and hours rules, so its downtime counts as an outage.`,
    /** The one-line summary per group near the top of the front page. */
    summary: 'Summary',
    groupCounts: (ok: number, total: number) => `${ok} of ${total} operational`,
  },
  component: {
    days: 'The last 90 days',
    daysCaption: (zone: string) => `Each local day in ${zone}, measured by the rule below.`,
    date: 'Date',
    state: 'Worst state',
    uptime: 'Uptime',
    down: 'Downtime',
    excused: 'Maintenance / force majeure',
    unwatched: 'No data',
    unwatchedDays: (n: number) => `No data for ${n} days`,
    outages: 'Recorded outages (90 days)',
    noOutages: 'No outage in the last 90 days.',
    started: 'Started',
    ended: 'Ended',
    duration: 'Duration',
    impact: 'Impact',
    firstFailure: 'First failure',
    ongoing: 'Ongoing',
    incidents: 'Incidents',
    maintenance: 'Maintenance',
    notFound: 'There is no such component.',
  },
  failure: {
    timeout: 'timeout',
    refused: 'connection refused',
    dns: 'DNS failure',
    tls: 'TLS failure',
    status: 'wrong HTTP status',
    body: 'wrong content',
    latency: 'too slow',
    network: 'network failure',
  } as Record<string, string>,
  incidents: {
    active: 'Current incidents',
    history: 'Incident history',
    none: 'No incidents reported.',
    started: 'Started',
    resolved: 'Resolved',
    affected: 'Affected',
    impactLabel: 'Impact',
    updates: 'Updates',
    latest: 'Latest update',
    notFound: 'There is no such incident.',
  },
  incidentStatus: { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved', postmortem: 'Postmortem' },
  incidentImpact: { none: 'No impact', minor: 'Minor', major: 'Major', critical: 'Critical' },
  maintenance: {
    title: 'Maintenance',
    active: 'Maintenance in progress',
    upcoming: 'Upcoming maintenance',
    past: 'Past maintenance',
    /** Cancelled windows that had not begun yet (issue #19). */
    cancelled: 'Cancelled before it began',
    none: 'None.',
    window: 'Window',
    kind: 'Kind',
    notices: 'Notices sent',
    noNotice: 'No notice was recorded.',
    affected: 'Affected',
    // Issue #19: the page judges every window by the policy's rules in its zone (the public judgement), covered
    // by a contract or not; a contract may read it in its own zone, so the page claims only its own uptime.
    invalid: (rules: string) =>
      `This window does not meet the notice and hours rules of SLA §C.1 (${rules}), read in Vietnam’s time (GMT+7): downtime during it counts against uptime.`,
    rule: 'Scheduled work follows SLA §C.1: each kind has its notice and its hours. Only a window that meets them is left out of uptime.',
  },
  maintenanceKind: { minor_update: 'Minor update', infrastructure: 'Infrastructure maintenance', backup: 'Backup', version_upgrade: 'Version upgrade' },
  maintenancePhase: { upcoming: 'Scheduled', active: 'In progress', completed: 'Completed', cancelled: 'Cancelled' },
  noticeChannel: { status_page: 'status page', email: 'e-mail', in_app: 'in the app' },
  violation: {
    notice_missing: 'no notice',
    notice_too_late: 'notice too late',
    notice_not_delivered: 'notice declared, not delivered',
    second_notice_missing: 'second notice missing',
    starts_outside_hours: 'started outside the allowed hours',
    ends_too_late: 'ended too late',
    wrong_day_of_month: 'not on days 11–25 of the month',
  },
  forceMajeure: {
    title: 'Force majeure',
    current: 'Force majeure notices',
    none: 'No force-majeure event has been declared.',
    period: 'Period',
    ongoing: 'Ongoing',
    ended: 'Ended',
    all: 'All components',
    rule: 'Events outside our control (terms §11): natural disasters or epidemics cutting the data centre off, large-scale power failures, broken telecom cables, and other events the law treats as force majeure. Only events a second operator approved are listed and left out of uptime.',
  },
  fmCategory: { natural_disaster: 'Natural disaster', epidemic: 'Epidemic', power_failure: 'Large-scale power failure', telecom_cable: 'Telecom cable cut', legal: 'Force majeure under the law' },
  measure: {
    title: 'How we measure',
    probes:
      'Each component is checked by automated probes at a regular interval. One failed probe does not make an outage: an outage is confirmed by a streak of consecutive failed probes, and recovery by a streak of consecutive successful ones.',
    startEnd: [
      'An outage ',
      'starts',
      ' at the time of the first failed probe of the streak that confirmed it, not when it was confirmed. It ',
      'ends',
      ' at the time of the first successful probe of the streak that confirmed recovery. Both are counted in your favour: the time it takes us to be sure is part of the outage.',
    ],
    // Issue #14: the quorum rule, published as docs/architecture.md "Quorum" states it.
    locations:
      'When the services are probed from several locations, an outage is confirmed only when a majority of the locations that are not cut off themselves confirm it, each with its own streak. It then starts at the earliest first failed probe among those streaks, and ends at the first successful probe of the recovery that left fewer than a majority failing.',
    uptime:
      'Uptime = 1 − downtime ÷ observed time. Downtime is time in a partial or major outage; degraded performance is shown but counts as available. Valid maintenance (announced and within the hours of SLA §C.1) and approved force majeure are left out of both sides and drawn in their own colours; so is time when nobody could watch (our monitoring was down). Percentages are rounded down: 100% means not one second of downtime.',
    days: 'Each cell of a 90-day bar is one day in the selected time zone, coloured by its worst state; pointing at it shows its date and uptime (a stretch of identical days is described at once). Each component’s page lists every day in a table.',
  },
  pager: { label: 'Pages', newer: 'Newer', older: 'Older', page: (n: number, of: number) => `Page ${n} of ${of}` },
  settings: { title: 'Settings', language: 'Language', timeZone: 'Time zone', apply: 'Apply', shownIn: (zone: string) => `Times are shown in ${zone}.` },
  /** An SVG badge's value: the status's words in lower case (issue #19: one wording per state, shared/src/status/i18n/wording.test.ts). */
  badge: { operational: 'operational', degraded_performance: 'degraded performance', partial_outage: 'partial outage', major_outage: 'major outage', under_maintenance: 'under maintenance' },
  badgeWindow: '30d',
  feeds: { title: 'Subscribe', atom: 'Atom feed', rss: 'RSS feed', ics: 'Maintenance calendar (iCal)', json: 'Statuspage-compatible JSON', about: 'Incidents and scheduled maintenance of the services on this status page' },
  /** Issue #15: e-mail subscriptions (double opt-in): the page's form, the pages its links open, and the messages. */
  subscription: {
    title: 'Get incident updates by e-mail',
    email: 'E-mail address',
    components: 'Components',
    all: 'All components',
    submit: 'Subscribe',
    requested: 'Check your inbox',
    requestedText: 'If this address can be subscribed, a message with a confirmation link is on its way. Nothing is sent until you open it.',
    confirmed: 'Subscription confirmed',
    confirmedText: 'You will receive an e-mail when we post an incident or an update for the components you chose. Every message has a link to unsubscribe.',
    unsubscribeTitle: 'Unsubscribe',
    unsubscribeText: 'Stop receiving incident updates at this address?',
    unsubscribeButton: 'Unsubscribe',
    unsubscribed: 'You are unsubscribed',
    unsubscribedText: 'This address will receive no more incident updates.',
    invalid: 'This link is not valid',
    invalidText: 'It may be incomplete, or the subscription was ended. You can subscribe again from the status page.',
    confirmSubject: 'Confirm your subscription to the status page',
    confirmBody: (link: string) => `Someone, probably you, asked to receive incident updates from our status page at this address.\n\nTo confirm, open:\n${link}\n\nIf it was not you, ignore this message: nothing will be sent.`,
    updateSubject: (title: string, status: string) => `[${status}] ${title}`,
    updateFooter: (link: string) => `You receive this because you subscribed to the status page. Unsubscribe: ${link}`,
  },
  notFound: { title: 'Page not found', back: 'Service status' },
  back: 'Back to the status page',
};

export type Dictionary = typeof en;
