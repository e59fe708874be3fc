import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT = 'v1';

export class CredentialCorruptError extends Error {
  constructor(id: string) {
    super(`credential '${id}' cannot be decrypted (wrong key or tampered data)`);
    this.name = 'CredentialCorruptError';
  }
}

/**
 * AES-256-GCM with a random 12-byte nonce per encryption; the credential id is the AAD, so a
 * ciphertext copied onto another row does not decrypt. Stored as `v1:<nonce>:<ciphertext>:<tag>` (base64).
 */
export function encryptSecret(key: Buffer, credentialId: string, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(credentialId, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, nonce.toString('base64'), body.toString('base64'), cipher.getAuthTag().toString('base64')].join(':');
}

export function decryptSecret(key: Buffer, credentialId: string, stored: string): string {
  const [format, nonce, body, tag] = stored.split(':');
  if (format !== FORMAT || nonce === undefined || body === undefined || tag === undefined) throw new CredentialCorruptError(credentialId);
  const tagBytes = Buffer.from(tag, 'base64');
  // A short tag would weaken GCM's authentication (Node DEP0182): refuse anything but 16 bytes.
  if (tagBytes.length !== 16) throw new CredentialCorruptError(credentialId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(credentialId, 'utf8'));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new CredentialCorruptError(credentialId);
  }
}
