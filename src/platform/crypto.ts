import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Protection of personal data at rest. Values are sealed with AES-256-GCM; a keyed HMAC gives
 * an exact-match lookup (a "blind index") without storing the value. Both keys derive from the
 * installation secret, each for its own purpose, so the cookie key never decrypts anything.
 */
export interface Vault {
  seal(plain: string): string;
  open(sealed: string): string;
  /** Same input, same output: for finding a phone or ID number without decrypting every row. */
  blindIndex(plain: string): string;
}

export const deriveKey = (secret: string, purpose: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, 'tongxin', purpose, 32));

const VERSION = 'v1';

export function createVault(secret: string): Vault {
  const sealKey = deriveKey(secret, 'personal-data-encryption');
  const indexKey = deriveKey(secret, 'personal-data-index');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Unknown sealed value format');
      const decipher = createDecipheriv('aes-256-gcm', sealKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    blindIndex(plain) {
      return createHmac('sha256', indexKey).update(plain).digest('base64url');
    },
  };
}
