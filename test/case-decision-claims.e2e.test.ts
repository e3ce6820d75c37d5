// Nothing signed that did not happen, for case decisions: a move claims the case in its store
// before it appends, so of racing moves one is signed and the others are refused before the
// ledger; a claim left by a request that died is taken over once stale, and the decision it
// signed, found on the ledger by its digest, is finished as signed rather than signed twice.
import { gql, type GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { documentDigest, type Metadata } from '../ledger/index.js';
import { preExamDecision, protectionOutcome } from '../subgraphs/cases/decision.js';
import type { CaseEvent } from '../subgraphs/cases/domain/model.js';
import type { ProtectionState } from '../subgraphs/cases/domain/workflow.js';
import { openCasesSubgraph } from '../subgraphs/cases/index.js';
import type { CasesStore } from '../subgraphs/cases/store/port.js';
import { CLAIM_LEASE_MS } from '../subgraphs/common/claim-lease.js';
import { errorCode, errorExtensions, startTestHub, type TestHub } from './support/hub.js';
import { registerEnterprise } from './support/registry.js';

const COURT = '福州市中级人民法院';

const FILE = gql`
  mutation ($input: FilePreExaminationInput!) {
    filePreExamination(input: $input) {
      id
    }
  }
`;
const MOVE = gql`
  mutation ($input: MovePreExamCaseInput!) {
    movePreExamCase(input: $input) {
      state
      decidedAt
      decisionReceipt {
        seq
      }
    }
  }
`;
const APPLY = gql`
  mutation ($input: ApplyForProtectionInput!) {
    applyForProtection(input: $input) {
      id
    }
  }
`;
const PMOVE = gql`
  mutation ($input: MoveProtectionCaseInput!) {
    moveProtectionCase(input: $input) {
      state
      referredTo
      outcomeReceipt {
        seq
      }
    }
  }
`;

type Moved = { movePreExamCase: { state: string; decidedAt: string | null; decisionReceipt: { seq: number } | null } };
type ProtectionMoved = { moveProtectionCase: { state: string; referredTo: string | null; outcomeReceipt: { seq: number } | null } };

/** When a claim made now would have been made by a request dead for longer than the lease. */
const longDead = () => new Date(Date.now() - CLAIM_LEASE_MS - 1_000).toISOString();

describe('case decisions signed only when made (nothing signed that did not happen)', () => {
  let t: TestHub;
  let store: CasesStore;
  let staff: GraphQLClient;
  let enterpriseId: string;

  beforeAll(async () => {
    t = await startTestHub({
      open: {
        cases: (storage, ledger, hub) =>
          openCasesSubgraph(storage, ledger, hub, (s) => {
            store = s;
            return s;
          }),
      },
    });
    staff = t.client(await t.key('CENTER_STAFF'));
    enterpriseId = await registerEnterprise(staff, { uscc: '914403001922038216', name: '华为技术有限公司', regionCode: '440300', industry: '制造业' });
  });
  afterAll(() => t.close());

  const ledgerSize = async () => (await t.hub.ledger.audit()).size;
  /** The CASE_DECISION entries on the ledger for `subject`, oldest first. */
  async function decisionsOn(subject: string) {
    const size = await ledgerSize();
    const entries = await Promise.all(Array.from({ length: size }, (_, seq) => t.hub.ledger.entry(seq)));
    return entries.flatMap((e) => (e?.kind === 'CASE_DECISION' && e.subject === subject ? [e] : []));
  }
  /** Appends `document` as a dead request would have, before it died: returns the entry's seq. */
  const signAsDead = async (subject: string, document: Metadata) =>
    (await t.hub.ledger.append({ kind: 'CASE_DECISION', subject, contentDigest: documentDigest(document), depositor: 'dead-key', metadata: document })).seq;

  const move = (id: string, to: string) => staff.request<Moved>(MOVE, { input: { caseId: id, to } });
  const pmove = (id: string, to: string, court?: string) => staff.request<ProtectionMoved>(PMOVE, { input: { caseId: id, to, court } });

  /** A pre-examination case filed and moved to QUALITY_CHECK, a decision away. */
  async function caseToDecide(): Promise<string> {
    const { filePreExamination } = await staff.request<{ filePreExamination: { id: string } }>(FILE, {
      input: { enterpriseId, applicationNumber: '201510958772.0', title: '一种数据传输方法', industry: '新一代信息技术' },
    });
    for (const to of ['CLASSIFIED', 'EXAMINING', 'QUALITY_CHECK']) await move(filePreExamination.id, to);
    return filePreExamination.id;
  }
  /** A protection case applied for: ACCEPTED, REJECTED or WITHDRAWN next. */
  async function caseApplied(): Promise<string> {
    const { applyForProtection } = await staff.request<{ applyForProtection: { id: string } }>(APPLY, {
      input: {
        kind: 'INFRINGEMENT',
        route: 'MEDIATION',
        summary: '某电商店铺销售仿冒产品',
        claimant: { name: '华为技术有限公司', enterpriseId },
        respondents: [{ name: '某电商店铺' }],
        ipRights: [{ kind: 'PATENT', number: 'ZL201510958772.0' }],
      },
    });
    return applyForProtection.id;
  }
  /** A protection case accepted and IN_PROGRESS, an outcome away. */
  async function caseInProgress(): Promise<string> {
    const id = await caseApplied();
    for (const to of ['ACCEPTED', 'IN_PROGRESS']) await pmove(id, to);
    return id;
  }
  /** Exactly one of `outcomes` went through; the others were refused as a lost race is. */
  async function oneWon(outcomes: PromiseSettledResult<unknown>[]): Promise<void> {
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    // CONFLICT for a move that read the case undecided, INVALID_TRANSITION for one that read it decided.
    for (const o of outcomes) if (o.status === 'rejected') expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(await errorCode(Promise.reject(o.reason)));
  }

  it('signs one decision of racing PASSED and RETURNED moves of a pre-examination case: the one its store keeps', async () => {
    // Several cases raced at once, so that the moves of each interleave.
    const ids = await Promise.all([caseToDecide(), caseToDecide(), caseToDecide()]);
    const outcomes = await Promise.all(ids.map((id) => Promise.allSettled(['PASSED', 'RETURNED', 'PASSED', 'RETURNED'].map((to) => move(id, to)))));
    for (const [i, id] of ids.entries()) {
      await oneWon(outcomes[i]!);
      const [decided] = await store.preExam.byIds([id]);
      const signed = await decisionsOn(`pre-exam:${id}`);
      expect(signed).toHaveLength(1);
      expect(decided!.decisionReceipt?.seq).toBe(signed[0]!.seq);
      expect(signed[0]!.metadata).toMatchObject({ decision: decided!.state, decidedAt: decided!.decidedAt });
      // One decision in its history too.
      const [events] = await store.preExam.eventsOf([id]);
      expect(events!.filter((e) => e.from === 'QUALITY_CHECK')).toHaveLength(1);
    }
  });

  it('signs one outcome of racing moves of a protection case: the one its store keeps', async () => {
    const id = await caseInProgress();
    const outcomes = await Promise.allSettled([
      pmove(id, 'SETTLED'),
      pmove(id, 'REFERRED', COURT),
      pmove(id, 'WITHDRAWN'),
      pmove(id, 'SETTLED'),
      pmove(id, 'REFERRED', COURT),
    ]);
    await oneWon(outcomes);
    const [decided] = await store.protection.byIds([id]);
    const signed = await decisionsOn(`protection:${id}`);
    expect(signed).toHaveLength(1);
    expect(decided!.outcomeReceipt?.seq).toBe(signed[0]!.seq);
    expect(signed[0]!.metadata).toMatchObject({ outcome: decided!.state, court: decided!.referredTo });
  });

  it('finishes the decision a dead request signed, once its claim is stale, signing nothing more', async () => {
    const id = await caseToDecide();
    const [current] = await store.preExam.byIds([id]);
    // A request that claimed, signed PASSED and died before moving the case.
    const deadAt = longDead();
    const document = preExamDecision(current!, 'PASSED', deadAt, null);
    const event: CaseEvent = { at: deadAt, actor: 'dead-key', role: 'CENTER_STAFF', from: 'QUALITY_CHECK', to: 'PASSED', note: null };
    const claim = { token: 'dead', at: deadAt, digest: documentDigest(document), event };
    expect(await store.preExam.claimMove(id, 'QUALITY_CHECK', claim, deadAt)).toStrictEqual({ ok: true, replaced: null });
    const seq = await signAsDead(`pre-exam:${id}`, document);
    const size = await ledgerSize();

    expect((await move(id, 'PASSED')).movePreExamCase).toEqual({ state: 'PASSED', decidedAt: deadAt, decisionReceipt: { seq } });
    expect(await ledgerSize()).toBe(size);
    expect((await decisionsOn(`pre-exam:${id}`)).map((e) => e.seq)).toStrictEqual([seq]);
    // Recorded as the dead request made it.
    expect((await store.preExam.eventsOf([id]))[0]!.at(-1)).toStrictEqual(event);
  });

  it('finishes a dead referral as signed, court and all, and refuses the other outcome asked for', async () => {
    const id = await caseInProgress();
    const deadAt = longDead();
    const document = protectionOutcome(id, 'REFERRED', deadAt, null, COURT);
    const event: CaseEvent<ProtectionState> = { at: deadAt, actor: 'dead-key', role: 'CENTER_STAFF', from: 'IN_PROGRESS', to: 'REFERRED', note: null };
    expect(await store.protection.claimMove(id, 'IN_PROGRESS', { token: 'dead', at: deadAt, digest: documentDigest(document), event }, deadAt)).toMatchObject({
      ok: true,
    });
    const seq = await signAsDead(`protection:${id}`, document);
    const size = await ledgerSize();

    const refused = await errorExtensions(pmove(id, 'SETTLED'));
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect(await ledgerSize()).toBe(size);
    expect((await store.protection.byIds([id]))[0]).toMatchObject({ state: 'REFERRED', referredTo: COURT, outcomeAt: deadAt, outcomeReceipt: { seq } });
    expect((await decisionsOn(`protection:${id}`)).map((e) => e.seq)).toStrictEqual([seq]);
  });

  it('refuses a move while a live claim holds the case, and takes over a stale claim that signed nothing', async () => {
    const id = await caseToDecide();
    const [current] = await store.preExam.byIds([id]);
    const now = new Date().toISOString();
    const event: CaseEvent = { at: now, actor: 'other-key', role: 'CENTER_STAFF', from: 'QUALITY_CHECK', to: 'RETURNED', note: null };
    const digest = documentDigest(preExamDecision(current!, 'RETURNED', now, null));
    expect(await store.preExam.claimMove(id, 'QUALITY_CHECK', { token: 'live', at: now, digest, event }, now)).toMatchObject({ ok: true });
    const size = await ledgerSize();
    const refused = staff.request(MOVE, { input: { caseId: id, to: 'PASSED' } });
    expect(await errorExtensions(refused)).toMatchObject({ code: 'CONFLICT' });
    await expect(move(id, 'PASSED')).rejects.toThrow(/being moved by another request, or was moved meanwhile; reload it/);
    expect(await ledgerSize()).toBe(size);

    // The same claim, stale and unsigned: the next move goes on and is signed once.
    const old = longDead();
    await store.preExam.dropClaim(id, 'live');
    expect(await store.preExam.claimMove(id, 'QUALITY_CHECK', { token: 'dead', at: old, digest, event: { ...event, at: old } }, old)).toMatchObject({
      ok: true,
    });
    expect((await move(id, 'PASSED')).movePreExamCase.state).toBe('PASSED');
    expect(await ledgerSize()).toBe(size + 1);
    expect(await decisionsOn(`pre-exam:${id}`)).toHaveLength(1);
  });

  it('claims a move that signs nothing too, so that it cannot slip in between a decision signed and its move', async () => {
    const id = await caseApplied();
    // A rejection being signed holds the claim: the case is APPLIED until it is moved, yet accepting it may not go first.
    const now = new Date().toISOString();
    const document = protectionOutcome(id, 'REJECTED', now, null, null);
    const event: CaseEvent<ProtectionState> = { at: now, actor: 'other-key', role: 'CENTER_STAFF', from: 'APPLIED', to: 'REJECTED', note: null };
    expect(await store.protection.claimMove(id, 'APPLIED', { token: 'signing', at: now, digest: documentDigest(document), event }, now)).toMatchObject({
      ok: true,
    });
    expect(await errorCode(pmove(id, 'ACCEPTED'))).toBe('CONFLICT');
    expect((await store.protection.byIds([id]))[0]!.state).toBe('APPLIED');
    // Its move, with the claim, goes on as signed.
    const receipt = await t.hub.ledger.append({
      kind: 'CASE_DECISION',
      subject: `protection:${id}`,
      contentDigest: documentDigest(document),
      depositor: 'other-key',
      metadata: document,
    });
    expect(await store.protection.transition(id, 'APPLIED', event, { outcomeAt: now, outcomeReceipt: receipt }, [], 'signing')).toBe(true);
  });
});
