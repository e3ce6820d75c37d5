// Distributed mode: each subgraph its own HTTP service, the gateway reaching them over HTTP and
// vouching for the caller in a request signed with that subgraph's key: unsigned, replayed,
// re-targeted and altered requests are refused, and the gateway's public port takes no service
// request (the subgraphs ask on its internal listener).
import { createHash } from 'node:crypto';

import { gql, GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { remoteDataSource } from '../gateway/data-sources.js';
import { openIdentityDirectory } from '../gateway/identity-directory.js';
import { createKey } from '../gateway/keys/keys.js';
import { openKeyStore } from '../gateway/keys/store/open.js';
import type { KeyStore } from '../gateway/keys/store/port.js';
import { type RunningGateway, startGateway } from '../gateway/server.js';
import type { Ledger } from '../ledger/index.js';
import { httpHubQuery } from '../platform/hub-query.js';
import type { Identity } from '../platform/identity.js';
import { SIGNATURE_HEADER, signRequest } from '../platform/request-signature.js';
import { closeStorage, openLedgerOn, openStorage, type Storage, subgraphKeys } from '../platform/storage.js';
import { type Subgraph, SUBGRAPH_NAMES, type SubgraphName } from '../platform/subgraph.js';
import { serveSubgraph } from '../platform/subgraph-server.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { errorCode } from './support/hub.js';
import { tempDir } from './support/tmp.js';

describe('distributed mode', () => {
  const dir = tempDir('iphub-dist-');
  let storage: Storage;
  let ledger: Ledger;
  let keys: KeyStore;
  let gateway: RunningGateway;
  const subgraphs: Subgraph[] = [];
  const servers: { port: number; close(): Promise<void> }[] = [];
  const urls: Record<string, string> = {};
  let signing: Record<SubgraphName, string>;

  beforeAll(async () => {
    storage = await openStorage({ IPHUB_DATA_DIR: dir.path });
    ledger = await openLedgerOn(storage, {});
    keys = openKeyStore(storage);
    signing = subgraphKeys(storage, {});
    // Bound below, once the gateway's internal listener is up.
    let internalUrl = '';
    const opening = { env: {}, owners: await openIdentityDirectory(storage) };
    for (const name of SUBGRAPH_NAMES) {
      const subgraph = await SUBGRAPHS[name].open(storage, ledger, (q, v) => httpHubQuery(internalUrl, name, signing[name])(q, v), opening);
      const served = await serveSubgraph(subgraph, { port: 0, key: signing[name] });
      subgraphs.push(subgraph);
      servers.push(served);
      urls[name] = `http://127.0.0.1:${served.port}/graphql`;
    }
    gateway = await startGateway({
      port: 0,
      keys,
      internal: { port: 0, keys: signing },
      dataSource: (name) => remoteDataSource(urls[name]!, name, signing[name]),
    });
    internalUrl = gateway.internalUrl!;
  });
  afterAll(async () => {
    await gateway.close();
    for (const s of servers) await s.close();
    for (const s of subgraphs) await s.close();
    await keys.close();
    await ledger.close();
    await closeStorage(storage);
    dir.remove();
  });

  it('answers cross-subgraph queries over HTTP with the caller identity carried along', async () => {
    const staff = new GraphQLClient(gateway.url, { headers: { authorization: `Bearer ${(await createKey(keys, { role: 'CENTER_STAFF' })).key}` } });
    const { registerEnterprise } = await staff.request<{ registerEnterprise: { id: string } }>(gql`
      mutation {
        registerEnterprise(input: { uscc: "914403001922038216", name: "华为技术有限公司", regionCode: "440300", industry: "制造业" }) {
          id
        }
      }
    `);
    const own = new GraphQLClient(gateway.url, {
      headers: { authorization: `Bearer ${(await createKey(keys, { role: 'ENTERPRISE', enterpriseId: registerEnterprise.id })).key}` },
    });
    const digest = createHash('sha256').update('distributed deposit').digest('hex');
    await own.request(
      gql`
        mutation ($d: String!) {
          depositEvidence(input: { contentDigest: $d, title: "样品", category: OTHER }) {
            id
          }
        }
      `,
      { d: digest },
    );
    const r = await own.request<{ enterprise: { name: string; evidence: { contentDigest: string; depositor: { uscc: string } }[] } }>(
      gql`
        query ($id: ID!) {
          enterprise(id: $id) {
            name
            evidence {
              contentDigest
              depositor {
                uscc
              }
            }
          }
        }
      `,
      { id: registerEnterprise.id },
    );
    expect(r.enterprise).toEqual({ name: '华为技术有限公司', evidence: [{ contentDigest: digest, depositor: { uscc: '914403001922038216' } }] });
    // The caller's rate budget rides in the signed request with its identity.
    const { viewer } = await own.request<{ viewer: { role: string; enterprise: { id: string }; rateLimit: { limit: number; remaining: number } } }>(gql`
      {
        viewer {
          role
          enterprise {
            id
          }
          rateLimit {
            limit
            remaining
          }
        }
      }
    `);
    expect(viewer).toMatchObject({ role: 'ENTERPRISE', enterprise: { id: registerEnterprise.id } });
    expect(viewer.rateLimit.remaining).toBeLessThan(viewer.rateLimit.limit);
    const other = new GraphQLClient(gateway.url, {
      headers: { authorization: `Bearer ${(await createKey(keys, { role: 'ENTERPRISE', enterpriseId: 'someone-else' })).key}` },
    });
    expect(
      await errorCode(
        other.request(
          gql`
            query ($id: ID!) {
              enterprise(id: $id) {
                name
              }
            }
          `,
          { id: registerEnterprise.id },
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  /** A request to `url` signed as `iss` for `aud` with `key`, sent as signed or with `send` changed. */
  const signed = (url: string, key: string, claims: { iss: string; aud: string; identity?: Identity }, body: string) => {
    const target = new URL(url);
    return signRequest(key, claims, { method: 'POST', path: target.pathname, body });
  };
  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const COUNT = JSON.stringify({ query: '{ enterprises { totalCount } }' });

  it('lets a subgraph ask the hub as a service on the internal listener, and no one forge that', async () => {
    const r = await httpHubQuery(gateway.internalUrl!, 'finance', signing.finance)<{ enterprises: { totalCount: number } }>('{ enterprises { totalCount } }');
    expect(r.enterprises.totalCount).toBeGreaterThanOrEqual(1);
    // Another subgraph's key does not sign for finance; a key of no subgraph signs nothing.
    await expect(httpHubQuery(gateway.internalUrl!, 'finance', signing.cases)('{ enterprises { totalCount } }')).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(httpHubQuery(gateway.internalUrl!, 'finance', 'x'.repeat(43))('{ enterprises { totalCount } }')).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect((await post(gateway.internalUrl!, COUNT)).status).toBe(401);
  });

  it("refuses a service request on the gateway's public port, however well signed", async () => {
    const header = signed(gateway.url, signing.finance, { iss: 'finance', aud: 'gateway' }, COUNT);
    const res = await post(gateway.url, COUNT, { [SIGNATURE_HEADER]: header });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errors: [{ message: /internal listener only/, extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('makes a subgraph refuse unsigned, replayed, re-targeted and body-swapped requests', async () => {
    const enterprises = urls.enterprises!;
    const refused = async (res: Response, why: RegExp): Promise<void> => {
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ errors: [{ message: why, extensions: { code: 'UNAUTHENTICATED' } }] });
    };
    // Unsigned: refused; the health checks alone answer anyone.
    await refused(await post(enterprises, COUNT), /not signed/);
    expect((await fetch(enterprises.replace(/graphql$/, 'healthz'))).status).toBe(200);

    // As the gateway signs it, for a staff member: taken once, then never again.
    const header = signed(
      enterprises,
      signing.enterprises,
      { iss: 'gateway', aud: 'enterprises', identity: { keyId: 'k-staff', role: 'CENTER_STAFF' } },
      COUNT,
    );
    const first = await post(enterprises, COUNT, { [SIGNATURE_HEADER]: header });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { data: { enterprises: { totalCount: number } } }).data.enterprises.totalCount).toBeGreaterThanOrEqual(1);
    await refused(await post(enterprises, COUNT, { [SIGNATURE_HEADER]: header }), /replay/);

    // Re-targeted: a request for enterprises sent to cases (with the cases key it fails the audience; with its own, the signature).
    const forCases = JSON.stringify({ query: '{ __typename }' });
    await refused(
      await post(urls.cases!, forCases, { [SIGNATURE_HEADER]: signed(urls.cases!, signing.cases, { iss: 'gateway', aud: 'enterprises' }, forCases) }),
      /signed for "enterprises", not cases/,
    );
    await refused(
      await post(urls.cases!, forCases, { [SIGNATURE_HEADER]: signed(urls.cases!, signing.enterprises, { iss: 'gateway', aud: 'cases' }, forCases) }),
      /does not match/,
    );
    // Body-swapped: signed for one body, sent with another.
    const swapped = signed(enterprises, signing.enterprises, { iss: 'gateway', aud: 'enterprises' }, COUNT);
    await refused(
      await post(enterprises, JSON.stringify({ query: '{ enterprises(first: 100) { totalCount } }' }), { [SIGNATURE_HEADER]: swapped }),
      /does not match/,
    );
    // Signed by a subgraph, not the gateway: a subgraph calls the gateway, never another subgraph.
    await refused(
      await post(enterprises, COUNT, { [SIGNATURE_HEADER]: signed(enterprises, signing.enterprises, { iss: 'finance', aud: 'enterprises' }, COUNT) }),
      /not taken here/,
    );
  });

  it('bounds what a subgraph runs by its own limits, whoever signed it, and answers no introspection', async () => {
    // The same subgraph served with tight limits, so that a valid query can pass each.
    const tight = await serveSubgraph(subgraphs[0]!, {
      port: 0,
      key: signing.enterprises,
      limits: { depth: 2, aliases: 2, directives: 2, tokens: 60, cost: 5 },
    });
    const url = `http://127.0.0.1:${tight.port}/graphql`;
    const ask = async (query: string) => {
      const body = JSON.stringify({ query });
      const identity: Identity = { keyId: 'k-staff', role: 'CENTER_STAFF' };
      const res = await post(url, body, { [SIGNATURE_HEADER]: signed(url, signing.enterprises, { iss: 'gateway', aud: 'enterprises', identity }, body) });
      return ((await res.json()) as { errors?: { message: string }[] }).errors?.map((e) => e.message) ?? [];
    };
    try {
      expect(await ask('{ enterprises(first: 2) { totalCount } }')).toEqual([]);
      expect(await ask('{ __schema { queryType { name } } }')).toContainEqual(expect.stringMatching(/introspection/i));
      expect(await ask('{ enterprises(first: 2) { edges { node { id } } } }')).toContainEqual(expect.stringMatching(/depth limit of 2 exceeded/));
      expect(
        await ask('{ a: enterprises(first: 1) { totalCount } b: enterprises(first: 1) { totalCount } c: enterprises(first: 1) { totalCount } }'),
      ).toContainEqual(expect.stringMatching(/aliases limit of 2 exceeded/i));
      expect(await ask(`{ ${'__typename '.repeat(60)}}`)).toContainEqual(expect.stringMatching(/more that 60 tokens/));
      expect(await ask('{ enterprises(first: 10) { totalCount } }')).toContainEqual(expect.stringMatching(/this subgraph runs at most 5/));
    } finally {
      await tight.close();
    }
  });

  it('reports health and readiness per process, naming what is not ready on the admin listener alone', async () => {
    for (const url of [...Object.values(urls), gateway.url]) {
      expect((await fetch(url.replace(/\/graphql$/, '/healthz'))).status).toBe(200);
      expect((await fetch(url.replace(/\/graphql$/, '/readyz'))).status).toBe(200);
    }
    const sick = await serveSubgraph(subgraphs[0]!, {
      port: 0,
      key: signing.enterprises,
      admin: { port: 0 },
      ready: () => Promise.reject(new Error('the ledger store does not answer')),
    });
    try {
      const res = await fetch(`http://127.0.0.1:${sick.port}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.text()).not.toContain('the ledger store does not answer');
      const detailed = await fetch(`http://127.0.0.1:${sick.adminPort}/readyz`);
      expect(detailed.status).toBe(503);
      expect(await detailed.text()).toContain('the ledger store does not answer');
      expect((await fetch(`http://127.0.0.1:${sick.port}/metrics`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${sick.adminPort}/metrics`)).status).toBe(200);
    } finally {
      await sick.close();
    }
  });
});
