// No null cascades, as a respondent meets them: asking for its protection cases with the cited
// evidence's titles answers with the cases; a deposit it may not read nulls itself alone (before
// staff accept the case), and once staff accept it the respondent reads the evidence against it.
// The claimant's enterprise record, which the respondent may not read, nulls only its own field.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestHub, type TestHub } from './support/hub.js';
import { registerEnterprise } from './support/registry.js';

const CASES = JSON.stringify({
  query: '{ protectionCases(first: 10) { edges { node { id summary state evidence { title depositor { name } } } } } }',
});

interface Answer {
  data: {
    protectionCases: {
      edges: { node: { id: string; summary: string; state: string; evidence: ({ title: string; depositor: { name: string } | null } | null)[] } }[];
    };
  } | null;
  errors?: { message: string; path: (string | number)[]; extensions: { code: string } }[];
}

describe("a respondent's cases and the evidence against it", () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let caseId: string;
  let respondentKey: string;

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    const claimant = await registerEnterprise(staff, { uscc: '914403001922038216', name: '比亚迪股份有限公司', regionCode: '440300', industry: '汽车制造业' });
    const respondent = await registerEnterprise(staff, {
      uscc: '9144030071526726XG',
      name: '宁德时代新能源科技股份有限公司',
      regionCode: '350900',
      industry: '电池制造',
    });
    const applicant = t.client(await t.key('ENTERPRISE', { enterpriseId: claimant }));
    respondentKey = await t.key('ENTERPRISE', { enterpriseId: respondent });
    const { depositEvidence } = await applicant.request<{ depositEvidence: { id: string } }>(
      gql`
        mutation ($d: String!) {
          depositEvidence(input: { contentDigest: $d, title: "侵权产品照片", category: OTHER }) {
            id
          }
        }
      `,
      { d: createHash('sha256').update('侵权产品照片').digest('hex') },
    );
    const { applyForProtection } = await applicant.request<{ applyForProtection: { id: string } }>(
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
          summary: '仿冒电池',
          claimant: { name: '比亚迪股份有限公司', enterpriseId: claimant },
          respondents: [{ name: '宁德时代新能源科技股份有限公司', enterpriseId: respondent }],
          ipRights: [{ kind: 'TRADEMARK', number: '12345678' }],
          evidenceIds: [depositEvidence.id],
        },
      },
    );
    caseId = applyForProtection.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const ask = async (): Promise<Answer> => {
    const res = await fetch(t.hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${respondentKey}` },
      body: CASES,
    });
    return (await res.json()) as Answer;
  };

  it('answers with the case, the evidence it may not read yet null in its place', async () => {
    const { data } = await ask();
    expect(data?.protectionCases.edges.map((e) => e.node)).toEqual([{ id: caseId, summary: '仿冒电池', state: 'APPLIED', evidence: [null] }]);
  });

  it('shows the evidence once staff accept the case; the claimant it may not read nulls only itself', async () => {
    await staff.request(
      gql`
        mutation ($input: MoveProtectionCaseInput!) {
          moveProtectionCase(input: $input) {
            id
          }
        }
      `,
      { input: { caseId, to: 'ACCEPTED' } },
    );
    const { data, errors } = await ask();
    expect(data?.protectionCases.edges.map((e) => e.node)).toEqual([
      { id: caseId, summary: '仿冒电池', state: 'ACCEPTED', evidence: [{ title: '侵权产品照片', depositor: null }] },
    ]);
    expect(errors?.map((e) => [e.extensions.code, e.path.join('.')])).toEqual([['FORBIDDEN', 'protectionCases.edges.0.node.evidence.0.depositor']]);
  });
});
