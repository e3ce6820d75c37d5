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
  // Pledge collateral refusals (subgraphs/finance/domain/pledge-rules.ts): a trademark expired unrenewed; the same mark's other registrations left out.
  'TRADEMARK_NOT_PLEDGEABLE',
  'COLLATERAL_INCOMPLETE',
  'SUM_INSURED_EXCEEDED',
  // An infringement-loss or enforcement-cost claim on a case that does not bear it (subgraphs/finance/insurance.ts).
  'CLAIM_CASE_NOT_ELIGIBLE',
  // A protection case's route its kind and rights do not allow (subgraphs/cases/domain/routes.ts).
  'ROUTE_NOT_AVAILABLE',
  // A utility model's or design's adjudication without its evaluation report (subgraphs/cases/domain/routes.ts).
  'EVALUATION_REPORT_REQUIRED',
  // Transfers and licences of rights (subgraphs/enterprises/rights.ts).
  'ASSET_FROZEN',
  'ASSET_PLEDGED_CONSENT_REQUIRED',
  'LICENCE_OVERLAP',
  // A transfer waiting for its effective date (Patent Law art. 10(3); Trademark Law art. 42(4)): subgraphs/enterprises/rights.ts.
  'TRANSFER_PENDING',
  // A trademark transfer leaving out the same mark's other registrations in its class (Trademark Law art. 42(2)): subgraphs/enterprises/rights.ts.
  'TRANSFER_INCOMPLETE',
  // An act on a right transferred to a party outside the registry (a person, a foreign entity): subgraphs/enterprises/rights.ts.
  'OWNER_OUTSIDE_REGISTRY',
  // Licence recording refusals (专利实施许可合同备案办法 art. 12(2)(vi), (viii)): subgraphs/enterprises/rights.ts.
  'ANNUAL_FEE_OVERDUE',
  'DUPLICATE_CONTRACT',
  // Open licences (开放许可, Patent Law arts. 50-51): subgraphs/enterprises/open-licences.ts.
  'OPEN_LICENCE_REFUSED',
  'OPEN_LICENCE_BARS_EXCLUSIVE',
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

