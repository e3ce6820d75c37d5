// Imports a patent registry feed in two stages. Checking: every row checked as registerPatent
// checks it, and a number given twice refused, in batches of rows to write (pure: it may run on
// a thread of its own, check-worker.ts). Writing: each batch's owners looked up, then its rows
// written through the store's importMany (new ones inserted, changed ones updated with their
// history, the same ones left alone), each batch its own transaction, with a turn of the event
// loop between batches. Running a feed twice changes nothing the second time, so a feed stopped
// part way is simply run again.
import { setImmediate as nextTurn } from 'node:timers/promises';

import type { ErrorCode } from '../../../platform/errors.js';
import type { PatentRecord } from '../domain/model.js';
import { checkPatentInput } from '../domain/patent-input.js';
import type { EnterprisesStore, ImportCounts } from '../store/port.js';
import { FeedError, type FeedRow } from './read.js';

export const DEFAULT_BATCH = 2_000;

/** A row not imported, and why: the code and field registerPatent would have answered with. */
export interface RejectedRow {
  /** The line of the file the row starts on. */
  readonly line: number;
  /** As the row gave it, when it gave one. */
  readonly applicationNumber: string | null;
  /** STALE_ROW: older than the right as registered (an import never moves a right backwards). */
  readonly code: ErrorCode | 'STALE_ROW';
  readonly field: string | null;
  readonly message: string;
}

export interface ImportReport extends ImportCounts {
  /** The rows read: inserted + updated + unchanged + rejected. */
  readonly rows: number;
  /** Every rejected row, by line; empty when ImportOptions.onRejected took them. */
  readonly rejected: readonly RejectedRow[];
}

/** How far an import is: the rows read and what became of them. */
export interface ImportProgress extends ImportCounts {
  readonly rows: number;
  readonly rejected: number;
}

