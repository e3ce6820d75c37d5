// Import benchmark: the patent registry feed imported as `npm run import -- patents FILE` imports
// it (importPatentFile, in this process), on a fresh SQLite data directory.
//   npm run bench -- import [--rows 360000] [--enterprises 120000]
// Registers the enterprises first through the store (import.enterprises.seconds), writes the feed
// as CSV (owners by credit code), then imports it three times, one JSON line each: the first
// import (all inserted), the same file again (all unchanged), and the file with a tenth of its
// rows changed (fees paid a year on: updated, their due dates moved). Each line has rows, seconds,
// rows_per_s, inserted, updated, unchanged, rejected and the event loop's longest delay while it
// ran (eventloop_max_ms).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { Random } from '../demo/random.js';
import { today as todayUtc } from '../platform/hub-calendar.js';
import { closeStorage, openStorage } from '../platform/storage.js';
import { addDays, addYears } from '../standards/calendar-date.js';
import { organisationCode } from '../standards/organisation-code.js';
import { patentCheckDigit } from '../standards/patent-number.js';
import { usccCheckCharacter } from '../standards/uscc.js';
import type { EnterpriseRecord } from '../subgraphs/enterprises/domain/model.js';
import { importPatentFile } from '../subgraphs/enterprises/feed/file.js';
import { DEFAULT_BATCH } from '../subgraphs/enterprises/feed/import-patents.js';
import { openEnterprisesStore } from '../subgraphs/enterprises/store/open.js';
import type { EnterprisesStore } from '../subgraphs/enterprises/store/port.js';
import { tempDir } from '../test/support/tmp.js';
import { emit } from './emit.js';

const log = (msg: string): void => console.error(`[bench import] ${msg}`);

/** The target: 360,000 rows in under a minute. */
const TARGET_SECONDS = 60;
const REGIONS = ['350100', '350200', '330100', '330106', '440300', '440100', '320500', '310115', '110108', '510100'];
const INDUSTRIES = ['计算机、通信和其他电子设备制造业', '电气机械和器材制造业', '通用设备制造业', '医药制造业', '软件和信息技术服务业'];
const TYPES = [
  ['1', 'B'],
  ['2', 'U'],
  ['3', 'S'],
] as const;

function enterprises(count: number, rng: Random): EnterpriseRecord[] {
  const codes = new Set<string>();
  const out: EnterpriseRecord[] = [];
  for (let i = 0; i < count; i++) {
    const region = rng.pick(REGIONS);
    let uscc: string;
    do {
      const first17 = `91${region}${organisationCode(String(rng.int(0, 99_999_999)).padStart(8, '0'))}`;
      uscc = first17 + usccCheckCharacter(first17)!;
    } while (codes.has(uscc));
    codes.add(uscc);
    out.push({
      id: rng.uuid(),
      uscc,
      name: `基准企业${i}有限公司`,
      regionCode: region,
      industry: rng.pick(INDUSTRIES),
      filingStatus: 'FILED',
      registeredAt: '2024-01-01T00:00:00.000Z',
      creditCodeOverride: null,
    });
  }
  return out;
}

const COLUMNS = ['applicationNumber', 'uscc', 'title', 'filingDate', 'ipcClass', 'status', 'grantDate', 'feesPaidThrough', 'grantPublicationNumber'];

/**
 * The feed's rows: patent i of `rows`, owned by an enterprise drawn from the seed. `changed`: every
 * tenth row has its fees paid a year further on.
 */
