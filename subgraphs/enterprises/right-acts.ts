// Acts on a right signed on the ledger (a transfer, a licence, an open licence declared or
// withdrawn): nothing signed that did not happen. The right is claimed in the store at the version
// its checks read, before the append; the claim is dropped if the ledger refuses the entry, and the
// store records the act only under it. A claim left by a request that died midway is taken over
// once its lease has run, and the act it signed, found on the ledger by its digest, is finished
// rather than signed again. The pattern is the finance subgraph's pledge release (pledges.ts).
import { randomUUID } from 'node:crypto';

import { GraphQLError } from 'graphql';

import type { EntryKind, Metadata, Receipt } from '../../ledger/index.js';
import { documentDigest } from '../../ledger/index.js';
import { conflict } from '../../platform/errors.js';
import { hubDateOf } from '../../platform/hub-calendar.js';
import type { Identity } from '../../platform/identity.js';
import { appendOrFail } from '../common/ledger-append.js';
import type { EnterprisesContext } from './context.js';
import { recordedLate, recordingDeadline } from './domain/licences.js';
import type { LicenceRecord, OpenLicenceRecord, RightRef, TransferRecord } from './domain/model.js';
import { licensed, recordedLate as recordedLateNotice, rightSubject, transferred } from './notices.js';
import type { ClaimedAct, LicenceRefusal, RightClaim } from './store/port.js';

/** How long a claim on a right holds before another request may take it over: well past a ledger append's time limit. */
const RIGHT_CLAIM_LEASE_MS = 60_000;

/** What each act records once signed. */
interface Made {
  TRANSFER: TransferRecord;
  LICENCE: LicenceRecord;
  OPEN_LICENCE_DECLARATION: OpenLicenceRecord;
  OPEN_LICENCE_WITHDRAWAL: OpenLicenceRecord;
}
type Kind = ClaimedAct['kind'];
type ActOf<K extends Kind> = Extract<ClaimedAct, { kind: K }>;

/** The act as recorded, or the store's refusal of it (a LicenceRefusal for a licence, STALE otherwise) after its entry was signed. */
export type Recorded<T> =
  | { readonly made: T; readonly receipt: Receipt; readonly refusal?: undefined }
  | { readonly made?: undefined; readonly receipt: Receipt; readonly refusal: LicenceRefusal };

const rightDocument = (r: RightRef): Metadata => ({ kind: r.kind, number: r.number });
export const describeRight = (r: RightRef): string => `${r.kind === 'PATENT' ? 'patent' : 'trademark'} ${r.number}`;

const patentRef = (applicationNumber: string): RightRef => ({ kind: 'PATENT', number: applicationNumber });

/** The right an act is on. */
function rightOf(act: ClaimedAct): RightRef {
  switch (act.kind) {
    case 'TRANSFER':
      return act.transfer.right;
    case 'LICENCE':
      return act.licence.right;
    default:
      return patentRef(act.declaration.applicationNumber);
  }
}

