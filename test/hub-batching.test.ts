// Every entity lookup is batched: resolving N entities of one type costs one store query per
// level of the request, counted at the repositories.
import { createHash } from 'node:crypto';

import { gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { patentCheckDigit } from '../standards/patent-number.js';
import { usccCheckCharacter } from '../standards/uscc.js';
import { openEnterprisesSubgraph } from '../subgraphs/enterprises/index.js';
import { openEvidenceSubgraph } from '../subgraphs/evidence/index.js';
import { startTestHub, type TestHub } from './support/hub.js';

const calls = new Map<string, number>();

/** Counts calls to every method of every repository in a store. */
function counted<S extends object>(prefix: string, store: S): S {
  return new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'object' || value === null) return value;
      return new Proxy(value, {
        get(repo, method) {
          const fn = Reflect.get(repo, method) as unknown;
          if (typeof fn !== 'function') return fn;
          return (...args: unknown[]) => {
            const name = `${prefix}.${String(key)}.${String(method)}`;
            calls.set(name, (calls.get(name) ?? 0) + 1);
            return (fn as (...a: unknown[]) => unknown).apply(repo, args);
          };
        },
      });
    },
  });
}

const N = 12;

describe('batched entity lookups', () => {
  let t: TestHub;

  beforeAll(async () => {
    t = await startTestHub({
      open: {
        enterprises: (storage, ledger, hub) => openEnterprisesSubgraph(storage, ledger, hub, (s) => counted('enterprises', s)),
        evidence: (storage, ledger, hub) => openEvidenceSubgraph(storage, ledger, hub, (s) => counted('evidence', s)),
      },
    });
    const staff = t.client(await t.key('CENTER_STAFF'));
    for (let i = 0; i < N; i++) {
      const first17 = `91440300MA5${String(i).padStart(6, '0')}`;
      const { registerEnterprise } = await staff.request<{ registerEnterprise: { id: string } }>(
        gql`
          mutation ($input: RegisterEnterpriseInput!) {
            registerEnterprise(input: $input) {
              id
            }
          }
        `,
        { input: { uscc: first17 + usccCheckCharacter(first17), name: `企业 ${i}`, regionCode: '440300', industry: '软件和信息技术服务业' } },
      );
      for (let p = 0; p < 2; p++) {
        const digits = `20241${String(i * 10 + p).padStart(7, '0')}`;
        await staff.request(
          gql`
            mutation ($input: RegisterPatentInput!) {
              registerPatent(input: $input) {
                applicationNumber
              }
            }
          `,
          {
            input: {
              enterpriseId: registerEnterprise.id,
              applicationNumber: `${digits}.${patentCheckDigit(digits)}`,
              title: `专利 ${i}-${p}`,
              filingDate: '2024-03-01',
            },
          },
        );
      }
      await staff.request(
        gql`
          mutation ($input: DepositEvidenceInput!) {
            depositEvidence(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            contentDigest: createHash('sha256').update(`evidence ${i}`).digest('hex'),
            title: `证据 ${i}`,
            category: 'DOCUMENT',
            depositorId: registerEnterprise.id,
          },
        },
      );
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it(`costs one query per type and level for ${N} enterprises, their patents and evidence`, async () => {
    const staff = t.client(await t.key('CENTER_STAFF'));
    calls.clear();
    const r = await staff.request<{ enterprises: { edges: { node: { patents: { edges: unknown[] }; evidence: { depositor: { name: string } }[] } }[] } }>(gql`
      {
        enterprises(first: ${N}) {
          edges {
            node {
              name
              patents(first: 5) { edges { node { applicationNumber enterprise { uscc } } } }
              trademarks(first: 2) { edges { node { mark } } }
              copyrights(first: 2) { edges { node { title } } }
              evidence { title depositor { name patents(first: 5) { edges { node { title } } } } }
            }
          }
        }
      }
    `);
    expect(r.enterprises.edges).toHaveLength(N);
    expect(r.enterprises.edges.every((e) => e.node.patents.edges.length === 2 && e.node.evidence.length === 1)).toBe(true);
    expect(Object.fromEntries(calls)).toEqual({
      'enterprises.enterprises.page': 1,
      'enterprises.patents.byEnterprises': 1,
      'enterprises.trademarks.byEnterprises': 1,
      'enterprises.copyrights.byEnterprises': 1,
      'evidence.evidence.byDepositors': 1,
      // depositor { ... } comes back to the enterprises subgraph as N _entities in one fetch,
      // answered from the loaders of this request: no second query for the same enterprises.
    });
  });
});
