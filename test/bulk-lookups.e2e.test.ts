// Bulk lookups for partners syncing the registry: up to 100 keys a request, answered in the order
// asked, null where there is nothing (or nothing the caller may read), costed by the keys given.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { today } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { applicationNumber, registerEnterprise, registerPatent } from './support/registry.js';

const BYD = '914403001922038216';
const CATL = '9144030071526726XG';

describe('bulk lookups', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let own: GraphQLClient;
  const numbers: string[] = [];
  let digest = '';

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    const byd = await registerEnterprise(staff, { uscc: BYD, name: '比亚迪股份有限公司', regionCode: '440300', industry: '汽车制造业' });
    const catl = await registerEnterprise(staff, {
      uscc: CATL,
      name: '宁德时代新能源科技股份有限公司',
      regionCode: '350900',
      industry: '电气机械和器材制造业',
    });
    const filingDate = addYears(today(), -2);
    numbers.push(await registerPatent(staff, { enterpriseId: byd, applicationNumber: applicationNumber(filingDate, '1', 1), title: '电池', filingDate }));
    numbers.push(await registerPatent(staff, { enterpriseId: catl, applicationNumber: applicationNumber(filingDate, '1', 2), title: '电芯', filingDate }));
    own = t.client(await t.key('ENTERPRISE', { enterpriseId: byd }));
    digest = createHash('sha256').update('bulk lookups').digest('hex');
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
  });
  afterAll(async () => {
    await t.close();
  });

  const PATENTS = gql`
    query ($n: [String!]!) {
      patents(applicationNumbers: $n) {
        applicationNumber
        title
      }
    }
  `;
  const ENTERPRISES = gql`
    query ($u: [String!]!) {
      enterprisesByCreditCode(usccs: $u) {
        uscc
      }
    }
  `;

  it('answers patents in the order asked, null where there is none or it is not the caller’s', async () => {
    const missing = applicationNumber(addYears(today(), -2), '1', 3);
    const asked = [numbers[1]!, missing, numbers[0]!, numbers[1]!];
    const { patents } = await staff.request<{ patents: ({ applicationNumber: string } | null)[] }>(PATENTS, { n: asked });
    expect(patents.map((p) => p?.applicationNumber ?? null)).toEqual([numbers[1], null, numbers[0], numbers[1]]);
    // An enterprise reads its own, and another's as it reads none.
    const mine = await own.request<{ patents: ({ applicationNumber: string } | null)[] }>(PATENTS, { n: asked });
    expect(mine.patents.map((p) => p?.applicationNumber ?? null)).toEqual([null, null, numbers[0], null]);
  });

  it('answers enterprises by credit code in the order asked, the same way', async () => {
    const { enterprisesByCreditCode } = await staff.request<{ enterprisesByCreditCode: ({ uscc: string } | null)[] }>(ENTERPRISES, {
      u: [CATL, '91000000MA0000000X', BYD.toLowerCase()],
    });
    expect(enterprisesByCreditCode).toEqual([{ uscc: CATL }, null, { uscc: BYD }]);
    const mine = await own.request<{ enterprisesByCreditCode: ({ uscc: string } | null)[] }>(ENTERPRISES, { u: [CATL, BYD] });
    expect(mine.enterprisesByCreditCode).toEqual([null, { uscc: BYD }]);
  });

  it('verifies digests in the order asked, anonymously', async () => {
    const other = createHash('sha256').update('never deposited').digest('hex');
    const { verifyEvidences } = await t.anonymous.request<{ verifyEvidences: { contentDigest: string; found: boolean }[] }>(
      gql`
        query ($d: [String!]!) {
          verifyEvidences(contentDigests: $d) {
            contentDigest
            found
          }
        }
      `,
      { d: [other, digest, digest.toUpperCase()] },
    );
    expect(verifyEvidences).toEqual([
      { contentDigest: other, found: false },
      { contentDigest: digest, found: true },
      { contentDigest: digest, found: true },
    ]);
  });

  it('takes 100 keys at most, naming the argument', async () => {
    const many = Array.from({ length: 101 }, () => BYD);
    expect(await errorExtensions(staff.request(ENTERPRISES, { u: many }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'usccs' });
    expect(await errorExtensions(staff.request(PATENTS, { n: Array.from({ length: 101 }, () => numbers[0]) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'applicationNumbers',
    });
  });
});