/** The ledger entry's kind and document: what is signed, its digest what the claim carries. */
function entryOf(act: ClaimedAct): { kind: EntryKind; what: string; document: Metadata } {
  switch (act.kind) {
    case 'TRANSFER': {
      const t = act.transfer;
      return {
        kind: 'RIGHT_TRANSFER',
        what: 'transfer',
        document: {
          transfer: t.id,
          right: rightDocument(t.right),
          from: t.fromEnterpriseId,
          to: t.toEnterpriseId,
          contractDate: t.contractDate,
          contractDigest: t.contractDigest,
          effectiveDate: t.effectiveDate,
          registeredAt: t.registeredAt,
        },
      };
    }
    case 'LICENCE': {
      const l = act.licence;
      return {
        kind: 'LICENCE_REGISTRATION',
        what: 'licence',
        document: {
          licence: l.id,
          right: rightDocument(l.right),
          licensor: l.licensorId,
          licensee: l.licenseeId,
          kind: l.kind,
          territory: [...l.territory],
          term: { startDate: l.startDate, endDate: l.endDate },
          royaltyFen: l.royaltyFen === null ? null : String(l.royaltyFen),
          royaltyTerms: l.royaltyTerms,
          ...(act.openLicence === undefined ? {} : { openLicence: { ...act.openLicence } }),
          contractDate: l.contractDate,
          effectiveDate: l.effectiveDate,
          contractDigest: l.contractDigest,
          registeredAt: l.registeredAt,
        },
      };
    }
    case 'OPEN_LICENCE_DECLARATION': {
      const d = act.declaration;
      return {
        kind: 'OPEN_LICENCE_DECLARATION',
        what: 'open licence declaration',
        document: {
          openLicence: d.id,
          state: 'DECLARED',
          right: rightDocument(patentRef(d.applicationNumber)),
          patentee: d.patenteeId,
          royalty: d.royalty,
          announcedOn: d.announcedOn,
          evaluationReportNumber: d.evaluationReportNumber,
          recordedAt: d.declaredAt,
        },
      };
    }
    case 'OPEN_LICENCE_WITHDRAWAL': {
      const d = act.declaration;
      return {
        kind: 'OPEN_LICENCE_DECLARATION',
        what: 'open licence withdrawal',
        document: {
          openLicence: d.id,
          state: 'WITHDRAWN',
          right: rightDocument(patentRef(d.applicationNumber)),
          patentee: act.ownerId,
          announcedOn: d.announcedOn,
          declarationSeq: d.receipt.seq,
          withdrawnOn: act.withdrawal.withdrawnOn,
          recordedAt: act.withdrawal.recordedAt,
        },
      };
    }
  }
}

const STALE = { reason: 'STALE' } as const;

/** The history event of a transfer taking effect at `at` (TRANSFERRED): registered in effect, or put into effect on its date. */
export const transferEvent = (t: TransferRecord, at: string, role: string) => ({
  at,
  actor: t.registeredBy,
  role,
  type: 'TRANSFERRED' as const,
  details: { transfer: t.id, from: t.fromEnterpriseId, to: t.toEnterpriseId, effectiveDate: t.effectiveDate, seq: t.receipt.seq },
});

/** Records a signed act in the store under the claim `token`, with its history event and its notifications. */
async function record(ctx: EnterprisesContext, act: ClaimedAct, receipt: Receipt, token: string, role: string): Promise<Recorded<Made[Kind]>> {
  const rights = ctx.store.rights;
  switch (act.kind) {
    case 'TRANSFER': {
      const t: TransferRecord = { ...act.transfer, receipt };
      // A pending transfer is recorded now and told when it takes effect (transfer-scheduler.ts).
      const [event, notify] =
        t.state === 'EFFECTIVE'
          ? [transferEvent(t, t.registeredAt, role), [transferred(t)]]
          : [{ ...transferEvent(t, t.registeredAt, role), type: 'TRANSFER_RECORDED' as const }, []];
      return (await rights.transfer(t, token, event, notify)) ? { made: t, receipt } : { receipt, refusal: STALE };
    }
    case 'LICENCE': {
      const l: LicenceRecord = { ...act.licence, receipt };
      const event = {
        at: l.registeredAt,
        actor: l.registeredBy,
        role,
        type: 'LICENSED' as const,
        details: {
          licence: l.id,
          licensee: l.licenseeId,
          kind: l.kind,
          ...(act.openLicence === undefined ? {} : { openLicence: act.openLicence.declaration }),
          seq: receipt.seq,
        },
      };
      // Recorded after its time limit (专利实施许可合同备案办法 art. 5): recorded all the same (art. 12 does not refuse it), both parties told.
      const recordedOn = hubDateOf(l.registeredAt);
      const late = recordedLate(l, recordedOn) ? [recordedLateNotice(l, recordingDeadline(l), recordedOn)] : [];
      const refusal = await rights.license(l, token, event, [licensed(l), ...late]);
      return refusal === undefined ? { made: l, receipt } : { receipt, refusal };
    }
    case 'OPEN_LICENCE_DECLARATION': {
      const d: OpenLicenceRecord = { ...act.declaration, receipt };
      const event = {
        at: d.declaredAt,
        actor: d.declaredBy,
        role,
        type: 'OPEN_LICENCE_DECLARED' as const,
        details: { openLicence: d.id, announcedOn: d.announcedOn, seq: receipt.seq },
      };
      return (await rights.declareOpenLicence(d, token, event)) ? { made: d, receipt } : { receipt, refusal: STALE };
    }
    case 'OPEN_LICENCE_WITHDRAWAL': {
      const withdrawal = { ...act.withdrawal, receipt };
      const event = {
        at: withdrawal.recordedAt,
        actor: withdrawal.recordedBy,
        role,
        type: 'OPEN_LICENCE_WITHDRAWN' as const,
        details: { openLicence: act.declaration.id, withdrawnOn: withdrawal.withdrawnOn, seq: receipt.seq },
      };
      const withdrawn = await rights.withdrawOpenLicence(act.declaration.id, withdrawal, act.ownerId, token, event);
      return withdrawn ? { made: { ...act.declaration, withdrawal }, receipt } : { receipt, refusal: STALE };
    }
  }
}

