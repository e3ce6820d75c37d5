// The operation limits, checked at the gateway after parsing and before planning: the caller's
// budget for the document's shape, introspection by role, page sizes and the estimated cost.
import { type DocumentNode, GraphQLError, type GraphQLSchema } from 'graphql';

import { type ErrorCode, failure } from '../../platform/errors.js';
import type { Identity } from '../../platform/identity.js';
import type { Caller } from '../context.js';
import { type OperationCost, operationCost } from './cost.js';
import type { Limits, OperationBudget } from './limits.js';
import { countTokens, operationShape } from './operation-shape.js';

const SHAPE_LIMITS: readonly { key: keyof Omit<OperationBudget, 'cost' | 'tokens'>; code: ErrorCode; what: string }[] = [
  { key: 'depth', code: 'MAX_DEPTH_EXCEEDED', what: 'depth' },
  { key: 'aliases', code: 'MAX_ALIASES_EXCEEDED', what: 'aliases' },
  { key: 'rootFields', code: 'MAX_ROOT_FIELDS_EXCEEDED', what: 'root fields' },
  { key: 'directives', code: 'MAX_DIRECTIVES_EXCEEDED', what: 'directives' },
  { key: 'fragmentSpreads', code: 'MAX_FRAGMENT_SPREADS_EXCEEDED', what: 'fragment spreads' },
];

// graphql-query-complexity's own bound on the nodes it walks (fragments spread many times).
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

/** A refusal: HTTP 400, the code, and the measured value beside the limit. */
export function refusal(code: ErrorCode, message: string, measured: number | null, limit: number): GraphQLError {
  return failure(code, message, { measured, limit, http: { status: 400 } });
}

/** Estimates of documents whose cost does not depend on their variables, per operation name. */
const costs = new WeakMap<DocumentNode, Map<string | null, OperationCost>>();

const whose = (caller: Caller): string => (caller.tier === 'anonymous' ? 'for callers without a key' : 'for this key');

/** Refuses an operation whose text has more tokens than the caller's budget, before it is parsed. */
export function checkTokens(source: string, caller: Caller): void {
  const limit = caller.budget.tokens;
  const tokens = countTokens(source, limit + 1);
  if (tokens > limit)
    throw refusal(
      'MAX_TOKENS_EXCEEDED',
      `the operation has over ${limit} tokens (counting stopped at ${tokens}); the limit ${whose(caller)} is ${limit}`,
      tokens,
      limit,
    );
}

/** The operation's estimated cost, or a refusal (thrown) naming the first limit it exceeds. */
export function checkOperation(
  request: { schema: GraphQLSchema; document: DocumentNode; variables: Record<string, unknown> | undefined; operationName: string | null },
  caller: Caller,
  identity: Identity | undefined,
  limits: Limits,
): number {
  const shape = operationShape(request.schema, request.document);
  for (const { key, code, what } of SHAPE_LIMITS) {
    const limit = caller.budget[key];
    if (shape[key] > limit) throw refusal(code, `the operation has ${shape[key]} ${what}; the limit ${whose(caller)} is ${limit}`, shape[key], limit);
  }
  if (shape.introspection && !(identity !== undefined && limits.introspection.includes(identity.role))) {
    throw failure('INTROSPECTION_DISABLED', `introspection needs a key of role ${limits.introspection.join(' or ') || '(none: it is switched off)'}`, {
      http: { status: 400 },
    });
  }
  let estimate = shape.costVaries ? undefined : costs.get(request.document)?.get(request.operationName);
  try {
    estimate ??= operationCost(request.schema, request.document, request.variables ?? {}, request.operationName ?? undefined);
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
    if (err.message === TOO_MANY_NODES)
      throw refusal(
        'COST_LIMIT_EXCEEDED',
        `the operation is too large to estimate its cost; the limit ${whose(caller)} is ${caller.budget.cost}`,
        null,
        caller.budget.cost,
      );
    // Variables that do not fit their types: nothing has run.
    throw failure('BAD_USER_INPUT', err.message, { http: { status: 400 } });
  }
  if (!shape.costVaries) {
    const byName = costs.get(request.document) ?? new Map<string | null, OperationCost>();
    costs.set(request.document, byName.set(request.operationName, estimate));
  }
  if (estimate.largestPage > limits.maxPageSize) {
    throw failure('BAD_USER_INPUT', `first must be between 1 and ${limits.maxPageSize}; the operation asks for ${estimate.largestPage}`, {
      field: 'first',
      measured: estimate.largestPage,
      limit: limits.maxPageSize,
      http: { status: 400 },
    });
  }
  if (estimate.cost > caller.budget.cost) {
    throw refusal(
      'COST_LIMIT_EXCEEDED',
      `the operation's estimated cost is ${estimate.cost}; the limit ${whose(caller)} is ${caller.budget.cost}`,
      estimate.cost,
      caller.budget.cost,
    );
  }
  return estimate.cost;
}
