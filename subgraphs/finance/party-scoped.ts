// What pledges and insurance policies share: each has two parties, an organization (the pledgee
// bank, the insurer) and an enterprise (the pledgor, the insured), and a key reads one only as a
// party to it, or as centre staff. One reading of that rule by id (an entity reference too), by
// enterprise, by covered asset and a page at a time, whichever of the two it is.
import type DataLoader from 'dataloader';

import { forbidden } from '../../platform/errors.js';
import type { Identity } from '../../platform/identity.js';
import { type Connection, type ListRead, pageRequest, toConnection } from '../../platform/pagination.js';
import { requireIdentity } from '../common/auth.js';
import { cursorKeyOf, listRead } from '../common/sync.js';
import type { FinanceContext } from './context.js';
import { assetKey, type AssetRef } from './domain/model.js';

export interface PartyRule<R extends { readonly id: string; readonly updatedAt: string }, Scope> {
  /** What a refusal calls one, and several. */
  readonly noun: string;
  readonly nouns: string;
  /** The records a key may see, as a store filter: FORBIDDEN for keys that see none (access.ts). */
  scope(identity: Identity): Scope;
  inScope(r: R, scope: Scope): boolean;
  /** The enterprise an enterprise key's scope is bound to; undefined for other keys. */
  enterpriseOf(scope: Scope): string | undefined;
  loaders(ctx: FinanceContext): {
    readonly byId: DataLoader<string, R | undefined>;
    readonly ofEnterprise: DataLoader<string, R[]>;
    readonly onAsset: DataLoader<string, R[]>;
  };
  /** A page of the records in `scope`, read by id or by change. */
  page(ctx: FinanceContext, scope: Scope, read: ListRead, limit: number): Promise<R[]>;
  /** How many records the scope holds (changed at `since` or later, when given). */
  count(ctx: FinanceContext, scope: Scope, since: string | undefined): Promise<number>;
}

export function partyScoped<R extends { readonly id: string; readonly updatedAt: string }, Scope>(rule: PartyRule<R, Scope>) {
  const scopeOf = (ctx: FinanceContext): Scope => rule.scope(requireIdentity(ctx));
  return {
    scopeOf,
    /**
     * The record if the caller is party to it; null alike when there is none and when the caller
     * is no party to it (no answer says whether another's exists). FORBIDDEN for a key that reads none.
     */
    async readable(ctx: FinanceContext, id: string): Promise<R | null> {
      const scope = scopeOf(ctx);
      const found = await rule.loaders(ctx).byId.load(id);
      return found !== undefined && rule.inScope(found, scope) ? found : null;
    },
    /** An enterprise's records the caller is party to, newest first; an enterprise key reads its own alone. */
    async ofEnterprise(ctx: FinanceContext, enterpriseId: string): Promise<R[]> {
      const scope = scopeOf(ctx);
      const own = rule.enterpriseOf(scope);
      if (own !== undefined && own !== enterpriseId) throw forbidden(`an enterprise key reads only its own ${rule.nouns}`);
      return (await rule.loaders(ctx).ofEnterprise.load(enterpriseId)).filter((r) => rule.inScope(r, scope));
    },
    /** The records an asset is or was in that the caller is party to, newest first. */
    async onAsset(ctx: FinanceContext, asset: AssetRef): Promise<R[]> {
      const scope = scopeOf(ctx);
      return (await rule.loaders(ctx).onAsset.load(assetKey(asset))).filter((r) => rule.inScope(r, scope));
    },
    /** A page of the records the caller is party to, by id or by change (common/sync.ts), each primed for later look-ups. */
    async page(
      ctx: FinanceContext,
      args: { first?: number | null; after?: string | null; updatedSince?: string | null; orderBy?: ListRead['order'] | null },
      narrow: (scope: Scope) => Scope = (s) => s,
    ): Promise<Connection<R>> {
      // Who may read is settled before the arguments are: a key that reads none is told so first.
      const scope = narrow(scopeOf(ctx));
      const page = pageRequest(args.first, args.after);
      const read = listRead(page, args.updatedSince, args.orderBy);
      const rows = await rule.page(ctx, scope, read, page.first + 1);
      for (const r of rows) rule.loaders(ctx).byId.prime(r.id, r);
      return toConnection(rows, page, cursorKeyOf(read), () => rule.count(ctx, scope, read.order === 'ID' ? undefined : read.since || undefined));
    },
  };
}
