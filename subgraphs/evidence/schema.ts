// The evidence subgraph: evidence deposits timestamped on the ledger, and the ledger's public
// face (checkpoints, proofs, verification of a digest).
import { randomUUID } from 'node:crypto';

import type { Entry } from '../../ledger/entry.js';
import { LedgerInputError } from '../../ledger/entry.js';
import { badInput, failure, forbidden } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { DEFAULT_PAGE, MAX_PAGE, pageRequest, toConnection } from '../../platform/pagination.js';
import { requireActFor, requireIdentity, requireRole } from '../common/auth.js';
import { createBuilder } from '../common/builder.js';
import { appendOrFail } from '../common/ledger-append.js';
import { DEFAULT_MONTHS, MAX_MONTHS, monthsArg, monthsFrom, zeroFilled } from '../common/months.js';
import { connectionType, jsonScalar, ledgerReceiptType, monthCountType, pageInfoType } from '../common/shared-types.js';
import { text } from '../common/validation.js';
import type { EvidenceContext } from './context.js';
import type { DataAssetRecord, DepositKey, DepositSearch, EvidenceRecord } from './store/port.js';
import { EVIDENCE_CATEGORIES } from './store/port.js';

const builder = createBuilder<EvidenceContext>();

jsonScalar(builder);

const DIGEST = /^[0-9a-fA-F]{64}$/;

function contentDigest(value: string, field = 'contentDigest'): string {
  if (!DIGEST.test(value)) {
    throw failure('INVALID_DIGEST', `${field} must be a SHA-256 digest: 64 hexadecimal characters (got ${value.length} characters)`, { field });
  }
  return value.toLowerCase();
}

const isoTime = (ms: number): string => new Date(ms).toISOString();

const Category = builder.enumType('EvidenceCategory', { values: EVIDENCE_CATEGORIES });

const LedgerReceipt = ledgerReceiptType(builder);

const Enterprise = builder.externalRef('Enterprise', builder.selection<{ id: string }>('id'));
const Evidence = builder.objectRef<EvidenceRecord>('Evidence');

Enterprise.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    evidence: t.field({
      type: [Evidence],
      nullable: true,
      description: `The enterprise's newest evidence deposits, newest first: \`first\` of them (default ${DEFAULT_PAGE}, at most ${MAX_PAGE}); \`deposits\` pages through them all and searches them`,
      args: { first: t.arg.int() },
      resolve: (e, args, ctx) => {
        requireActFor(ctx, e.id);
        return ctx.loaders.evidenceOf.load({ depositorId: e.id, limit: pageRequest(args.first, null).first });
      },
    }),
    dataAssets: t.field({
      type: [DataAsset],
      description: "The enterprise's registered data assets, newest first",
      resolve: (e, _args, ctx) => {
        const identity = requireIdentity(ctx);
        if (identity.role === 'ENTERPRISE') requireActFor(ctx, e.id);
        return ctx.loaders.dataAssetsOf.load(e.id);
      },
    }),
  }),
});

Evidence.implement({
  description: 'A file deposited as evidence: the hub keeps its SHA-256, never the file',
  fields: (t) => ({
    id: t.exposeID('id'),
    contentDigest: t.exposeString('contentDigest', { description: 'SHA-256 of the file, hex' }),
    title: t.exposeString('title'),
    category: t.field({ type: Category, resolve: (e) => e.category }),
    depositedAt: t.field({ type: 'DateTime', resolve: (e) => e.depositedAt }),
    depositor: t.field({ type: Enterprise, resolve: (e) => ({ id: e.depositorId }) }),
    receipt: t.field({ type: LedgerReceipt, resolve: (e) => e.receipt }),
    certificate: t.field({
      type: 'JSON',
      description: 'The deposit certificate (iphub-certificate/v1) that ledger/verify checks offline',
      resolve: (e, _args, ctx) => ctx.ledger.certificate(e.receipt.seq),
    }),
  }),
});
builder.asEntity(Evidence, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => readableEvidence(ctx, ref.id),
});

