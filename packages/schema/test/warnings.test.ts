import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../src/index.js';
import { DEFINITIONS, http, next, workflow } from './fixtures.js';

describe('warnings', () => {
  const wf = workflow([http('b', { integration: 'crm', credential: 'crm_token' })], [next('e2', 'call', 'b')]);
  wf.nodes[0] = { id: 'start', type: 'trigger.webhook', params: { path: 'in', auth: { kind: 'header', header: 'x-token', credential: 'hook_secret' } } };

  it('flag an unregistered integration and unknown credentials without failing the workflow', () => {
    const result = validateWorkflow(wf, DEFINITIONS, { integrations: new Set(['shop']), credentials: new Set(['other']) });
    expect(result).toEqual({
      ok: true,
      workflow: wf,
      warnings: [
        { path: ['nodes', 0, 'params', 'auth', 'credential'], code: 'unknown_credential', message: "credential 'hook_secret' is not stored" },
        { path: ['nodes', 2, 'credential'], code: 'unknown_credential', message: "credential 'crm_token' is not stored" },
        { path: ['nodes', 2, 'integration'], code: 'unknown_integration', message: "integration 'crm' is not registered" },
      ],
    });
  });

  it('stay quiet for registered references', () => {
    const result = validateWorkflow(wf, DEFINITIONS, { integrations: new Set(['crm']), credentials: new Set(['crm_token', 'hook_secret']) });
    expect(result.warnings).toEqual([]);
  });

  it('flag every credential a webhook auth names: its secret, a previous one during rotation and a verify token', () => {
    const meta = workflow([], []);
    meta.nodes[0] = {
      id: 'start',
      type: 'trigger.webhook',
      params: { path: 'in', auth: { kind: 'meta', credential: 'app_secret', verifyToken: 'verify_tok', previous: { credential: 'old_secret', until: '2026-01-31T00:00:00Z' } } },
    };
    const result = validateWorkflow(meta, DEFINITIONS, { credentials: new Set(['app_secret']) });
    expect(result.warnings).toEqual([
      { path: ['nodes', 0, 'params', 'auth', 'previous', 'credential'], code: 'unknown_credential', message: "credential 'old_secret' is not stored" },
      { path: ['nodes', 0, 'params', 'auth', 'verifyToken'], code: 'unknown_credential', message: "credential 'verify_tok' is not stored" },
    ]);
  });

  it('are not computed without a context', () => {
    expect(validateWorkflow(wf, DEFINITIONS).warnings).toEqual([]);
  });

  it('come with the issues of an invalid workflow too', () => {
    const broken = { ...wf, nodes: [...wf.nodes, http('lonely', { integration: 'ghost' })] };
    const result = validateWorkflow(broken, DEFINITIONS, { integrations: new Set(['crm']) });
    expect(result.ok).toBe(false);
    expect(result.warnings).toEqual([{ path: ['nodes', 3, 'integration'], code: 'unknown_integration', message: "integration 'ghost' is not registered" }]);
  });
});
