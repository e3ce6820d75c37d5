// The notifications of case filings and moves: their ids, types, audiences and data, and that
// each is one the outbox accepts whatever the case holds.
import { describe, expect, it } from 'vitest';

import { notificationProblem } from '../../outbox/notification.js';
import type { CaseEvent, PreExamCaseRecord, ProtectionCaseRecord } from './domain/model.js';
import type { ProtectionState } from './domain/workflow.js';
import { preExamFiled, preExamMoved, protectionFiled, protectionMoved } from './notices.js';

const PRE: PreExamCaseRecord = {
  id: 'c1',
  enterpriseId: 'e1',
  applicationNumber: '201510958772.0',
  title: '一种图像编码方法',
  industry: '软件和信息技术服务业',
  state: 'RECEIVED',
  receivedAt: '2026-03-01T08:00:00.000Z',
  decidedAt: null,
  decisionReceipt: null,
  updatedAt: '2026-03-01T08:00:00.000Z',
};
const filed: CaseEvent = { at: PRE.receivedAt, actor: 'key-e', role: 'ENTERPRISE', from: null, to: 'RECEIVED', note: null };
const step = (at: string, from: CaseEvent['from'], to: CaseEvent['to'], note: string | null = null): CaseEvent => ({
  at,
  actor: 'key-s',
  role: 'CENTER_STAFF',
  from,
  to,
  note,
});

const PROTECTION: ProtectionCaseRecord = {
  id: 'p1',
  kind: 'INFRINGEMENT',
  route: 'COURT_REFERRAL',
  summary: '乙商店涉嫌侵犯甲公司的专利权',
  state: 'APPLIED',
  parties: [
    { role: 'RESPONDENT', enterpriseId: 'e2', name: '乙公司' },
    { role: 'CLAIMANT', enterpriseId: 'e1', name: '甲公司' },
    { role: 'RESPONDENT', enterpriseId: null, name: '乙商店' },
    { role: 'RESPONDENT', enterpriseId: 'e1', name: '甲公司（另一身份）' },
  ],
  ipRights: [{ kind: 'PATENT', number: '201510958772.0' }],
  evidenceIds: ['ev1'],
  referredTo: null,
  appliedAt: '2026-04-01T08:00:00.000Z',
  knownSince: null,
  outcomeAt: null,
  outcomeReceipt: null,
  updatedAt: '2026-04-01T08:00:00.000Z',
};
const applied: CaseEvent<ProtectionState> = { at: PROTECTION.appliedAt, actor: 'key-e', role: 'ENTERPRISE', from: null, to: 'APPLIED', note: null };
const protectionStep = (at: string, from: ProtectionState, to: ProtectionState, note: string | null = null): CaseEvent<ProtectionState> => ({
  at,
  actor: 'key-s',
  role: 'CENTER_STAFF',
  from,
  to,
  note,
});
const COURT = '福州市中级人民法院';
const receipt = { seq: 42, entryHash: 'ab'.repeat(32), timestamp: 1_772_400_000_000 };
/** As GraphQL's LedgerReceipt shows it. */
const shown = { ...receipt, timestamp: '2026-03-01T21:20:00.000Z' };

