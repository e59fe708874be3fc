import { configure } from '@testing-library/react';
import { loadChecks } from './checks/loadChecks';

// React Flow measures nodes with ResizeObserver; some DOM shims lack it.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
}

// The editor loads its checks (validator, params forms, template parser) on demand; tests start
// with them loaded, as a page has them a moment after opening. editorStore.test.ts also covers
// the moment before.
await loadChecks();

// findBy… and waitFor give up after one second by default: on a busy shared machine a heavy
// render can take longer, and a test would fail for the machine's speed, not the page's
// behaviour. The deadline only turns a page that never gets there into a failure.
configure({ asyncUtilTimeout: 30_000 });
