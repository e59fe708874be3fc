export { createApp, isPublicApiRoute } from './app.js';
export type { AppType } from './app.js';
export type { AppDeps, AppEnv } from './deps.js';
export { startServer } from './start.js';
export type { RunningServer, StartOptions } from './start.js';
export { resolveConfig } from './config.js';
export type { ServerConfig } from './config.js';
