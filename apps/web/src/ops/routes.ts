/** The operations pages by path: `/integrations`, `/alerts`, `/insights` (kept apart from the pages so routing does not load them). */
export type OpsRoute = 'integrations' | 'alerts' | 'insights';

export function matchOpsRoute(path: string): OpsRoute | null {
  const p = path.replace(/\/+$/, '');
  return p === '/integrations' || p === '/alerts' || p === '/insights' ? (p.slice(1) as OpsRoute) : null;
}
