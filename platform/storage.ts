// Where every part keeps its data: SQLite files under the data directory (the embedded
// default), or MongoDB when IPHUB_MONGODB_URL is set. Each part owns its own database or collections.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import Database from 'better-sqlite3';
import { MongoClient, MongoServerError } from 'mongodb';

import { type Ledger, openLedger, openLedgerStore, pemCertificates, type Signer, signerFromKey, signerKey, type TimestampOptions } from '../ledger/index.js';
import { mongoClientOptions, topologyProblem } from './mongodb.js';
import { derivedSubgraphKey } from './request-signature.js';
import { SUBGRAPH_NAMES, type SubgraphName } from './subgraph.js';

export type Storage = { readonly kind: 'sqlite'; readonly dataDir: string } | { readonly kind: 'mongodb'; readonly url: string; readonly client: MongoClient };

export interface StorageEnv {
  IPHUB_DATA_DIR?: string;
  IPHUB_MONGODB_URL?: string;
  IPHUB_LEDGER_KEY?: string;
  IPHUB_LEDGER_ORIGIN?: string;
  /** Witness cosigner keys (C2SP tlog-cosignature), comma-separated. */
  IPHUB_WITNESS_KEYS?: string;
  /** RFC 3161 timestamp authorities' URLs, comma-separated. */
  IPHUB_TSA_URLS?: string;
  /** Files of their root certificates (PEM), comma-separated: a token is kept only when its TSA chains to one. */
  IPHUB_TSA_ROOTS?: string;
  /** How often each TSA is asked, at most (ms; default 60,000). */
  IPHUB_TSA_INTERVAL_MS?: string;
  /** TSA policies (OIDs) accepted, comma-separated; any when unset. */
  IPHUB_TSA_POLICIES?: string;
}

export const DEFAULT_LEDGER_ORIGIN = 'iphub.local/ledger';

export async function openStorage(env: StorageEnv = process.env): Promise<Storage> {
  if (env.IPHUB_MONGODB_URL) return { kind: 'mongodb', url: env.IPHUB_MONGODB_URL, client: await connectMongo(env.IPHUB_MONGODB_URL) };
  const dataDir = resolve(env.IPHUB_DATA_DIR ?? 'data');
  // The data directory is the hub's alone: its databases, its signing key, its internal secret.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return { kind: 'sqlite', dataDir };
}

const COMMAND_NOT_FOUND = 59;

/**
 * A client on the deployment at `url`, bounded (platform/mongodb.ts), refused unless it is a
 * replica set or a sharded cluster: on a standalone server every transaction would fail at
 * request time while all else worked.
 */
export async function connectMongo(url: string): Promise<MongoClient> {
  const client = new MongoClient(url, mongoClientOptions(url));
  try {
    await client.connect();
    const admin = client.db('admin');
    // hello is newer than some 4.2 releases the driver supports; isMaster answers the same fields.
    const hello = await admin.command({ hello: 1 }).catch((err: unknown) => {
      if (err instanceof MongoServerError && err.code === COMMAND_NOT_FOUND) return admin.command({ isMaster: 1 });
      throw err;
    });
    const problem = topologyProblem(hello);
    if (problem !== undefined) throw new Error(problem);
    return client;
  } catch (err) {
    await client.close();
    throw err;
  }
}

/** The SQLite databases sqliteDatabase opened on each storage, for closeStorage. */
const sqliteDatabases = new WeakMap<Storage, Set<Database.Database>>();

/** Closes the MongoDB client, or the SQLite databases still open; idempotent. */
export async function closeStorage(storage: Storage): Promise<void> {
  if (storage.kind === 'mongodb') await storage.client.close();
  for (const db of sqliteDatabases.get(storage) ?? []) if (db.open) db.close();
  sqliteDatabases.delete(storage);
}

/**
 * The SQLite database a subgraph owns: <data dir>/<name>.db in WAL mode. A commit reaches the
 * OS before it is acknowledged, so it survives a process kill; IPHUB_SQLITE_SYNC=full also
 * fsyncs each commit, to survive power loss. (The ledger always fsyncs: see ledger/FORMAT.md.)
 */
