// GraphQL errors with stable extensions.code values that partner systems can act on.
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'BAD_USER_INPUT'
  | 'INVALID_CREDIT_CODE'
  | 'INVALID_PATENT_NUMBER'
  | 'INVALID_DIGEST'
  | 'INVALID_DATE'
  | 'INVALID_TRANSITION'
  // A statutory time limit ran out (extensions.timeLimit, extensions.lastDay): subgraphs/enterprises/domain/lifecycle.ts.
  | 'TIME_LIMIT_PASSED'
  | 'LEDGER_UNAVAILABLE'
  // A subgraph's database did not answer in time (platform/mongodb.ts unavailability).
  | 'UNAVAILABLE'
  | 'ASSET_ALREADY_PLEDGED'
  | 'PATENT_NOT_PLEDGEABLE'
  | 'SUM_INSURED_EXCEEDED'
  // Transfers and licences of rights (subgraphs/enterprises/rights.ts).
  | 'ASSET_FROZEN'
  | 'ASSET_PLEDGED_CONSENT_REQUIRED'
  | 'LICENCE_OVERLAP'
  // A webhook URL whose destination the hub does not send to (extensions.reason): subgraphs/notifications/destination.ts.
  | 'WEBHOOK_URL_REFUSED'
  // The gateway's bounds on a request (gateway/limits.ts).
  | 'MAX_DEPTH_EXCEEDED'
  | 'MAX_ALIASES_EXCEEDED'
  | 'MAX_ROOT_FIELDS_EXCEEDED'
  | 'MAX_TOKENS_EXCEEDED'
  | 'MAX_DIRECTIVES_EXCEEDED'
  | 'MAX_FRAGMENT_SPREADS_EXCEEDED'
  | 'COST_LIMIT_EXCEEDED'
  | 'INTROSPECTION_DISABLED'
  | 'RESPONSE_TOO_LARGE'
  | 'TIMEOUT'
  | 'RATE_LIMITED'
  | 'OVERLOADED'
  // A cookie-authenticated request without its session's x-csrf-token (gateway/sessions/).
  | 'CSRF_REJECTED'
  // Refused by the HTTP layer before GraphQL runs (platform/http.ts).
  | 'BAD_REQUEST'
  | 'REQUEST_TOO_LARGE'
  | 'METHOD_NOT_ALLOWED'
  | 'INTERNAL_SERVER_ERROR';

/** `cause`: the error behind it, kept for the server's logs (not shown to the caller). */
export function failure(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, cause?: Error): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions }, ...(cause === undefined ? {} : { originalError: cause }) });
}

export const notFound = (what: string): GraphQLError => failure('NOT_FOUND', `${what} does not exist`);
export const forbidden = (message: string): GraphQLError => failure('FORBIDDEN', message);
export const conflict = (message: string): GraphQLError => failure('CONFLICT', message);
export const badInput = (message: string, field?: string): GraphQLError => failure('BAD_USER_INPUT', message, field === undefined ? {} : { field });
