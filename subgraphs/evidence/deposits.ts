// Evidence deposits: a file's SHA-256 timestamped on the ledger (the file never reaches the hub),
// an enterprise's deposits a page at a time and searched, and the public check of a digest.

import { type Certificate, type Entry, formatTlogProof } from '../../ledger/index.js';
import { badInput } from '../../platform/errors.js';
import { idempotencyKey } from '../../platform/idempotency.js';
import { bulkKeys, DEFAULT_PAGE, instantKeyParts, MAX_BULK, MAX_PAGE, pageRequest, toConnection } from '../../platform/pagination.js';
import { requireActFor, requireIdentity } from '../common/auth.js';
import { ANY_ROLE, calledBy } from '../common/callers.js';
import { createAnchored, idempotencyKeyHelp } from '../common/create-once.js';
import { mutationForms } from '../common/payload.js';
import { connectionType, pageArgDescriptions } from '../common/shared-types.js';
import { checkInput, text } from '../common/validation.js';
import { actingFor, readableEvidence, readableEvidenceAtSeq } from './access.js';
import { builder, Category, contentDigest, Enterprise, Evidence, isoTime, LedgerReceipt, PageInfo } from './builder.js';
import type { EvidenceContext } from './context.js';
import type { EvidenceRecord } from './domain/model.js';
import type { DepositKey, DepositSearch } from './store/port.js';

builder.objectFields(Enterprise, (t) => ({
  evidence: t.field({
    type: [Evidence],
    nullable: true,
    description: `The enterprise's newest evidence deposits, newest first: \`first\` of them (default ${DEFAULT_PAGE}, at most ${MAX_PAGE}); \`deposits\` pages through them all and searches them`,
    args: { first: t.arg.int({ description: pageArgDescriptions.first }) },
    resolve: (e, args, ctx) => {
      requireActFor(ctx, e.id);
      return ctx.loaders.evidenceOf.load({ depositorId: e.id, limit: pageRequest(args.first, null).first });
    },
  }),
}));

Evidence.implement({
  description: 'A file deposited as evidence: the hub keeps its SHA-256, never the file',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The deposit's id in the hub (a UUID)" }),
    contentDigest: t.exposeString('contentDigest', { description: 'SHA-256 of the file, hex' }),
    title: t.exposeString('title', { description: 'The title its depositor gave it (1 to 200 characters)' }),
    category: t.field({ type: Category, description: 'What kind of file it is, as its depositor labelled it', resolve: (e) => e.category }),
    depositedAt: t.field({ type: 'DateTime', description: "When the ledger timestamped it: its receipt's timestamp", resolve: (e) => e.depositedAt }),
    depositor: t.field({
      type: Enterprise,
      nullable: true,
      description:
        'The enterprise that deposited it; null for a caller who may read the deposit but not that enterprise (a respondent reading the evidence against it)',
      resolve: (e) => ({ id: e.depositorId }),
    }),
    receipt: t.field({ type: LedgerReceipt, description: 'The EVIDENCE_DEPOSIT ledger entry that timestamps it', resolve: (e) => e.receipt }),
    certificate: t.field({
      type: 'JSON',
      description: 'The deposit certificate (iphub-certificate/v1) that ledger/verify checks offline',
      resolve: (e, _args, ctx) => ctx.ledger.certificate(e.receipt.seq),
    }),
    tlogProof: t.string({
      description:
        'The certificate as the standard offline proof, a C2SP tlog-proof@v1 file (.tlog-proof): the entry (base64 JSON in its extra line), its index, the inclusion proof and the signed checkpoint; `iphub verify` and /verify take it as they take the certificate',
      resolve: async (e, _args, ctx) => formatTlogProof(await ctx.ledger.certificate(e.receipt.seq)),
    }),
  }),
});
builder.asEntity(Evidence, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => readableEvidence(ctx, ref.id),
});

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

