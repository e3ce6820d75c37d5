// Patent pre-examination through the gateway: filing, every step of the workflow, illegal moves,
// ledger-anchored decisions verified offline, statistics, and who may do what.
import { createHash } from 'node:crypto';

import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canonicalMetadata } from '../ledger/verify/index.js';
import { verifyCertificate } from '../ledger/verify/index.js';
import { today as hubToday } from '../platform/hub-calendar.js';
import { addYears } from '../standards/calendar-date.js';
import { answersNull, errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';

const FILE = gql`
  mutation ($input: FilePreExaminationInput!) {
    filePreExamination(input: $input) {
      id
      state
      applicationNumber
      nextStates
    }
  }
`;
const MOVE = gql`
  mutation ($input: MovePreExamCaseInput!) {
    movePreExamCase(input: $input) {
      id
      state
      decidedAt
      cycleDays
      decisionReceipt {
        seq
        entryHash
      }
    }
  }
`;
const CASE = gql`
  query ($id: ID!) {
    preExamCase(id: $id) {
      state
      events {
        from
        to
        role
        actor
        note
      }
      decisionReceipt {
        seq
      }
    }
  }
`;

type Moved = {
  movePreExamCase: { state: string; decidedAt: string | null; cycleDays: number | null; decisionReceipt: { seq: number; entryHash: string } | null };
};

describe('pre-examination cases', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let applicant: GraphQLClient;
  let enterpriseId: string;

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    const r = await staff.request<{ registerEnterprise: { id: string } }>(gql`
      mutation {
        registerEnterprise(
          input: { uscc: "914403001922038216", name: "华为技术有限公司", regionCode: "440300", industry: "计算机、通信和其他电子设备制造业" }
        ) {
          id
        }
      }
    `);
    enterpriseId = r.registerEnterprise.id;
    applicant = t.client(await t.key('ENTERPRISE', { enterpriseId }));
    await applicant.request(
      gql`
        mutation ($e: ID!) {
          registerPatent(input: { enterpriseId: $e, applicationNumber: "201510958772.0", title: "一种数据传输方法", filingDate: "2015-12-28" }) {
            applicationNumber
          }
        }
      `,
      {
        e: enterpriseId,
      },
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const file = async () =>
    (
      await applicant.request<{ filePreExamination: { id: string; state: string; nextStates: string[] } }>(FILE, {
        input: { enterpriseId, applicationNumber: 'CN 201510958772.0', title: '一种数据传输方法', industry: '新一代信息技术' },
      })
    ).filePreExamination;
  const move = (id: string, to: string, note?: string) => staff.request<Moved>(MOVE, { input: { caseId: id, to, note } });

  it('walks a case from RECEIVED to PASSED and ARCHIVED, anchoring the decision in the ledger', async () => {
    const filed = await file();
    expect(filed).toMatchObject({ state: 'RECEIVED', nextStates: ['CLASSIFIED'] });
    for (const to of ['CLASSIFIED', 'EXAMINING', 'QUALITY_CHECK']) expect((await move(filed.id, to)).movePreExamCase.state).toBe(to);
    const passed = (await move(filed.id, 'PASSED', '符合快速审查条件')).movePreExamCase;
    expect(passed.state).toBe('PASSED');
    expect(passed.cycleDays).toBeGreaterThanOrEqual(0);
    expect(passed.decisionReceipt).not.toBeNull();
    expect((await move(filed.id, 'ARCHIVED')).movePreExamCase.state).toBe('ARCHIVED');

    const history = await applicant.request<{
      preExamCase: { events: { from: string | null; to: string; role: string; note: string | null }[]; decisionReceipt: { seq: number } };
    }>(CASE, { id: filed.id });
    expect(history.preExamCase.events.map((e) => `${e.from}->${e.to}`)).toEqual([
      'null->RECEIVED',
      'RECEIVED->CLASSIFIED',
      'CLASSIFIED->EXAMINING',
      'EXAMINING->QUALITY_CHECK',
      'QUALITY_CHECK->PASSED',
      'PASSED->ARCHIVED',
    ]);
    expect(history.preExamCase.events[0]!.role).toBe('ENTERPRISE');
    expect(history.preExamCase.events[4]).toMatchObject({ role: 'CENTER_STAFF', note: '符合快速审查条件' });

    // The decision's certificate verifies offline against the decision document it records.
    const certificate = await t.hub.ledger.certificate(passed.decisionReceipt!.seq);
    expect(certificate.entry).toMatchObject({ kind: 'CASE_DECISION', subject: `pre-exam:${filed.id}`, entryHash: passed.decisionReceipt!.entryHash });
    const decisionDigest = createHash('sha256').update(canonicalMetadata(certificate.entry.metadata)).digest('hex');
    expect(certificate.entry.metadata).toMatchObject({ decision: 'PASSED', applicationNumber: '201510958772.0' });
    expect(verifyCertificate(JSON.parse(JSON.stringify(certificate)), { contentDigest: decisionDigest, trustedKeys: [t.hub.ledger.verifierKey] }).ok).toBe(
      true,
    );
  });

  it('returns a case and archives it', async () => {
    const filed = await file();
    for (const to of ['CLASSIFIED', 'EXAMINING', 'QUALITY_CHECK']) await move(filed.id, to);
    const returned = (await move(filed.id, 'RETURNED', '权利要求不清楚')).movePreExamCase;
    expect(returned).toMatchObject({ state: 'RETURNED' });
    expect(returned.decisionReceipt).not.toBeNull();
    expect((await move(filed.id, 'ARCHIVED')).movePreExamCase.state).toBe('ARCHIVED');
  });

  it('refuses every illegal move with INVALID_TRANSITION, changing nothing', async () => {
    const filed = await file();
    const ledgerSize = (await t.hub.ledger.audit()).size;
    for (const to of ['EXAMINING', 'QUALITY_CHECK', 'PASSED', 'RETURNED', 'ARCHIVED', 'RECEIVED']) {
      expect(await errorCode(move(filed.id, to))).toBe('INVALID_TRANSITION');
    }
    await move(filed.id, 'CLASSIFIED');
    expect(await errorCode(move(filed.id, 'CLASSIFIED'))).toBe('INVALID_TRANSITION');
    expect(await errorCode(move(filed.id, 'PASSED'))).toBe('INVALID_TRANSITION');
    const after = await staff.request<{ preExamCase: { state: string; events: unknown[]; decisionReceipt: null } }>(CASE, { id: filed.id });
    expect(after.preExamCase).toMatchObject({ state: 'CLASSIFIED', decisionReceipt: null });
    expect(after.preExamCase.events).toHaveLength(2);
    expect((await t.hub.ledger.audit()).size).toBe(ledgerSize);
    expect(await errorCode(move('no-such-case', 'CLASSIFIED'))).toBe('NOT_FOUND');
  });

  it('lets only centre staff move cases, and only the applicant and staff read them', async () => {
    const filed = await file();
    expect(await errorCode(applicant.request(MOVE, { input: { caseId: filed.id, to: 'CLASSIFIED' } }))).toBe('FORBIDDEN');
    const other = t.client(await t.key('ENTERPRISE', { enterpriseId: 'another-enterprise' }));
    expect(await answersNull(other.request(CASE, { id: filed.id }))).toBe(true);
    expect(await errorCode(other.request(FILE, { input: { enterpriseId, applicationNumber: '201510958772.0', title: 't', industry: 'i' } }))).toBe('FORBIDDEN');
    expect(await answersNull(t.client(await t.key('BANK')).request(CASE, { id: filed.id }))).toBe(true);
    expect(await errorCode(t.anonymous.request(CASE, { id: filed.id }))).toBe('UNAUTHENTICATED');
    expect(await errorCode(applicant.request(FILE, { input: { enterpriseId, applicationNumber: '201510958772.1', title: 't', industry: 'i' } }))).toBe(
      'INVALID_PATENT_NUMBER',
    );
  });

  it('joins cases to the enterprise and patent subgraphs', async () => {
    const r = await applicant.request<{ enterprise: { name: string; preExamCases: { state: string; patent: { title: string } }[] } }>(
      gql`
        query ($id: ID!) {
          enterprise(id: $id) {
            name
            preExamCases {
              state
              patent {
                title
              }
            }
          }
        }
      `,
      { id: enterpriseId },
    );
    expect(r.enterprise.name).toBe('华为技术有限公司');
    expect(r.enterprise.preExamCases.length).toBeGreaterThanOrEqual(4);
    expect(r.enterprise.preExamCases.every((c) => c.patent.title === '一种数据传输方法')).toBe(true);
  });

  it('reports cycle-time statistics to centre staff', async () => {
    const r = await staff.request<{
      preExamStatistics: {
        overall: { decided: number; averageDays: number; p90Days: number; shareWithin7Days: number };
        byIndustry: { key: string; cycleTime: { decided: number } }[];
        byMonth: { key: string }[];
      };
    }>(gql`
      {
        preExamStatistics {
          overall {
            decided
            averageDays
            p90Days
            shareWithin7Days
          }
          byIndustry {
            key
            cycleTime {
              decided
            }
          }
          byMonth {
            key
          }
        }
      }
    `);
    expect(r.preExamStatistics.overall).toMatchObject({ decided: 2, shareWithin7Days: 1 });
    expect(r.preExamStatistics.byIndustry).toEqual([{ key: '新一代信息技术', cycleTime: { decided: 2 } }]);
    expect(r.preExamStatistics.byMonth).toEqual([{ key: hubToday().slice(0, 7) }]);
    expect(
      await errorCode(
        applicant.request(gql`
          {
            preExamStatistics {
              overall {
                decided
              }
            }
          }
        `),
      ),
    ).toBe('FORBIDDEN');
  });

  describe('protection cases', () => {
    const COURT = '福州市中级人民法院';
    const APPLY = gql`
      mutation ($input: ApplyForProtectionInput!) {
        applyForProtection(input: $input) {
          id
          state
          nextStates
          parties {
            role
            name
            enterprise {
              id
            }
          }
          ipRights {
            kind
            number
          }
        }
      }
    `;
    const PMOVE = gql`
      mutation ($input: MoveProtectionCaseInput!) {
        moveProtectionCase(input: $input) {
          id
          state
          referredTo
          outcomeReceipt {
            seq
          }
        }
      }
    `;
    const deposit = async (content: string) =>
      (
        await applicant.request<{ depositEvidence: { id: string } }>(
          gql`
            mutation ($d: String!) {
              depositEvidence(input: { contentDigest: $d, title: "侵权产品照片", category: PRODUCT_PHOTO }) {
                id
              }
            }
          `,
          { d: createHash('sha256').update(content).digest('hex') },
        )
      ).depositEvidence.id;
    const apply = (evidenceIds: string[]) =>
      applicant.request<{ applyForProtection: { id: string; state: string } }>(APPLY, {
        input: {
          kind: 'INFRINGEMENT',
          route: 'MEDIATION',
          summary: '某电商店铺销售仿冒产品',
          claimant: { name: '华为技术有限公司', enterpriseId },
          respondents: [{ name: '某电商店铺' }],
          ipRights: [{ kind: 'PATENT', number: 'ZL201510958772.0' }],
          evidenceIds,
        },
      });
    const pmove = (id: string, to: string, extra: { court?: string; note?: string } = {}) =>
      staff.request<{ moveProtectionCase: { state: string; referredTo: string | null; outcomeReceipt: { seq: number } | null } }>(PMOVE, {
        input: { caseId: id, to, ...extra },
      });

    it('takes a case citing evidence to a court, which then reads the case and its evidence', async () => {
      const evidenceId = await deposit('侵权产品照片 1');
      const { applyForProtection: c } = await apply([evidenceId]);
      expect(c.state).toBe('APPLIED');
      await pmove(c.id, 'ACCEPTED');
      await pmove(c.id, 'IN_PROGRESS', { note: '调解未成' });
      const referred = (await pmove(c.id, 'REFERRED', { court: COURT })).moveProtectionCase;
      expect(referred).toMatchObject({ state: 'REFERRED', referredTo: COURT });
      const certificate = await t.hub.ledger.certificate(referred.outcomeReceipt!.seq);
      expect(certificate.entry).toMatchObject({ kind: 'CASE_DECISION', subject: `protection:${c.id}` });
      expect(certificate.entry.metadata).toMatchObject({ outcome: 'REFERRED', court: COURT });

      const court = t.client(await t.key('COURT', { organization: COURT }));
      const read = await court.request<{ protectionCase: { state: string; evidence: { title: string; certificate: unknown; depositor: { name: string } }[] } }>(
        gql`
          query ($id: ID!) {
            protectionCase(id: $id) {
              state
              evidence {
                title
                certificate
                depositor {
                  name
                }
              }
            }
          }
        `,
        { id: c.id },
      );
      expect(read.protectionCase.state).toBe('REFERRED');
      expect(read.protectionCase.evidence).toHaveLength(1);
      expect(read.protectionCase.evidence[0]!.depositor.name).toBe('华为技术有限公司');
      const digest = createHash('sha256').update('侵权产品照片 1').digest('hex');
      expect(verifyCertificate(read.protectionCase.evidence[0]!.certificate, { contentDigest: digest, trustedKeys: [t.hub.ledger.verifierKey] }).ok).toBe(true);
      const listed = await court.request<{ protectionCases: { edges: { node: { id: string } }[] } }>(gql`
        {
          protectionCases {
            edges {
              node {
                id
              }
            }
          }
        }
      `);
      expect(listed.protectionCases.edges.map((e) => e.node.id)).toEqual([c.id]);

      // Another court, and evidence no referred case cites, stay closed to this court.
      const other = t.client(await t.key('COURT', { organization: '厦门市中级人民法院' }));
      expect(
        await answersNull(
          other.request(
            gql`
              query ($id: ID!) {
                protectionCase(id: $id) {
                  state
                }
              }
            `,
            { id: c.id },
          ),
        ),
      ).toBe(true);
      expect(
        await answersNull(
          other.request(
            gql`
              query ($id: ID!) {
                evidence(id: $id) {
                  title
                }
              }
            `,
            { id: evidenceId },
          ),
        ),
      ).toBe(true);
      const uncited = await deposit('未引用的证据');
      expect(
        await answersNull(
          court.request(
            gql`
              query ($id: ID!) {
                evidence(id: $id) {
                  title
                }
              }
            `,
            { id: uncited },
          ),
        ),
      ).toBe(true);
      expect(
        (
          await court.request<{ evidence: { title: string } }>(
            gql`
              query ($id: ID!) {
                evidence(id: $id) {
                  title
                }
              }
            `,
            { id: evidenceId },
          )
        ).evidence.title,
      ).toBe('侵权产品照片');

      await pmove(c.id, 'CLOSED');
      const history = await applicant.request<{ protectionCase: { events: { to: string }[] } }>(
        gql`
          query ($id: ID!) {
            protectionCase(id: $id) {
              events {
                to
              }
            }
          }
        `,
        { id: c.id },
      );
      expect(history.protectionCase.events.map((e) => e.to)).toEqual(['APPLIED', 'ACCEPTED', 'IN_PROGRESS', 'REFERRED', 'CLOSED']);
    });

    it('settles a case, and shows enterprise -> cases -> evidence and evidence -> citing cases', async () => {
      const evidenceId = await deposit('侵权产品照片 2');
      const { applyForProtection: c } = await apply([evidenceId]);
      for (const to of ['ACCEPTED', 'IN_PROGRESS', 'SETTLED']) await pmove(c.id, to);
      const r = await applicant.request<{
        enterprise: { protectionCases: { id: string; state: string; evidence: { id: string; citedBy: { id: string }[] }[] }[] };
      }>(
        gql`
          query ($id: ID!) {
            enterprise(id: $id) {
              protectionCases {
                id
                state
                evidence {
                  id
                  citedBy {
                    id
                  }
                }
              }
            }
          }
        `,
        { id: enterpriseId },
      );
      const settled = r.enterprise.protectionCases.find((x) => x.id === c.id)!;
      expect(settled.state).toBe('SETTLED');
      expect(settled.evidence).toEqual([{ id: evidenceId, citedBy: [{ id: c.id }] }]);
    });

    it('opens administrative adjudication to patent infringement alone (Patent Law art. 65), a utility model’s with its evaluation report (art. 66(2)): ROUTE_NOT_AVAILABLE, EVALUATION_REPORT_REQUIRED otherwise, nothing written', async () => {
      const base = {
        kind: 'INFRINGEMENT',
        route: 'ADMINISTRATIVE_ADJUDICATION',
        summary: '某电商店铺销售仿冒产品',
        claimant: { name: '华为技术有限公司', enterpriseId },
        respondents: [{ name: '某电商店铺' }],
        ipRights: [{ kind: 'PATENT', number: 'ZL201510958772.0' }],
      };
      const applyWith = (over: Record<string, unknown>) =>
        applicant.request<{ applyForProtection: { id: string; route: string } }>(APPLY, { input: { ...base, ...over } });
      const count = async () =>
        (
          await staff.request<{ protectionCases: { totalCount: number } }>(gql`
            {
              protectionCases(first: 1) {
                totalCount
              }
            }
          `)
        ).protectionCases.totalCount;
      const before = await count();
      expect(await errorExtensions(applyWith({ kind: 'OWNERSHIP' }))).toMatchObject({ code: 'ROUTE_NOT_AVAILABLE', field: 'route' });
      expect(await errorExtensions(applyWith({ ipRights: [{ kind: 'TRADEMARK', number: '12345678' }] }))).toMatchObject({ code: 'ROUTE_NOT_AVAILABLE' });
      expect(await count()).toBe(before);
      // A utility model's adjudication needs its evaluation report (Patent Law art. 66(2)); an invention's does not.
      const utility = [{ kind: 'PATENT', number: '201620123456.1' }];
      expect(await errorExtensions(applyWith({ ipRights: utility }))).toMatchObject({
        code: 'EVALUATION_REPORT_REQUIRED',
        field: 'evaluationReportDigest',
        patents: ['201620123456.1'],
      });
      expect(await count()).toBe(before);
      const report = 'e0'.repeat(32);
      const reported = await applicant.request<{ applyForProtection: { evaluationReportDigest: string } }>(
        gql`
          mutation ($input: ApplyForProtectionInput!) {
            applyForProtection(input: $input) {
              evaluationReportDigest
            }
          }
        `,
        { input: { ...base, ipRights: utility, evaluationReportDigest: report.toUpperCase() } },
      );
      expect(reported.applyForProtection.evaluationReportDigest).toBe(report);
      // A patent infringement may be adjudicated; an ownership dispute mediated.
      expect((await applyWith({})).applyForProtection.id).toBeTruthy();
      expect((await applyWith({ kind: 'OWNERSHIP', route: 'MEDIATION' })).applyForProtection.id).toBeTruthy();
    });

    it('dates the limitation period from the claimant’s knowledge, three years on (Civil Code art. 188; Patent Law art. 74), and warns when it has passed', async () => {
      const LIMITATION = gql`
        mutation ($input: ApplyForProtectionInput!) {
          applyForProtection(input: $input) {
            knownSince
            limitationEndsOn
            limitationPassed
          }
        }
      `;
      const input = (knownSince?: string) => ({
        kind: 'INFRINGEMENT',
        route: 'MEDIATION',
        summary: '仿冒产品',
        claimant: { name: '华为技术有限公司', enterpriseId },
        respondents: [{ name: '某电商店铺' }],
        ipRights: [{ kind: 'PATENT', number: 'ZL201510958772.0' }],
        ...(knownSince === undefined ? {} : { knownSince }),
      });
      type Limitation = { applyForProtection: { knownSince: string | null; limitationEndsOn: string | null; limitationPassed: boolean | null } };
      const today = hubToday();
      const recent = addYears(today, -1);
      const fresh = (await applicant.request<Limitation>(LIMITATION, { input: input(recent) })).applyForProtection;
      expect(fresh).toMatchObject({ knownSince: recent, limitationPassed: false });
      expect(fresh.limitationEndsOn! >= addYears(recent, 3)).toBe(true);
      const old = addYears(today, -4);
      expect((await applicant.request<Limitation>(LIMITATION, { input: input(old) })).applyForProtection.limitationPassed).toBe(true);
      expect((await applicant.request<Limitation>(LIMITATION, { input: input() })).applyForProtection).toEqual({
        knownSince: null,
        limitationEndsOn: null,
        limitationPassed: null,
      });
      expect(await errorExtensions(applicant.request(LIMITATION, { input: input(addYears(today, 1)) }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'knownSince',
      });
    });

    it('refuses bad applications and illegal moves, writing nothing', async () => {
      const { applyForProtection: c } = await apply([]);
      for (const to of ['IN_PROGRESS', 'SETTLED', 'REFERRED', 'CLOSED'])
        expect(await errorCode(pmove(c.id, to, to === 'REFERRED' ? { court: COURT } : {}))).toBe('INVALID_TRANSITION');
      await pmove(c.id, 'ACCEPTED');
      await pmove(c.id, 'IN_PROGRESS');
      expect(await errorCode(pmove(c.id, 'REFERRED'))).toBe('BAD_USER_INPUT');
      expect(await errorCode(pmove(c.id, 'SETTLED', { court: COURT }))).toBe('BAD_USER_INPUT');
      const after = await staff.request<{ protectionCase: { state: string; events: unknown[] } }>(
        gql`
          query ($id: ID!) {
            protectionCase(id: $id) {
              state
              events {
                to
              }
            }
          }
        `,
        { id: c.id },
      );
      expect(after.protectionCase).toMatchObject({ state: 'IN_PROGRESS' });
      expect(after.protectionCase.events).toHaveLength(3);

      expect(await errorCode(apply(['no-such-evidence']))).toBe('NOT_FOUND');
      const stranger = t.client(await t.key('ENTERPRISE', { enterpriseId: 'another-enterprise' }));
      const theirs = (
        await staff.request<{ depositEvidence: { id: string } }>(
          gql`
            mutation ($d: String!) {
              depositEvidence(input: { contentDigest: $d, title: "x", category: OTHER, depositorId: "another-enterprise" }) {
                id
              }
            }
          `,
          { d: createHash('sha256').update('their evidence').digest('hex') },
        )
      ).depositEvidence.id;
      expect(await errorCode(apply([theirs]))).toBe('FORBIDDEN');
      expect(
        await errorCode(
          stranger.request(APPLY, {
            input: {
              kind: 'CONTRACT',
              route: 'ARBITRATION',
              summary: 's',
              claimant: { name: 'x', enterpriseId },
              respondents: [{ name: 'y' }],
              ipRights: [{ kind: 'TRADEMARK', number: '12345678' }],
            },
          }),
        ),
      ).toBe('FORBIDDEN');
      expect(
        await errorCode(
          applicant.request(APPLY, {
            input: {
              kind: 'CONTRACT',
              route: 'ARBITRATION',
              summary: 's',
              claimant: { name: 'x', enterpriseId },
              respondents: [{ name: 'y' }],
              ipRights: [{ kind: 'PATENT', number: '201510958772.1' }],
            },
          }),
        ),
      ).toBe('INVALID_PATENT_NUMBER');
      // One application names at most 20 respondents, 20 rights and 50 deposits: refused, naming the list, and nothing filed.
      for (const [field, over] of [
        ['respondents', { respondents: Array.from({ length: 21 }, (_, i) => ({ name: `店铺 ${i}` })) }],
        ['ipRights', { ipRights: Array.from({ length: 21 }, () => ({ kind: 'TRADEMARK', number: '12345678' })) }],
        ['evidenceIds', { evidenceIds: Array.from({ length: 51 }, (_, i) => `e-${i}`) }],
      ] as const) {
        const base: Record<string, unknown> = {
          kind: 'CONTRACT',
          route: 'ARBITRATION',
          summary: 's',
          claimant: { name: 'x', enterpriseId },
          respondents: [{ name: 'y' }],
          ipRights: [{ kind: 'TRADEMARK', number: '12345678' }],
        };
        const input = { ...base, ...over };
        expect(await errorExtensions(applicant.request(APPLY, { input }))).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect(
        await answersNull(
          stranger.request(
            gql`
              query ($id: ID!) {
                protectionCase(id: $id) {
                  state
                }
              }
            `,
            { id: c.id },
          ),
        ),
      ).toBe(true);
      expect(await errorCode(applicant.request(PMOVE, { input: { caseId: c.id, to: 'SETTLED' } }))).toBe('FORBIDDEN');
    });
  });
});
