// The iphub command line as a court runs it: a process of its own (bin/iphub.mjs).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/iphub.mjs', import.meta.url));

/** Runs `iphub <args>`; resolves with its exit code and standard output. */
export function iphub(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } }, (err, stdout) => {
      resolve({ code: err === null ? 0 : ((err as { code?: number }).code ?? 1), stdout });
    });
  });
}
