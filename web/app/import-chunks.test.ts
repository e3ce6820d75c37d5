// The staff upload's chunks (src/pages/staff/import/chunks.ts): whole rows within the limits, the
// CSV header sent again with each chunk, and each chunk's firstLine naming the file's lines as
// importPatents documents it, a line break inside a quoted field included.
import { describe, expect, it } from 'vitest';

interface Chunk {
  readonly data: string;
  readonly firstLine: number;
  readonly fromLine: number;
  readonly toLine: number;
  readonly rows: number;
  readonly bytes: number;
}
// Loaded as vitest finds it: the app is type-checked by its own tsconfig (see messages.test.ts).
const MODULE = './src/pages/staff/import/chunks.ts';
const { chunksOf, formatOf, merge, rejectedCsv } = (await import(MODULE)) as {
  chunksOf(file: string, format: 'CSV' | 'JSON_LINES', limits?: { rows: number; bytes: number }): Chunk[];
  formatOf(name: string, text: string): 'CSV' | 'JSON_LINES';
  merge(a: object, b: object): { rows: number; inserted: number; rejected: { line: number }[] };
  rejectedCsv(rows: object[]): string;
};

const HEADER = 'applicationNumber,uscc,title,filingDate\n';
const row = (n: number) => `20241000000${n % 10}.0,914403001922038216,标题 ${n},2024-01-01\n`;

/** The file's line a chunk's row is on, counted as the hub counts it from firstLine. */
const lineOfRow = (chunk: Chunk, rowIndex: number, format: 'CSV' | 'JSON_LINES') => chunk.firstLine + rowIndex + (format === 'CSV' ? 1 : 0);

