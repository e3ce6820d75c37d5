// A hub in this process on a fresh data directory and a free port, with one key per role,
// reached over HTTP with graphql-request as a partner system would.
import { ClientError, GraphQLClient } from 'graphql-request';

import { type Hub, type HubOptions, startHub } from '../../gateway/hub.js';
import { createKey } from '../../gateway/keys/keys.js';
import { ORGANIZATION_KINDS, type Role } from '../../platform/identity.js';
import { tempDir } from './tmp.js';

export interface TestHub {
  readonly hub: Hub;
  /** A client with no key. */
  readonly anonymous: GraphQLClient;
  client(key: string): GraphQLClient;
  key(role: Role, extra?: { enterpriseId?: string; organization?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startTestHub(options: Omit<HubOptions, 'port'> = {}): Promise<TestHub> {
  const dir = tempDir('iphub-hub-');
  const hub = await startHub({ ...options, port: 0, env: { ...options.env, IPHUB_DATA_DIR: dir.path } });
  const client = (key?: string) => new GraphQLClient(hub.url, key === undefined ? {} : { headers: { authorization: `Bearer ${key}` } });
  return {
    hub,
    anonymous: client(),
    client,
    key: async (role, extra = {}) =>
      (
        await createKey(hub.keys, {
          role,
          ...extra,
          ...((ORGANIZATION_KINDS as readonly string[]).includes(role) ? { organization: extra.organization ?? `${role} test` } : {}),
        })
      ).key,
    close: async () => {
      await hub.close();
      dir.remove();
    },
  };
}

/** The extensions of the first GraphQL error a request failed with. */
export async function errorExtensions(request: Promise<unknown>): Promise<Record<string, unknown> | undefined> {
  try {
    await request;
  } catch (err) {
    if (err instanceof ClientError) return err.response.errors?.[0]?.extensions;
    throw err;
  }
  throw new Error('the request succeeded');
}

/** The extensions.code of the first GraphQL error a request failed with. */
export async function errorCode(request: Promise<unknown>): Promise<string | undefined> {
  return (await errorExtensions(request))?.code as string | undefined;
}

/**
 * Whether a request succeeded with every field it asked null: a record the caller may not read
 * answers as one that is not there, so that no answer says whether another's exists.
 */
export async function answersNull(request: Promise<unknown>): Promise<boolean> {
  const data = (await request) as Record<string, unknown>;
  return Object.values(data).every((v) => v === null);
}
