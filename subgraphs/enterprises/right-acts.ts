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
import { type LicenceRecord, type OpenLicenceRecord, type OutsideParty, rightKey, type RightRef, transferParts, type TransferRecord } from './domain/model.js';
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
/**
 * A transferee or licensee as the ledger and the history name it: an enterprise by its id, a party
 * outside the registry as `{ outside: { kind, name, country } }` (never an identity number: none is taken).
 */
const partyDocument = (enterpriseId: string | null, outside: OutsideParty | undefined): Metadata[string] =>
  outside === undefined ? enterpriseId : { outside: { kind: outside.kind, name: outside.name, country: outside.country } };
export const describeRight = (r: RightRef): string => `${r.kind === 'PATENT' ? 'patent' : 'trademark'} ${r.number}`;

const patentRef = (applicationNumber: string): RightRef => ({ kind: 'PATENT', number: applicationNumber });

/**
 * The rights an act is on, each claimed: one, or a transfer's right and the registrations moved
 * with it (Trademark Law art. 42(2)), in transferParts' order.
 */
function rightsOf(act: ClaimedAct): RightRef[] {
  switch (act.kind) {
    case 'TRANSFER':
      return transferParts(act.transfer).map((t) => t.right);
    case 'LICENCE':
      return [act.licence.right];
    default:
      return [patentRef(act.declaration.applicationNumber)];
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
          to: partyDocument(t.toEnterpriseId, t.toOutside),
          contractDate: t.contractDate,
          contractDigest: t.contractDigest,
          effectiveDate: t.effectiveDate,
          registeredAt: t.registeredAt,
          // Every right the act moves, in one entry (Trademark Law art. 42(2)); absent for one right.
          ...(t.together === undefined || t.together.length === 0
            ? {}
            : { together: t.together.map((part) => ({ transfer: part.id, right: rightDocument(part.right) })) }),
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
          licensee: partyDocument(l.licenseeId, l.outsideLicensee),
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
  details: {
    transfer: t.id,
    from: t.fromEnterpriseId,
    to: partyDocument(t.toEnterpriseId, t.toOutside),
    effectiveDate: t.effectiveDate,
    seq: t.receipt.seq,
    ...(t.together === undefined || t.together.length === 0 ? {} : { together: t.together.map((part) => part.right.number) }),
  },
});

