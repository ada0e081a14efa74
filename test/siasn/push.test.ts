/**
 * Sending riwayat jabatan to SIASN when configured, against a local stand-in that checks the request
 * as the public clients send it (path, both tokens, payload fields, DD-MM-YYYY dates) and answers like
 * SIASN answers them: success with rwJabatanId, a refusal with a message, a transient 503. Each payload
 * is sent once, a refusal is kept with SIASN's message, a transient failure is retried later; `mutasi
 * siasn --status` shows the state. NOT a test against BKN.
 */
import assert from 'node:assert/strict';
import { pushPending, siasnSettingsFromEnv, siasnStatus, staticConfig, SSO_TOKEN_URL, WSO_TOKEN_URL, type SiasnConfig } from '../../sync-server/siasn/push';
import { SiasnService } from '../../sync-server/siasn/service';
import { issueDocuments } from '../../sync-server/documents/issue';
import { openDatabase } from '../../sync-server/db/connect';
import { eachDatabase } from '../server/support/databases';
import { seedDecisions } from '../server/support/documents';
import { mutasi } from '../support/cli';
import { CREDENTIALS, oauthConfig, standIn, STATIC_SSO, STATIC_WSO, type StandIn } from './support/stand-in';

eachDatabase('SIASN push (local stand-in, not BKN)', (ctx) => {
  let si: StandIn;
  after(() => si?.close());

  it('sends each complete payload once; keeps sent / refused; retries a transient failure later', async function () {
    this.timeout(120_000);
    si = await standIn();
    const cfg: SiasnConfig = staticConfig(si.url + '/', STATIC_WSO, STATIC_SSO);
    const a = await seedDecisions(ctx.db, 4);
    const [d0, d1, d2, d3] = a.decisions as [typeof a.decisions[0], typeof a.decisions[0], typeof a.decisions[0], typeof a.decisions[0]];
    await ctx.db.knex('positions').where('code', 'like', 'T-%').update({ siasn_unor_id: 'UNOR-X', siasn_jfu_id: 'JFU-1' });
    const ids: [string, string][] = [[d0.nip, 'PNS-OK-0'], [d1.nip, 'PNS-REFUSE-1'], [d2.nip, 'PNS-FLAKY-2']];
    for (const [nip, id] of ids) await ctx.db.knex('employees').where({ nip }).update({ siasn_pns_id: id });
    await issueDocuments(ctx.db, { kinds: ['sk'], recordNos: a.decisions.map((d) => d.recordNo) }, { actor: 'uji', baseUrl: 'http://127.0.0.1:1' });

    // Not configured: nothing is sent, and the state says so.
    const before = await siasnStatus(ctx.db, null);
    assert.equal(before.configured, false);
    assert.deepEqual(before.entries.map((e) => e.state), ['not_configured', 'not_configured', 'not_configured', 'incomplete']);

    let clock = new Date('2027-01-05T01:00:00Z');
    const now = () => clock;
    const first = await pushPending(ctx.db, cfg, { now });
    assert.deepEqual(si.problems, []);
    assert.deepEqual(first.map((x) => [x.recordNo, x.state]), [[d0.recordNo, 'sent'], [d1.recordNo, 'refused'], [d2.recordNo, 'retrying']]);
    assert.equal(si.received.length, 3); // d3 lacks its ID PNS SIASN: never sent half-filled

    // Again at once: nothing is due (sent and refused are final; the retry waits).
    assert.deepEqual(await pushPending(ctx.db, cfg, { now }), []);
    assert.equal(si.received.length, 3);

    // Two minutes later the transient one goes through.
    clock = new Date(clock.getTime() + 2 * 60_000);
    const later = await pushPending(ctx.db, cfg, { now });
    assert.deepEqual(later.map((x) => [x.recordNo, x.state]), [[d2.recordNo, 'sent']]);
    assert.equal(si.received.length, 4);

    const st = await siasnStatus(ctx.db, cfg);
    const by = new Map(st.entries.map((e) => [e.recordNo, e]));
    assert.equal(by.get(d0.recordNo)!.siasnId, 'RW-PNS-OK-0');
    assert.equal(by.get(d1.recordNo)!.message, 'Unor tidak sesuai dengan instansi');
    assert.equal(by.get(d2.recordNo)!.attempts, 2);
    assert.equal(by.get(d3.recordNo)!.state, 'incomplete');
    assert.deepEqual(by.get(d3.recordNo)!.missing!.map((m) => m.field), ['pnsId']);

    // `mutasi siasn --status` (no SIASN settings in this process's environment: not configured for the rest).
    const r = mutasi(['siasn', '--status', '--db', ctx.url], { env: { SIASN_URL: '', SIASN_WSO_TOKEN: '', SIASN_SSO_TOKEN: '' } });
    assert.equal(r.code, 1, r.stderr); // one refusal
    assert.match(r.stdout, /SIASN belum dikonfigurasi/);
    assert.match(r.stdout, new RegExp(`${d1.recordNo}[^\\n]*ditolak SIASN — Unor tidak sesuai dengan instansi`));
    assert.match(r.stdout, new RegExp(`${d0.recordNo}[^\\n]*terkirim[^\\n]*RW-PNS-OK-0`));
  });

  it('an unreachable SIASN is a transient failure; after the last attempt the decision is failed, not sent again', async function () {
    this.timeout(60_000);
    const cfg: SiasnConfig = staticConfig('http://127.0.0.1:1', 'x', 'y');
    await ctx.db.knex('siasn_pushes').delete();
    await ctx.db.knex('employees').whereNotNull('siasn_pns_id').update({ siasn_pns_id: null });
    const one = (await ctx.db.knex('decisions').first()) as { nip: string; record_no: string };
    await ctx.db.knex('employees').where({ nip: one.nip }).update({ siasn_pns_id: 'PNS-NET' });
    let clock = new Date('2027-02-01T00:00:00Z');
    const states: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await pushPending(ctx.db, cfg, { now: () => clock, timeoutMs: 2_000 });
      states.push(r.map((x) => x.state).join() || '-');
      clock = new Date(clock.getTime() + 24 * 3_600_000);
    }
    assert.deepEqual(states, ['retrying', 'retrying', 'retrying', 'retrying', 'failed', '-']);
  });

  it('tokens from credentials: fetched as the clients ask, kept until they expire, fetched anew on a 401; the payload then goes through', async function () {
    this.timeout(60_000);
    await ctx.db.knex('siasn_pushes').delete();
    await ctx.db.knex('employees').whereNotNull('siasn_pns_id').update({ siasn_pns_id: null });
    const ds = (await ctx.db.knex('decisions').orderBy('record_no').select('nip', 'record_no')) as { nip: string; record_no: string }[];
    const give = (i: number) => ctx.db.knex('employees').where({ nip: ds[i]!.nip }).update({ siasn_pns_id: `PNS-TOK-${i}` });
    si.tokenCalls.length = 0;
    si.calls.length = 0;
    si.expiresIn = 3600;
    let clock = new Date('2027-03-01T08:00:00Z');
    const svc = new SiasnService(ctx.db, oauthConfig(si.url), { now: () => clock });

    await give(0);
    const r1 = await svc.round();
    assert.equal(r1.error, null);
    assert.deepEqual(r1.tried.map((x) => x.state), ['sent']);
    // One token of each kind, asked the way the clients ask.
    assert.deepEqual(si.tokenCalls.map((c) => c.which).sort(), ['sso', 'wso']);
    assert.deepEqual(si.tokenCalls.find((c) => c.which === 'wso')!.form, { grant_type: 'client_credentials' });
    assert.deepEqual(si.tokenCalls.find((c) => c.which === 'sso')!.form, { grant_type: 'password', client_id: CREDENTIALS.clientId, username: CREDENTIALS.username, password: CREDENTIALS.password });

    // Half an hour later: the kept tokens are used, none fetched.
    clock = new Date(clock.getTime() + 30 * 60_000);
    await give(1);
    assert.deepEqual((await svc.round()).tried.map((x) => x.state), ['sent']);
    assert.equal(si.tokenCalls.length, 2);

    // SIASN expires them early: the 401 is answered by new tokens and the same payload once more.
    si.expireAll();
    await give(2);
    const r3 = await svc.round();
    assert.deepEqual(r3.tried.map((x) => x.state), ['sent']);
    assert.equal(si.tokenCalls.length, 4);
    assert.deepEqual(si.calls.filter((c) => c.pnsId === 'PNS-TOK-2').map((c) => c.status), [401, 200]);
    assert.equal((await ctx.db.knex('siasn_pushes').where({ record_no: ds[2]!.record_no }).first()).attempts, 1, 'a refreshed token is not a second attempt');

    // Past expires_in − 10 s the tokens are fetched before sending (no 401 needed).
    clock = new Date(clock.getTime() + 3600 * 1000);
    await svc.tokens!.headers();
    assert.equal(si.tokenCalls.length, 6);
    await svc.tokens!.headers();
    assert.equal(si.tokenCalls.length, 6);
    assert.deepEqual(si.problems, []);
  });

  it("credentials refused: the round stops with the SSO's answer, no decision is charged an attempt; a static token refused is retried later", async function () {
    this.timeout(60_000);
    const ds = (await ctx.db.knex('decisions').orderBy('record_no').select('nip', 'record_no')) as { nip: string; record_no: string }[];
    await ctx.db.knex('employees').where({ nip: ds[3]!.nip }).update({ siasn_pns_id: 'PNS-TOK-3' });
    const before = await ctx.db.knex('siasn_pushes').orderBy('record_no').select('*');
    const bad = oauthConfig(si.url);
    bad.sso.form.password = 'salah';
    const svc = new SiasnService(ctx.db, bad);
    const r = await svc.round();
    assert.deepEqual(r.tried, []);
    assert.match(r.error!, /token SSO ditolak \(invalid_grant: Invalid user credentials\); periksa kredensial/);
    assert.deepEqual(await ctx.db.knex('siasn_pushes').orderBy('record_no').select('*'), before, 'nothing written');
    assert.equal(svc.lastRound, r);

    // Static tokens SIASN no longer takes: not the decision's fault, so retried later (not refused).
    const st = await pushPending(ctx.db, staticConfig(si.url, 'WSO-LAMA', STATIC_SSO));
    assert.deepEqual(st.map((x) => [x.recordNo, x.state]), [[ds[3]!.record_no, 'retrying']]);
    assert.match(st[0]!.message, /SIASN menolak token \(HTTP 401\)/);
    const e = (await siasnStatus(ctx.db, staticConfig(si.url, 'WSO-LAMA', STATIC_SSO))).entries.find((x) => x.recordNo === ds[3]!.record_no)!;
    assert.equal(e.state, 'retrying');
    assert.ok(e.nextAttemptAt && e.nextAttemptAt > e.updatedAt!, 'next attempt after the last');
  });
});

