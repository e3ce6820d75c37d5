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
  | 'LEDGER_UNAVAILABLE'
  | 'ASSET_ALREADY_PLEDGED'
  | 'PATENT_NOT_PLEDGEABLE'
  | 'SUM_INSURED_EXCEEDED';

export function failure(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const notFound = (what: string): GraphQLError => failure('NOT_FOUND', `${what} does not exist`);
export const forbidden = (message: string): GraphQLError => failure('FORBIDDEN', message);
export const conflict = (message: string): GraphQLError => failure('CONFLICT', message);
export const badInput = (message: string, field?: string): GraphQLError =>
  failure('BAD_USER_INPUT', message, field === undefined ? {} : { field });
