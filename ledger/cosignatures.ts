// Witness cosignatures (C2SP tlog-cosignature): takes this log's checkpoints back from witnesses,
// keeps the valid cosignatures of configured witnesses with the stored checkpoint, and hands the
// checkpoint out with all of them from then on.
import { LedgerInputError } from './entry.js';
import { beforeRetry, MAX_TRIES } from './retry.js';
import { type LedgerStore, LedgerUnavailableError } from './store/port.js';
import { parseCheckpoint } from './verify/checkpoint.js';
import { ALG_COSIGNATURE_V1, openNote, parseNote, parseVerifierKey, type VerifierKey } from './verify/note.js';

export class Cosignatures {
  readonly #store: LedgerStore;
  readonly #witnesses: VerifierKey[];
  readonly #onCosigned: (size: number, note: string) => void;

  /** Throws LedgerInputError for a key that is not a witness cosigner key. */
  constructor(store: LedgerStore, witnessKeys: readonly string[], onCosigned: (size: number, note: string) => void) {
    this.#store = store;
    this.#onCosigned = onCosigned;
    this.#witnesses = witnessKeys.map((k) => {
      const key = parseVerifierKey(k);
      if (key === undefined || key.alg !== ALG_COSIGNATURE_V1) throw new LedgerInputError('INVALID_INPUT', `not a witness cosigner key (type 0x04): ${k}`);
      return key;
    });
  }

  /**
   * Keeps the new cosignatures by configured witnesses that `note` carries, and returns the stored
   * checkpoint with every cosignature it now has. LedgerInputError when the note is not one of this
   * log's checkpoints or adds no valid one.
   */
  async add(note: string): Promise<string> {
    const given = parseNote(note);
    let cp: { size: number } | undefined;
    try {
      cp = given === undefined ? undefined : parseCheckpoint(given.text);
    } catch {
      cp = undefined;
    }
    if (given === undefined || cp === undefined) throw new LedgerInputError('INVALID_INPUT', 'not a signed checkpoint note');
    const lines = note
      .slice(given.text.length + 1)
      .split('\n')
      .filter((line) => line !== '');
    let signedBy: VerifierKey[] | undefined;
    for (let tries = 1; tries <= MAX_TRIES; tries++) {
      const stored = await this.#store.checkpointAt(cp.size);
      const storedNote = stored === undefined ? undefined : parseNote(stored.note);
      if (stored === undefined || storedNote === undefined || storedNote.text !== given.text) {
        throw new LedgerInputError('NOT_FOUND', `this log signed no checkpoint with that text at size ${cp.size}`);
      }
      const by = (signedBy ??= openNote(note, this.#witnesses)?.signedBy);
      if (by === undefined) throw new LedgerInputError('INVALID_INPUT', 'a cosignature by a configured witness does not verify');
      const have = new Set(storedNote.signatures.map((s) => `${s.name} ${s.keyId}`));
      const added = lines.filter((line, i) => {
        const sig = given.signatures[i]!;
        return !have.has(`${sig.name} ${sig.keyId}`) && by.some((k) => k.name === sig.name && k.keyId === sig.keyId);
      });
      if (added.length === 0) throw new LedgerInputError('INVALID_INPUT', 'the note carries no new cosignature by a configured witness');
      const merged = `${stored.note}${added.map((l) => `${l}\n`).join('')}`;
      // Stored only onto the note read: another witness's cosignature stored meanwhile is merged
      // with next time, not overwritten.
      if (await this.#store.swapCheckpointNote(cp.size, stored.note, merged)) {
        this.#onCosigned(cp.size, merged);
        return merged;
      }
      if (tries < MAX_TRIES) await beforeRetry(tries);
    }
    throw new LedgerUnavailableError(`the checkpoint at size ${cp.size} kept changing while its cosignatures were stored`);
  }
}
