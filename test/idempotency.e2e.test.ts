// Creating mutations a partner can retry after a timeout: with an idempotency key, the retry is
// answered with the first attempt's result and records nothing more; the same key with other input
// is IDEMPOTENCY_KEY_REUSED; a key is its caller's alone; and a first attempt that died between the
// ledger and the store (LEDGER_UNAVAILABLE, outcome UNKNOWN) is completed by the retry from its
// ledger entry, never recorded twice.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createKey } from '../gateway/keys/keys.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { idempotentId } from '../platform/idempotency.js';
import { addYears } from '../standards/calendar-date.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { PLEDGE_CONTRACT, pledgeJointly } from './support/pledges.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

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

const today = hubToday();

describe('idempotency keys', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let enterpriseId: string;
  let keyId: string;
  let own: GraphQLClient;
  const count = async (digest: string): Promise<number> =>
    (await t.anonymous.request<{ verifyEvidence: { depositCount: number } }>(COUNT, { d: digest })).verifyEvidence.depositCount;

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
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

  describe('on the other creating mutations: a retry answers with the first, and a check its success would now fail is not made again', () => {
    let serial = 10;
    /** A granted patent of the enterprise, its fees paid. */
    const granted = async (): Promise<string> => {
      const filingDate = addYears(today, -4);
      return registerPatent(staff, {
        enterpriseId,
        applicationNumber: applicationNumber(filingDate, '1', ++serial),
        title: `专利 ${serial}`,
        filingDate,
        status: 'GRANTED',
        grantDate: addYears(filingDate, 2),
        feesPaidThrough: addYears(today, 1),
      });
    };
    const twice = async <T>(send: (key: string) => Promise<T>, key: string): Promise<[T, T]> => [await send(key), await send(key)];

    it('files a pre-examination case once', async () => {
      const FILE = gql`
        mutation ($input: FilePreExaminationInput!) {
          filePreExamination(input: $input) {
            id
            state
          }
        }
      `;
      const input = { enterpriseId, applicationNumber: applicationNumber(today, '1', 99), title: '一种电池', industry: '汽车制造业' };
      const [a, b] = await twice((k) => own.request<{ filePreExamination: { id: string } }>(FILE, { input: { ...input, idempotencyKey: k } }), 'pre-0001');
      expect(b).toStrictEqual(a);
      expect(await errorExtensions(own.request(FILE, { input: { ...input, title: '另一种', idempotencyKey: 'pre-0001' } }))).toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        differs: ['title'],
      });
    });

    it('registers a pledge once: the retry is not refused as pledged already by its own first success', async () => {
      // A paper application both parties signed, as centre staff record it.
      const REGISTER = gql`
        mutation ($input: RegisterPledgeInput!) {
          registerPledge(input: $input) {
            id
            registrationNumber
            registrationReceipt {
              seq
            }
          }
        }
      `;
      const input = {
        pledgorId: enterpriseId,
        pledgee: '招商银行深圳分行',
        contract: PLEDGE_CONTRACT,
        collateral: [{ kind: 'PATENT', id: await granted() }],
        securedAmount: '5000000',
        term: { startDate: today, endDate: addYears(today, 1) },
      };
      const [a, b] = await twice((k) => staff.request(REGISTER, { input: { ...input, idempotencyKey: k } }), 'pledge-0001');
      expect(b).toStrictEqual(a);
      // Without the key, the same request is a second pledge of the same patent: refused.
      expect(await errorCode(staff.request(REGISTER, { input }))).toBe('ASSET_ALREADY_PLEDGED');
    });

    it('proposes a pledge once: the retry answers the first proposal, before and after the pledgor confirms it', async () => {
      const bank = t.client(await t.key('BANK', { organization: '招商银行深圳分行' }));
      const PROPOSE = gql`
        mutation ($input: ProposePledgeInput!) {
          proposePledge(input: $input) {
            id
            registrationNumber
          }
        }
      `;
      const number = await granted();
      const input = {
        pledgorId: enterpriseId,
        contract: PLEDGE_CONTRACT,
        collateral: [{ kind: 'PATENT', id: number }],
        securedAmount: '5000000',
        term: { startDate: today, endDate: addYears(today, 1) },
      };
      const PLEDGES_ON = gql`
        query ($n: String!) {
          patent(applicationNumber: $n) {
            pledges {
              id
              state
            }
          }
        }
      `;
      const pledgesOn = async () => (await staff.request<{ patent: { pledges: { id: string; state: string }[] } }>(PLEDGES_ON, { n: number })).patent.pledges;
      const send = (k: string) =>
        bank.request<{ proposePledge: { id: string; registrationNumber: string } }>(PROPOSE, { input: { ...input, idempotencyKey: k } });
      const [a, b] = await twice(send, 'proposal-0001');
      expect(b).toStrictEqual(a);
      expect(await pledgesOn()).toEqual([{ id: a.proposePledge.id, state: 'PROPOSED' }]);
      const longer = { ...input, term: { ...input.term, endDate: addYears(today, 2) }, idempotencyKey: 'proposal-0001' };
      expect(await errorExtensions(bank.request(PROPOSE, { input: longer }))).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', differs: ['term'] });
      // Confirmed by the pledgor: a late retry still answers the proposal, now the pledge, and proposes nothing more.
      const CONFIRM = gql`
        mutation ($input: ConfirmPledgeInput!) {
          confirmPledge(input: $input) {
            state
          }
        }
      `;
      expect(await own.request(CONFIRM, { input: { pledgeId: a.proposePledge.id } })).toEqual({ confirmPledge: { state: 'REGISTERED' } });
      expect(await send('proposal-0001')).toStrictEqual(a);
      expect(await pledgesOn()).toEqual([{ id: a.proposePledge.id, state: 'REGISTERED' }]);
    });

    it('issues a policy and files a claim once', async () => {
      const insurer = t.client(await t.key('INSURER', { organization: '人保财险' }));
      const ISSUE = gql`
        mutation ($input: IssueInsurancePolicyInput!) {
          issueInsurancePolicy(input: $input) {
            id
          }
        }
      `;
      const policyInput = {
        product: 'PLEDGE_FINANCING_GUARANTEE',
        insuredId: enterpriseId,
        coveredAssets: [{ kind: 'PATENT', id: await granted() }],
        premium: '120000',
        sumInsured: '1000000',
        period: { startDate: today, endDate: addYears(today, 1) },
      };
      const [p1, p2] = await twice(
        (k) => insurer.request<{ issueInsurancePolicy: { id: string } }>(ISSUE, { input: { ...policyInput, idempotencyKey: k } }),
        'policy-0001',
      );
      expect(p2).toStrictEqual(p1);
      const FILE = gql`
        mutation ($input: FileInsuranceClaimInput!) {
          fileInsuranceClaim(input: $input) {
            id
            amount
          }
        }
      `;
      const claim = { policyId: p1.issueInsurancePolicy.id, amount: '600000' };
      const [c1, c2] = await twice((k) => own.request(FILE, { input: { ...claim, idempotencyKey: k } }), 'claim-0001');
      expect(c2).toStrictEqual(c1);
      // Filed once.
      const { insurancePolicy } = await own.request<{ insurancePolicy: { claims: { id: string }[] } }>(
        gql`
          query ($id: ID!) {
            insurancePolicy(id: $id) {
              claims {
                id
              }
            }
          }
        `,
        { id: p1.issueInsurancePolicy.id },
      );
      expect(insurancePolicy.claims).toHaveLength(1);
    });

    it('registers an ordinary licence and a transfer once', async () => {
      const licensee = await registerEnterprise(staff, {
        uscc: '9144030071526726XG',
        name: '宁德时代新能源科技股份有限公司',
        regionCode: '350900',
        industry: '电气机械和器材制造业',
      });
      const number = await granted();
      const LICENCE = gql`
        mutation ($input: RegisterLicenceInput!) {
          registerLicence(input: $input) {
            id
            receipt {
              seq
            }
          }
        }
      `;
      const licence = {
        right: { kind: 'PATENT', number },
        licenseeId: licensee,
        kind: 'ORDINARY',
        territory: ['CN'],
        term: { startDate: today, endDate: addYears(today, 1) },
        contractDate: today,
        contractDigest: sha256(`licence ${number}`),
      };
      const [l1, l2] = await twice((k) => staff.request(LICENCE, { input: { ...licence, idempotencyKey: k } }), 'licence-0001');
      expect(l2).toStrictEqual(l1);
      const LICENCES = gql`
        query ($n: String!) {
          patent(applicationNumber: $n) {
            licences(first: 10) {
              edges {
                node {
                  id
                }
              }
            }
          }
        }
      `;
      expect((await staff.request<{ patent: { licences: { edges: unknown[] } } }>(LICENCES, { n: number })).patent.licences.edges).toHaveLength(1);

      const TRANSFER = gql`
        mutation ($input: RegisterTransferInput!) {
          registerTransfer(input: $input) {
            id
            receipt {
              seq
            }
          }
        }
      `;
      const transfer = { right: { kind: 'PATENT', number }, toEnterpriseId: licensee, contractDate: today, contractDigest: sha256(`transfer ${number}`) };
      const [t1, t2] = await twice((k) => staff.request(TRANSFER, { input: { ...transfer, idempotencyKey: k } }), 'transfer-0001');
      expect(t2).toStrictEqual(t1);
    });

    it("records a pledgee's consent once", async () => {
      const bank = t.client(await t.key('BANK', { organization: '中信银行深圳分行' }));
      const patent = await granted();
      // Proposed by the bank, confirmed by the pledgor (own: the enterprise's key).
      const pledge = await pledgeJointly(bank, own, {
        pledgorId: enterpriseId,
        collateral: [{ kind: 'PATENT', id: patent }],
        securedAmount: '5000000',
        term: { startDate: today, endDate: addYears(today, 1) },
      });
      const other = await registerEnterprise(staff, { uscc: '91440300708461136T', name: '华为技术有限公司', regionCode: '440300', industry: '通信设备制造业' });
      const CONSENT = gql`
        mutation ($input: ConsentToDisposalInput!) {
          pledgeConsentRecord(input: $input) {
            pledge {
              consents {
                id
              }
            }
            userErrors {
              code
              field
            }
          }
        }
      `;
      const input = { pledgeId: pledge.id, asset: { kind: 'PATENT', id: patent }, disposal: 'LICENCE', counterpartyId: other };
      const [a, b] = await twice((k) => bank.request(CONSENT, { input: { ...input, idempotencyKey: k } }), 'consent-0001');
      expect(b).toStrictEqual(a);
      expect(a).toMatchObject({ pledgeConsentRecord: { pledge: { consents: [{ id: expect.any(String) }] }, userErrors: [] } });
      expect(await bank.request(CONSENT, { input: { ...input, disposal: 'TRANSFER', idempotencyKey: 'consent-0001' } })).toMatchObject({
        pledgeConsentRecord: { pledge: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }] },
      });
    });

    it('registers a trademark by its number once: the same input again answers with it, other input is CONFLICT', async () => {
      const REGISTER = gql`
        mutation ($input: RegisterTrademarkInput!) {
          trademarkRegister(input: $input) {
            trademark {
              registrationNumber
              expiryDate
              updatedAt
            }
            userErrors {
              code
              message
            }
          }
        }
      `;
      const input = { enterpriseId, registrationNumber: '31415926', mark: '比亚迪', niceClass: 12, goods: ['汽车'], registrationDate: addYears(today, -1) };
      const first = await staff.request(REGISTER, { input });
      expect(first).toMatchObject({ trademarkRegister: { trademark: { registrationNumber: '31415926' }, userErrors: [] } });
      expect(await staff.request(REGISTER, { input })).toStrictEqual(first);
      expect(await staff.request(REGISTER, { input: { ...input, mark: 'BYD' } })).toMatchObject({
        trademarkRegister: { trademark: null, userErrors: [{ code: 'CONFLICT', message: expect.stringContaining('mark') }] },
      });
    });

    it('creates a webhook subscription once, its secret with it', async () => {
      const partner = t.client(await t.key('BANK', { organization: '平安银行' }));
      const CREATE = gql`
        mutation ($input: CreateWebhookSubscriptionInput!) {
          webhookSubscriptionCreate(input: $input) {
            created {
              subscription {
                id
              }
              secret
            }
            userErrors {
              code
            }
          }
        }
      `;
      const input = { url: 'https://8.8.8.8/hooks/iphub', eventTypes: ['pledge.*'] };
      const [a, b] = await twice((k) => partner.request(CREATE, { input: { ...input, idempotencyKey: k } }), 'hook-0001');
      expect(b).toStrictEqual(a);
      const { webhookSubscriptions } = await partner.request<{ webhookSubscriptions: { totalCount: number } }>(gql`
        query {
          webhookSubscriptions {
            totalCount
          }
        }
      `);
      expect(webhookSubscriptions.totalCount).toBe(1);
    });
  });
});
