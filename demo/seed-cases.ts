// Demo cases: pre-examination and protection cases in every state of their workflows, decided
// ones anchored in the ledger, as the cases subgraph would have done it move by move.
import type { Ledger } from '../ledger/index.js';
import type { Receipt } from '../ledger/index.js';
import { hubDateOf } from '../platform/hub-calendar.js';
import type { Storage } from '../platform/storage.js';
import { anchorDecision, preExamDecision, protectionOutcome } from '../subgraphs/cases/decision.js';
import type { CaseEvent, IpRight, NewPreExamCase, NewProtectionCase } from '../subgraphs/cases/domain/model.js';
import { RESOLUTION_ROUTES } from '../subgraphs/cases/domain/model.js';
import { routeRefusal } from '../subgraphs/cases/domain/routes.js';
import {
  isDecision,
  isOutcome,
  nextProtectionStates,
  nextStates,
  PRE_EXAM_STATES,
  type PreExamState,
  PROTECTION_STATES,
  type ProtectionState,
} from '../subgraphs/cases/domain/workflow.js';
import { moveNow } from '../subgraphs/cases/store/move.js';
import { openCasesStore } from '../subgraphs/cases/store/open.js';
import type { EnterpriseRecord, PatentRecord } from '../subgraphs/enterprises/domain/model.js';

const STAFF = 'demo-staff';
const HOUR = 3_600_000;
const RESPONDENTS = ['某电商平台店铺', '义乌市某小商品经营部', '深圳市某电子科技有限公司', '某跨境电商卖家'];

export interface CaseSeedInput {
  readonly enterprises: readonly EnterpriseRecord[];
  readonly patents: readonly PatentRecord[];
  readonly deposits: readonly { id: string; depositorId: string }[];
  /** The court the demo COURT key acts for. */
  readonly court: string;
  readonly today: string;
}

/** The shortest walk from `from` to `to` in a workflow. */
function walk<S extends string>(from: S, to: S, next: (s: S) => readonly S[]): S[] {
  const seen = new Map<S, S[]>([[from, [from]]]);
  const queue = [from];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    if (s === to) return seen.get(s)!;
    for (const n of next(s)) {
      if (seen.has(n)) continue;
      seen.set(n, [...seen.get(s)!, n]);
      queue.push(n);
    }
  }
  throw new Error(`no way from ${from} to ${to}`);
}