/** A deposit's place in the newest-first order, as a cursor's key: its time, a space, its id. */
const depositKey = (e: EvidenceRecord): string => `${e.depositedAt} ${e.id}`;
function parseDepositKey(key: string | undefined): DepositKey | undefined {
  if (key === undefined) return undefined;
  const parts = instantKeyParts(key);
  if (parts === undefined) throw badInput('after is not a cursor this API returned', 'after');
  return { depositedAt: parts.at, id: parts.id };
}

const InclusionProof = builder.objectRef<{ leafIndex: number; treeSize: number; hashes: readonly string[] }>('InclusionProof').implement({
  description: 'RFC 9162 inclusion proof of a ledger entry in the tree of a signed checkpoint',
  fields: (t) => ({
    leafIndex: t.exposeInt('leafIndex', { description: "The entry's leaf in the tree: its seq" }),
    treeSize: t.exposeInt('treeSize', { description: 'How many entries the tree holds: the size of the signed checkpoint the proof leads to' }),
    hashes: t.exposeStringList('hashes', { description: 'The proof: SHA-256 hashes, hex, leaf to root in the order of RFC 9162' }),
  }),
});

interface VerifiedDeposit {
  entry: Entry;
  proof: { leafIndex: number; treeSize: number; hashes: readonly string[] };
  certificate: Certificate;
}

const LedgerDeposit = builder.objectRef<VerifiedDeposit>('LedgerDeposit').implement({
  description: 'A ledger entry recording the digest',
  fields: (t) => ({
    seq: t.int({ description: "The entry's position in the ledger, from 0", resolve: (d) => d.entry.seq }),
    kind: t.string({
      description: 'What the entry records: EVIDENCE_DEPOSIT, DATA_ASSET_REGISTRATION, CASE_DECISION and the like',
      resolve: (d) => d.entry.kind,
    }),
    subject: t.string({ description: 'What the entry is about, e.g. evidence:<id>, data-asset:<id>', resolve: (d) => d.entry.subject }),
    depositor: t.string({
      description: "Who the entry was appended for, as the ledger records it: for a deposit or a data asset, the enterprise's id",
      resolve: (d) => d.entry.depositor,
    }),
    timestamp: t.field({ type: 'DateTime', description: 'When the ledger recorded the entry', resolve: (d) => isoTime(d.entry.timestamp) }),
    entryHash: t.string({ description: "The entry's hash, hex: what the chain and the Merkle tree commit to", resolve: (d) => d.entry.entryHash }),
    inclusionProof: t.field({ type: InclusionProof, description: 'The proof that the entry is in the tree of the signed checkpoint', resolve: (d) => d.proof }),
    certificate: t.field({
      type: 'JSON',
      description: "The entry's certificate (iphub-certificate/v1) that ledger/verify checks offline",
      resolve: (d) => d.certificate,
    }),
    tlogProof: t.string({
      description: 'The certificate as the standard offline proof, a C2SP tlog-proof@v1 file (.tlog-proof), as Evidence.tlogProof',
      resolve: (d) => formatTlogProof(d.certificate),
    }),
  }),
});

/** The most deposits of one digest a verification proves at once: anyone may deposit one digest many times. */
const MAX_VERIFIED = 20;

interface Verifying {
  readonly contentDigest: string;
  readonly entries: Entry[];
  /** Each entry's certificate, built once for the fields that ask for it. */
  readonly certificates: Map<number, Promise<Certificate>>;
}

function certificateOf(v: Verifying, ctx: EvidenceContext, seq: number): Promise<Certificate> {
  const built = v.certificates.get(seq);
  if (built !== undefined) return built;
  const certificate = ctx.ledger.certificate(seq);
  v.certificates.set(seq, certificate);
  return certificate;
}

