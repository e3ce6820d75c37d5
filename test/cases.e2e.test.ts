// Patent pre-examination through the gateway: filing, every step of the workflow, illegal moves,
// ledger-anchored decisions verified offline, statistics, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { gql, type GraphQLClient } from 'graphql-request';
import { startTestHub, errorCode, type TestHub } from './support/hub.js';
import { verifyCertificate } from '../ledger/verify/certificate.js';
import { canonicalMetadata } from '../ledger/entry.js';

const FILE = gql`
  mutation ($input: FilePreExaminationInput!) {
    filePreExamination(input: $input) { id state applicationNumber nextStates }
  }
`;
const MOVE = gql`
  mutation ($input: MovePreExamCaseInput!) {
    movePreExamCase(input: $input) { id state decidedAt cycleDays decisionReceipt { seq entryHash } }
  }
`;
const CASE = gql`
  query ($id: ID!) {
    preExamCase(id: $id) { state events { from to role actor note } decisionReceipt { seq } }
  }
`;

type Moved = { movePreExamCase: { state: string; decidedAt: string | null; cycleDays: number | null; decisionReceipt: { seq: number; entryHash: string } | null } };

describe('pre-examination cases', () => {
  let t: TestHub;
  let staff: GraphQLClient;
  let applicant: GraphQLClient;
  let enterpriseId: string;

  beforeAll(async () => {
    t = await startTestHub();
    staff = t.client(await t.key('CENTER_STAFF'));
    const r = await staff.request<{ registerEnterprise: { id: string } }>(
      gql`mutation { registerEnterprise(input: { uscc: "914403001922038216", name: "华为技术有限公司", regionCode: "440300", industry: "计算机、通信和其他电子设备制造业" }) { id } }`,
    );
    enterpriseId = r.registerEnterprise.id;
    applicant = t.client(await t.key('ENTERPRISE', { enterpriseId }));
    await applicant.request(gql`mutation ($e: ID!) { registerPatent(input: { enterpriseId: $e, applicationNumber: "201510958772.0", title: "一种数据传输方法", filingDate: "2015-12-28" }) { applicationNumber } }`, {
      e: enterpriseId,
    });
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

    const history = await applicant.request<{ preExamCase: { events: { from: string | null; to: string; role: string; note: string | null }[]; decisionReceipt: { seq: number } } }>(CASE, { id: filed.id });
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
    expect(verifyCertificate(JSON.parse(JSON.stringify(certificate)), { contentDigest: decisionDigest, trustedKeys: [t.hub.ledger.verifierKey] }).ok).toBe(true);
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
    expect(await errorCode(other.request(CASE, { id: filed.id }))).toBe('FORBIDDEN');
    expect(await errorCode(other.request(FILE, { input: { enterpriseId, applicationNumber: '201510958772.0', title: 't', industry: 'i' } }))).toBe('FORBIDDEN');
    expect(await errorCode(t.client(await t.key('BANK')).request(CASE, { id: filed.id }))).toBe('FORBIDDEN');
    expect(await errorCode(t.anonymous.request(CASE, { id: filed.id }))).toBe('UNAUTHENTICATED');
    expect(await errorCode(applicant.request(FILE, { input: { enterpriseId, applicationNumber: '201510958772.1', title: 't', industry: 'i' } }))).toBe('INVALID_PATENT_NUMBER');
  });

  it('joins cases to the enterprise and patent subgraphs', async () => {
    const r = await applicant.request<{ enterprise: { name: string; preExamCases: { state: string; patent: { title: string } }[] } }>(
      gql`query ($id: ID!) { enterprise(id: $id) { name preExamCases { state patent { title } } } }`,
      { id: enterpriseId },
    );
    expect(r.enterprise.name).toBe('华为技术有限公司');
    expect(r.enterprise.preExamCases.length).toBeGreaterThanOrEqual(4);
    expect(r.enterprise.preExamCases.every((c) => c.patent.title === '一种数据传输方法')).toBe(true);
  });

  it('reports cycle-time statistics to centre staff', async () => {
    const r = await staff.request<{ preExamStatistics: { overall: { decided: number; averageDays: number; p90Days: number; shareWithin7Days: number }; byIndustry: { key: string; cycleTime: { decided: number } }[]; byMonth: { key: string }[] } }>(
      gql`{ preExamStatistics { overall { decided averageDays p90Days shareWithin7Days } byIndustry { key cycleTime { decided } } byMonth { key } } }`,
    );
    expect(r.preExamStatistics.overall).toMatchObject({ decided: 2, shareWithin7Days: 1 });
    expect(r.preExamStatistics.byIndustry).toEqual([{ key: '新一代信息技术', cycleTime: { decided: 2 } }]);
    expect(r.preExamStatistics.byMonth).toEqual([{ key: new Date().toISOString().slice(0, 7) }]);
    expect(await errorCode(applicant.request(gql`{ preExamStatistics { overall { decided } } }`))).toBe('FORBIDDEN');
  });
});