/** Seeds the cases; returns each protection case with its claimant (insurance claims cite them). */
export async function seedCases(
  storage: Storage,
  ledger: Ledger,
  input: CaseSeedInput,
): Promise<{ preExam: number; protectionCases: { id: string; claimantId: string }[] }> {
  const store = await openCasesStore(storage);
  try {
    const patentsOf = new Map<string, PatentRecord[]>();
    for (const p of input.patents) if (p.enterpriseId !== null) patentsOf.set(p.enterpriseId, [...(patentsOf.get(p.enterpriseId) ?? []), p]);
    const applicants = input.enterprises.filter((e) => patentsOf.has(e.id));
    const start = Date.parse(`${input.today}T09:00:00Z`);

    // Pre-examination: six cases in every state, received 2 to 179 days ago (the cockpit's months).
    let preExam = 0;
    for (let i = 0; i < PRE_EXAM_STATES.length * 6; i++) {
      const enterprise = applicants[i % applicants.length]!;
      const patent = patentsOf.get(enterprise.id)![0]!;
      const target = PRE_EXAM_STATES[i % PRE_EXAM_STATES.length]!;
      const received = start - (2 + ((i * 13) % 178)) * 24 * HOUR;
      const record: NewPreExamCase = {
        id: `demo-pre-exam-${String(i).padStart(3, '0')}`,
        enterpriseId: enterprise.id,
        applicationNumber: patent.applicationNumber,
        title: patent.title,
        industry: enterprise.industry,
        state: 'RECEIVED',
        receivedAt: new Date(received).toISOString(),
        decidedAt: null,
        decisionReceipt: null,
      };
      await store.preExam.insert(record, { at: record.receivedAt, actor: `demo-${enterprise.id}`, role: 'ENTERPRISE', from: null, to: 'RECEIVED', note: null });
      // Decisions alternate between passing and returning on the way to ARCHIVED.
      const route =
        target === 'ARCHIVED'
          ? [...walk<PreExamState>('RECEIVED', i % 2 === 0 ? 'PASSED' : 'RETURNED', nextStates), 'ARCHIVED' as const]
          : walk<PreExamState>('RECEIVED', target, nextStates);
      let at = received;
      for (let k = 1; k < route.length; k++) {
        const from = route[k - 1]!;
        const to = route[k]!;
        at += (6 + ((i + k) % 30)) * HOUR;
        const iso = new Date(at).toISOString();
        let changes: { decidedAt?: string; decisionReceipt?: Receipt } = {};
        if (isDecision(to)) {
          const decision = preExamDecision(record, to, iso, null);
          changes = { decidedAt: iso, decisionReceipt: await anchorDecision(ledger, `pre-exam:${record.id}`, STAFF, decision) };
        }
        await moveNow(store.preExam, record.id, from, { at: iso, actor: STAFF, role: 'CENTER_STAFF', from, to, note: null }, changes);
      }
      preExam++;
    }

    // Protection: three cases in every state; the demo enterprise's first case goes to the
    // demo court, citing its evidence, so the COURT key has something to read.
    const evidenceOf = new Map<string, string[]>();
    for (const d of input.deposits) evidenceOf.set(d.depositorId, [...(evidenceOf.get(d.depositorId) ?? []), d.id]);
    const protectionCases: { id: string; claimantId: string }[] = [];
    const targets: ProtectionState[] = ['REFERRED', ...PROTECTION_STATES.flatMap((s) => [s, s, s])];
    for (let i = 0; i < targets.length; i++) {
      const claimant = i === 0 ? input.enterprises[0]! : applicants[(i * 5) % applicants.length]!;
      const target = targets[i]!;
      // Applied for 12 to 341 days ago: the cockpit's cases opened per month.
      const applied = start - (12 + ((i * 37) % 330)) * 24 * HOUR;
      const patent = patentsOf.get(claimant.id)?.[0];
      const kind = i % 5 === 0 ? 'OWNERSHIP' : i % 7 === 0 ? 'CONTRACT' : 'INFRINGEMENT';
      const ipRights: IpRight[] =
        patent === undefined ? [{ kind: 'TRADEMARK', number: `${30_000_000 + i}` }] : [{ kind: 'PATENT', number: patent.applicationNumber }];
      const asked = RESOLUTION_ROUTES[i % RESOLUTION_ROUTES.length]!;
      const record: NewProtectionCase = {
        id: `demo-protection-${String(i).padStart(3, '0')}`,
        kind,
        // A route the dispute may take: adjudication decides patent infringement alone.
        route: routeRefusal(kind, asked, ipRights) === undefined ? asked : 'MEDIATION',
        summary: `${RESPONDENTS[i % RESPONDENTS.length]}涉嫌侵犯${claimant.name}的知识产权`,
        state: 'APPLIED',
        parties: [
          { role: 'CLAIMANT', enterpriseId: claimant.id, name: claimant.name },
          { role: 'RESPONDENT', enterpriseId: null, name: RESPONDENTS[i % RESPONDENTS.length]! },
        ],
        ipRights,
        evidenceIds: (evidenceOf.get(claimant.id) ?? []).slice(0, 2),
        referredTo: null,
        appliedAt: new Date(applied).toISOString(),
        // Known a month before applying, as a claimant would say.
        knownSince: hubDateOf(new Date(applied - 30 * 24 * HOUR)),
        outcomeAt: null,
        outcomeReceipt: null,
      };
      await store.protection.insert(record, { at: record.appliedAt, actor: `demo-${claimant.id}`, role: 'ENTERPRISE', from: null, to: 'APPLIED', note: null });
      const route = walk<ProtectionState>('APPLIED', target, nextProtectionStates);
      let at = applied;
      for (let k = 1; k < route.length; k++) {
        const from = route[k - 1]!;
        const to = route[k]!;
        at += (12 + ((i + k) % 48)) * HOUR;
        const iso = new Date(at).toISOString();
        const changes: { referredTo?: string; outcomeAt?: string; outcomeReceipt?: Receipt } = to === 'REFERRED' ? { referredTo: input.court } : {};
        if (isOutcome(to)) {
          changes.outcomeAt = iso;
          const outcome = protectionOutcome(record.id, to, iso, null, changes.referredTo ?? null);
          changes.outcomeReceipt = await anchorDecision(ledger, `protection:${record.id}`, STAFF, outcome);
        }
        const event: CaseEvent<ProtectionState> = { at: iso, actor: STAFF, role: 'CENTER_STAFF', from, to, note: null };
        await moveNow(store.protection, record.id, from, event, changes);
      }
      protectionCases.push({ id: record.id, claimantId: claimant.id });
    }
    return { preExam, protectionCases };
  } finally {
    await store.close();
  }
}
