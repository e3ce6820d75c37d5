// GraphQL types more than one subgraph defines. Federation lets a value type live in several
// subgraphs only when every definition is the same (and @shareable): these functions are the
// one definition each subgraph calls on its own builder.
import type { EnumRef, ObjectRef } from '@pothos/core';

import type { Receipt } from '../../ledger/index.js';
import { badInput, ERROR_CODES, ERROR_MEANINGS } from '../../platform/errors.js';
import { ORGANIZATION_KINDS, type OrganizationKind, ROLE_MEANINGS, ROLES } from '../../platform/identity.js';
import { type Connection, DEFAULT_PAGE, MAX_PAGE, type PageInfo } from '../../platform/pagination.js';
import type { createBuilder } from './create-builder.js';
import { parseFen } from './money.js';
import type { MonthCount } from './months.js';
import type { WorkflowEvent } from './workflow-event.js';

export type SubgraphBuilder<C extends object> = ReturnType<typeof createBuilder<C>>;

/** An enum's values, each described by its meaning: the values' list stays their source, and a value without a meaning does not compile. */
export const describedValues = <V extends string>(values: readonly V[], meanings: Readonly<Record<V, string>>): Record<V, { description: string }> =>
  Object.fromEntries(values.map((v) => [v, { description: meanings[v] }])) as Record<V, { description: string }>;

export function ledgerReceiptType<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.objectRef<Receipt>('LedgerReceipt').implement({
    description: 'Where and when the ledger recorded an entry',
    shareable: true,
    fields: (t) => ({
      seq: t.exposeInt('seq', { description: 'Position in the ledger' }),
      entryHash: t.exposeString('entryHash', { description: "The entry's hash, hex: what the chain and the Merkle tree commit to" }),
      timestamp: t.field({ type: 'DateTime', description: 'When the ledger recorded it', resolve: (r) => new Date(r.timestamp).toISOString() }),
    }),
  });
}

export function pageInfoType<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.objectRef<PageInfo>('PageInfo').implement({
    shareable: true,
    description: "Where a page stands in its list (the Relay connection spec's PageInfo), for pages read forwards with first and after",
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether more follow: ask again with after: endCursor' }),
      hasPreviousPage: t.exposeBoolean('hasPreviousPage', { description: 'Whether items come before this page: true when it was asked after a cursor' }),
      startCursor: t.exposeString('startCursor', { nullable: true, description: "The cursor of the page's first item; null for an empty page" }),
      endCursor: t.exposeString('endCursor', { nullable: true, description: "The cursor of the page's last item; null for an empty page" }),
    }),
  });
}

export type SchemaOf<B> = B extends { objectRef<T>(name: string): ObjectRef<infer S, T> } ? S : never;

/**
 * `<name>Edge` and `<name>Connection` of `node`: the cursor pages every list query returns, each
 * with `totalCount`, counted by the page's `count` only when asked (`totalCount` describes it).
 */
export function connectionType<C extends object, T>(
  builder: SubgraphBuilder<C>,
  name: string,
  node: ObjectRef<SchemaOf<SubgraphBuilder<C>>, T>,
  pageInfo: ReturnType<typeof pageInfoType<C>>,
  options: { totalCount?: string } = {},
) {
  const edge = builder.objectRef<{ cursor: string; node: T }>(`${name}Edge`).implement({
    description: `One ${name} of a page, with its place in the list`,
    // `node` is a ref of T, so e.node is its value; Pothos cannot see that through a free T.
    fields: (t) => ({
      cursor: t.exposeString('cursor', { description: 'Its place in the list: `after` this cursor, the page goes on from it' }),
      node: t.field({ type: node, description: `The ${name}`, resolve: (e) => e.node as never }),
    }),
  });
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    description: `A page of ${name} items (the Relay connection spec): ask the next with \`after: pageInfo.endCursor\``,
    fields: (t) => ({
      edges: t.field({ type: [edge], description: "The page's items in the list's order", resolve: (c) => c.edges }),
      pageInfo: t.field({ type: pageInfo, description: 'Whether more follow, and the cursors to ask for them', resolve: (c) => c.pageInfo }),
      totalCount: t.int({
        description: options.totalCount ?? 'How many the whole list holds, with the same arguments (every page, not this one)',
        resolve: (c) => c.count(),
      }),
    }),
  });
}

