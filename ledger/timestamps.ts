// Trusted time for checkpoints: asks each configured RFC 3161 timestamp authority for a token
// over the SHA-256 of the newest checkpoint's signed note, whenever the log grew since that TSA's
// last token and the interval has passed, and stores the tokens the offline verifier would
// accept. Off the append path: a TSA that is down or slow delays only its own next token.
import { sha256 } from '@noble/hashes/sha2.js';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

import { bytesToHex } from './bytes.js';
import type { Checkpoints } from './checkpoints.js';
import type { LedgerStore, StoredCheckpoint } from './store/port.js';
import { type TimestampTrust, verifyTimestampToken } from './verify/timestamp.js';

const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
/** A TimeStampResp is a few kilobytes; more is not one. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const UTF8 = new TextEncoder();

export interface TimestampOptions extends TimestampTrust {
  /** The TSAs' URLs (HTTP POST, RFC 3161 section 3.4). */
  readonly urls: readonly string[];
  /** A TSA is asked at most this often (ms; default 60,000). */
  readonly intervalMs?: number;
  /** How long one request may take (ms; default 10,000). */
  readonly timeoutMs?: number;
  /** Told of each failed request: for logs. */
  readonly onFailure?: (url: string, reason: string) => void;
}

/** A TSA answered with something other than a valid token over the note asked about. */
export class TimestampRequestError extends Error {
  override readonly name = 'TimestampRequestError';
}

/** An RFC 3161 TimeStampReq for SHA-256(note), asking for the TSA's certificate, with a nonce. */
function timestampRequest(note: string, nonce: Uint8Array): Uint8Array<ArrayBuffer> {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: ID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256(UTF8.encode(note)) }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER());
}

/** A positive 64-bit nonce (RFC 3161 section 2.4.1): its top bit clear. */
function newNonce(): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(8));
  nonce[0] = (nonce[0]! & 0x7f) | 0x01;
  return nonce;
}

/** Asks one TSA for a token over `note`, with a fresh nonce; the token is returned unchecked, with the nonce asked for. */
export async function fetchTimestampToken(url: string, note: string, timeoutMs: number): Promise<{ token: Uint8Array; nonce: Uint8Array }> {
  const nonce = newNonce();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
    body: timestampRequest(note, nonce),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  const body = new Uint8Array(await response.arrayBuffer());
  if (!response.ok) throw new TimestampRequestError(`HTTP ${response.status}`);
  if (body.length > MAX_RESPONSE_BYTES) throw new TimestampRequestError(`a response of ${body.length} bytes is not a TimeStampResp`);
  let reply: pkijs.TimeStampResp;
  try {
    reply = pkijs.TimeStampResp.fromBER(body);
  } catch {
    throw new TimestampRequestError('the response is not a DER TimeStampResp');
  }
  // granted (0) or grantedWithMods (1): RFC 3161 section 2.4.2.
  const status = reply.status.status;
  if ((status !== 0 && status !== 1) || reply.timeStampToken === undefined) {
    const text = reply.status.statusStrings?.map((s) => String(s.valueBlock.value)).join('; ');
    throw new TimestampRequestError(`the TSA refused (status ${status}${text ? `: ${text}` : ''})`);
  }
  return { token: new Uint8Array(reply.timeStampToken.toSchema().toBER()), nonce };
}

/** A token over `note` from one TSA, checked as the offline verifier will check it, and answering this request (its nonce). */
export async function requestTimestamp(url: string, note: string, trust: TimestampTrust, timeoutMs: number): Promise<{ token: Uint8Array; genTime: number }> {
  const { token, nonce } = await fetchTimestampToken(url, note, timeoutMs);
  const verdict = await verifyTimestampToken(token, UTF8.encode(note), trust);
  if (!verdict.ok) throw new TimestampRequestError(verdict.reasons.join('; '));
  if (verdict.info?.nonce === undefined || BigInt(`0x${verdict.info.nonce}`) !== BigInt(`0x${bytesToHex(nonce)}`)) {
    throw new TimestampRequestError('the token does not carry the nonce asked for: it answers another request');
  }
  return { token, genTime: Date.parse(verdict.info.genTime) };
}

export class Timestamps {
  readonly #store: LedgerStore;
  readonly #checkpoints: Checkpoints;
  readonly #options: TimestampOptions;
  readonly #intervalMs: number;
  /** Per TSA, the size of the largest checkpoint it stamped. */
  readonly #stamped = new Map<string, number>();
  #newest = 0;
  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #round: Promise<void> | undefined;
  #closed = false;

  private constructor(store: LedgerStore, checkpoints: Checkpoints, options: TimestampOptions) {
    this.#store = store;
    this.#checkpoints = checkpoints;
    this.#options = options;
    this.#intervalMs = options.intervalMs ?? 60_000;
  }

  /** Starts asking (at once, then each interval). */
  static async open(store: LedgerStore, checkpoints: Checkpoints, options: TimestampOptions): Promise<Timestamps> {
    const timestamps = new Timestamps(store, checkpoints, options);
    const latest = await store.latestTimestamp();
    if (latest !== undefined) {
      timestamps.#newest = latest.genTime;
      // What each TSA stamped last: the covering lookup of the largest size gives its tokens.
      for (const ts of await store.timestampsCovering(latest.size)) timestamps.#stamped.set(ts.tsa, ts.size);
    }
    timestamps.#schedule(0);
    return timestamps;
  }

  /** genTime of the newest token this instance knows of (ms; 0: none). */
  get newest(): number {
    return this.#newest;
  }

  /** Requests that failed since this instance started. */
  get failures(): number {
    return this.#failures;
  }

  #schedule(wait: number): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#round = this.stamp()
        .catch(() => undefined)
        .finally(() => {
          this.#round = undefined;
          this.#schedule(this.#intervalMs);
        });
    }, wait);
    this.#timer.unref?.();
  }

  /** One round: each TSA that has not stamped the newest checkpoint is asked for a token over it. */
  async stamp(): Promise<void> {
    // A checkpoint of every entry stored so far: signed now when the latest does not cover them.
    const checkpoint = await this.#checkpoints.sign();
    if (checkpoint.size === 0) return;
    const due = this.#options.urls.filter((url) => (this.#stamped.get(url) ?? 0) < checkpoint.size);
    await Promise.all(due.map((url) => this.#stampWith(url, checkpoint)));
  }

  async #stampWith(url: string, checkpoint: StoredCheckpoint): Promise<void> {
    try {
      const { token, genTime } = await requestTimestamp(url, checkpoint.note, this.#options, this.#options.timeoutMs ?? 10_000);
      await this.#store.putTimestamp({ size: checkpoint.size, tsa: url, note: checkpoint.note, token, genTime });
      this.#stamped.set(url, checkpoint.size);
      this.#newest = Math.max(this.#newest, genTime);
    } catch (err) {
      this.#failures++;
      this.#options.onFailure?.(url, err instanceof Error ? err.message : String(err));
    }
  }

  /** Stops asking; a request under way finishes. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#round;
  }
}