/** What each code means to a program that meets it: the ErrorCode enum's descriptions in the schema. */
export const ERROR_MEANINGS: Readonly<Record<ErrorCode, string>> = {
  UNAUTHENTICATED: 'No key or session, or one the hub does not know (or revoked, or ended): send a valid one',
  FORBIDDEN: 'The caller may not do this: another role or organisation may',
  NOT_FOUND: 'Nothing there, or nothing the caller may read: the two answer alike',
  CONFLICT: 'Someone else changed it meanwhile, or it exists already: read it again and decide',
  BAD_USER_INPUT: 'An argument is not acceptable: extensions.field names which',
  INVALID_CREDIT_CODE: 'Not a unified social credit code (GB 32100-2015): the message says what the check character should be',
  INVALID_PATENT_NUMBER: 'Not a CNIPA application number: the message says what the check digit should be',
  INVALID_DIGEST: 'Not a SHA-256 digest: 64 hexadecimal characters',
  INVALID_DATE: 'Not a calendar date (YYYY-MM-DD), or out of its range',
  INVALID_TRANSITION: 'The record is not in a state this step leaves from: the message says where it may go',
  TIME_LIMIT_PASSED: 'A statutory time limit ran out: extensions.timeLimit names it, extensions.lastDay its last day',
  LEDGER_UNAVAILABLE:
    'The ledger could not write: extensions.outcome NOT_RECORDED (nothing changed) or UNKNOWN (send the same request with its idempotencyKey again)',
  IDEMPOTENCY_KEY_REUSED: 'The idempotencyKey made something from other input: extensions.differs names the fields; a new thing needs a new key',
  UNAVAILABLE: 'A database did not answer in time: try again shortly',
  ASSET_ALREADY_PLEDGED: 'An asset is in an active pledge already: extensions.assets names them',
  PATENT_NOT_PLEDGEABLE: 'A patent may not be pledged now: extensions.reason says why',
  TRADEMARK_NOT_PLEDGEABLE:
    "A trademark may not be pledged now: extensions.reason says why (EXPIRED: past its last day, not renewed; FROZEN: a court's preservation holds)",
  COLLATERAL_INCOMPLETE:
    "A trademark's other registrations of the identical mark in the same class must be pledged with it: extensions.missing lists them (Trademark Law art. 42; the trademark pledge procedure, 2020)",
  SUM_INSURED_EXCEEDED: 'A claim beyond what is left of the sum insured: extensions.remaining says how much is',
  EVALUATION_REPORT_REQUIRED:
    "Adjudicating an infringement of a utility model or design needs CNIPA's patent evaluation report (Patent Law art. 66(2)): extensions.patents names them",
  ROUTE_NOT_AVAILABLE:
    'A protection case asks for a route its kind and rights do not allow: administrative adjudication decides patent infringement alone (Patent Law art. 65)',
  CLAIM_CASE_NOT_ELIGIBLE:
    'An insurance claim names a protection case that does not bear it: extensions.reason says why (NOT_CLAIMANT: the insured did not apply; NOT_ACCEPTED: staff have not accepted the case; BEFORE_POLICY: applied for before the policy began; AFTER_POLICY: after it ended)',
  ASSET_FROZEN: 'A court froze the right: it may not be disposed of',
  ASSET_PLEDGED_CONSENT_REQUIRED: "A pledged right without its pledgee's recorded consent to this disposal",
  LICENCE_OVERLAP: 'An exclusive or sole licence would meet another licence in territory and time: extensions.licenceId names it',
  TRANSFER_PENDING:
    'A transfer of the right waits for its effective date (its registration or announcement: Patent Law art. 10(3), Trademark Law art. 42(4)): no other transfer or licence until then; extensions.transferId and extensions.effectiveDate name it',
  TRANSFER_INCOMPLETE:
    "A trademark's registrations of the identical mark in the same class must be transferred together (Trademark Law art. 42(2): 应当一并转让): name them in alsoTrademarks; extensions.missing lists those left out",
  OWNER_OUTSIDE_REGISTRY:
    'The right was transferred to a party outside the registry (a person or a foreign entity: its outsideOwner): the hub records acts of its enterprises’ rights only, so no transfer, licence, open licence or pledge of it here',
  ANNUAL_FEE_OVERDUE:
    "The patent's annual fee is late (in its grace period, or past it): pay it first; extensions.dueDate and extensions.graceEndsOn say when it fell due and the last day it can be paid",
  DUPLICATE_CONTRACT: 'This contract (its SHA-256) is recorded for the right already: extensions.licenceId names the licence recorded with it',
  OPEN_LICENCE_REFUSED:
    'An open licence (开放许可, Patent Law arts. 50-51) may not be declared, withdrawn or taken now: extensions.reason says why (ALREADY_OPEN, NOT_OPEN, EXCLUSIVE_LICENCE, PLEDGED, LICENSEE_IS_OWNER, ALREADY_LICENSED)',
  OPEN_LICENCE_BARS_EXCLUSIVE:
    'The patent is under an open licence: no exclusive or sole licence while it is (Patent Law art. 51(3)); an ordinary one may be recorded, or the declaration withdrawn first',
  WEBHOOK_URL_REFUSED: 'A webhook URL whose host leads where the hub does not send: extensions.reason says why',
  MAX_DEPTH_EXCEEDED: 'The operation nests deeper than the caller may: extensions.measured and limit',
  MAX_ALIASES_EXCEEDED: 'More aliases than the caller may use',
  MAX_ROOT_FIELDS_EXCEEDED: 'More root fields than the caller may ask at once',
  MAX_TOKENS_EXCEEDED: 'A longer operation than the caller may send',
  MAX_DIRECTIVES_EXCEEDED: 'More directives than the caller may use',
  MAX_FRAGMENT_SPREADS_EXCEEDED: 'More fragment spreads than the caller may use',
  COST_LIMIT_EXCEEDED: "The operation's estimated cost is over the caller's budget: ask for smaller pages",
  INTROSPECTION_DISABLED: 'Introspection is for the roles allowed it',
  RESPONSE_TOO_LARGE: 'The answer would be larger than the hub sends: select fewer fields or smaller pages',
  TIMEOUT: 'The operation ran out of time: ask for less',
  RATE_LIMITED: 'The caller spent its budget for the window: Retry-After says when to come back',
  OVERLOADED: 'The hub is full: retry in a moment (Retry-After)',
  CSRF_REJECTED: "A request with a session cookie but without its session's x-csrf-token",
  BAD_REQUEST: 'The HTTP request is not one the hub takes (not JSON, a batch)',
  REQUEST_TOO_LARGE: 'A body over 1 MiB',
  METHOD_NOT_ALLOWED: 'The HTTP method is not one this path takes',
  INTERNAL_SERVER_ERROR: 'Something in the hub failed: extensions.errorId names the log entry for the centre',
};

