/**
 * The SIASN state over HTTP, on SQLite and PostgreSQL: GET /api/v1/siasn/status (approver, admin;
 * a unit-limited token sees its unit's decisions only) and POST /api/v1/siasn/send (admin without a
 * unit), role × endpoint, revoked and missing tokens, bad parameters named; sending against the local
 * stand-in (NOT BKN) gives each state as the add-in and `mutasi siasn --status` read it.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import express, { type Express } from 'express';
import { errorHandler } from '../../sync-server/server/errors';
import { siasnRouter } from '../../sync-server/siasn/routes';
import { createApp } from '../../sync-server/server/app';
import { createToken, revokeToken, type Role } from '../../sync-server/db/tokens';
import { issueDocuments } from '../../sync-server/documents/issue';
import { SiasnService } from '../../sync-server/siasn/service';
import { eachDatabase, freshDatabase } from '../server/support/databases';
import { openDatabase } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { startServer } from '../../sync-server/server/start';
import { seedDecisions, type SeededDecision } from '../server/support/documents';
import { token } from '../server/support/fixtures';
import { CREDENTIALS, oauthConfig, SSO_PATH, standIn, type StandIn } from './support/stand-in';

const ROLES: Role[] = ['staff', 'supervisor', 'approver', 'admin'];
const UNIT_A = 'Dinas Kesehatan';

eachDatabase('SIASN state over HTTP', (ctx) => {
  let si: StandIn;
  let app: Express;
  let bare: Express;
  let svc: SiasnService;
  let ds: SeededDecision[];
  const tokens = {} as Record<Role, string>;
  const scoped = {} as Record<Role, string>;
  let revoked: string;
  const auth = (req: request.Test, t: string | null) => (t ? req.set('Authorization', `Bearer ${t}`) : req);
  const status = (t: string | null, q = '', on = app) => auth(request(on).get(`/api/v1/siasn/status${q}`), t);
  const send = (t: string | null, on = app) => auth(request(on).post('/api/v1/siasn/send'), t).send({});

  before(async function () {
    this.timeout(60_000);
    si = await standIn();
    const a = await seedDecisions(ctx.db, 6);
    ds = a.decisions;
    await ctx.db.knex('positions').where('code', 'like', 'T-%').update({ siasn_unor_id: 'UNOR-X', siasn_jfu_id: 'JFU-1' });
    // 0 sent, 1 refused, 2 transient (retrying), 3 sent, 4 and 5 lack their ID PNS SIASN.
    const ids = ['PNS-OK-0', 'PNS-REFUSE-1', 'PNS-FLAKY-2', 'PNS-OK-3'];
    for (const [i, id] of ids.entries()) await ctx.db.knex('employees').where({ nip: ds[i]!.nip }).update({ siasn_pns_id: id });
    await issueDocuments(ctx.db, { kinds: ['sk'], recordNos: ds.map((d) => d.recordNo) }, { actor: 'uji', baseUrl: 'http://127.0.0.1:1' });
    for (const r of ROLES) {
      tokens[r] = await token(ctx.db, r);
      scoped[r] = await token(ctx.db, r, UNIT_A);
    }
    const made = await createToken(ctx.db, { name: 'lama', role: 'admin', unit: null }, 'test');
    await revokeToken(ctx.db, made.info.id, 'test');
    revoked = made.token;
    svc = new SiasnService(ctx.db, oauthConfig(si.url));
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' }, siasn: svc });
    bare = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
  });
  after(() => si?.close());

  it('not configured: every complete decision reads not_configured, the others what they lack; send is 409 with the reason', async () => {
    const r = await status(tokens.approver, '', bare);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.configured, false);
    assert.equal(r.body.tokens, null);
    assert.deepEqual(r.body.entries.map((e: { state: string }) => e.state), ['not_configured', 'not_configured', 'not_configured', 'not_configured', 'incomplete', 'incomplete']);
    const inc = r.body.entries[4];
    assert.deepEqual(inc.missing.map((m: { field: string }) => m.field), ['pnsId']);
    assert.match(inc.missing[0].where.id, /ID PNS SIASN/);
    assert.match(inc.missing[0].where.en, /ID PNS SIASN/);
    const s = await send(tokens.admin, bare);
    assert.equal(s.status, 409);
    assert.match(s.body.error, /SIASN belum dikonfigurasi/);
  });

  it('role × endpoint: approver and admin read the state, the admin sends; staff and supervisor 403; no, unknown or revoked token 401', async function () {
    this.timeout(30_000);
    for (const role of ROLES) {
      const r = await status(tokens[role]);
      if (role === 'approver' || role === 'admin') assert.equal(r.status, 200, `${role} reads`);
      else {
        assert.equal(r.status, 403, `${role} reads`);
        assert.match(r.body.error, new RegExp(`Peran ${role}`));
      }
      if (role !== 'admin') {
        const w = await send(tokens[role]);
        assert.equal(w.status, 403, `${role} sends`);
      }
    }
    // An admin limited to a unit may not send for everyone.
    const sc = await send(scoped.admin);
    assert.equal(sc.status, 403);
    assert.match(sc.body.error, /terbatas pada unit/);
    for (const t of [null, revoked, 'mts_bukan-token']) {
      assert.equal((await status(t)).status, 401);
      assert.equal((await send(t)).status, 401);
    }
    assert.equal(si.calls.length, 0, 'nothing was sent by a refused request');

    const w = await send(tokens.admin);
    assert.equal(w.status, 200, JSON.stringify(w.body));
    assert.equal(w.body.done, true);
    assert.equal(w.body.round.error, null);
    assert.deepEqual(w.body.round.tried.map((x: { state: string }) => x.state), ['sent', 'refused', 'retrying', 'sent']);
    assert.deepEqual(w.body.counts, { sent: 2, refused: 1, retrying: 1, failed: 0, waiting: 0, incomplete: 2, not_configured: 0 });
  });

  it('each state as the add-in reads it: sent with SIASN\'s id and answer, refused with its message, retrying with the next attempt, incomplete with what is missing', async () => {
    const r = await status(tokens.approver);
    assert.equal(r.status, 200);
    assert.equal(r.body.configured, true);
    assert.deepEqual(r.body.tokens, { wso: 'oauth', sso: 'oauth' });
    assert.equal(r.body.lastRound.tried.length, 4);
    const by = new Map(r.body.entries.map((e: { recordNo: string }) => [e.recordNo, e])) as Map<string, Record<string, any>>;
    const sent = by.get(ds[0]!.recordNo)!;
    assert.deepEqual([sent.state, sent.siasnId, sent.message, sent.attempts, sent.nextAttemptAt], ['sent', 'RW-PNS-OK-0', 'Data berhasil disimpan', 1, null]);
    assert.equal(sent.nip, ds[0]!.nip);
    assert.equal(sent.name, ds[0]!.name);
    const refused = by.get(ds[1]!.recordNo)!;
    assert.deepEqual([refused.state, refused.message, refused.siasnId], ['refused', 'Unor tidak sesuai dengan instansi', null]);
    const retry = by.get(ds[2]!.recordNo)!;
    assert.equal(retry.state, 'retrying');
    assert.equal(retry.message, 'Service Unavailable');
    assert.ok(Date.parse(retry.nextAttemptAt) > Date.parse(retry.updatedAt));
    assert.deepEqual(by.get(ds[4]!.recordNo)!.missing.map((m: { field: string }) => m.field), ['pnsId']);

    // Only some record numbers (as the add-in asks for its workbook's rows).
    const some = await status(tokens.admin, `?recordNos=${ds[1]!.recordNo},${ds[4]!.recordNo}`);
    assert.deepEqual(some.body.entries.map((e: { recordNo: string }) => e.recordNo), [ds[1]!.recordNo, ds[4]!.recordNo]);

    // "Send now" takes the retry at once (not after its delay); the refusal is not sent again.
    const again = await send(tokens.admin);
    assert.deepEqual(again.body.round.tried.map((x: { recordNo: string; state: string }) => [x.recordNo, x.state]), [[ds[2]!.recordNo, 'sent']]);
    assert.equal(si.calls.filter((c) => c.pnsId === 'PNS-REFUSE-1').length, 1);
    assert.deepEqual(si.problems, []);
  });

  it('unit scope: a token of one unit sees the decisions into or out of it only, and another unit is 403; bad parameters are named', async () => {
    // Every seeded move goes between the two units: one target of unit B moves to a third unit (in the
    // database directly, for this test), so unit B's token has decisions it must not see.
    await ctx.db.knex('positions').where({ code: 'T-B-0' }).update({ unit: 'Dinas Pendidikan' });
    const UNIT_B = 'Badan Perencanaan Pembangunan Daerah';
    const scopedB = await token(ctx.db, 'approver', UNIT_B);
    const all = (await status(tokens.admin)).body.entries as { recordNo: string; unit: string }[];
    const mine = await status(scopedB);
    assert.equal(mine.status, 200);
    const rows = await ctx.db.knex('decisions as d').join('positions as f', 'f.code', 'd.from_code').join('positions as t', 't.code', 'd.to_code').select('d.record_no', 'f.unit as from_unit', 't.unit as to_unit');
    const want = rows.filter((x: { from_unit: string; to_unit: string }) => x.from_unit === UNIT_B || x.to_unit === UNIT_B).map((x: { record_no: string }) => x.record_no).sort();
    assert.ok(want.length > 0 && want.length < all.length);
    assert.deepEqual(mine.body.entries.map((e: { recordNo: string }) => e.recordNo), want);
    // Asked by record number (as the add-in asks), the scope holds the same.
    const byNo = await status(scopedB, `?recordNos=${all.map((e) => e.recordNo).join(',')}`);
    assert.deepEqual(byNo.body.entries.map((e: { recordNo: string }) => e.recordNo), want);
    assert.ok(mine.body.entries.some((e: { unit: string }) => e.unit === UNIT_B), 'the unit of the receiving position');
    const other = await status(scoped.approver, `?unit=${encodeURIComponent(UNIT_B)}`);
    assert.equal(other.status, 403);
    const bad = await status(tokens.admin, '?recordNos=MUT-2027-1;DROP');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.issues[0].path, 'recordNos');
    assert.match(bad.body.issues[0].message, /Nomor Catatan/);
    const unknown = await status(tokens.admin, '?foo=1');
    assert.equal(unknown.status, 400);
    const body = await auth(request(app).post('/api/v1/siasn/send'), tokens.admin).send({ semua: true });
    assert.equal(body.status, 400);
  });

  it('a round longer than the wait is answered 202 (done: false) and goes on; a second "send now" joins it, nothing is sent twice', async () => {
    await ctx.db.knex('siasn_pushes').where({ record_no: ds[3]!.recordNo }).delete();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let posts = 0;
    // SIASN answering slowly: the jabatan/save call waits for the gate.
    const slow: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/jabatan/save')) {
        posts++;
        await gate;
      }
      return fetch(input, init);
    };
    const slowSvc = new SiasnService(ctx.db, oauthConfig(si.url), { fetch: slow });
    const slowApp = express();
    slowApp.use('/api/v1', siasnRouter(ctx.db, slowSvc, { sendWaitMs: 50 }));
    slowApp.use(errorHandler);
    const first = await send(tokens.admin, slowApp);
    assert.equal(first.status, 202);
    assert.equal(first.body.done, false);
    const second = await send(tokens.admin, slowApp);
    assert.equal(second.status, 202);
    release();
    const r = await slowSvc.round(); // the same round, now ending
    assert.deepEqual(r.tried.map((x) => [x.recordNo, x.state]), [[ds[3]!.recordNo, 'sent']]);
    assert.equal(posts, 1);
    assert.equal((await status(tokens.admin)).body.entries.find((e: { recordNo: string }) => e.recordNo === ds[3]!.recordNo).state, 'sent');
  });
});

describe('SIASN in a started server (SQLite, local stand-in, not BKN)', () => {
  it('mutasi serve with SIASN credentials in its environment sends on its own and the API says so', async function () {
    this.timeout(60_000);
    const si = await standIn();
    const fresh = await freshDatabase('sqlite');
    const saved = { ...process.env };
    let running: Awaited<ReturnType<typeof startServer>> | null = null;
    try {
      const db = openDatabase(fresh.url);
      await migrateLatest(db);
      const a = await seedDecisions(db, 2);
      await db.knex('positions').where('code', 'like', 'T-%').update({ siasn_unor_id: 'UNOR-X', siasn_jfu_id: 'JFU-1' });
      await db.knex('employees').where({ nip: a.decisions[0]!.nip }).update({ siasn_pns_id: 'PNS-OK-S' });
      await issueDocuments(db, { kinds: ['sk'], recordNos: a.decisions.map((d) => d.recordNo) }, { actor: 'uji', baseUrl: 'http://127.0.0.1:1' });
      const approver = await token(db, 'approver');
      await db.close();
      Object.assign(process.env, {
        HTTPS: '0', LOG_LEVEL: 'silent', SIASN_URL: si.url, SIASN_CONSUMER_KEY: CREDENTIALS.consumerKey, SIASN_CONSUMER_SECRET: CREDENTIALS.consumerSecret,
        SIASN_WSO_TOKEN_URL: `${si.url}/oauth2/token`, SIASN_SSO_CLIENT_ID: CREDENTIALS.clientId, SIASN_SSO_USERNAME: CREDENTIALS.username,
        SIASN_SSO_PASSWORD: CREDENTIALS.password, SIASN_SSO_TOKEN_URL: `${si.url}${SSO_PATH}`,
      });
      running = await startServer({ port: 0, db: fresh.url, noAddin: true, quiet: true, host: '127.0.0.1' });
      const get = async () => (await fetch(`${running!.url}/api/v1/siasn/status`, { headers: { Authorization: `Bearer ${approver}` } })).json() as Promise<Record<string, any>>;
      let st = await get();
      for (let i = 0; i < 100 && st.lastRound === null; i++) {
        await new Promise((r) => setTimeout(r, 100));
        st = await get();
      }
      assert.equal(st.configured, true);
      assert.deepEqual(st.tokens, { wso: 'oauth', sso: 'oauth' });
      assert.equal(st.lastRound.error, null);
      assert.deepEqual(st.entries.map((e: { state: string }) => e.state), ['sent', 'incomplete']);
      assert.equal(st.entries[0].siasnId, 'RW-PNS-OK-S');
      assert.deepEqual(si.problems, []);
    } finally {
      process.env = saved;
      await running?.close();
      await si.close();
      await fresh.drop();
    }
  });
});
