// The patent registry feed (the platform's "一库"): CSV with a header line, or JSON lines, one
// patent a row. Reading only: each row's fields by name, with the line of the file it starts on.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

import { CsvError, parse } from 'csv-parse';

export const FEED_FORMATS = ['csv', 'jsonl'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** The columns a feed may have; the owner is named by its credit code or its hub id. */
export const FEED_COLUMNS = [
  'applicationNumber',
  'uscc',
  'enterpriseId',
  'title',
  'filingDate',
  'priorityDate',
  'parentApplicationNumber',
  'examinationRequestedOn',
  'ipcClass',
  'status',
  'grantDate',
  'feesPaidThrough',
  'grantPublicationNumber',
  'lapsedOn',
] as const;
export type FeedColumn = (typeof FEED_COLUMNS)[number];
const REQUIRED: readonly FeedColumn[] = ['applicationNumber', 'title', 'filingDate'];

/** The longest row read (bytes): a longer one is a quote never closed, or not a patent. */
export const MAX_ROW_BYTES = 64 * 1024;

/** A row's fields (absent or blank: null), or why the row cannot be read at all. */
export type FeedRow =
  { readonly line: number; readonly fields: Readonly<Partial<Record<FeedColumn, string | null>>> } | { readonly line: number; readonly unreadable: string };

/**
 * The feed cannot be read from `line` on (a bad header: nothing of it; broken CSV: nothing from
 * there), so the rows after it are unknown.
 */
export class FeedError extends Error {
  override readonly name = 'FeedError';
  constructor(
    message: string,
    /** The line it could not be read from; null when the feed as a whole is wrong. */
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

export interface FeedOptions {
  /**
   * The line number in the whole file of the input's first line (default 1), for a chunk of a
   * file: the rows' lines are then the file's.
   */
  readonly firstLine?: number;
}

/** The problem with a CSV header or a JSON line's keys, if any. */
function columnsProblem(columns: readonly string[], all: boolean): string | undefined {
  const unknown = columns.filter((c) => !(FEED_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) return `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the columns are ${FEED_COLUMNS.join(', ')}`;
  if (!all) return undefined;
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) return `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  if (!columns.includes('uscc') && !columns.includes('enterpriseId')) return 'name each owner: give a uscc or an enterpriseId column';
  return undefined;
}

const blankToNull = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * The byte offsets of the line feeds read, so that a byte offset gives its line. (csv-parse's own
 * line count takes a CR LF inside quotes for two lines.) Offsets are asked in increasing order, so
 * the line feeds passed are only counted.
 */
class LineIndex {
  #offsets: number[] = [];
  #head = 0;
  #before = 0;
  #bytes = 0;

  add(chunk: Buffer): void {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.#offsets.push(this.#bytes + i);
    this.#bytes += chunk.length;
  }

  /** The line (from 1) the byte at `offset` is on. */
  lineAt(offset: number): number {
    while (this.#head < this.#offsets.length && this.#offsets[this.#head]! < offset) {
      this.#head++;
      this.#before++;
    }
    if (this.#head > 4096) {
      this.#offsets = this.#offsets.slice(this.#head);
      this.#head = 0;
    }
    return this.#before + 1;
  }
}

/** What a CSV error means to whoever wrote the file. */
function csvProblem(err: CsvError): string {
  switch (err.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quoted field is followed by other characters (a quote inside a quoted field is written twice: "")';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quote opened there is never closed';
    case 'CSV_MAX_RECORD_SIZE':
      return `a row longer than ${MAX_ROW_BYTES} bytes: a quote opened there is probably never closed`;
    default:
      return err.message;
  }
}

/** Where csv-parse is: the end of the last record (bytes) and the blank lines skipped up to there. */
interface CsvPlace {
  readonly bytes: number;
  readonly empty_lines: number;
}

/**
 * csv-parse driven a chunk at a time, its records taken as it parses them: a stream of it would
 * drop the records parsed before an error in the same chunk.
 */
async function* csvRecords(input: Readable, lines: LineIndex): AsyncGenerator<{ record: string[]; at: CsvPlace } | { error: Error; at: CsvPlace }> {
  const parsed: { record: string[]; at: CsvPlace }[] = [];
  let at: CsvPlace = { bytes: 0, empty_lines: 0 };
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_ROW_BYTES,
    on_record: (record: string[], info: CsvPlace) => {
      at = { bytes: info.bytes, empty_lines: info.empty_lines };
      parsed.push({ record, at });
      return null;
    },
  });
  let failed: Error | undefined;
  parser.on('error', (err) => (failed ??= err));
  parser.resume();
  // The error the chunk (or, with null, the end of the input) ran into, if any.
  const parseNext = (chunk: Buffer | null) =>
    new Promise<Error | undefined>((resolve) => {
      if (chunk !== null) parser.write(chunk, (err) => resolve(err ?? failed));
      else {
        parser.once('error', resolve);
        parser.end(() => resolve(failed));
      }
    });
  const problem = (error: Error) => {
    // The blank lines skipped after the last record, before the one that is broken.
    const blank = (error as { empty_lines?: unknown }).empty_lines;
    return { error, at: { bytes: at.bytes, empty_lines: typeof blank === 'number' ? blank : at.empty_lines } };
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    lines.add(chunk);
    const err = await parseNext(chunk);
    yield* parsed.splice(0);
    if (err) return yield problem(err);
  }
  const err = await parseNext(null);
  yield* parsed.splice(0);
  if (err) yield problem(err);
}

async function* csvRows(input: Readable, firstLine: number): AsyncGenerator<FeedRow> {
  const lines = new LineIndex();
  // Where the last record ended.
  let end: CsvPlace = { bytes: 0, empty_lines: 0 };
  let header: FeedColumn[] | undefined;
  try {
    for await (const next of csvRecords(input, lines)) {
      const line = lines.lineAt(end.bytes) + (next.at.empty_lines - end.empty_lines) + firstLine - 1;
      if ('error' in next) {
        if (!(next.error instanceof CsvError)) throw next.error;
        throw new FeedError(`the CSV cannot be read from line ${line} on: ${csvProblem(next.error)}`, line);
      }
      end = next.at;
      const { record } = next;
      if (header === undefined) {
        const problem = columnsProblem(record, true);
        if (problem !== undefined) throw new FeedError(`the header line: ${problem}`, line);
        if (new Set(record).size !== record.length) throw new FeedError('the header line names a column twice', line);
        header = record as FeedColumn[];
        continue;
      }
      if (record.length !== header.length) {
        yield { line, unreadable: `${record.length} field${record.length === 1 ? '' : 's'}; the header line names ${header.length}` };
        continue;
      }
      const fields: Partial<Record<FeedColumn, string | null>> = {};
      for (let i = 0; i < header.length; i++) fields[header[i]!] = blankToNull(record[i]);
      yield { line, fields };
    }
  } finally {
    input.destroy();
  }
  if (header === undefined) throw new FeedError('the feed is empty: a CSV feed starts with its header line');
}

async function* jsonRows(input: Readable, firstLine: number): AsyncGenerator<FeedRow> {
  const reader = createInterface({ input, crlfDelay: Infinity });
  let line = firstLine - 1;
  try {
    for await (const read of reader) {
      line++;
      const text = line === firstLine && read.startsWith('\ufeff') ? read.slice(1) : read;
      if (text.trim() === '') continue;
      if (text.length > MAX_ROW_BYTES) {
        yield { line, unreadable: `a line longer than ${MAX_ROW_BYTES} characters` };
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        yield { line, unreadable: `not JSON: ${(err as Error).message}` };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { line, unreadable: 'not a JSON object: each line is one patent, {"applicationNumber": ...}' };
        continue;
      }
      const entries = Object.entries(value);
      const problem = columnsProblem(
        entries.map(([k]) => k),
        false,
      );
      const notText = entries.find(([, v]) => v !== null && typeof v !== 'string');
      if (problem !== undefined) yield { line, unreadable: problem };
      else if (notText !== undefined) yield { line, unreadable: `${notText[0]} must be a string or null` };
      else yield { line, fields: Object.fromEntries(entries.map(([k, v]) => [k, blankToNull(v)])) };
    }
  } finally {
    reader.close();
    input.destroy();
  }
}

/** A string as a stream of pieces, so that reading it gives the event loop a turn now and then. */
function pieces(text: string): Readable {
  const bytes = Buffer.from(text);
  const size = 64 * 1024;
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    })(),
    { objectMode: false },
  );
}

/**
 * The rows of a feed, in order, each with the line it starts on. Blank lines are skipped. Throws
 * FeedError when the feed cannot be read: before any row for a bad header, or part way for CSV
 * broken beyond the row (a quote never closed).
 */
export function readPatentFeed(input: Readable | string, format: FeedFormat, options: FeedOptions = {}): AsyncIterable<FeedRow> {
  const stream = typeof input === 'string' ? pieces(input) : input;
  const firstLine = options.firstLine ?? 1;
  return format === 'csv' ? csvRows(stream, firstLine) : jsonRows(stream, firstLine);
}
