// A court's preservation (freeze) of a registered trademark through the gateway, under 最高人民法院关于
// 人民法院对注册商标权进行财产保全的解释 (法释〔2001〕1号, amended 2020): at most one year at a time and
// renewed (续行) by the court before it ends, else lifted by itself (art. 2); a preserved mark is not
// preserved again (art. 3); while it holds the mark is not transferred nor licensed (ASSET_FROZEN), and
// only its court renews or lifts it. Every refusal changes nothing.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addDays, addYears } from '../standards/calendar-date.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { registerEnterprise, registerTrademark } from './support/registry.js';

const today = hubToday();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const COURT = '深圳市中级人民法院';
const OTHER_COURT = '广州知识产权法院';

interface Freeze {
  court: string;
  orderNumber: string;
  frozenOn: string;
  endsOn: string;
}
const FREEZE_FIELDS = 'freeze { court orderNumber frozenOn endsOn }';
const FREEZE = gql`mutation ($input: FreezeTrademarkInput!) { freezeTrademark(input: $input) { registrationNumber ${FREEZE_FIELDS} } }`;
const RENEW = gql`mutation ($input: RenewTrademarkFreezeInput!) { renewTrademarkFreeze(input: $input) { ${FREEZE_FIELDS} } }`;
const UNFREEZE = gql`mutation ($input: UnfreezeTrademarkInput!) { unfreezeTrademark(input: $input) { ${FREEZE_FIELDS} } }`;
const FREEZE_PAYLOAD = gql`
  mutation ($input: FreezeTrademarkInput!) {
    trademarkFreeze(input: $input) {
      trademark {
        registrationNumber
      }
      userErrors {
        code
        field
      }
    }
  }
`;
const READ = gql`query ($n: String!) { trademark(registrationNumber: $n) { enterprise { id } ${FREEZE_FIELDS} history(first: 20) { edges { node { type details } } } } }`;
const TRANSFER = gql`
  mutation ($input: RegisterTransferInput!) {
    registerTransfer(input: $input) {
      id
    }
  }
`;
const LICENCE = gql`
  mutation ($input: RegisterLicenceInput!) {
    registerLicence(input: $input) {
      id
    }
  }
`;

