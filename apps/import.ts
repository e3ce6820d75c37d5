// `npm run import -- patents FILE [--format csv|jsonl] [--report PATH] [--batch N]`: imports a
// patent registry feed into the configured storage. The hub may be running on it: each batch of
// rows (2,000 unless --batch says otherwise) is its own short transaction; a larger batch loads a
// registry faster when nothing else writes, holding the write lock longer each time. The format is
// the file's extension's (.csv, .jsonl, .ndjson) unless given.
// Progress goes to stderr; at the end one JSON line to stdout:
//   {"rows","inserted","updated","unchanged","rejected","report","seconds"}
// The report (default FILE.rejected.jsonl) has one JSON line per rejected row, { line,
// applicationNumber, code, field, message }; it is written whenever the import runs, empty when
// no row was rejected. Exits 0 when the import ran, rejected rows or not; 1 when the feed is
// refused (a bad header: nothing imported, no report written) or breaks off part way (broken CSV:
// the rows before it imported and reported, the summary with "stopped"); 2 on bad arguments.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { today } from '../platform/hub-calendar.js';
import { calendarFromEnvOrExit } from '../platform/hub-calendar.js';
import { closeOnSignals, interrupted } from '../platform/process.js';
import { closeStorage, openStorage } from '../platform/storage.js';
import { defaultReportPath, formatOfPath, importPatentFile, reportPathProblem } from '../subgraphs/enterprises/feed/file.js';
import { DEFAULT_BATCH } from '../subgraphs/enterprises/feed/import-patents.js';
import { FEED_FORMATS, FeedError, type FeedFormat } from '../subgraphs/enterprises/feed/read.js';
import { openEnterprisesStore } from '../subgraphs/enterprises/store/open.js';

const USAGE = 'usage: npm run import -- patents FILE [--format csv|jsonl] [--report PATH] [--batch N] [--allow-rollback]';
/** Who the history of every patent the import changes names. */
const ACTOR = 'cli:import';
/** The most rows a batch may hold: its look-ups by number stay within SQLite's 32,766 parameters. */
const MAX_BATCH = 20_000;

interface Command {
  readonly file: string;
  readonly format: FeedFormat;
  readonly report: string;
  readonly batchSize: number;
  /** Rows older than the rights registered are taken (a correction of the registry's own mistake), not refused STALE_ROW. */
  readonly allowRollback: boolean;
}

function command(): Command {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { format: { type: 'string' }, report: { type: 'string' }, batch: { type: 'string' }, 'allow-rollback': { type: 'boolean', default: false } },
    });
    const [what, file, ...extra] = positionals;
    if (what !== 'patents') throw new Error(what === undefined ? 'nothing to import' : `cannot import ${what}; only patents`);
    if (file === undefined) throw new Error('no FILE');
    if (extra.length > 0) throw new Error(`unexpected ${extra.join(' ')}`);
    const format = values.format ?? formatOfPath(file);
    if (format === undefined) throw new Error(`${file}: name its format with --format csv|jsonl (its extension is not .csv, .jsonl or .ndjson)`);
    if (!(FEED_FORMATS as readonly string[]).includes(format)) throw new Error(`--format must be csv or jsonl, not ${format}`);
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new Error(`${file}: no such file`);
    accessSync(file, constants.R_OK);
    const batchSize = Number(values.batch ?? DEFAULT_BATCH);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH)
      throw new Error(`--batch must be a whole number of rows from 1 to ${MAX_BATCH}`);
    const report = resolve(values.report ?? defaultReportPath(file));
    accessSync(dirname(report), constants.W_OK);
    const problem = reportPathProblem(report);
    if (problem !== undefined) throw new Error(problem);
    return { file, format: format as FeedFormat, report, batchSize, allowRollback: values['allow-rollback'] };
  } catch (err) {
    console.error(`npm run import: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const cmd = command();
calendarFromEnvOrExit('npm run import');
const storage = await openStorage();
const store = await openEnterprisesStore(storage);
const stop = new AbortController();
let running: Promise<unknown> = Promise.resolve();
const close = closeOnSignals(async () => {
  // A signal: the batch being written commits, the next is not begun. Running the file again
  // finishes the import (the rows imported already are left alone).
  stop.abort(new Error('interrupted'));
  await running.catch(() => undefined);
  await store.close();
  await closeStorage(storage);
}, interrupted);

let lastProgress = 0;
try {
  const importing = importPatentFile(store, cmd.file, {
    format: cmd.format,
    reportPath: cmd.report,
    actor: ACTOR,
    role: 'CENTER_STAFF',
    today: today(),
    batchSize: cmd.batchSize,
    allowRollback: cmd.allowRollback,
    signal: stop.signal,
    onProgress: (p, seconds) => {
      if (seconds - lastProgress < 1) return;
      lastProgress = seconds;
      console.error(
        `[import] ${p.rows} rows in ${seconds.toFixed(0)} s: ${p.inserted} inserted, ${p.updated} updated, ${p.unchanged} unchanged, ${p.rejected} rejected`,
      );
    },
  });
  running = importing;
  const summary = await importing;
  if (summary.stopped !== undefined) {
    console.error(`npm run import: ${cmd.file}: ${summary.stopped.message}; the rows before it were imported, none after it`);
    process.exitCode = 1;
  } else if (summary.rejected > 0) {
    console.error(`[import] ${summary.rejected} row${summary.rejected === 1 ? '' : 's'} rejected: see ${summary.report}`);
  }
  console.log(JSON.stringify(summary));
} catch (err) {
  if (stop.signal.aborted) {
    // closeOnSignals ends the process.
  } else if (err instanceof FeedError) {
    console.error(`npm run import: ${cmd.file}: ${err.message}; nothing was imported`);
    process.exitCode = 1;
  } else throw err;
} finally {
  await close();
}
