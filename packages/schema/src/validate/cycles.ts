import type { IndexedEdge } from './graph.js';

export interface Cycle {
  /** Node ids around the cycle, the first repeated at the end: a → b → a. */
  readonly nodes: readonly string[];
  /** The cycle's edge with the lowest index: where the issue points. */
  readonly edge: IndexedEdge;
}

/** Strongly connected components (Tarjan), iterative so that a long chain cannot overflow the stack. */
function components(ids: readonly string[], adjacency: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; next: number };
      const successors = adjacency.get(frame.id) ?? [];
      if (frame.next < successors.length) {
        const w = successors[frame.next++] as string;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ id: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(w) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let w: string | undefined;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        result.push(component);
      }
    }
  }
  return result;
}

/** Shortest path from `from` to `to` inside one component, following edges in index order. */
function pathWithin(from: string, to: string, adjacency: ReadonlyMap<string, readonly string[]>, members: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let head = 0; head < queue.length && !previous.has(to); head++) {
    const at = queue[head] as string;
    for (const next of adjacency.get(at) ?? []) {
      if (!members.has(next) || previous.has(next)) continue;
      previous.set(next, at);
      queue.push(next);
    }
  }
  const path = [to];
  for (let at = to; at !== from; ) {
    at = previous.get(at) as string;
    path.push(at);
  }
  return path.reverse();
}

/** One cycle per strongly connected component that has one, in a deterministic order. */
export function findCycles(ids: readonly string[], edges: readonly IndexedEdge[]): Cycle[] {
  const sorted = [...edges].sort((a, b) => a.index - b.index);
  const adjacency = new Map<string, string[]>();
  for (const { edge } of sorted) {
    const list = adjacency.get(edge.source);
    if (list === undefined) adjacency.set(edge.source, [edge.target]);
    else list.push(edge.target);
  }
  const componentOf = new Map<string, number>();
  const all = components(ids, adjacency);
  all.forEach((component, c) => component.forEach((id) => componentOf.set(id, c)));
  // The lowest-index edge that stays inside its component closes that component's cycle.
  const firstInside = new Map<number, IndexedEdge>();
  for (const item of sorted) {
    const c = componentOf.get(item.edge.source);
    if (c !== undefined && c === componentOf.get(item.edge.target) && !firstInside.has(c)) firstInside.set(c, item);
  }
  const cycles: Cycle[] = [];
  for (const [c, first] of firstInside) {
    const members = new Set(all[c]);
    const back = first.edge.source === first.edge.target ? [first.edge.target] : pathWithin(first.edge.target, first.edge.source, adjacency, members);
    cycles.push({ nodes: [first.edge.source, ...back], edge: first });
  }
  return cycles.sort((a, b) => a.edge.index - b.edge.index);
}
