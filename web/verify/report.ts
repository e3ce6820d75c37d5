// The verification page's verdict on a file: its certificates (loaded, or fetched from the hub),
// each checked in the page with ledger/verify, then whether the hub's log still extends the
// certificate's checkpoint. No DOM here: the page and the printable report render the result.
import type { HubApi } from '../../client/hub-api.js';
import { bytesToHex, isHex } from '../../ledger/verify/index.js';
import { HASH_SIZE } from '../../ledger/verify/index.js';
import { type Certificate, type CheckResult, verifyCertificate, verifyTrustedTime } from '../../ledger/verify/index.js';
import { parseCheckpoint } from '../../ledger/verify/index.js';
import { type Bilingual, CHECKS, type Facts, type PageCheck, TEXT } from './messages.js';

export interface CheckLine extends CheckResult {
  readonly name: PageCheck;
  /** The outcome in plain words; `detail` is the technical account. */
  readonly words: Bilingual;
}

/** What a certificate attests, from its own (checked) entry and checkpoint. */
export interface Attested {
  readonly seq: number;
  readonly kind: string;
  readonly depositor: string;
  readonly timestamp: number;
  readonly title?: string;
  /**
   * The earliest time a valid RFC 3161 token attests, when one does; 'pending' when the user
   * trusts timestamp authorities but the certificate carries no token yet.
   */
  readonly trustedTime?: { readonly genTime: number; readonly accuracyMs?: number; readonly tsa: string } | 'pending';
  readonly origin?: string;
  readonly treeSize?: number;
  readonly rootHash?: string;
}

export interface DepositReport {
  readonly ok: boolean;
  readonly checks: readonly CheckLine[];
  readonly certificate: Certificate;
  readonly attested?: Attested;
}

export interface Report {
  /** True only when at least one deposit was found and every one of its checks passed. */
  readonly ok: boolean;
  readonly contentDigest: string;
  readonly deposits: readonly DepositReport[];
  /** Set when the hub holds no deposit of the digest. */
  readonly notFound?: CheckLine;
  readonly checkedAt: number;
  readonly trustedKeys: readonly string[];
  readonly witnessKeys: readonly string[];
  readonly minWitnesses: number;
  /** The trusted key is the one the hub states, not one the user obtained elsewhere. */
  readonly keyFromHub: boolean;
  /** The name of the file fingerprinted, when the digest came from one. */
  readonly fileName?: string;
  /**
   * Whether the digest is a file's fingerprinted on this page. When it is not (a typed digest, a
   * link's), a passing digest check says only that a deposit of it exists, never that a file is it.
   */
  readonly fileChecked: boolean;
}

export interface ReportOptions {
  /** A certificate the user loaded: checked offline instead of asking the hub for one. */
  readonly certificate?: unknown;
  /** The hub to fetch certificates from and to check consistency against. */
  readonly hub?: HubApi;
  readonly trustedKeys: readonly string[];
  readonly witnessKeys?: readonly string[];
  readonly minWitnesses?: number;
  /** The timestamp authorities' root certificates (DER) the user trusts; a certificate's trusted time is checked against them. */
  readonly tsaRoots?: readonly Uint8Array[];
  readonly keyFromHub?: boolean;
  readonly fileName?: string;
  readonly now?: number;
}

export class ReportInputError extends Error {}

const line = (name: PageCheck, result: CheckResult, facts: Facts): CheckLine => ({
  name,
  ...result,
  words: result.ok ? CHECKS[name].pass(facts) : CHECKS[name].fail(facts),
});

