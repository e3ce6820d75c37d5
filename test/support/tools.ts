// Debian's command-line tools some tests read the hub's output with (poppler-utils: pdftotext,
// pdftoppm; zbar-tools: zbarimg), which scripts/install-test-tools.sh installs. A test needing one
// that is missing skips, saying so, unless IPHUB_REQUIRE_BROWSER=1 (CI) makes it fail.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const onPath = (command: string): boolean => (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));

/** Whether every command is installed; when not, a warning, or (IPHUB_REQUIRE_BROWSER=1) an error, naming the missing ones. */
export function toolsPresent(commands: readonly string[], forWhat: string): boolean {
  const missing = commands.filter((c) => !onPath(c));
  if (missing.length === 0) return true;
  const why = `no ${missing.join(', ')} on PATH (bash scripts/install-test-tools.sh installs Debian's poppler-utils and zbar-tools)`;
  if (process.env.IPHUB_REQUIRE_BROWSER === '1') throw new Error(`${why}, and IPHUB_REQUIRE_BROWSER=1`);
  console.warn(`skipping ${forWhat}: ${why}`);
  return false;
}

/** Runs a command to its end: its standard output, or an error with its standard error. */
export function run(command: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'buffer', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err !== null) reject(new Error(`${command} ${args.join(' ')}: ${err.message}\n${stderr.toString('utf8')}`));
      else resolve(stdout);
    });
  });
}
