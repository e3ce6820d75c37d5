// No answer says more than the hub knows: an unexpected error (a driver's message naming a file)
// reaches the caller as INTERNAL_SERVER_ERROR with an id, the whole error logged under that id.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { openEvidenceSubgraph } from '../subgraphs/evidence/index.js';
import { errorExtensions, startTestHub, type TestHub } from './support/hub.js';

describe('unexpected errors', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({
      open: {
        evidence: (storage, ledger, hub) =>
          openEvidenceSubgraph(storage, ledger, hub, (store) => ({
            ...store,
            evidence: {
              ...store.evidence,
              byIds: () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error reading /srv/iphub/data/evidence.db')),
            },
          })),
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('are masked with an id the operator finds in the log beside the real error', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const staff = t.client(await t.key('CENTER_STAFF'));
      const extensions = await errorExtensions(staff.request('{ evidence(id: "e-1") { id } }'));
      expect(extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      const id = extensions!.errorId as string;
      const shown = JSON.stringify(extensions);
      expect(shown).not.toContain('SQLITE');
      expect(shown).not.toContain('/srv/iphub');
      const lines = logged.mock.calls.map((args) => args.map((a) => (a instanceof Error ? `${a.message}` : String(a))).join(' '));
      expect(lines.some((l) => l.includes(id))).toBe(true);
      expect(lines.join('\n')).toContain('SQLITE_IOERR');
    } finally {
      logged.mockRestore();
    }
  });

  it('leave an error with a stable code as it is', async () => {
    expect(await errorExtensions(t.anonymous.request('{ enterprises { totalCount } }'))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