export interface ImportOptions {
  /** Who imports: recorded on each change's history. */
  readonly actor: string;
  readonly role: string;
  /** Today (YYYY-MM-DD): no date of a row may be later. */
  readonly today: string;
  /** Take rows older than the rights registered too (a correction of the registry's own mistake). */
  readonly allowRollback?: boolean;
  /** Rows per store transaction (DEFAULT_BATCH). */
  readonly batchSize?: number;
  /** Called after each batch is written. */
  readonly onBatch?: (progress: ImportProgress) => void | Promise<void>;
  /**
   * Given: the rejected rows are handed to it a batch at a time, in line order, instead of being
   * kept for the report (a feed of any size, in bounded memory).
   */
  readonly onRejected?: (rows: readonly RejectedRow[]) => void | Promise<void>;
  /** Aborted: the import stops before its next batch (the batches written stay) with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * The feed broke off part way (FeedError) after some of its rows were read: the rows before the
 * break were imported (the report says how), none after it. Run the mended feed again: the rows
 * already imported are left alone.
 */
export class ImportInterrupted extends Error {
  override readonly name = 'ImportInterrupted';
  constructor(
    readonly feedError: FeedError,
    readonly report: ImportReport,
  ) {
    super(feedError.message, { cause: feedError });
  }
}

/** A row that passed its checks: its owner is yet to be looked up. */
export interface CheckedRow {
  readonly line: number;
  /** The application number as the row gave it. */
  readonly given: string;
  /** Owned by `enterpriseId` when the row named its owner by id, else by the credit code below. */
  readonly patent: PatentRecord;
  /** The owner's credit code as the row gave it (upper case); null when named by its id. */
  readonly uscc: string | null;
}

/** Rows checked, in order: those to write and those refused, with the number of rows read so far. */
export interface CheckedBatch {
  readonly rows: number;
  readonly accepted: readonly CheckedRow[];
  readonly rejected: readonly RejectedRow[];
}

const rejection = (line: number, applicationNumber: string | null, code: RejectedRow['code'], field: string | null, message: string): RejectedRow => ({
  line,
  applicationNumber,
  code,
  field,
  message,
});

/**
 * Checking: the feed's rows, a batch each time `batchSize` rows are accepted, and a last one.
 * Throws the feed's FeedError, after a batch of the rows read before it.
 */
export async function* checkedBatches(
  feed: AsyncIterable<FeedRow> | Iterable<FeedRow>,
  today: string,
  batchSize = DEFAULT_BATCH,
): AsyncGenerator<CheckedBatch> {
  const seen = new Map<string, number>();
  let rows = 0;
  let accepted: CheckedRow[] = [];
  let rejected: RejectedRow[] = [];
  const take = (): CheckedBatch => {
    const batch = { rows, accepted, rejected };
    [accepted, rejected] = [[], []];
    return batch;
  };
  const check = (row: FeedRow): CheckedRow | RejectedRow => {
    if ('unreadable' in row) return rejection(row.line, null, 'BAD_USER_INPUT', null, row.unreadable);
    const f = row.fields;
    const given = f.applicationNumber ?? null;
    const uscc = f.uscc?.trim().toUpperCase() ?? null;
    const enterpriseId = f.enterpriseId?.trim() ?? null;
    if (uscc !== null && enterpriseId !== null) {
      return rejection(row.line, given, 'BAD_USER_INPUT', 'enterpriseId', 'name the owner by its uscc or by its enterpriseId, not both');
    }
    if (uscc === null && enterpriseId === null) return rejection(row.line, given, 'BAD_USER_INPUT', 'uscc', 'name the owner: its uscc or its enterpriseId');
    const checked = checkPatentInput(
      {
        enterpriseId: enterpriseId ?? '',
        applicationNumber: given ?? '',
        title: f.title ?? '',
        filingDate: f.filingDate ?? '',
        priorityDate: f.priorityDate,
        parentApplicationNumber: f.parentApplicationNumber,
        examinationRequestedOn: f.examinationRequestedOn,
        ipcClass: f.ipcClass,
        status: f.status,
        grantDate: f.grantDate,
        feesPaidThrough: f.feesPaidThrough,
        grantPublicationNumber: f.grantPublicationNumber,
        lapsedOn: f.lapsedOn,
      },
      today,
    );
    if (!checked.ok) return rejection(row.line, given, checked.code, checked.field, checked.message);
    const number = checked.patent.applicationNumber;
    const first = seen.get(number);
    if (first !== undefined) return rejection(row.line, given, 'BAD_USER_INPUT', 'applicationNumber', `application ${number} is on line ${first} already`);
    seen.set(number, row.line);
    return { line: row.line, given: given!, patent: checked.patent, uscc };
  };
  try {
    for await (const row of feed) {
      rows++;
      const checked = check(row);
      if ('patent' in checked) accepted.push(checked);
      else rejected.push(checked);
      if (accepted.length >= batchSize) yield take();
    }
  } catch (err) {
    if (err instanceof FeedError && rows > 0) yield take();
    throw err;
  }
  yield take();
}

/**
 * Writing: imports the checked batches. Throws FeedError, with nothing imported, when the feed is
 * refused before its first row (a bad header), and ImportInterrupted when it breaks off later.
 */
export async function importCheckedBatches(store: EnterprisesStore, batches: AsyncIterable<CheckedBatch>, options: ImportOptions): Promise<ImportReport> {
  const kept: RejectedRow[] = [];
  let rejectedCount = 0;
  const ownerOfUscc = new Map<string, string | null>();
  const totals = { rows: 0, inserted: 0, updated: 0, unchanged: 0 };

  /** The rows whose owner is registered, with its id; the others rejected NOT_FOUND. */
  const owned = async (rows: readonly CheckedRow[], rejected: RejectedRow[]): Promise<CheckedRow[]> => {
    // Owners named by credit code, each looked up once per import.
    const unknown = [...new Set(rows.flatMap((p) => (p.uscc !== null && !ownerOfUscc.has(p.uscc) ? [p.uscc] : [])))];
    if (unknown.length > 0) {
      const found = await store.enterprises.byUsccs(unknown);
      unknown.forEach((u, i) => ownerOfUscc.set(u, found[i]?.id ?? null));
    }
    const byId = [...new Set(rows.flatMap((p) => (p.uscc === null ? [p.patent.enterpriseId ?? ''] : [])))];
    const knownIds = new Set(byId.length === 0 ? [] : (await store.enterprises.byIds(byId)).flatMap((e) => (e === undefined ? [] : [e.id])));
    const out: CheckedRow[] = [];
    for (const p of rows) {
      const owner = p.uscc === null ? (knownIds.has(p.patent.enterpriseId ?? '') ? p.patent.enterpriseId : null) : ownerOfUscc.get(p.uscc)!;
      if (owner !== null) out.push(p.uscc === null ? p : { ...p, patent: { ...p.patent, enterpriseId: owner } });
      else if (p.uscc === null) rejected.push(rejection(p.line, p.given, 'NOT_FOUND', 'enterpriseId', `enterprise ${p.patent.enterpriseId} does not exist`));
      else rejected.push(rejection(p.line, p.given, 'NOT_FOUND', 'uscc', `no enterprise with credit code ${p.uscc} is registered with the centre`));
    }
    return out;
  };

  /**
   * Writes the rows; those importMany refuses (another owner's right: CONFLICT, ownership moves only
   * by a registered transfer; an older row: STALE_ROW) are rejected by their line.
   */
  const write = async (rows: readonly CheckedRow[], rejected: RejectedRow[]): Promise<ImportCounts> => {
    const result = await store.patents.importMany(
      rows.map((p) => p.patent),
      new Date().toISOString(),
      options.actor,
      options.role,
      { allowRollback: options.allowRollback ?? false },
    );
    if (result.refused.length > 0) {
      const byNumber = new Map(rows.map((p) => [p.patent.applicationNumber, p]));
      for (const r of result.refused) {
        const p = byNumber.get(r.applicationNumber)!;
        const field = r.code === 'CONFLICT' ? (p.uscc === null ? 'enterpriseId' : 'uscc') : r.field;
        rejected.push(rejection(p.line, p.given, r.code, field, r.message));
      }
    }
    return { inserted: result.inserted, updated: result.updated, unchanged: result.unchanged };
  };

  const flush = async (batch: CheckedBatch): Promise<void> => {
    options.signal?.throwIfAborted();
    const rejected = [...batch.rejected];
    if (batch.accepted.length > 0) {
      const counts = await write(await owned(batch.accepted, rejected), rejected);
      totals.inserted += counts.inserted;
      totals.updated += counts.updated;
      totals.unchanged += counts.unchanged;
    }
    totals.rows = batch.rows;
    if (rejected.length > 0) {
      rejectedCount += rejected.length;
      // Every row of the batch came after every row handed on before it.
      rejected.sort((a, b) => a.line - b.line);
      if (options.onRejected === undefined) kept.push(...rejected);
      else await options.onRejected(rejected);
    }
    await options.onBatch?.({ ...totals, rejected: rejectedCount });
    // A batch is one synchronous transaction on SQLite: let requests waiting on the loop run.
    await nextTurn();
  };

  try {
    for await (const batch of batches) await flush(batch);
  } catch (err) {
    if (!(err instanceof FeedError) || totals.rows === 0) throw err;
    throw new ImportInterrupted(err, { ...totals, rejected: kept });
  }
  return { ...totals, rejected: kept };
}

/** Both stages on this thread: the rows of the feed checked and written, a batch at a time. */
export function importPatents(store: EnterprisesStore, feed: AsyncIterable<FeedRow> | Iterable<FeedRow>, options: ImportOptions): Promise<ImportReport> {
  return importCheckedBatches(store, checkedBatches(feed, options.today, options.batchSize), options);
}
