export { FakeClock } from './fake-clock.js';
export { SeededRandom } from './seeded-random.js';
export { describeStoreContract } from './store-contract.js';
export type { StoreContractHarness } from './store-contract.js';
