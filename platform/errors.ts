// GraphQL errors with stable extensions.code values that partner systems can act on.
import { randomUUID } from 'node:crypto';

import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'BAD_USER_INPUT',
  'INVALID_CREDIT_CODE',
  'INVALID_PATENT_NUMBER',
  'INVALID_DIGEST',
  'INVALID_DATE',
  'INVALID_TRANSITION',
  // A statutory time limit ran out (extensions.timeLimit, extensions.lastDay): subgraphs/enterprises/domain/lifecycle.ts.
  'TIME_LIMIT_PASSED',
  'LEDGER_UNAVAILABLE',
  // The same idempotency key sent with other input (extensions.differs): platform/idempotency.ts.
  'IDEMPOTENCY_KEY_REUSED',
  // A subgraph's database did not answer in time (platform/mongodb.ts unavailability).
  'UNAVAILABLE',
  'ASSET_ALREADY_PLEDGED',
  'PATENT_NOT_PLEDGEABLE',
  'SUM_INSURED_EXCEEDED',
  // Transfers and licences of rights (subgraphs/enterprises/rights.ts).
  'ASSET_FROZEN',
  'ASSET_PLEDGED_CONSENT_REQUIRED',
  'LICENCE_OVERLAP',
  // A webhook URL whose destination the hub does not send to (extensions.reason): subgraphs/notifications/destination.ts.
  'WEBHOOK_URL_REFUSED',
  // The gateway's bounds on a request (gateway/limits.ts).
  'MAX_DEPTH_EXCEEDED',
  'MAX_ALIASES_EXCEEDED',
  'MAX_ROOT_FIELDS_EXCEEDED',
  'MAX_TOKENS_EXCEEDED',
  'MAX_DIRECTIVES_EXCEEDED',
  'MAX_FRAGMENT_SPREADS_EXCEEDED',
  'COST_LIMIT_EXCEEDED',
  'INTROSPECTION_DISABLED',
  'RESPONSE_TOO_LARGE',
  'TIMEOUT',
  'RATE_LIMITED',
  'OVERLOADED',
  // A cookie-authenticated request without its session's x-csrf-token (gateway/sessions/).
  'CSRF_REJECTED',
  // Refused by the HTTP layer before GraphQL runs (platform/http.ts).
  'BAD_REQUEST',
  'REQUEST_TOO_LARGE',
  'METHOD_NOT_ALLOWED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes Apollo Server and graphql-js give a caller's own mistakes (a request it can correct). */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
const STABLE = new Set<string>(ERROR_CODES.filter((c) => c !== 'INTERNAL_SERVER_ERROR'));

/**
 * An error as a caller is shown it: one with a stable code as it is; any other (an unexpected
 * throw, a driver's message naming a file or a host) as INTERNAL_SERVER_ERROR with an id, the
 * whole error logged under that id for the operator to find.
 */
export function maskUnexpected(formatted: GraphQLFormattedError, error: unknown, log: (id: string, error: unknown) => void): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && (STABLE.has(code) || CLIENT_CODES.has(code))) return formatted;
  // Masked already where it happened (a subgraph's own server): its id is the one in that log.
  if (code === 'INTERNAL_SERVER_ERROR' && typeof formatted.extensions?.errorId === 'string' && formatted.message.startsWith('internal error '))
    return formatted;
  const id = randomUUID();
  log(id, error);
  return {
    message: `internal error ${id}: the hub logged what went wrong; give this id to the centre`,
    ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
    ...(formatted.path === undefined ? {} : { path: formatted.path }),
    extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: id },
  };
}

/** Logs an unexpected error under its id (maskUnexpected), with its cause. */
export const logUnexpected = (id: string, error: unknown): void => console.error(`unexpected error ${id}:`, error);

/** `cause`: the error behind it, kept for the server's logs (not shown to the caller). */
export function failure(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, cause?: Error): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions }, ...(cause === undefined ? {} : { originalError: cause }) });
}

export const notFound = (what: string): GraphQLError => failure('NOT_FOUND', `${what} does not exist`);
export const forbidden = (message: string): GraphQLError => failure('FORBIDDEN', message);
export const conflict = (message: string): GraphQLError => failure('CONFLICT', message);
export const badInput = (message: string, field?: string): GraphQLError => failure('BAD_USER_INPUT', message, field === undefined ? {} : { field });