function* feedLines(rows: number, owners: readonly EnterpriseRecord[], today: string, changed: boolean): Generator<string> {
  const rng = new Random(7);
  const thisYear = Number(today.slice(0, 4));
  yield COLUMNS.join(',');
  for (let i = 0; i < rows; i++) {
    const owner = rng.pick(owners);
    const [typeDigit, kind] = rng.pick(TYPES);
    const year = i % 10 === 0 ? rng.int(thisYear - 9, thisYear - 2) : rng.int(thisYear - 9, thisYear - 1);
    const digits = `${year}${typeDigit}${String(i).padStart(7, '0')}`;
    const filingDate = addDays(`${year}-01-01`, rng.int(0, 360));
    // Every tenth row granted, with fees paid: the rows the changed feed changes.
    const granted = (rng.chance(0.8) || i % 10 === 0) && year < thisYear - 1;
    const grantDate = granted ? addDays(filingDate, rng.int(300, 700)) : '';
    // Paid through the last anniversary before today (or none yet), a year on in the changed feed.
    let paid = addYears(filingDate, thisYear - year - 1);
    if (paid <= filingDate || !granted) paid = '';
    if (paid !== '' && changed && i % 10 === 0) paid = addYears(paid, 1);
    yield [
      `${digits}.${patentCheckDigit(digits)}`,
      owner.uscc,
      `一种基于多源数据的智能控制方法及装置${i}`,
      filingDate,
      'H01M 10/42',
      granted ? 'GRANTED' : 'PENDING',
      grantDate,
      paid,
      granted ? `CN${String(100_000_000 + i)}${kind}` : '',
    ].join(',');
  }
}

async function writeFeed(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buffered = '';
  for (const line of lines) {
    buffered += `${line}\n`;
    if (buffered.length > 1 << 16) {
      if (!out.write(buffered)) await once(out, 'drain');
      buffered = '';
    }
  }
  out.end(buffered);
  await once(out, 'finish');
}

async function timedImport(store: EnterprisesStore, run: string, path: string, today: string, batchSize: number): Promise<void> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const cpu = process.cpuUsage();
  delay.enable();
  const summary = await importPatentFile(store, path, {
    format: 'csv',
    reportPath: `${path}.rejected.jsonl`,
    actor: 'cli:import',
    role: 'CENTER_STAFF',
    today,
    batchSize,
    onProgress: (p, seconds) => {
      if (p.rows % 60_000 < 2_000) log(`${run}: ${p.rows} rows in ${seconds.toFixed(1)} s`);
    },
  });
  delay.disable();
  const used = process.cpuUsage(cpu);
  const rowsPerSecond = Math.round(summary.rows / summary.seconds);
  emit(`import.${run}`, rowsPerSecond, 'rows/s', {
    rows: summary.rows,
    seconds: summary.seconds,
    rows_per_s: rowsPerSecond,
    batch: batchSize,
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    cpu_seconds: Number(((used.user + used.system) / 1e6).toFixed(1)),
    eventloop_max_ms: Number((delay.max / 1e6).toFixed(1)),
    target_seconds: Number(((TARGET_SECONDS * summary.rows) / 360_000).toFixed(1)),
  });
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { rows: { type: 'string', default: '360000' }, enterprises: { type: 'string' }, batch: { type: 'string', default: String(DEFAULT_BATCH) } },
  });
  const rows = Number(values.rows);
  const owners = Number(values.enterprises ?? Math.max(1, Math.round(rows / 3)));
  const batch = Number(values.batch);
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(owners) || owners < 1) throw new Error('--rows and --enterprises take whole numbers');
  const today = todayUtc();
  const dir = tempDir('iphub-bench-import-');
  const storage = await openStorage({ IPHUB_DATA_DIR: dir.path });
  try {
    const store = await openEnterprisesStore(storage);
    const registered = enterprises(owners, new Random(1));
    let start = performance.now();
    for (let i = 0; i < registered.length; i += 10_000) await store.enterprises.insertMany(registered.slice(i, i + 10_000));
    emit('import.enterprises.seconds', Number(((performance.now() - start) / 1000).toFixed(2)), 's', { enterprises: owners });

    const first = join(dir.path, 'patents.csv');
    const changed = join(dir.path, 'patents-changed.csv');
    start = performance.now();
    await writeFeed(first, feedLines(rows, registered, today, false));
    await writeFeed(changed, feedLines(rows, registered, today, true));
    log(`wrote ${rows} rows twice over ${owners} enterprises in ${((performance.now() - start) / 1000).toFixed(1)} s, in ${dir.path}`);

    await timedImport(store, 'first', first, today, batch);
    await timedImport(store, 'again', first, today, batch);
    await timedImport(store, 'changed', changed, today, batch);
    await store.close();
  } finally {
    await closeStorage(storage);
    dir.remove();
  }
}
