// `npm start -- --demo` as a user runs it: a fresh data directory, demo data, one key and one
// person's account per role.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';
import { gql, GraphQLClient } from 'graphql-request';
import { describe, expect, it } from 'vitest';

import { DEMO_ENTERPRISE_NAME, demoEvidenceContent } from '../demo/generate.js';
import { DEMO_BANK, DEMO_COURT, DEMO_GUARANTOR, DEMO_INSURER } from '../demo/index.js';
import { signIn } from '../gateway/accounts/accounts.js';
import { openSqliteAccountStore } from '../gateway/accounts/store/sqlite.js';
import { graphqlAs, signInOver } from './support/people.js';
import { tempDir } from './support/tmp.js';

/** The first page of a connection. */
type Page = { edges: unknown[] };

const MAIN = fileURLToPath(new URL('../apps/hub.ts', import.meta.url));

function start(dataDir: string, args: string[] = []): Promise<{ child: ChildProcess; url: string; output: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--demo', ...args], {
    env: { ...process.env, IPHUB_DATA_DIR: dataDir, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const m = /ready at (\S+)/.exec(line);
      if (m) resolve({ child, url: m[1]!, output });
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output.join('\n')}`)));
  });
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

describe('npm start -- --demo', () => {
  it('seeds an empty data directory once and serves it with one key and one account per role, each signing in', async () => {
    const dir = tempDir('iphub-demo-');
    try {
      const first = await start(dir.path);
      const keys = JSON.parse(readFileSync(join(dir.path, 'demo-keys.json'), 'utf8')) as Record<string, string>;
      expect(Object.keys(keys)).toEqual(expect.arrayContaining(['CENTER_STAFF', 'ENTERPRISE', 'COURT', 'BANK', 'INSURER', 'GUARANTOR']));
      const as = (role: string) => new GraphQLClient(first.url, { headers: { authorization: `Bearer ${keys[role]}` } });

      const staff = await as('CENTER_STAFF').request<{
        enterprises: { totalCount: number };
        enterpriseStatistics: { byRegion: unknown[]; byIndustry: unknown[] };
      }>(gql`
        {
          enterprises {
            totalCount
          }
          enterpriseStatistics {
            byRegion {
              regionCode
            }
            byIndustry {
              industry
            }
          }
        }
      `);
      expect(staff.enterprises.totalCount).toBeGreaterThanOrEqual(1000);
      expect(staff.enterpriseStatistics.byRegion.length).toBeGreaterThan(5);
      expect(staff.enterpriseStatistics.byIndustry.length).toBeGreaterThan(5);

      const own = await as('ENTERPRISE').request<{
        enterprise: { name: string; patents: Page; trademarks: Page; copyrights: Page; evidence: unknown[] };
      }>(
        gql`
          query ($id: ID!) {
            enterprise(id: $id) {
              name
              patents(first: 5) {
                edges {
                  node {
                    applicationNumber
                  }
                }
              }
              trademarks(first: 5) {
                edges {
                  node {
                    mark
                  }
                }
              }
              copyrights(first: 5) {
                edges {
                  node {
                    title
                  }
                }
              }
              evidence {
                id
              }
            }
          }
        `,
        { id: keys.enterpriseId },
      );
      expect(own.enterprise.name).toBe(DEMO_ENTERPRISE_NAME);
      for (const list of [own.enterprise.patents.edges, own.enterprise.trademarks.edges, own.enterprise.copyrights.edges, own.enterprise.evidence])
        expect(list.length).toBeGreaterThan(0);
      const warnings = await as('ENTERPRISE').request<{ annualFeeWarnings: { edges: { node: { state: string } }[] } }>(gql`
        {
          annualFeeWarnings(first: 100) {
            edges {
              node {
                state
              }
            }
          }
        }
      `);
      expect(new Set(warnings.annualFeeWarnings.edges.map((e) => e.node.state))).toEqual(new Set(['DUE_SOON', 'GRACE']));

      const digest = createHash('sha256').update(demoEvidenceContent(0)).digest('hex');
      const verified = await new GraphQLClient(first.url).request<{ verifyEvidence: { found: boolean } }>(
        gql`
          query ($d: String!) {
            verifyEvidence(contentDigest: $d) {
              found
            }
          }
        `,
        { d: digest },
      );
      expect(verified.verifyEvidence.found).toBe(true);
      for (const role of ['COURT', 'BANK', 'INSURER', 'GUARANTOR']) {
        const r = await as(role).request<{ enterprise: { name: string } }>(
          gql`
            query ($id: ID!) {
              enterprise(id: $id) {
                name
              }
            }
          `,
          { id: keys.enterpriseId },
        );
        expect(r.enterprise.name).toBe(DEMO_ENTERPRISE_NAME);
      }
      // Cases in every state of both workflows; the court reads the case referred to it.
      const cases = await as('CENTER_STAFF').request<{
        preExamCases: { edges: { node: { state: string } }[] };
        protectionCases: { edges: { node: { state: string } }[] };
      }>(gql`
        {
          preExamCases(first: 100) {
            edges {
              node {
                state
              }
            }
          }
          protectionCases(first: 100) {
            edges {
              node {
                state
              }
            }
          }
        }
      `);
      expect(new Set(cases.preExamCases.edges.map((e) => e.node.state))).toEqual(
        new Set(['RECEIVED', 'CLASSIFIED', 'EXAMINING', 'QUALITY_CHECK', 'PASSED', 'RETURNED', 'ARCHIVED']),
      );
      expect(new Set(cases.protectionCases.edges.map((e) => e.node.state))).toEqual(
        new Set(['APPLIED', 'ACCEPTED', 'REJECTED', 'IN_PROGRESS', 'SETTLED', 'REFERRED', 'WITHDRAWN', 'CLOSED']),
      );
      const court = await as('COURT').request<{ protectionCases: { edges: { node: { state: string; evidence: { title: string }[] } }[] } }>(gql`
        {
          protectionCases {
            edges {
              node {
                state
                evidence {
                  title
                }
              }
            }
          }
        }
      `);
      expect(court.protectionCases.edges.length).toBeGreaterThan(0);
      expect(court.protectionCases.edges.every((e) => e.node.state === 'REFERRED')).toBe(true);
      expect(court.protectionCases.edges.some((e) => e.node.evidence.length > 0)).toBe(true);

      // Pledges and claims in every state; the bank and the insurer see their own.
      const bank = await as('BANK').request<{
        pledges: { edges: { node: { state: string; registrationReceipt: { seq: number } | null; collateral: { patent: { title: string } | null }[] } }[] };
      }>(gql`
        {
          pledges(first: 100) {
            edges {
              node {
                state
                registrationReceipt {
                  seq
                }
                collateral {
                  patent {
                    title
                  }
                }
              }
            }
          }
        }
      `);
      expect(new Set(bank.pledges.edges.map((e) => e.node.state))).toEqual(new Set(['PROPOSED', 'REGISTERED', 'RELEASED', 'ENFORCED']));
      // Each registered on the ledger, the proposal awaiting its pledgor's confirmation.
      expect(
        bank.pledges.edges.every((e) => (e.node.state === 'PROPOSED') === (e.node.registrationReceipt === null) && e.node.collateral[0]!.patent !== null),
      ).toBe(true);
      const insurer = await as('INSURER').request<{ insurancePolicies: { edges: { node: { claims: { status: string }[] } }[] } }>(gql`
        {
          insurancePolicies(first: 100) {
            edges {
              node {
                claims {
                  status
                }
              }
            }
          }
        }
      `);
      expect(new Set(insurer.insurancePolicies.edges.flatMap((e) => e.node.claims.map((c) => c.status)))).toEqual(new Set(['FILED', 'PAID', 'REJECTED']));
      const ownPledges = await as('ENTERPRISE').request<{ enterprise: { pledges: { state: string }[] } }>(
        gql`
          query ($id: ID!) {
            enterprise(id: $id) {
              pledges {
                state
              }
            }
          }
        `,
        {
          id: keys.enterpriseId,
        },
      );
      expect(ownPledges.enterprise.pledges.map((p) => p.state)).toContain('PROPOSED');
      // The guarantor holds its counter-guarantee pledge.
      const guarantor = await as('GUARANTOR').request<{ pledges: { edges: { node: { state: string } }[] } }>(gql`
        {
          pledges(first: 10) {
            edges {
              node {
                state
              }
            }
          }
        }
      `);
      expect(guarantor.pledges.edges.map((e) => e.node.state)).toEqual(['REGISTERED']);

      // The demo's enterprise account signs in over HTTP and reads its enterprise with the session.
      const demoAccounts = JSON.parse(readFileSync(join(dir.path, 'demo-accounts.json'), 'utf8')) as Record<string, { username: string; password: string }>;
      const person = await signInOver(first.url, demoAccounts.ENTERPRISE!.username, demoAccounts.ENTERPRISE!.password);
      expect(person.reply.body.account).toMatchObject({ role: 'ENTERPRISE', enterpriseId: keys.enterpriseId });
      const mine = await graphqlAs(first.url, person, 'query ($id: ID!) { enterprise(id: $id) { name } }', { id: keys.enterpriseId });
      expect(mine.body).toEqual({ data: { enterprise: { name: DEMO_ENTERPRISE_NAME } } });

      expect(await stop(first.child)).toBe(0);

      // One account per role beside the keys, for its owner's eyes only, each signing in as bound.
      const accountsPath = join(dir.path, 'demo-accounts.json');
      expect(statSync(accountsPath).mode & 0o777).toBe(0o600);
      const accounts = JSON.parse(readFileSync(accountsPath, 'utf8')) as Record<string, { username: string; password: string }>;
      const bound: Record<string, object> = {
        CENTER_STAFF: {},
        ENTERPRISE: { enterpriseId: keys.enterpriseId },
        COURT: { organization: DEMO_COURT },
        BANK: { organization: DEMO_BANK },
        INSURER: { organization: DEMO_INSURER },
        GUARANTOR: { organization: DEMO_GUARANTOR },
      };
      expect(Object.keys(accounts).sort()).toEqual(Object.keys(bound).sort());
      const accountStore = openSqliteAccountStore(new Database(join(dir.path, 'gateway.db')));
      try {
        for (const [role, account] of Object.entries(accounts)) {
          expect(Object.keys(account).sort()).toEqual(['password', 'username']);
          expect(await signIn(accountStore, account.username, account.password)).toEqual({
            keyId: expect.stringMatching(/^account:[0-9a-f]{16}$/),
            role,
            ...bound[role],
          });
        }
      } finally {
        await accountStore.close();
      }

      // A second start keeps the data and the keys.
      const second = await start(dir.path);
      expect(second.output.join('\n')).toContain('nothing seeded');
      expect(JSON.parse(readFileSync(join(dir.path, 'demo-keys.json'), 'utf8'))).toEqual(keys);
      expect(JSON.parse(readFileSync(accountsPath, 'utf8'))).toEqual(accounts);
      const again = await new GraphQLClient(second.url, { headers: { authorization: `Bearer ${keys.CENTER_STAFF}` } }).request<{
        enterprises: { totalCount: number };
      }>(gql`
        {
          enterprises {
            totalCount
          }
        }
      `);
      expect(again.enterprises.totalCount).toBe(staff.enterprises.totalCount);
      expect(await stop(second.child)).toBe(0);
    } finally {
      dir.remove();
    }
  }, 120_000);

  it('seeds as many enterprises as --enterprises says', async () => {
    const dir = tempDir('iphub-demo-');
    try {
      const started = await start(dir.path, ['--enterprises', '40']);
      const keys = JSON.parse(readFileSync(join(dir.path, 'demo-keys.json'), 'utf8')) as Record<string, string>;
      const staff = new GraphQLClient(started.url, { headers: { authorization: `Bearer ${keys.CENTER_STAFF}` } });
      const r = await staff.request<{ enterprises: { totalCount: number }; enterpriseStatistics: { totalEnterprises: number } }>(gql`
        {
          enterprises {
            totalCount
          }
          enterpriseStatistics {
            totalEnterprises
          }
        }
      `);
      expect(r).toEqual({ enterprises: { totalCount: 40 }, enterpriseStatistics: { totalEnterprises: 40 } });
      expect(await stop(started.child)).toBe(0);
    } finally {
      dir.remove();
    }
  }, 120_000);

  // Four starts of the hub, each loading all of its modules through tsx before it refuses.
  it('refuses a size that is not a whole number in range, or one given without --demo, and exits 2', async () => {
    const dir = tempDir('iphub-demo-');
    try {
      for (const args of [
        ['--demo', '--enterprises', '0'],
        ['--demo', '--enterprises', '1.5'],
        ['--demo', '--enterprises', 'many'],
        ['--enterprises', '100'],
      ]) {
        const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
          env: { ...process.env, IPHUB_DATA_DIR: dir.path, PORT: '0' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        expect({ args, code }).toEqual({ args, code: 2 });
        expect(stderr).toMatch(/--enterprises/);
      }
    } finally {
      dir.remove();
    }
  }, 120_000);
});
