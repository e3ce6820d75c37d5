// The committed bundle must be what web/verify/page.ts builds to today: run `npm run build:web`.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { bundleVerifyPage, VERIFY_BUNDLE_PATH } from './build.js';

describe('web/verify/verify.js', () => {
  it('is not stale', async () => {
    expect(readFileSync(VERIFY_BUNDLE_PATH, 'utf8') === (await bundleVerifyPage()), 'web/verify/verify.js is stale: run npm run build:web').toBe(true);
  });
});
