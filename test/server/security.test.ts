/**
 * The smaller hardening items of issue 17 (item 8), each with what it protects against: token expiry;
 * a unit-scoped approver learns nothing outside its unit; a full disk is the documented 503 (a real
 * SQLITE_FULL and a real PostgreSQL 53100) and a backup on a full disk leaves no partial file; a token
 * in the URL never reaches the log; pulls per token and refused tokens per address are limited; silent
 * sockets are closed (HTTP and HTTPS) so /health keeps answering; files are private; source maps are
 * not served; X-Forwarded-* is believed only from the configured proxy.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import express from 'express';
import request from 'supertest';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import { openDatabase } from '../../sync-server/db/connect';
import { getEmployee } from '../../sync-server/db/queries';
import { authenticate, createToken } from '../../sync-server/db/tokens';
import { createApp, createLogger } from '../../sync-server/server/app';
import { ensureDevCertificate } from '../../sync-server/server/certs';
import { configFromEnv, parseTrustProxy } from '../../sync-server/server/config';
import { concurrencyPerToken } from '../../sync-server/server/security';
import { startServer, type Running } from '../../sync-server/server/start';
import { eachDatabase } from './support/databases';
import { agency, decision, loadAgency, rosterRows, token } from './support/fixtures';
import { runCli } from './support/child';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

eachDatabase('security: tokens, scope, full disk', (ctx) => {
  const a = agency({ people: 12, targets: 2, seats: 2 });
  let app: express.Express;

  before(async function () {
    this.timeout(30_000);
    await loadAgency(ctx.db, a);
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
  });

  it('a token may expire: refused after its expiry, shown by token list; a past date is refused by the CLI', async function () {
    this.timeout(180_000);
    const expired = await createToken(ctx.db, { name: 'Magang 2025', role: 'staff', expiresAt: new Date(Date.now() - 1000).toISOString() }, 'test');
    const live = await createToken(ctx.db, { name: 'Magang 2027', role: 'staff', expiresAt: new Date(Date.now() + 3600_000).toISOString() }, 'test');
    assert.equal(await authenticate(ctx.db, expired.token), null);
    assert.equal((await authenticate(ctx.db, live.token))?.name, 'Magang 2027');
    const res = await request(app).get('/api/v1/positions').set('Authorization', `Bearer ${expired.token}`);
    assert.equal(res.status, 401);
    assert.match(res.body.error, /kedaluwarsa/);
    assert.equal((await request(app).get('/api/v1/positions').set('Authorization', `Bearer ${live.token}`)).status, 200);

    const made = runCli(['token', 'create', '--name', 'Auditor', '--role', 'supervisor', '--berlaku-sampai', '2099-12-31', '--json', '--db', ctx.url]);
    assert.equal(made.status, 0, made.stderr);
    assert.equal(JSON.parse(made.stdout).expiresAt, '2099-12-31T16:59:59.999Z', 'the end of 31 December WIB');
    const list = runCli(['token', 'list', '--db', ctx.url]);
    assert.match(list.stdout, /Berlaku sampai/);
    assert.match(list.stdout, /2099-12-31 23:59 WIB/);
    assert.match(list.stdout, /\(kedaluwarsa\)/);
    const past = runCli(['token', 'create', '--name', 'Terlambat', '--role', 'staff', '--expires', '2020-01-01', '--db', ctx.url]);
    assert.notEqual(past.status, 0);
    assert.match(past.stderr, /sudah lewat/);
    const bad = runCli(['token', 'create', '--name', 'Salah', '--role', 'staff', '--berlaku-sampai', '31/02/2030', '--db', ctx.url]);
    assert.match(bad.stderr, /tidak ada/);
    // Expiry is part of what the audit chain vouches for.
    assert.equal((await verifyAudit(ctx.db)).ok, true);
    await ctx.db.knex('tokens').where({ id: expired.info.id }).update({ expires_at: null });
    const r = await verifyAudit(ctx.db);
    await ctx.db.knex('tokens').where({ id: expired.info.id }).update({ expires_at: expired.info.expiresAt });
    assert.ok(r.problems.some((p) => p.subject === `token:${expired.info.id}`), 'a hand-extended token is reported');
  });

  it('a unit-scoped approver: unknown and out-of-scope NIPs and positions are answered alike, naming nothing outside its unit', async () => {
    const scoped = await token(ctx.db, 'approver', 'Unit A', 'Penyetuju Unit A');
    const inB = a.employees.find((e) => e.positionCode === 'POOL-B')!;
    const inA = (await getEmployee(ctx.db.knex, a.employees.find((e) => e.positionCode === 'POOL-A')!.nip))!;
    const unknownNip = '199001012015011999';
    const res = await request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${scoped}`).send({
      workbookId: randomUUID(),
      decisions: [
        decision(inB.nip, 'POOL-B', 'T-A-0', 1),
        decision(unknownNip, 'POOL-B', 'T-A-0', 1),
        decision(inA.nip, 'POOL-A', 'T-B-0', inA.version),
        decision(inA.nip, 'POOL-A', 'TIDAK-ADA', inA.version),
      ],
    });
    assert.equal(res.status, 200);
    const [outNip, noNip, outPos, noPos] = res.body.results as { status: string; message: string; findings: { rule: string; message: string }[] }[];
    const blank = (r: { message: string; findings: { rule: string; message: string }[] }, ...ids: string[]) =>
      JSON.stringify({ m: r.message, f: r.findings.map((f) => [f.rule, f.message]) }).replaceAll(ids[0]!, '#').replaceAll(ids[1] ?? '\u0000', '#');
    assert.equal(outNip!.status, 'rejected');
    assert.equal(blank(outNip!, inB.nip), blank(noNip!, unknownNip), 'an NIP of another unit reads like an unknown one');
    assert.equal(blank(outPos!, 'T-B-0'), blank(noPos!, 'TIDAK-ADA'), 'a position of another unit reads like an unknown one');
    for (const r of [outNip!, noNip!, outPos!, noPos!]) {
      const text = JSON.stringify(r);
      assert.ok(!text.includes('Unit B') && !text.includes('POOL-B ') && !/pemangku|kebutuhan/.test(text), text);
      assert.match(r.message, /unit Unit A/);
    }
  });

  it('a full disk is the documented 503 (nothing recorded, retry safe), for a push and a roster import', async function () {
    this.timeout(30_000);
    const approver = await token(ctx.db, 'approver', null, 'Penyetuju Disk');
    const admin = await token(ctx.db, 'admin', null, 'Admin Disk');
    const e = (await getEmployee(ctx.db.knex, a.employees.find((x) => x.positionCode === 'POOL-A')!.nip))!;
    const WB_DISK = randomUUID();
    // A long note: the decision and its audit entry need new pages (overflow), which a full disk refuses.
    const LONG_NOTE = 'Sesuai kebutuhan organisasi. '.repeat(130);
    const before = Number((await ctx.db.knex('audit').count({ n: '*' }).first() as { n: string }).n);
    // A real "disk full": SQLite stops growing the file (max_page_count on the writer's one connection);
    // PostgreSQL raises its own 53100 disk_full from a trigger on the tables written.
    if (ctx.dialect === 'sqlite') {
      // Every free byte taken first (a filler table until SQLITE_FULL), so the push needs a new page.
      await ctx.db.knex.raw('CREATE TABLE filler (b BLOB)');
      const [count] = (await ctx.db.knex.raw('PRAGMA page_count')) as { page_count: number }[];
      assert.ok(count, 'PRAGMA page_count answers one row');
      const pages = count.page_count;
      await ctx.db.knex.raw(`PRAGMA max_page_count = ${pages + 8}`);
      for (let size = 65536; size >= 16; ) {
        try {
          await ctx.db.knex.raw('INSERT INTO filler VALUES (zeroblob(?))', [size]);
        } catch (err) {
          assert.equal((err as { code?: string }).code, 'SQLITE_FULL');
          size = Math.floor(size / 2);
        }
      }
    } else {
      await ctx.db.knex.raw(`CREATE FUNCTION disk_full() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$ LANGUAGE plpgsql`);
      for (const t of ['decisions', 'employees', 'audit']) await ctx.db.knex.raw(`CREATE TRIGGER full_${t} BEFORE INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION disk_full()`);
    }
    try {
      const push = await request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${approver}`)
        .send({ workbookId: WB_DISK, decisions: [decision(e.nip, 'POOL-A', 'T-A-1', e.version, { note: LONG_NOTE })] });
      assert.equal(push.status, 503, JSON.stringify(push.body));
      assert.match(push.body.error, /penuh/);
      assert.ok(push.headers['retry-after']);
      const big = agency({ people: 400, targets: 2, seats: 2 });
      big.employees.forEach((x, i) => (x.name = `Pegawai Baru ${i} ${'x'.repeat(200)}`));
      const roster = await request(app).post('/api/v1/roster').set('Authorization', `Bearer ${admin}`).send(rosterRows(big));
      assert.equal(roster.status, 503, JSON.stringify(roster.body));
    } finally {
      if (ctx.dialect === 'sqlite') {
        await ctx.db.knex.raw('DROP TABLE filler');
        await ctx.db.knex.raw('PRAGMA max_page_count = 1073741823');
      }
      else {
        for (const t of ['decisions', 'employees', 'audit']) await ctx.db.knex.raw(`DROP TRIGGER full_${t} ON ${t}`);
        await ctx.db.knex.raw('DROP FUNCTION disk_full()');
      }
    }
    assert.equal(Number((await ctx.db.knex('audit').count({ n: '*' }).first() as { n: string }).n), before, 'nothing recorded');
    // With room again, the same decision is recorded.
    const again = await request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${approver}`)
      .send({ workbookId: WB_DISK, decisions: [decision(e.nip, 'POOL-A', 'T-A-1', e.version, { note: LONG_NOTE })] });
    assert.equal(again.body.results[0].status, 'recorded', JSON.stringify(again.body));
    assert.equal((await verifyAudit(ctx.db)).ok, true);
  });

  it('backup on a full disk leaves no file under the backup’s name (and no partial one beside it)', async function () {
    this.timeout(180_000);
    // Enough for the copy to outgrow an 8 KiB file-size limit (RLIMIT_FSIZE: writes past it fail with EFBIG).
    const big = agency({ people: 600, targets: 1, seats: 1 });
    big.employees.forEach((x) => (x.nip = '1' + x.nip.slice(1)));
    big.positions.forEach((p) => (p.code = 'X' + p.code));
    big.employees.forEach((x) => (x.positionCode = 'X' + x.positionCode));
    await loadAgency(ctx.db, big);
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-backup-full-'));
    const target = path.join(dir, ctx.dialect === 'sqlite' ? 'cadangan.sqlite' : 'cadangan.dump');
    const cli = path.join(ROOT, 'test', 'server', 'support', 'cli-entry.ts');
    const r = spawnSync('bash', ['-c', `ulimit -f 8; exec "${process.execPath}" --import "${TSX}" "${cli}" backup "${target}" --db "${ctx.url}"`], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000,
    });
    assert.notEqual(r.status, 0, r.stdout + r.stderr);
    assert.equal(existsSync(target), false, 'no partial backup under its name');
    assert.deepEqual(readdirSync(dir), [], 'no temporary file left either');
    // Without the limit the same backup is written whole.
    const ok = runCli(['backup', target, '--db', ctx.url]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(readdirSync(dir), [path.basename(target)]);
  });
});

describe('security: logs, limits, sockets, files, proxies', function () {
  this.timeout(60_000);
  let db: ReturnType<typeof openDatabase>;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mutasi-sec-'));
    db = openDatabase(path.join(dir, 'data', 'mutasi.sqlite'));
    const { migrateLatest } = await import('../../sync-server/db/migrate');
    await migrateLatest(db);
  });
  after(async () => db.close());

  it('a new SQLite database is 0600 in a 0700 folder; the development key is 0600 in a 0700 folder', async () => {
    assert.equal(statSync(path.join(dir, 'data', 'mutasi.sqlite')).mode & 0o777, 0o600);
    assert.equal(statSync(path.join(dir, 'data')).mode & 0o777, 0o700);
    for (const f of readdirSync(path.join(dir, 'data'))) assert.equal(statSync(path.join(dir, 'data', f)).mode & 0o077, 0, `${f} private`);
    const certsHome = mkdtempSync(path.join(tmpdir(), 'mutasi-home-'));
    const tls = await ensureDevCertificate(path.join(dir, 'tlsdata'), certsHome);
    assert.equal(tls.source, 'data');
    assert.equal(statSync(path.join(dir, 'tlsdata', 'certs')).mode & 0o777, 0o700);
    assert.equal(statSync(path.join(dir, 'tlsdata', 'certs', 'localhost.key')).mode & 0o777, 0o600);
  });

  it('a token sent as ?token= is refused and never written to the log', async () => {
    let log = '';
    const sink = new Writable({ write(chunk, _enc, cb) { log += String(chunk); cb(); } });
    const app = createApp({ db, config: { logLevel: 'info' }, logger: createLogger('info', sink) });
    const secret = 'mts_RahasiaSekaliJanganDicatat0123456789abcdef';
    const res = await request(app).get(`/api/v1/positions?token=${secret}&x=1`);
    assert.equal(res.status, 401);
    assert.match(res.body.error, /Authorization/);
    await request(app).get(`/pengumuman?access_token=${secret}`);
    assert.ok(log.includes('/api/v1/positions'), 'the request was logged');
    assert.ok(!log.includes(secret), log);
    assert.match(log, /token=\[disembunyikan\]/);
  });

  it('refused tokens from one address: 429 with Retry-After past the limit, even for a good token; other servers unaffected', async () => {
    const good = (await createToken(db, { name: 'Staf Baik', role: 'staff' }, 'test')).token;
    const app = createApp({ db, config: { logLevel: 'silent', authFailLimit: 5 } });
    for (let i = 0; i < 5; i++) assert.equal((await request(app).get('/api/v1/positions').set('Authorization', `Bearer mts_tebak${i}`)).status, 401);
    const blocked = await request(app).get('/api/v1/positions').set('Authorization', `Bearer ${good}`);
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.match(blocked.body.error, /Terlalu banyak/);
    // /health needs no token and still answers.
    assert.equal((await request(app).get('/api/v1/health')).status, 200);
    const other = openDatabase(':memory:');
    const { migrateLatest } = await import('../../sync-server/db/migrate');
    await migrateLatest(other);
    const t = (await createToken(other, { name: 'Lain', role: 'staff' }, 'test')).token;
    assert.equal((await request(createApp({ db: other, config: { logLevel: 'silent' } })).get('/api/v1/positions').set('Authorization', `Bearer ${t}`)).status, 200);
    await other.close();
  });

  it('pulls per token: past the limit 429 with Retry-After, other tokens unaffected, the slot freed when one ends', async () => {
    const app = express();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    app.get('/pull', (req, res, next) => { res.locals.id = Number(req.query.t); next(); }, concurrencyPerToken(1, (res) => res.locals.id as number), async (_req, res) => {
      await gate;
      res.json({ ok: true });
    });
    const server = app.listen(0);
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const first = fetch(`${base}/pull?t=1`);
      await new Promise((r) => setTimeout(r, 100));
      const second = await fetch(`${base}/pull?t=1`);
      assert.equal(second.status, 429);
      assert.ok(second.headers.get('retry-after'));
      const otherToken = fetch(`${base}/pull?t=2`);
      release();
      assert.equal((await first).status, 200);
      assert.equal((await otherToken).status, 200);
      assert.equal((await fetch(`${base}/pull?t=1`)).status, 200, 'the slot is free again');
    } finally {
      server.close();
    }
  });

  it('GET /changes: a second pull of the same token while one runs is 429 (PULL_CONCURRENCY), another token’s is served', async () => {
    const one = (await createToken(db, { name: 'Tarik Satu', role: 'staff' }, 'test')).token;
    const two = (await createToken(db, { name: 'Tarik Dua', role: 'staff' }, 'test')).token;
    // The first pull is held inside its read until released; authentication (db.lookup) is not.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held = 0;
    const read = new Proxy(db.read, {
      get(target, prop) {
        const v = (target as unknown as Record<string | symbol, unknown>)[prop];
        if (prop === 'transaction') {
          return async (...args: unknown[]) => {
            if (held++ === 0) await gate;
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const app = createApp({ db: { ...db, read }, config: { logLevel: 'silent', pullConcurrency: 1 } });
    const server = app.listen(0);
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1/changes?cursor=0`;
    const get = (t: string) => fetch(base, { headers: { Authorization: `Bearer ${t}` } });
    try {
      const first = get(one);
      while (held === 0) await new Promise((r) => setTimeout(r, 10));
      const second = await get(one);
      assert.equal(second.status, 429);
      assert.ok(second.headers.get('retry-after'));
      assert.equal((await get(two)).status, 200, 'another token is not held up');
      release();
      assert.equal((await first).status, 200);
      assert.equal((await get(one)).status, 200, 'free again once the first has answered');
    } finally {
      release();
      server.close();
    }
  });

  it('source maps are not served unless SOURCE_MAPS=1', async () => {
    const addin = path.join(dir, 'addin');
    mkdirSync(addin, { recursive: true });
    writeFileSync(path.join(addin, 'taskpane.js'), 'console.log(1)\n//# sourceMappingURL=taskpane.js.map\n');
    writeFileSync(path.join(addin, 'taskpane.js.map'), '{"version":3,"sources":["rahasia.ts"]}');
    const prod = createApp({ db, config: { logLevel: 'silent', addinDir: addin } });
    assert.equal((await request(prod).get('/taskpane.js')).status, 200);
    assert.equal((await request(prod).get('/taskpane.js.map')).status, 404);
    const dev = createApp({ db, config: { logLevel: 'silent', addinDir: addin, sourceMaps: true } });
    assert.equal((await request(dev).get('/taskpane.js.map')).status, 200);
    assert.equal(configFromEnv({ SOURCE_MAPS: '1' }).sourceMaps, true);
    assert.throws(() => configFromEnv({ SOURCE_MAPS: 'ya' }), /SOURCE_MAPS/);
  });

  it('X-Forwarded-* is believed only from the configured proxy (TRUST_PROXY; HTTPS=0 alone: loopback)', async () => {
    assert.deepEqual(configFromEnv({ HTTPS: '0' }).trustProxy, ['loopback']);
    assert.deepEqual(configFromEnv({ HTTPS: '0', TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' }).trustProxy, ['10.0.0.5', '10.1.0.0/16']);
    assert.equal(configFromEnv({ HTTPS: '0', TRUST_PROXY: '0' }).trustProxy, false);
    assert.throws(() => parseTrustProxy('*'), /TRUST_PROXY/);
    assert.throws(() => parseTrustProxy('10.0.0.0/99'), /TRUST_PROXY/);
    const secureVia = async (trustProxy: false | string[]) => {
      const app = createApp({ db, config: { logLevel: 'silent', trustProxy } });
      const res = await request(app).get('/pengumuman').set('X-Forwarded-Proto', 'https');
      return /upgrade-insecure-requests/.test(String(res.headers['content-security-policy']));
    };
    // supertest connects from 127.0.0.1: a proxy there is believed, anyone else's header is not.
    assert.equal(await secureVia(['loopback']), true);
    assert.equal(await secureVia(['10.0.0.5']), false);
    assert.equal(await secureVia(false), false);
  });
});

describe('security: silent connections are closed, /health keeps answering', function () {
  this.timeout(120_000);
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['HTTPS', 'IDLE_TIMEOUT', 'DATA_DIR', 'LOG_LEVEL']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  for (const https of [false, true]) {
    it(`${https ? 'HTTPS' : 'HTTPS=0'}: 300 connections that never send a request are closed after IDLE_TIMEOUT; /health answers meanwhile`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-idle-'));
      Object.assign(process.env, { HTTPS: https ? '1' : '0', IDLE_TIMEOUT: '1', DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' });
      let running: Running | null = null;
      const sockets: Socket[] = [];
      try {
        running = await startServer({ port: 0, host: '127.0.0.1', db: path.join(dir, 'data', 'mutasi.sqlite'), noAddin: true, quiet: true, root: dir });
        const port = (running.server.address() as { port: number }).port;
        const closed: Promise<number>[] = [];
        const t0 = Date.now();
        for (let i = 0; i < 300; i++) {
          const s: Socket = https ? tlsConnect({ port, host: '127.0.0.1', rejectUnauthorized: false }) : tcpConnect(port, '127.0.0.1');
          s.on('error', () => undefined);
          sockets.push(s);
          closed.push(new Promise((r) => s.once('close', () => r(Date.now() - t0))));
        }
        const health = await fetchHealth(port, https);
        assert.equal(health, 200);
        const times = await Promise.all(closed);
        assert.ok(Math.max(...times) < 15_000, `closed after ${Math.max(...times)} ms`);
        assert.ok(Math.min(...times) >= 500, 'not before the timeout');
        assert.equal(await fetchHealth(port, https), 200);
      } finally {
        for (const s of sockets) s.destroy();
        await running?.close();
      }
    });
  }
});

async function fetchHealth(port: number, https: boolean): Promise<number> {
  const mod = https ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const req = mod.get({ host: '127.0.0.1', port, path: '/api/v1/health', rejectUnauthorized: false, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('/health did not answer')));
  });
}
