// `iphub verify`: checks a file against its deposit certificate, offline, and (when a hub is
// given) that the hub's log still contains the certificate's checkpoint.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { verifyCertificate, type Certificate, type CheckResult } from '../ledger/verify/certificate.js';
import { verifyConsistency } from '../ledger/verify/merkle.js';
import { openNote, parseVerifierKey, type VerifierKey } from '../ledger/verify/note.js';
import { parseCheckpoint } from '../ledger/verify/checkpoint.js';
import { fromHex } from '../ledger/bytes.js';

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

async function hubQuery<T>(hub: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const url = `${hub.replace(/\/+$/, '').replace(/\/graphql$/, '')}/graphql`;
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`the hub said: ${body.errors[0]!.message}`);
  return body.data as T;
}

/** Runs every check; the result is ok only when each passed. */
export async function verify(args: VerifyArgs): Promise<{ ok: boolean; digest: string; checks: Check[] }> {
  const digest = await sha256File(args.file);
  let certificate: Certificate | undefined;
  if (args.certificate !== undefined) {
    certificate = JSON.parse(readFileSync(args.certificate, 'utf8')) as Certificate;
  } else if (args.hub !== undefined) {
    const { verifyEvidence } = await hubQuery<{ verifyEvidence: { deposits: { certificate: Certificate }[] } }>(
      args.hub,
      'query ($d: String!) { verifyEvidence(contentDigest: $d) { deposits { certificate } } }',
      { d: digest },
    );
    certificate = verifyEvidence.deposits[0]?.certificate;
    if (certificate === undefined) return { ok: false, digest, checks: [{ name: 'deposit', ok: false, detail: `the hub holds no deposit of a file with SHA-256 ${digest}` }] };
  } else {
    throw new Error('give --certificate <file> to verify offline, or --hub <url> to fetch the certificate');
  }

  const verdict = verifyCertificate(certificate, { contentDigest: digest, trustedKeys: args.trustedKeys, witnessKeys: args.witnessKeys, minWitnesses: args.minWitnesses });
  const checks: Check[] = Object.entries(verdict.checks).map(([name, r]) => ({ name, ...(r as CheckResult) }));
  if (args.hub !== undefined && verdict.checks.checkpointSignature.ok) checks.push(await consistency(args.hub, certificate, args.trustedKeys));
  return { ok: checks.every((c) => c.ok), digest, checks };
}

/** The hub's latest checkpoint, signed by a trusted key, extends the certificate's. */
async function consistency(hub: string, certificate: Certificate, trustedKeys: string[]): Promise<Check> {
  const name = 'consistency';
  const keys = trustedKeys.map(parseVerifierKey).filter((k): k is VerifierKey => k !== undefined);
  const old = parseCheckpoint(certificate.checkpoint);
  const { ledgerCheckpoint } = await hubQuery<{ ledgerCheckpoint: string }>(hub, '{ ledgerCheckpoint }', {});
  if (!openNote(ledgerCheckpoint, keys)?.signedBy.length) return { name, ok: false, detail: "the hub's latest checkpoint is not signed by a trusted key" };
  const latest = parseCheckpoint(ledgerCheckpoint);
  if (latest.size < old.size) return { name, ok: false, detail: `the hub's log (${latest.size} entries) is shorter than the certificate's (${old.size})` };
  const { ledgerConsistencyProof: proof } = await hubQuery<{ ledgerConsistencyProof: { hashes: string[] } }>(
    hub,
    'query ($from: Int!, $to: Int) { ledgerConsistencyProof(fromSize: $from, toSize: $to) { hashes } }',
    { from: old.size, to: latest.size },
  );
  const ok = verifyConsistency(old.size, latest.size, old.rootHash, latest.rootHash, proof.hashes.map(fromHex));
  return ok
    ? { name, ok, detail: `the hub's log of ${latest.size} entries extends the certificate's checkpoint of ${old.size}: nothing was rewritten` }
    : { name, ok, detail: `the hub's log of ${latest.size} entries does not extend the certificate's checkpoint of ${old.size}` };
}
