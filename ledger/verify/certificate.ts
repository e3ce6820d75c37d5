// The offline check of a deposit certificate (存证证书): file digest, entry hash, inclusion
// proof, checkpoint signature; and, apart (it is asynchronous), its trusted time. Browser-safe.
import { bytesEqual, fromBase64, fromHex, isHex } from '../bytes.js';
import type { Entry } from '../entry.js';
import { canonicalMetadata, computeEntryHash, computePayloadDigest } from '../entry.js';
import { HASH_SIZE, hashLeaf } from '../hashing.js';
import { parseCheckpoint } from './checkpoint.js';
import { verifyConsistency, verifyInclusion } from './merkle.js';
import { ALG_COSIGNATURE_V1, ALG_ED25519, openNote, parseVerifierKey, type VerifierKey } from './note.js';
import { existedNoLaterThan, readTimestampToken, type TokenInfo, verifyTimestampToken } from './timestamp.js';

export const CERTIFICATE_FORMAT = 'iphub-certificate/v1';

export interface InclusionProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  /** Proof hashes, lower-case hex, leaf to root. */
  readonly hashes: readonly string[];
}

/** Trusted time: RFC 3161 tokens over the first timestamped checkpoint that covers the entry. */
export interface TrustedTime {
  /** The signed checkpoint note the tokens are over, exactly: each token's imprint is the SHA-256 of its UTF-8 bytes. */
  readonly checkpoint: string;
  /**
   * RFC 9162 proof that the smaller of this checkpoint's tree and the certificate's checkpoint's
   * is a prefix of the larger; absent when both are of one size.
   */
  readonly consistency?: { readonly fromSize: number; readonly toSize: number; readonly hashes: readonly string[] };
  /** The TimeStampTokens (RFC 3161), DER in base64, one per timestamp authority. */
  readonly tokens: readonly string[];
}

