// The ledger's public face: its signed checkpoint and key, tiles, consistency proofs, and the
// witnesses' cosignatures sent back. Every field here answers without a key.
import { LedgerInputError } from '../../ledger/index.js';
import { badInput, failure } from '../../platform/errors.js';
import { ANY_ROLE, calledBy } from '../common/callers.js';
import { mutationForms } from '../common/payload.js';
import { builder } from './builder.js';

const ConsistencyProof = builder.objectRef<{ size1: number; size2: number; hashes: readonly string[] }>('ConsistencyProof').implement({
  description: 'RFC 9162 consistency proof between two tree sizes',
  fields: (t) => ({
    fromSize: t.exposeInt('size1', { description: 'The size of the older tree: how many entries it holds' }),
    toSize: t.exposeInt('size2', { description: 'The size of the newer tree, of which the older is a prefix' }),
    hashes: t.exposeStringList('hashes', { description: 'The proof: SHA-256 hashes, hex, in the order of RFC 9162' }),
  }),
});

builder.queryFields((t) => ({
  ledgerCheckpoint: t.string({
    description: "Public: the ledger's latest signed checkpoint (C2SP tlog-checkpoint note)",
    tag: calledBy('PUBLIC', ...ANY_ROLE),
    resolve: (_root, _args, ctx) => ctx.ledger.checkpoint(),
  }),
  ledgerVerifierKey: t.string({
    description: "Public: the ledger's Ed25519 verifier key (C2SP note key format)",
    tag: calledBy('PUBLIC', ...ANY_ROLE),
    resolve: (_root, _args, ctx) => ctx.ledger.verifierKey,
  }),
  ledgerTimestampRoots: t.stringList({
    description:
      'Public: the root certificates (PEM) of the RFC 3161 timestamp authorities whose tokens the ledger keeps, as the hub states them (none when none is configured); a verifier trusts only roots it got elsewhere',
    tag: calledBy('PUBLIC', ...ANY_ROLE),
    resolve: (_root, _args, ctx) => [...ctx.ledger.timestampRoots],
  }),
  ledgerTile: t.string({
    nullable: true,
    description: 'Public: a C2SP tlog-tiles tile by its path (tile/<L>/<N>[.p/<W>], tile/entries/...), base64; null when there is none',
    tag: calledBy('PUBLIC', ...ANY_ROLE),
    args: {
      path: t.arg.string({ required: true, description: "The tile's path as C2SP tlog-tiles names it, e.g. tile/0/000 or tile/entries/000.p/5" }),
    },
    resolve: async (_root, { path }, ctx) => {
      const tile = await ctx.ledger.tile(path);
      return tile === undefined ? null : Buffer.from(tile).toString('base64');
    },
  }),
  ledgerConsistencyProof: t.field({
    type: ConsistencyProof,
    description: 'Public: RFC 9162 proof that the tree of fromSize entries is a prefix of the tree of toSize (default: the latest checkpoint)',
    tag: calledBy('PUBLIC', ...ANY_ROLE),
    args: {
      fromSize: t.arg.int({ required: true, description: 'The size of the older tree: 1 to toSize' }),
      toSize: t.arg.int({
        description: "The size of the newer tree, at most the ledger's; omitted, the latest signed checkpoint's (one is signed when none covers fromSize)",
      }),
    },
    resolve: async (_root, args, ctx) => {
      try {
        return await ctx.ledger.proveConsistency(args.fromSize, args.toSize ?? undefined);
      } catch (err) {
        if (err instanceof LedgerInputError) throw badInput(err.message);
        throw err;
      }
    },
  }),
}));

mutationForms(builder, {
  name: 'submitCheckpointCosignature',
  payload: 'checkpointCosignatureSubmit',
  object: 'checkpoint',
  type: 'String',
  description: "Public: a witness sends back one of the ledger's checkpoints with its C2SP cosignature; returns the checkpoint with every cosignature kept",
  callers: ['PUBLIC', ...ANY_ROLE],
  args: (t) => ({
    note: t.string({
      required: true,
      description: "One of this ledger's checkpoints as a C2SP signed note, carrying the cosignature lines (C2SP tlog-cosignature) of configured witnesses",
    }),
  }),
  resolve: async ({ note }, ctx) => {
    try {
      return await ctx.ledger.addCosignatures(note);
    } catch (err) {
      if (err instanceof LedgerInputError) throw err.code === 'NOT_FOUND' ? failure('NOT_FOUND', err.message) : badInput(err.message, 'note');
      throw err;
    }
  },
});