describe('SIASN settings from the environment', () => {
  it("credentials (token flow, the clients' default endpoints), static tokens, and what an incomplete setting lacks", () => {
    const oauth = siasnSettingsFromEnv({
      SIASN_URL: 'https://apimws.bkn.go.id:8243/', SIASN_CONSUMER_KEY: 'k', SIASN_CONSUMER_SECRET: 's',
      SIASN_SSO_CLIENT_ID: 'c', SIASN_SSO_USERNAME: 'u', SIASN_SSO_PASSWORD: 'p', SIASN_WSO_TOKEN: 'ignored',
    });
    assert.equal(oauth.problem, null);
    assert.equal(oauth.config!.baseUrl, 'https://apimws.bkn.go.id:8243');
    assert.deepEqual(oauth.config!.wso, { kind: 'oauth', url: WSO_TOKEN_URL, grant: 'client_credentials', basic: { user: 'k', password: 's' }, form: {} });
    assert.deepEqual(oauth.config!.sso, { kind: 'oauth', url: SSO_TOKEN_URL, grant: 'password', form: { client_id: 'c', username: 'u', password: 'p' } });
    const cc = siasnSettingsFromEnv({ SIASN_URL: 'x', SIASN_WSO_TOKEN: 'w', SIASN_SSO_CLIENT_ID: 'c', SIASN_SSO_CLIENT_SECRET: 'z', SIASN_SSO_TOKEN_URL: 'http://sso/t' });
    assert.deepEqual(cc.config!.wso, { kind: 'static', token: 'w' });
    assert.deepEqual(cc.config!.sso, { kind: 'oauth', url: 'http://sso/t', grant: 'client_credentials', form: { client_id: 'c', client_secret: 'z' } });
    assert.deepEqual(siasnSettingsFromEnv({ SIASN_URL: 'x', SIASN_WSO_TOKEN: 'w', SIASN_SSO_TOKEN: 's' }).config!.sso, { kind: 'static', token: 's' });
    const part = siasnSettingsFromEnv({ SIASN_URL: 'x', SIASN_CONSUMER_KEY: 'k' });
    assert.equal(part.config, null);
    assert.match(part.problem!, /kurang token WSO .*; token SSO/);
    assert.match(part.problemEn!, /missing WSO token/);
    assert.deepEqual(siasnSettingsFromEnv({ PATH: '/bin' }), { config: null, problem: null, problemEn: null });
  });
});

