// `iphub verify`: checks a file against its deposit certificate, offline, and (when a hub is
// given) that the hub's log still contains the certificate's checkpoint.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { HubApi } from '../client/hub-api.js';
import { pemCertificates, readCertificateBytes, statedTrustedTimes } from '../ledger/verify/index.js';
import { type Certificate, type CheckResult, verifyCertificate, verifyTrustedTime } from '../ledger/verify/index.js';

export interface VerifyArgs {
  file: string;
  certificate?: string;
  hub?: string;
  trustedKeys: string[];
  /** Witness cosigner keys, and how many of them must have cosigned the checkpoint. */
  witnessKeys?: string[];
  minWitnesses?: number;
  /** Files of the timestamp authorities' root certificates (PEM) the user trusts: given, the certificate's trusted time must verify. */
  tsaRoots?: string[];
  /** TSA policies (OIDs) accepted; any when none. */
  tsaPolicies?: string[];
}

export interface Check extends CheckResult {
  readonly name: string;
}

/** SHA-256 of a file of any size, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Runs every check; the result is ok only when each passed. `notes` say what was not checked. */
export async function verify(args: VerifyArgs): Promise<{ ok: boolean; digest: string; checks: Check[]; notes: string[] }> {
  const digest = await sha256File(args.file);
  const hub = args.hub === undefined ? undefined : new HubApi(args.hub);
  let certificate: Certificate | undefined;
  if (args.certificate !== undefined) {
    // The certificate's PDF (which carries it), the JSON certificate, or its C2SP tlog-proof form.
    certificate = await readCertificateBytes(await readFile(args.certificate));
  } else if (hub !== undefined) {
    certificate = (await hub.certificates(digest))[0];
    if (certificate === undefined)
      return { ok: false, digest, checks: [{ name: 'deposit', ok: false, detail: `the hub holds no deposit of a file with SHA-256 ${digest}` }], notes: [] };
  } else {
    throw new Error('give --certificate <file> to verify offline, or --hub <url> to fetch the certificate');
  }

  const verdict = verifyCertificate(certificate, {
    contentDigest: digest,
    trustedKeys: args.trustedKeys,
    witnessKeys: args.witnessKeys,
    minWitnesses: args.minWitnesses,
  });
  const checks: Check[] = Object.entries(verdict.checks).map(([name, r]) => ({ name, ...(r as CheckResult) }));
  const notes: string[] = [];
  const rootFiles = args.tsaRoots ?? [];
  if (rootFiles.length > 0) {
    const tsaRoots = await Promise.all(rootFiles.map(async (file) => pemCertificates(await readFile(file, 'utf8'))));
    const timed = await verifyTrustedTime(certificate, { trustedKeys: args.trustedKeys, tsaRoots: tsaRoots.flat(), tsaPolicies: args.tsaPolicies });
    checks.push({ name: 'trustedTime.checkpoint', ...timed.checkpoint });
    for (const [i, token] of timed.tokens.entries()) checks.push({ name: `trustedTime.token${i + 1}`, ok: token.ok, detail: token.detail });
  } else {
    for (const info of statedTrustedTimes(certificate)) {
      notes.push(
        `the certificate carries an RFC 3161 token of ${info.genTime} by ${info.tsa}, not checked: give --tsa-root FILE (the TSA's root certificate, PEM)`,
      );
    }
  }
  if (hub !== undefined && verdict.checks.checkpointSignature.ok)
    checks.push({ name: 'consistency', ...(await hub.checkConsistency(certificate.checkpoint, args.trustedKeys)) });
  return { ok: checks.every((c) => c.ok), digest, checks, notes };
}
