// Centre staff managing people's accounts over HTTP against a real hub: creating one (its generated
// password, shown once, signs in), listing them a page at a time, disabling one (its live session
// ends at once); others refused with 401 or 403; bad input, bodies and methods refused with their codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAccount } from '../gateway/accounts/accounts.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { call, codeOf, graphqlAs, type SignedIn, signInOver } from './support/people.js';

const PASSWORD = 'a long enough secret';
const BANK = '中国工商银行福州分行';

describe('accounts over HTTP', () => {
  let t: TestHub;
  let base: string;
  let staff: SignedIn;
  let own: SignedIn;
  let staffKey: string;
  const create = (json: unknown, as: SignedIn | null = staff) =>
    call(base, '/auth/accounts', { json, ...(as === null ? {} : { cookie: as.cookie, csrf: as.csrfToken }) });

  beforeAll(async () => {
    t = await startTestHub();
    base = t.hub.url;
    staffKey = await t.key('CENTER_STAFF');
    await createAccount(t.hub.accounts, { username: 'zhang.wei', password: PASSWORD, role: 'CENTER_STAFF' });
    await createAccount(t.hub.accounts, { username: 'wang.fang', password: PASSWORD, role: 'ENTERPRISE', enterpriseId: 'ent-1' });
    staff = await signInOver(base, 'zhang.wei', PASSWORD);
    own = await signInOver(base, 'wang.fang', PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates an account with a password shown once that signs in; by a staff session or a staff key', async () => {
    const made = await create({ username: 'Bank.Clerk', role: 'BANK', organization: BANK });
    expect(made.status).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    expect(made.body).toEqual({
      account: {
        id: expect.stringMatching(/^[0-9a-f]{16}$/),
        username: 'Bank.Clerk',
        role: 'BANK',
        enterpriseId: null,
        organization: BANK,
        createdAt: expect.any(String),
        disabledAt: null,
      },
      password: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
    });
    const clerk = await signInOver(base, 'bank.clerk', made.body.password);
    expect(clerk.reply.body.account).toEqual(made.body.account);

    const byKey = await call(base, '/auth/accounts', { key: staffKey, json: { username: 'court.clerk', role: 'COURT', organization: '福州市中级人民法院' } });
    expect([byKey.status, byKey.body.account.role]).toEqual([201, 'COURT']);
  });

  it('refuses anyone but centre staff, and a staff session without its CSRF token', async () => {
    const json = { username: 'someone', role: 'CENTER_STAFF' };
    const byEnterprise = await create(json, own);
    expect([byEnterprise.status, codeOf(byEnterprise)]).toEqual([403, 'FORBIDDEN']);
    const byBankKey = await call(base, '/auth/accounts', { key: await t.key('BANK'), json });
    expect([byBankKey.status, codeOf(byBankKey)]).toEqual([403, 'FORBIDDEN']);
    const noOne = await create(json, null);
    expect([noOne.status, codeOf(noOne)]).toEqual([401, 'UNAUTHENTICATED']);
    const forged = await call(base, '/auth/accounts', { json, cookie: staff.cookie });
    expect([forged.status, codeOf(forged)]).toEqual([403, 'CSRF_REJECTED']);
    const wrongKey = await call(base, '/auth/accounts', { json, key: 'iph_0000000000000000.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' });
    expect([wrongKey.status, codeOf(wrongKey)]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await call(base, '/auth/accounts', { cookie: own.cookie })).status).toBe(403);
    expect((await call(base, '/auth/accounts')).status).toBe(401);
    const names = (await call(base, '/auth/accounts', { key: staffKey })).body.accounts.map((a: { username: string }) => a.username);
    expect(names).not.toContain('someone');
  });

  it('refuses bad input with BAD_USER_INPUT and what to change, a body that is not JSON with BAD_REQUEST, a wrong method with 405', async () => {
    const refused = async (json: unknown) => {
      const r = await create(json);
      expect([r.status, codeOf(r)]).toEqual([400, 'BAD_USER_INPUT']);
      return r.body.errors[0].message as string;
    };
    expect(await refused({ username: 'x.y', role: 'KING' })).toBe('role must be one of CENTER_STAFF, ENTERPRISE, COURT, BANK, INSURER, GUARANTOR; got "KING"');
    expect(await refused({ username: 'x.y', role: 'BANK' })).toBe('a BANK account needs organization <the institution it acts for>');
    expect(await refused({ username: 'x.y', role: 'ENTERPRISE' })).toBe('an ENTERPRISE account needs enterpriseId <enterprise id>');
    expect(await refused({ username: 'a b', role: 'CENTER_STAFF' })).toMatch(/^a username must be 2 to 64 letters, digits, or \. _ @ -/);
    expect(await refused({ role: 'CENTER_STAFF' })).toBe('give username as a string');
    expect(await refused({ username: 'x.y', role: 'BANK', organization: 5 })).toBe('give organization as a string, or leave it out');
    expect(await refused({ username: 'ZHANG.WEI', role: 'CENTER_STAFF' })).toBe('the username "ZHANG.WEI" is taken; choose another');

    const notJson = await call(base, '/auth/accounts', { raw: '{"username": ', cookie: staff.cookie, csrf: staff.csrfToken });
    expect([notJson.status, codeOf(notJson)]).toEqual([400, 'BAD_REQUEST']);
    const form = await call(base, '/auth/sign-in', { raw: 'username=a&password=b', contentType: 'application/x-www-form-urlencoded' });
    expect([form.status, codeOf(form)]).toEqual([400, 'BAD_REQUEST']);
    const array = await call(base, '/auth/sign-in', { raw: '[]' });
    expect([array.status, codeOf(array)]).toEqual([400, 'BAD_REQUEST']);
    const get = await call(base, '/auth/sign-in');
    expect([get.status, codeOf(get), get.headers.allow]).toEqual([405, 'METHOD_NOT_ALLOWED', 'POST']);
    const del = await call(base, '/auth/accounts', { method: 'DELETE', key: staffKey });
    expect([del.status, del.headers.allow]).toEqual([405, 'GET, POST']);
    const none = await call(base, '/auth/nothing');
    expect([none.status, codeOf(none)]).toEqual([404, 'NOT_FOUND']);
  });

  it('lists accounts in username order a page at a time, without hashes', async () => {
    const all: string[] = [];
    let after: string | null = null;
    do {
      const page = await call(base, `/auth/accounts?first=2${after === null ? '' : `&after=${encodeURIComponent(after)}`}`, { cookie: staff.cookie });
      expect(page.status).toBe(200);
      expect(page.body.accounts.length).toBeLessThanOrEqual(2);
      expect(JSON.stringify(page.body)).not.toContain('scrypt');
      all.push(...page.body.accounts.map((a: { username: string }) => a.username));
      after = page.body.next;
    } while (after !== null);
    const expected = ['Bank.Clerk', 'court.clerk', 'wang.fang', 'zhang.wei'];
    expect(all).toEqual(expected);
    expect((await call(base, '/auth/accounts', { key: staffKey })).body).toMatchObject({ next: null });
    expect((await call(base, '/auth/accounts', { key: staffKey })).body.accounts).toHaveLength(expected.length);
    for (const first of ['0', '101', 'x', '1.5']) {
      const r = await call(base, `/auth/accounts?first=${first}`, { key: staffKey });
      expect([first, r.status, codeOf(r)]).toEqual([first, 400, 'BAD_USER_INPUT']);
    }
  });

  it("disables an account: its live session ends at once and it signs in no more; one's own account cannot be", async () => {
    const made = await create({ username: 'insurer.clerk', role: 'INSURER', organization: '中国人民财产保险福建分公司' });
    const clerk = await signInOver(base, 'insurer.clerk', made.body.password);
    expect((await graphqlAs(base, clerk, '{ enterprises { totalCount } }')).status).toBe(200);
    const disable = (id: unknown, as: SignedIn = staff, csrf: string | null = as.csrfToken) =>
      call(base, '/auth/accounts/disable', { json: { id }, cookie: as.cookie, ...(csrf === null ? {} : { csrf }) });

    expect(codeOf(await disable(made.body.account.id, own))).toBe('FORBIDDEN');
    expect(codeOf(await disable(made.body.account.id, staff, null))).toBe('CSRF_REJECTED');
    const done = await disable(made.body.account.id);
    expect(done.status).toBe(200);
    expect(done.body.account).toEqual({ ...made.body.account, disabledAt: expect.any(String) });
    const ended = await graphqlAs(base, clerk, '{ enterprises { totalCount } }');
    expect([ended.status, codeOf(ended)]).toEqual([401, 'UNAUTHENTICATED']);
    const signIn = await call(base, '/auth/sign-in', { json: { username: 'insurer.clerk', password: made.body.password } });
    expect([signIn.status, signIn.body.errors[0].message]).toEqual([401, 'the username or password is not right']);

    const again = await disable(made.body.account.id);
    expect([again.status, codeOf(again)]).toEqual([400, 'BAD_USER_INPUT']);
    expect(again.body.errors[0].message).toMatch(/^the account insurer\.clerk was disabled at /);
    expect(codeOf(await disable('ffffffffffffffff'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await disable(7))).toBe('BAD_USER_INPUT');
    const self = await disable(staff.reply.body.account.id);
    expect([self.status, self.body.errors[0].message]).toEqual([400, 'you cannot disable your own account; ask another member of staff']);
  });
});
