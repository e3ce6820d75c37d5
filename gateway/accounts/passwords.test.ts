// Password hashing: scrypt at OWASP's parameters, self-describing, checked against vectors made
// independently (Python's hashlib.scrypt), and the length policy.
import { describe, expect, it } from 'vitest';

import { generatePassword, hashPassword, PasswordPolicyError, passwordProblem, verifyPassword } from './passwords.js';

// hashlib.scrypt(b'correct horse battery staple', salt=bytes(range(16)), n=2**ln, r=r, p=p, dklen=32)
const VECTOR_PASSWORD = 'correct horse battery staple';
const OWASP_VECTOR = 'scrypt$ln=17,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$GylG2nH0EXnoO5ncM4QtFXQbh8QSHIx/N4HB34ZPtYs';
const LIGHTER_VECTOR = 'scrypt$ln=10,r=4,p=1$AAECAwQFBgcICQoLDA0ODw$SwNKc1oym1mpVJnYJdowKWYOtzzobPL5wsyKaqpJNpw';

describe('passwords', () => {
  it('verifies against a hash computed elsewhere, reading the parameters from the stored form', async () => {
    expect(await verifyPassword(VECTOR_PASSWORD, OWASP_VECTOR)).toBe(true);
    expect(await verifyPassword(VECTOR_PASSWORD, LIGHTER_VECTOR)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', OWASP_VECTOR)).toBe(false);
  });

  it('stores N = 2^17, r = 8, p = 1, a fresh salt each time, and verifies only the password given', async () => {
    const [a, b] = await Promise.all([hashPassword(VECTOR_PASSWORD), hashPassword(VECTOR_PASSWORD)]);
    expect(a).toMatch(/^scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(VECTOR_PASSWORD, a)).toBe(true);
    expect(await verifyPassword(VECTOR_PASSWORD.toUpperCase(), a)).toBe(false);
  });

  it('refuses a stored form it does not read, or one asking more work than it spends', async () => {
    for (const stored of [
      '',
      'plain',
      OWASP_VECTOR.replace('ln=17', 'ln=18'),
      OWASP_VECTOR.replace('r=8', 'r=16'),
      OWASP_VECTOR.slice(0, -4),
      'bcrypt$x$y$z',
    ]) {
      expect(await verifyPassword(VECTOR_PASSWORD, stored)).toBe(false);
    }
  });

  it('takes 10 to 128 characters, counted as characters, and says so', async () => {
    expect(passwordProblem('短'.repeat(10))).toBeUndefined();
    expect(passwordProblem('a'.repeat(128))).toBeUndefined();
    expect(passwordProblem('123456789')).toBe('a password must be 10 to 128 characters long; this one has 9');
    expect(passwordProblem('a'.repeat(129))).toContain('this one has 129');
    await expect(hashPassword('short')).rejects.toBeInstanceOf(PasswordPolicyError);
  });

  it('generates passwords the policy takes, never the same twice', () => {
    const made = new Set(Array.from({ length: 50 }, generatePassword));
    expect(made.size).toBe(50);
    for (const p of made) expect(passwordProblem(p)).toBeUndefined();
  });
});
