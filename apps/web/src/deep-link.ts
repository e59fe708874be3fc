/**
 * The app routes on the URL hash, but links people share and the server prints are paths
 * (`/runs/<id>`, `/workflows/<id>`): the server answers them with index.html, and this turns
 * the path into the matching hash route before the app reads it.
 */
export function pathToHashRoute(pathname: string, search: string, hash: string): string | null {
  if (hash !== '' && hash !== '#') return null;
  if (pathname === '/' || pathname === '' || pathname === '/index.html') return null;
  // /signin?token=… is the server's own page; everything else becomes a hash route.
  if (pathname === '/signin') return null;
  return `/#${pathname}${search}`;
}