const Verification = builder.objectRef<Verifying>('EvidenceVerification').implement({
  description: 'Whether a digest was deposited, with proofs anyone can check offline',
  fields: (t) => ({
    contentDigest: t.exposeString('contentDigest', { description: 'The SHA-256 asked about, lower-case hex' }),
    found: t.boolean({ description: 'Whether any ledger entry records the digest', resolve: (v) => v.entries.length > 0 }),
    depositCount: t.int({ description: 'How many ledger entries record the digest', resolve: (v) => v.entries.length }),
    deposits: t.field({
      type: [LedgerDeposit],
      description: `The first \`first\` entries recording the digest, oldest first (${MAX_VERIFIED} at most, and by default), each with its certificate`,
      args: { first: t.arg.int({ description: `How many entries: 1 to ${MAX_VERIFIED}, ${MAX_VERIFIED} unless given` }) },
      resolve: async (v, args, ctx) => {
        const first = args.first ?? MAX_VERIFIED;
        if (!Number.isInteger(first) || first < 1 || first > MAX_VERIFIED) throw badInput(`first must be 1 to ${MAX_VERIFIED}`, 'first');
        return Promise.all(
          v.entries.slice(0, first).map(async (entry) => {
            const certificate = await certificateOf(v, ctx, entry.seq);
            return { entry, proof: certificate.inclusion, certificate };
          }),
        );
      },
    }),
    checkpoint: t.string({
      description: 'The signed checkpoint (C2SP signed note) the proofs lead to',
      // The one covering the newest entry of the digest, to which every certificate leads.
      resolve: async (v, _args, ctx) => (v.entries.length === 0 ? ctx.ledger.checkpoint() : (await certificateOf(v, ctx, v.entries.at(-1)!.seq)).checkpoint),
    }),
    verifierKey: t.string({
      description: "The ledger's key; check it against the one the centre publishes",
      resolve: (_v, _args, ctx) => ctx.ledger.verifierKey,
    }),
  }),
});

builder.queryFields((t) => ({
  deposits: t.field({
    type: EvidenceConnection,
    description: `An enterprise's evidence deposits, newest first, a page at a time; \`search\` (at most ${MAX_SEARCH} characters) finds those whose title contains it (ASCII letters in either case) or, when it is 4 to 64 hex digits, whose content digest starts with it. An enterprise key reads its own (enterpriseId omitted, or its own id); centre staff name the enterprise`,
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE'),
    args: {
      enterpriseId: t.arg.id({ description: 'The enterprise whose deposits: centre staff must give it; an enterprise key omits it or gives its own id' }),
      search: t.arg.string({
        description: `Text the title contains, or 4 to 64 hex digits the content digest starts with (at most ${MAX_SEARCH} characters); omitted or blank, every deposit`,
      }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
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
      return toConnection(rows, page, depositKey, () => ctx.store.evidence.countByDepositor(depositorId, search));
    },
  }),
  evidence: t.field({
    type: Evidence,
    nullable: true,
    description:
      'A deposit by its id: its depositor and staff read it, a court once a case citing it is referred to it, a party to an accepted case citing it; null otherwise, as for none',
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'COURT'),
    args: { id: t.arg.id({ required: true, description: "The deposit's id" }) },
    resolve: (_root, { id }, ctx) => readableEvidence(ctx, String(id)),
  }),
  evidenceBySeq: t.field({
    type: Evidence,
    nullable: true,
    description:
      'A deposit by its ledger entry (its receipt’s seq), as GET /certificates/<seq>.pdf finds it: read as evidence(id:) reads one, null for an entry that records no deposit and for a deposit the caller may not read',
    tag: calledBy('CENTER_STAFF', 'ENTERPRISE', 'COURT'),
    args: { seq: t.arg.int({ required: true, description: 'The seq of the deposit’s EVIDENCE_DEPOSIT ledger entry, from 0' }) },
    resolve: (_root, { seq }, ctx) => {
      if (!Number.isSafeInteger(seq) || seq < 0) throw badInput('seq must be a whole number from 0', 'seq');
      return readableEvidenceAtSeq(ctx, seq);
    },
  }),
  verifyEvidences: t.field({
    type: [Verification],
    description: `Public: verifyEvidence for each digest, in the order asked; ${MAX_BULK} at most`,
    tag: calledBy('PUBLIC', ...ANY_ROLE),
    args: { contentDigests: t.arg.stringList({ required: true, description: `SHA-256 digests, 64 hex characters each (either case); ${MAX_BULK} at most` }) },
    resolve: (_root, args, ctx) =>
      Promise.all(
        bulkKeys(args.contentDigests, 'contentDigests')
          .map((d) => contentDigest(d))
          .map(async (digest) => ({ contentDigest: digest, entries: await ctx.ledger.findByContentDigest(digest), certificates: new Map() })),
      ),
  }),
  verifyEvidence: t.field({
    type: Verification,
    description: 'Public: was a file with this SHA-256 deposited, when, by whom, with proofs',
    tag: calledBy('PUBLIC', ...ANY_ROLE),
    args: { contentDigest: t.arg.string({ required: true, description: "The file's SHA-256, 64 hex characters (either case)" }) },
    resolve: async (_root, args, ctx) => {
      const digest = contentDigest(args.contentDigest);
      return { contentDigest: digest, entries: await ctx.ledger.findByContentDigest(digest), certificates: new Map() };
    },
  }),
}));

