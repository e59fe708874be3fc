export { IntegrationGuards, verdictOf } from './integration-guards.js';
export type { GuardedCall, IntegrationGuardStatus } from './integration-guards.js';
export type { BreakerChange, BreakerSnapshot } from './circuit-breaker.js';
