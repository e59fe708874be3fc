import { describe, expect, it } from 'vitest';
import { nodeCatalog } from '@switchyard/nodes/catalog';
import type { Workflow } from '@switchyard/schema';
import { PARSED_EXAMPLES } from '../examples/parsed';
import { fromWorkflow } from '../graph/convert';
import { badges, integrationChip, outputsOf, summary } from './cardModel';

const graphOf = (key: string) => fromWorkflow(PARSED_EXAMPLES.find((e) => e.key === key)?.workflow as Workflow);

describe('card model', () => {
  it('summarises a templated http request as method and path', () => {
    const g = graphOf('order-saga');
    const charge = g.nodes.find((n) => n.id === 'charge');
    if (!charge) throw new Error('charge');
    expect(summary(charge)).toBe('POST /charges');
    expect(summary(g.nodes[0] ?? charge)).toBe('POST /hooks/orders');
  });

  it('lists the failure plan as badges', () => {
    const g = graphOf('order-saga');
    const charge = g.nodes.find((n) => n.id === 'charge');
    if (!charge) throw new Error('charge');
    expect(badges(charge, g).map((b) => b.text)).toEqual(['x3 exp 0.2s..2s', '-> charge_backup', 'undo: refund']);
    const enrich = graphOf('enrich-with-cache');
    const lookup = enrich.nodes.find((n) => n.id === 'lookup');
    const note = enrich.nodes.find((n) => n.id === 'note');
    if (!lookup || !note) throw new Error('nodes');
    expect(badges(lookup, enrich).map((b) => b.text)).toEqual(['x2 fixed 0.1s', 'cache 24h']);
    expect(badges(note, enrich).map((b) => b.kind)).toEqual(['continue']);
  });

  it('knows branch outputs and implicit integrations', () => {
    const g = graphOf('branch-and-join');
    const big = g.nodes.find((n) => n.id === 'big');
    if (!big) throw new Error('big');
    expect(outputsOf(big, nodeCatalog.get('branch'))).toEqual(['true', 'false']);
    expect(integrationChip({ id: 'x', type: 'http.request', params: { url: 'https://api.example.com/x' } })).toBe('host:api.example.com');
  });

  it('takes each summary and implicit integration from the node type, and has none for an unknown type', () => {
    for (const [type, entry] of nodeCatalog) expect(summary({ id: 'x', type, params: entry.starterParams })).toBe(entry.summary(entry.starterParams));
    expect(summary({ id: 'x', type: 'code', params: { source: 'x' } })).toBe('');
    expect(integrationChip({ id: 'x', type: 'code', params: { url: 'https://api.example.com/x' } })).toBeUndefined();
    expect(integrationChip({ id: 'x', type: 'http.request', integration: 'crm', params: { url: 'https://api.example.com/x' } })).toBe('crm');
  });
});
