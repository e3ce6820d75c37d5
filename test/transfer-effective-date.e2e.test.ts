// A transfer takes effect on its registration or announcement, not when staff record it: a patent
// transfer on its registration with CNIPA (Patent Law art. 10(3): 专利权的转让自登记之日起生效), a
// trademark transfer on CNIPA's announcement (Trademark Law art. 42(4): 受让人自公告之日起享有商标专用权).
// Recorded on the ledger at once; the right moves on its day (the transfer scheduler's run, called
// here with the day it runs on), and refuses other transfers and licences until then.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today as hubToday } from '../platform/hub-calendar.js';
import { addDays, addYears } from '../standards/calendar-date.js';
import { usccCheckCharacter } from '../standards/uscc.js';
import { openEnterprisesStore } from '../subgraphs/enterprises/store/open.js';
import type { EnterprisesStore } from '../subgraphs/enterprises/store/port.js';
import { effectDueTransfers } from '../subgraphs/enterprises/transfer-scheduler.js';
import { errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { applicationNumber, registerEnterprise, registerPatent, registerTrademark } from './support/registry.js';

const today = hubToday();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface Transfer {
  id: string;
  state: string;
  effectiveDate: string;
  to: { id: string };
  certificate: { entry: { kind: string; metadata: { effectiveDate: string } } };
}
const TRANSFER = gql`
  mutation ($input: RegisterTransferInput!) {
    registerTransfer(input: $input) {
      id
      state
      effectiveDate
      to {
        id
      }
      certificate
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
const PATENT = gql`
  query ($n: String!) {
    patent(applicationNumber: $n) {
      enterprise {
        id
      }
      transfers {
        id
        state
        effectiveDate
      }
      history(first: 10) {
        edges {
          node {
            type
          }
        }
      }
    }
  }
`;
interface Patent {
  enterprise: { id: string };
  transfers: { id: string; state: string; effectiveDate: string }[];
  history: { edges: { node: { type: string } }[] };
}

describe('a transfer on its effective date (Patent Law art. 10(3); Trademark Law art. 42(4))', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let store: EnterprisesStore;
  let seller: string;
  let buyer: string;
  let third: string;
  let serial = 0;

  const patent = async () => {
    const filingDate = addYears(today, -4);
    return registerPatent(staff, {
      enterpriseId: seller,
      applicationNumber: applicationNumber(filingDate, '1', ++serial),
      title: `一种储能电池 ${serial}`,
      filingDate,
      status: 'GRANTED',
      grantDate: addYears(filingDate, 2),
      feesPaidThrough: addYears(filingDate, 4),
    });
  };
  const transferInput = (number: string, extra: Record<string, unknown> = {}) => ({
    right: { rightKind: 'PATENT', number },
    toEnterpriseId: buyer,
    contractDate: addDays(today, -30),
    contractDigest: sha256(`转让合同 ${number} ${JSON.stringify(extra)}`),
    ...extra,
  });
  const read = async (n: string) => (await staff.request<{ patent: Patent }>(PATENT, { n })).patent;

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    seller = await registerEnterprise(staff, { uscc: '914403001922038216', name: '比亚迪股份有限公司', regionCode: '440300', industry: '制造业' });
    buyer = await registerEnterprise(staff, { uscc: '9144030071526726XG', name: '宁德时代新能源科技股份有限公司', regionCode: '350900', industry: '制造业' });
    const thirdUscc = `91110108MA${'0000001'}`;
    third = await registerEnterprise(staff, {
      uscc: thirdUscc + usccCheckCharacter(thirdUscc)!,
      name: '北京某科技有限公司',
      regionCode: '110108',
      industry: '制造业',
    });
    // The scheduler's store, on the hub's own data.
    store = await openEnterprisesStore(t.hub.storage);
  });
  afterAll(async () => {
    await store.close();
    await t.close();
  });

  it('records a patent transfer registered later at once, leaves the owner until its day, then moves it, once', async () => {
    const n = await patent();
    const registeredOn = addDays(today, 10);
    const { registerTransfer: transfer } = await staff.request<{ registerTransfer: Transfer }>(TRANSFER, {
      input: transferInput(n, { effectiveDate: registeredOn }),
    });
    expect(transfer).toMatchObject({ state: 'PENDING', effectiveDate: registeredOn, to: { id: buyer } });
    // Signed now, its effective date in the signed document.
    expect(transfer.certificate.entry).toMatchObject({ kind: 'RIGHT_TRANSFER', metadata: { effectiveDate: registeredOn } });
    expect(await read(n)).toMatchObject({ enterprise: { id: seller }, transfers: [{ id: transfer.id, state: 'PENDING' }] });

    // The day before: nothing moves.
    expect(await effectDueTransfers(store, addDays(registeredOn, -1), new Date().toISOString())).toBe(0);
    expect((await read(n)).enterprise.id).toBe(seller);
    // Its day: the right moves, once however often the scheduler runs.
    expect(await effectDueTransfers(store, registeredOn, new Date().toISOString())).toBe(1);
    expect(await effectDueTransfers(store, registeredOn, new Date().toISOString())).toBe(0);
    const after = await read(n);
    expect(after).toMatchObject({ enterprise: { id: buyer }, transfers: [{ id: transfer.id, state: 'EFFECTIVE', effectiveDate: registeredOn }] });
    expect(after.history.edges.map((e) => e.node.type)).toEqual(['TRANSFER_RECORDED', 'TRANSFERRED']);
  });

  it('refuses another transfer or licence of the right while a transfer waits (TRANSFER_PENDING), changing nothing', async () => {
    const n = await patent();
    const registeredOn = addDays(today, 5);
    const { registerTransfer: transfer } = await staff.request<{ registerTransfer: Transfer }>(TRANSFER, {
      input: transferInput(n, { effectiveDate: registeredOn }),
    });
    expect(await errorExtensions(staff.request(TRANSFER, { input: { ...transferInput(n), toEnterpriseId: third } }))).toMatchObject({
      code: 'TRANSFER_PENDING',
      transferId: transfer.id,
      effectiveDate: registeredOn,
    });
    expect(
      await errorExtensions(
        staff.request(LICENCE, {
          input: {
            right: { rightKind: 'PATENT', number: n },
            licenseeId: buyer,
            kind: 'ORDINARY',
            territory: ['CN'],
            term: { startDate: today, endDate: addYears(today, 1) },
            contractDate: today,
            contractDigest: sha256(`许可合同 ${n}`),
          },
        }),
      ),
    ).toMatchObject({ code: 'TRANSFER_PENDING', transferId: transfer.id, effectiveDate: registeredOn });
    expect(await read(n)).toMatchObject({ enterprise: { id: seller }, transfers: [{ id: transfer.id, state: 'PENDING' }] });
  });

  it('moves at once a transfer whose day is today or past; refuses a day before the contract', async () => {
    const n = await patent();
    const { registerTransfer: past } = await staff.request<{ registerTransfer: Transfer }>(TRANSFER, {
      input: transferInput(n, { effectiveDate: addDays(today, -2) }),
    });
    expect(past).toMatchObject({ state: 'EFFECTIVE', effectiveDate: addDays(today, -2) });
    expect((await read(n)).enterprise.id).toBe(buyer);
    const m = await patent();
    const { registerTransfer: unsaid } = await staff.request<{ registerTransfer: Transfer }>(TRANSFER, { input: transferInput(m) });
    expect(unsaid).toMatchObject({ state: 'EFFECTIVE', effectiveDate: today });
    const k = await patent();
    expect(await errorExtensions(staff.request(TRANSFER, { input: transferInput(k, { effectiveDate: addDays(today, -31) }) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'effectiveDate',
    });
    expect(await read(k)).toMatchObject({ enterprise: { id: seller }, transfers: [] });
  });

  it('moves a trademark on its announcement day', async () => {
    const number = await registerTrademark(staff, { enterpriseId: seller, registrationNumber: '60000001', mark: '比亚迪', niceClass: 12 });
    const announcedOn = addDays(today, 3);
    const { registerTransfer: transfer } = await staff.request<{ registerTransfer: Transfer }>(TRANSFER, {
      input: { ...transferInput(number, { effectiveDate: announcedOn }), right: { rightKind: 'TRADEMARK', number } },
    });
    expect(transfer.state).toBe('PENDING');
    const owner = async () =>
      (
        await staff.request<{ trademark: { enterprise: { id: string } } }>(
          gql`
            query ($n: String!) {
              trademark(registrationNumber: $n) {
                enterprise {
                  id
                }
              }
            }
          `,
          { n: number },
        )
      ).trademark.enterprise.id;
    expect(await owner()).toBe(seller);
    expect(await effectDueTransfers(store, announcedOn, new Date().toISOString())).toBe(1);
    expect(await owner()).toBe(buyer);
  });
});
