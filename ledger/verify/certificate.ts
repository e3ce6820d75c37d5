// The offline check of a deposit certificate (存证证书): file digest, entry hash, inclusion
// proof, checkpoint signature. Pure and browser-safe.
import { fromHex, isHex } from '../bytes.js';
import type { Entry } from '../entry.js';
import { canonicalMetadata, computeEntryHash, computePayloadDigest } from '../entry.js';
import { HASH_SIZE, hashLeaf } from '../hashing.js';
import { parseCheckpoint } from './checkpoint.js';
import { verifyInclusion } from './merkle.js';
import { ALG_COSIGNATURE_V1, ALG_ED25519, openNote, parseVerifierKey, type VerifierKey } from './note.js';

export const CERTIFICATE_FORMAT = 'iphub-certificate/v1';

export interface InclusionProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  /** Proof hashes, lower-case hex, leaf to root. */
  readonly hashes: readonly string[];
}

export interface Certificate {
  readonly format: typeof CERTIFICATE_FORMAT;
  readonly entry: Entry;
  readonly inclusion: InclusionProof;
  /** The signed checkpoint note the proof leads to. */
  readonly checkpoint: string;
  /** The log's verifier key, as the hub states it. A verifier trusts only keys it got elsewhere. */
  readonly verifierKey: string;
}

export type CheckName = 'digest' | 'entryHash' | 'inclusion' | 'checkpointSignature' | 'witnesses';

export interface CheckResult {
  readonly ok: boolean;
  readonly detail: string;
}

export interface Verdict {
  /** True only when every check passed. */
  readonly ok: boolean;
  /** `witnesses` only when cosignatures were required. */
  readonly checks: Readonly<Record<Exclude<CheckName, 'witnesses'>, CheckResult>> & { readonly witnesses?: CheckResult };
  /** What the certificate attests, when it is well formed. */
  readonly seq?: number;
  readonly timestamp?: number;
  readonly depositor?: string;
  readonly treeSize?: number;
  readonly origin?: string;
  /** The name of the trusted key that signed the checkpoint, when one did. */
  readonly signer?: string;
}

export interface VerifyOptions {
  /** SHA-256 of the file being checked, hex. */
  contentDigest: string;
  /** Verifier keys (name+id+key) the court trusts, obtained other than from the certificate. */
  trustedKeys: readonly string[];
  /** Witness cosigner keys (C2SP tlog-cosignature, type 0x04) the court trusts. */
  witnessKeys?: readonly string[];
  /** How many of those witnesses must have cosigned the checkpoint (default 0). */
  minWitnesses?: number;
}

const pass = (detail: string): CheckResult => ({ ok: true, detail });
const fail = (detail: string): CheckResult => ({ ok: false, detail });

export function verifyCertificate(certificate: unknown, options: VerifyOptions): Verdict {
  const cert = certificate as Partial<Certificate> | null;
  const entry = cert?.entry;
  if (cert === null || typeof cert !== 'object' || cert.format !== CERTIFICATE_FORMAT || entry === undefined || typeof entry !== 'object') {
    const bad = fail(`not an ${CERTIFICATE_FORMAT} certificate`);
    return { ok: false, checks: { digest: bad, entryHash: bad, inclusion: bad, checkpointSignature: bad } };
  }

  const digest = checkDigest(entry, options.contentDigest);
  const entryHash = checkEntryHash(entry);
  const signature = checkSignature(cert.checkpoint, options.trustedKeys);
  const inclusion = checkInclusion(entry, cert.inclusion, cert.checkpoint);
  const minWitnesses = options.minWitnesses ?? 0;
  const checks = {
    digest,
    entryHash,
    inclusion,
    checkpointSignature: signature.result,
    ...(minWitnesses > 0 ? { witnesses: checkWitnesses(cert.checkpoint, options.witnessKeys ?? [], minWitnesses) } : {}),
  };
  return {
    ok: Object.values(checks).every((c) => c.ok),
    checks,
    seq: entry.seq,
    timestamp: entry.timestamp,
    depositor: entry.depositor,
    treeSize: cert.inclusion?.treeSize,
    origin: signature.origin,
    signer: signature.signer,
  };
}

