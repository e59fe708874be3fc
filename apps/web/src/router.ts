import { useEffect, useState } from 'react';

/**
 * Hash routes: the server only has to serve `index.html` at `/`, and a reload keeps the page.
 * `#/workflows`, `#/workflows/new`, `#/workflows/<id>`, `#/signin`.
 */
export type Route = { page: 'list' } | { page: 'signin' } | { page: 'editor'; id: string | null } | { page: 'other'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/workflows') return { page: 'list' };
  if (path === '/signin') return { page: 'signin' };
  if (path === '/workflows/new') return { page: 'editor', id: null };
  const m = /^\/workflows\/([^/]+)$/.exec(path);
  if (m?.[1] !== undefined) return { page: 'editor', id: decodeURIComponent(m[1]) };
  return { page: 'other', path };
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'list':
      return '#/workflows';
    case 'signin':
      return '#/signin';
    case 'editor':
      return route.id === null ? '#/workflows/new' : `#/workflows/${encodeURIComponent(route.id)}`;
    case 'other':
      return `#${route.path}`;
  }
}

export function navigate(route: Route, replace = false): void {
  const href = hrefFor(route);
  if (replace) window.history.replaceState(null, '', href);
  else window.location.hash = href;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