/**
 * The codes a mutation's payload lists in `userErrors`: what is wrong with the input, or a business
 * rule refusing it, which the caller corrects by asking otherwise. Who calls (UNAUTHENTICATED,
 * FORBIDDEN), the hub's limits and its outages stay top-level errors in every form.
 */
export const USER_ERROR_CODES = [
  'NOT_FOUND',
  'CONFLICT',
  'BAD_USER_INPUT',
  'INVALID_CREDIT_CODE',
  'INVALID_PATENT_NUMBER',
  'INVALID_DIGEST',
  'INVALID_DATE',
  'INVALID_TRANSITION',
  'TIME_LIMIT_PASSED',
  'IDEMPOTENCY_KEY_REUSED',
  'ASSET_ALREADY_PLEDGED',
  'PATENT_NOT_PLEDGEABLE',
  'TRADEMARK_NOT_PLEDGEABLE',
  'COLLATERAL_INCOMPLETE',
  'SUM_INSURED_EXCEEDED',
  'CLAIM_CASE_NOT_ELIGIBLE',
  'ROUTE_NOT_AVAILABLE',
  'EVALUATION_REPORT_REQUIRED',
  'ASSET_FROZEN',
  'ASSET_PLEDGED_CONSENT_REQUIRED',
  'LICENCE_OVERLAP',
  'TRANSFER_PENDING',
  'TRANSFER_INCOMPLETE',
  'OWNER_OUTSIDE_REGISTRY',
  'ANNUAL_FEE_OVERDUE',
  'DUPLICATE_CONTRACT',
  'OPEN_LICENCE_REFUSED',
  'OPEN_LICENCE_BARS_EXCLUSIVE',
  'WEBHOOK_URL_REFUSED',
] as const satisfies readonly ErrorCode[];
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];
const USER_ERRORS = new Set<string>(USER_ERROR_CODES);

/** One problem of an input: its code, its message and, when one field is at fault, that field's path ("collateral[2]"). */
export interface Problem {
  readonly code: UserErrorCode;
  readonly message: string;
  readonly field: string | null;
}

const problemOf = (e: GraphQLError): Problem => ({
  code: e.extensions.code as UserErrorCode,
  message: e.message,
  field: typeof e.extensions.field === 'string' ? e.extensions.field : null,
});

/**
 * Every problem `errors` found in one input as one error: alone, the problem itself; several, the
 * first's code and extensions, every message, and `extensions.problems` listing each.
 */
export function inputProblems(errors: readonly GraphQLError[]): GraphQLError {
  const [first, ...rest] = errors;
  if (first === undefined) throw new TypeError('inputProblems of no problems');
  if (rest.length === 0) return first;
  return new GraphQLError(`${errors.length} problems: ${errors.map((e) => e.message).join('; ')}`, {
    extensions: { ...first.extensions, problems: errors.map(problemOf) },
  });
}

/** Whether `error` is a problem of the input (a code of USER_ERROR_CODES), which a check gathering every problem collects. */
export const isInputProblem = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError && typeof error.extensions.code === 'string' && USER_ERRORS.has(error.extensions.code);

/** The problems `error` reports, for a payload's userErrors; undefined when it is not about the input (it stays a top-level error). */
export function problemsOf(error: unknown): readonly Problem[] | undefined {
  if (!isInputProblem(error)) return undefined;
  const listed = error.extensions.problems;
  return Array.isArray(listed) ? (listed as Problem[]) : [problemOf(error)];
}

/** A field as a path of names and list indexes: "collateral[2].id" is ["collateral", "2", "id"]. */
export const fieldPath = (field: string): string[] => field.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '');

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
