// Demo finance: pledges REGISTERED, RELEASED and ENFORCED (on the ledger as the finance
// subgraph records them), a guarantor's counter-guarantee pledge, a proposal awaiting the demo
// enterprise, and insurance policies with claims FILED, PAID and REJECTED.
import { createHash } from 'node:crypto';

import type { Ledger } from '../ledger/index.js';
import { documentDigest } from '../ledger/index.js';
import type { Storage } from '../platform/storage.js';
import { addDays } from '../standards/calendar-date.js';
import { annualFeeStatus } from '../subgraphs/enterprises/domain/annual-fee.js';
import type { EnterpriseRecord, PatentRecord } from '../subgraphs/enterprises/domain/model.js';
import { protectionEnd } from '../subgraphs/enterprises/domain/protection.js';
import type { PledgeEvent } from '../subgraphs/finance/domain/model.js';
import type { PledgeState } from '../subgraphs/finance/domain/pledge-rules.js';
import { registrationDocument, releaseDocument } from '../subgraphs/finance/domain/pledge-rules.js';
import { DEFAULT_RISK_SHARES } from '../subgraphs/finance/domain/risk.js';
import { closeNow } from '../subgraphs/finance/store/close.js';
import { openFinanceStore } from '../subgraphs/finance/store/open.js';

const STAFF = 'demo-staff';
/** Who proposed the demo's proposal: the demo bank, whose key is made after the data. */
const DEMO_BANK_KEY = 'demo-bank';
const DAY = 86_400_000;
/** Banks beside the demo key's, so that the cockpit's pledges by bank show several. */
const OTHER_BANKS = ['中国建设银行福建省分行', '兴业银行福州分行', '招商银行福州分行'];

export interface FinanceSeedInput {
  readonly enterprises: readonly EnterpriseRecord[];
  readonly patents: readonly PatentRecord[];
  /** The demo BANK key's bank: pledgee of pledges in every state, and of a proposal awaiting the demo enterprise. */
  readonly bank: string;
  /** The demo GUARANTOR key's institution: pledgee of a counter-guarantee pledge (反担保). */
  readonly guarantor: string;
  readonly insurer: string;
  /** Protection cases and their claimants: a claim cites a case its insured is party to. */
  readonly protectionCases: readonly { id: string; claimantId: string }[];
  readonly today: string;
}

