/** Every role × every endpoint, unit-scoped and revoked tokens, and the HTTP hardening around them. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import request from 'supertest';
import type { Express } from 'express';
import { createApp, createLogger } from '../../sync-server/server/app';
import { configFromEnv, parseOrigins } from '../../sync-server/server/config';
import { openDatabase } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { getEmployee } from '../../sync-server/db/queries';
import { createToken, revokeToken, type Role } from '../../sync-server/db/tokens';
import { eachDatabase, freshDatabase } from './support/databases';
import { agency, decision, loadAgency, rosterRows, token } from './support/fixtures';

const WORKBOOK = '0b8e4c1d-2f3a-4b5c-8d6e-7f8091a2b3c4';
const ROLES: Role[] = ['staff', 'supervisor', 'approver', 'admin'];

eachDatabase('API access', (ctx) => {
  let app: Express;
  const a = agency({ people: 20, targets: 2, seats: 5 });
  const tokens = {} as Record<Role, string>;
  const scoped = {} as Record<Role, string>;
  let revoked: string;

  before(async () => {
    await loadAgency(ctx.db, a);
    for (const r of ROLES) {
      tokens[r] = await token(ctx.db, r);
      scoped[r] = await token(ctx.db, r, 'Unit A');
    }
    const made = await createToken(ctx.db, { name: 'lama', role: 'admin' }, 'test');
    await revokeToken(ctx.db, made.info.id, 'test');
    revoked = made.token;
    app = createApp({ db: ctx.db, config: { logLevel: 'silent', addinOrigins: ['https://addin.example.go.id'] } });
  });

  let pushed = 0;
  /** One valid request per endpoint; a push moves a fresh person each time so it can succeed. */
  const endpoints: { name: string; allowed: Role[]; call: (t: string | null) => request.Test | Promise<request.Response> }[] = [
    { name: 'GET /changes', allowed: ROLES, call: (t) => auth(request(app).get('/api/v1/changes'), t) },
    { name: 'GET /employees/:nip', allowed: ROLES, call: (t) => auth(request(app).get(`/api/v1/employees/${a.employees[1]!.nip}`), t) },
    { name: 'GET /positions', allowed: ROLES, call: (t) => auth(request(app).get('/api/v1/positions'), t) },
    { name: 'GET /decisions', allowed: ROLES, call: (t) => auth(request(app).get('/api/v1/decisions?from=2020-01-01'), t) },
    {
      name: 'POST /decisions',
      allowed: ['approver'],
      call: async (t) => {
        const e = a.employees[2 * (pushed++ % 10)]!;
        const current = (await getEmployee(ctx.db.knex, e.nip))!;
        const back = current.positionCode === 'POOL-A' ? 'T-A-0' : 'POOL-A';
        return auth(request(app).post('/api/v1/decisions'), t).send({
          workbookId: WORKBOOK, decisions: [decision(e.nip, current.positionCode, back, current.version)],
        });
      },
    },
    { name: 'POST /roster', allowed: ['admin'], call: (t) => auth(request(app).post('/api/v1/roster'), t).send(rosterRows(a)) },
    { name: 'GET /audit/verify', allowed: ['admin'], call: (t) => auth(request(app).get('/api/v1/audit/verify'), t) },
  ];
  const auth = (req: request.Test, t: string | null) => (t ? req.set('Authorization', `Bearer ${t}`) : req);

  for (const ep of endpoints) {
    for (const role of ROLES) {
      const ok = ep.allowed.includes(role);
      it(`${ep.name} as ${role} → ${ok ? '200' : '403'}`, async () => {
        const res = await ep.call(tokens[role]);
        assert.equal(res.status, ok ? 200 : 403, JSON.stringify(res.body));
        if (ep.name === 'POST /decisions' && ok) assert.equal(res.body.results[0].status, 'recorded', JSON.stringify(res.body));
        if (!ok) assert.match(res.body.error, /Peran/);
      });
    }
    it(`${ep.name} without a token → 401; revoked → 401; unknown → 401`, async () => {
      for (const t of [null, revoked, 'mts_bukan-token-yang-sah']) {
        const res = await ep.call(t);
        assert.equal(res.status, 401, `${t}: ${JSON.stringify(res.body)}`);
        assert.ok(res.headers['www-authenticate']);
      }
    });
  }

  it('POST /decisions: a token that pushed, then was revoked or expired outside this server (another process), is refused at its next push and records nothing', async () => {
    for (const spoil of ['revoke', 'expire', 'role'] as const) {
      const made = await createToken(ctx.db, { name: `sebentar-${spoil}`, role: 'approver' }, 'test');
      const pushOne = async () => {
        const e = a.employees[2 * (pushed++ % 10)]!;
        const current = (await getEmployee(ctx.db.knex, e.nip))!;
        const back = current.positionCode === 'POOL-A' ? 'T-A-0' : 'POOL-A';
        return request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${made.token}`)
          .send({ workbookId: WORKBOOK, decisions: [decision(e.nip, current.positionCode, back, current.version)] });
      };
      const first = await pushOne();
      assert.equal(first.body.results?.[0]?.status, 'recorded', JSON.stringify(first.body));
      // Straight in the database, as `mutasi token revoke` in another process (or a second server) does.
      if (spoil === 'revoke') await revokeToken(ctx.db, made.info.id, 'test');
      else if (spoil === 'expire') await ctx.db.knex('tokens').where({ id: made.info.id }).update({ expires_at: new Date(Date.now() - 1000).toISOString() });
      else await ctx.db.knex('tokens').where({ id: made.info.id }).update({ role: 'staff' });
      const decisionsBefore = Number((await ctx.db.knex('decisions').count({ n: '*' }))[0]!.n);
      const second = await pushOne();
      assert.equal(second.status, 401, `${spoil}: ${JSON.stringify(second.body)}`);
      assert.ok(second.headers['www-authenticate']);
      assert.equal(Number((await ctx.db.knex('decisions').count({ n: '*' }))[0]!.n), decisionsBefore, `${spoil}: nothing recorded`);
      if (spoil === 'role') {
        // Read afresh from the table after the refusal: now a staff token, which may not record.
        assert.equal((await pushOne()).status, 403);
        await ctx.db.knex('tokens').where({ id: made.info.id }).update({ role: 'approver' });
      }
    }
  });

  it('public endpoints need no token: health, openapi, pengumuman', async () => {
    const h = await request(app).get('/api/v1/health');
    assert.equal(h.status, 200);
    assert.equal(h.body.database, ctx.dialect);
    const o = await request(app).get('/api/openapi.json');
    assert.equal(o.status, 200);
    assert.equal(o.body.openapi, '3.1.0');
    assert.ok(o.body.paths['/api/v1/decisions'].post.requestBody);
    assert.equal((await request(app).get('/pengumuman')).status, 200);
  });

  it('the OpenAPI document describes the same strict schema the push validates', async () => {
    const o = await request(app).get('/api/openapi.json');
    const schemas = o.body.components.schemas;
    assert.equal(schemas.Decision.additionalProperties, false);
    assert.ok(schemas.Decision.required.includes('mutationId'));
    assert.equal(schemas.PushBody.properties.decisions.maxItems, 500);
    // Every route is described, with its error shape.
    for (const p of ['/api/v1/health', '/api/v1/decisions', '/api/v1/changes', '/api/v1/employees/{nip}', '/api/v1/positions', '/api/v1/roster', '/api/v1/audit/verify', '/pengumuman']) {
      assert.ok(o.body.paths[p], p);
    }
    assert.ok(o.body.paths['/api/v1/decisions'].post.responses['400']);
    assert.ok(o.body.paths['/api/v1/decisions'].post.responses['429']);
    assert.ok(schemas.AnnouncementEntry.properties.nip);
  });

  describe('unit scope (token for Unit A)', () => {
    it('positions: only Unit A', async () => {
      const res = await request(app).get('/api/v1/positions').set('Authorization', `Bearer ${scoped.staff}`);
      assert.equal(res.status, 200);
      assert.ok(res.body.positions.length > 0);
      assert.ok(res.body.positions.every((p: { unit: string }) => p.unit === 'Unit A'));
    });
    it('an employee of Unit B is not found; one of Unit A is', async () => {
      const inB = (await ctx.db.knex('employees').where({ position_code: 'POOL-B' }).first()).nip;
      const inA = (await ctx.db.knex('employees').where({ position_code: 'POOL-A' }).first()).nip;
      assert.equal((await request(app).get(`/api/v1/employees/${inB}`).set('Authorization', `Bearer ${scoped.staff}`)).status, 404);
      const resA = await request(app).get(`/api/v1/employees/${inA}`).set('Authorization', `Bearer ${scoped.staff}`);
      assert.equal(resA.status, 200);
      assert.equal(resA.body.nip, inA);
      assert.equal((await request(app).get(`/api/v1/employees/${inB}`).set('Authorization', `Bearer ${tokens.staff}`)).status, 200);
    });
    it('decisions of another unit are refused; the list holds only Unit A moves', async () => {
      const other = await request(app).get('/api/v1/decisions?unit=Unit%20B').set('Authorization', `Bearer ${scoped.staff}`);
      assert.equal(other.status, 403);
      const mine = await request(app).get('/api/v1/decisions').set('Authorization', `Bearer ${scoped.staff}`);
      assert.equal(mine.status, 200);
      const unitA = new Set(a.positions.filter((p) => p.unit === 'Unit A').map((p) => p.code));
      assert.ok(mine.body.decisions.every((d: { toPositionCode: string; fromPositionCode: string }) => unitA.has(d.toPositionCode) || unitA.has(d.fromPositionCode)));
    });
    it('pull delivers only Unit A records', async () => {
      const res = await request(app).get('/api/v1/changes?cursor=0&limit=5000').set('Authorization', `Bearer ${scoped.staff}`);
      assert.equal(res.status, 200);
      const body = res.body;
      const positions = body.reset ? body.snapshot.positions : body.changes.filter((c: { kind: string }) => c.kind === 'position').map((c: { data: unknown }) => c.data);
      assert.ok(positions.length > 0);
      assert.ok(positions.every((p: { unit: string }) => p.unit === 'Unit A'));
    });
    it('a scoped approver records moves within its unit and is refused for any other', async () => {
      const fromB = a.employees.find((x) => x.positionCode === 'POOL-B' && x !== a.employees[1])!;
      // Someone still in POOL-A whom no earlier test has moved (a recent move would break TENURE_MIN).
      const untouched = (await ctx.db.knex('employees').where({ position_code: 'POOL-A' })
        .whereNotIn('nip', ctx.db.knex('decisions').select('nip')).orderBy('nip', 'desc').first()) as { nip: string };
      const b = (await getEmployee(ctx.db.knex, fromB.nip))!;
      const cur = (await getEmployee(ctx.db.knex, untouched.nip))!;
      const res = await request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${scoped.approver}`).send({
        workbookId: WORKBOOK,
        decisions: [
          decision(b.nip, b.positionCode, 'T-B-1', b.version), // Unit B → Unit B: not its unit
          decision(b.nip, b.positionCode, 'T-A-1', b.version), // Unit B → Unit A: takes someone from another unit
          decision(cur.nip, cur.positionCode, 'T-A-1', cur.version), // Unit A → Unit A
        ],
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.results[0].status, 'rejected');
      assert.match(res.body.results[0].message, /unit Unit A/);
      assert.equal(res.body.results[1].status, 'rejected', JSON.stringify(res.body.results[1]));
      assert.match(res.body.results[1].message, /antarunit/);
      assert.equal(res.body.results[2].status, 'recorded', JSON.stringify(res.body.results[2]));
      // The same cross-unit move is for an approver of the whole agency.
      const whole = await request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${tokens.approver}`).send({
        workbookId: WORKBOOK, decisions: [decision(b.nip, b.positionCode, 'T-A-1', b.version)],
      });
      assert.equal(whole.body.results[0].status, 'recorded', JSON.stringify(whole.body.results[0]));
    });
    it('a scoped admin cannot import a roster or verify the whole audit chain', async () => {
      assert.equal((await request(app).post('/api/v1/roster').set('Authorization', `Bearer ${scoped.admin}`).send(rosterRows(a))).status, 403);
      assert.equal((await request(app).get('/api/v1/audit/verify').set('Authorization', `Bearer ${scoped.admin}`)).status, 403);
    });
  });

  describe('hardening', () => {
    it('Office hosts may frame the pages (CSP frame-ancestors), no X-Frame-Options, no x-powered-by', async () => {
      const res = await request(app).get('/pengumuman');
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors 'self' https:\/\/\*\.officeapps\.live\.com/);
      assert.equal(res.headers['x-frame-options'], undefined);
      assert.equal(res.headers['x-powered-by'], undefined);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    });
    it('CSP connect-src: the own origin and the configured origins only, not any https host', async () => {
      const csp = String((await request(app).get('/api/v1/health')).headers['content-security-policy']);
      const connect = /connect-src ([^;]*)/.exec(csp)?.[1] ?? '';
      assert.deepEqual(connect.split(' ').sort(), ["'self'", 'https://addin.example.go.id', 'https://appsforoffice.microsoft.com'].sort());
    });
    it('upgrade-insecure-requests only over HTTPS (a TLS proxy counts), never on plain http', async () => {
      const plain = String((await request(app).get('/pengumuman')).headers['content-security-policy']);
      assert.ok(!plain.includes('upgrade-insecure-requests'), plain);
      const proxied = createApp({ db: ctx.db, config: { logLevel: 'silent', trustProxy: true } });
      const viaTls = String((await request(proxied).get('/pengumuman').set('X-Forwarded-Proto', 'https')).headers['content-security-policy']);
      assert.match(viaTls, /upgrade-insecure-requests/);
    });
    it('ADDIN_ORIGINS is normalised to exact origins; a wildcard or a non-URL stops the start', () => {
      assert.deepEqual(parseOrigins(' https://addin.pemda.go.id/ , https://sync2.pemda.go.id:8443/path'), ['https://addin.pemda.go.id', 'https://sync2.pemda.go.id:8443']);
      assert.throws(() => parseOrigins('https://*.pemda.go.id'), /ADDIN_ORIGINS/);
      assert.throws(() => parseOrigins('addin.pemda.go.id'), /ADDIN_ORIGINS/);
      assert.throws(() => parseOrigins('ftp://addin.pemda.go.id'), /ADDIN_ORIGINS/);
    });
    it('LOG_LEVEL and HTTPS: a value the server would misread stops the start naming it', () => {
      assert.deepEqual(configFromEnv({ LOG_LEVEL: 'warn', HTTPS: '0' }), { logLevel: 'warn', trustProxy: ['loopback'] });
      assert.deepEqual(configFromEnv({ HTTPS: '1' }), {});
      assert.throws(() => configFromEnv({ LOG_LEVEL: 'verbose' }), /^Error: LOG_LEVEL: "verbose" tidak dikenal; pilih salah satu: fatal, error, warn, info, debug, trace, silent$/);
      assert.throws(() => configFromEnv({ HTTPS: 'nope' }), /^Error: HTTPS: "nope" harus 0 .* atau 1/);
    });
    it('push is rate-limited per token: 429 JSON with Retry-After, other tokens unaffected', async () => {
      const limited = createApp({ db: ctx.db, config: { logLevel: 'silent', pushRateLimit: { windowMs: 60_000, limit: 2 } } });
      const body = { workbookId: WORKBOOK, decisions: [] };
      for (let i = 0; i < 2; i++) {
        assert.equal((await request(limited).post('/api/v1/decisions').set('Authorization', `Bearer ${tokens.approver}`).send(body)).status, 400);
      }
      const third = await request(limited).post('/api/v1/decisions').set('Authorization', `Bearer ${tokens.approver}`).send(body);
      assert.equal(third.status, 429);
      assert.match(third.body.error, /Terlalu banyak/);
      assert.equal(third.headers['retry-after'], '60');
      const other = await token(ctx.db, 'approver', null, 'approver-lain');
      assert.equal((await request(limited).post('/api/v1/decisions').set('Authorization', `Bearer ${other}`).send(body)).status, 400);
    });
    it('a token is 32 random bytes shown once; only its SHA-256 is stored', async () => {
      const made = await createToken(ctx.db, { name: 'cek', role: 'staff' }, 'test');
      assert.match(made.token, /^mts_[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(made.token.slice(4), 'base64url').length, 32);
      const row = await ctx.db.knex('tokens').where({ id: made.info.id }).first();
      assert.equal(row.hash, createHash('sha256').update(made.token).digest('hex'));
      assert.ok(!JSON.stringify(row).includes(made.token.slice(4)), 'the secret itself is not stored');
      assert.ok(!JSON.stringify(await request(app).get('/api/v1/health')).includes(made.token));
    });
    it('CORS answers the configured add-in origin and the own origin, nobody else', async () => {
      const ok = await request(app).options('/api/v1/positions').set('Origin', 'https://addin.example.go.id').set('Access-Control-Request-Method', 'GET');
      assert.equal(ok.headers['access-control-allow-origin'], 'https://addin.example.go.id');
      const bad = await request(app).get('/api/v1/health').set('Origin', 'https://jahat.example.com');
      assert.equal(bad.headers['access-control-allow-origin'], undefined);
      const own = await request(app).get('/api/v1/health').set('Host', 'mutasi.local:3000').set('Origin', 'http://mutasi.local:3000');
      assert.equal(own.headers['access-control-allow-origin'], 'http://mutasi.local:3000');
    });
    it('every response carries a request id; a given one is kept', async () => {
      const res = await request(app).get('/api/v1/health').set('X-Request-Id', 'uji-123');
      assert.equal(res.headers['x-request-id'], 'uji-123');
      assert.match(String((await request(app).get('/api/v1/health')).headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });
    it('a body over the limit is 413 with a JSON error; malformed JSON is 400', async () => {
      const big = await request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${tokens.approver}`).set('Content-Type', 'application/json')
        .send(JSON.stringify({ workbookId: WORKBOOK, decisions: [], pad: 'x'.repeat(2_000_000) }));
      assert.equal(big.status, 413);
      assert.match(big.body.error, /terlalu besar/);
      const bad = await request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${tokens.approver}`).set('Content-Type', 'application/json').send('{"workbookId": ');
      assert.equal(bad.status, 400);
      assert.ok(!JSON.stringify(bad.body).includes('at '));
    });
    it('one log line a request, with its id, status and time; the authorization header (no header) never reaches the log', async () => {
      let out = '';
      const sink = new Writable({ write(chunk, _e, cb) { out += String(chunk); cb(); } });
      const captured = createApp({ db: ctx.db, logger: createLogger('info', sink) });
      const res = await request(captured).get('/api/v1/positions').set('Authorization', `Bearer ${tokens.staff}`).set('X-Request-Id', 'cek-log-1');
      assert.equal(res.headers['x-request-id'], 'cek-log-1');
      const lines = out.trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, 1, out);
      assert.equal(lines[0].reqId, 'cek-log-1');
      assert.deepEqual({ ...lines[0].req, remoteAddress: undefined }, { method: 'GET', url: '/api/v1/positions', remoteAddress: undefined });
      assert.deepEqual(lines[0].res, { statusCode: 200 });
      assert.equal(typeof lines[0].responseTime, 'number');
      assert.equal(lines[0].msg, 'request completed');
      assert.ok(!out.includes(tokens.staff), 'token not in log');
      assert.ok(!/authorization/i.test(out), 'no headers in the log');
      // A request without a usable id gets a fresh one, in the answer and the log.
      out = '';
      const other = await request(captured).get('/api/v1/health').set('X-Request-Id', 'bad id with spaces');
      assert.match(String(other.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      assert.equal(JSON.parse(out.trim()).reqId, other.headers['x-request-id']);
    });
    it('a failing database gives 5xx JSON without a stack trace', async () => {
      const fresh = await freshDatabase('sqlite');
      const broken = openDatabase(fresh.url);
      await migrateLatest(broken);
      const t = (await createToken(broken, { name: 'x', role: 'staff' }, 'test')).token;
      const brokenApp = createApp({ db: broken, config: { logLevel: 'silent' } });
      await broken.knex.schema.dropTable('changes');
      const res = await request(brokenApp).get('/api/v1/changes?cursor=0').set('Authorization', `Bearer ${t}`);
      assert.ok(res.status >= 500, String(res.status));
      assert.ok(!/\bat \S+ \(|node_modules|\.ts:\d+/.test(res.text), res.text);
      assert.ok(res.body.requestId);
      await broken.close();
      await fresh.drop();
    });
  });
});
