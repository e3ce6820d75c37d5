// `npm run import -- patents FILE`, as an operator runs it: the summary line, the report file, and
// the exit codes (0 imported, rejected rows or not; 1 a refused or broken feed; 2 bad arguments).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeStorage, openStorage } from '../platform/storage.js';
import { patentCheckDigit } from '../standards/patent-number.js';
import { patentAsset } from '../subgraphs/enterprises/domain/model.js';
import { openEnterprisesStore } from '../subgraphs/enterprises/store/open.js';
import { tempDir } from './support/tmp.js';

const CLI = fileURLToPath(new URL('../apps/import.ts', import.meta.url));
const BYD = { id: 'e-byd', uscc: '914403001922038216' };

function importCli(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { env: { ...process.env, IPHUB_DATA_DIR: dataDir, IPHUB_MONGODB_URL: '' } },
      (err, stdout, stderr) => resolve({ code: err === null ? 0 : ((err as { code?: number }).code ?? 1), stdout, stderr }),
    );
  });
}

const number = (serial: number): string => {
  const digits = `20231${String(serial).padStart(7, '0')}`;
  return `${digits}.${patentCheckDigit(digits)}`;
};
const HEADER = 'applicationNumber,uscc,title,filingDate,status,grantDate,feesPaidThrough';
const row = (serial: number, extra = ',,') => `${number(serial)},${BYD.uscc},一种电池管理方法 ${serial},2023-03-01,${extra}`;

