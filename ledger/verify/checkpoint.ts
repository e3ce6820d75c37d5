// C2SP tlog-checkpoint bodies: origin, tree size, base64 root hash, optional extension lines.
import { fromBase64, toBase64 } from '../bytes.js';
import { HASH_SIZE } from '../hashing.js';
import { parseNote } from './note.js';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly extensions?: readonly string[];
}

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

export function formatCheckpoint(cp: Checkpoint): string {
  if (cp.origin === '' || /[\n\r]/.test(cp.origin)) throw new CheckpointError('checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw new CheckpointError(`bad tree size ${cp.size}`);
  if (!(cp.rootHash instanceof Uint8Array) || cp.rootHash.length !== HASH_SIZE) throw new CheckpointError('root hash must be 32 bytes');
  const ext = cp.extensions ?? [];
  if (ext.some((l) => l === '' || /[\n\r]/.test(l))) throw new CheckpointError('extension lines must be non-empty single lines');
  return [cp.origin, String(cp.size), toBase64(cp.rootHash), ...ext].join('\n') + '\n';
}

/** Parses checkpoint text, or the text of a signed checkpoint note. Throws CheckpointError. */
export function parseCheckpoint(textOrNote: string): Checkpoint {
  const text = parseNote(textOrNote)?.text ?? textOrNote;
  if (!text.endsWith('\n')) throw new CheckpointError('checkpoint must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin === undefined || origin === '' || sizeLine === undefined || rootLine === undefined) {
    throw new CheckpointError('checkpoint needs origin, size and root hash lines');
  }
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) {
    throw new CheckpointError(`bad tree size line ${JSON.stringify(sizeLine)}`);
  }
  const rootHash = fromBase64(rootLine);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE) throw new CheckpointError('root hash line is not base64 of 32 bytes');
  if (extensions.some((l) => l === '')) throw new CheckpointError('empty extension line');
  return { origin, size: Number(sizeLine), rootHash, extensions };
}
