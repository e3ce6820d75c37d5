// Case filings and moves through the gateway leave their notifications in the cases store's
// outbox, written with the change: one per filing and per move, to the enterprises the case
// concerns and the court it was referred to; a refused move leaves none. Relayed, they reach
// those inboxes. The hub's own relay is held back (an hour between looks) so that the outbox is
// seen as the writes left it; the tests relay with the same function when they mean to.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Notification } from '../outbox/notification.js';
import { openCasesSubgraph } from '../subgraphs/cases/index.js';
import type { CasesStore } from '../subgraphs/cases/store/port.js';
import { OUTBOX_OWNERS } from '../subgraphs/index.js';
import { notificationsSubgraph } from '../subgraphs/notifications/index.js';
import { relayPending } from '../subgraphs/notifications/relay.js';
import { openNotificationStore } from '../subgraphs/notifications/store/open.js';
import type { NotificationStore } from '../subgraphs/notifications/store/port.js';
import { errorCode, startTestHub, type TestHub } from './support/hub.js';
import { registerEnterprise } from './support/registry.js';

const COURT = '福州市中级人民法院';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const FILE = gql`
  mutation ($input: FilePreExaminationInput!) {
    filePreExamination(input: $input) {
      id
      receivedAt
    }
  }
`;
const MOVE = gql`
  mutation ($input: MovePreExamCaseInput!) {
    movePreExamCase(input: $input) {
      state
      decisionReceipt {
        seq
        entryHash
        timestamp
      }
    }
  }
`;
const APPLY = gql`
  mutation ($input: ApplyForProtectionInput!) {
    applyForProtection(input: $input) {
      id
      appliedAt
    }
  }
`;
const PMOVE = gql`
  mutation ($input: MoveProtectionCaseInput!) {
    moveProtectionCase(input: $input) {
      state
      outcomeReceipt {
        seq
        entryHash
        timestamp
      }
    }
  }
`;

const INBOX = gql`
  query {
    inbox {
      notifications(first: 50) {
        edges {
          node {
            notification {
              id
              type
              data
            }
          }
        }
      }
    }
  }
`;

