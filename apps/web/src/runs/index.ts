/** The run views. The app routes `/runs` to RunsPage and `/runs/:id` to RunPage. */
export { RunsPage } from './RunsPage';
export type { RunsPageProps } from './RunsPage';
export { RunPage } from './RunPage';
export type { RunPageProps } from './RunPage';
export { createRunsApi, RunsApiError } from './runs-api';
export type { RunsApi } from './runs-api';
export { matchRunsRoute, runPath } from './routes';
export type { RunsRoute } from './routes';
