import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { FeedError, type FeedRow, readPatentFeed } from './read.js';

const rows = async (input: Readable | string, format: 'csv' | 'jsonl', firstLine?: number): Promise<FeedRow[]> => {
  const out: FeedRow[] = [];
  for await (const row of readPatentFeed(input, format, firstLine === undefined ? {} : { firstLine })) out.push(row);
  return out;
};

/** The rows read, then the FeedError that ended the feed. */
const untilError = async (input: string, format: 'csv' | 'jsonl'): Promise<{ rows: FeedRow[]; error: FeedError }> => {
  const out: FeedRow[] = [];
  try {
    for await (const row of readPatentFeed(input, format)) out.push(row);
  } catch (err) {
    if (err instanceof FeedError) return { rows: out, error: err };
    throw err;
  }
  throw new Error('the feed was read to its end');
};

/** The text as a stream of `size`-byte pieces: multi-byte characters and CR LF split between them. */
const inPieces = (text: string, size: number): Readable => {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  return Readable.from(pieces, { objectMode: false });
};

const HEADER = 'applicationNumber,uscc,title,filingDate,status,grantDate';

describe('a CSV feed', () => {
  // Line by line: 1 header (after a BOM), 2 a row, 3 blank, 4 spaces only, 5-6 one row with a
  // quoted line break (CR LF) and a quoted comma, 7 blank fields, 8 a row with a doubled quote.
  const FEED = [
    `\ufeff${HEADER}`,
    '202310123456.7, 91350100MA2XXXXX0X ,一种电池,2023-01-05,GRANTED,2024-03-01',
    '',
    '   ',
    '202310123457.5,91350100MA2XXXXX0X,"一种电池管理方法,',
    '及其装置",2023-01-06,,',
    '202310123458.3,91350100MA2XXXXX0X,一种阀门,2023-01-07,"",  ',
    '202310123459.1,91350100MA2XXXXX0X,"一种""智能""锁",2023-01-08,PENDING,',
  ].join('\r\n');
  const EXPECTED: FeedRow[] = [
    {
      line: 2,
      fields: {
        applicationNumber: '202310123456.7',
        uscc: '91350100MA2XXXXX0X',
        title: '一种电池',
        filingDate: '2023-01-05',
        status: 'GRANTED',
        grantDate: '2024-03-01',
      },
    },
    {
      line: 5,
      fields: {
        applicationNumber: '202310123457.5',
        uscc: '91350100MA2XXXXX0X',
        title: '一种电池管理方法,\r\n及其装置',
        filingDate: '2023-01-06',
        status: null,
        grantDate: null,
      },
    },
    {
      line: 7,
      fields: { applicationNumber: '202310123458.3', uscc: '91350100MA2XXXXX0X', title: '一种阀门', filingDate: '2023-01-07', status: null, grantDate: null },
    },
    {
      line: 8,
      fields: {
        applicationNumber: '202310123459.1',
        uscc: '91350100MA2XXXXX0X',
        title: '一种"智能"锁',
        filingDate: '2023-01-08',
        status: 'PENDING',
        grantDate: null,
      },
    },
  ];

  it('reads each row by its header, blank fields as null, with the line it starts on', async () => {
    expect(await rows(FEED, 'csv')).toStrictEqual(EXPECTED);
  });

  it('reads the same from a stream however its bytes are split, and from line feeds alone', async () => {
    for (const size of [1, 2, 3, 7, 64]) expect(await rows(inPieces(FEED, size), 'csv')).toStrictEqual(EXPECTED);
    const lf = EXPECTED.map((r) => ('fields' in r && r.line === 5 ? { ...r, fields: { ...r.fields, title: '一种电池管理方法,\n及其装置' } } : r));
    expect(await rows(FEED.replaceAll('\r\n', '\n'), 'csv')).toStrictEqual(lf);
  });

  it("numbers the lines of a chunk as the file's from its first line", async () => {
    // The chunk's header is its line 1, here the file's line 5000: its rows are on 5001, 5004...
    expect((await rows(FEED, 'csv', 5000)).map((r) => r.line)).toStrictEqual([5001, 5004, 5006, 5007]);
  });

  it('takes a row with too few or too many fields for unreadable, and reads on', async () => {
    const text = [HEADER, '202310123456.7,u,t', '202310123456.7,u,t,2023-01-05,,,extra', '202310123456.7,u,t,2023-01-05,,'].join('\n');
    expect(await rows(text, 'csv')).toStrictEqual([
      { line: 2, unreadable: '3 fields; the header line names 6' },
      { line: 3, unreadable: '7 fields; the header line names 6' },
      { line: 4, fields: { applicationNumber: '202310123456.7', uscc: 'u', title: 't', filingDate: '2023-01-05', status: null, grantDate: null } },
    ]);
  });

  it('refuses the feed on a bad header line, before any row', async () => {
    const refused = async (header: string) => (await untilError(`${header}\n202310123456.7,u,t,2023-01-05\n`, 'csv')).error;
    expect(await refused('applicationNumber,uscc,title,filingDate,owner')).toMatchObject({
      message: expect.stringMatching(/^the header line: unknown column owner; the columns are applicationNumber, uscc, enterpriseId/),
      line: 1,
    });
    expect((await refused('applicationNumber,uscc,title')).message).toBe('the header line: missing column filingDate');
    expect((await refused('applicationNumber,uscc,name,date')).message).toMatch(/^the header line: unknown columns name, date/);
    expect((await refused('applicationNumber,title,filingDate,ipcClass')).message).toBe(
      'the header line: name each owner: give a uscc or an enterpriseId column',
    );
    expect((await refused('applicationNumber,uscc,title,filingDate,uscc')).message).toBe('the header line names a column twice');
    expect((await untilError('\n\n', 'csv')).error).toMatchObject({ message: 'the feed is empty: a CSV feed starts with its header line', line: null });
    expect((await untilError('', 'csv')).error.name).toBe('FeedError');
  });

  it('reads the rows before broken CSV, then refuses the rest from the line the break starts on', async () => {
    const row = '202310123456.7,u,t,2023-01-05,,';
    const badQuote = await untilError([HEADER, row, '', '"202310123457.5"x,u,t,2023-01-05,,', row].join('\n'), 'csv');
    expect(badQuote.rows.map((r) => r.line)).toStrictEqual([2]);
    expect(badQuote.error).toMatchObject({ line: 4, message: expect.stringMatching(/^the CSV cannot be read from line 4 on: a quoted field is followed by/) });

    const unclosed = await untilError([HEADER, row, row, '202310123457.5,u,"t,2023-01-05,,', row, row].join('\n'), 'csv');
    expect(unclosed.rows.map((r) => r.line)).toStrictEqual([2, 3]);
    expect(unclosed.error).toMatchObject({ line: 4, message: 'the CSV cannot be read from line 4 on: a quote opened there is never closed' });

    const endless = await untilError([HEADER, row, `202310123457.5,u,"${'长'.repeat(30_000)}`].join('\n'), 'csv');
    expect(endless.rows).toHaveLength(1);
    expect(endless.error.message).toMatch(/^the CSV cannot be read from line 3 on: a row longer than 65536 bytes/);
  });
});

