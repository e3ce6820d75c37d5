// PDF certificate benchmark (issue 24): how long a certificate takes to render and how large it
// is, one JSON line per figure on stdout, progress on stderr.
//   npm run bench -- pdf [--renders 50]
// pdf.render.*: renderCertificatePdf on this thread (the CPU a render costs); pdf.worker.*: one
// at a time through CertificateRenderers, as GET /certificates/<seq>.pdf renders (the thread's
// start excluded), the messages to and from the worker included; pdf.size: the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { formatTlogProof, generateSigner, openLedger, openSqliteLedgerStore } from '../ledger/index.js';
import { categoryLabel } from '../web/certificate/categories.js';
import type { CertificatePdfInput } from '../web/certificate/content.js';
import { renderCertificatePdf } from '../web/certificate/pdf.js';
import { CertificateRenderers } from '../web/certificate/renderers.js';
import { emit } from './emit.js';
import { percentile } from './stats.js';

const log = (msg: string): void => console.error(`[bench pdf] ${msg}`);
const WARM_UP = 5;

/** `n` timings of `render`, in ms, after WARM_UP untimed ones (the fonts read, the code compiled). */
async function timed(n: number, render: () => Promise<Uint8Array>): Promise<{ ms: number[]; size: number }> {
  let size = 0;
  for (let i = 0; i < WARM_UP; i++) size = (await render()).length;
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await render();
    ms.push(performance.now() - start);
  }
  return { ms, size };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { renders: { type: 'string', default: '50' } } });
  const renders = Number(values.renders);
  if (!Number.isSafeInteger(renders) || renders < 1) throw new Error('--renders must be a positive integer');

  const dir = mkdtempSync(join(tmpdir(), 'iphub-bench-pdf-'));
  const ledger = await openLedger({ store: openSqliteLedgerStore({ path: join(dir, 'ledger.db') }), signer: generateSigner('bench.iphub.example/ledger') });
  const renderers = new CertificateRenderers(1);
  try {
    for (let i = 0; i < 1_000; i++) {
      await ledger.append({
        kind: 'EVIDENCE_DEPOSIT',
        subject: `evidence:${i}`,
        contentDigest: i.toString(16).padStart(64, '0'),
        depositor: '914403001922038216',
        metadata: { title: `技术许可合同 第 ${i} 版`, category: 'CONTRACT' },
      });
    }
    const certificate = await ledger.certificate(777);
    const input: CertificatePdfInput = {
      certificate,
      depositorName: '华为技术有限公司',
      depositorCreditCode: '914403001922038216',
      title: '技术许可合同（第二版）Technology licence agreement, second edition',
      category: categoryLabel('CONTRACT'),
      publicUrl: 'https://iphub.example.cn',
      trustedTimes: [
        { genTime: new Date(certificate.entry.timestamp + 30_000).toISOString(), accuracyMs: 1000, tsa: 'CN=Example TSA, O=Example Trust Services' },
      ],
      tlogProof: formatTlogProof(certificate),
    };
    const note = 'one A4 page, Noto Sans SC cut to the characters drawn (two weights), a QR code, the certificate and its tlog-proof attached';

    log(`${renders} renders on this thread`);
    const here = await timed(renders, () => renderCertificatePdf(input));
    emit('pdf.render.p50', percentile(here.ms, 0.5), 'ms', { n: renders, note });
    emit('pdf.render.p90', percentile(here.ms, 0.9), 'ms', { n: renders });
    emit('pdf.size', here.size, 'bytes', { limit: 200 * 1024 });

    log(`${renders} renders one at a time on a worker thread`);
    const worker = await timed(renders, () => renderers.render(input));
    emit('pdf.worker.p50', percentile(worker.ms, 0.5), 'ms', {
      n: renders,
      note: 'as GET /certificates/<seq>.pdf renders: on a worker thread, messages included',
    });
    emit('pdf.worker.p90', percentile(worker.ms, 0.9), 'ms', { n: renders });
  } finally {
    await renderers.close();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
