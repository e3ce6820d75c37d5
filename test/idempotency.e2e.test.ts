// Creating mutations a partner can retry after a timeout: with an idempotency key, the retry is
// answered with the first attempt's result and records nothing more; the same key with other input
// is IDEMPOTENCY_KEY_REUSED; a key is its caller's alone; and a first attempt that died between the
// ledger and the store (LEDGER_UNAVAILABLE, outcome UNKNOWN) is completed by the retry from its
// ledger entry, never recorded twice.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKey } from '../gateway/keys/keys.js';
import { idempotentId } from '../platform/idempotency.js';
import { errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { registerEnterprise } from './support/registry.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

const DEPOSIT = gql`
  mutation ($input: DepositEvidenceInput!) {
    depositEvidence(input: $input) {
      id
      title
      receipt {
        seq
        entryHash
        timestamp
      }
    }
  }
`;
type Deposit = { depositEvidence: { id: string; title: string; receipt: { seq: number; entryHash: string; timestamp: string } } };
const COUNT = gql`
  query ($d: String!) {
    verifyEvidence(contentDigest: $d) {
      depositCount
    }
  }
`;

describe('idempotency keys', () => {
  let t: TestHub;
  let enterpriseId: string;
  let keyId: string;
  let own: GraphQLClient;
  const count = async (digest: string): Promise<number> =>
    (await t.anonymous.request<{ verifyEvidence: { depositCount: number } }>(COUNT, { d: digest })).verifyEvidence.depositCount;

  beforeAll(async () => {
    t = await startTestHub();
    const staff = t.client(await t.key('CENTER_STAFF'));
    enterpriseId = await registerEnterprise(staff, { uscc: '914403001922038216', name: '比亚迪股份有限公司', regionCode: '440300', industry: '汽车制造业' });
    const made = await createKey(t.hub.keys, { role: 'ENTERPRISE', enterpriseId });
    keyId = made.id;
    own = t.client(made.key);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a retried deposit with the first one, recorded once; the same key with other input is refused', async () => {
    const digest = sha256('合同扫描件');
    const input = { contentDigest: digest, title: '合同', category: 'CONTRACT', idempotencyKey: 'b6c7e1f2-0001' };
    const first = await own.request<Deposit>(DEPOSIT, { input });
    const again = await own.request<Deposit>(DEPOSIT, { input });
    expect(again).toStrictEqual(first);
    expect(await count(digest)).toBe(1);
    // Sent at once, the two wait for each other: still one.
    const both = await Promise.all([1, 2].map(() => own.request<Deposit>(DEPOSIT, { input: { ...input, idempotencyKey: 'b6c7e1f2-0002' } })));
    expect(both[0]).toStrictEqual(both[1]);
    expect(await count(digest)).toBe(2);

    expect(await errorExtensions(own.request(DEPOSIT, { input: { ...input, title: '另一份合同' } }))).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
      differs: ['title'],
    });
    expect(await count(digest)).toBe(2);
    // Without a key, every call deposits.
    await own.request(DEPOSIT, { input: { ...input, idempotencyKey: undefined } });
    expect(await count(digest)).toBe(3);
  });

  it("keeps a key to its caller: another key's same key makes its own deposit", async () => {
    const digest = sha256('另一方的文件');
    const input = { contentDigest: digest, title: '样品', category: 'OTHER', idempotencyKey: 'shared-key' };
    const mine = await own.request<Deposit>(DEPOSIT, { input });
    const other = t.client((await createKey(t.hub.keys, { role: 'ENTERPRISE', enterpriseId })).key);
    const theirs = await other.request<Deposit>(DEPOSIT, { input });
    expect(theirs.depositEvidence.id).not.toBe(mine.depositEvidence.id);
    expect(await count(digest)).toBe(2);
  });

  it('completes a first attempt that died after its ledger entry, from the entry, without another', async () => {
    const digest = sha256('超时的存证');
    const key = 'timed-out-0001';
    const metadata = { title: '超时', category: 'OTHER' };
    // The first attempt appended, then died before storing the deposit (a crash, or a commit not confirmed in time).
    const receipt = await t.hub.ledger.append({
      kind: 'EVIDENCE_DEPOSIT',
      subject: `evidence:${idempotentId(keyId, 'depositEvidence', key)}`,
      contentDigest: digest,
      depositor: enterpriseId,
      metadata,
    });
    const retried = await own.request<Deposit>(DEPOSIT, { input: { contentDigest: digest, ...metadata, idempotencyKey: key } });
    expect(retried.depositEvidence.receipt).toMatchObject({ seq: receipt.seq, entryHash: receipt.entryHash });
    expect(await count(digest)).toBe(1);
    // Its retry with other input is refused on what the entry holds.
    const otherKey = 'timed-out-0002';
    await t.hub.ledger.append({
      kind: 'EVIDENCE_DEPOSIT',
      subject: `evidence:${idempotentId(keyId, 'depositEvidence', otherKey)}`,
      contentDigest: digest,
      depositor: enterpriseId,
      metadata,
    });
    expect(
      await errorExtensions(own.request(DEPOSIT, { input: { contentDigest: digest, title: '改过的', category: 'OTHER', idempotencyKey: otherKey } })),
    ).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', differs: ['title'] });
  });

  it('answers a retried data asset registration with the first, and refuses a bad key', async () => {
    const REGISTER = gql`
      mutation ($input: RegisterDataAssetInput!) {
        registerDataAsset(input: $input) {
          id
          receipt {
            seq
          }
        }
      }
    `;
    const input = { name: '交易数据集', description: '', fingerprint: sha256('交易数据集'), idempotencyKey: 'asset-0001' };
    const first = await own.request(REGISTER, { input });
    expect(await own.request(REGISTER, { input })).toStrictEqual(first);
    expect(await errorExtensions(own.request(REGISTER, { input: { ...input, idempotencyKey: '' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'idempotencyKey',
    });
    expect(await errorExtensions(own.request(REGISTER, { input: { ...input, idempotencyKey: 'x'.repeat(201) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'idempotencyKey',
    });
  });
});
