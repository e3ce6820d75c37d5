// The hub's two interfaces as this page uses them: GraphQL at /graphql (graphql-request), and the
// session routes under /auth (JSON). A session's requests carry its CSRF token in x-csrf-token.
import { ClientError, GraphQLClient, type Variables } from 'graphql-request';

export type Role = 'CENTER_STAFF' | 'ENTERPRISE' | 'COURT' | 'BANK' | 'INSURER' | 'GUARANTOR';

export interface Account {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly enterpriseId: string | null;
  readonly organization: string | null;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

export interface Session {
  readonly account: Account;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** A refusal from the hub, with its stable code (extensions.code) and its message for people. */
export class HubError extends Error {
  override readonly name = 'HubError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    /** The refusal's other extensions (e.g. `overridable`, `remaining`), for a page to act on. */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

let csrfToken = '';
/** Called when the hub says the session is gone, so the page can ask to sign in again. */
let onSignedOut: () => void = () => {};

export function bindSession(token: string, signedOut: () => void): void {
  csrfToken = token;
  onSignedOut = signedOut;
}

const client = new GraphQLClient(`${location.origin}/graphql`, { credentials: 'same-origin' });

function refusal(status: number, body: unknown): HubError {
  const first = (body as { errors?: { message?: string; extensions?: { code?: string } & Record<string, unknown> }[] } | null)?.errors?.[0];
  const { code, ...extensions } = first?.extensions ?? {};
  return new HubError(first?.message ?? `the hub answered ${status}`, code ?? 'INTERNAL_SERVER_ERROR', status, extensions);
}

/** Runs a GraphQL operation as the signed-in person; a refusal becomes a HubError. */
export async function graphql<T>(document: string, variables?: Variables): Promise<T> {
  try {
    return await client.request<T>(document, variables ?? {}, { 'x-csrf-token': csrfToken });
  } catch (err) {
    if (!(err instanceof ClientError)) throw new HubError((err as Error).message, 'NETWORK', 0);
    const failure = refusal(err.response.status, err.response);
    if (failure.code === 'UNAUTHENTICATED') onSignedOut();
    throw failure;
  }
}

/** What a payload form lists of its input's problems: select it in every mutation. */
export const USER_ERRORS = 'userErrors { code field message }';

interface UserError {
  readonly code: string;
  readonly field: readonly string[] | null;
  readonly message: string;
}

/**
 * Runs a mutation in its payload form (one root field answering `{ <object>, userErrors }`): the
 * object, or a HubError of the first problem with every one of them in `extensions.problems`.
 */
export async function mutate<T>(document: string, variables?: Variables): Promise<T> {
  const data = await graphql<Record<string, Record<string, unknown> | null>>(document, variables);
  const payload = Object.values(data)[0];
  if (payload === null || payload === undefined) throw new HubError('the hub gave no answer', 'INTERNAL_SERVER_ERROR', 200);
  const { userErrors, ...answer } = payload as { userErrors: UserError[] } & Record<string, unknown>;
  const [first] = userErrors;
  if (first !== undefined) throw new HubError(first.message, first.code, 200, { field: first.field, problems: userErrors });
  return Object.values(answer)[0] as T;
}

/** A call to /auth/...: JSON in, JSON out (undefined for 204). */
export async function auth<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/auth/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    credentials: 'same-origin',
    headers: body === undefined ? { 'x-csrf-token': csrfToken } : { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw refusal(response.status, json);
  return json as T;
}
