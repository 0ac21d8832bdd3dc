// Statuspage has no groups of its own: a group is a synthetic component with
// `group: true` and its children's ids. Components carry a free-text
// `group_name`; its id is derived from the name so it stays the same across
// restarts and reloads while the name does.

/** `group-` + the name in lower-case ASCII (Vietnamese letters without their marks), e.g. "Thanh toán" → group-thanh-toan. */
export function groupSlug(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `group-${ascii || 'unnamed'}`;
}

/** Ids for the distinct names, in order of first appearance; two names with one slug get -2, -3… in that order. */
export function groupIds(names: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    if (ids.has(name)) continue;
    const base = groupSlug(name);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    ids.set(name, id);
  }
  return ids;
}
