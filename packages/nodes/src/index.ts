export { createNodeRegistry } from './registry.js';
export type { ClosableNodeRegistry } from './registry.js';
export type { HttpOptions } from './http-request/client.js';
export type { HostLookup, LookupAddress } from './http-request/guard.js';
export { usesDefaultIdempotencyKey } from './http-request/execute.js';
export { parseRetryAfter } from './http-request/retry-after.js';
export { blockedAddressReason } from './http-request/address-ranges.js';
export { REDACTED, ALWAYS_REDACTED_HEADERS, redactUrlPasswords } from './http-request/redact.js';
export { isReservedResponseHeader, RESERVED_RESPONSE_HEADERS } from './respond/reserved-headers.js';
export { nodeCatalog } from './catalog.js';
export type { DraftParams, NodeCatalog, NodeCatalogEntry, NodeTypeDocs } from './catalog.js';
// Everything the browser-safe entry exports, without a second list of its names.
export * from './definitions.js';
export { createTokenRequester, basicClientAuth, grantForm } from './oauth2/token-request.js';
export type { TokenGrant, TokenRequester, TokenRequestResult } from './oauth2/token-request.js';
export type { IssuedToken } from './oauth2/token-response.js';
export { createJsonPoster } from './outbound/post-json.js';
export type { JsonPoster, PostResult } from './outbound/post-json.js';
