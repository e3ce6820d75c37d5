// `iphub verify`: checks a file against its deposit certificate, offline, and (when a hub is
// given) that the hub's log still contains the certificate's checkpoint.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';

import { HubApi } from '../client/hub-api.js';
import { type Certificate, type CheckResult, readCertificateFile, verifyCertificate } from '../ledger/verify/index.js';

export interface VerifyArgs {
  file: string;
  certificate?: string;
  hub?: string;
  trustedKeys: string[];
  /** Witness cosigner keys, and how many of them must have cosigned the checkpoint. */
  witnessKeys?: string[];
  minWitnesses?: number;
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

/** Runs every check; the result is ok only when each passed. */
export async function verify(args: VerifyArgs): Promise<{ ok: boolean; digest: string; checks: Check[] }> {
  const digest = await sha256File(args.file);
  const hub = args.hub === undefined ? undefined : new HubApi(args.hub);
  let certificate: Certificate | undefined;
  if (args.certificate !== undefined) {
    // The JSON certificate, or its C2SP tlog-proof form.
    certificate = readCertificateFile(readFileSync(args.certificate, 'utf8'));
  } else if (hub !== undefined) {
    certificate = (await hub.certificates(digest))[0];
    if (certificate === undefined)
      return { ok: false, digest, checks: [{ name: 'deposit', ok: false, detail: `the hub holds no deposit of a file with SHA-256 ${digest}` }] };
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
  if (hub !== undefined && verdict.checks.checkpointSignature.ok)
    checks.push({ name: 'consistency', ...(await hub.checkConsistency(certificate.checkpoint, args.trustedKeys)) });
  return { ok: checks.every((c) => c.ok), digest, checks };
}
