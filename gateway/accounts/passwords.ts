// People's passwords, hashed with scrypt (OWASP's Password Storage Cheat Sheet: where Argon2id is
// not at hand, N = 2^17, r = 8, p = 1). The stored form names its parameters,
// `scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64, unpadded), so they can be raised later and old
// hashes still verify.
import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

const PARAMS = { ln: 17, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const STORED = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export class PasswordPolicyError extends Error {
  override readonly name = 'PasswordPolicyError';
}

/** Why a password is refused, or undefined: length only, in characters (NIST SP 800-63B). */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
    return `a password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long; this one has ${length}`;
  }
  return undefined;
}

function derive(password: string, salt: Buffer, { ln, r, p }: { ln: number; r: number; p: number }): Promise<Buffer> {
  const N = 2 ** ln;
  // scrypt needs about 128 * N * r bytes (128 MiB here), above Node's 32 MiB default bound.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  // The async form runs on libuv's pool: the sync one would stall every request for the hash.
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, HASH_BYTES, options, (err, key) => (err === null ? resolve(key) : reject(err)));
  });
}

const b64 = (b: Buffer): string => b.toString('base64').replace(/=+$/, '');

/** The stored form of a password that passes the policy. */
export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem !== undefined) throw new PasswordPolicyError(problem);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, PARAMS);
  return `scrypt$ln=${PARAMS.ln},r=${PARAMS.r},p=${PARAMS.p}$${b64(salt)}$${b64(hash)}`;
}

/** Whether `password` is the one `stored` was made from; false for a stored form this does not read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = STORED.exec(stored);
  if (m === null) return false;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Bounds what a stored value can make the server spend: no more than today's parameters.
  if (ln < 1 || ln > PARAMS.ln || r < 1 || r > PARAMS.r || p < 1 || p > PARAMS.p) return false;
  const expected = Buffer.from(m[5]!, 'base64');
  if (expected.length !== HASH_BYTES || [...password].length > PASSWORD_MAX) return false;
  const given = await derive(password, Buffer.from(m[4]!, 'base64'), { ln, r, p });
  return timingSafeEqual(given, expected);
}

/** A password for a person to be given once: 144 random bits, 24 characters. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
