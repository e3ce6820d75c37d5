// A GraphQL POST over node:http, from a chosen loopback address, answering status, headers and
// body as they came: for the tests of what the gateway refuses, and how.
import { request } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

export interface RawOptions {
  readonly key?: string;
  /** The source address (127.0.0.2 and up are all this machine's). */
  readonly from?: string;
  readonly headers?: Record<string, string>;
  /** Sent as it is, in place of the payload's JSON. */
  readonly body?: string;
}

export function post(url: string, payload: unknown, options: RawOptions = {}): Promise<RawResponse> {
  const target = new URL(url);
  const body = options.body ?? JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.pathname,
        method: 'POST',
        ...(options.from === undefined ? {} : { localAddress: options.from }),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(options.key === undefined ? {} : { authorization: `Bearer ${options.key}` }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as RawResponse['body'] });
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

/** The value of every sample of a Prometheus metric, by its label set as written: `adminUrl` is the admin listener's. */
export async function metric(adminUrl: string, name: string): Promise<Map<string, number>> {
  const text = await (await fetch(new URL('/metrics', adminUrl))).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (m !== null && m[1] === name) samples.set(m[2] ?? '', Number(m[3]));
  }
  return samples;
}

export const total = (samples: Map<string, number>): number => [...samples.values()].reduce((a, b) => a + b, 0);