describe('npm run import -- patents', () => {
  const dir = tempDir('iphub-import-cli-');
  const data = join(dir.path, 'data');
  const file = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };
  const lines = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  /** The one line of stdout, parsed. */
  const summaryOf = (stdout: string) => {
    expect(stdout.endsWith('\n') && stdout.indexOf('\n') === stdout.length - 1).toBe(true);
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  beforeAll(async () => {
    const storage = await openStorage({ IPHUB_DATA_DIR: data });
    const store = await openEnterprisesStore(storage);
    await store.enterprises.insert({
      ...BYD,
      name: '比亚迪股份有限公司',
      regionCode: '440300',
      industry: '电气机械和器材制造业',
      filingStatus: 'FILED',
      registeredAt: '2025-01-01T00:00:00.000Z',
      creditCodeOverride: null,
    });
    await store.close();
    await closeStorage(storage);
  });
  afterAll(() => dir.remove());

  // Each run is a node process loading the subgraph through tsx: a few seconds each.
  it('imports a file, reports its rejected rows, and changes nothing the second time', { timeout: 120_000 }, async () => {
    const feed = file(
      'patents.csv',
      [
        HEADER,
        row(1),
        `${number(2).replace(/.$/, (d) => (d === '0' ? '1' : '0'))},${BYD.uscc},一种电池,2023-03-01,,,`,
        row(3),
        '',
        row(4, 'PENDING,2024-01-01,'),
        row(5),
      ].join('\n'),
    );
    const report = `${feed}.rejected.jsonl`;
    const first = await importCli(['patents', feed], data);
    expect(first.code).toBe(0);
    expect(summaryOf(first.stdout)).toStrictEqual({ rows: 5, inserted: 3, updated: 0, unchanged: 0, rejected: 2, report, seconds: expect.any(Number) });
    expect(first.stderr).toContain(`2 rows rejected: see ${report}`);
    expect(lines(report)).toStrictEqual([
      { line: 3, applicationNumber: expect.stringMatching(/^20231/), code: 'INVALID_PATENT_NUMBER', field: 'applicationNumber', message: expect.any(String) },
      { line: 6, applicationNumber: number(4), code: 'BAD_USER_INPUT', field: 'grantDate', message: 'a PENDING application has no grantDate' },
    ]);

    const again = await importCli(['patents', feed], data);
    expect(again.code).toBe(0);
    expect(summaryOf(again.stdout)).toMatchObject({ rows: 5, inserted: 0, updated: 0, unchanged: 3, rejected: 2 });
    expect(lines(report)).toHaveLength(2);

    // JSON lines named by their extension, the report where asked: written, and empty, though no row was rejected.
    const changed = file(
      'changed.ndjson',
      `${JSON.stringify({ applicationNumber: number(1), uscc: BYD.uscc, title: '一种电池管理方法 1', filingDate: '2023-03-01', status: 'GRANTED', grantDate: '2024-06-01', feesPaidThrough: '2025-03-01' })}\n`,
    );
    const elsewhere = join(dir.path, 'elsewhere.jsonl');
    const update = await importCli(['patents', changed, '--report', elsewhere], data);
    expect(update.code).toBe(0);
    expect(summaryOf(update.stdout)).toMatchObject({ rows: 1, inserted: 0, updated: 1, unchanged: 0, rejected: 0, report: elsewhere });
    expect(readFileSync(elsewhere, 'utf8')).toBe('');

    const storage = await openStorage({ IPHUB_DATA_DIR: data });
    const store = await openEnterprisesStore(storage);
    try {
      expect((await store.patents.byNumbers([number(1), number(3), number(5)])).map((p) => p?.enterpriseId)).toStrictEqual([BYD.id, BYD.id, BYD.id]);
      const events = await store.history.page(patentAsset(number(1)), undefined, 10);
      expect(events.map((e) => [e.type, e.actor, e.role, e.details])).toStrictEqual([
        ['IMPORTED', 'cli:import', 'CENTER_STAFF', { status: ['PENDING', 'GRANTED'], grantDate: [null, '2024-06-01'], feesPaidThrough: [null, '2025-03-01'] }],
      ]);
      expect(await store.history.page(patentAsset(number(3)), undefined, 10)).toStrictEqual([]);
    } finally {
      await store.close();
      await closeStorage(storage);
    }
  });

  it('never writes its report through a symbolic link: refused before anything is imported, the linked file untouched', { timeout: 120_000 }, async () => {
    const precious = join(dir.path, 'precious.txt');
    writeFileSync(precious, 'keep me\n');
    const link = join(dir.path, 'linked.jsonl');
    symlinkSync(precious, link);
    const run = await importCli(['patents', file('linked.csv', [HEADER, row(40)].join('\n')), '--report', link], data);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is a symbolic link: the report is written to a file of its own, never through a link');
    expect(readFileSync(precious, 'utf8')).toBe('keep me\n');
    // A report made afresh is its owner's alone.
    const fresh = join(dir.path, 'fresh.jsonl');
    expect((await importCli(['patents', file('fresh.csv', [HEADER, row(41)].join('\n')), '--report', fresh], data)).code).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
  });

  it('exits 1 on a refused feed and on one broken part way, 2 on bad arguments', { timeout: 120_000 }, async () => {
    const report = join(dir.path, 'refused.jsonl');
    const badHeader = await importCli(['patents', file('bad.csv', `applicationNumber,owner,title,filingDate\n${row(20)}\n`), '--report', report], data);
    expect(badHeader).toMatchObject({ code: 1, stdout: '' });
    expect(badHeader.stderr).toMatch(/bad\.csv: the header line: unknown column owner; .*; nothing was imported/);
    expect(existsSync(report)).toBe(false);

    const broken = await importCli(
      ['patents', file('broken.csv', [HEADER, row(21), row(22), `"${number(23)}"x,${BYD.uscc},t,2023-03-01,,,`, row(24)].join('\n')), '--report', report],
      data,
    );
    expect(broken.code).toBe(1);
    expect(summaryOf(broken.stdout)).toMatchObject({
      rows: 2,
      inserted: 2,
      rejected: 0,
      stopped: { line: 4, message: expect.stringMatching(/^the CSV cannot be read from line 4 on/) },
    });
    expect(broken.stderr).toContain('the rows before it were imported, none after it');
    expect(readFileSync(report, 'utf8')).toBe('');

    const usage = 'usage: npm run import -- patents FILE [--format csv|jsonl] [--report PATH] [--batch N]';
    const feed = file('patents.txt', `${HEADER}\n${row(30)}\n`);
    for (const args of [
      [],
      ['trademarks', feed],
      ['patents'],
      ['patents', feed],
      ['patents', feed, '--format', 'xml'],
      ['patents', join(dir.path, 'missing.csv')],
      ['patents', feed, 'extra', '--format', 'csv'],
      ['patents', feed, '--format', 'csv', '--report', join(dir.path, 'no-such-dir', 'r.jsonl')],
      ['patents', feed, '--format', 'csv', '--dry-run'],
      ['patents', feed, '--format', 'csv', '--batch', '0'],
      ['patents', feed, '--format', 'csv', '--batch', '20001'],
    ]) {
      const bad = await importCli(args, data);
      expect({ args, code: bad.code, stdout: bad.stdout }).toStrictEqual({ args, code: 2, stdout: '' });
      expect(bad.stderr).toContain(usage);
    }
    // Given its format, the same file imports.
    const named = await importCli(['patents', feed, '--format', 'csv', '--batch', '1'], data);
    expect(named.code).toBe(0);
    expect(summaryOf(named.stdout)).toMatchObject({ rows: 1, inserted: 1 });
  });
});
