// C2SP tlog-checkpoint examples and transparency-dev/formats log/checkpoint_test.go cases.
import { describe, expect, it } from 'vitest';

import { fromBase64, toBase64 } from '../bytes.js';
import { CheckpointError, formatCheckpoint, parseCheckpoint } from './checkpoint.js';

const SOFA = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('checkpoints', () => {
  it('parses the C2SP example, signed or not', () => {
    const signed = `${SOFA}\n\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n`;
    for (const text of [SOFA, signed]) {
      const cp = parseCheckpoint(text);
      expect(cp.origin).toBe('example.com/behind-the-sofa');
      expect(cp.size).toBe(20852163);
      expect(toBase64(cp.rootHash)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    }
  });

  it('formats what it parses, extension lines included', () => {
    const rootHash = fromBase64('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=')!;
    expect(formatCheckpoint({ origin: 'example.com/behind-the-sofa', size: 20852163, rootHash })).toBe(SOFA);
    const withExt = formatCheckpoint({ origin: 'o', size: 0, rootHash, extensions: ['Here is some associated data.'] });
    expect(parseCheckpoint(withExt).extensions).toEqual(['Here is some associated data.']);
  });

  it('rejects malformed checkpoints', () => {
    const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
    for (const text of [
      'Head\n9944\n',
      `\n9944\n${root}\n`,
      `Log\n123\n${root}`,
      `Log\nbananas\n${root}\n`,
      `Log\n-34\n${root}\n`,
      `Log\n0123\n${root}\n`,
      `Log\n3438945738945739845734895735\n${root}\n`,
      "Log\n123\nThisIsn'tBase64\n",
      'Log\n123\nYmFuYW5hcw==\n', // base64 of 7 bytes, not a SHA-256
      `Log\n1\n${root}\n\nafter a blank line\n`,
    ]) {
      expect(() => parseCheckpoint(text), JSON.stringify(text)).toThrow(CheckpointError);
    }
    expect(() => formatCheckpoint({ origin: 'two\nlines', size: 1, rootHash: new Uint8Array(32) })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'o', size: -1, rootHash: new Uint8Array(32) })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: new Uint8Array(31) })).toThrow(CheckpointError);
  });
});
