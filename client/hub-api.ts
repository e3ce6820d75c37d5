// A hub's public, keyless API as a court's tools use it (the iphub CLI and the verification
// page). Plain fetch, so it runs in Node and in the browser; nothing it returns is trusted until
// ledger/verify has checked it against keys the court holds.
import type { Certificate, CheckResult } from '../ledger/verify/index.js';
import { fromHex } from '../ledger/verify/index.js';
import { parseCheckpoint } from '../ledger/verify/index.js';
import { verifyConsistency } from '../ledger/verify/index.js';
import { ALG_ED25519, openNote, parseVerifierKey, type VerifierKey } from '../ledger/verify/index.js';

export class HubError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export class HubApi {
  /** `hub` is the hub's address, with or without the trailing /graphql. */
  constructor(hub: string) {
    this.url = `${hub.replace(/\/+$/, '').replace(/\/graphql$/, '')}/graphql`;
  }

  readonly url: string;

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(this.url, {
      method: 'POST',
      // Public queries only: a session cookie would make the hub ask for its CSRF token.
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new HubError(`the hub answered HTTP ${res.status} without a GraphQL response`);
    }
    const error = body.errors?.[0];
    if (error !== undefined) throw new HubError(`the hub said: ${error.message}`, error.extensions?.code);
    return body.data as T;
  }

  /** The certificate of every deposit of a file with this SHA-256, oldest first. */
  async certificates(contentDigest: string): Promise<Certificate[]> {
    const { verifyEvidence } = await this.query<{ verifyEvidence: { deposits: { certificate: Certificate }[] } }>(
      'query ($d: String!) { verifyEvidence(contentDigest: $d) { deposits { certificate } } }',
      { d: contentDigest },
    );
    return verifyEvidence.deposits.map((d) => d.certificate);
  }

  async verifierKey(): Promise<string> {
    return (await this.query<{ ledgerVerifierKey: string }>('{ ledgerVerifierKey }')).ledgerVerifierKey;
  }

  /** The root certificates (PEM) of the timestamp authorities the hub states it uses: none when it uses none. */
  async timestampRoots(): Promise<string[]> {
    return (await this.query<{ ledgerTimestampRoots: string[] }>('{ ledgerTimestampRoots }')).ledgerTimestampRoots;
  }

  /**
   * Whether the hub's latest checkpoint, signed by a trusted key, extends `checkpoint`: the log
   * holds today what it held when the certificate was issued.
   */
  async checkConsistency(checkpoint: string, trustedKeys: readonly string[]): Promise<CheckResult> {
    const keys = trustedKeys.map(parseVerifierKey).filter((k): k is VerifierKey => k !== undefined && k.alg === ALG_ED25519);
    const old = parseCheckpoint(checkpoint);
    const { ledgerCheckpoint } = await this.query<{ ledgerCheckpoint: string }>('{ ledgerCheckpoint }');
    if (!openNote(ledgerCheckpoint, keys)?.signedBy.length) return { ok: false, detail: "the hub's latest checkpoint is not signed by a trusted key" };
    const latest = parseCheckpoint(ledgerCheckpoint);
    if (latest.size < old.size) return { ok: false, detail: `the hub's log (${latest.size} entries) is shorter than the certificate's (${old.size})` };
    const { ledgerConsistencyProof: proof } = await this.query<{ ledgerConsistencyProof: { hashes: string[] } }>(
      'query ($from: Int!, $to: Int) { ledgerConsistencyProof(fromSize: $from, toSize: $to) { hashes } }',
      { from: old.size, to: latest.size },
    );
    const ok = verifyConsistency(old.size, latest.size, old.rootHash, latest.rootHash, proof.hashes.map(fromHex));
    return ok
      ? { ok, detail: `the hub's log of ${latest.size} entries extends the certificate's checkpoint of ${old.size}: nothing was rewritten` }
      : { ok, detail: `the hub's log of ${latest.size} entries does not extend the certificate's checkpoint of ${old.size}` };
  }
}
