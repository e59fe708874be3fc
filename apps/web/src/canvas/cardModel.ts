import type { NodeTypeInfo } from '@switchyard/schema';
import type { CanvasNode, Graph } from '../graph/model';
import { formatDuration, retryLabel } from '../graph/retry';

/** What a node card shows, computed from the graph; the card component only renders it. */

/** The glyph of a node type's group, in the card's header (DOM and far view alike). */
export const GROUP_ICON: Readonly<Record<string, string>> = { trigger: '⚡', integration: '⇄', logic: 'ƒ', unknown: '?' };

export type BadgeKind = 'retry' | 'fallback' | 'lkg' | 'defer' | 'continue' | 'undo';

export interface Badge {
  kind: BadgeKind;
  /** A glyph, so colour is never the only signal. */
  icon: string;
  text: string;
  title: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

function shorten(text: string, max = 34): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The path of a URL, also out of the common template `{{ $integration.baseUrl & '/charges' }}`. */
export function urlPath(url: string): string {
  const literal = [...url.matchAll(/'(\/[^']*)'|"(\/[^"]*)"/g)].map((m) => m[1] ?? m[2]).find((p) => p !== undefined);
  if (literal !== undefined) return literal;
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' ? parsed.host : `${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}

/** One line of what the node does: `POST /charges`, `POST /hooks/orders`, `wait 1s`. */
export function summary(node: CanvasNode): string {
  const p = node.params ?? {};
  switch (node.type) {
    case 'http.request':
      return shorten(`${str(p.method) ?? 'GET'} ${urlPath(str(p.url) ?? '')}`);
    case 'trigger.webhook':
      return shorten(`${str(p.method) ?? 'POST'} /hooks/${str(p.path) ?? ''}${p.mode === 'sync' ? ' (sync)' : ''}`);
    case 'trigger.schedule':
      return shorten(`cron ${str(p.cron) ?? ''}${p.timezone ? ` ${str(p.timezone)}` : ''}`);
    case 'trigger.manual':
      return 'started by hand';
    case 'branch':
      return shorten(`if ${str(p.condition) ?? ''}`);
    case 'transform':
      return shorten(typeof p.expression === 'string' ? p.expression : JSON.stringify(p.expression ?? null));
    case 'delay':
      return typeof p.ms === 'number' ? `wait ${formatDuration(p.ms)}` : shorten(`wait ${str(p.ms) ?? ''}${str(p.until) ? `until ${str(p.until)}` : ''}`);
    case 'respond':
      return `respond ${str(p.status) ?? '200'}`;
    case 'fail':
      return shorten(`fail ${str(p.category) ?? 'internal'}: ${str(p.message) ?? ''}`);
    default:
      return '';
  }
}

export function badges(node: CanvasNode, graph: Graph): Badge[] {
  const out: Badge[] = [];
  if (node.retry) out.push({ kind: 'retry', icon: '↻', text: retryLabel(node.retry.policy), title: 'Retried on failure' });
  const fallbacks = graph.edges
    .filter((e) => e.kind === 'fallback' && e.source === node.id)
    .sort((a, b) => (a.kind === 'fallback' && b.kind === 'fallback' ? (a.order ?? 1) - (b.order ?? 1) : 0));
  for (const f of fallbacks) out.push({ kind: 'fallback', icon: '⤷', text: `-> ${f.target}`, title: 'Falls back to this node when it fails for good' });
  const policy = node.policy;
  if (policy?.lastKnownGood) out.push({ kind: 'lkg', icon: '◷', text: `cache ${formatDuration(policy.lastKnownGood.maxAgeMs)}`, title: 'Answers with its last known good output on failure' });
  if (policy?.defer) out.push({ kind: 'defer', icon: '⏸', text: `wait <=${formatDuration(policy.defer.maxWaitMs)}`, title: 'Waits for the integration to recover' });
  if (policy?.onFailure === 'continue') out.push({ kind: 'continue', icon: '→', text: 'continue', title: 'Optional: the run goes on if it fails' });
  const undo = graph.edges.find((e) => e.kind === 'compensate' && e.source === node.id);
  if (undo) out.push({ kind: 'undo', icon: '↶', text: `undo: ${undo.target}`, title: 'Undone by this node if the run fails later' });
  return out;
}

/** Branch outputs the card draws as separate handles; `null` means one main output. */
export function outputsOf(node: CanvasNode, definition: NodeTypeInfo | undefined): readonly string[] | null {
  if (!definition) return null;
  try {
    return definition.outputs(node.params ?? {});
  } catch {
    return null;
  }
}

export function integrationChip(node: CanvasNode): string | undefined {
  if (node.integration) return node.integration;
  if (node.type === 'http.request') {
    const url = str(node.params?.url);
    if (url && !url.includes('{{')) {
      try {
        return `host:${new URL(url).hostname}`;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
