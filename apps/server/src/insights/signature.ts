import type { FailureSignature } from '@switchyard/schema';

/**
 * A failure message with what varies between occurrences of one problem taken out: ids,
 * numbers, quoted values, URLs' paths and query strings. "order 8123 not found" and "order 77 not
 * found" are one problem. The HTTP status is a field of the signature of its own.
 */
export function normaliseMessage(message: string): string {
  // A URL keeps its origin (the host is part of the problem); its path and query are normalised.
  // Each origin stands aside as one private-use character (no digit in it to normalise).
  const origins: string[] = [];
  const withoutOrigins = message.slice(0, 500).replace(/\bhttps?:\/\/[^/\s"'?]+/g, (origin) => String.fromCharCode(0xe000 + origins.push(origin) - 1));
  return normaliseText(withoutOrigins).replace(/[\ue000-\uf8ff]/g, (c) => origins[c.charCodeAt(0) - 0xe000] ?? '');
}

function normaliseText(message: string): string {
  return message
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\?[^\s"']*/g, '?<query>')
    .replace(/"[^"]*"|'[^']*'/g, '<value>')
    .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b/gi, '<id>')
    .replace(/(?<![A-Za-z])\d+(\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
}

export function signatureKey(s: FailureSignature): string {
  return JSON.stringify([s.integration, s.workflowId, s.nodeId, s.category, s.httpStatus, s.message]);
}

/** `host:<hostname>` of a recorded request URL; null when there is none or it does not parse. */
export function hostIntegration(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    return `host:${new URL(url).hostname}`;
  } catch {
    return null;
  }
}
