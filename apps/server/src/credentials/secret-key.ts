import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const KEY_FILE_NAME = 'secret.key';

/** Parses a 32-byte key written as 64 hex digits or base64; undefined when it is neither. */
export function parseSecretKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) {
    const bytes = Buffer.from(t, 'base64');
    if (bytes.length === 32) return bytes;
  }
  return undefined;
}

/**
 * The credential encryption key: SWITCHYARD_SECRET_KEY if set (refused when malformed), else the
 * key file in the data dir, created with mode 0600 on first start.
 */
export function loadSecretKey(envValue: string | undefined, dataDir: string, options: { mayCreate?: boolean } = {}): Buffer {
  if (envValue !== undefined && envValue !== '') {
    const key = parseSecretKey(envValue);
    if (!key) throw new Error('SWITCHYARD_SECRET_KEY must be 32 bytes written as 64 hex digits or base64');
    return key;
  }
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (fs.existsSync(file)) {
    const key = parseSecretKey(fs.readFileSync(file, 'utf8'));
    if (!key) throw new Error(`the key file ${file} does not hold a 32-byte key; refusing to start`);
    return key;
  }
  if (options.mayCreate === false) {
    // Credentials exist, so a key encrypted them: a new one would silently make them unreadable.
    throw new Error(`the key file ${file} is missing but credentials are stored; restore it or set SWITCHYARD_SECRET_KEY`);
  }
  const key = randomBytes(32);
  // 'wx': never overwrite a key file another process created meanwhile.
  fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