function checkDigest(entry: Entry, contentDigest: string): CheckResult {
  const given = typeof contentDigest === 'string' ? contentDigest.toLowerCase() : '';
  if (!isHex(given, HASH_SIZE)) return fail('the file digest to check is not a 64-digit hex SHA-256');
  return given === entry.contentDigest
    ? pass(`the file's SHA-256 ${given} is the deposited content digest`)
    : fail(`the file's SHA-256 ${given} differs from the deposited content digest ${String(entry.contentDigest)}`);
}

function checkEntryHash(entry: Entry): CheckResult {
  try {
    const payload = computePayloadDigest(canonicalMetadata(entry.metadata));
    if (payload !== entry.payloadDigest) return fail('the entry metadata does not hash to its payloadDigest');
    const recomputed = computeEntryHash(entry);
    return recomputed === entry.entryHash
      ? pass(`entry ${entry.seq} hashes to ${recomputed}`)
      : fail(`entry ${entry.seq} hashes to ${recomputed}, not the stated ${String(entry.entryHash)}`);
  } catch {
    return fail('the entry is malformed and cannot be hashed');
  }
}

function checkSignature(note: unknown, trustedKeys: readonly string[]): { result: CheckResult; origin?: string; signer?: string } {
  if (typeof note !== 'string') return { result: fail('the certificate has no checkpoint') };
  // A log's key: a witness's cosignature key does not stand in for it.
  const keys = (trustedKeys ?? []).map(parseVerifierKey).filter((k): k is VerifierKey => k !== undefined && k.alg === ALG_ED25519);
  if (keys.length === 0) return { result: fail('no valid trusted key was given to check the checkpoint signature against') };
  const opened = openNote(note, keys);
  let origin: string | undefined;
  try {
    origin = parseCheckpoint(note).origin;
  } catch {
    return { result: fail('the checkpoint is malformed') };
  }
  if (opened === undefined) return { result: fail('the checkpoint is malformed or carries an invalid signature'), origin };
  const signer = opened.signedBy[0];
  return signer === undefined
    ? { result: fail('the checkpoint is not signed by any trusted key'), origin }
    : { result: pass(`the checkpoint of ${origin} is signed by trusted key ${signer.name}`), origin, signer: signer.name };
}

function checkWitnesses(note: unknown, witnessKeys: readonly string[], required: number): CheckResult {
  if (typeof note !== 'string') return fail('the certificate has no checkpoint');
  const keys = witnessKeys.map(parseVerifierKey).filter((k): k is VerifierKey => k !== undefined && k.alg === ALG_COSIGNATURE_V1);
  const opened = openNote(note, keys);
  const cosigned = opened?.signedBy.map((k) => k.name) ?? [];
  return cosigned.length >= required
    ? pass(
        `the checkpoint is cosigned by ${cosigned.length} trusted witness${cosigned.length === 1 ? '' : 'es'} (${cosigned.join(', ')}); ${required} required`,
      )
    : fail(`the checkpoint is cosigned by ${cosigned.length} trusted witness${cosigned.length === 1 ? '' : 'es'}; ${required} required`);
}

function checkInclusion(entry: Entry, proof: InclusionProof | undefined, note: unknown): CheckResult {
  if (proof === undefined || typeof note !== 'string') return fail('the certificate has no inclusion proof');
  let root: Uint8Array;
  try {
    const cp = parseCheckpoint(note);
    if (cp.size !== proof.treeSize) return fail(`the proof is for tree size ${proof.treeSize}, the checkpoint for ${cp.size}`);
    root = cp.rootHash;
  } catch {
    return fail('the checkpoint is malformed');
  }
  if (proof.leafIndex !== entry.seq) return fail(`the proof is for leaf ${proof.leafIndex}, the entry is ${entry.seq}`);
  if (!isHex(entry.entryHash, HASH_SIZE) || !Array.isArray(proof.hashes) || !proof.hashes.every((h) => isHex(h, HASH_SIZE))) {
    return fail('the inclusion proof is malformed');
  }
  const ok = verifyInclusion(hashLeaf(fromHex(entry.entryHash)), proof.leafIndex, proof.treeSize, proof.hashes.map(fromHex), root);
  return ok
    ? pass(`entry ${entry.seq} is leaf ${proof.leafIndex} of the tree of ${proof.treeSize} entries in the checkpoint`)
    : fail(`the inclusion proof does not lead from entry ${entry.seq} to the checkpoint's root`);
}