describe('pre-examination case notifications', () => {
  it('tells the applicant and the centre of a filing, once per case', () => {
    expect(preExamFiled(PRE, filed)).toStrictEqual({
      id: 'case.filed:pre_exam_case:c1',
      type: 'case.filed',
      occurredAt: '2026-03-01T08:00:00.000Z',
      subject: 'pre_exam_case:c1',
      audience: [{ kind: 'CENTRE' }, { kind: 'ENTERPRISE', id: 'e1' }],
      data: { caseId: 'c1', caseKind: 'PRE_EXAM', applicationNumber: '201510958772.0', title: '一种图像编码方法', state: 'RECEIVED' },
    });
  });

  it('tells the applicant of each move, with its number, title, note and any decision receipt', () => {
    const moved = step('2026-03-01T09:00:00.000Z', 'RECEIVED', 'CLASSIFIED', '分类：G06F');
    expect(preExamMoved({ ...PRE, state: 'CLASSIFIED' }, moved)).toStrictEqual({
      id: 'case.moved:pre_exam_case:c1:2026-03-01T09:00:00.000Z:CLASSIFIED',
      type: 'case.moved',
      occurredAt: '2026-03-01T09:00:00.000Z',
      subject: 'pre_exam_case:c1',
      audience: [{ kind: 'ENTERPRISE', id: 'e1' }],
      data: {
        caseId: 'c1',
        caseKind: 'PRE_EXAM',
        applicationNumber: '201510958772.0',
        title: '一种图像编码方法',
        from: 'RECEIVED',
        to: 'CLASSIFIED',
        note: '分类：G06F',
        decisionReceipt: null,
      },
    });
    const decided = preExamMoved(
      { ...PRE, state: 'PASSED', decidedAt: '2026-03-05T08:00:00.000Z', decisionReceipt: receipt },
      step('2026-03-05T08:00:00.000Z', 'QUALITY_CHECK', 'PASSED'),
    );
    expect(decided.data).toMatchObject({ from: 'QUALITY_CHECK', to: 'PASSED', decisionReceipt: shown });
  });

  it('gives the same write the same id, and every other move another', () => {
    const a = step('2026-03-01T09:00:00.000Z', 'RECEIVED', 'CLASSIFIED');
    expect(preExamMoved(PRE, a).id).toBe(preExamMoved(PRE, { ...a }).id);
    const ids = new Set([
      preExamFiled(PRE, filed).id,
      preExamMoved(PRE, a).id,
      preExamMoved(PRE, step('2026-03-01T09:00:00.000Z', 'CLASSIFIED', 'EXAMINING')).id,
      preExamMoved(PRE, step('2026-03-01T09:00:00.001Z', 'RECEIVED', 'CLASSIFIED')).id,
      preExamMoved({ ...PRE, id: 'c2' }, a).id,
      protectionMoved({ ...PROTECTION, id: 'c1' }, protectionStep('2026-03-01T09:00:00.000Z', 'APPLIED', 'ACCEPTED')).id,
    ]);
    expect(ids.size).toBe(6);
  });
});

describe('protection case notifications', () => {
  it('tells the centre and the claimant of an application, and no respondent before staff accept it', () => {
    expect(protectionFiled(PROTECTION, applied)).toStrictEqual({
      id: 'case.filed:protection_case:p1',
      type: 'case.filed',
      occurredAt: '2026-04-01T08:00:00.000Z',
      subject: 'protection_case:p1',
      audience: [{ kind: 'CENTRE' }, { kind: 'ENTERPRISE', id: 'e1' }],
      data: {
        caseId: 'p1',
        caseKind: 'PROTECTION',
        protectionKind: 'INFRINGEMENT',
        route: 'COURT_REFERRAL',
        summary: PROTECTION.summary,
        referredTo: null,
        state: 'APPLIED',
      },
    });
  });

  it('tells the parties of each move from acceptance on (a rejection or a withdrawal before it, the claimant alone), and the court once the case names it', () => {
    for (const to of ['REJECTED', 'WITHDRAWN'] as const) {
      expect(protectionMoved({ ...PROTECTION, state: to }, protectionStep('2026-04-02T00:00:00.000Z', 'APPLIED', to)).audience).toStrictEqual([
        { kind: 'ENTERPRISE', id: 'e1' },
      ]);
    }
    const accepted = protectionMoved({ ...PROTECTION, state: 'ACCEPTED' }, protectionStep('2026-04-02T00:00:00.000Z', 'APPLIED', 'ACCEPTED'));
    expect(accepted.audience).toStrictEqual([
      { kind: 'ENTERPRISE', id: 'e1' },
      { kind: 'ENTERPRISE', id: 'e2' },
    ]);
    const referred = { ...PROTECTION, state: 'REFERRED' as const, referredTo: COURT, outcomeAt: '2026-04-05T00:00:00.000Z', outcomeReceipt: receipt };
    const n = protectionMoved(referred, protectionStep('2026-04-05T00:00:00.000Z', 'IN_PROGRESS', 'REFERRED', '移送法院'));
    expect(n).toStrictEqual({
      id: 'case.moved:protection_case:p1:2026-04-05T00:00:00.000Z:REFERRED',
      type: 'case.moved',
      occurredAt: '2026-04-05T00:00:00.000Z',
      subject: 'protection_case:p1',
      audience: [
        { kind: 'ORGANIZATION', role: 'COURT', name: COURT },
        { kind: 'ENTERPRISE', id: 'e1' },
        { kind: 'ENTERPRISE', id: 'e2' },
      ],
      data: {
        caseId: 'p1',
        caseKind: 'PROTECTION',
        protectionKind: 'INFRINGEMENT',
        route: 'COURT_REFERRAL',
        summary: PROTECTION.summary,
        referredTo: COURT,
        from: 'IN_PROGRESS',
        to: 'REFERRED',
        note: '移送法院',
        outcomeReceipt: shown,
      },
    });
    // Closing a referred case: the court still hears of it.
    const closed = protectionMoved({ ...referred, state: 'CLOSED' }, protectionStep('2026-04-06T00:00:00.000Z', 'REFERRED', 'CLOSED'));
    expect(closed.audience[0]).toStrictEqual({ kind: 'ORGANIZATION', role: 'COURT', name: COURT });
  });
});