/** One month of a statistic: its bars in the cockpit's charts. */
export function monthCountType<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.objectRef<MonthCount>('MonthCount').implement({
    description: 'How many in one calendar month',
    shareable: true,
    fields: (t) => ({
      month: t.exposeString('month', {
        description: "YYYY-MM; the month of an instant is taken in the hub's time zone (IPHUB_TIME_ZONE, default Asia/Shanghai)",
      }),
      count: t.exposeInt('count', { description: 'How many in that month' }),
    }),
  });
}

export function roleEnum<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.enumType('Role', {
    description: 'Who a key or account acts as',
    values: describedValues(ROLES, ROLE_MEANINGS),
  });
}

export function fenScalar<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.scalarType('Fen', {
    description: 'Money in fen (0.01 yuan): a whole number written as a decimal string, e.g. "150000000" for 1,500,000.00 yuan',
    serialize: (v) => String(v),
    // A GraphQLError with a code: the gateway passes the code on to the caller.
    parseValue: (v) => {
      try {
        return parseFen(v);
      } catch (err) {
        throw badInput((err as Error).message);
      }
    },
  });
}

export function jsonScalar<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.scalarType('JSON', { description: 'A JSON value', serialize: (v) => v, parseValue: (v) => v });
}

/** `name`, one step in the history of a workflow whose states are `state`. */
export function workflowEventType<C extends object, S extends string>(
  builder: SubgraphBuilder<C>,
  name: string,
  of: string,
  state: EnumRef<SchemaOf<SubgraphBuilder<C>>, S, S>,
  role: ReturnType<typeof roleEnum<C>>,
) {
  return builder.objectRef<WorkflowEvent<S>>(name).implement({
    description: `One step in ${of}'s append-only history`,
    fields: (t) => ({
      at: t.field({ type: 'DateTime', description: 'When the step was taken', resolve: (e) => e.at }),
      actor: t.exposeString('actor', { description: 'The key that acted' }),
      role: t.field({ type: role, description: "The actor's role", resolve: (e) => e.role }),
      // Pothos cannot see through a free S that a state is a value of `state` (as connectionType's node).
      from: t.field({ type: state, nullable: true, description: 'The state it left; null for the first step', resolve: (e) => e.from as never }),
      to: t.field({ type: state, description: 'The state it entered', resolve: (e) => e.to as never }),
      note: t.exposeString('note', { nullable: true, description: "The actor's note, if any" }),
    }),
  });
}

/** The codes an error's extensions.code carries, each with what it means: a program reads them from the schema. */
export function errorCodeEnum<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.enumType('ErrorCode', {
    description: "The codes an error's extensions.code carries: stable (docs/api-evolution.md), each with what it means",
    values: describedValues(ERROR_CODES, ERROR_MEANINGS),
  });
}

/** The `first` and `after` arguments every paged list takes, described once. */
export const pageArgDescriptions = {
  first: `How many items the page holds: 1 to ${MAX_PAGE}, ${DEFAULT_PAGE} unless given`,
  after: "Where the page begins: the previous page's pageInfo.endCursor; omitted, from the list's start",
} as const;

/** A bank, court or insurer, as the hub knows one: by the name its keys and accounts act for. */
export interface Organization {
  readonly name: string;
  readonly kind: OrganizationKind;
}

const ORGANIZATION_KIND_MEANINGS: Readonly<Record<OrganizationKind, string>> = {
  BANK: 'A bank: a pledgee of IP pledges (知识产权质押)',
  COURT: "A people's court: protection cases are referred to it; it records freezes",
  INSURER: 'An insurance company: it issues IP insurance policies and settles their claims',
  GUARANTOR: 'A guarantee institution (融资担保机构): a pledgee of IP pledges taken as counter-guarantee (反担保)',
};

/** Organization and OrganizationKind, the same in every subgraph that names an institution. */
export function organizationType<C extends object>(builder: SubgraphBuilder<C>) {
  const Kind = builder.enumType('OrganizationKind', {
    description: 'What kind of institution an organization is',
    values: describedValues(ORGANIZATION_KINDS, ORGANIZATION_KIND_MEANINGS),
  });
  return builder.objectRef<Organization>('Organization').implement({
    description: 'A bank, court or insurer: known to the hub by the name its keys and accounts act for',
    shareable: true,
    fields: (t) => ({
      name: t.exposeString('name', { description: 'Its name, as its keys and accounts name it (e.g. 招商银行深圳分行)' }),
      kind: t.field({ type: Kind, description: 'What kind of institution it is', resolve: (o) => o.kind }),
    }),
  });
}
