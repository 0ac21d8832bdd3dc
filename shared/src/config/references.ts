import { parseDurationMs } from '../time/duration.ts';

export interface PathProblem {
  path: Array<string | number>;
  message: string;
}

// Cross-references are checked on the raw document, beside the schema rather
// than after it, so that a config with both a typo'd field and an unknown
// component reports both at once (issue #2: every problem at once).

type Raw = Record<string, unknown>;
const list = (value: unknown): Raw[] =>
  Array.isArray(value) ? value.map((v) => (v !== null && typeof v === 'object' ? (v as Raw) : {})) : [];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function checkReferences(raw: unknown): PathProblem[] {
  const doc: Raw = raw !== null && typeof raw === 'object' ? (raw as Raw) : {};
  const problems: PathProblem[] = [];
  const components = uniqueIds(list(doc.components), 'components', problems);
  const monitors = uniqueIds(list(doc.monitors), 'monitors', problems);
  uniqueIds(list(doc.contracts), 'contracts', problems);
  uniqueIds(list(doc.maintenance), 'maintenance', problems);
  list(doc.maintenance).forEach((window, i) => { componentRefs(window, ['maintenance', i], components, problems); });

  list(doc.monitors).forEach((monitor, i) => {
    const ref = text(monitor.component);
    if (ref !== undefined && !components.has(ref))
      problems.push({ path: ['monitors', i, 'component'], message: `unknown component "${ref}"` });
    const interval = parseDurationMs(text(monitor.interval) ?? '30s');
    const timeout = parseDurationMs(text(monitor.timeout) ?? '10s');
    if (interval !== undefined && timeout !== undefined && timeout >= interval)
      problems.push({ path: ['monitors', i, 'timeout'], message: 'must be shorter than interval' });
  });

  list(doc.contracts).forEach((contract, i) => {
    componentRefs(contract, ['contracts', i], components, problems);
    let previous: Temporal.Instant | undefined;
    list(contract.states).forEach((state, j) => {
      const from = parseInstant(state.from);
      if (from === undefined) return;
      if (previous !== undefined && Temporal.Instant.compare(previous, from) >= 0)
        problems.push({ path: ['contracts', i, 'states', j, 'from'], message: 'states out of order' });
      previous = from;
    });
  });

  const isolation = doc.isolation !== null && typeof doc.isolation === 'object' ? (doc.isolation as Raw) : {};
  const canary = text(isolation.canary);
  if (canary !== undefined && !monitors.has(canary))
    problems.push({ path: ['isolation', 'canary'], message: `unknown monitor "${canary}"` });
  (Array.isArray(isolation.canaries) ? isolation.canaries : []).forEach((c: unknown, k: number) => {
    const name = text(c);
    if (name !== undefined && !monitors.has(name)) problems.push({ path: ['isolation', 'canaries', k], message: `unknown monitor "${name}"` });
  });
  alertWebhookRefs(doc, problems);
  return problems;
}

/** Issue #15: an alert routed to a webhook names one of `notify.webhooks`. */
function alertWebhookRefs(doc: Raw, problems: PathProblem[]) {
  const notify = doc.notify !== null && typeof doc.notify === 'object' ? (doc.notify as Raw) : {};
  const hooks = new Set(list(notify.webhooks).map((h) => text(h.id)));
  list(notify.alerts).forEach((route, i) => {
    const to = route.to !== null && typeof route.to === 'object' ? (route.to as Raw) : {};
    const ref = text(to.webhook);
    if (ref !== undefined && !hooks.has(ref)) problems.push({ path: ['notify', 'alerts', i, 'to', 'webhook'], message: `unknown webhook "${ref}" (not in notify.webhooks)` });
  });
}

/** An item's `components`, each a known component. */
function componentRefs(item: Raw, path: Array<string | number>, components: Set<string>, problems: PathProblem[]) {
  (Array.isArray(item.components) ? item.components : []).forEach((ref: unknown, j: number) => {
    if (typeof ref === 'string' && !components.has(ref)) problems.push({ path: [...path, 'components', j], message: `unknown component "${ref}"` });
  });
}

function uniqueIds(items: Raw[], key: string, problems: PathProblem[]): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const id = text(item.id);
    if (id === undefined) return;
    if (seen.has(id)) problems.push({ path: [key, i, 'id'], message: `duplicate id "${id}"` });
    seen.add(id);
  });
  return seen;
}

function parseInstant(value: unknown): Temporal.Instant | undefined {
  try {
    return typeof value === 'string' ? Temporal.Instant.from(value) : undefined;
  } catch {
    return undefined;
  }
}
