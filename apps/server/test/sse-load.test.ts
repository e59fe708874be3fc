// Live-update viewers must not be able to take the server down: 200 connections that never read
// and 40 that read, all watching a run whose nodes hold 12 × 5 MB outputs. The server runs as a
// child process, as a user starts it, so its memory is measured on its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort } from '@switchyard/testkit';

const cli = new URL('../src/cli.ts', import.meta.url).pathname;
const MiB = 1024 * 1024;
const BIG_NODES = 12;
const STALLED = 200;
const READING = 40;


/** The resident set of a process, from /proc (Linux). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

/** trigger → 12 nodes of 5 MB each, and beside them a delay that keeps the run live, then a few small steps that keep changing it. */
function bigRun(delayMs: number): Record<string, unknown> {
  const at = { x: 0, y: 0 };
  const nodes: Array<Record<string, unknown>> = [{ id: 'start', type: 'trigger.manual', position: at, params: {} }];
  const edges: Array<Record<string, unknown>> = [];
  for (let i = 1; i <= BIG_NODES; i++) {
    nodes.push({ id: `big${i}`, type: 'transform', position: at, params: { expression: `{{ $pad("", 5000000, "${i % 10}") }}` } });
    edges.push({ id: `eb${i}`, kind: 'next', source: 'start', target: `big${i}` });
  }
  nodes.push({ id: 'wait', type: 'delay', position: at, params: { ms: delayMs } });
  edges.push({ id: 'ew', kind: 'next', source: 'start', target: 'wait' });
  let previous = 'wait';
  for (let i = 1; i <= 5; i++) {
    nodes.push({ id: `step${i}`, type: 'transform', position: at, params: { expression: `{{ ${i} }}` } });
    edges.push({ id: `es${i}`, kind: 'next', source: previous, target: `step${i}` });
    previous = `step${i}`;
  }
  return { schemaVersion: 1, name: 'Large outputs, watched', nodes, edges };
}

describe('live updates under many viewers', () => {
  let child: ChildProcess;
  let url: string;
  let dataDir: string;
  const apiKey = `sk_test_${randomBytes(16).toString('hex')}`;
  let output = '';
  const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  beforeAll(async () => {
    const port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-sse-load-'));
    child = spawn(process.execPath, ['--import', 'tsx', cli, 'start', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir], {
      env: { ...process.env, SWITCHYARD_API_KEY: apiKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    url = `http://127.0.0.1:${port}`;
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
        return (await fetch(`${url}/api/health`)).ok ? true : undefined;
      },
      { what: 'the server to start', timeoutMs: 60_000 },
    );
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('200 stalled and 40 reading viewers of a run with 12 × 5 MB outputs: RSS stays under 512 MiB and health keeps answering', async () => {
    const created = await api('POST', '/api/workflows', bigRun(8_000));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const runId = (await api('POST', `/api/workflows/${String(created.json.id)}/runs`, { input: {} })).json.runId as string;
    // The large outputs are stored; the run is live on its delay.
    // (The run list, not the run: reading every node's 5 MB output again and again is not the point.)
    await eventually(
      async () => {
        const { items } = (await api('GET', `/api/runs?workflowId=${String(created.json.id)}`)).json as { items: Array<{ status: string }> };
        return items[0]?.status === 'waiting' ? true : undefined;
      },
      { what: 'the run to wait on its delay, its 12 large nodes done', intervalMs: 200 },
    );

    let maxRss = rssOf(child.pid!);
    const sampler = setInterval(() => {
      if (child.exitCode === null) maxRss = Math.max(maxRss, rssOf(child.pid!));
    }, 50);
    const healthFailures: string[] = [];
    let healthAnswers = 0;
    let sampling = true;
    const health = (async () => {
      while (sampling) {
        try {
          const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(30_000) });
          if (res.ok) healthAnswers += 1;
          else healthFailures.push(`status ${res.status}`);
          await res.arrayBuffer();
        } catch (error) {
          healthFailures.push(String(error));
        }
        // The sampling rate of a client probing health (not a wait for anything): an unpaced
        // loop of requests would itself be load the test is not about.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    // 200 viewers that send the request and then never read a byte.
    const { port } = new URL(url);
    const stalled: Socket[] = [];
    for (let i = 0; i < STALLED; i++) {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => {});
      socket.write(`GET /api/runs/${runId}/events HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${apiKey}\r\naccept: text/event-stream\r\n\r\n`);
      socket.pause();
      stalled.push(socket);
    }
    // 40 viewers that read everything until the run ends.
    const reading = Array.from({ length: READING }, async () => {
      const res = await fetch(`${url}/api/runs/${runId}/events`, { headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(120_000) });
      const text = await res.text();
      return text;
    });

    const streams = await Promise.all(reading);
    sampling = false;
    await health;
    clearInterval(sampler);
    for (const socket of stalled) socket.destroy();

    // Every reading viewer saw the run through to its end, with the large outputs cut.
    for (const text of streams) {
      expect(text).toContain('"nodeId":"step5"');
      expect(text.trimEnd().split('\n\n').at(-1)).toContain('"status":"succeeded"');
      expect(text.length).toBeLessThan(BIG_NODES * MiB);
      // A frame goes to every viewer: a large node's frame holds only the start of its output,
      // marked cut (the run view fetches the rest from the node's output endpoint).
      const bigFrames = text.split('\n\n').filter((frame) => frame.includes('"nodeId":"big'));
      expect(bigFrames.length).toBeGreaterThanOrEqual(BIG_NODES);
      for (const frame of bigFrames) {
        expect(frame).toContain('"outputTruncated":true');
        expect(frame.length).toBeLessThan(16 * 1024);
      }
    }
    expect(child.exitCode).toBeNull();
    expect(healthFailures).toEqual([]);
    expect(healthAnswers).toBeGreaterThan(0);
    expect(maxRss, `the server's RSS peaked at ${Math.round(maxRss / MiB)} MiB`).toBeLessThan(512 * MiB);
    // Still serving once the viewers are gone.
    expect((await api('GET', `/api/runs/${runId}`)).json.status).toBe('succeeded');
  }, 240_000);
});