const PageInfo = pageInfoType(builder);
const EvidenceConnection = connectionType(builder, 'Evidence', Evidence, PageInfo);

const MAX_SEARCH = 100;
const DIGEST_PREFIX = /^[0-9a-fA-F]{4,64}$/;

/** The search asked for: trimmed; none when empty; at most MAX_SEARCH characters, no control characters. */
function depositSearch(value: string | null | undefined): DepositSearch | undefined {
  const text = (value ?? '').trim();
  if (text === '') return undefined;
  if (text.length > MAX_SEARCH) throw badInput(`search must be at most ${MAX_SEARCH} characters (got ${text.length})`, 'search');
  if (/[\u0000-\u001f\u007f]/.test(text)) throw badInput('search must not contain control characters', 'search');
  return DIGEST_PREFIX.test(text) ? { text, digestPrefix: text.toLowerCase() } : { text };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A deposit's place in the newest-first order, as a cursor's key: its time, a space, its id. */
const depositKey = (e: EvidenceRecord): string => `${e.depositedAt} ${e.id}`;
function parseDepositKey(key: string | undefined): DepositKey | undefined {
  if (key === undefined) return undefined;
  const space = key.indexOf(' ');
  const depositedAt = key.slice(0, space);
  const id = key.slice(space + 1);
  if (space < 0 || !ISO_INSTANT.test(depositedAt) || id === '') throw badInput('after is not a cursor this API returned', 'after');
  return { depositedAt, id };
}

const DataAsset = builder.objectRef<DataAssetRecord>('DataAsset');
DataAsset.implement({
  description: 'A registered data set (数据知识产权): its SHA-256 fingerprint, timestamped on the ledger',
  fields: (t) => ({
    id: t.exposeID('id'),
    owner: t.field({ type: Enterprise, resolve: (a) => ({ id: a.ownerId }) }),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    fingerprint: t.exposeString('fingerprint', { description: 'SHA-256 of the data set, hex' }),
    registeredAt: t.field({ type: 'DateTime', resolve: (a) => a.registeredAt }),
    receipt: t.field({ type: LedgerReceipt, resolve: (a) => a.receipt }),
    certificate: t.field({
      type: 'JSON',
      description: 'The registration certificate that ledger/verify checks offline',
      resolve: (a, _args, ctx) => ctx.ledger.certificate(a.receipt.seq),
    }),
  }),
});
builder.asEntity(DataAsset, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => readableDataAsset(ctx, ref.id),
});

/** Registrations are announced publicly: institutions read them all, an enterprise its own. */
async function readableDataAsset(ctx: EvidenceContext, id: string): Promise<DataAssetRecord | null> {
  const identity = requireIdentity(ctx);
  const found = await ctx.loaders.dataAsset.load(id);
  if (found !== undefined && identity.role === 'ENTERPRISE') requireActFor(ctx, found.ownerId);
  return found ?? null;
}

async function readableEvidence(ctx: EvidenceContext, id: string): Promise<EvidenceRecord | null> {
  const identity = requireIdentity(ctx);
  const found = await ctx.loaders.evidence.load(id);
  if (found === undefined) return null;
  if (identity.role === 'COURT') {
    if (!(await referredTo(ctx, id, identity.organization))) throw forbidden('a court reads the evidence of the cases referred to it');
    return found;
  }
  requireActFor(ctx, found.depositorId);
  return found;
}

/** Does a protection case citing this deposit stand referred to the court? (The cases subgraph knows.) */
async function referredTo(ctx: EvidenceContext, evidenceId: string, court: string | undefined): Promise<boolean> {
  if (court === undefined) return false;
  const { evidence } = await ctx.hub<{ evidence: { citedBy: { referredTo: string | null }[] } | null }>(
    'query ($id: ID!) { evidence(id: $id) { citedBy { referredTo } } }',
    { id: evidenceId },
  );
  return evidence?.citedBy.some((c) => c.referredTo === court) ?? false;
}

