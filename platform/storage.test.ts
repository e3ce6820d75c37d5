// The data directory is the hub's alone: made 0700, its databases 0600, its secret files 0600,
// and a secret file others may read refused at start.
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { tempDir } from '../test/support/tmp.js';
import { closeStorage, internalSecret, ledgerSigner, openLedgerOn, openStorage, sqliteDatabase, type Storage } from './storage.js';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('the data directory', () => {
  const dir = tempDir('iphub-storage-');
  let storage: Storage | undefined;
  afterEach(async () => {
    if (storage !== undefined) await closeStorage(storage);
    storage = undefined;
  });
  afterAll(() => dir.remove());

  it('is made readable by the hub alone, as are its databases and secret files', async () => {
    const dataDir = join(dir.path, 'data');
    storage = await openStorage({ IPHUB_DATA_DIR: dataDir });
    expect(modeOf(dataDir)).toBe(0o700);
    sqliteDatabase(storage as Storage & { kind: 'sqlite' }, 'cases');
    expect(modeOf(join(dataDir, 'cases.db'))).toBe(0o600);
    internalSecret(storage, {});
    expect(modeOf(join(dataDir, 'internal.secret'))).toBe(0o600);
    const ledger = await openLedgerOn(storage, {});
    await ledger.close();
    expect(modeOf(join(dataDir, 'ledger.key'))).toBe(0o600);
    expect(modeOf(join(dataDir, 'ledger.db'))).toBe(0o600);
  });

  it('refuses a secret file others may read, naming it and the fix', async () => {
    const dataDir = join(dir.path, 'shared');
    storage = await openStorage({ IPHUB_DATA_DIR: dataDir });
    const secret = internalSecret(storage, {});
    ledgerSigner(storage, {});
    chmodSync(join(dataDir, 'internal.secret'), 0o644);
    expect(() => internalSecret(storage!, {})).toThrow(/internal\.secret may be read or written by others \(mode 644\): run chmod 600/);
    chmodSync(join(dataDir, 'internal.secret'), 0o600);
    expect(internalSecret(storage, {})).toBe(secret);
    chmodSync(join(dataDir, 'ledger.key'), 0o640);
    expect(() => ledgerSigner(storage!, {})).toThrow(/ledger\.key may be read or written by others/);
  });
});