export async function seedFinance(storage: Storage, ledger: Ledger, input: FinanceSeedInput): Promise<{ pledges: number; policies: number }> {
  const store = await openFinanceStore(storage);
  try {
    // Pledgeable as registerPledge checks it: granted, fees not overdue, protection beyond the term.
    const termEnd = addDays(input.today, 3 * 365);
    const pledgeable = input.patents.filter((p) => {
      if (p.status !== 'GRANTED' || protectionEnd(p) <= termEnd) return false;
      const fee = annualFeeStatus(p, input.today)?.state;
      return fee === 'NOT_DUE' || fee === 'DUE_SOON';
    });
    const demoEnterprise = input.enterprises[0]!.id;
    // The demo enterprise's patents first, so that its key sees pledges of every state.
    const ordered = [...pledgeable.filter((p) => p.enterpriseId === demoEnterprise), ...pledgeable.filter((p) => p.enterpriseId !== demoEnterprise)];
    const targets: PledgeState[] = ['REGISTERED', 'RELEASED', 'ENFORCED'];
    // Three in a row (one of each state) to each bank in turn, the demo key's first, registered
    // over the eleven months before today.
    const banks = [input.bank, ...OTHER_BANKS];
    let pledges = 0;
    /** Demo pledge `n` of `patent`, in none of its states yet. */
    const pledgeOf = (n: number, patent: PatentRecord, pledgee: string, pledgeeKind: 'BANK' | 'GUARANTOR', registeredAt: string) => ({
      id: `demo-pledge-${String(n).padStart(3, '0')}`,
      // The demo's patents are all its enterprises' (none held outside the registry).
      pledgorId: patent.enterpriseId!,
      pledgee,
      pledgeeKind,
      authorityRegistration: null,
      pendingAmendment: null,
      amendments: [],
      collateral: [{ kind: 'PATENT' as const, id: patent.applicationNumber }],
      acknowledgedRisks: [],
      securedAmountFen: (5 + (n % 7) * 5) * 1_000_000_00,
      term: { startDate: registeredAt.slice(0, 10), endDate: termEnd },
      registeredAt,
      closedAt: null,
      registrationReceipt: null,
      releaseReceipt: null,
      enforcement: null,
    });
    /** Its contract: signed a week before `at`, its digest made up. */
    const contractOf = (n: number, at: string) => ({
      contract: { date: addDays(at.slice(0, 10), -7), digest: createHash('sha256').update(`demo pledge contract ${n}`).digest('hex') },
    });
    /** A pledge registered as a paper application both parties signed, recorded at the counter and on the ledger. */
    const registerOnPaper = async (n: number, patent: PatentRecord, pledgee: string, pledgeeKind: 'BANK' | 'GUARANTOR', registeredAt: string) => {
      const first: PledgeEvent = { at: registeredAt, actor: STAFF, role: 'CENTER_STAFF', from: null, to: 'REGISTERED', note: null };
      const pledge = await store.pledges.register(
        {
          ...pledgeOf(n, patent, pledgee, pledgeeKind, registeredAt),
          application: { ...contractOf(n, registeredAt), proposedAt: registeredAt, proposedBy: STAFF, confirmedAt: registeredAt, confirmedBy: STAFF },
          state: 'REGISTERED',
        },
        first,
      );
      const document = registrationDocument(pledge);
      await store.pledges.recordRegistration(
        pledge.id,
        await ledger.append({
          kind: 'PLEDGE_REGISTRATION',
          subject: `pledge:${pledge.id}`,
          contentDigest: documentDigest(document),
          depositor: STAFF,
          metadata: document,
        }),
      );
      return pledge;
    };
    for (const [i, patent] of ordered.slice(0, 24).entries()) {
      const target = targets[i % targets.length]!;
      const registeredAt = new Date(Date.parse(`${addDays(input.today, -(30 + i * 13))}T02:00:00Z`)).toISOString();
      const pledge = await registerOnPaper(i, patent, banks[Math.floor(i / targets.length) % banks.length]!, 'BANK', registeredAt);
      if (target !== 'REGISTERED') {
        const closedAt = new Date(Date.parse(registeredAt) + 20 * DAY).toISOString();
        const event: PledgeEvent = { at: closedAt, actor: STAFF, role: 'CENTER_STAFF', from: 'REGISTERED', to: target, note: null };
        if (target === 'RELEASED') {
          const release = releaseDocument(pledge, closedAt);
          const releaseReceipt = await ledger.append({
            kind: 'PLEDGE_RELEASE',
            subject: `pledge:${pledge.id}`,
            contentDigest: documentDigest(release),
            depositor: STAFF,
            metadata: release,
          });
          await closeNow(store.pledges, pledge.id, 'REGISTERED', event, { closedAt, releaseReceipt });
        } else {
          await closeNow(store.pledges, pledge.id, 'REGISTERED', event, {
            closedAt,
            enforcement: { lossFen: Math.round(pledge.securedAmountFen * 0.37) + 1, shares: DEFAULT_RISK_SHARES },
          });
        }
      }
      pledges++;
    }
    // A counter-guarantee pledge the demo guarantor holds, on the next pledgeable patent.
    const countered = ordered[24];
    if (countered !== undefined) {
      await registerOnPaper(24, countered, input.guarantor, 'GUARANTOR', new Date(Date.parse(`${addDays(input.today, -20)}T02:00:00Z`)).toISOString());
      pledges++;
    }
    // A proposal awaiting the demo enterprise's confirmation: the demo bank's, on its patent a pledge released.
    const released = ordered.slice(0, 24).find((p, i) => targets[i % targets.length] === 'RELEASED' && p.enterpriseId === demoEnterprise);
    if (released !== undefined) {
      const proposedAt = new Date(Date.parse(`${addDays(input.today, -2)}T02:00:00Z`)).toISOString();
      await store.pledges.register(
        {
          ...pledgeOf(25, released, input.bank, 'BANK', proposedAt),
          application: { ...contractOf(25, proposedAt), proposedAt, proposedBy: DEMO_BANK_KEY, confirmedAt: null, confirmedBy: null },
          state: 'PROPOSED',
        },
        { at: proposedAt, actor: DEMO_BANK_KEY, role: 'BANK', from: null, to: 'PROPOSED', note: null },
      );
      pledges++;
    }

    // Insurance: a policy of each product for enterprises that are claimants in protection cases,
    // one claim per policy, FILED, PAID or REJECTED in turn.
    const caseOf = new Map(input.protectionCases.map((c) => [c.claimantId, c.id]));
    const insured = [...caseOf.keys()].slice(0, 9);
    const products = ['INFRINGEMENT_LOSS', 'ENFORCEMENT_COST', 'PLEDGE_FINANCING_GUARANTEE'] as const;
    let policies = 0;
    for (const [i, enterpriseId] of insured.entries()) {
      const issuedAt = new Date(Date.parse(`${addDays(input.today, -(60 + i * 5))}T03:00:00Z`)).toISOString();
      const policy = {
        id: `demo-policy-${String(i).padStart(3, '0')}`,
        product: products[i % products.length]!,
        insurer: input.insurer,
        insuredId: enterpriseId,
        coveredAssets: input.patents
          .filter((p) => p.enterpriseId === enterpriseId)
          .slice(0, 2)
          .map((p) => ({ kind: 'PATENT' as const, id: p.applicationNumber })),
        premiumFen: (2 + i) * 1_000_00,
        sumInsuredFen: (50 + i * 10) * 10_000_00,
        period: { startDate: issuedAt.slice(0, 10), endDate: addDays(issuedAt.slice(0, 10), 365) },
        issuedAt,
      };
      await store.policies.insert(policy);
      const claimId = `demo-claim-${String(i).padStart(3, '0')}`;
      const filedAt = new Date(Date.parse(issuedAt) + 30 * DAY).toISOString();
      await store.policies.addClaim({
        id: claimId,
        policyId: policy.id,
        amountFen: (3 + i) * 10_000_00,
        status: 'FILED',
        protectionCaseId: policy.product === 'PLEDGE_FINANCING_GUARANTEE' ? null : caseOf.get(enterpriseId)!,
        filedAt,
        filedBy: STAFF,
        settledAt: null,
        settledBy: null,
      });
      if (i % 3 !== 0)
        await store.policies.settleClaim(policy.id, claimId, i % 3 === 1 ? 'PAID' : 'REJECTED', new Date(Date.parse(filedAt) + 10 * DAY).toISOString(), STAFF);
      policies++;
    }
    return { pledges, policies };
  } finally {
    await store.close();
  }
}
