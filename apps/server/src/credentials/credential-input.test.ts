import { describe, expect, it } from 'vitest';
import { CredentialInput, secretFields } from './credential-input.js';

function issues(value: unknown): Array<{ path: PropertyKey[]; message: string }> {
  const r = CredentialInput.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

describe('connection and smtp credential bodies', () => {
  it('takes a connection string of a supported database, and keeps it whole as the secret', () => {
    const input = CredentialInput.parse({ id: 'db', name: 'DB', kind: 'connection', connectionString: 'postgres://u:p@h:5432/d' });
    expect(secretFields(input)).toEqual({ connectionString: 'postgres://u:p@h:5432/d' });
    for (const s of ['postgresql://h/d', 'mysql://root@h/d', 'mariadb://h/d', 'sqlite:/data/app.db']) expect(issues({ id: 'db', name: 'DB', kind: 'connection', connectionString: s })).toEqual([]);
    expect(issues({ id: 'db', name: 'DB', kind: 'connection', connectionString: 'oracle://h/d' })).toEqual([
      { path: ['connectionString'], message: 'connectionString starts with postgres://, postgresql://, mysql://, mariadb:// or sqlite:' },
    ]);
  });

  it('takes an smtp host, port, secure, user and password', () => {
    const input = CredentialInput.parse({ id: 'mail', name: 'Mail', kind: 'smtp', host: 'smtp.example.com', port: 587, user: 'u', password: 'p' });
    expect(secretFields(input)).toEqual({ host: 'smtp.example.com', port: '587', secure: 'false', user: 'u', password: 'p' });
    expect(issues({ id: 'mail', name: 'Mail', kind: 'smtp', host: 'h', port: 70_000, user: 'u', password: 'p' }).map((i) => i.path)).toEqual([['port']]);
    expect(issues({ id: 'mail', name: 'Mail', kind: 'smtp', host: 'h', port: 25, user: 'u' }).map((i) => i.path)).toEqual([['password']]);
  });
});
