export { FakeClock } from './fake-clock.js';
export { SeededRandom } from './seeded-random.js';
export { describeStoreContract } from './store-contract.js';
export type { StoreContractHarness } from './store-contract.js';
export { startUpstream } from './upstream.js';
export type { Upstream, UpstreamOptions, ResponseStep, RecordedUpstreamRequest, RouteHandler } from './upstream.js';
export { fullNodeRecord, runRecord } from './store-fixtures.js';
export { startTokenServer } from './token-server.js';
export type { TokenServer, TokenServerOptions, TokenRefusal, RecordedGrant } from './token-server.js';
