// Every bound the gateway puts on a request, with its default. IPHUB_LIMITS (a JSON object, or
// @path to a JSON file) overrides any of them; the README's "Limits" section lists them all.
import { readFileSync } from 'node:fs';

import { type Role, ROLES } from '../../platform/identity.js';

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
  /** People's sessions (gateway/sessions/). */
  readonly sessions: {
    /** A session not used for this long ends. */
    readonly idleSeconds: number;
    /** A session ends this long after its sign-in, however much it is used. */
    readonly absoluteSeconds: number;
    /** How often, at most, use of a session writes its new idle end to the store. */
    readonly touchSeconds: number;
    /** Whether the session cookie says Secure (set it when the hub is served over HTTPS). */
    readonly secureCookie: boolean;
  };
  /** Failed sign-ins (and wrong current passwords) counted per window; past either count, 429 before any hashing. */
  readonly signIn: {
    readonly windowSeconds: number;
    /** Per username, whether or not an account has it. */
    readonly failuresPerAccount: number;
    readonly failuresPerAddress: number;
  };
  /** scrypt hashes of people's passwords (128 MiB and about 0.5 s each): this many at once, this many waiting; beyond, 503. */
  readonly passwordHashing: {
    readonly concurrent: number;
    readonly queue: number;
  };
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
    points: { ANONYMOUS: 60_000, CENTER_STAFF: 2_000_000, ENTERPRISE: 300_000, COURT: 300_000, BANK: 1_000_000, INSURER: 300_000, GUARANTOR: 300_000 },
    authFailures: 20,
    refusalPoints: 1_000,
  },
  admission: { inFlight: 32, queue: 1_000, queueTimeoutMs: 5_000, perCaller: 32 },
  caches: { documentBytes: 16 * MiB, queryPlanBytes: 32 * MiB },
  trustedProxies: 0,
  sessions: { idleSeconds: 30 * 60, absoluteSeconds: 12 * 60 * 60, touchSeconds: 60, secureCookie: false },
  signIn: { windowSeconds: 15 * 60, failuresPerAccount: 5, failuresPerAddress: 20 },
  passwordHashing: { concurrent: 2, queue: 16 },
};

export class LimitsError extends Error {
  override readonly name = 'LimitsError';
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * `base` with `override`'s values put in, where `override` mirrors part of its shape. Numbers
 * must be positive integers (0 is allowed only for trustedProxies), switches true or false; an
 * unknown key or a wrong type is refused, naming its path.
 */
function merge(base: unknown, override: Json, path: string): unknown {
  if (Array.isArray(base)) {
    if (!Array.isArray(override) || !override.every((r) => typeof r === 'string' && (ROLES as readonly string[]).includes(r))) {
      throw new LimitsError(`${path} must be a list of roles (${ROLES.join(', ')})`);
    }
    return override;
  }
  if (typeof base === 'boolean') {
    if (typeof override !== 'boolean') throw new LimitsError(`${path} must be true or false`);
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
  const limits = merge(DEFAULT_LIMITS, overrides as Json, '') as Limits;
  const { idleSeconds, absoluteSeconds, touchSeconds } = limits.sessions;
  // Else a session in use would still end idle, or its idle end be its absolute one.
  if (touchSeconds >= idleSeconds) throw new LimitsError('sessions.touchSeconds must be less than sessions.idleSeconds');
  if (idleSeconds > absoluteSeconds) throw new LimitsError('sessions.idleSeconds must be at most sessions.absoluteSeconds');
  return limits;
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
