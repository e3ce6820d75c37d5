// A registry feed file cut into chunks importPatents takes: whole rows, at most `rows` of them and
// `bytes` bytes (UTF-8) each, well under the hub's 5,000 rows and 1 MB; a CSV chunk starts with
// the file's header line again. Each chunk says which line of the file its first line stands for
// (for CSV, the header's stand-in: the line just before its first row), so the hub's report names
// the file's lines. A line break inside a quoted CSV field belongs to its row, and counts as a line.
// Pure.

export type FeedFormat = 'CSV' | 'JSON_LINES';

export interface Chunk {
  /** The chunk's text: the CSV header, then its rows, as the file has them. */
  readonly data: string;
  /** The line of the file the chunk's first line stands for: importPatents' `firstLine`. */
  readonly firstLine: number;
  /** The file's lines its rows cover, for saying where a refused chunk is. */
  readonly fromLine: number;
  readonly toLine: number;
  /** Rows in it, blank lines not counted. */
  readonly rows: number;
  readonly bytes: number;
}

export interface Limits {
  readonly rows: number;
  readonly bytes: number;
}

export const LIMITS: Limits = { rows: 3_000, bytes: 512 * 1024 };

/** The feed's format from the file's name, else from its first character. */
export function formatOf(fileName: string, text: string): FeedFormat {
  const name = fileName.toLowerCase();
  if (/\.(jsonl|ndjson|json)$/.test(name)) return 'JSON_LINES';
  if (name.endsWith('.csv')) return 'CSV';
  return text
    .replace(/^\ufeff/, '')
    .trimStart()
    .startsWith('{')
    ? 'JSON_LINES'
    : 'CSV';
}

interface Row {
  readonly text: string;
  /** The line it starts on. */
  readonly line: number;
  /** The lines it spans (a quoted CSV field may hold line breaks). */
  readonly lines: number;
  readonly bytes: number;
  readonly blank: boolean;
}

/** UTF-8 bytes of one UTF-16 code unit: a surrogate pair counts 4 on its first half. */
const utf8 = (code: number): number => (code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdbff ? 4 : code >= 0xdc00 && code <= 0xdfff ? 0 : 3);

/** The file's rows (each with its line break), in order. */
function rowsOf(text: string, format: FeedFormat): Row[] {
  const rows: Row[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let bytes = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += utf8(code);
    if (code === 0x22 && format === 'CSV') quoted = !quoted;
    else if (code === 0x0a) {
      line++;
      if (!quoted) {
        const row = text.slice(start, i + 1);
        rows.push({ text: row, line: startLine, lines: line - startLine, bytes, blank: row.trim() === '' });
        start = i + 1;
        startLine = line;
        bytes = 0;
      }
    }
  }
  if (start < text.length) {
    const row = text.slice(start);
    rows.push({ text: row, line: startLine, lines: line - startLine + 1, bytes, blank: row.trim() === '' });
  }
  return rows;
}

/** The file as chunks; none when it has no rows. */
export function chunksOf(file: string, format: FeedFormat, limits: Limits = LIMITS): Chunk[] {
  const text = file.replace(/^\ufeff/, '');
  const rows = rowsOf(text, format);
  let header: Row | undefined;
  if (format === 'CSV') {
    header = rows.shift();
    // A header without a line break ends the file: it has no rows.
    if (header !== undefined && !header.text.endsWith('\n')) return [];
  }
  const headerBytes = header?.bytes ?? 0;
  const chunks: Chunk[] = [];
  let current: Row[] = [];
  let currentRows = 0;
  let currentBytes = headerBytes;
  const flush = () => {
    if (current.every((r) => r.blank)) {
      current = [];
      return;
    }
    const first = current[0]!;
    const last = current.at(-1)!;
    chunks.push({
      data: (header?.text ?? '') + current.map((r) => r.text).join(''),
      firstLine: header === undefined ? first.line : first.line - 1,
      fromLine: first.line,
      toLine: last.line + last.lines - 1,
      rows: currentRows,
      bytes: currentBytes,
    });
    current = [];
    currentRows = 0;
    currentBytes = headerBytes;
  };
  for (const row of rows) {
    const full = currentRows + (row.blank ? 0 : 1) > limits.rows || currentBytes + row.bytes > limits.bytes;
    // A row too large for any chunk goes alone: the hub says what is wrong with it.
    if (full && current.length > 0) flush();
    current.push(row);
    if (!row.blank) currentRows++;
    currentBytes += row.bytes;
  }
  if (current.length > 0) flush();
  return chunks;
}

export interface Rejected {
  readonly line: number;
  readonly applicationNumber: string | null;
  readonly code: string;
  readonly field: string | null;
  readonly message: string;
}

export interface Report {
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: readonly Rejected[];
}

export const EMPTY_REPORT: Report = { rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [] };

/** Two chunks' reports as one, the rejected rows by line. */
export function merge(a: Report, b: Report): Report {
  return {
    rows: a.rows + b.rows,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    rejected: [...a.rejected, ...b.rejected].sort((x, y) => x.line - y.line),
  };
}

/**
 * One CSV field. A text that a spreadsheet would take for a formula (it begins with = + - @, a tab
 * or a carriage return: OWASP's CSV injection) is written with a ' before it, so that opening the
 * report runs nothing the feed's rows carried.
 */
const csvField = (v: string | number | null): string => {
  const text = v === null ? '' : String(v);
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The rejected rows as CSV, for a person to correct the file by. */
export function rejectedCsv(rejected: readonly Rejected[]): string {
  const lines = [['line', 'applicationNumber', 'code', 'field', 'message'].join(',')];
  for (const r of rejected) lines.push([r.line, r.applicationNumber, r.code, r.field, r.message].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