const ConsistencyProof = builder.objectRef<{ size1: number; size2: number; hashes: readonly string[] }>('ConsistencyProof').implement({
  description: 'RFC 9162 consistency proof between two tree sizes',
  fields: (t) => ({ fromSize: t.exposeInt('size1'), toSize: t.exposeInt('size2'), hashes: t.exposeStringList('hashes') }),
});

const InclusionProof = builder.objectRef<{ leafIndex: number; treeSize: number; hashes: readonly string[] }>('InclusionProof').implement({
  description: 'RFC 9162 inclusion proof of a ledger entry in the tree of a signed checkpoint',
  fields: (t) => ({
    leafIndex: t.exposeInt('leafIndex'),
    treeSize: t.exposeInt('treeSize'),
    hashes: t.exposeStringList('hashes'),
  }),
});

interface VerifiedDeposit {
  entry: Entry;
  proof: { leafIndex: number; treeSize: number; hashes: readonly string[] };
  certificate: unknown;
}

const LedgerDeposit = builder.objectRef<VerifiedDeposit>('LedgerDeposit').implement({
  description: 'A ledger entry recording the digest',
  fields: (t) => ({
    seq: t.int({ resolve: (d) => d.entry.seq }),
    kind: t.string({ resolve: (d) => d.entry.kind }),
    subject: t.string({ resolve: (d) => d.entry.subject }),
    depositor: t.string({ resolve: (d) => d.entry.depositor }),
    timestamp: t.field({ type: 'DateTime', resolve: (d) => isoTime(d.entry.timestamp) }),
    entryHash: t.string({ resolve: (d) => d.entry.entryHash }),
    inclusionProof: t.field({ type: InclusionProof, resolve: (d) => d.proof }),
    certificate: t.field({ type: 'JSON', resolve: (d) => d.certificate }),
  }),
});

const Verification = builder
  .objectRef<{ contentDigest: string; deposits: VerifiedDeposit[]; checkpoint: string; verifierKey: string }>('EvidenceVerification')
  .implement({
    description: 'Whether a digest was deposited, with proofs anyone can check offline',
    fields: (t) => ({
      contentDigest: t.exposeString('contentDigest'),
      found: t.boolean({ resolve: (v) => v.deposits.length > 0 }),
      deposits: t.field({ type: [LedgerDeposit], resolve: (v) => v.deposits }),
      checkpoint: t.exposeString('checkpoint', { description: 'The signed checkpoint (C2SP signed note) the proofs lead to' }),
      verifierKey: t.exposeString('verifierKey', { description: "The ledger's key; check it against the one the centre publishes" }),
    }),
  });

const MonthCount = monthCountType(builder);

const Statistics = builder.objectRef<object>('EvidenceStatistics').implement({
  description: 'Evidence deposits: counts kept as deposits are stored, never of personal data',
  fields: (t) => ({
    total: t.int({ description: 'Every deposit', resolve: (_s, _args, ctx) => ctx.store.evidence.count() }),
    depositsByMonth: t.field({
      type: [MonthCount],
      description: `Deposits per calendar month (UTC): the last \`months\` months (1 to ${MAX_MONTHS}) up to and including the current one, oldest first, 0 for a month without any`,
      args: { months: t.arg.int({ defaultValue: DEFAULT_MONTHS }) },
      resolve: async (_s, args, ctx) => {
        const months = monthsFrom(today(), -monthsArg(args.months));
        return zeroFilled(months, await ctx.store.evidence.countByMonth(months[0]!, months.at(-1)!));
      },
    }),
  }),
});

