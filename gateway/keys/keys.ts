// Partner API keys: `iph_<id>.<secret>`, stored as SHA-256 of the secret, never in the clear.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { type Identity, type Role } from '../../platform/identity.js';
import { roleBindingProblem } from '../roles.js';
import type { KeyRecord, KeyStore } from './store/port.js';

export interface NewKey {
  role: Role;
  enterpriseId?: string;
  organization?: string;
  rate?: number;
  cost?: number;
}

/** A key's own limits, where it has them. */
export type KeyLimits = Pick<KeyRecord, 'rate' | 'cost'>;

export interface Authenticated {
  readonly identity: Identity;
  readonly limits: KeyLimits;
}

const KEY_FORMAT = /^iph_([a-z0-9]{16})\.([A-Za-z0-9_-]{43})$/;
const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export class KeyError extends Error {
  override readonly name = 'KeyError';
}

/** Creates a key; the returned `key` is shown once and cannot be recovered from the store. */
export async function createKey(store: KeyStore, spec: NewKey): Promise<{ id: string; key: string }> {
  const problem = roleBindingProblem(spec, { noun: 'key', enterprise: '--enterprise', organization: '--org' });
  if (problem !== undefined) throw new KeyError(problem);
  for (const limit of ['rate', 'cost'] as const) {
    const value = spec[limit];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) throw new KeyError(`--${limit} must be a whole number of at least 1`);
  }
  const id = randomBytes(10).toString('hex').slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  await store.insert({
    id,
    secretHash: hashSecret(secret),
    role: spec.role,
    enterpriseId: spec.enterpriseId ?? null,
    organization: spec.organization ?? null,
    createdAt: new Date().toISOString(),
    revokedAt: null,
    rate: spec.rate ?? null,
    cost: spec.cost ?? null,
  });
  return { id, key: `iph_${id}.${secret}` };
}

/** The identity a key stands for and its own limits, or undefined for an unknown, revoked or malformed key. */
export async function authenticate(store: KeyStore, key: string): Promise<Authenticated | undefined> {
  const m = KEY_FORMAT.exec(key);
  if (m === null) return undefined;
  const record = await store.byId(m[1]!);
  if (record === undefined || record.revokedAt !== null) return undefined;
  const given = Buffer.from(hashSecret(m[2]!), 'hex');
  const expected = Buffer.from(record.secretHash, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const identity: Identity = {
    keyId: record.id,
    role: record.role,
    ...(record.enterpriseId === null ? {} : { enterpriseId: record.enterpriseId }),
    ...(record.organization === null ? {} : { organization: record.organization }),
  };
  return { identity, limits: { rate: record.rate, cost: record.cost } };
}