describe('the import page’s chunks', () => {
  it('cuts a CSV file into chunks of whole rows, each with the header, naming the file’s lines', () => {
    const file = HEADER + Array.from({ length: 7 }, (_, i) => row(i)).join('');
    const chunks = chunksOf(file, 'CSV', { rows: 3, bytes: 1_000_000 });
    expect(chunks.map((c) => [c.rows, c.firstLine, c.fromLine, c.toLine])).toEqual([
      [3, 1, 2, 4],
      [3, 4, 5, 7],
      [1, 7, 8, 8],
    ]);
    for (const c of chunks) expect(c.data.startsWith(HEADER)).toBe(true);
    // Every row of the file is sent once, in order.
    expect(chunks.map((c) => c.data.slice(HEADER.length)).join('')).toBe(file.slice(HEADER.length));
    // The second chunk's first row is the file's line 5.
    expect(lineOfRow(chunks[1]!, 0, 'CSV')).toBe(5);
    expect(file.split('\n')[4]).toBe(row(3).trimEnd());
  });

  it('keeps a quoted line break inside its row and counts it as a line; CRLF and a BOM as the file has them', () => {
    const file = `\ufeff${HEADER.replace('\n', '\r\n')}${row(1).replace('\n', '\r\n')}"2024100000020.0",914403001922038216,"两行\r\n标题",2024-01-01\r\n${row(3)}`;
    const chunks = chunksOf(file, 'CSV', { rows: 1, bytes: 1_000_000 });
    expect(chunks.map((c) => [c.firstLine, c.fromLine, c.toLine])).toEqual([
      [1, 2, 2],
      [2, 3, 4],
      [4, 5, 5],
    ]);
    expect(chunks[1]!.data).toContain('"两行\r\n标题"');
    expect(chunks.every((c) => !c.data.startsWith('\ufeff'))).toBe(true);
  });

  it('stays under the byte limit (UTF-8), header included, and sends a row too large alone', () => {
    const file = HEADER + Array.from({ length: 50 }, (_, i) => row(i)).join('');
    const limit = 400;
    const chunks = chunksOf(file, 'CSV', { rows: 3_000, bytes: limit });
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.bytes).toBe(Buffer.byteLength(c.data));
      expect(c.bytes).toBeLessThanOrEqual(limit);
    }
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(50);
    const huge = `${HEADER}${'x'.repeat(1_000)}\n${row(1)}`;
    expect(chunksOf(huge, 'CSV', { rows: 3_000, bytes: limit }).map((c) => c.rows)).toEqual([1, 1]);
  });

  it('cuts JSON lines without a header, its firstLine the chunk’s first line, blank lines counted but not sent alone', () => {
    const line = (n: number) => `${JSON.stringify({ applicationNumber: `2024100000${n}`, title: '标题' })}\n`;
    const file = `${line(1)}\n${line(2)}${line(3)}\n\n`;
    const chunks = chunksOf(file, 'JSON_LINES', { rows: 2, bytes: 1_000_000 });
    expect(chunks.map((c) => [c.rows, c.firstLine])).toEqual([
      [2, 1],
      [1, 4],
    ]);
    expect(chunks[0]!.data).toBe(`${line(1)}\n${line(2)}`);
  });

  it('has no chunks for a file of a header alone or nothing; tells the format by name, else by content', () => {
    expect(chunksOf(HEADER, 'CSV')).toEqual([]);
    expect(chunksOf('', 'JSON_LINES')).toEqual([]);
    expect(chunksOf(`${HEADER}\n\n`, 'CSV')).toEqual([]);
    expect(formatOf('feed.CSV', '{')).toBe('CSV');
    expect(formatOf('feed.jsonl', 'a,b')).toBe('JSON_LINES');
    expect(formatOf('feed.txt', '\ufeff  {"a":1}')).toBe('JSON_LINES');
    expect(formatOf('feed.txt', 'applicationNumber,title')).toBe('CSV');
  });

  it('merges the chunks’ reports, rejected rows by line, and writes them as CSV', () => {
    const a = {
      rows: 2,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [{ line: 9, applicationNumber: null, code: 'BAD_USER_INPUT', field: null, message: 'x' }],
    };
    const b = {
      rows: 3,
      inserted: 2,
      updated: 1,
      unchanged: 0,
      rejected: [{ line: 3, applicationNumber: '1', code: 'INVALID_DATE', field: 'filingDate', message: 'a "b", c' }],
    };
    const merged = merge(a, b);
    expect(merged.rows).toBe(5);
    expect(merged.inserted).toBe(3);
    expect(merged.rejected.map((r) => r.line)).toEqual([3, 9]);
    expect(rejectedCsv(merged.rejected as object[])).toBe(
      'line,applicationNumber,code,field,message\r\n3,1,INVALID_DATE,filingDate,"a ""b"", c"\r\n9,,BAD_USER_INPUT,,x\r\n',
    );
  });

  it('writes a rejected row that a spreadsheet would run as a formula as text (OWASP CSV injection)', () => {
    const hostile = ['=HYPERLINK("http://x.invalid","click")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];
    const csv = rejectedCsv(hostile.map((message, i) => ({ line: i + 1, applicationNumber: message, code: 'BAD_USER_INPUT', field: null, message })));
    const rows = csv.trim().split('\r\n').slice(1);
    expect(rows[0]).toBe(`1,"'=HYPERLINK(""http://x.invalid"",""click"")",BAD_USER_INPUT,,"'=HYPERLINK(""http://x.invalid"",""click"")"`);
    expect(rows[1]).toBe("2,'+1+1,BAD_USER_INPUT,,'+1+1");
    expect(rows[2]).toBe("3,'-2+3,BAD_USER_INPUT,,'-2+3");
    expect(rows[3]).toBe("4,'@SUM(A1),BAD_USER_INPUT,,'@SUM(A1)");
    expect(rows[4]).toBe("5,'\tcmd,BAD_USER_INPUT,,'\tcmd");
    // A leading carriage return is quoted as well as prefixed.
    expect(csv).toContain(`6,"'\rcmd",BAD_USER_INPUT,,"'\rcmd"`);
  });
});
