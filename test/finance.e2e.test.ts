// Pledges and insurance through the gateway: a pledge applied for jointly (专利权质押登记办法
// art. 7(1): the bank proposes, the pledgor confirms; or centre staff record a paper application
// both signed), its registration and release on the ledger (verified offline), enforcement with its
// risk split, every refusal, the double-pledge race, queries across subgraphs, and who may see and
// do what.
import { createHash } from 'node:crypto';

import { ClientError, gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canonicalMetadata, type Metadata } from '../ledger/index.js';
import { type Ledger, LedgerUnavailableError } from '../ledger/index.js';
import { verifyCertificate } from '../ledger/verify/index.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { addMonths, addYears } from '../standards/calendar-date.js';
import { patentCheckDigit } from '../standards/patent-number.js';
import { openFinanceSubgraph } from '../subgraphs/finance/index.js';
import type { FinanceStore } from '../subgraphs/finance/store/port.js';
import { answersNull, errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { PLEDGE_CONTRACT, pledgeJointly } from './support/pledges.js';
import { registerTrademark } from './support/registry.js';

const HUAWEI = '914403001922038216';
const TENCENT = '9144030071526726XG';
const BANK = '中国工商银行福州分行';
const OTHER_BANK = '兴业银行福州分行';
const INSURER = '中国人民财产保险福建分公司';
const OTHER_INSURER = '平安财产保险福建分公司';

const today = hubToday();
const term = (years: number) => ({ startDate: today, endDate: addYears(today, years) });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const patentAsset = (id: string) => ({ kind: 'PATENT', id });
/** The id of a key (iph_<id>.<secret>), as the ledger names who acted. */
const keyIdOf = (key: string): string => /^iph_([^.]+)\./.exec(key)![1]!;

interface Pledge {
  id: string;
  registrationNumber: string;
  state: string;
  nextStates: string[];
  pledgee: string;
  securedAmount: string;
  collateral: { kind: string; id: string }[];
  registrationReceipt: { seq: number; entryHash: string } | null;
  releaseReceipt: { seq: number; entryHash: string } | null;
  riskCompensation: { method: string | null; loss: string; shares: { party: string; percent: number; amount: string }[] } | null;
  events: { from: string | null; to: string; role: string; note: string | null }[];
}
interface Certificate {
  entry: { kind: string; subject: string; entryHash: string; metadata: Metadata };
}

const PLEDGE = `id registrationNumber state nextStates pledgee securedAmount collateral { kind id }
  registrationReceipt { seq entryHash } releaseReceipt { seq entryHash }
  riskCompensation { method loss shares { party percent amount } } events { from to role note }`;
const REGISTER = gql`mutation ($input: RegisterPledgeInput!) { registerPledge(input: $input) { ${PLEDGE} } }`;
const PROPOSE = gql`mutation ($input: ProposePledgeInput!) { proposePledge(input: $input) { ${PLEDGE} } }`;
const CONFIRM = gql`mutation ($input: ConfirmPledgeInput!) { confirmPledge(input: $input) { ${PLEDGE} } }`;
const DECLINE = gql`mutation ($input: AnswerPledgeInput!) { declinePledge(input: $input) { ${PLEDGE} } }`;
const WITHDRAW = gql`mutation ($input: AnswerPledgeInput!) { withdrawPledge(input: $input) { ${PLEDGE} } }`;
const RELEASE = gql`mutation ($input: ReleasePledgeInput!) { releasePledge(input: $input) { ${PLEDGE} } }`;
const ENFORCE = gql`mutation ($input: EnforcePledgeInput!) { enforcePledge(input: $input) { ${PLEDGE} } }`;
const READ = gql`query ($id: ID!) { pledge(id: $id) { ${PLEDGE} } }`;
const CERTIFICATES = gql`
  query ($id: ID!) {
    pledge(id: $id) {
      registrationCertificate
      releaseCertificate
    }
  }
`;

/** Counts the calls to each repository method of the finance store. */
const calls = new Map<string, number>();
function counted(store: FinanceStore): FinanceStore {
  const repository = <R extends object>(name: string, repo: R): R =>
    new Proxy(repo, {
      get(target, method) {
        const fn = Reflect.get(target, method) as unknown;
        if (typeof fn !== 'function') return fn;
        return (...args: unknown[]) => {
          calls.set(`${name}.${String(method)}`, (calls.get(`${name}.${String(method)}`) ?? 0) + 1);
          return (fn as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return { pledges: repository('pledges', store.pledges), policies: repository('policies', store.policies), outbox: store.outbox, close: () => store.close() };
}

/** The ledger as the finance subgraph sees it: failing every append while `ledgerDown`. */
let ledgerDown = false;
const flaky = (ledger: Ledger): Ledger =>
  new Proxy(ledger, {
    get(target, key) {
      if (key === 'append' && ledgerDown) return () => Promise.reject(new LedgerUnavailableError('the ledger store is down'));
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

/** The extensions of the first GraphQL error a request failed with. */
async function refusal(request: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await request;
  } catch (err) {
    if (err instanceof ClientError) return err.response.errors?.[0]?.extensions ?? {};
    throw err;
  }
  throw new Error('the request succeeded');
}

describe('finance: pledges and insurance', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let bank: GraphQLClient;
  let bankKey: string;
  let huaweiKey: string;
  let otherBank: GraphQLClient;
  let huawei: string;
  let tencent: string;
  let huaweiClient: GraphQLClient;
  let tencentClient: GraphQLClient;
  let dataAssetId: string;
  let serial = 0;

  /** A patent of `enterpriseId`, granted with its fees paid unless told otherwise. */
  async function patent(
    enterpriseId: string,
    filingDate = '2016-03-01',
    extra: { type?: '1' | '2'; status?: string; feesPaidThrough?: string } = {},
  ): Promise<string> {
    const digits = `${filingDate.slice(0, 4)}${extra.type ?? '1'}${String(++serial).padStart(7, '0')}`;
    const applicationNumber = `${digits}.${patentCheckDigit(digits)}`;
    const status = extra.status ?? 'GRANTED';
    const granted = status === 'GRANTED' ? { grantDate: filingDate, feesPaidThrough: extra.feesPaidThrough ?? addYears(today, 1) } : {};
    await staff.request(
      gql`
        mutation ($input: RegisterPatentInput!) {
          registerPatent(input: $input) {
            applicationNumber
          }
        }
      `,
      {
        input: { enterpriseId, applicationNumber, title: `一种数据传输方法 ${serial}`, filingDate, status, ...granted },
      },
    );
    return applicationNumber;
  }
  const pledgeInput = (collateral: { kind: string; id: string }[], extra: Record<string, unknown>) => ({
    pledgorId: huawei,
    collateral,
    securedAmount: '150000000000',
    term: term(3),
    ...extra,
  });
  /** A pledge to `pledgee` (a bank's client) of huawei's collateral, proposed by the bank and confirmed by huawei. */
  const register = (pledgee: GraphQLClient, collateral: { kind: string; id: string }[], extra: Record<string, unknown> = {}) =>
    pledgeJointly<Pledge>(pledgee, huaweiClient, pledgeInput(collateral, extra), PLEDGE);
  /** The bank's proposal alone, on the contract: PROPOSED. */
  const propose = async (client: GraphQLClient, collateral: { kind: string; id: string }[], extra: Record<string, unknown> = {}) =>
    (await client.request<{ proposePledge: Pledge }>(PROPOSE, { input: { contract: PLEDGE_CONTRACT, ...pledgeInput(collateral, extra) } })).proposePledge;
  const confirm = async (client: GraphQLClient, pledgeId: string, extra: Record<string, unknown> = {}) =>
    (await client.request<{ confirmPledge: Pledge }>(CONFIRM, { input: { pledgeId, ...extra } })).confirmPledge;
  /** A paper application both parties signed, as `client` (centre staff) records it at the counter. */
  const registerPaper = async (client: GraphQLClient, collateral: { kind: string; id: string }[], extra: Record<string, unknown> = {}) =>
    (await client.request<{ registerPledge: Pledge }>(REGISTER, { input: { pledgee: BANK, contract: PLEDGE_CONTRACT, ...pledgeInput(collateral, extra) } }))
      .registerPledge;
  const ledgerSize = async () => (await t.hub.ledger.audit()).size;

  beforeAll(async () => {
    t = await startTestHub({ open: { finance: (storage, ledger, hub) => openFinanceSubgraph(storage, flaky(ledger), hub, counted) } });
    staff = t.client(await t.key('CENTER_STAFF'));
    bankKey = await t.key('BANK', { organization: BANK });
    bank = t.client(bankKey);
    otherBank = t.client(await t.key('BANK', { organization: OTHER_BANK }));
    const enterprise = async (uscc: string, name: string) =>
      (
        await staff.request<{ registerEnterprise: { id: string } }>(
          gql`
            mutation ($input: RegisterEnterpriseInput!) {
              registerEnterprise(input: $input) {
                id
              }
            }
          `,
          {
            input: { uscc, name, regionCode: '440300', industry: '计算机、通信和其他电子设备制造业' },
          },
        )
      ).registerEnterprise.id;
    huawei = await enterprise(HUAWEI, '华为技术有限公司');
    tencent = await enterprise(TENCENT, '深圳市腾讯计算机系统有限公司');
    await registerTrademark(staff, { enterpriseId: huawei, registrationNumber: '12345678', mark: '华为', niceClass: 9 });
    huaweiKey = await t.key('ENTERPRISE', { enterpriseId: huawei });
    huaweiClient = t.client(huaweiKey);
    tencentClient = t.client(await t.key('ENTERPRISE', { enterpriseId: tencent }));
    dataAssetId = (
      await huaweiClient.request<{ registerDataAsset: { id: string } }>(
        gql`
          mutation ($input: RegisterDataAssetInput!) {
            registerDataAsset(input: $input) {
              id
            }
          }
        `,
        {
          input: { name: '基站运行数据集', description: '2025 年全网基站运行数据', fingerprint: sha256('base station data') },
        },
      )
    ).registerDataAsset.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers a pledge the bank proposed and the pledgor confirmed on the ledger, and its certificate verifies offline against the pledge document', async () => {
    const number = await patent(huawei);
    const collateral = [patentAsset(number), { kind: 'DATA_ASSET', id: dataAssetId }, { kind: 'TRADEMARK', id: '12345678' }];
    const size = await ledgerSize();
    const proposed = await propose(bank, [patentAsset(`CN ${number}`), collateral[1]!, collateral[2]!], { note: '流动资金贷款' });
    // Proposed: nothing pledged yet, nothing on the ledger.
    expect(proposed).toMatchObject({
      state: 'PROPOSED',
      nextStates: ['REGISTERED', 'DECLINED', 'WITHDRAWN'],
      pledgee: BANK,
      collateral,
      registrationReceipt: null,
      events: [{ from: null, to: 'PROPOSED', role: 'BANK', note: '流动资金贷款' }],
    });
    expect(await ledgerSize()).toBe(size);
    const { pledge: unconfirmed } = await bank.request<{ pledge: { registrationCertificate: unknown } }>(CERTIFICATES, { id: proposed.id });
    expect(unconfirmed.registrationCertificate).toBeNull();

    const pledge = await confirm(huaweiClient, proposed.id, { note: '同意出质' });
    expect(pledge).toMatchObject({
      id: proposed.id,
      registrationNumber: proposed.registrationNumber,
      state: 'REGISTERED',
      nextStates: ['RELEASED', 'ENFORCED'],
      pledgee: BANK,
      securedAmount: '150000000000',
      collateral,
      releaseReceipt: null,
      events: [
        { from: null, to: 'PROPOSED', role: 'BANK', note: '流动资金贷款' },
        { from: 'PROPOSED', to: 'REGISTERED', role: 'ENTERPRISE', note: '同意出质' },
      ],
    });
    expect(pledge.registrationNumber).toMatch(/^ZX-\d{4}-\d{6}$/);
    expect(pledge.registrationReceipt).not.toBeNull();
    expect(await ledgerSize()).toBe(size + 1);

    const { pledge: read } = await bank.request<{ pledge: { registrationCertificate: Certificate; releaseCertificate: null } }>(CERTIFICATES, {
      id: pledge.id,
    });
    expect(read.releaseCertificate).toBeNull();
    // A court holds the certificate, and the pledge document as the registry printed it.
    const certificate = JSON.parse(JSON.stringify(read.registrationCertificate)) as Certificate;
    // Both acts that made it: the bank's proposal on the contract, the pledgor's confirmation, each by its own key.
    const { proposed: proposal, confirmed: confirmation } = certificate.entry.metadata as { proposed: { at: string }; confirmed: { at: string } };
    expect(proposal.at <= confirmation.at).toBe(true);
    const document = {
      pledge: pledge.id,
      registrationNumber: pledge.registrationNumber,
      pledgor: huawei,
      pledgee: BANK,
      contract: PLEDGE_CONTRACT,
      proposed: { by: keyIdOf(bankKey), at: proposal.at },
      confirmed: { by: keyIdOf(huaweiKey), at: confirmation.at },
      collateral: pledge.collateral,
      securedAmountFen: '150000000000',
      term: term(3),
      registeredAt: certificate.entry.metadata.registeredAt!,
    };
    expect(certificate.entry).toMatchObject({
      kind: 'PLEDGE_REGISTRATION',
      subject: `pledge:${pledge.id}`,
      entryHash: pledge.registrationReceipt!.entryHash,
      metadata: document,
    });
    const trustedKeys = [t.hub.ledger.verifierKey];
    // Exactly that document: no pledgeeKind for a bank's pledge.
    expect(certificate.entry.metadata).toEqual(document);
    expect(verifyCertificate(certificate, { contentDigest: sha256(canonicalMetadata(document)), trustedKeys }).ok).toBe(true);
    // A document with another amount is not the one recorded.
    expect(verifyCertificate(certificate, { contentDigest: sha256(canonicalMetadata({ ...document, securedAmountFen: '15000000000' })), trustedKeys }).ok).toBe(
      false,
    );
  });

  it('releases a pledge on the ledger, freeing its collateral; a closed pledge moves no more', async () => {
    const number = await patent(huawei);
    const pledge = await register(bank, [patentAsset(number)]);
    const released = (await bank.request<{ releasePledge: Pledge }>(RELEASE, { input: { pledgeId: pledge.id, note: '贷款已结清' } })).releasePledge;
    expect(released).toMatchObject({ state: 'RELEASED', nextStates: [], registrationReceipt: pledge.registrationReceipt });
    expect(released.releaseReceipt).not.toBeNull();

    const { pledge: read } = await bank.request<{ pledge: { releaseCertificate: Certificate } }>(CERTIFICATES, { id: pledge.id });
    const certificate = JSON.parse(JSON.stringify(read.releaseCertificate)) as Certificate;
    expect(certificate.entry).toMatchObject({
      kind: 'PLEDGE_RELEASE',
      entryHash: released.releaseReceipt!.entryHash,
      metadata: { registrationNumber: pledge.registrationNumber, state: 'RELEASED', registrationEntryHash: pledge.registrationReceipt!.entryHash },
    });
    expect(
      verifyCertificate(certificate, { contentDigest: sha256(canonicalMetadata(certificate.entry.metadata)), trustedKeys: [t.hub.ledger.verifierKey] }).ok,
    ).toBe(true);

    const size = await ledgerSize();
    expect(await refusal(bank.request(RELEASE, { input: { pledgeId: pledge.id } }))).toMatchObject({
      code: 'INVALID_TRANSITION',
      from: 'RELEASED',
      to: 'RELEASED',
    });
    expect(await errorCode(bank.request(ENFORCE, { input: { pledgeId: pledge.id, loss: '1' } }))).toBe('INVALID_TRANSITION');
    expect(await ledgerSize()).toBe(size);
    const history = (await bank.request<{ pledge: Pledge }>(READ, { id: pledge.id })).pledge;
    expect(history.events.map((e) => `${e.from}->${e.to}`)).toEqual(['null->PROPOSED', 'PROPOSED->REGISTERED', 'REGISTERED->RELEASED']);
    // The patent may be pledged again.
    expect((await register(otherBank, [patentAsset(number)])).state).toBe('REGISTERED');
  });

  it('enforces a defaulted pledge, recording how the collateral was realised (Civil Code art. 436), and splits the loss to the fen', async () => {
    const pledge = await register(bank, [patentAsset(await patent(huawei))], { securedAmount: '1000000000' });
    expect(await errorCode(bank.request(ENFORCE, { input: { pledgeId: pledge.id, loss: '1000000001' } }))).toBe('BAD_USER_INPUT');
    const bad = { guarantor: 40, reGuarantor: 20, nationalFund: 20, bank: 10 };
    expect(await refusal(bank.request(ENFORCE, { input: { pledgeId: pledge.id, loss: '1', shares: bad } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'shares',
    });
    const enforced = (
      await bank.request<{ enforcePledge: Pledge }>(ENFORCE, { input: { pledgeId: pledge.id, loss: '999999999', method: 'AUCTION', note: '处置后仍有损失' } })
    ).enforcePledge;
    expect(enforced.state).toBe('ENFORCED');
    expect(enforced.riskCompensation).toEqual({
      method: 'AUCTION',
      loss: '999999999',
      shares: [
        { party: 'GUARANTOR', percent: 40, amount: '399999999' },
        { party: 'RE_GUARANTOR', percent: 20, amount: '200000000' },
        { party: 'NATIONAL_FUND', percent: 20, amount: '200000000' },
        { party: 'BANK', percent: 20, amount: '200000000' },
      ],
    });
    expect(enforced.riskCompensation!.shares.reduce((n, s) => n + BigInt(s.amount), 0n)).toBe(999_999_999n);
    expect(enforced.events.at(-1)).toMatchObject({ from: 'REGISTERED', to: 'ENFORCED', note: '处置后仍有损失' });
    expect(await errorCode(bank.request(RELEASE, { input: { pledgeId: pledge.id } }))).toBe('INVALID_TRANSITION');

    const custom = await register(bank, [patentAsset(await patent(huawei))]);
    const shares = { guarantor: 50, reGuarantor: 30, nationalFund: 20, bank: 0 };
    const split = (await staff.request<{ enforcePledge: Pledge }>(ENFORCE, { input: { pledgeId: custom.id, loss: '3', shares } })).enforcePledge
      .riskCompensation!;
    expect(split.shares.map((s) => s.amount)).toEqual(['1', '1', '1', '0']);
    // Not said: not recorded, not guessed.
    expect(split.method).toBeNull();
  });

  it('refuses with stable codes and writes nothing', async () => {
    const pledged = await patent(huawei);
    await register(bank, [patentAsset(pledged)]);
    const free = await patent(huawei);
    const size = await ledgerSize();
    const pledgesBefore = (
      await staff.request<{ pledges: { edges: unknown[] } }>(gql`
        {
          pledges(first: 100) {
            edges {
              cursor
            }
          }
        }
      `)
    ).pledges.edges.length;

    // A proposal of a pledged patent: below, on its own. A paper application of one:
    expect(await refusal(registerPaper(staff, [patentAsset(free), patentAsset(pledged)]))).toMatchObject({
      code: 'ASSET_ALREADY_PLEDGED',
      assets: [`PATENT:${pledged}`],
    });
    const pending = await patent(huawei, '2024-05-01', { status: 'PENDING' });
    const lapsed = await patent(huawei, '2012-05-01', { status: 'LAPSED' });
    // An annual fee two months overdue: in its grace period.
    const graceDue = addMonths(today, -2);
    const overdue = await patent(huawei, addYears(graceDue, -3), { feesPaidThrough: addYears(graceDue, -1) });
    // A utility model filed in 2018 is protected until 2028.
    const shortLived = await patent(huawei, '2018-05-01', { type: '2' });
    for (const [number, reason] of [
      [pending, 'NOT_GRANTED'],
      [lapsed, 'NOT_GRANTED'],
      [overdue, 'ANNUAL_FEE_OVERDUE'],
      [shortLived, 'TERM_BEYOND_PROTECTION'],
    ] as const) {
      expect(await refusal(propose(bank, [patentAsset(free), patentAsset(number)])), reason).toMatchObject({
        code: 'PATENT_NOT_PLEDGEABLE',
        reason,
        applicationNumber: number,
      });
    }
    const unknown = `2016199${String(99999).padStart(5, '0')}`;
    expect(await errorCode(propose(bank, [patentAsset(`${unknown}.${patentCheckDigit(unknown)}`)]))).toBe('NOT_FOUND');
    expect(await errorCode(propose(bank, [{ kind: 'DATA_ASSET', id: 'no-such-data-asset' }]))).toBe('NOT_FOUND');
    expect(await errorCode(propose(bank, [patentAsset(free)], { pledgorId: 'no-such-enterprise' }))).toBe('NOT_FOUND');
    expect(await refusal(propose(bank, [patentAsset(await patent(tencent))]))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'collateral[0]' });
    expect(await errorCode(propose(bank, [patentAsset('201510958772.1')]))).toBe('INVALID_PATENT_NUMBER');
    expect(await errorCode(propose(bank, [patentAsset(free), patentAsset(`ZL${free}`)]))).toBe('BAD_USER_INPUT');
    expect(await errorCode(propose(bank, []))).toBe('BAD_USER_INPUT');
    expect(await errorCode(propose(bank, [patentAsset(free)], { securedAmount: '0' }))).toBe('BAD_USER_INPUT');
    expect(await errorCode(propose(bank, [patentAsset(free)], { securedAmount: '12.50' }))).toBe('BAD_USER_INPUT');
    expect(await errorCode(propose(bank, [patentAsset(free)], { term: { startDate: today, endDate: today } }))).toBe('BAD_USER_INPUT');
    expect(await errorCode(propose(bank, [patentAsset(free)], { term: { startDate: '2020-01-01', endDate: '2021-01-01' } }))).toBe('BAD_USER_INPUT');
    // The contract applied on: signed by today, its digest a SHA-256.
    expect(await refusal(propose(bank, [patentAsset(free)], { contract: { ...PLEDGE_CONTRACT, date: addYears(today, 1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'contract.date',
    });
    expect(await refusal(propose(bank, [patentAsset(free)], { contract: { ...PLEDGE_CONTRACT, digest: 'c0'.repeat(31) } }))).toMatchObject({
      code: 'INVALID_DIGEST',
      field: 'contract.digest',
    });
    // A paper application staff record is refused alike, and without its contract.
    expect(await refusal(registerPaper(staff, [patentAsset(free), patentAsset(overdue)]))).toMatchObject({
      code: 'PATENT_NOT_PLEDGEABLE',
      reason: 'ANNUAL_FEE_OVERDUE',
    });
    expect(await refusal(registerPaper(staff, [patentAsset(free)], { contract: null }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contract' });

    expect(await ledgerSize()).toBe(size);
    expect(
      (
        await staff.request<{ pledges: { edges: unknown[] } }>(gql`
          {
            pledges(first: 100) {
              edges {
                cursor
              }
            }
          }
        `)
      ).pledges.edges.length,
    ).toBe(pledgesBefore);
    // Nothing of the refused pledges was kept: the free patent is still free.
    expect((await register(bank, [patentAsset(free)])).state).toBe('REGISTERED');
  });

  it('refuses a proposal of a patent in an active pledge (ASSET_ALREADY_PLEDGED), writing nothing', async () => {
    const pledged = await patent(huawei);
    await register(bank, [patentAsset(pledged)]);
    const free = await patent(huawei);
    const count = async () =>
      (
        await staff.request<{ pledges: { totalCount: number } }>(gql`
          {
            pledges {
              totalCount
            }
          }
        `)
      ).pledges.totalCount;
    const before = await count();
    expect(await refusal(propose(otherBank, [patentAsset(free), patentAsset(pledged)]))).toMatchObject({
      code: 'ASSET_ALREADY_PLEDGED',
      assets: [`PATENT:${pledged}`],
    });
    expect(await count()).toBe(before);
  });

  it('checks the collateral again when the pledgor confirms, and takes nothing for a proposal declined or withdrawn', async () => {
    const number = await patent(huawei);
    const size = await ledgerSize();
    // A proposal claims nothing: two banks may propose on the same patent; the pledgor confirms one.
    const first = await propose(bank, [patentAsset(number)]);
    const second = await propose(otherBank, [patentAsset(number)]);
    expect(await ledgerSize()).toBe(size);
    const declined = await huaweiClient.request<{ declinePledge: Pledge }>(DECLINE, { input: { pledgeId: first.id, note: '利率过高' } });
    expect(declined.declinePledge).toMatchObject({ state: 'DECLINED', nextStates: [], registrationReceipt: null });
    expect(await refusal(confirm(huaweiClient, first.id))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'DECLINED', to: 'REGISTERED' });
    expect((await confirm(huaweiClient, second.id)).state).toBe('REGISTERED');
    expect(await ledgerSize()).toBe(size + 1);

    // Confirmed after another pledge took the patent: refused at the confirmation, nothing written.
    const later = await patent(huawei);
    const pending = await propose(bank, [patentAsset(later)]);
    await register(otherBank, [patentAsset(later)]);
    const refusedSize = await ledgerSize();
    expect(await refusal(confirm(huaweiClient, pending.id))).toMatchObject({ code: 'ASSET_ALREADY_PLEDGED', assets: [`PATENT:${later}`] });
    expect(await ledgerSize()).toBe(refusedSize);
    expect((await bank.request<{ pledge: Pledge }>(READ, { id: pending.id })).pledge).toMatchObject({ state: 'PROPOSED', registrationReceipt: null });
    const withdrawn = await bank.request<{ withdrawPledge: Pledge }>(WITHDRAW, { input: { pledgeId: pending.id } });
    expect(withdrawn.withdrawPledge).toMatchObject({ state: 'WITHDRAWN', nextStates: [] });
    expect(withdrawn.withdrawPledge.events.map((e) => `${e.from}->${e.to}:${e.role}`)).toEqual(['null->PROPOSED:BANK', 'PROPOSED->WITHDRAWN:BANK']);
    expect(await errorCode(confirm(huaweiClient, pending.id))).toBe('INVALID_TRANSITION');
  });

  it('keeps nothing of a registration or release the ledger could not record', async () => {
    const number = await patent(huawei);
    const paper = await patent(huawei);
    const pledge = await register(bank, [patentAsset(await patent(huawei))]);
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
    const pledgesOn = async (n: string) => (await staff.request<{ patent: { pledges: { id: string; state: string }[] } }>(PLEDGES_ON, { n })).patent.pledges;
    // A proposal asks nothing of the ledger; its confirmation does.
    const proposed = await propose(bank, [patentAsset(number)]);
    ledgerDown = true;
    try {
      expect(await errorExtensions(confirm(huaweiClient, proposed.id))).toMatchObject({ code: 'LEDGER_UNAVAILABLE', outcome: 'NOT_RECORDED' });
      expect(await errorExtensions(registerPaper(staff, [patentAsset(paper)]))).toMatchObject({ code: 'LEDGER_UNAVAILABLE', outcome: 'NOT_RECORDED' });
      expect(await errorCode(bank.request(RELEASE, { input: { pledgeId: pledge.id } }))).toBe('LEDGER_UNAVAILABLE');
    } finally {
      ledgerDown = false;
    }
    expect((await bank.request<{ pledge: Pledge }>(READ, { id: pledge.id })).pledge).toMatchObject({ state: 'REGISTERED', releaseReceipt: null });
    // The confirmation undone: the proposal stands as it was, its collateral free; the paper application left nothing.
    expect((await bank.request<{ pledge: Pledge }>(READ, { id: proposed.id })).pledge).toMatchObject({
      state: 'PROPOSED',
      registrationReceipt: null,
      events: [{ from: null, to: 'PROPOSED' }],
    });
    expect(await pledgesOn(number)).toEqual([{ id: proposed.id, state: 'PROPOSED' }]);
    expect(await pledgesOn(paper)).toEqual([]);
    expect((await registerPaper(staff, [patentAsset(paper)])).state).toBe('REGISTERED');
    expect((await confirm(huaweiClient, proposed.id)).state).toBe('REGISTERED');
  });

  it('lets exactly one of many concurrent pledges of one patent through', async () => {
    const number = await patent(huawei);
    // Proposals claim nothing: each bank's stands until the pledgor confirms.
    const proposals = await Promise.all(Array.from({ length: 20 }, (_, i) => propose(i % 2 === 0 ? bank : otherBank, [patentAsset(number)])));
    expect(new Set(proposals.map((p) => p.state))).toEqual(new Set(['PROPOSED']));
    const size = await ledgerSize();
    // The pledgor confirming them all at once, and staff recording paper applications meanwhile.
    const attempts = await Promise.allSettled([
      ...proposals.map((p) => confirm(huaweiClient, p.id)),
      ...Array.from({ length: 4 }, () => registerPaper(staff, [patentAsset(number)])),
    ]);
    const won = attempts.filter((a): a is PromiseFulfilledResult<Pledge> => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const a of attempts) if (a.status === 'rejected') expect(await refusal(Promise.reject(a.reason))).toMatchObject({ code: 'ASSET_ALREADY_PLEDGED' });
    // One registration on the ledger: the losers never reached it.
    expect(await ledgerSize()).toBe(size + 1);
    const r = await staff.request<{ patent: { pledges: { id: string; state: string }[] } }>(
      gql`
        query ($n: String!) {
          patent(applicationNumber: $n) {
            pledges {
              id
              state
            }
          }
        }
      `,
      { n: number },
    );
    // The one registered; the proposals whose confirmation lost still proposed, nothing of them taken; no paper application kept.
    expect(r.patent.pledges.filter((p) => p.state !== 'PROPOSED')).toEqual([{ id: won[0]!.value.id, state: 'REGISTERED' }]);
    const lost = proposals.map((p) => p.id).filter((id) => id !== won[0]!.value.id);
    expect(
      r.patent.pledges
        .filter((p) => p.state === 'PROPOSED')
        .map((p) => p.id)
        .sort(),
    ).toEqual(lost.sort());
  });

  it('joins pledges to enterprises, patents and data assets across subgraphs', async () => {
    const number = await patent(huawei);
    const pledge = await register(bank, [patentAsset(number)]);
    const mine = await huaweiClient.request<{
      enterprise: {
        name: string;
        pledges: { id: string; pledgee: string; collateral: { patent: { title: string; status: string } | null; dataAsset: { name: string } | null }[] }[];
      };
    }>(
      gql`
        query ($id: ID!) {
          enterprise(id: $id) {
            name
            pledges {
              id
              pledgee
              collateral {
                patent {
                  title
                  status
                }
                dataAsset {
                  name
                }
              }
            }
          }
        }
      `,
      { id: huawei },
    );
    expect(mine.enterprise.name).toBe('华为技术有限公司');
    const found = mine.enterprise.pledges.find((p) => p.id === pledge.id)!;
    expect(found.collateral).toEqual([{ patent: { title: expect.stringMatching(/^一种数据传输方法/), status: 'GRANTED' }, dataAsset: null }]);
    expect(mine.enterprise.pledges.some((p) => p.collateral.some((c) => c.dataAsset?.name === '基站运行数据集'))).toBe(true);

    const byPatent = await bank.request<{ patent: { pledges: { registrationNumber: string; pledgor: { name: string } }[] } }>(
      gql`
        query ($n: String!) {
          patent(applicationNumber: $n) {
            pledges {
              registrationNumber
              pledgor {
                name
              }
            }
          }
        }
      `,
      { n: number },
    );
    expect(byPatent.patent.pledges).toEqual([{ registrationNumber: pledge.registrationNumber, pledgor: { name: '华为技术有限公司' } }]);
    const byDataAsset = await bank.request<{ dataAsset: { pledges: { state: string }[] } }>(
      gql`
        query ($id: ID!) {
          dataAsset(id: $id) {
            pledges {
              state
            }
          }
        }
      `,
      { id: dataAssetId },
    );
    expect(byDataAsset.dataAsset.pledges).toEqual([{ state: 'REGISTERED' }]);
  });

  it('shows a bank only the pledges it is pledgee of, an enterprise its own, and lets only the pledgee or staff act', async () => {
    const pledge = await register(bank, [patentAsset(await patent(huawei))]);
    expect(await answersNull(otherBank.request(READ, { id: pledge.id }))).toBe(true);
    expect(await answersNull(tencentClient.request(READ, { id: pledge.id }))).toBe(true);
    expect(await errorCode(t.client(await t.key('COURT')).request(READ, { id: pledge.id }))).toBe('FORBIDDEN');
    // Who may read is settled before the arguments: a court's key is told it reads no pledges or policies, whatever page it asks.
    const court = t.client(await t.key('COURT'));
    expect(
      await errorCode(
        court.request(gql`
          {
            pledges(first: 0) {
              totalCount: edges {
                cursor
              }
            }
          }
        `),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await errorCode(
        court.request(gql`
          {
            insurancePolicies(after: "%%") {
              edges {
                cursor
              }
            }
          }
        `),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await errorCode(
        t.client(await t.key('INSURER')).request(gql`
          {
            pledges {
              edges {
                cursor
              }
            }
          }
        `),
      ),
    ).toBe('FORBIDDEN');
    expect(await errorCode(t.anonymous.request(READ, { id: pledge.id }))).toBe('UNAUTHENTICATED');
    expect((await huaweiClient.request<{ pledge: Pledge }>(READ, { id: pledge.id })).pledge.id).toBe(pledge.id);

    const list = async (client: GraphQLClient) =>
      (
        await client.request<{ pledges: { edges: { node: { pledgee: string } }[] } }>(gql`
          {
            pledges(first: 100, state: REGISTERED) {
              edges {
                node {
                  pledgee
                }
              }
            }
          }
        `)
      ).pledges.edges;
    expect((await list(bank)).every((e) => e.node.pledgee === BANK)).toBe(true);
    expect((await list(otherBank)).every((e) => e.node.pledgee === OTHER_BANK)).toBe(true);
    expect(new Set((await list(staff)).map((e) => e.node.pledgee))).toEqual(new Set([BANK, OTHER_BANK]));
    expect(await list(tencentClient)).toEqual([]);
    const seen = await otherBank.request<{ enterprise: { pledges: { pledgee: string }[] } }>(
      gql`
        query ($id: ID!) {
          enterprise(id: $id) {
            pledges {
              pledgee
            }
          }
        }
      `,
      { id: huawei },
    );
    expect(seen.enterprise.pledges.every((p) => p.pledgee === OTHER_BANK)).toBe(true);

    const free = await patent(huawei);
    // The pledgor applies with its pledgee, never alone; a bank proposes for itself alone, and registers nothing without the pledgor.
    expect(await errorCode(propose(huaweiClient, [patentAsset(free)]))).toBe('FORBIDDEN');
    expect(await errorCode(registerPaper(huaweiClient, [patentAsset(free)]))).toBe('FORBIDDEN');
    expect(await errorCode(propose(otherBank, [patentAsset(free)], { pledgee: BANK }))).toBe('FORBIDDEN');
    expect(await errorCode(registerPaper(bank, [patentAsset(free)]))).toBe('FORBIDDEN');
    expect(await errorCode(propose(staff, [patentAsset(free)], { pledgee: BANK }))).toBe('FORBIDDEN');
    expect(await refusal(registerPaper(staff, [patentAsset(free)], { pledgee: ' ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pledgee' });
    // The pledgor alone confirms or declines, as itself; the pledgee or staff withdraw.
    const proposal = await propose(bank, [patentAsset(free)]);
    expect(await answersNull(otherBank.request(READ, { id: proposal.id }))).toBe(true);
    expect((await huaweiClient.request<{ pledge: Pledge }>(READ, { id: proposal.id })).pledge.state).toBe('PROPOSED');
    for (const client of [bank, otherBank, staff, tencentClient]) expect(await errorCode(confirm(client, proposal.id))).toBe('FORBIDDEN');
    for (const client of [bank, tencentClient]) expect(await errorCode(client.request(DECLINE, { input: { pledgeId: proposal.id } }))).toBe('FORBIDDEN');
    for (const client of [otherBank, huaweiClient]) expect(await errorCode(client.request(WITHDRAW, { input: { pledgeId: proposal.id } }))).toBe('FORBIDDEN');
    expect(await errorCode(confirm(huaweiClient, 'no-such-pledge'))).toBe('NOT_FOUND');
    // Nothing moves a proposal but its answer: it is neither released nor enforced.
    expect(await errorCode(bank.request(RELEASE, { input: { pledgeId: proposal.id } }))).toBe('INVALID_TRANSITION');
    expect((await staff.request<{ withdrawPledge: Pledge }>(WITHDRAW, { input: { pledgeId: proposal.id } })).withdrawPledge).toMatchObject({
      state: 'WITHDRAWN',
      events: [{ role: 'BANK' }, { role: 'CENTER_STAFF', to: 'WITHDRAWN' }],
    });
    expect(await errorCode(otherBank.request(RELEASE, { input: { pledgeId: pledge.id } }))).toBe('FORBIDDEN');
    expect(await errorCode(huaweiClient.request(ENFORCE, { input: { pledgeId: pledge.id, loss: '1' } }))).toBe('FORBIDDEN');
    expect(await errorCode(bank.request(RELEASE, { input: { pledgeId: 'no-such-pledge' } }))).toBe('NOT_FOUND');
    const byStaff = await registerPaper(staff, [patentAsset(free)], { pledgee: OTHER_BANK });
    expect(byStaff).toMatchObject({ state: 'REGISTERED', pledgee: OTHER_BANK, events: [{ from: null, to: 'REGISTERED', role: 'CENTER_STAFF' }] });
    expect((await staff.request<{ releasePledge: Pledge }>(RELEASE, { input: { pledgeId: byStaff.id } })).releasePledge.state).toBe('RELEASED');
  });

  describe('insurance', () => {
    const ISSUE = gql`
      mutation ($input: IssueInsurancePolicyInput!) {
        issueInsurancePolicy(input: $input) {
          id
          product
          insurer
          sumInsured
          paidOut
          period {
            startDate
            endDate
          }
          coveredAssets {
            kind
            id
          }
        }
      }
    `;
    const FILE = gql`
      mutation ($input: FileInsuranceClaimInput!) {
        fileInsuranceClaim(input: $input) {
          id
          status
          amount
          protectionCaseId
          policy {
            id
          }
        }
      }
    `;
    const SETTLE = gql`
      mutation ($input: SettleInsuranceClaimInput!) {
        settleInsuranceClaim(input: $input) {
          id
          status
          settledAt
        }
      }
    `;
    const POLICY = gql`
      query ($id: ID!) {
        insurancePolicy(id: $id) {
          id
          paidOut
          claims {
            status
            amount
          }
          insured {
            name
          }
        }
      }
    `;
    let insurer: GraphQLClient;
    let otherInsurer: GraphQLClient;
    /** A protection case the insured (Huawei) is claimant in: the loss a claim arises from. */
    let caseId: string;
    const applyForProtection = async (claimant: string) =>
      (
        await staff.request<{ applyForProtection: { id: string } }>(
          gql`
            mutation ($input: ApplyForProtectionInput!) {
              applyForProtection(input: $input) {
                id
              }
            }
          `,
          {
            input: {
              kind: 'INFRINGEMENT',
              route: 'MEDIATION',
              summary: '仿冒产品',
              claimant: { name: '申请人', enterpriseId: claimant },
              respondents: [{ name: '某店铺' }],
              ipRights: [{ kind: 'TRADEMARK', number: '12345678' }],
            },
          },
        )
      ).applyForProtection.id;
    /** Centre staff accept a case: a claim rests on a case the centre examined. */
    const accept = (id: string) =>
      staff.request(
        gql`
          mutation ($input: MoveProtectionCaseInput!) {
            moveProtectionCase(input: $input) {
              state
            }
          }
        `,
        { input: { caseId: id, to: 'ACCEPTED' } },
      );
    beforeAll(async () => {
      insurer = t.client(await t.key('INSURER', { organization: INSURER }));
      otherInsurer = t.client(await t.key('INSURER', { organization: OTHER_INSURER }));
      caseId = await applyForProtection(huawei);
      await accept(caseId);
    });
    const issue = async (client: GraphQLClient, extra: Record<string, unknown> = {}) =>
      (
        await client.request<{ issueInsurancePolicy: { id: string; insurer: string; paidOut: string } }>(ISSUE, {
          input: {
            product: 'INFRINGEMENT_LOSS',
            insuredId: huawei,
            coveredAssets: [patentAsset(await patent(huawei))],
            premium: '1200000',
            sumInsured: '1000000',
            period: term(1),
            ...extra,
          },
        })
      ).issueInsurancePolicy;
    const file = (client: GraphQLClient, policyId: string, amount: string, protectionCaseId: string | null = caseId) =>
      client.request<{ fileInsuranceClaim: { id: string; status: string } }>(FILE, { input: { policyId, amount, protectionCaseId } });
    const settle = (client: GraphQLClient, policyId: string, claimId: string, decision: string) =>
      client.request(SETTLE, { input: { policyId, claimId, decision } });

    it('pays claims linked to protection cases, within the sum insured', async () => {
      const policy = await issue(insurer);
      expect(policy).toMatchObject({ insurer: INSURER, paidOut: '0' });
      const first = (await file(huaweiClient, policy.id, '600000')).fileInsuranceClaim;
      const second = (await file(huaweiClient, policy.id, '500000')).fileInsuranceClaim;
      expect(first.status).toBe('FILED');
      await settle(insurer, policy.id, first.id, 'PAID');
      expect(await refusal(settle(insurer, policy.id, second.id, 'PAID'))).toMatchObject({ code: 'SUM_INSURED_EXCEEDED', remaining: '400000' });
      await settle(insurer, policy.id, second.id, 'REJECTED');
      expect(await errorCode(settle(insurer, policy.id, first.id, 'REJECTED'))).toBe('INVALID_TRANSITION');
      expect(await errorCode(file(huaweiClient, policy.id, '400001'))).toBe('SUM_INSURED_EXCEEDED');
      expect(await refusal(file(huaweiClient, policy.id, '1', null))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'protectionCaseId' });
      // The case must exist in the cases subgraph and bear the claim: the insured applied for it,
      // the centre accepted it, within the policy's period.
      expect(await errorCode(file(huaweiClient, policy.id, '1', 'no-such-case'))).toBe('NOT_FOUND');
      const notTheirs = await applyForProtection(tencent);
      await accept(notTheirs);
      expect(await refusal(file(huaweiClient, policy.id, '1', notTheirs))).toMatchObject({
        code: 'CLAIM_CASE_NOT_ELIGIBLE',
        reason: 'NOT_CLAIMANT',
        field: 'protectionCaseId',
      });
      const unexamined = await applyForProtection(huawei);
      expect(await refusal(file(huaweiClient, policy.id, '1', unexamined))).toMatchObject({ code: 'CLAIM_CASE_NOT_ELIGIBLE', reason: 'NOT_ACCEPTED' });
      const later = await issue(insurer, { period: { startDate: addMonths(hubToday(), 1), endDate: addYears(hubToday(), 1) } });
      expect(await refusal(file(huaweiClient, later.id, '1'))).toMatchObject({ code: 'CLAIM_CASE_NOT_ELIGIBLE', reason: 'BEFORE_POLICY' });
      const read = await huaweiClient.request<{
        insurancePolicy: { paidOut: string; claims: { status: string; amount: string }[]; insured: { name: string } };
      }>(POLICY, { id: policy.id });
      expect(read.insurancePolicy).toEqual({
        id: policy.id,
        paidOut: '600000',
        claims: [
          { status: 'PAID', amount: '600000' },
          { status: 'REJECTED', amount: '500000' },
        ],
        insured: { name: '华为技术有限公司' },
      });
      // The case each claim arose in, read through the cases subgraph: its summary, for the insured that is its party.
      const cases = await huaweiClient.request<{ insurancePolicy: { claims: { protectionCase: { id: string; summary: string } | null }[] } }>(
        gql`
          query ($id: ID!) {
            insurancePolicy(id: $id) {
              claims {
                protectionCase {
                  id
                  summary
                }
              }
            }
          }
        `,
        { id: policy.id },
      );
      expect(cases.insurancePolicy.claims.map((c) => c.protectionCase)).toEqual([
        { id: caseId, summary: '仿冒产品' },
        { id: caseId, summary: '仿冒产品' },
      ]);
      const guarantee = await issue(staff, { product: 'PLEDGE_FINANCING_GUARANTEE', insurer: OTHER_INSURER });
      expect((await file(staff, guarantee.id, '1000', null)).fileInsuranceClaim.status).toBe('FILED');
    });

    it('shows an insurer only its policies, an enterprise its own, and refuses bad policies', async () => {
      const policy = await issue(insurer);
      expect(await answersNull(otherInsurer.request(POLICY, { id: policy.id }))).toBe(true);
      expect(await answersNull(tencentClient.request(POLICY, { id: policy.id }))).toBe(true);
      expect(await errorCode(bank.request(POLICY, { id: policy.id }))).toBe('FORBIDDEN');
      const claim = (await file(huaweiClient, policy.id, '1000')).fileInsuranceClaim;
      expect(await errorCode(settle(otherInsurer, policy.id, claim.id, 'PAID'))).toBe('FORBIDDEN');
      expect(await errorCode(settle(huaweiClient, policy.id, claim.id, 'PAID'))).toBe('FORBIDDEN');
      expect(await errorCode(file(tencentClient, policy.id, '1000'))).toBe('FORBIDDEN');
      expect(await errorCode(settle(insurer, policy.id, 'no-such-claim', 'PAID'))).toBe('NOT_FOUND');

      const list = async (client: GraphQLClient) =>
        (
          await client.request<{ insurancePolicies: { edges: { node: { insurer: string } }[] } }>(gql`
            {
              insurancePolicies(first: 100) {
                edges {
                  node {
                    insurer
                  }
                }
              }
            }
          `)
        ).insurancePolicies.edges;
      expect((await list(insurer)).every((e) => e.node.insurer === INSURER)).toBe(true);
      expect(await list(otherInsurer)).toHaveLength(1);
      expect(await list(tencentClient)).toEqual([]);
      const own = await huaweiClient.request<{ enterprise: { insurancePolicies: { id: string }[] } }>(
        gql`
          query ($id: ID!) {
            enterprise(id: $id) {
              insurancePolicies {
                id
              }
            }
          }
        `,
        { id: huawei },
      );
      expect(own.enterprise.insurancePolicies.map((p) => p.id)).toContain(policy.id);

      expect(await errorCode(issue(otherInsurer, { insurer: INSURER }))).toBe('FORBIDDEN');
      expect(await errorCode(issue(bank))).toBe('FORBIDDEN');
      expect(await refusal(issue(staff))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'insurer' });
      expect(await errorCode(issue(insurer, { premium: '0' }))).toBe('BAD_USER_INPUT');
      expect(await errorCode(issue(insurer, { insuredId: tencent }))).toBe('BAD_USER_INPUT');
      expect(await errorCode(issue(insurer, { insuredId: 'no-such-enterprise', coveredAssets: [{ kind: 'TRADEMARK', id: '1' }] }))).toBe('NOT_FOUND');
    });

    it('shows the policies covering a patent, to the parties of each', async () => {
      const covered = await patent(huawei);
      const mine = await issue(insurer, { coveredAssets: [patentAsset(covered)] });
      const theirs = await issue(otherInsurer, { coveredAssets: [patentAsset(covered)] });
      const query = gql`
        query ($n: String!) {
          patent(applicationNumber: $n) {
            insurancePolicies {
              id
              insurer
            }
          }
        }
      `;
      const ids = async (client: GraphQLClient) =>
        (await client.request<{ patent: { insurancePolicies: { id: string }[] } }>(query, { n: covered })).patent.insurancePolicies.map((p) => p.id).sort();
      expect(await ids(staff)).toEqual([mine.id, theirs.id].sort());
      expect(await ids(huaweiClient)).toEqual([mine.id, theirs.id].sort());
      expect(await ids(insurer)).toEqual([mine.id]);
      expect(await ids(otherInsurer)).toEqual([theirs.id]);
      // A bank is party to no policy: the field is refused, the patent still answers.
      const bankView = await t
        .client(await t.key('BANK', { organization: '某银行' }))
        .request(
          gql`
            query ($n: String!) {
              patent(applicationNumber: $n) {
                title
                insurancePolicies {
                  id
                }
              }
            }
          `,
          { n: covered },
        )
        .catch((e: { response: { data: { patent: { title: string; insurancePolicies: null } }; errors: { extensions: { code: string } }[] } }) => e.response);
      expect(bankView).toMatchObject({ data: { patent: { insurancePolicies: null } }, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    });
  });

  // After the insurance tests: the pledgors have policies with claims by then.
  it('batches every lookup: one store query per level of a request', async () => {
    calls.clear();
    const r = await staff.request<{
      pledges: { edges: { node: { events: unknown[]; pledgor: { pledges: unknown[] }; collateral: { patent: { pledges: unknown[] } | null }[] } }[] };
    }>(gql`
      {
        pledges(first: 100) {
          edges {
            node {
              events {
                to
              }
              pledgor {
                pledges {
                  id
                }
                insurancePolicies {
                  claims {
                    status
                  }
                }
              }
              collateral {
                patent {
                  title
                  pledges {
                    id
                  }
                }
              }
            }
          }
        }
      }
    `);
    expect(r.pledges.edges.length).toBeGreaterThan(10);
    expect(Object.fromEntries(calls)).toEqual({
      'pledges.page': 1,
      'pledges.eventsOf': 1,
      'pledges.byPledgors': 1,
      'pledges.byAssets': 1,
      'policies.byInsured': 1,
      'policies.claimsOf': 1,
    });
  });
});