export async function buildReport(digest: string, options: ReportOptions): Promise<Report> {
  const contentDigest = digest.trim().toLowerCase();
  if (!isHex(contentDigest, HASH_SIZE)) throw new ReportInputError('not a SHA-256');
  const base = {
    contentDigest,
    checkedAt: options.now ?? Date.now(),
    trustedKeys: options.trustedKeys,
    witnessKeys: options.witnessKeys ?? [],
    minWitnesses: options.minWitnesses ?? 0,
    keyFromHub: options.keyFromHub ?? false,
    ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
    fileChecked: options.fileName !== undefined,
  };
  let certificates: unknown[];
  if (options.certificate !== undefined) certificates = [options.certificate];
  else if (options.hub !== undefined) certificates = await options.hub.certificates(contentDigest);
  else throw new ReportInputError('neither a certificate nor a hub to ask');

  if (certificates.length === 0) {
    const notFound = line('deposit', { ok: false, detail: `the hub holds no deposit of a file with SHA-256 ${contentDigest}` }, {});
    return { ...base, ok: false, deposits: [], notFound };
  }
  // The hub's certificates all lead to its newest checkpoint: ask for each checkpoint's proof once.
  const consistency = new Map<string, Promise<CheckResult>>();
  const consistencyOf = (hub: HubApi, checkpoint: string): Promise<CheckResult> => {
    let result = consistency.get(checkpoint);
    if (result === undefined) {
      result = hub.checkConsistency(checkpoint, options.trustedKeys).catch((err: unknown) => ({ ok: false, detail: (err as Error).message }));
      consistency.set(checkpoint, result);
    }
    return result;
  };
  const deposits = await Promise.all(certificates.map((c) => checkDeposit(contentDigest, c, options, base.fileChecked, consistencyOf)));
  return { ...base, ok: deposits.every((d) => d.ok), deposits };
}

async function checkDeposit(
  contentDigest: string,
  certificate: unknown,
  options: ReportOptions,
  fileChecked: boolean,
  consistencyOf: (hub: HubApi, checkpoint: string) => Promise<CheckResult>,
): Promise<DepositReport> {
  const minWitnesses = options.minWitnesses ?? 0;
  const verdict = verifyCertificate(certificate, { contentDigest, trustedKeys: options.trustedKeys, witnessKeys: options.witnessKeys, minWitnesses });
  const cert = certificate as Certificate;
  // Checked when the certificate carries trusted time. One issued before its checkpoint was
  // stamped is no less valid: the page says the time is pending rather than failing it.
  const tsaRoots = options.tsaRoots ?? [];
  const timed = cert?.trustedTime === undefined ? undefined : await verifyTrustedTime(certificate, { trustedKeys: options.trustedKeys, tsaRoots });
  const earliest = timed?.earliest;
  const trustedTime = earliest === undefined ? undefined : { genTime: Date.parse(earliest.genTime), accuracyMs: earliest.accuracyMs, tsa: earliest.tsa };
  const facts: Facts = { seq: verdict.seq, treeSize: verdict.treeSize, signer: verdict.signer, minWitnesses, trustedTime };
  const checks = Object.entries(verdict.checks).map(([name, result]) => {
    const checked = line(name as PageCheck, result as CheckResult, facts);
    // Without a file, a matching digest is a deposit on record, not a file recognised.
    return name === 'digest' && checked.ok && !fileChecked ? { ...checked, words: TEXT.digestOnly } : checked;
  });
  if (timed !== undefined) {
    const detail = [timed.checkpoint.detail, ...timed.tokens.map((t) => t.detail)].join('; ');
    checks.push(line('trustedTime', { ok: timed.ok, detail }, facts));
  }
  if (options.hub !== undefined && verdict.checks.checkpointSignature.ok) {
    checks.push(line('consistency', await consistencyOf(options.hub, cert.checkpoint), facts));
  }
  const claims = attested(cert);
  const time = trustedTime ?? (timed === undefined && tsaRoots.length > 0 ? 'pending' : undefined);
  return {
    ok: checks.every((c) => c.ok),
    checks,
    certificate: cert,
    attested: claims !== undefined && time !== undefined ? { ...claims, trustedTime: time } : claims,
  };
}

function attested(cert: Certificate | null): Attested | undefined {
  const e = cert?.entry;
  // Beyond ±8.64e15 ms a Date is invalid.
  if (typeof e !== 'object' || e === null || !Number.isSafeInteger(e.seq) || !Number.isSafeInteger(e.timestamp) || Math.abs(e.timestamp) > 8.64e15)
    return undefined;
  let checkpoint: { origin?: string; treeSize?: number; rootHash?: string } = {};
  try {
    const cp = parseCheckpoint(cert!.checkpoint);
    checkpoint = { origin: cp.origin, treeSize: cp.size, rootHash: bytesToHex(cp.rootHash) };
  } catch {
    // A malformed checkpoint already fails its checks; the entry's facts still show.
  }
  const title = e.metadata?.title ?? e.metadata?.name;
  return {
    seq: e.seq,
    kind: String(e.kind),
    depositor: String(e.depositor),
    timestamp: e.timestamp,
    ...(typeof title === 'string' ? { title } : {}),
    ...checkpoint,
  };
}
