// People's sessions over HTTP against a real hub: signing in to an HttpOnly, SameSite=Strict cookie,
// GraphQL as the person with the session's CSRF token (and nothing run without it), signing out,
// idle and absolute ends on a clock the test moves, a disabled account's session ending at once,
// failed sign-ins limited per account and per address before any hashing, changing a password,
// and the admission bound on hashing.
import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount, disableAccount } from '../gateway/accounts/accounts.js';
import { HashingAdmission } from '../gateway/accounts/hashing-admission.js';
import { Overloaded } from '../gateway/limits/admission.js';
import { resolveLimits } from '../gateway/limits/limits.js';
import { sessionCookie } from '../gateway/sessions/cookies.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { call, codeOf, graphqlAs, type SignedIn, signInOver } from './support/people.js';
import { metric, total } from './support/raw-http.js';

const PASSWORD = 'a long enough secret';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const REGISTER_ENTERPRISE = `mutation ($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { id } }`;
const ENTERPRISE = `query ($id: ID!) { enterprise(id: $id) { name } }`;
const COUNT = `{ enterprises { totalCount } }`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('sessions over HTTP', () => {
  let t: TestHub;
  let base: string;
  // The clock the hub's sessions are timed by: moved by the tests, never waited for.
  let now = Date.now();
  let huawei: string;
  let tencent: string;
  let wang: SignedIn;
  let zhang: SignedIn;
  const hashes = async () => total(await metric(t.hub.adminUrl!, 'iphub_gateway_password_hashing_total'));

  beforeAll(async () => {
    t = await startTestHub({ now: () => now, limits: resolveLimits({ signIn: { failuresPerAccount: 2, failuresPerAddress: 3 } }) });
    base = t.hub.url;
    const staffKey = await t.key('CENTER_STAFF');
    const register = async (uscc: string, name: string) =>
      (
        await call(base, '/graphql', {
          key: staffKey,
          json: { query: REGISTER_ENTERPRISE, variables: { input: { uscc, name, regionCode: '440300', industry: '软件和信息技术服务业' } } },
        })
      ).body.data.registerEnterprise.id as string;
    huawei = await register('914403001922038216', '华为技术有限公司');
    tencent = await register('9144030071526726XG', '深圳市腾讯计算机系统有限公司');
    await createAccount(t.hub.accounts, { username: 'Wang.Fang', password: PASSWORD, role: 'ENTERPRISE', enterpriseId: huawei });
    await createAccount(t.hub.accounts, { username: 'zhang.wei', password: PASSWORD, role: 'CENTER_STAFF' });
    wang = await signInOver(base, 'wang.fang', PASSWORD);
    zhang = await signInOver(base, 'zhang.wei', PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs in to an HttpOnly, SameSite=Strict cookie for the whole site, and GET /auth/session gives the same session back', async () => {
    const { reply } = wang;
    expect(reply.headers['set-cookie']).toEqual([expect.stringMatching(/^iphub_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/)]);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).toEqual({
      account: {
        id: expect.stringMatching(/^[0-9a-f]{16}$/),
        username: 'Wang.Fang',
        role: 'ENTERPRISE',
        enterpriseId: huawei,
        organization: null,
        createdAt: expect.any(String),
        disabledAt: null,
      },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
    });
    expect(Date.parse(reply.body.expiresAt) - now).toBeGreaterThan(11 * HOUR);
    // The store keeps a hash of the token, never the token.
    expect(await t.hub.sessions.byTokenHash(sha256(wang.token))).toMatchObject({ accountId: reply.body.account.id, csrfToken: wang.csrfToken });

    const again = await call(base, '/auth/session', { cookie: wang.cookie });
    expect(again.status).toBe(200);
    expect(again.headers['cache-control']).toBe('no-store');
    expect(again.body).toEqual(reply.body);
    // Nobody signed in is an answer, not a refusal (a page asks this when it opens).
    expect((await call(base, '/auth/session')).status).toBe(204);
    // Secure, and named __Host- (no other host under the domain can set or shadow it), when the hub is configured for HTTPS.
    expect(sessionCookie('t', true)).toBe('__Host-iphub_session=t; HttpOnly; SameSite=Strict; Path=/; Secure');
  });

  it('refuses a request carrying two session cookies (one was planted), taking neither', async () => {
    const twice = `${wang.cookie}; iphub_session=${'x'.repeat(43)}`;
    const session = await call(base, '/auth/session', { cookie: twice });
    expect(session.status).toBe(400);
    expect(JSON.stringify(session.body)).toContain('two iphub_session cookies');
    const graphql = await call(base, '/graphql', { json: { query: COUNT }, cookie: twice, csrf: wang.csrfToken });
    expect(graphql.status).toBe(400);
  });

  it('runs GraphQL with the cookie and its CSRF token as the person: an enterprise its own enterprise only, staff anything', async () => {
    expect((await graphqlAs(base, wang, ENTERPRISE, { id: huawei })).body).toEqual({ data: { enterprise: { name: '华为技术有限公司' } } });
    const other = await graphqlAs(base, wang, ENTERPRISE, { id: tencent });
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect((await graphqlAs(base, zhang, COUNT)).body).toEqual({ data: { enterprises: { totalCount: 2 } } });
    // A GET operation needs the token as much as a POST does.
    const get = await call(base, `/graphql?query=${encodeURIComponent(COUNT)}`, { cookie: zhang.cookie, csrf: zhang.csrfToken });
    expect(get.body).toEqual({ data: { enterprises: { totalCount: 2 } } });
    // A partner key sent with the cookie wins: this bank reads another enterprise, no CSRF token asked.
    const bank = await call(base, '/graphql', { key: await t.key('BANK'), cookie: wang.cookie, json: { query: ENTERPRISE, variables: { id: tencent } } });
    expect(bank.body).toEqual({ data: { enterprise: { name: '深圳市腾讯计算机系统有限公司' } } });
  });

  it('refuses a cookie without its CSRF token, or with another session’s, and runs nothing', async () => {
    const input = { uscc: '91350100M000100Y43', name: '福州示例有限公司', regionCode: '350100', industry: '软件和信息技术服务业' };
    const fetched = async () => total(await metric(t.hub.adminUrl!, 'iphub_gateway_subgraph_fetches_total'));
    const before = await fetched();
    const without = await graphqlAs(base, zhang, REGISTER_ENTERPRISE, { input }, null);
    expect([without.status, codeOf(without)]).toEqual([403, 'CSRF_REJECTED']);
    expect(without.body.errors[0].message).toMatch(/x-csrf-token/);
    const wrong = await graphqlAs(base, zhang, REGISTER_ENTERPRISE, { input }, wang.csrfToken);
    expect([wrong.status, codeOf(wrong)]).toEqual([403, 'CSRF_REJECTED']);
    const get = await call(base, `/graphql?query=${encodeURIComponent(COUNT)}`, { cookie: zhang.cookie });
    expect([get.status, codeOf(get)]).toEqual([403, 'CSRF_REJECTED']);
    expect(await fetched()).toBe(before);
    expect((await graphqlAs(base, zhang, COUNT)).body).toEqual({ data: { enterprises: { totalCount: 2 } } });
  });

  it('signs out with the CSRF token: the session is deleted, the cookie cleared, and the old cookie then refused', async () => {
    const session = await signInOver(base, 'wang.fang', PASSWORD);
    const forged = await call(base, '/auth/sign-out', { method: 'POST', cookie: session.cookie });
    expect([forged.status, codeOf(forged)]).toEqual([403, 'CSRF_REJECTED']);
    const out = await call(base, '/auth/sign-out', { method: 'POST', cookie: session.cookie, csrf: session.csrfToken });
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie']).toEqual(['iphub_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0']);
    expect(await t.hub.sessions.byTokenHash(sha256(session.token))).toBeUndefined();
    const graphql = await graphqlAs(base, session, COUNT);
    expect([graphql.status, codeOf(graphql)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(graphql.body.errors[0].message).toMatch(/sign in again/);
    expect(graphql.headers['set-cookie']).toEqual(['iphub_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0']);
    const ended = await call(base, '/auth/session', { cookie: session.cookie });
    expect(ended.status).toBe(204);
    expect(ended.headers['set-cookie']).toEqual(['iphub_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0']);
    // The public routes outside GraphQL pay the cookie no heed.
    const checkpoint = await fetch(new URL('/checkpoint', base), { headers: { cookie: session.cookie } });
    expect(checkpoint.status).toBe(200);
    expect(await checkpoint.text()).toMatch(/^iphub\.local\/ledger\n/);
    // The other session of the same person goes on.
    expect((await call(base, '/auth/session', { cookie: wang.cookie })).status).toBe(200);
    // Signing in again from a browser that holds a session ends that one.
    const replaced = await signInOver(base, 'wang.fang', PASSWORD);
    const replacing = await call(base, '/auth/sign-in', { json: { username: 'wang.fang', password: PASSWORD }, cookie: replaced.cookie });
    expect(replacing.status).toBe(200);
    expect(await t.hub.sessions.byTokenHash(sha256(replaced.token))).toBeUndefined();
  });

  it('ends a session left unused for 30 minutes; use moves the idle end on, written at most once a minute', async () => {
    const started = now;
    const session = await signInOver(base, 'wang.fang', PASSWORD);
    const stored = async () => (await t.hub.sessions.byTokenHash(sha256(session.token)))?.idleExpiresAt;
    expect(await stored()).toBe(started + 30 * MINUTE);
    now = started + 30_000;
    expect((await call(base, '/auth/session', { cookie: session.cookie })).status).toBe(200);
    expect(await stored()).toBe(started + 30 * MINUTE);
    now = started + 29 * MINUTE;
    expect((await graphqlAs(base, session, ENTERPRISE, { id: huawei })).status).toBe(200);
    expect(await stored()).toBe(started + 59 * MINUTE);
    now = started + 58 * MINUTE;
    expect((await call(base, '/auth/session', { cookie: session.cookie })).status).toBe(200);
    now += 30 * MINUTE;
    const ended = await graphqlAs(base, session, ENTERPRISE, { id: huawei });
    expect([ended.status, codeOf(ended)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(await stored()).toBeUndefined();
  });

  it('ends a session 12 hours after its sign-in however much it is used', async () => {
    const started = now;
    const session = await signInOver(base, 'zhang.wei', PASSWORD);
    expect(session.reply.body.expiresAt).toBe(new Date(started + 12 * HOUR).toISOString());
    for (now = started + 25 * MINUTE; now < started + 12 * HOUR; now += 25 * MINUTE) {
      expect((await call(base, '/auth/session', { cookie: session.cookie })).status).toBe(200);
    }
    now = started + 12 * HOUR;
    const ended = await graphqlAs(base, session, COUNT);
    expect([ended.status, codeOf(ended)]).toEqual([401, 'UNAUTHENTICATED']);
    // The sessions signed in before the clock moved have ended too: sign in again for the tests after.
    wang = await signInOver(base, 'wang.fang', PASSWORD);
    zhang = await signInOver(base, 'zhang.wei', PASSWORD);
  });

  it('ends the live sessions of an account disabled (here as the command line does) at once', async () => {
    const { id } = await createAccount(t.hub.accounts, { username: 'li.na', password: PASSWORD, role: 'BANK', organization: '中国工商银行福州分行' });
    const session = await signInOver(base, 'li.na', PASSWORD);
    expect((await graphqlAs(base, session, ENTERPRISE, { id: tencent })).status).toBe(200);
    await disableAccount(t.hub.accounts, id);
    const refused = await graphqlAs(base, session, ENTERPRISE, { id: tencent });
    expect([refused.status, codeOf(refused)]).toEqual([401, 'UNAUTHENTICATED']);
    const ended = await call(base, '/auth/session', { cookie: session.cookie });
    expect(ended.status).toBe(204);
    expect(ended.headers['set-cookie']).toEqual(['iphub_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0']);
    const again = await call(base, '/auth/sign-in', { json: { username: 'li.na', password: PASSWORD } });
    expect([again.status, again.body.errors[0].message]).toEqual([401, 'the username or password is not right']);
  });

  it('limits failed sign-ins per account and per address with 429 and Retry-After, checked before any hashing', async () => {
    await createAccount(t.hub.accounts, { username: 'chen.jie', password: PASSWORD, role: 'CENTER_STAFF' });
    const signIn = (username: string, password: string, from: string) => call(base, '/auth/sign-in', { json: { username, password }, from });
    const wrongly = await signIn('chen.jie', 'not the password', '127.0.0.21');
    expect([wrongly.status, codeOf(wrongly), wrongly.body.errors[0].message]).toEqual([401, 'UNAUTHENTICATED', 'the username or password is not right']);
    expect((await signIn('nobody.here', PASSWORD, '127.0.0.21')).body.errors[0].message).toBe('the username or password is not right');
    // A success forgets the account's failures: without that, this would be its second.
    expect((await signIn('chen.jie', PASSWORD, '127.0.0.22')).status).toBe(200);
    expect((await signIn('chen.jie', 'not the password', '127.0.0.22')).status).toBe(401);
    expect((await signIn('chen.jie', 'not the password either', '127.0.0.23')).status).toBe(401);
    let hashed = await hashes();
    const byAccount = await signIn('CHEN.JIE', PASSWORD, '127.0.0.24');
    expect([byAccount.status, codeOf(byAccount)]).toEqual([429, 'RATE_LIMITED']);
    expect(byAccount.body.errors[0].message).toMatch(/this account/);
    expect(Number(byAccount.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(byAccount.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(await hashes()).toBe(hashed);

    // 127.0.0.21 failed twice above (the account's and an unknown username); a third failure blocks it.
    expect((await signIn('nobody.else', PASSWORD, '127.0.0.21')).status).toBe(401);
    hashed = await hashes();
    const byAddress = await signIn('zhang.wei', PASSWORD, '127.0.0.21');
    expect([byAddress.status, codeOf(byAddress)]).toEqual([429, 'RATE_LIMITED']);
    expect(byAddress.body.errors[0].message).toMatch(/this address/);
    expect(Number(byAddress.headers['retry-after'])).toBeGreaterThan(0);
    expect(await hashes()).toBe(hashed);
    expect((await signIn('zhang.wei', PASSWORD, '127.0.0.25')).status).toBe(200);

    // Guesses sent at once are counted before any is hashed: the account's two failures let two through, no more.
    await createAccount(t.hub.accounts, { username: 'sun.li', password: PASSWORD, role: 'CENTER_STAFF' });
    hashed = await hashes();
    const guesses = await Promise.all(Array.from({ length: 6 }, (_, i) => signIn('sun.li', `guess ${i}`, `127.0.0.${40 + i}`)));
    expect(guesses.map((g) => g.status).sort()).toEqual([401, 401, 429, 429, 429, 429]);
    expect(await hashes()).toBe(hashed + 2);
  });

  it('changes the password with the current one: the other sessions end, and the old password no longer signs in', async () => {
    await createAccount(t.hub.accounts, { username: 'liu.yang', password: PASSWORD, role: 'COURT', organization: '福州市中级人民法院' });
    const from = '127.0.0.51';
    const here = await signInOver(base, 'liu.yang', PASSWORD, from);
    const elsewhere = await signInOver(base, 'liu.yang', PASSWORD, from);
    const change = (json: unknown, csrf: string | null = here.csrfToken) =>
      call(base, '/auth/password', { json, cookie: here.cookie, from, ...(csrf === null ? {} : { csrf }) });
    const NEW = 'another long enough secret';
    expect(codeOf(await change({ currentPassword: PASSWORD, newPassword: NEW }, null))).toBe('CSRF_REJECTED');
    const wrong = await change({ currentPassword: 'not the password', newPassword: NEW });
    expect([wrong.status, codeOf(wrong), wrong.body.errors[0].message]).toEqual([400, 'BAD_USER_INPUT', 'the current password is not right']);
    const short = await change({ currentPassword: PASSWORD, newPassword: 'short' });
    expect([short.status, codeOf(short), short.body.errors[0].message]).toEqual([
      400,
      'BAD_USER_INPUT',
      'a password must be 10 to 128 characters long; this one has 5',
    ]);
    expect(codeOf(await change({ currentPassword: PASSWORD }))).toBe('BAD_USER_INPUT');
    expect((await change({ currentPassword: PASSWORD, newPassword: NEW })).status).toBe(204);
    expect((await call(base, '/auth/session', { cookie: here.cookie })).status).toBe(200);
    expect((await call(base, '/auth/session', { cookie: elsewhere.cookie })).status).toBe(204);
    const old = await call(base, '/auth/sign-in', { json: { username: 'liu.yang', password: PASSWORD }, from: '127.0.0.52' });
    expect(old.status).toBe(401);
    expect((await signInOver(base, 'liu.yang', NEW, '127.0.0.52')).reply.body.account.role).toBe('COURT');
  });
});

describe('admission to password hashing', () => {
  /** Work that hashes until the test lets it go. */
  const held = () => {
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    return { release, work: () => done };
  };

  it('runs `concurrent` at once, queues `queue` in arrival order, and refuses the next at once', async () => {
    const admission = new HashingAdmission({ concurrent: 2, queue: 1 });
    const [a, b, c] = [held(), held(), held()];
    const order: string[] = [];
    const running = [
      admission.run(a.work).then(() => order.push('a')),
      admission.run(b.work).then(() => order.push('b')),
      admission.run(async () => order.push('c started')).then(() => c.release()),
    ];
    expect([admission.running, admission.queued]).toEqual([2, 1]);
    await expect(admission.run(async () => 'never')).rejects.toBeInstanceOf(Overloaded);
    expect(admission.retryAfter).toBe(1);
    expect(order).toEqual([]);
    // The place b leaves goes to c.
    b.release();
    await c.work();
    expect(order).toEqual(expect.arrayContaining(['b', 'c started']));
    expect([admission.running, admission.queued]).toEqual([1, 0]);
    a.release();
    await Promise.all(running);
    expect([admission.running, admission.queued]).toEqual([0, 0]);
    expect(await admission.run(async () => 'next')).toBe('next');
  });
});

describe('sessions on a hub served over HTTPS', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ limits: resolveLimits({ sessions: { secureCookie: true } }) });
    await createAccount(t.hub.accounts, { username: 'li.na', password: PASSWORD, role: 'CENTER_STAFF' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the cookie __Host-, marks it Secure, and tells browsers to come back over HTTPS only (HSTS)', async () => {
    const base = t.hub.url;
    const li = await signInOver(base, 'li.na', PASSWORD);
    expect(li.reply.headers['set-cookie']).toEqual([
      expect.stringMatching(/^__Host-iphub_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Secure$/),
    ]);
    expect(li.reply.headers['strict-transport-security']).toBe('max-age=31536000');
    expect((await call(base, '/auth/session', { cookie: li.cookie })).status).toBe(200);
    // The unprefixed name is not the session here: a cookie any sibling host could set is not read.
    expect((await call(base, '/auth/session', { cookie: `iphub_session=${li.token}` })).status).toBe(204);
    expect((await fetch(base.replace(/\/graphql$/, '/healthz'))).headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});