describe('whatever the case holds, the outbox accepts its notifications', () => {
  it('leaves out recipients no inbox could name, and keeps at most twenty, the court among them', () => {
    // Moves after acceptance tell every party: the case below is past it.
    const many: ProtectionCaseRecord = {
      ...PROTECTION,
      referredTo: COURT,
      parties: [
        { role: 'CLAIMANT', enterpriseId: 'e0', name: '甲' },
        { role: 'RESPONDENT', enterpriseId: 'x'.repeat(201), name: '太长' },
        { role: 'RESPONDENT', enterpriseId: 'bad\nid', name: '控制字符' },
        ...Array.from({ length: 30 }, (_, i) => ({ role: 'RESPONDENT' as const, enterpriseId: `r${i}`, name: `乙${i}` })),
      ],
    };
    for (const n of [
      protectionMoved(many, protectionStep('2026-04-05T00:00:00.000Z', 'IN_PROGRESS', 'REFERRED')),
      protectionMoved(many, protectionStep('2026-04-06T00:00:00.000Z', 'REFERRED', 'CLOSED')),
    ]) {
      expect(notificationProblem(n)).toBeUndefined();
      expect(n.audience).toHaveLength(20);
      expect(n.audience).toContainEqual({ kind: 'ORGANIZATION', role: 'COURT', name: COURT });
      expect(n.audience).toContainEqual({ kind: 'ENTERPRISE', id: 'e0' });
      expect(n.audience.some((a) => a.kind === 'ENTERPRISE' && (a.id.length > 200 || a.id.includes('\n')))).toBe(false);
    }
  });

  it('drops the free text when it would take the data past its bound, keeping what identifies the move', () => {
    // Control characters take six bytes each in JSON.
    const noisy = '\u0001'.repeat(2000);
    const c = { ...PROTECTION, summary: noisy, state: 'ACCEPTED' as const };
    const n = protectionMoved(c, protectionStep('2026-04-02T00:00:00.000Z', 'APPLIED', 'ACCEPTED', noisy));
    expect(notificationProblem(n)).toBeUndefined();
    expect(n.data).toStrictEqual({
      caseId: 'p1',
      caseKind: 'PROTECTION',
      protectionKind: 'INFRINGEMENT',
      route: 'COURT_REFERRAL',
      referredTo: null,
      from: 'APPLIED',
      to: 'ACCEPTED',
      truncated: true,
    });
    const pre = preExamMoved({ ...PRE, title: '\u0002'.repeat(500) }, step('2026-03-01T09:00:00.000Z', 'RECEIVED', 'CLASSIFIED', noisy));
    expect(notificationProblem(pre)).toBeUndefined();
    // Text that fits is kept whole.
    const long = preExamMoved({ ...PRE, title: '题'.repeat(500) }, step('2026-03-01T09:00:00.000Z', 'RECEIVED', 'CLASSIFIED', '注'.repeat(2000)));
    expect(long.data).toMatchObject({ title: '题'.repeat(500), note: '注'.repeat(2000) });
    expect(notificationProblem(long)).toBeUndefined();
  });
});