describe('a JSON lines feed', () => {
  it('reads one object a line, skipping blank lines, each line judged alone', async () => {
    const text = [
      '\ufeff{"applicationNumber":"202310123456.7","uscc":"91350100MA2XXXXX0X","title":"一种电池","filingDate":"2023-01-05"}',
      '',
      '  ',
      '{"applicationNumber":"202310123457.5","enterpriseId":"e1","title":"t","filingDate":"2023-01-06","status":null,"ipcClass":" "}',
      '{"applicationNumber": "202310123458.3", "title": "t",',
      '[{"applicationNumber":"202310123458.3"}]',
      '"202310123458.3"',
      '42',
      'null',
      '{"applicationNumber":"202310123458.3","owner":"x"}',
      '{"applicationNumber":"202310123458.3","filingDate":20230107}',
      '{"applicationNumber":"202310123458.3","title":{"zh":"t"}}',
      '{"applicationNumber":"202310123458.3","pct":true}',
      '{}',
    ].join('\r\n');
    const read = await rows(text, 'jsonl');
    expect(read.slice(0, 2)).toStrictEqual([
      { line: 1, fields: { applicationNumber: '202310123456.7', uscc: '91350100MA2XXXXX0X', title: '一种电池', filingDate: '2023-01-05' } },
      { line: 4, fields: { applicationNumber: '202310123457.5', enterpriseId: 'e1', title: 't', filingDate: '2023-01-06', status: null, ipcClass: null } },
    ]);
    expect(read.slice(2)).toStrictEqual([
      { line: 5, unreadable: expect.stringMatching(/^not JSON: /) },
      { line: 6, unreadable: 'not a JSON object: each line is one patent, {"applicationNumber": ...}' },
      { line: 7, unreadable: 'not a JSON object: each line is one patent, {"applicationNumber": ...}' },
      { line: 8, unreadable: 'not a JSON object: each line is one patent, {"applicationNumber": ...}' },
      { line: 9, unreadable: 'not a JSON object: each line is one patent, {"applicationNumber": ...}' },
      { line: 10, unreadable: expect.stringMatching(/^unknown column owner; the columns are /) },
      { line: 11, unreadable: 'filingDate must be a string or null' },
      { line: 12, unreadable: 'title must be a string or null' },
      { line: 13, unreadable: expect.stringMatching(/^unknown column pct;/) },
      { line: 14, fields: {} },
    ]);
  });

  it("numbers a chunk's lines as the file's, and reads a stream split anywhere", async () => {
    const text = '{"title":"一种电池"}\n\n{"title":"一种阀门"}\n';
    expect(await rows(text, 'jsonl', 101)).toStrictEqual([
      { line: 101, fields: { title: '一种电池' } },
      { line: 103, fields: { title: '一种阀门' } },
    ]);
    expect(await rows(inPieces(text, 1), 'jsonl')).toStrictEqual(await rows(text, 'jsonl'));
  });
});