const DepositEvidenceInput = builder.inputType('DepositEvidenceInput', {
  description: 'A file to deposit, by its SHA-256 (the file itself stays with its owner), with its title and category',
  fields: (t) => ({
    contentDigest: t.string({ required: true, description: 'SHA-256 of the file, 64 hex characters' }),
    title: t.string({ required: true, description: 'A title for the deposit, 1 to 200 characters once trimmed; recorded on the ledger' }),
    category: t.field({ type: Category, required: true, description: 'What kind of file it is; recorded on the ledger' }),
    depositorId: t.id({ description: 'Centre staff: the enterprise deposited for. Enterprise keys: omit, or their own id' }),
    idempotencyKey: t.string({ description: idempotencyKeyHelp('deposit') }),
  }),
});

mutationForms(builder, {
  name: 'depositEvidence',
  payload: 'evidenceDeposit',
  object: 'evidence',
  type: Evidence,
  description:
    'Deposits a file’s SHA-256 (the file stays with its owner): one ledger entry, timestamped and proven in the next signed checkpoint; its certificate verifies offline',
  callers: ['CENTER_STAFF', 'ENTERPRISE'],
  args: (t) => ({ input: t.field({ type: DepositEvidenceInput, required: true, description: 'The file’s digest, title and category, and for whom' }) }),
  resolve: async ({ input }, ctx) => {
    const identity = requireIdentity(ctx);
    const { depositorId, digest, title } = await checkInput({
      depositorId: () => actingFor(ctx, input.depositorId, 'depositorId'),
      digest: () => contentDigest(input.contentDigest),
      title: () => text(input.title, 'title', 200),
    });
    const metadata = { title, category: input.category };
    // Appended first: a crash between the two leaves an unacknowledged ledger entry, never a deposit without one.
    return createAnchored<EvidenceRecord>(ctx.ledger, identity, {
      mutation: 'depositEvidence',
      what: 'deposit',
      key: idempotencyKey(input.idempotencyKey),
      entry: { kind: 'EVIDENCE_DEPOSIT', contentDigest: digest, depositor: depositorId, metadata },
      subject: (id) => `evidence:${id}`,
      stored: async (id) => (await ctx.store.evidence.byIds([id]))[0],
      build: (id, receipt) => ({ id, depositorId, ...metadata, contentDigest: digest, depositedAt: isoTime(receipt.timestamp), receipt }),
      insert: (record) => ctx.store.evidence.insert(record),
      given: { depositorId, contentDigest: digest, ...metadata },
    });
  },
});
