import type { NodeTypeInfo, NodeTypeInfos } from '@switchyard/schema';

export interface PaletteGroup {
  group: NodeTypeInfo['group'];
  title: string;
  items: NodeTypeInfo[];
}

const GROUPS: Array<{ group: NodeTypeInfo['group']; title: string }> = [
  { group: 'trigger', title: 'Triggers' },
  { group: 'integration', title: 'Integrations' },
  { group: 'logic', title: 'Logic' },
];

/** Palette sections generated from the node definitions; types not supported yet are left out. */
export function paletteGroups(definitions: NodeTypeInfos, filter = ''): PaletteGroup[] {
  const needle = filter.trim().toLowerCase();
  const all = [...definitions.values()].filter((d) => d.notSupportedYet === undefined);
  const matches = (d: NodeTypeInfo): boolean => needle === '' || `${d.type} ${d.title} ${d.description}`.toLowerCase().includes(needle);
  return GROUPS.map(({ group, title }) => ({ group, title, items: all.filter((d) => d.group === group && matches(d)) })).filter((g) => g.items.length > 0);
}
