/**
 * AES-256-GCM for secrets kept at rest (interaction tokens inside reply targets, Slack bot
 * tokens). Format: "v1.<iv>.<tag>.<ciphertext>" in base64url, so the key version can change.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function createSecretBox(key: Buffer, previousKeys: Buffer[] = []): SecretBox {
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed value');
      let lastError: unknown;
      // Try the current key first, then the previous ones (key rotation).
      for (const k of [key, ...previousKeys]) {
        try {
          const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
          decipher.setAuthTag(Buffer.from(tag, 'base64url'));
          return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
            'utf8',
          );
        } catch (e) {
          lastError = e;
        }
      }
      throw lastError;
    },
  };
}