/** Records a signed act in the store under the claim `token`, with its history event and its notifications. */
async function record(ctx: EnterprisesContext, act: ClaimedAct, receipt: Receipt, token: string, role: string): Promise<Recorded<Made[Kind]>> {
  const rights = ctx.store.rights;
  switch (act.kind) {
    case 'TRANSFER': {
      const t: TransferRecord = { ...act.transfer, receipt };
      // One record, event and notice per right moved (transferParts): a trademark's same marks in its class with it.
      const parts = transferParts(t);
      // A pending transfer is recorded now and told when it takes effect (transfer-scheduler.ts).
      const events = parts.map((part) =>
        t.state === 'EFFECTIVE'
          ? transferEvent(part, t.registeredAt, role)
          : { ...transferEvent(part, t.registeredAt, role), type: 'TRANSFER_RECORDED' as const },
      );
      const notify = t.state === 'EFFECTIVE' ? parts.map((part) => transferred(part)) : [];
      return (await rights.transfer(t, token, events, notify)) ? { made: t, receipt } : { receipt, refusal: STALE };
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
          licensee: partyDocument(l.licenseeId, l.outsideLicensee),
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
 * Signs an act on a right and records it: the right (each right of a transfer moving several:
 * rightsOf) claimed at `version` (the version its checks read; one per right, in rightsOf's
 * order), the entry appended, the act stored under the claim. CONFLICT, before the ledger hears of
 * it, when another request holds a right or changed it meanwhile. The store's refusal after the
 * append (a right moved by the registry feed meanwhile; a licence racing a twin contract) is given
 * back, for the caller to word with the entry's seq.
 */
export async function signOnRight<K extends Kind>(
  ctx: EnterprisesContext,
  version: number | readonly number[],
  act: ActOf<K>,
  by: Identity,
): Promise<Recorded<Made[K]>> {
  const rights = rightsOf(act);
  const versions = typeof version === 'number' ? [version] : version;
  const [right] = rights as [RightRef];
  const { kind, what, document } = entryOf(act);
  const digest = documentDigest(document);
  const token = randomUUID();
  const claim: RightClaim = { token, at: new Date().toISOString(), digest, role: by.role, act };
  const dropAll = () => Promise.all(rights.map((r) => ctx.store.rights.dropClaim(r, token)));
  try {
    for (const [i, r] of rights.entries()) {
      const got = await ctx.store.rights.claim(r, versions[i] ?? -1, claim, staleBefore());
      if (!got.ok) throw conflict(`${describeRight(r)} is being changed by another request, or was changed meanwhile; reload it and try again`);
      if (got.replaced !== null) await finishDead(ctx, r, got.replaced, claim);
    }
  } catch (err) {
    // Those claimed before the refusal are free again.
    await dropAll();
    throw err;
  }
  let receipt: Receipt;
  try {
    receipt = await appendOrFail(ctx.ledger, { kind, subject: rightSubject(right), contentDigest: digest, depositor: by.keyId, metadata: document }, what);
  } catch (err) {
    // Kept when the entry may yet be recorded: once its lease runs, a request finds it by its digest and finishes it.
    if (!(err instanceof GraphQLError && err.extensions.outcome === 'UNKNOWN')) await dropAll();
    throw err;
  }
  const recorded = await record(ctx, act, receipt, token, by.role);
  // Refused after all: the rights are free again for the caller's next try.
  if (recorded.refusal !== undefined) await dropAll();
  return recorded as Recorded<Made[K]>;
}

/** Claims made before this were left by requests that died midway: they may be taken over. */
const staleBefore = () => new Date(Date.now() - RIGHT_CLAIM_LEASE_MS).toISOString();

/**
 * A stale claim this request took over on `right`: if the act it was made for was signed (its
 * entry found on the ledger by the digest the claim carries), that act is recorded as signed (the
 * other rights it moves taken over from it too, at the versions they stand at), and this request,
 * checked against the right before it, is refused (CONFLICT); if it was never signed, the claim is
 * simply this request's now.
 */
async function finishDead(ctx: EnterprisesContext, right: RightRef, dead: RightClaim, ours: RightClaim): Promise<void> {
  const { kind } = entryOf(dead.act);
  const deadRights = rightsOf(dead.act);
  // The entry's subject is the act's first right.
  const signed = (await ctx.ledger.findByContentDigest(dead.digest)).find((e) => e.kind === kind && e.subject === rightSubject(deadRights[0]!));
  if (signed === undefined) return;
  const receipt: Receipt = { seq: signed.seq, entryHash: signed.entryHash, timestamp: signed.timestamp };
  const unrecordable = async () => {
    await Promise.all(deadRights.map((r) => ctx.store.rights.dropClaim(r, ours.token)));
    return conflict(
      `${describeRight(right)}: a request that stopped midway signed ledger entry ${signed.seq}, which cannot be recorded now (the right changed meanwhile): that entry records nothing that happened; reload the right and try again`,
    );
  };
  // Its other rights still hold its claim: taken over too, so that the act is recorded under this one.
  for (const other of deadRights.filter((r) => rightKey(r) !== rightKey(right))) {
    const got = await ctx.store.rights.claim(other, await versionOf(ctx, other), ours, staleBefore());
    if (!got.ok || got.replaced?.token !== dead.token) throw await unrecordable();
  }
  const finished = await record(ctx, dead.act, receipt, ours.token, dead.role);
  if (finished.refusal !== undefined) throw await unrecordable();
  throw conflict(
    `${describeRight(right)} was changed by a request that stopped midway, now recorded as it signed it (ledger entry ${signed.seq}); reload it and try again`,
  );
}

/** A right's version as stored (-1 when it is not: no claim holds then). */
async function versionOf(ctx: EnterprisesContext, r: RightRef): Promise<number> {
  const [found] = r.kind === 'PATENT' ? await ctx.store.patents.byNumbers([r.number]) : await ctx.store.trademarks.byNumbers([r.number]);
  return found?.version ?? -1;
}
