/** The part of an integration a node's URL must stay under. */
export interface IntegrationBase {
  id: string;
  /** Stored without a trailing slash. */
  baseUrl: string;
}

function segmentsOf(pathname: string): string[] {
  const segments = pathname.split('/').slice(1);
  // `/api/` and `/api` name the same base; the empty last segment is not a segment.
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  return segments;
}

/** Decodes percent-escapes a few times over: a server may decode `%252e` twice. */
function decodedForms(segment: string): string[] {
  const forms = [segment];
  let current = segment;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

function escapes(segment: string): boolean {
  return decodedForms(segment).some((s) => s === '.' || s === '..' || s.includes('/') || s.includes('\\'));
}

/**
 * Why `url` is not under the integration's base URL, path segment by path segment (semantics.md,
 * "Isolation of integrations"), or null. `url` is already WHATWG-parsed, so literal and
 * `%2e` dot segments are resolved; encoded slashes and dots that a server could decode are refused.
 */
export function confinementError(url: URL, integration: IntegrationBase): string | null {
  let base: URL;
  try {
    base = new URL(integration.baseUrl);
  } catch {
    return `integration ${integration.id} has an invalid base URL`;
  }
  const outside = `url ${url.origin}${url.pathname} is outside integration ${integration.id} (${integration.baseUrl})`;
  if (url.origin !== base.origin) return `${outside}: another origin`;
  const baseSegments = segmentsOf(base.pathname);
  const segments = url.pathname.split('/').slice(1);
  for (let i = 0; i < baseSegments.length; i++) {
    if (segments[i] !== baseSegments[i]) return outside;
  }
  if (segments.some(escapes)) return `${outside}: an encoded dot or slash could leave the base path`;
  return null;
}
