import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { createApi, errorMessage } from './api';
import { EditorPage } from './pages/EditorPage';
import { SignInPage } from './pages/SignInPage';
import { WorkflowListPage } from './pages/WorkflowListPage';
import { navigate, useRoute } from './router';
import { matchRunsRoute } from './runs/routes';
import { matchOpsRoute } from './ops/routes';

// The run views are their own chunk: opening a workflow does not compile them.
const RunsPage = lazy(() => import('./runs/RunsPage').then((m) => ({ default: m.RunsPage })));
const RunPage = lazy(() => import('./runs/RunPage').then((m) => ({ default: m.RunPage })));
const OpsPage = lazy(() => import('./ops/OpsPages').then((m) => ({ default: m.OpsPage })));

type Session = { state: 'checking' } | { state: 'signedIn'; keyName: string } | { state: 'signedOut'; notice?: string };

/** The run views link by path (`/runs/<id>`); in this app that path lives in the hash. */
const navigateToPath = (path: string): void => {
  window.location.hash = `#${path}`;
};

/** A deep link by path (`/runs/<id>`) becomes the same page in the hash. */
function adoptPathRoute(): void {
  if (window.location.pathname !== '/' && matchRunsRoute(window.location.pathname) !== null) {
    window.history.replaceState(null, '', `/#${window.location.pathname}`);
  }
}

/**
 * The one-time token of the sign-in link (`/signin?token=…`) is exchanged for the session
 * cookie once, then removed from the address bar so that it is not bookmarked or shared.
 */
function takeSignInToken(): string | null {
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');
  if (token === null) return null;
  window.history.replaceState(null, '', `/${window.location.hash || '#/workflows'}`);
  return token;
}

export function App() {
  const api = useMemo(() => createApi(), []);
  const route = useRoute();
  const [session, setSession] = useState<Session>({ state: 'checking' });

  const check = useCallback(async () => {
    try {
      const { keyName } = await api.session();
      setSession({ state: 'signedIn', keyName });
    } catch {
      setSession({ state: 'signedOut' });
    }
  }, [api]);

  useEffect(() => {
    adoptPathRoute();
    const token = takeSignInToken();
    if (token === null) return void check();
    api.signInWithToken(token).then(
      () => check(),
      (error: unknown) => setSession({ state: 'signedOut', notice: `The sign-in link did not work (${errorMessage(error)}). It is valid once, for 24 hours; sign in with an API key instead.` }),
    );
  }, [api, check]);

  const onSignedOut = useCallback(() => setSession({ state: 'signedOut', notice: 'Your session ended. Sign in again; unsaved changes are kept in this browser.' }), []);
  const signOut = async (): Promise<void> => {
    await api.signOut().catch(() => undefined);
    setSession({ state: 'signedOut' });
  };

  if (session.state === 'checking') return <p className="muted page-message">Connecting to Switchyard…</p>;
  if (session.state === 'signedOut')
    return (
      <SignInPage
        api={api}
        notice={session.notice}
        onSignedIn={() => {
          void check();
          if (route.page === 'signin') navigate({ page: 'list' });
        }}
      />
    );

  return (
    <div className="app">
      {route.page !== 'editor' && (
        <nav className="topnav">
          <a href="#/workflows" className="topnav__brand">
            Switchyard
          </a>
          <a href="#/workflows">Workflows</a>
          <a href="#/runs" data-testid="nav-runs">
            Runs
          </a>
          <a href="#/integrations" data-testid="nav-integrations">
            Integrations
          </a>
          <a href="#/alerts" data-testid="nav-alerts">
            Alerts
          </a>
          <a href="#/insights" data-testid="nav-insights">
            Insights
          </a>
          <span className="toolbar__spacer" />
          <span className="muted">signed in as {session.keyName}</span>
          <button type="button" className="btn btn--ghost" onClick={() => void signOut()} data-testid="btn-signout">
            Sign out
          </button>
        </nav>
      )}
      {route.page === 'editor' ? (
        <EditorPage key="editor" api={api} workflowId={route.id} onSignedOut={onSignedOut} />
      ) : route.page === 'other' ? (
        <OtherPage path={route.path} />
      ) : (
        <WorkflowListPage api={api} onSignedOut={onSignedOut} />
      )}
    </div>
  );
}

function OtherPage({ path }: { path: string }) {
  const runs = matchRunsRoute(path);
  const loading = <p className="muted page-message">Loading…</p>;
  const ops = matchOpsRoute(path);
  if (ops !== null)
    return (
      <Suspense fallback={loading}>
        <OpsPage route={ops} />
      </Suspense>
    );
  if (runs?.page === 'runs')
    return (
      <Suspense fallback={loading}>
        <RunsPage navigate={navigateToPath} />
      </Suspense>
    );
  if (runs?.page === 'run')
    return (
      <Suspense fallback={loading}>
        <RunPage key={runs.runId} runId={runs.runId} navigate={navigateToPath} />
      </Suspense>
    );
  return (
    <p className="page-message">
      Nothing here. <a href="#/workflows">Go to the workflows</a>
    </p>
  );
}
