// Every bound the gateway puts on a request, with its default. IPHUB_LIMITS (a JSON object, or
// @path to a JSON file) overrides any of them; the README's "Limits" section lists them all.
import { readFileSync } from 'node:fs';

import { type Role, ROLES } from '../platform/identity.js';

/** What one operation may ask for: checked at the gateway before it is planned. */
export interface OperationBudget {
  /** Nesting of selections (introspection's own nesting is not counted). */
  readonly depth: number;
  readonly aliases: number;
  /** Fields selected at the operation's root. */
  readonly rootFields: number;
  /** Lexical tokens in the document. */
  readonly tokens: number;
  readonly directives: number;
  /** `...Fragment` spreads in the document. */
  readonly fragmentSpreads: number;
  /** Estimated cost: objects 1, scalars 0, times list sizes (see gateway/cost.ts). */
  readonly cost: number;
}

export type Tier = 'anonymous' | 'partner';
/** Whose rate budget: a key's role, or an address calling without a key. */
export type RateRole = Role | 'ANONYMOUS';

export interface Limits {
  /** Callers without a key (the public face), and partner keys (a key may carry its own cost). */
  readonly budgets: Readonly<Record<Tier, OperationBudget>>;
  /** The largest `first` any connection accepts. */
  readonly maxPageSize: number;
  /** Roles whose keys may introspect the schema (never anonymous callers). */
  readonly introspection: readonly Role[];
  /** Bytes of JSON in one response. */
  readonly responseBytes: number;
  /** An operation's execution stops, and the caller gets TIMEOUT, after this long. */
  readonly timeoutMs: number;
  readonly rate: {
    readonly windowSeconds: number;
    /** Cost points per window: per key for each role (a key may carry its own), per address for anonymous callers. */
    readonly points: Readonly<Record<RateRole, number>>;
    /** Failed authentications per address per window. */
    readonly authFailures: number;
    /** Refused operations are charged this many points (a refusal is no free probe). */
    readonly refusalPoints: number;
  };
  readonly admission: {
    /** Operations executing at once. */
    readonly inFlight: number;
    /** Operations waiting for a slot, served in arrival order. */
    readonly queue: number;
    /** A request that waited this long for a slot gets 503. */
    readonly queueTimeoutMs: number;
    /** Places, running or waiting, that one key or address may hold (beyond: 429). */
    readonly perCaller: number;
  };
  readonly caches: {
    /** Parsed and validated operations (approximate bytes). */
    readonly documentBytes: number;
    /** Query plans (approximate bytes). */
    readonly queryPlanBytes: number;
  };
  /** Proxies in front of the gateway whose X-Forwarded-For entries are trusted (0: use the socket's address). */
  readonly trustedProxies: number;
}

const MiB = 1 << 20;

export const DEFAULT_LIMITS: Limits = {
  budgets: {
    anonymous: { depth: 8, aliases: 10, rootFields: 5, tokens: 1_000, directives: 10, fragmentSpreads: 20, cost: 300 },
    partner: { depth: 12, aliases: 50, rootFields: 20, tokens: 5_000, directives: 50, fragmentSpreads: 200, cost: 10_000 },
  },
  maxPageSize: 100,
  introspection: ['CENTER_STAFF'],
  responseBytes: 8 * MiB,
  timeoutMs: 10_000,
  rate: {
    windowSeconds: 60,
    points: { ANONYMOUS: 60_000, CENTER_STAFF: 2_000_000, ENTERPRISE: 300_000, COURT: 300_000, BANK: 1_000_000, INSURER: 300_000 },
    authFailures: 20,
    refusalPoints: 1_000,
  },
  admission: { inFlight: 32, queue: 1_000, queueTimeoutMs: 5_000, perCaller: 32 },
  caches: { documentBytes: 16 * MiB, queryPlanBytes: 32 * MiB },
  trustedProxies: 0,
};

export class LimitsError extends Error {
  override readonly name = 'LimitsError';
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * `base` with `override`'s values put in, where `override` mirrors part of its shape. Numbers
 * must be positive integers (0 is allowed only for trustedProxies); an unknown key or a wrong
 * type is refused, naming its path.
 */
function merge(base: unknown, override: Json, path: string): unknown {
  if (Array.isArray(base)) {
    if (!Array.isArray(override) || !override.every((r) => typeof r === 'string' && (ROLES as readonly string[]).includes(r))) {
      throw new LimitsError(`${path} must be a list of roles (${ROLES.join(', ')})`);
    }
    return override;
  }
  if (typeof base === 'number') {
    const min = path === 'trustedProxies' ? 0 : 1;
    if (typeof override !== 'number' || !Number.isSafeInteger(override) || override < min)
      throw new LimitsError(`${path} must be an integer of at least ${min}`);
    return override;
  }
  if (typeof override !== 'object' || override === null || Array.isArray(override)) throw new LimitsError(`${path || 'the value'} must be an object`);
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (!Object.hasOwn(out, key))
      throw new LimitsError(
        `unknown limit ${at}; known: ${Object.keys(out)
          .map((k) => (path === '' ? k : `${path}.${k}`))
          .join(', ')}`,
      );
    out[key] = merge(out[key], value, at);
  }
  return out;
}

/** The defaults with `overrides` applied (as parsed from IPHUB_LIMITS). */
export function resolveLimits(overrides: unknown = {}): Limits {
  return merge(DEFAULT_LIMITS, overrides as Json, '') as Limits;
}

/** The limits IPHUB_LIMITS asks for, or, when it is wrong, what is wrong on stderr and exit code 2. */
export function limitsFromEnvOrExit(env: { IPHUB_LIMITS?: string } = process.env): Limits {
  try {
    return limitsFromEnv(env);
  } catch (err) {
    if (!(err instanceof LimitsError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
}

/** The limits IPHUB_LIMITS asks for: inline JSON, or `@file.json`. */
export function limitsFromEnv(env: { IPHUB_LIMITS?: string } = process.env): Limits {
  const raw = env.IPHUB_LIMITS?.trim();
  if (raw === undefined || raw === '') return DEFAULT_LIMITS;
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = readFileSync(raw.slice(1), 'utf8');
    } catch (err) {
      throw new LimitsError(`IPHUB_LIMITS: cannot read ${raw.slice(1)}: ${(err as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new LimitsError(`IPHUB_LIMITS is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return resolveLimits(parsed);
  } catch (err) {
    if (err instanceof LimitsError) throw new LimitsError(`IPHUB_LIMITS: ${err.message}`);
    throw err;
  }
}
