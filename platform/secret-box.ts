// Secrets kept at rest encrypted (a webhook subscription's signing secret): AES-256-GCM (NIST SP
// 800-38D) with a random 96-bit IV for each value, and the value's own id as additional data, so a
// sealed value copied onto another row does not open. A copy of the database alone signs nothing.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** How every sealed value begins: a store finds the values not sealed yet by it. */
export const SEALED_PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  /** `plain` sealed for the row `id`. */
  seal(plain: string, id: string): string;
  /** What seal sealed for `id`; throws for anything else (another row's, altered, another key's). */
  open(sealed: string, id: string): string;
  isSealed(value: string): boolean;
}

export function secretBox(key: Uint8Array): SecretBox {
  if (key.length !== 32) throw new Error(`a secrets key is 32 bytes (AES-256); this one is ${key.length}`);
  return {
    seal(plain, id) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(id, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${SEALED_PREFIX}${iv.toString('base64url')}:${body.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}`;
    },
    open(sealed, id) {
      const [iv, body, tag] = sealed.startsWith(SEALED_PREFIX) ? sealed.slice(SEALED_PREFIX.length).split(':') : [];
      if (iv === undefined || body === undefined || tag === undefined) throw new Error(`the secret of ${id} is not sealed`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES })
        .setAAD(Buffer.from(id, 'utf8'))
        .setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(`the secret of ${id} does not open with this key (IPHUB_SECRETS_KEY or secrets.key changed, or the value was altered)`);
      }
    },
    isSealed: (value) => value.startsWith(SEALED_PREFIX),
  };
}
