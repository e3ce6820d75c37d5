// Distributed mode: each subgraph its own HTTP service, the gateway reaching them over HTTP and
// vouching for the caller with a signed identity that a caller cannot forge.
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
import { IDENTITY_HEADER, signIdentity } from '../platform/identity.js';
import { closeStorage, internalSecret, openLedgerOn, openStorage, type Storage } from '../platform/storage.js';
import { type Subgraph, SUBGRAPH_NAMES } from '../platform/subgraph.js';
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

  beforeAll(async () => {
    storage = await openStorage({ IPHUB_DATA_DIR: dir.path });
    ledger = await openLedgerOn(storage, {});
    keys = openKeyStore(storage);
    const secret = internalSecret(storage, {});
    // Bound below, once the gateway's port is known.
    let gatewayUrl = '';
    const opening = { env: {}, owners: await openIdentityDirectory(storage) };
    for (const name of SUBGRAPH_NAMES) {
      const subgraph = await SUBGRAPHS[name].open(storage, ledger, (q, v) => httpHubQuery(gatewayUrl, secret, name)(q, v), opening);
      const served = await serveSubgraph(subgraph, { port: 0, secret });
      subgraphs.push(subgraph);
      servers.push(served);
      urls[name] = `http://localhost:${served.port}/graphql`;
    }
    gateway = await startGateway({ port: 0, keys, internalSecret: secret, dataSource: (name) => remoteDataSource(urls[name]!, secret) });
    gatewayUrl = gateway.url;
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

  it('lets a subgraph ask the hub as a service, and no one forge that', async () => {
    const r = await httpHubQuery(
      gateway.url,
      internalSecret(storage, {}),
      'finance',
    )<{ enterprises: { totalCount: number } }>('{ enterprises { totalCount } }');
    expect(r.enterprises.totalCount).toBeGreaterThanOrEqual(1);
    await expect(httpHubQuery(gateway.url, 'not the secret', 'finance')('{ enterprises { totalCount } }')).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('reports health and readiness per process, naming what is not ready', async () => {
    for (const url of [...Object.values(urls), gateway.url]) {
      expect((await fetch(url.replace(/\/graphql$/, '/healthz'))).status).toBe(200);
      expect((await fetch(url.replace(/\/graphql$/, '/readyz'))).status).toBe(200);
    }
    const sick = await serveSubgraph(subgraphs[0]!, { port: 0, secret: 'x', ready: () => Promise.reject(new Error('the ledger store does not answer')) });
    try {
      const res = await fetch(`http://localhost:${sick.port}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('the ledger store does not answer');
    } finally {
      await sick.close();
    }
  });

  it('makes a subgraph refuse an identity not signed by the gateway', async () => {
    const forged = signIdentity({ keyId: 'x', role: 'CENTER_STAFF' }, 'not the secret');
    const direct = new GraphQLClient(urls.enterprises!, { headers: { [IDENTITY_HEADER]: forged } });
    expect(
      await errorCode(
        direct.request(gql`
          {
            enterprises {
              totalCount
            }
          }
        `),
      ),
    ).toBe('UNAUTHENTICATED');
    // Without any identity the subgraph treats the caller as anonymous.
    expect(
      await errorCode(
        new GraphQLClient(urls.enterprises!).request(gql`
          {
            enterprises {
              totalCount
            }
          }
        `),
      ),
    ).toBe('UNAUTHENTICATED');
  });
});
