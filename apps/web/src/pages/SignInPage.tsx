import { useState, type FormEvent } from 'react';
import { errorMessage, type Api } from '../api';

export function SignInPage({ api, onSignedIn, notice }: { api: Api; onSignedIn: () => void; notice?: string | undefined }) {
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.signIn(apiKey.trim());
      onSignedIn();
    } catch (err) {
      setError(errorMessage(err).startsWith('You are signed out') ? 'That API key was not accepted. Check it, or create one with `switchyard api-key create`.' : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin" data-testid="signin-page">
      <form className="signin__form" onSubmit={(e) => void submit(e)}>
        <h1>Switchyard</h1>
        <p className="muted">Sign in with an API key. The server printed a sign-in link on its first start; `switchyard api-key create` makes a new key.</p>
        {notice && <p className="notice">{notice}</p>}
        <label htmlFor="api-key">API key</label>
        <input id="api-key" className="input" type="password" autoComplete="current-password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} data-testid="field-apiKey" autoFocus />
        {error && (
          <p className="field__error" role="alert" data-testid="signin-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn--primary" disabled={busy || apiKey.trim() === ''} data-testid="btn-signin">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