builder.queryType({
  fields: (t) => ({
    evidenceStatistics: t.field({
      type: Statistics,
      description: 'Centre staff: evidence deposits in total and per month',
      resolve: (_root, _args, ctx) => {
        requireRole(ctx, 'CENTER_STAFF');
        return {};
      },
    }),
    deposits: t.field({
      type: EvidenceConnection,
      description: `An enterprise's evidence deposits, newest first, a page at a time; \`search\` (at most ${MAX_SEARCH} characters) finds those whose title contains it (ASCII letters in either case) or, when it is 4 to 64 hex digits, whose content digest starts with it. An enterprise key reads its own (enterpriseId omitted, or its own id); centre staff name the enterprise`,
      args: { enterpriseId: t.arg.id(), search: t.arg.string(), first: t.arg.int(), after: t.arg.string() },
      resolve: async (_root, args, ctx) => {
        const depositorId = actingFor(ctx, args.enterpriseId, 'enterpriseId', "read one enterprise's deposits");
        const page = pageRequest(args.first, args.after);
        const search = depositSearch(args.search);
        const after = parseDepositKey(page.after);
        const rows = await ctx.store.evidence.pageByDepositor(depositorId, {
          ...(search === undefined ? {} : { search }),
          ...(after === undefined ? {} : { after }),
          limit: page.first + 1,
        });
        for (const e of rows) ctx.loaders.evidence.prime(e.id, e);
        return toConnection(rows, page, depositKey);
      },
    }),
    evidence: t.field({
      type: Evidence,
      nullable: true,
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, ctx) => readableEvidence(ctx, String(id)),
    }),
    verifyEvidence: t.field({
      type: Verification,
      description: 'Public: was a file with this SHA-256 deposited, when, by whom, with proofs',
      args: { contentDigest: t.arg.string({ required: true }) },
      resolve: async (_root, args, ctx) => {
        const digest = contentDigest(args.contentDigest);
        const entries = await ctx.ledger.findByContentDigest(digest);
        const checkpoint = await ctx.ledger.checkpoint();
        const deposits = await Promise.all(
          entries.map(async (entry) => {
            const certificate = await ctx.ledger.certificate(entry.seq);
            return { entry, proof: certificate.inclusion, certificate };
          }),
        );
        // Every certificate leads to the newest checkpoint, which may be newer than `checkpoint`.
        const newest = deposits.at(-1)?.certificate.checkpoint ?? checkpoint;
        return { contentDigest: digest, deposits, checkpoint: newest, verifierKey: ctx.ledger.verifierKey };
      },
    }),
    dataAsset: t.field({
      type: DataAsset,
      nullable: true,
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, ctx) => readableDataAsset(ctx, String(id)),
    }),
    ledgerCheckpoint: t.string({
      description: "Public: the ledger's latest signed checkpoint (C2SP tlog-checkpoint note)",
      resolve: (_root, _args, ctx) => ctx.ledger.checkpoint(),
    }),
    ledgerVerifierKey: t.string({
      description: "Public: the ledger's Ed25519 verifier key (C2SP note key format)",
      resolve: (_root, _args, ctx) => ctx.ledger.verifierKey,
    }),
    ledgerTile: t.string({
      nullable: true,
      description: 'Public: a C2SP tlog-tiles tile by its path (tile/<L>/<N>[.p/<W>], tile/entries/...), base64; null when there is none',
      args: { path: t.arg.string({ required: true }) },
      resolve: async (_root, { path }, ctx) => {
        const tile = await ctx.ledger.tile(path);
        return tile === undefined ? null : Buffer.from(tile).toString('base64');
      },
    }),
    ledgerConsistencyProof: t.field({
      type: ConsistencyProof,
      description: 'Public: RFC 9162 proof that the tree of fromSize entries is a prefix of the tree of toSize (default: the latest checkpoint)',
      args: { fromSize: t.arg.int({ required: true }), toSize: t.arg.int() },
      resolve: async (_root, args, ctx) => {
        try {
          return await ctx.ledger.proveConsistency(args.fromSize, args.toSize ?? undefined);
        } catch (err) {
          if (err instanceof LedgerInputError) throw badInput(err.message);
          throw err;
        }
      },
    }),
  }),
});

