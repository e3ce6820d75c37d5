// A feed file imported as `npm run import -- patents FILE` imports it (and the import benchmark):
// streamed from disk and checked on a worker thread, written on this one, the rejected rows
// written to the report as they are found.
import { constants, lstatSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { extname } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { EnterprisesStore } from '../store/port.js';
import { checkedBatchesOnWorker } from './check-worker.js';
import { DEFAULT_BATCH, importCheckedBatches, ImportInterrupted, type ImportOptions, type ImportProgress, type RejectedRow } from './import-patents.js';
import type { FeedFormat } from './read.js';

/** The format a file's extension names: .csv, or .jsonl / .ndjson; undefined for any other. */
export function formatOfPath(path: string): FeedFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : undefined;
}

/** Where the report goes unless told: beside the file. */
export const defaultReportPath = (path: string): string => `${path}.rejected.jsonl`;

export interface FileImportOptions extends Pick<ImportOptions, 'actor' | 'role' | 'today' | 'batchSize' | 'allowRollback' | 'signal'> {
  readonly format: FeedFormat;
  /** The rejected rows, one JSON object a line: { line, applicationNumber, code, field, message }. */
  readonly reportPath: string;
  /** After each batch, with the seconds since the import began. */
  readonly onProgress?: (progress: ImportProgress, seconds: number) => void;
}

/** What `npm run import` prints when it is done. */
export interface FileImportSummary extends Omit<ImportProgress, 'rejected'> {
  readonly rejected: number;
  readonly report: string;
  readonly seconds: number;
  /** The feed broke off here: the rows before it were imported, none after it. */
  readonly stopped?: { readonly line: number | null; readonly message: string };
}

/**
 * Why the report cannot be written at `path`, or undefined: it is written as a new file of its
 * own, never through a symbolic link (which could point it at any file the operator may write) nor
 * over anything but an earlier report.
 */
export function reportPathProblem(path: string): string | undefined {
  const found = lstatSync(path, { throwIfNoEntry: false });
  if (found === undefined || found.isFile()) return undefined;
  return found.isSymbolicLink() ? `${path} is a symbolic link: the report is written to a file of its own, never through a link` : `${path} is not a file`;
}

/** The report, made or emptied, readable by its owner alone; an open through a symbolic link fails (O_NOFOLLOW). */
const openReport = (path: string): Promise<FileHandle> => open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600);

/**
 * Imports the file and writes its report (always: empty when no row was rejected, so that no
 * report of an earlier run is left beside the file). Throws FeedError, with nothing imported and
 * no report written, when the feed is refused before its first row.
 */
export async function importPatentFile(store: EnterprisesStore, path: string, options: FileImportOptions): Promise<FileImportSummary> {
  const start = performance.now();
  const seconds = () => Number(((performance.now() - start) / 1000).toFixed(2));
  let report: FileHandle | undefined;
  let rejected = 0;
  const onRejected = async (rows: readonly RejectedRow[]) => {
    report ??= await openReport(options.reportPath);
    rejected += rows.length;
    await report.write(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  };
  const summary = (counts: Omit<ImportProgress, 'rejected'>): FileImportSummary => ({
    rows: counts.rows,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    rejected,
    report: options.reportPath,
    seconds: seconds(),
  });
  const closeReport = async () => report?.close();
  let outcome: FileImportSummary;
  try {
    const batches = checkedBatchesOnWorker(path, options.format, options.today, options.batchSize ?? DEFAULT_BATCH);
    const done = await importCheckedBatches(store, batches, {
      actor: options.actor,
      role: options.role,
      today: options.today,
      allowRollback: options.allowRollback ?? false,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onRejected,
      onBatch: (progress) => options.onProgress?.(progress, seconds()),
    });
    outcome = summary(done);
  } catch (err) {
    if (!(err instanceof ImportInterrupted)) {
      // Refused before its first row (FeedError): no report, so an earlier one is left alone.
      await closeReport();
      throw err;
    }
    outcome = { ...summary(err.report), stopped: { line: err.feedError.line, message: err.feedError.message } };
  }
  report ??= await openReport(options.reportPath);
  await closeReport();
  return outcome;
}
