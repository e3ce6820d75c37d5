// The staff console's upload of the patent registry feed: the file sent a chunk at a time, each
// chunk imported as `npm run import -- patents` imports a file (feed/import-patents.ts), its
// report's lines the file's.
import { badInput } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { requireRole } from '../common/auth.js';
import { mutationForms } from '../common/payload.js';
import { checkInput } from '../common/validation.js';
import { builder } from './builder.js';
import { importPatents, type ImportReport, type RejectedRow } from './feed/import-patents.js';
import { FeedError, type FeedRow, readPatentFeed } from './feed/read.js';

/** The most rows one chunk may hold: imported in well under a second. */
export const MAX_CHUNK_ROWS = 5_000;
/** The most bytes of one chunk (UTF-8), below the 1 MiB request body with room for the rest of it. */
export const MAX_CHUNK_BYTES = 1_000_000;
/**
 * Rows per transaction, the event loop having a turn between batches: on a province's registry
 * (360,000 patents) a batch of 250 holds the loop for about 90 ms, and a 5,000-row chunk takes
 * under two seconds.
 */
const BATCH = 250;

const Format = builder.enumType('PatentFeedFormat', {
  description: 'How a patent registry feed is written',
  values: {
    CSV: { value: 'csv', description: 'CSV (RFC 4180, UTF-8) with a header line naming the columns' },
    JSON_LINES: { value: 'jsonl', description: 'One JSON object per line, its keys the column names' },
  } as const,
});

const Input = builder.inputType('ImportPatentsInput', {
  description:
    'A chunk of a patent registry feed. The columns (CSV header, or JSON keys): applicationNumber, uscc or enterpriseId (one of them: the owner), ' +
    'title, filingDate, ipcClass, status, grantDate, feesPaidThrough, grantPublicationNumber, lapsedOn; each row is checked as registerPatent checks it',
  fields: (t) => ({
    format: t.field({ type: Format, required: true, description: 'How the chunk is written: CSV or JSON Lines' }),
    data: t.string({
      required: true,
      description: `The chunk's text: whole rows, at most ${MAX_CHUNK_ROWS.toLocaleString('en-US')} of them and ${MAX_CHUNK_BYTES.toLocaleString('en-US')} bytes (UTF-8). A CSV chunk starts with the file's header line, sent again with every chunk`,
    }),
    firstLine: t.int({
      description:
        "The line of the file the chunk's first line is (default 1), so that the report's lines are the file's. " +
        "For CSV the chunk's first line is the header sent again: give the line just before the chunk's first row " +
        '(1 for the first chunk; for a chunk whose rows start on line 5002, 5001). Lines are counted as the file has them, a line break inside a quoted field included',
    }),
  }),
});

const Rejected = builder.objectRef<RejectedRow>('RejectedPatentRow').implement({
  description: 'A row not imported, and why',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'The line of the file the row starts on' }),
    applicationNumber: t.exposeString('applicationNumber', { nullable: true, description: 'As the row gave it' }),
    code: t.exposeString('code', {
      description:
        'What registerPatent would have answered: INVALID_PATENT_NUMBER, INVALID_DATE, BAD_USER_INPUT, NOT_FOUND (the owner) or CONFLICT (registered to another)',
    }),
    field: t.exposeString('field', { nullable: true, description: 'The column at fault; null when the row could not be read at all' }),
    message: t.exposeString('message', { description: 'What is wrong with the row, for a person (English)' }),
  }),
});

const Report = builder.objectRef<ImportReport>('PatentImportReport').implement({
  description: 'What an import did with the rows of its chunk: each row is inserted, updated, unchanged or rejected',
  fields: (t) => ({
    rows: t.exposeInt('rows', { description: 'The rows read (blank lines and the CSV header not counted)' }),
    inserted: t.exposeInt('inserted', { description: 'New patents registered' }),
    updated: t.exposeInt('updated', { description: 'Registered patents the row changed: each change is an IMPORTED event in its history' }),
    unchanged: t.exposeInt('unchanged', { description: 'Registered patents the row says nothing new of' }),
    rejected: t.field({ type: [Rejected], description: 'By line', resolve: (r) => r.rejected }),
  }),
});

/** The chunk's rows, or BAD_USER_INPUT (nothing imported) for a refused feed or too many rows. */
async function rowsOf(data: string, format: 'csv' | 'jsonl', firstLine: number): Promise<FeedRow[]> {
  const rows: FeedRow[] = [];
  try {
    for await (const row of readPatentFeed(data, format, { firstLine })) {
      if (rows.push(row) > MAX_CHUNK_ROWS)
        throw badInput(`a chunk holds at most ${MAX_CHUNK_ROWS.toLocaleString('en-US')} rows; send the file in smaller chunks`, 'data');
    }
  } catch (err) {
    if (err instanceof FeedError) throw badInput(err.message, 'data');
    throw err;
  }
  return rows;
}

mutationForms(builder, {
  name: 'importPatents',
  payload: 'patentsImport',
  object: 'result',
  type: Report,
  description:
    "Centre staff: imports a chunk of the patent registry feed. New patents are registered, registered ones updated where the row differs (IMPORTED in their history, the warnings' due dates moved) " +
    'and left alone where it does not: importing the same rows again changes nothing. A row is rejected, not the chunk, for what registerPatent would refuse; ' +
    'a chunk that cannot be read (a bad header, broken CSV) or is too large is refused with BAD_USER_INPUT and nothing of it imported',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: Input, required: true, description: 'The chunk, its format and the line it starts on' }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const firstLine = input.firstLine ?? 1;
    await checkInput({
      firstLine: () => {
        if (firstLine < 1) throw badInput('firstLine counts from 1', 'firstLine');
      },
      data: () => {
        if (Buffer.byteLength(input.data) > MAX_CHUNK_BYTES) {
          throw badInput(`a chunk holds at most ${MAX_CHUNK_BYTES.toLocaleString('en-US')} bytes; send the file in smaller chunks`, 'data');
        }
      },
    });
    const rows = await rowsOf(input.data, input.format, firstLine);
    const report = await importPatents(ctx.store, rows, { actor: staff.keyId, role: staff.role, today: today(), batchSize: BATCH });
    ctx.loaders.patent.clearAll();
    return report;
  },
});