const DepositEvidenceInput = builder.inputType('DepositEvidenceInput', {
  fields: (t) => ({
    contentDigest: t.string({ required: true, description: 'SHA-256 of the file, 64 hex characters' }),
    title: t.string({ required: true }),
    category: t.field({ type: Category, required: true }),
    depositorId: t.id({ description: 'Centre staff: the enterprise deposited for. Enterprise keys: omit, or their own id' }),
  }),
});

const RegisterDataAssetInput = builder.inputType('RegisterDataAssetInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string({ required: true }),
    fingerprint: t.string({ required: true, description: 'SHA-256 of the data set, 64 hex characters' }),
    ownerId: t.id({ description: 'Centre staff: the enterprise registering. Enterprise keys: omit, or their own id' }),
  }),
});

/** The enterprise a field acts for: an enterprise key's own; centre staff must name one (they `staff` it). */
function actingFor(ctx: EvidenceContext, asked: string | number | null | undefined, field: string, staff = 'act on behalf of an enterprise'): string {
  const identity = requireIdentity(ctx);
  const id = asked === null || asked === undefined ? undefined : String(asked);
  if (identity.role === 'ENTERPRISE') return requireActFor(ctx, id ?? identity.enterpriseId ?? '').enterpriseId!;
  if (identity.role !== 'CENTER_STAFF') throw forbidden('only enterprise and centre staff keys do this');
  if (id === undefined) throw badInput(`centre staff ${staff}: give ${field}`, field);
  return id;
}

builder.mutationType({
  fields: (t) => ({
    submitCheckpointCosignature: t.string({
      description: "Public: a witness sends back one of the ledger's checkpoints with its C2SP cosignature; returns the checkpoint with every cosignature kept",
      args: { note: t.arg.string({ required: true }) },
      resolve: async (_root, { note }, ctx) => {
        try {
          return await ctx.ledger.addCosignatures(note);
        } catch (err) {
          if (err instanceof LedgerInputError) throw err.code === 'NOT_FOUND' ? failure('NOT_FOUND', err.message) : badInput(err.message, 'note');
          throw err;
        }
      },
    }),
    registerDataAsset: t.field({
      type: DataAsset,
      args: { input: t.arg({ type: RegisterDataAssetInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const ownerId = actingFor(ctx, input.ownerId, 'ownerId');
        const fingerprint = contentDigest(input.fingerprint, 'fingerprint');
        const name = text(input.name, 'name', 200);
        const description = input.description.trim();
        if (description.length > 2000) throw badInput('description must be at most 2000 characters', 'description');
        const id = randomUUID();
        const receipt = await appendOrFail(
          ctx.ledger,
          { kind: 'DATA_ASSET_REGISTRATION', subject: `data-asset:${id}`, contentDigest: fingerprint, depositor: ownerId, metadata: { name, description } },
          'registration',
        );
        const record: DataAssetRecord = { id, ownerId, name, description, fingerprint, registeredAt: isoTime(receipt.timestamp), receipt };
        await ctx.store.dataAssets.insert(record);
        return record;
      },
    }),
    depositEvidence: t.field({
      type: Evidence,
      args: { input: t.arg({ type: DepositEvidenceInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const depositorId = actingFor(ctx, input.depositorId, 'depositorId');
        const digest = contentDigest(input.contentDigest);
        const title = text(input.title, 'title', 200);

        const id = randomUUID();
        const receipt = await appendOrFail(
          ctx.ledger,
          { kind: 'EVIDENCE_DEPOSIT', subject: `evidence:${id}`, contentDigest: digest, depositor: depositorId, metadata: { title, category: input.category } },
          'deposit',
        );
        // Appended first: a crash here leaves an unacknowledged ledger entry, never a deposit without one.
        const record: EvidenceRecord = {
          id,
          depositorId,
          title,
          category: input.category,
          contentDigest: digest,
          depositedAt: isoTime(receipt.timestamp),
          receipt,
        };
        await ctx.store.evidence.insert(record);
        return record;
      },
    }),
  }),
});

export const evidenceSchema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
