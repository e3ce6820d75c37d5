// The committed bundle must be what web/verify/page.ts builds to today: run `npm run build:web`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { bundleFilesOnDisk, bundleVerifyPage, VERIFY_DIR } from './build.js';

describe('web/verify/verify.js and its chunks', () => {
  it('are not stale, and no chunk is left over from an older build', async () => {
    const { files: built } = await bundleVerifyPage();
    expect(bundleFilesOnDisk(), 'web/verify/verify*.js are stale: run npm run build:web').toEqual([...built.keys()].sort());
    for (const [name, text] of built) {
      expect(readFileSync(join(VERIFY_DIR, name), 'utf8') === text, `web/verify/${name} is stale: run npm run build:web`).toBe(true);
    }
  });

  it('keeps pdf-lib out of the page’s own script: its chunk is fetched only when a PDF certificate is loaded', async () => {
    const { files, packages } = await bundleVerifyPage();
    expect(packages.get('verify.js')!.has('pdf-lib')).toBe(false);
    const chunk = [...packages].find(([, p]) => p.has('pdf-lib'))?.[0];
    expect(chunk).toMatch(/^verify-[a-z0-9-]+\.js$/);
    expect(files.get('verify.js')).toContain(`import("./${chunk}")`);
  });
});
