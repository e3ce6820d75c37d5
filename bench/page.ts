// The verification page's fingerprinting, in Chromium: what a court waits for on a large file.
// Side by side in one browser: @noble/hashes streamed in 64 KiB chunks, as the page hashes,
// against WebCrypto's one-shot digest (native, but it needs the whole file in memory), and the
// page itself from choosing a file to showing its digest. One JSON line per figure.
//   npm run bench -- page [--mib 128] [--rounds 3]
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { build } from 'esbuild';

import { CHROMIUM, chromiumPresent, launchChromium } from '../test/support/browser.js';
import { startTestHub } from '../test/support/hub.js';
import { tempDir } from '../test/support/tmp.js';
import { emit } from './emit.js';

const log = (msg: string): void => console.error(`[bench page] ${msg}`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** @noble/hashes' sha256 as a script for the page, on globalThis.nobleSha256. */
async function nobleScript(): Promise<string> {
  const out = await build({
    stdin: { contents: "import { sha256 } from '@noble/hashes/sha2.js'; globalThis.nobleSha256 = sha256;", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
  });
  return out.outputFiles[0]!.text;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { mib: { type: 'string', default: '128' }, rounds: { type: 'string', default: '3' } } });
  const mib = Number(values.mib);
  const rounds = Number(values.rounds);
  if (!chromiumPresent()) throw new Error(`no Chromium at ${CHROMIUM}: bash scripts/install-test-tools.sh`);
  const t = await startTestHub();
  const dir = tempDir('iphub-bench-page-');
  const browser = await launchChromium();
  try {
    const origin = t.hub.url.replace(/\/graphql$/, '');
    const page = await browser.newPage();
    // /healthz: a localhost page (a secure context, for WebCrypto) with no CSP to refuse the script.
    await page.goto(`${origin}/healthz`);
    await page.addScriptTag({ content: await nobleScript() });
    const times = { noble: [] as number[], webcrypto: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      const round = await page.evaluate(async (bytes) => {
        const data = new Uint8Array(bytes);
        for (let i = 0; i < data.length; i += 65536) crypto.getRandomValues(data.subarray(i, i + 65536));
        const noble = (globalThis as unknown as { nobleSha256: { create(): { update(b: Uint8Array): unknown; digest(): Uint8Array } } }).nobleSha256;
        let t0 = performance.now();
        const h = noble.create();
        for (let i = 0; i < data.length; i += 65536) h.update(data.subarray(i, i + 65536));
        h.digest();
        const nobleMs = performance.now() - t0;
        t0 = performance.now();
        await crypto.subtle.digest('SHA-256', data);
        return { noble: nobleMs, webcrypto: performance.now() - t0 };
      }, mib << 20);
      times.noble.push(round.noble);
      times.webcrypto.push(round.webcrypto);
      log(`round ${r + 1}: noble ${round.noble.toFixed(0)} ms, webcrypto ${round.webcrypto.toFixed(0)} ms`);
    }
    const mibs = (ms: number) => Number((mib / (ms / 1000)).toFixed(1));
    emit('page.sha256.noble', mibs(median(times.noble)), 'MiB/s', { mib, rounds });
    emit('page.sha256.webcrypto', mibs(median(times.webcrypto)), 'MiB/s', { mib, rounds });
    emit('page.sha256.webcrypto_over_noble', Number((median(times.noble) / median(times.webcrypto)).toFixed(2)), 'ratio');

    // The page end to end: choosing the file (Playwright hands it to the page) to its digest shown.
    const file = join(dir.path, 'evidence.bin');
    writeFileSync(file, randomBytes(mib << 20));
    const verify = await browser.newPage();
    await verify.goto(`${origin}/verify`);
    const e2e: number[] = [];
    for (let r = 0; r < rounds; r++) {
      await verify.reload();
      const t0 = Date.now();
      await verify.setInputFiles('#file', file);
      await verify.waitForFunction(() => (document.getElementById('digest') as HTMLInputElement).value.length === 64, undefined, {
        timeout: 600_000,
        polling: 20,
      });
      e2e.push(Date.now() - t0);
      log(`page round ${r + 1}: ${e2e.at(-1)} ms`);
    }
    emit('page.fingerprint', mibs(median(e2e)), 'MiB/s', { mib, rounds });
  } finally {
    await browser.close();
    await t.close();
    dir.remove();
  }
}