describe('case notifications', () => {
  let t: TestHub;
  let store: CasesStore;
  let notifications: NotificationStore;
  let staff: GraphQLClient;
  let applicant: GraphQLClient;
  let huawei: string;
  let tencent: string;

  const seen = new Set<string>();
  /** The notifications written to the outbox since the last call, oldest first (left pending). */
  async function written(): Promise<Notification[]> {
    const fresh = (await store.outbox.pending(1000)).filter((n) => !seen.has(n.id));
    for (const n of fresh) seen.add(n.id);
    return fresh;
  }

  beforeAll(async () => {
    t = await startTestHub({
      open: {
        cases: (storage, ledger, hub) =>
          openCasesSubgraph(storage, ledger, hub, (s) => {
            store = s;
            return s;
          }),
        notifications: async (storage, ledger, hub, { owners }) => {
          notifications = await openNotificationStore(storage);
          return notificationsSubgraph(OUTBOX_OWNERS, { owners, pollMs: 3_600_000 })(storage, ledger, hub);
        },
      },
    });
    staff = t.client(await t.key('CENTER_STAFF'));
    const enterprise = (uscc: string, name: string) =>
      registerEnterprise(staff, { uscc, name, regionCode: '440300', industry: '计算机、通信和其他电子设备制造业' });
    huawei = await enterprise('914403001922038216', '华为技术有限公司');
    tencent = await enterprise('9144030071526726XG', '深圳市腾讯计算机系统有限公司');
    applicant = t.client(await t.key('ENTERPRISE', { enterpriseId: huawei }));
  });
  afterAll(async () => {
    await notifications?.close();
    await t?.close();
  });

  it('tells the applicant of a pre-examination filing and of each move, and nothing of a refused move', async () => {
    expect(await written()).toEqual([]);
    const filed = (
      await applicant.request<{ filePreExamination: { id: string; receivedAt: string } }>(FILE, {
        input: { enterpriseId: huawei, applicationNumber: 'CN 201510958772.0', title: '一种数据传输方法', industry: '新一代信息技术' },
      })
    ).filePreExamination;
    const subject = `pre_exam_case:${filed.id}`;
    expect(await written()).toEqual([
      {
        id: `case.filed:${subject}`,
        type: 'case.filed',
        occurredAt: filed.receivedAt,
        subject,
        audience: [{ kind: 'CENTRE' }, { kind: 'ENTERPRISE', id: huawei }],
        data: { caseId: filed.id, caseKind: 'PRE_EXAM', applicationNumber: '201510958772.0', title: '一种数据传输方法', state: 'RECEIVED' },
      },
    ]);

    const move = (to: string, note?: string) =>
      staff.request<{ movePreExamCase: { decisionReceipt: unknown } }>(MOVE, { input: { caseId: filed.id, to, note } });
    // Refused: not a next state. Nothing written.
    expect(await errorCode(move('PASSED'))).toBe('INVALID_TRANSITION');
    expect(await written()).toEqual([]);

    await move('CLASSIFIED', '分类：G06F');
    const [classified, ...others] = await written();
    expect(others).toEqual([]);
    expect(classified).toEqual({
      id: expect.stringMatching(new RegExp(`^case\\.moved:${subject}:.+:CLASSIFIED$`)),
      type: 'case.moved',
      occurredAt: expect.stringMatching(ISO),
      subject,
      audience: [{ kind: 'ENTERPRISE', id: huawei }],
      data: {
        caseId: filed.id,
        caseKind: 'PRE_EXAM',
        applicationNumber: '201510958772.0',
        title: '一种数据传输方法',
        from: 'RECEIVED',
        to: 'CLASSIFIED',
        note: '分类：G06F',
        decisionReceipt: null,
      },
    });
    await move('EXAMINING');
    await move('QUALITY_CHECK');
    const { decisionReceipt } = (await move('PASSED')).movePreExamCase;
    const moves = await written();
    expect(moves.map((n) => [n.data.from, n.data.to])).toEqual([
      ['CLASSIFIED', 'EXAMINING'],
      ['EXAMINING', 'QUALITY_CHECK'],
      ['QUALITY_CHECK', 'PASSED'],
    ]);
    expect(moves.at(-1)!.data.decisionReceipt).toEqual(decisionReceipt);
    expect(new Set([classified!.id, ...moves.map((n) => n.id)]).size).toBe(4);
  });

  it('tells the parties of a protection case of its application and moves, and the court once it is referred there', async () => {
    const applied = (
      await applicant.request<{ applyForProtection: { id: string; appliedAt: string } }>(APPLY, {
        input: {
          kind: 'INFRINGEMENT',
          route: 'COURT_REFERRAL',
          summary: '某公司涉嫌侵犯专利权',
          claimant: { name: '华为技术有限公司', enterpriseId: huawei },
          respondents: [{ name: '深圳市腾讯计算机系统有限公司', enterpriseId: tencent }, { name: '某电商店铺' }],
          ipRights: [{ kind: 'PATENT', number: 'ZL201510958772.0' }],
        },
      })
    ).applyForProtection;
    const subject = `protection_case:${applied.id}`;
    const parties = [
      { kind: 'ENTERPRISE', id: huawei },
      { kind: 'ENTERPRISE', id: tencent },
    ];
    expect(await written()).toEqual([
      {
        id: `case.filed:${subject}`,
        type: 'case.filed',
        occurredAt: applied.appliedAt,
        subject,
        // The respondent is not told of an application staff have not accepted.
        audience: [{ kind: 'CENTRE' }, parties[0]],
        data: {
          caseId: applied.id,
          caseKind: 'PROTECTION',
          protectionKind: 'INFRINGEMENT',
          route: 'COURT_REFERRAL',
          summary: '某公司涉嫌侵犯专利权',
          referredTo: null,
          state: 'APPLIED',
        },
      },
    ]);

    // Nothing relayed yet: the court's inbox is empty.
    const court = t.client(await t.key('COURT', { organization: COURT }));
    const respondent = t.client(await t.key('ENTERPRISE', { enterpriseId: tencent }));
    const inbox = async (client: GraphQLClient) =>
      (
        await client.request<{
          inbox: { notifications: { edges: { node: { notification: { id: string; type: string; data: Record<string, unknown> } } }[] } };
        }>(INBOX)
      ).inbox.notifications.edges.map((e) => e.node.notification);
    expect(await inbox(court)).toEqual([]);

    const pmove = (to: string, extra: { court?: string } = {}) =>
      staff.request<{ moveProtectionCase: { outcomeReceipt: unknown } }>(PMOVE, { input: { caseId: applied.id, to, ...extra } });
    await pmove('ACCEPTED');
    expect(await errorCode(pmove('ACCEPTED'))).toBe('INVALID_TRANSITION');
    await pmove('IN_PROGRESS');
    const { outcomeReceipt } = (await pmove('REFERRED', { court: COURT })).moveProtectionCase;
    await pmove('CLOSED');
    const moves = await written();
    expect(moves.map((n) => [n.type, n.data.from, n.data.to])).toEqual([
      ['case.moved', 'APPLIED', 'ACCEPTED'],
      ['case.moved', 'ACCEPTED', 'IN_PROGRESS'],
      ['case.moved', 'IN_PROGRESS', 'REFERRED'],
      ['case.moved', 'REFERRED', 'CLOSED'],
    ]);
    expect(moves.map((n) => n.audience)).toEqual([
      parties,
      parties,
      [{ kind: 'ORGANIZATION', role: 'COURT', name: COURT }, ...parties],
      [{ kind: 'ORGANIZATION', role: 'COURT', name: COURT }, ...parties],
    ]);
    expect(moves[2]!.data).toMatchObject({ referredTo: COURT, outcomeReceipt });

    // Relayed as the hub's relay does it: accepted by the notification store, then no longer
    // pending. The court's inbox holds the referral and the closing; the respondent's every move from the acceptance on.
    expect(await relayPending(store.outbox, notifications, 100)).toBe(seen.size);
    expect(await store.outbox.pending(10)).toEqual([]);
    expect((await inbox(court)).map((n) => [n.type, n.data.to])).toEqual([
      ['case.moved', 'CLOSED'],
      ['case.moved', 'REFERRED'],
    ]);
    expect((await inbox(respondent)).map((n) => n.data.to ?? n.type)).toEqual(['CLOSED', 'REFERRED', 'IN_PROGRESS', 'ACCEPTED']);
  });
});
