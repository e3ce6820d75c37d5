// The re-check command in the printable report is one a shell runs as written, whatever the
// file is called and whatever keys were trusted.
import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { recheckCommand } from './printable.js';
import type { DepositReport, Report } from './report.js';

const report = (over: Partial<Report>): Report => ({
  ok: true,
  contentDigest: '00'.repeat(32),
  deposits: [],
  checkedAt: 0,
  trustedKeys: ['iphub.local/ledger+2ff4c130+AWo7'],
  witnessKeys: [],
  minWitnesses: 0,
  keyFromHub: false,
  fileChecked: over.fileName !== undefined,
  ...over,
});
const deposit = { attested: { seq: 7 } } as DepositReport;

/** The words a POSIX shell makes of the command, the `npx iphub verify` prefix dropped. */
const words = (command: string): string[] =>
  execFileSync('sh', ['-c', command.replace(/^npx iphub verify/, "printf '%s\\0'")], { encoding: 'utf8' })
    .split('\0')
    .slice(0, -1);

describe('recheckCommand', () => {
  it('quotes a hostile file name into one word', () => {
    const name = `合同 x'; touch /tmp/pwned; echo '.pdf`;
    expect(words(recheckCommand(report({ fileName: name }), deposit))).toEqual([
      '--file',
      name,
      '--certificate',
      'iphub-certificate-7.json',
      '--trusted-key',
      'iphub.local/ledger+2ff4c130+AWo7',
    ]);
  });

  it('carries the witness requirement when there is one', () => {
    const r = report({ fileName: 'a.pdf', witnessKeys: ['w1+1+A', 'w2+2+B'], minWitnesses: 2 });
    expect(words(recheckCommand(r, deposit)).slice(4)).toEqual([
      '--trusted-key',
      'iphub.local/ledger+2ff4c130+AWo7',
      '--witness-key',
      'w1+1+A',
      '--witness-key',
      'w2+2+B',
      '--min-witnesses',
      '2',
    ]);
  });
});
