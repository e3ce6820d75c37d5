// C2SP tlog-proof@v1 (https://c2sp.org/tlog-proof): the standard offline proof of a ledger entry,
// the certificate's projection onto it. `extra` carries the entry itself (canonical JSON, base64):
// the data the leaf commits to, as the spec's "additional data necessary to reconstruct the record
// hash"; it is not trusted, but checked as the certificate's entry is. Pure and browser-safe.
import { bytesToHex, fromBase64, fromHex, isHex, toBase64 } from '../bytes.js';
import type { Entry } from '../entry.js';
import { HASH_SIZE } from '../hashing.js';
import { type Certificate, CERTIFICATE_FORMAT } from './certificate.js';
import { parseCheckpoint } from './checkpoint.js';

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

export class TlogProofError extends Error {
  override readonly name = 'TlogProofError';
}

const utf8 = new TextEncoder();

/** The proof of a certificate's entry, as a `.tlog-proof` file's text. */
export function formatTlogProof(cert: Certificate): string {
  const extra = toBase64(utf8.encode(JSON.stringify(cert.entry)));
  const hashes = cert.inclusion.hashes.map((h) => toBase64(fromHex(h)));
  return [TLOG_PROOF_HEADER, `extra ${extra}`, `index ${cert.inclusion.leafIndex}`, ...hashes, ''].join('\n') + '\n' + cert.checkpoint;
}

/**
 * A `.tlog-proof` file read back as the certificate it projects (with no verifier key: the
 * caller's trusted keys decide), or TlogProofError saying what is wrong with it.
 */
export function parseTlogProof(text: string): Certificate {
  const blank = text.indexOf('\n\n');
  if (blank < 0) throw new TlogProofError('no empty line before the checkpoint');
  const [header, ...lines] = text.slice(0, blank).split('\n');
  if (header !== TLOG_PROOF_HEADER) throw new TlogProofError(`the first line is not ${TLOG_PROOF_HEADER}`);
  const extraLine = lines[0]?.startsWith('extra ') === true ? lines.shift()! : undefined;
  if (extraLine === undefined) throw new TlogProofError("no extra line: this log's proofs carry their entry there");
  const indexLine = lines.shift();
  const index = indexLine?.match(/^index (0|[1-9][0-9]*)$/)?.[1];
  if (index === undefined || !Number.isSafeInteger(Number(index)))
    throw new TlogProofError('the index line is not "index" and a decimal without leading zeroes');
  const hashes = lines.map((line, i) => {
    const hash = fromBase64(line);
    if (hash === undefined || hash.length !== HASH_SIZE) throw new TlogProofError(`proof line ${i + 1} is not base64 of a SHA-256 hash`);
    return bytesToHex(hash);
  });
  const checkpoint = text.slice(blank + 2);
  let size: number;
  try {
    size = parseCheckpoint(checkpoint).size;
  } catch (err) {
    throw new TlogProofError(`the checkpoint is malformed: ${(err as Error).message}`);
  }
  const entryBytes = fromBase64(extraLine.slice('extra '.length));
  let entry: Entry;
  try {
    entry = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entryBytes ?? new Uint8Array())) as Entry;
  } catch {
    throw new TlogProofError('the extra line is not base64 of the entry in JSON');
  }
  if (entry === null || typeof entry !== 'object' || !isHex(entry.entryHash, HASH_SIZE)) throw new TlogProofError('the extra line holds no ledger entry');
  return { format: CERTIFICATE_FORMAT, entry, inclusion: { leafIndex: Number(index), treeSize: size, hashes }, checkpoint, verifierKey: '' };
}

/** A certificate file's text, in either form: the JSON certificate, or a `.tlog-proof`. */
export function readCertificateFile(text: string): Certificate {
  if (text.startsWith(`${TLOG_PROOF_HEADER}\n`)) return parseTlogProof(text);
  try {
    return JSON.parse(text) as Certificate;
  } catch {
    throw new TlogProofError(`neither a JSON certificate (${CERTIFICATE_FORMAT}) nor a ${TLOG_PROOF_HEADER} file`);
  }
}
