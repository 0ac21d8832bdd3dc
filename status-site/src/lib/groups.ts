// Components by group in the page's order, ungrouped last: one grouping for
// the component list and the summary at the top (issue #19), so their
// anchors (#group-N) agree.
import type { OverviewResponse } from '@sla/shared/public-api/index.ts';

type Component = OverviewResponse['components'][number];

export interface ComponentGroup {
  /** null: ungrouped. */
  name: string | null;
  slug: string;
  components: Component[];
}

export function componentGroups(components: readonly Component[]): ComponentGroup[] {
  const groups = new Map<string | null, Component[]>();
  for (const c of components) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups]
    .sort(([a], [b]) => Number(a === null) - Number(b === null))
    .map(([name, members], i) => ({ name, slug: `group-${i}`, components: members }));
}
