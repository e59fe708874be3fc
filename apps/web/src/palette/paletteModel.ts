import type { NodeDefinition, NodeDefinitions } from '@switchyard/schema';

export interface PaletteGroup {
  group: NodeDefinition['group'];
  title: string;
  items: NodeDefinition[];
}

const GROUPS: Array<{ group: NodeDefinition['group']; title: string }> = [
  { group: 'trigger', title: 'Triggers' },
  { group: 'integration', title: 'Integrations' },
  { group: 'logic', title: 'Logic' },
];

/** Palette sections generated from the node definitions; types not supported yet are left out. */
export function paletteGroups(definitions: NodeDefinitions, filter = ''): PaletteGroup[] {
  const needle = filter.trim().toLowerCase();
  const all = [...definitions.values()].filter((d) => d.notSupportedYet === undefined);
  const matches = (d: NodeDefinition): boolean => needle === '' || `${d.type} ${d.title} ${d.description}`.toLowerCase().includes(needle);
  return GROUPS.map(({ group, title }) => ({ group, title, items: all.filter((d) => d.group === group && matches(d)) })).filter((g) => g.items.length > 0);
}