describe("a court's preservation of a registered trademark (最高人民法院关于人民法院对注册商标权进行财产保全的解释)", () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let court: GraphQLClient;
  let otherCourt: GraphQLClient;
  let seller: string;
  let buyer: string;
  let serial = 0;

  const mark = () =>
    registerTrademark(staff, { enterpriseId: seller, registrationNumber: String(80000000 + ++serial), mark: `冻结商标${serial}`, niceClass: 9 });
  const read = async (n: string) =>
    (
      await staff.request<{ trademark: { enterprise: { id: string }; freeze: Freeze | null; history: { edges: { node: { type: string } }[] } } }>(READ, {
        n,
      })
    ).trademark;
  const transfer = (n: string) =>
    staff.request(TRANSFER, {
      input: { right: { rightKind: 'TRADEMARK', number: n }, toEnterpriseId: buyer, contractDate: today, contractDigest: sha256(`转让 ${n}`) },
    });
  const licence = (n: string) =>
    staff.request(LICENCE, {
      input: {
        right: { rightKind: 'TRADEMARK', number: n },
        licenseeId: buyer,
        kind: 'ORDINARY',
        territory: ['CN'],
        term: { startDate: today, endDate: addYears(today, 1) },
        contractDate: today,
        contractDigest: sha256(`许可 ${n}`),
      },
    });
  const ledgerSize = async () => (await t.hub.ledger.audit()).size;

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    court = t.client(await t.key('COURT', { organization: COURT }));
    otherCourt = t.client(await t.key('COURT', { organization: OTHER_COURT }));
    const register = (uscc: string, name: string) => registerEnterprise(staff, { uscc, name, regionCode: '440300', industry: '软件和信息技术服务业' });
    seller = await register('914403001922038216', '比亚迪股份有限公司');
    buyer = await register('9144030071526726XG', '宁德时代新能源科技股份有限公司');
  });
  afterAll(async () => {
    await t.close();
  });

  it('freezes a mark for at most one year (art. 2), refuses its transfer and licence (ASSET_FROZEN), and lets only its court renew and lift it', async () => {
    const n = await mark();
    const order = { registrationNumber: ` ${n} `, orderNumber: '(2026)粤03执保1号', frozenOn: today };
    // Only a court freezes, and for one year at most.
    expect(await errorCode(staff.request(FREEZE, { input: order }))).toBe('FORBIDDEN');
    expect(await errorExtensions(court.request(FREEZE, { input: { ...order, endsOn: addDays(addYears(today, 1), 1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'endsOn',
    });
    expect(await errorExtensions(court.request(FREEZE, { input: { ...order, frozenOn: addDays(today, 1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'frozenOn',
    });
    expect(await errorCode(court.request(FREEZE, { input: { ...order, registrationNumber: '99999999' } }))).toBe('NOT_FOUND');
    expect((await read(n)).freeze).toBeNull();

    const { freezeTrademark } = await court.request<{ freezeTrademark: { registrationNumber: string; freeze: Freeze } }>(FREEZE, { input: order });
    const held = { court: COURT, orderNumber: '(2026)粤03执保1号', frozenOn: today, endsOn: addYears(today, 1) };
    expect(freezeTrademark).toStrictEqual({ registrationNumber: n, freeze: held });
    // As the finance subgraph asks before a pledge: the court and its order.
    expect((await read(n)).freeze).toStrictEqual(held);

    // A preserved mark is not preserved again (art. 3), by another court or under another order.
    expect(await errorExtensions(otherCourt.request(FREEZE, { input: { ...order, orderNumber: '(2026)粤01执保9号' } }))).toMatchObject({
      code: 'CONFLICT',
      court: COURT,
      orderNumber: '(2026)粤03执保1号',
    });
    const { trademarkFreeze } = await otherCourt.request<{ trademarkFreeze: { trademark: null; userErrors: { code: string }[] } }>(FREEZE_PAYLOAD, {
      input: { ...order, orderNumber: '(2026)粤01执保9号' },
    });
    expect(trademarkFreeze).toMatchObject({ trademark: null, userErrors: [{ code: 'CONFLICT' }] });

    // Frozen: neither transferred nor licensed, and the ledger hears of neither.
    const before = await ledgerSize();
    expect(await errorExtensions(transfer(n))).toMatchObject({ code: 'ASSET_FROZEN', court: COURT, orderNumber: '(2026)粤03执保1号' });
    expect(await errorExtensions(licence(n))).toMatchObject({ code: 'ASSET_FROZEN', court: COURT });
    expect(await ledgerSize()).toBe(before);
    expect((await read(n)).enterprise.id).toBe(seller);

    // Only its court renews or lifts it; a renewal runs at most one year past the present end (art. 2).
    const end = addYears(today, 1);
    expect(await errorCode(otherCourt.request(RENEW, { input: { registrationNumber: n, endsOn: addYears(end, 1) } }))).toBe('FORBIDDEN');
    expect(await errorCode(otherCourt.request(UNFREEZE, { input: { registrationNumber: n, unfrozenOn: today } }))).toBe('FORBIDDEN');
    expect(await errorExtensions(court.request(RENEW, { input: { registrationNumber: n, endsOn: addDays(addYears(end, 1), 1) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'endsOn',
    });
    const { renewTrademarkFreeze } = await court.request<{ renewTrademarkFreeze: { freeze: Freeze } }>(RENEW, {
      input: { registrationNumber: n, endsOn: addYears(end, 1) },
    });
    expect(renewTrademarkFreeze.freeze).toStrictEqual({ ...held, endsOn: addYears(end, 1) });

    const { unfreezeTrademark } = await court.request<{ unfreezeTrademark: { freeze: Freeze | null } }>(UNFREEZE, {
      input: { registrationNumber: n, unfrozenOn: today },
    });
    expect(unfreezeTrademark.freeze).toBeNull();
    expect((await read(n)).history.edges.map((e) => e.node.type)).toStrictEqual(['FROZEN', 'FREEZE_RENEWED', 'UNFROZEN']);
    // Lifted: another court may preserve it now, and, once that is lifted too, it is licensed and transferred.
    await otherCourt.request(FREEZE, { input: { ...order, orderNumber: '(2026)粤01执保9号' } });
    expect((await read(n)).freeze?.court).toBe(OTHER_COURT);
    await otherCourt.request(UNFREEZE, { input: { registrationNumber: n, unfrozenOn: today } });
    await licence(n);
    await transfer(n);
    expect((await read(n)).enterprise.id).toBe(buyer);
  });

  it('lifts by itself a preservation not renewed before it ended (art. 2: 视为自动解除), which then cannot be renewed', async () => {
    const n = await mark();
    // Received by the Trademark Office a year ago: its year ran out yesterday.
    const { freezeTrademark } = await court.request<{ freezeTrademark: { freeze: Freeze | null } }>(FREEZE, {
      input: { registrationNumber: n, orderNumber: '(2025)粤03执保5号', frozenOn: addYears(today, -1) },
    });
    expect(freezeTrademark.freeze).toBeNull();
    expect(await errorCode(court.request(RENEW, { input: { registrationNumber: n, endsOn: addDays(today, 30) } }))).toBe('INVALID_TRANSITION');
    await transfer(n);
    expect((await read(n)).enterprise.id).toBe(buyer);
  });

  it('preserves only a registration in force', async () => {
    const n = await registerTrademark(staff, {
      enterpriseId: seller,
      registrationNumber: '80099999',
      mark: '过期商标',
      niceClass: 9,
      registrationDate: addYears(today, -12),
    });
    expect(await errorCode(court.request(FREEZE, { input: { registrationNumber: n, orderNumber: '(2026)粤03执保8号', frozenOn: today } }))).toBe(
      'INVALID_TRANSITION',
    );
  });
});