export function sqliteDatabase(storage: Storage & { kind: 'sqlite' }, name: string, env: { IPHUB_SQLITE_SYNC?: string } = process.env): Database.Database {
  const path = join(storage.dataDir, `${name}.db`);
  const db = new Database(path);
  // Readable by the hub's user alone; SQLite gives its -wal and -shm files the database's mode.
  chmodSync(path, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${env.IPHUB_SQLITE_SYNC === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 10000');
  // A statement journal over 64 KiB otherwise goes to a temporary file, and every later write of
  // that transaction through it (a registry upload's batch).
  db.pragma('temp_store = MEMORY');
  // 64 MiB of page cache (SQLite's default is 2 MiB): a province's registry indexes are hundreds
  // of megabytes, and inserts and index reads that miss the cache go to the file.
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = ON');
  const open = sqliteDatabases.get(storage) ?? new Set();
  sqliteDatabases.set(storage, open.add(db));
  return db;
}

/**
 * The ledger's signing key: IPHUB_LEDGER_KEY (a PRIVATE+KEY+... string), or, on SQLite,
 * <data dir>/ledger.key, made on first start.
 */
export function ledgerSigner(storage: Storage, env: StorageEnv = process.env): Signer {
  if (env.IPHUB_LEDGER_KEY) return signerFromKey(env.IPHUB_LEDGER_KEY);
  if (storage.kind === 'mongodb') throw new Error('IPHUB_LEDGER_KEY must be set when the ledger is on MongoDB');
  const origin = env.IPHUB_LEDGER_ORIGIN ?? DEFAULT_LEDGER_ORIGIN;
  return signerFromKey(readOrCreate(join(storage.dataDir, 'ledger.key'), () => signerKey(origin, randomBytes(32))));
}

export async function openLedgerOn(storage: Storage, env: StorageEnv = process.env): Promise<Ledger> {
  const signer = ledgerSigner(storage, env);
  const store = await openLedgerStore(storage);
  return openLedger({ store, signer, origin: signer.name, witnessKeys: commaList(env.IPHUB_WITNESS_KEYS), timestamps: timestampOptions(env) });
}

const commaList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');

/** The ledger's timestamp authorities from IPHUB_TSA_*; none when IPHUB_TSA_URLS is unset. Throws on a bad setting. */
export function timestampOptions(env: StorageEnv): TimestampOptions | undefined {
  const urls = commaList(env.IPHUB_TSA_URLS);
  if (urls.length === 0) return undefined;
  for (const url of urls) {
    const protocol = URL.canParse(url) ? new URL(url).protocol : undefined;
    if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`IPHUB_TSA_URLS: ${url} is not an http(s) URL`);
  }
  const files = commaList(env.IPHUB_TSA_ROOTS);
  if (files.length === 0) throw new Error('IPHUB_TSA_ROOTS must name the root certificate file (PEM) of each TSA in IPHUB_TSA_URLS');
  const roots = files.flatMap((file) => {
    try {
      return pemCertificates(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`IPHUB_TSA_ROOTS: ${file}: ${(err as Error).message}`, { cause: err });
    }
  });
  const interval = env.IPHUB_TSA_INTERVAL_MS === undefined || env.IPHUB_TSA_INTERVAL_MS === '' ? 60_000 : Number(env.IPHUB_TSA_INTERVAL_MS);
  if (!Number.isSafeInteger(interval) || interval < 1_000) throw new Error('IPHUB_TSA_INTERVAL_MS must be a whole number of milliseconds, at least 1000');
  return {
    urls,
    roots,
    policies: commaList(env.IPHUB_TSA_POLICIES),
    intervalMs: interval,
    onFailure: (url, reason) => console.warn(`ledger: timestamp authority ${url}: ${reason}; asking again later`),
  };
}

/**
 * The secret each subgraph's key is derived from (subgraphKey): IPHUB_INTERNAL_SECRET, or, on
 * SQLite, <data dir>/internal.secret, made on first start. The gateway holds it; a subgraph
 * given its own IPHUB_<NAME>_KEY needs it not.
 */
export function internalSecret(storage: Storage, env: { IPHUB_INTERNAL_SECRET?: string } = process.env): string {
  if (env.IPHUB_INTERNAL_SECRET) return env.IPHUB_INTERNAL_SECRET;
  if (storage.kind === 'mongodb') throw new Error('IPHUB_INTERNAL_SECRET must be set when running on MongoDB');
  return readOrCreate(join(storage.dataDir, 'internal.secret'), () => randomBytes(32).toString('base64url'));
}

const MIN_KEY_LENGTH = 32;

/**
 * The key `name`'s requests to and from the gateway are signed with (platform/request-signature.ts):
 * IPHUB_<NAME>_KEY (at least 32 characters, e.g. openssl rand -base64 32), or derived from the
 * internal secret. Each subgraph's own: one subgraph's key signs nothing another takes.
 */
export function subgraphKey(storage: Storage, name: SubgraphName, env: Record<string, string | undefined> = process.env): string {
  const variable = `IPHUB_${name.toUpperCase()}_KEY`;
  const given = env[variable];
  if (given === undefined || given === '') return derivedSubgraphKey(internalSecret(storage, env), name);
  if (given.length < MIN_KEY_LENGTH) throw new Error(`${variable} must be at least ${MIN_KEY_LENGTH} characters (openssl rand -base64 32)`);
  return given;
}

/** Every subgraph's key, as the gateway holds them. */
export function subgraphKeys(storage: Storage, env: Record<string, string | undefined> = process.env): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphKey(storage, name, env)])) as Record<SubgraphName, string>;
}

/**
 * The key secrets are sealed with at rest (platform/secret-box.ts): IPHUB_SECRETS_KEY (base64 of 32
 * bytes), or, on SQLite, <data dir>/secrets.key, made on first start.
 */
export function secretsKey(storage: Storage, env: { IPHUB_SECRETS_KEY?: string } = process.env): Uint8Array {
  const given = env.IPHUB_SECRETS_KEY;
  if (given === undefined || given === '') {
    if (storage.kind === 'mongodb') throw new Error('IPHUB_SECRETS_KEY must be set when running on MongoDB');
    return Buffer.from(
      readOrCreate(join(storage.dataDir, 'secrets.key'), () => randomBytes(32).toString('base64')),
      'base64',
    );
  }
  const key = Buffer.from(given, 'base64');
  if (key.length !== 32) throw new Error(`IPHUB_SECRETS_KEY must be the base64 of 32 random bytes (openssl rand -base64 32); it is ${key.length} bytes`);
  return key;
}

/**
 * A small secret file, created once (mode 0600); a concurrent creator's file wins. One that others
 * may read or write is refused: whoever could read it could sign as the ledger or as the gateway.
 */
function readOrCreate(path: string, make: () => string): string {
  if (!existsSync(path)) {
    try {
      writeFileSync(path, `${make()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new Error(`${path} may be read or written by others (mode ${mode.toString(8)}): run chmod 600 ${path}, and consider the secret known`);
  return readFileSync(path, 'utf8').trim();
}