eachDatabase('SIASN push: two senders at once (local stand-in, not BKN)', (ctx) => {
  let si: StandIn;
  after(() => si?.close());

  it('the server’s round and `--kirim` (two connections) at the same moment: each payload reaches SIASN once; a payload being sent reads as waiting', async function () {
    this.timeout(120_000);
    si = await standIn();
    const cfg: SiasnConfig = staticConfig(si.url, STATIC_WSO, STATIC_SSO);
    const a = await seedDecisions(ctx.db, 6);
    await ctx.db.knex('positions').where('code', 'like', 'T-%').update({ siasn_unor_id: 'UNOR-X', siasn_jfu_id: 'JFU-1' });
    for (const [i, d] of a.decisions.entries()) await ctx.db.knex('employees').where({ nip: d.nip }).update({ siasn_pns_id: `PNS-DUA-${i}` });
    await issueDocuments(ctx.db, { kinds: ['sk'], recordNos: a.decisions.map((d) => d.recordNo) }, { actor: 'uji', baseUrl: 'http://127.0.0.1:1' });

    // The first sender's POSTs wait at a gate; meanwhile the second sender runs its whole round.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const gated: typeof fetch = async (input, init) => {
      await gate;
      return fetch(input, init);
    };
    const other = openDatabase(ctx.url);
    try {
      const first = pushPending(ctx.db, cfg, { fetch: gated });
      // Until the first sender has claimed its first payload, the second must not begin.
      for (let i = 0; i < 200 && (await ctx.db.knex('siasn_pushes').where({ state: 'sending' })).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      const claimed = (await ctx.db.knex('siasn_pushes').where({ state: 'sending' }).select('record_no')) as { record_no: string }[];
      assert.equal(claimed.length, 1, 'the first sender holds one payload, waiting for SIASN');
      const status = await siasnStatus(ctx.db, cfg);
      assert.equal(status.entries.find((e) => e.recordNo === claimed[0]!.record_no)!.state, 'waiting');
      const second = await pushPending(other, cfg, { ignoreBackoff: true });
      assert.ok(!second.some((x) => x.recordNo === claimed[0]!.record_no), 'the payload the first sender holds is not sent by the second');
      open();
      const firstDone = await first;
      const all = [...firstDone, ...second];
      assert.deepEqual(all.map((x) => x.recordNo).sort(), a.decisions.map((d) => d.recordNo).sort(), 'every decision sent by exactly one of the two');
      assert.ok(all.every((x) => x.state === 'sent'));
      const perPns = new Map<string, number>();
      for (const p of si.received) perPns.set(String(p.pnsId), (perPns.get(String(p.pnsId)) ?? 0) + 1);
      assert.deepEqual([...perPns.values()], a.decisions.map(() => 1), `SIASN received: ${JSON.stringify([...perPns])}`);
      // And again, both at once without a gate: nothing is sent twice.
      const again = await Promise.all([pushPending(ctx.db, cfg, { ignoreBackoff: true }), pushPending(other, cfg, { ignoreBackoff: true })]);
      assert.deepEqual(again, [[], []]);
      assert.equal(si.received.length, a.decisions.length);
    } finally {
      await other.close();
    }
  });

  it('a sender that died mid-send: its claim holds until the lease ends, then the payload is tried again (attempt counted once)', async function () {
    this.timeout(60_000);
    const cfg: SiasnConfig = staticConfig(si.url, STATIC_WSO, STATIC_SSO);
    const d = (await ctx.db.knex('decisions').orderBy('record_no').first()) as { record_no: string };
    const at = new Date('2027-03-01T00:00:00Z');
    await ctx.db.knex('siasn_pushes').where({ record_no: d.record_no }).update({ state: 'sending', attempts: 0, next_at: new Date(at.getTime() + 60_000).toISOString() });
    const received = si.received.length;
    assert.deepEqual(await pushPending(ctx.db, cfg, { now: () => at, ignoreBackoff: true }), [], 'within the lease: not touched');
    const later = new Date(at.getTime() + 61_000);
    const r = await pushPending(ctx.db, cfg, { now: () => later });
    assert.deepEqual(r.map((x) => [x.recordNo, x.state]), [[d.record_no, 'sent']]);
    assert.equal(si.received.length, received + 1);
    const row = (await ctx.db.knex('siasn_pushes').where({ record_no: d.record_no }).first()) as { attempts: number; state: string };
    assert.deepEqual([row.state, Number(row.attempts)], ['sent', 1]);
  });
});
