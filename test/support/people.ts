// People's side of the hub over HTTP: JSON requests to /auth/* and /graphql with a session cookie
// and its CSRF token, from a chosen loopback address, answering status, headers and body as they came.
import { request } from 'node:http';

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The JSON body; undefined when there is none (204). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read what they expect
  readonly body: any;
}

export interface CallOptions {
  readonly method?: string;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as it is, with `contentType`. */
  readonly raw?: string;
  readonly contentType?: string;
  /** `iphub_session=...` */
  readonly cookie?: string;
  readonly csrf?: string;
  readonly key?: string;
  /** The source address (127.0.0.2 and up are all this machine's). */
  readonly from?: string;
}

/** A request to `path` on the hub at `base` (any URL of it). */
export function call(base: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const target = new URL(path, base);
  const body = options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  if (options.cookie !== undefined) headers.cookie = options.cookie;
  if (options.csrf !== undefined) headers['x-csrf-token'] = options.csrf;
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  // Apollo's own CSRF prevention wants a header a form cannot send on a GET operation.
  if ((options.method ?? 'GET') === 'GET' && target.pathname === '/graphql') headers['apollo-require-preflight'] = 'true';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        ...(options.from === undefined ? {} : { localAddress: options.from }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) });
          } catch {
            reject(new Error(`not JSON (HTTP ${res.statusCode}): ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface SignedIn {
  /** For the Cookie header: `iphub_session=<token>`. */
  readonly cookie: string;
  readonly token: string;
  readonly csrfToken: string;
  readonly reply: Reply;
}

/** Signs in over HTTP; throws unless it succeeded. */
export async function signInOver(base: string, username: string, password: string, from?: string): Promise<SignedIn> {
  const reply = await call(base, '/auth/sign-in', { json: { username, password }, ...(from === undefined ? {} : { from }) });
  if (reply.status !== 200) throw new Error(`sign-in of ${username}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
  const setCookie = String(reply.headers['set-cookie']);
  const [, name, token] = /^((?:__Host-)?iphub_session)=([^;]*)/.exec(setCookie)!;
  return { cookie: `${name!}=${token!}`, token: token!, csrfToken: reply.body.csrfToken as string, reply };
}

/** A GraphQL POST as the signed-in person (with the CSRF token unless `csrf` says otherwise). */
export function graphqlAs(
  base: string,
  who: SignedIn,
  query: string,
  variables: Record<string, unknown> = {},
  csrf: string | null = who.csrfToken,
): Promise<Reply> {
  return call(base, '/graphql', { json: { query, variables }, cookie: who.cookie, ...(csrf === null ? {} : { csrf }) });
}

/** The extensions.code of a reply's first error. */
export const codeOf = (reply: Reply): unknown => reply.body?.errors?.[0]?.extensions?.code;
