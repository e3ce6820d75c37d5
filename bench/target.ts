// A stack under test in its own process (bench/gateway-target.ts), so that it does not share an
// event loop with the load, and what the benchmarks read off it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const TARGET = fileURLToPath(new URL('./gateway-target.ts', import.meta.url));

/** Starts `mode` (embedded, http or stock) on the data directory; resolves once it serves. */
export async function startTarget(mode: string, dataDir: string): Promise<{ child: ChildProcess; url: string; adminUrl?: string }> {
  // The child inherits this process's environment, IPHUB_LIMITS included.
  const child = spawn(process.execPath, ['--import', 'tsx', TARGET, mode, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => l.startsWith('{"url"') && resolve(l));
    child.once('exit', (code) => reject(new Error(`${mode} target exited with ${code}`)));
  });
  return { child, ...(JSON.parse(line) as { url: string; adminUrl?: string }) };
}

/** Stops the target and waits for it to exit. */
export async function stopTarget(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * The hub's longest event-loop delay (ms) since it was last asked: prom-client's
 * monitorEventLoopDelay histogram starts again at every scrape of /metrics (on its admin listener).
 */
export async function eventLoopMax(adminUrl: string | undefined): Promise<number> {
  if (adminUrl === undefined) throw new Error('the target has no admin listener to read its metrics from');
  const text = await (await fetch(`${adminUrl}/metrics`)).text();
  const m = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text);
  return m === null ? NaN : Number((Number(m[1]) * 1000).toFixed(2));
}