export interface Certificate {
  readonly format: typeof CERTIFICATE_FORMAT;
  readonly entry: Entry;
  readonly inclusion: InclusionProof;
  /** The signed checkpoint note the proof leads to. */
  readonly checkpoint: string;
  /** The log's verifier key, as the hub states it. A verifier trusts only keys it got elsewhere. */
  readonly verifierKey: string;
  /** Absent until a timestamp authority stamped a checkpoint covering the entry: ask the hub again then. */
  readonly trustedTime?: TrustedTime;
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

export interface TrustedTimeOptions {
  /** The log's verifier keys the court trusts (the timestamped checkpoint must be signed by one). */
  trustedKeys: readonly string[];
  /** The TSA root certificates (DER) the court trusts, obtained other than from the hub. */
  tsaRoots: readonly Uint8Array[];
  /** TSA policies (OIDs) accepted; any when empty. */
  tsaPolicies?: readonly string[];
}

export interface TokenCheck extends CheckResult {
  /** What the token states, when it is one. */
  readonly info?: TokenInfo;
}

export interface TrustedTimeVerdict {
  /** True when the timestamped checkpoint covers the entry and at least one token verifies. */
  readonly ok: boolean;
  /** False when the certificate carries no trusted time yet. */
  readonly present: boolean;
  /** The timestamped checkpoint: signed by a trusted key, covering the entry, consistent with the certificate's. */
  readonly checkpoint: CheckResult;
  readonly tokens: readonly TokenCheck[];
  /** The earliest time a valid token attests. */
  readonly earliest?: TokenInfo;
}

const UTF8 = new TextEncoder();

/**
 * What the certificate's tokens state, unchecked (verifyTrustedTime checks them), earliest first:
 * for showing a trusted time the hub kept after checking it. Throws TimestampError for a token
 * that is not one; skips one that is not base64.
 */
export function statedTrustedTimes(certificate: Certificate): TokenInfo[] {
  return (certificate.trustedTime?.tokens ?? [])
    .flatMap((token) => {
      const der = fromBase64(token);
      return der === undefined ? [] : [readTimestampToken(der)];
    })
    .sort((a, b) => a.genTime.localeCompare(b.genTime));
}

/** Checks a certificate's trusted time: run beside verifyCertificate, which checks the entry is in the certificate's checkpoint. */
export async function verifyTrustedTime(certificate: unknown, options: TrustedTimeOptions): Promise<TrustedTimeVerdict> {
  const cert = certificate as Partial<Certificate> | null;
  const trusted = cert?.trustedTime;
  if (cert === null || typeof cert !== 'object' || trusted === undefined) {
    const none = fail(
      'the certificate carries no trusted time yet: a timestamp authority had not stamped a checkpoint covering it when it was issued; fetch it again from the hub',
    );
    return { ok: false, present: false, checkpoint: none, tokens: [] };
  }
  const checkpoint = checkTimestampedCheckpoint(cert, trusted, options.trustedKeys);
  const tokens: TokenCheck[] = [];
  for (const [i, encoded] of (Array.isArray(trusted.tokens) ? trusted.tokens : []).entries()) {
    const der = typeof encoded === 'string' ? fromBase64(encoded) : undefined;
    if (der === undefined || typeof trusted.checkpoint !== 'string') {
      tokens.push(fail(`token ${i + 1} is not base64`));
      continue;
    }
    const verdict = await verifyTimestampToken(der, UTF8.encode(trusted.checkpoint), { roots: options.tsaRoots, policies: options.tsaPolicies });
    const info = verdict.info === undefined ? {} : { info: verdict.info };
    tokens.push(verdict.ok ? { ...pass(existedNoLaterThan(verdict.info!)), ...info } : { ...fail(verdict.reasons.join('; ')), ...info });
  }
  if (tokens.length === 0) tokens.push(fail('the trusted time carries no token'));
  const valid = tokens.filter((t) => t.ok && t.info !== undefined).map((t) => t.info!);
  const earliest = valid.sort((a, b) => a.genTime.localeCompare(b.genTime))[0];
  return { ok: checkpoint.ok && earliest !== undefined, present: true, checkpoint, tokens, ...(earliest === undefined ? {} : { earliest }) };
}

function checkTimestampedCheckpoint(cert: Partial<Certificate>, trusted: TrustedTime, trustedKeys: readonly string[]): CheckResult {
  const signature = checkSignature(trusted.checkpoint, trustedKeys);
  if (!signature.result.ok) return fail(`the timestamped checkpoint: ${signature.result.detail}`);
  let timestamped: { size: number; root: Uint8Array };
  let own: { size: number; root: Uint8Array };
  try {
    const t = parseCheckpoint(trusted.checkpoint);
    const o = parseCheckpoint(String(cert.checkpoint));
    [timestamped, own] = [
      { size: t.size, root: t.rootHash },
      { size: o.size, root: o.rootHash },
    ];
  } catch {
    return fail('the timestamped checkpoint or the certificate checkpoint is malformed');
  }
  const seq = cert.entry?.seq;
  if (typeof seq !== 'number' || seq >= timestamped.size)
    return fail(`the timestamped checkpoint of ${timestamped.size} entries does not cover entry ${String(seq)}`);
  if (timestamped.size === own.size) {
    return bytesEqual(timestamped.root, own.root)
      ? pass(`entry ${seq} is in the timestamped checkpoint, the certificate's own`)
      : fail("the timestamped checkpoint and the certificate's have one size but different roots: the log forked");
  }
  const [older, newer] = timestamped.size < own.size ? [timestamped, own] : [own, timestamped];
  const proof = trusted.consistency;
  if (
    proof === undefined ||
    proof.fromSize !== older.size ||
    proof.toSize !== newer.size ||
    !Array.isArray(proof.hashes) ||
    !proof.hashes.every((h) => isHex(h, HASH_SIZE))
  ) {
    return fail(`no well-formed consistency proof from ${older.size} to ${newer.size} entries between the two checkpoints`);
  }
  return verifyConsistency(older.size, newer.size, older.root, newer.root, proof.hashes.map(fromHex))
    ? pass(`entry ${seq} is in the timestamped checkpoint of ${timestamped.size} entries, consistent with the certificate's of ${own.size}`)
    : fail(`the consistency proof does not lead from the tree of ${older.size} entries to the tree of ${newer.size}`);
}
