// Who is asking, as the hub sees the caller: its key or account, role, what it acts for, and its
// rate budget, so that an integrator can check its key and pace itself without meeting a 429.
import type { Identity, RateLimitState } from '../../platform/identity.js';
import { ANY_ROLE, calledBy } from '../common/callers.js';
import { builder, Enterprise, Role } from './builder.js';

const ViewerKind = builder.enumType('ViewerKind', {
  description: 'What the caller authenticated with',
  values: {
    API_KEY: { description: "A partner system's API key" },
    ACCOUNT: { description: "A person's account, signed in (a session cookie)" },
    SERVICE: { description: "One of the hub's own subgraphs asking as a service" },
  },
});

const RateLimit = builder.objectRef<RateLimitState>('RateLimit').implement({
  description: "The caller's rate budget in its current window, in cost points, once this operation is charged",
  fields: (t) => ({
    limit: t.exposeInt('limit', { description: 'Points per window' }),
    remaining: t.exposeInt('remaining', { description: 'Points left in this window' }),
    resetAt: t.field({ type: 'DateTime', description: 'When the window ends and the budget is whole again', resolve: (r) => r.resetAt }),
  }),
});

const kindOf = (keyId: string): 'API_KEY' | 'ACCOUNT' | 'SERVICE' =>
  keyId.startsWith('account:') ? 'ACCOUNT' : keyId.startsWith('service:') ? 'SERVICE' : 'API_KEY';

const Viewer = builder.objectRef<Identity>('Viewer').implement({
  description: 'The caller, as the hub knows it',
  fields: (t) => ({
    id: t.id({ description: "The API key's id, or the account's as `account:<id>`", resolve: (i) => i.keyId }),
    kind: t.field({ type: ViewerKind, description: 'What the caller authenticated with', resolve: (i) => kindOf(i.keyId) }),
    role: t.field({ type: Role, description: 'The role its key or account acts as', resolve: (i) => i.role }),
    enterprise: t.field({
      type: Enterprise,
      nullable: true,
      description: 'The enterprise an ENTERPRISE caller acts for; null for other roles',
      resolve: async (i, _args, ctx) => (i.enterpriseId === undefined ? null : ((await ctx.loaders.enterprise.load(i.enterpriseId)) ?? null)),
    }),
    organization: t.string({
      nullable: true,
      description: 'The bank, court or insurer a BANK, COURT or INSURER caller acts for; null for other roles',
      resolve: (i) => i.organization ?? null,
    }),
    rateLimit: t.field({
      type: RateLimit,
      nullable: true,
      description: "The caller's budget, as the RateLimit-* headers of every answer tell it too; null for the hub's own services",
      resolve: (i) => i.rateLimit ?? null,
    }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: Viewer,
    nullable: true,
    tag: calledBy('PUBLIC', ...ANY_ROLE),
    description: 'The caller: its key or account, role, what it acts for and its rate budget; null without a key or a session',
    resolve: (_root, _args, ctx) => ctx.identity ?? null,
  }),
}));