/**
 * Signs an act on a right and records it: the right claimed at `version` (the version its checks
 * read), the entry appended, the act stored under the claim. CONFLICT, before the ledger hears of
 * it, when another request holds the right or changed it meanwhile. The store's refusal after the
 * append (a right moved by the registry feed meanwhile; a licence racing a twin contract) is given
 * back, for the caller to word with the entry's seq.
 */
export async function signOnRight<K extends Kind>(ctx: EnterprisesContext, version: number, act: ActOf<K>, by: Identity): Promise<Recorded<Made[K]>> {
  const right = rightOf(act);
  const { kind, what, document } = entryOf(act);
  const digest = documentDigest(document);
  const token = randomUUID();
  const claim: RightClaim = { token, at: new Date().toISOString(), digest, role: by.role, act };
  const got = await ctx.store.rights.claim(right, version, claim, new Date(Date.now() - RIGHT_CLAIM_LEASE_MS).toISOString());
  if (!got.ok) throw conflict(`${describeRight(right)} is being changed by another request, or was changed meanwhile; reload it and try again`);
  if (got.replaced !== null) await finishDead(ctx, right, got.replaced, token);
  let receipt: Receipt;
  try {
    receipt = await appendOrFail(ctx.ledger, { kind, subject: rightSubject(right), contentDigest: digest, depositor: by.keyId, metadata: document }, what);
  } catch (err) {
    // Kept when the entry may yet be recorded: once its lease runs, a request finds it by its digest and finishes it.
    if (!(err instanceof GraphQLError && err.extensions.outcome === 'UNKNOWN')) await ctx.store.rights.dropClaim(right, token);
    throw err;
  }
  const recorded = await record(ctx, act, receipt, token, by.role);
  // Refused after all: the right is free again for the caller's next try.
  if (recorded.refusal !== undefined) await ctx.store.rights.dropClaim(right, token);
  return recorded as Recorded<Made[K]>;
}

/**
 * A stale claim this request took over: if the act it was made for was signed (its entry found on
 * the ledger by the digest the claim carries), that act is recorded as signed, and this request,
 * checked against the right before it, is refused (CONFLICT); if it was never signed, the claim is
 * simply this request's now.
 */
async function finishDead(ctx: EnterprisesContext, right: RightRef, dead: RightClaim, token: string): Promise<void> {
  const { kind } = entryOf(dead.act);
  const signed = (await ctx.ledger.findByContentDigest(dead.digest)).find((e) => e.kind === kind && e.subject === rightSubject(right));
  if (signed === undefined) return;
  const receipt: Receipt = { seq: signed.seq, entryHash: signed.entryHash, timestamp: signed.timestamp };
  const finished = await record(ctx, dead.act, receipt, token, dead.role);
  if (finished.refusal !== undefined) {
    await ctx.store.rights.dropClaim(right, token);
    throw conflict(
      `${describeRight(right)}: a request that stopped midway signed ledger entry ${signed.seq}, which cannot be recorded now (the right changed meanwhile): that entry records nothing that happened; reload the right and try again`,
    );
  }
  throw conflict(
    `${describeRight(right)} was changed by a request that stopped midway, now recorded as it signed it (ledger entry ${signed.seq}); reload it and try again`,
  );
}
