import { useEffect, useState } from 'react';
// A type-only import: erased from the build, so checks.ts stays out of the first bundle.
import type * as ChecksModule from './checks';

/** The on-demand module's exports (checks.ts). */
export type Checks = typeof ChecksModule;

let loaded: Checks | undefined;
let loading: Promise<Checks> | undefined;

/** Loads checks.ts once; a failed load (e.g. offline) is tried again on the next call. */
export function loadChecks(): Promise<Checks> {
  loading ??= import('./checks').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The checks if they have loaded, without waiting: callers that can go on without them. */
export function loadedChecks(): Checks | undefined {
  return loaded;
}

/** The checks for a component: undefined at first if they have not loaded, then a re-render with them. */
export function useChecks(): Checks | undefined {
  const [checks, setChecks] = useState(loadedChecks);
  useEffect(() => {
    if (checks !== undefined) return;
    let live = true;
    loadChecks().then(
      (module) => live && setChecks(module),
      () => {
        // Not loaded: the component keeps showing its placeholder; a later render tries again.
      },
    );
    return () => {
      live = false;
    };
  }, [checks]);
  return checks;
}
