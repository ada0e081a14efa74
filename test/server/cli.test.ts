/**
 * The server's commands as an administrator runs them (child processes, exit codes, output):
 * `token create / list / revoke`, `backup` (a consistent copy while the server writes, and that copy
 * restored; pg_dump / pg_restore on PostgreSQL), and `serve` on a fresh folder (./data, WAL, development certificate, banner, Ctrl+C).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { generateCertificates } from 'office-addin-dev-certs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../../sync-server/db/connect';
import { authenticate } from '../../sync-server/db/tokens';
import { ensureDevCertificate } from '../../sync-server/server/certs';
import type { DecisionInput } from '../../sync-server/server/push/types';
import { runCli, startServerChild } from './support/child';
import { eachDatabase, freshDatabase } from './support/databases';
import { agency, decision, loadAgency, token } from './support/fixtures';
import { postJson } from './support/http';

const ROOT = path.resolve(__dirname, '..', '..');
const WORKBOOK = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

eachDatabase('server commands', (ctx) => {
  it('token create prints the secret once; only its SHA-256 is stored; list never shows it', async function () {
    this.timeout(60_000);
    const made = runCli(['token', 'create', '--name', 'Kepala BKPSDM', '--role', 'approver', '--db', ctx.url]);
    assert.equal(made.status, 0, made.stderr);
    const secret = /(mts_[A-Za-z0-9_-]{43})/.exec(made.stdout)?.[1];
    assert.ok(secret, made.stdout);
    assert.match(made.stdout, /tidak dapat ditampilkan lagi/);
    const row = await ctx.db.knex('tokens').where({ name: 'Kepala BKPSDM' }).first();
    assert.equal(row.hash, createHash('sha256').update(secret).digest('hex'));
    assert.equal(row.role, 'approver');

    const json = runCli(['token', 'create', '--name', 'Staf Unit A', '--role', 'staff', '--unit', 'Unit A', '--json', '--db', ctx.url]);
    assert.equal(json.status, 0, json.stderr);
    const created = JSON.parse(json.stdout) as { id: number; token: string; unit: string; role: string };
    assert.equal(created.unit, 'Unit A');
    assert.equal((await authenticate(ctx.db, created.token))?.unit, 'Unit A');

    const list = runCli(['token', 'list', '--json', '--db', ctx.url]);
    assert.equal(list.status, 0, list.stderr);
    assert.ok(!list.stdout.includes(secret) && !list.stdout.includes(row.hash), 'list shows neither the secret nor its hash');
    const listed = JSON.parse(list.stdout) as { id: number; name: string; revokedAt: string | null }[];
    assert.deepEqual(listed.map((t) => t.name), ['Kepala BKPSDM', 'Staf Unit A']);
    const table = runCli(['token', 'list', '--db', ctx.url]);
    assert.match(table.stdout, /Kepala BKPSDM/);
    assert.match(table.stdout, /Unit A/);
    assert.doesNotMatch(table.stdout, /\x1b\[/, 'no colour codes into a pipe or file');
  });

  it('token revoke takes effect at once; unknown ids and wrong calls are refused with their exit codes', async function () {
    this.timeout(60_000);
    const secret = await token(ctx.db, 'admin', null, 'Akan dicabut');
    const id = (await ctx.db.knex('tokens').where({ name: 'Akan dicabut' }).first()).id;
    assert.ok(await authenticate(ctx.db, secret));
    const revoked = runCli(['token', 'revoke', String(id), '--db', ctx.url]);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.match(revoked.stdout, new RegExp(`^Token #${id} \\(Akan dicabut\\) dicabut;`));
    assert.equal(await authenticate(ctx.db, secret), null);
    const auditedOnce = async () => Number(((await ctx.db.knex('audit').where({ action: 'token.revoke' }).count({ n: '*' }).first()) as { n: string }).n);
    const revokes = await auditedOnce();
    assert.ok(revokes >= 1, 'the revoke is audited');
    // A second revoke changes nothing and says since when the token is revoked.
    const again = runCli(['token', 'revoke', String(id), '--db', ctx.url]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /sudah dicabut sejak \d{4}-\d{2}-\d{2} \d{2}:\d{2}; tidak ada yang diubah/);
    assert.equal(await auditedOnce(), revokes, 'a second revoke writes no audit entry');
    assert.equal(runCli(['token', 'revoke', '99999', '--db', ctx.url]).status, 1);
    assert.equal(runCli(['token', 'revoke', 'abc', '--db', ctx.url]).status, 2);
    assert.equal(runCli(['token', 'create', '--name', 'x', '--role', 'raja', '--db', ctx.url]).status, 2);
    assert.equal(runCli(['token', 'create', '--role', 'admin', '--db', ctx.url]).status, 2);
    const long = runCli(['token', 'create', '--name', 'A'.repeat(201), '--role', 'admin', '--db', ctx.url]);
    assert.equal(long.status, 2, long.stderr);
    assert.equal(long.stderr, 'mutasi: --name terlalu panjang: 201 karakter, paling banyak 200\n');
    assert.equal(await auditedOnce(), revokes, 'refused calls write no audit entry');
  });

  it('token create --unit: once the record has positions, a unit none of them has is refused (a typo would make a token that sees nothing)', async function () {
    this.timeout(60_000);
    await loadAgency(ctx.db, agency({ people: 10, targets: 2, seats: 2 }));
    const unit = ((await ctx.db.knex('positions').first('unit')) as { unit: string }).unit;
    const before = await ctx.db.knex('tokens').count({ n: '*' }).first();
    const typo = runCli(['token', 'create', '--name', 'Staf Salah Ketik', '--role', 'staff', '--unit', unit.toLowerCase().slice(0, -1), '--db', ctx.url]);
    assert.equal(typo.status, 2, typo.stderr);
    assert.match(typo.stderr, new RegExp(`^mutasi: unit ".*" tidak ada di catatan resmi \\(\\d+ unit dari lembar Jabatan\\); .*Maksud Anda: .*"${escape(unit)}"`));
    assert.deepEqual(await ctx.db.knex('tokens').count({ n: '*' }).first(), before, 'no token made');
    const right = runCli(['token', 'create', '--name', 'Staf Unit Benar', '--role', 'staff', '--unit', unit, '--db', ctx.url]);
    assert.equal(right.status, 0, right.stderr);
    await ctx.reset(); // the next tests start from an empty record, as before
  });

  if (ctx.dialect === 'postgres') {
    it('backup on PostgreSQL: pg_dump while the servers run; pg_restore into an empty database verifies', async function () {
      this.timeout(90_000);
      const a = agency({ people: 30, targets: 3, seats: 5 });
      await loadAgency(ctx.db, a);
      const approver = await token(ctx.db, 'approver');
      const child = await startServerChild(ctx.url);
      const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-bak-'));
      const target = await freshDatabase('postgres');
      try {
        const e = a.employees[0]!;
        const version = Number((await ctx.db.knex('employees').where({ nip: e.nip }).first()).version);
        const pushed = await postJson(`${child.url}/api/v1/decisions`, approver, { workbookId: WORKBOOK, decisions: [decision(e.nip, e.positionCode, 'T-A-0', version)] });
        assert.equal(pushed.body.results[0].status, 'recorded', JSON.stringify(pushed.body));
        const out = path.join(dir, 'cadangan.dump');
        const r = runCli(['backup', out, '--db', ctx.url]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /pg_restore/);
        assert.ok(existsSync(out));
        assert.equal(runCli(['backup', out, '--db', ctx.url]).status, 2, 'never overwrites');

        const restore = spawnSync('pg_restore', ['--no-owner', `--dbname=${target.url}`, out], { encoding: 'utf8' });
        assert.equal(restore.status, 0, restore.stderr);
        const verify = runCli(['audit', 'verify', '--json', '--db', target.url]);
        assert.equal(verify.status, 0, verify.stdout + verify.stderr);
        assert.equal(JSON.parse(verify.stdout).decisions, 1);
      } finally {
        child.proc.kill('SIGTERM');
        await child.exited;
        await target.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
    return;
  }

  it('backup while the server records decisions is a consistent copy; restored, it serves and verifies', async function () {
    this.timeout(120_000);
    const a = agency({ people: 120, targets: 10, seats: 12 });
    await loadAgency(ctx.db, a);
    const approver = await token(ctx.db, 'approver');
    const versions = new Map((await ctx.db.knex('employees').select('nip', 'version')).map((r: { nip: string; version: number }) => [r.nip, Number(r.version)]));
    const targets = a.positions.filter((p) => p.code.startsWith('T-')).map((p) => p.code);
    const all: DecisionInput[] = a.employees.map((e, i) => decision(e.nip, e.positionCode, targets[i % targets.length]!, versions.get(e.nip)!));
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-bak-'));
    const child = await startServerChild(ctx.url);
    try {
      // Pushes keep coming while the copy is taken.
      let next = 0;
      const pushing = (async () => {
        while (next < all.length) {
          const res = await postJson(`${child.url}/api/v1/decisions`, approver, { workbookId: WORKBOOK, decisions: all.slice(next, next + 3) });
          assert.equal(res.status, 200);
          next += 3;
        }
      })();
      while (next < 30) await new Promise((r) => setTimeout(r, 20));
      const copy = path.join(dir, 'cadangan.sqlite');
      const r = runCli(['backup', copy, '--db', ctx.url]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Salinan ditulis/);
      await pushing;

      // The copy on its own: a consistent record (chain intact, every decision with its entry).
      const verify = runCli(['audit', 'verify', '--db', copy]);
      assert.equal(verify.status, 0, verify.stdout + verify.stderr);
      const inCopy = openDatabase(copy);
      const copied = Number(((await inCopy.knex('decisions').count({ n: '*' }).first()) as { n: string }).n);
      await inCopy.close();
      assert.ok(copied >= 30 && copied <= all.length, `copied ${copied}`);
      // Refuses to overwrite.
      assert.equal(runCli(['backup', copy, '--db', ctx.url]).status, 2);

      // Restore: the copy as the database of a new server; it answers with the copied record.
      const restored = path.join(dir, 'pulih.sqlite');
      copyFileSync(copy, restored);
      const again = await startServerChild(restored);
      try {
        const res = await fetch(`${again.url}/api/v1/decisions`, { headers: { Authorization: `Bearer ${approver}` } });
        assert.equal(res.status, 200);
        assert.equal(((await res.json()) as { decisions: unknown[] }).decisions.length, copied);
      } finally {
        again.proc.kill('SIGTERM');
        await again.exited;
      }
    } finally {
      child.proc.kill('SIGTERM');
      await child.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serve on a fresh folder: ./data in WAL mode, a development certificate, the banner, Ctrl+C stops it', async function () {
    this.timeout(90_000);
    const cwd = mkdtempSync(path.join(tmpdir(), 'mutasi-serve-'));
    const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
    for (const k of ['DATABASE_URL', 'DATA_DIR', 'HTTPS', 'PORT', 'ADDIN_ORIGINS']) delete env[k];
    env.HOME = cwd; // no ~/.office-addin-dev-certs: the server makes its own certificate
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const proc = spawn(process.execPath, ['--import', tsx, path.join(__dirname, 'support', 'cli-entry.ts'), 'serve', '--port', '0'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    let out = '';
    let err = '';
    proc.stderr.on('data', (c) => (err += String(c)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${out} ${err}`)), 60_000);
        proc.stdout.on('data', (c) => {
          out += String(c);
          const m = /berjalan di (https:\/\/localhost:\d+)/.exec(out);
          if (m && out.includes('Hentikan dengan Ctrl+C')) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        void exited.then((code) => reject(new Error(`serve exited (${code}): ${err}`)));
      });
      const data = path.join(cwd, 'data');
      assert.match(out, new RegExp(`Basis data : ${escape(path.join(data, 'mutasi.sqlite'))}`));
      assert.match(out, /token create --name "Admin BKPSDM" --role admin/);
      assert.match(out, /manifest\.xml/);
      assert.match(out, /ca\.crt/);
      for (const f of ['ca.crt', 'localhost.crt', 'localhost.key']) assert.ok(existsSync(path.join(data, 'certs', f)), f);

      // HTTPS with the generated certificate, trusted through its CA.
      const ca = readFileSync(path.join(data, 'certs', 'ca.crt'));
      const health = await new Promise<string>((resolve, reject) => {
        httpsGet(`${url}/api/v1/health`, { ca }, (res) => {
          let body = '';
          res.on('data', (c) => (body += String(c)));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
      assert.deepEqual(JSON.parse(health), { status: 'ok', database: 'sqlite', version: 0 });

      const db = openDatabase(path.join(data, 'mutasi.sqlite'));
      try {
        assert.equal((await db.knex.raw('PRAGMA journal_mode'))[0].journal_mode, 'wal');
        assert.equal((await db.knex.raw('PRAGMA foreign_keys'))[0].foreign_keys, 1);
      } finally {
        await db.close();
      }
      proc.kill('SIGINT');
      assert.equal(await exited, 0);
      // All of it in Indonesian (the certificate library's own English line is not passed on), and
      // Ctrl+C says what it did.
      assert.match(out, /Sertifikat {5}: sertifikat pengembangan \(baru dibuat, berlaku 1 tahun\)/);
      assert.doesNotMatch(out, /The developer certificates/);
      assert.match(out, /Server berhenti; basis data ditutup\.\n$/);
    } finally {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('serve with the database elsewhere and HTTPS=0', () => {
  it('makes no ./data in the working folder and points the banner at a manifest.xml that is there', async function () {
    this.timeout(60_000);
    const cwd = mkdtempSync(path.join(tmpdir(), 'mutasi-serve-elsewhere-'));
    const dbDir = mkdtempSync(path.join(tmpdir(), 'mutasi-serve-db-'));
    const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', LOG_LEVEL: 'silent', HTTPS: '0' } as NodeJS.ProcessEnv;
    for (const k of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'ADDIN_ORIGINS']) delete env[k];
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const dbFile = path.join(dbDir, 'resmi.sqlite');
    const proc = spawn(process.execPath, ['--import', tsx, path.join(__dirname, 'support', 'cli-entry.ts'), 'serve', '--port', '0', '--db', dbFile], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    let out = '';
    let err = '';
    proc.stderr.on('data', (c) => (err += String(c)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${out} ${err}`)), 50_000);
        proc.stdout.on('data', (c) => {
          out += String(c);
          if (out.includes('Hentikan dengan Ctrl+C')) {
            clearTimeout(timer);
            resolve();
          }
        });
        void exited.then((code) => reject(new Error(`serve exited (${code}): ${err}`)));
      });
      assert.match(out, new RegExp(`Basis data : ${escape(dbFile)}`));
      assert.ok(existsSync(dbFile));
      assert.ok(!existsSync(path.join(cwd, 'data')), 'no ./data: nothing of the server lives there');
      assert.doesNotMatch(out, /Data {7}:/);
      // The add-in of this installation when it is built here (then its manifest is served with this
      // server's address), else the installation's manifest.xml file; never a build started from here.
      const served = /Add-in {5}: (http:\/\/localhost:\d+)\/taskpane\.html \(dari (\S+)\)/.exec(out);
      if (served) {
        assert.equal(served[2], path.join(ROOT, 'dist', 'addin'));
        assert.match(out, new RegExp(`manifest\\.xml {3}: unduh dari ${escape(served[1]!)}/manifest\\.xml`));
      } else {
        assert.match(out, new RegExp(`Add-in belum dibangun di ${escape(ROOT)}: hanya API yang dilayani\\. Bangun sekali dengan "npm run build"`));
        const manifest = /manifest\.xml {3}: (\S+manifest\.xml)/.exec(out);
        assert.ok(manifest, out);
        assert.equal(manifest[1], path.join(ROOT, 'manifest.xml'));
      }
      assert.ok(!existsSync(path.join(cwd, 'dist')), 'nothing built in the working folder');
      proc.kill('SIGINT');
      assert.equal(await exited, 0);
    } finally {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
      rmSync(dbDir, { recursive: true, force: true });
    }
  });
});

describe('a database that cannot be opened', () => {
  it('is named in one Indonesian line with exit 2: no stack, no knex log on stdout, nothing created', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-baddb-'));
    try {
      const notDb = path.join(dir, 'nominatif.xlsx');
      writeFileSync(notDb, 'NIP,Nama\n1,a\n');
      const folder = path.join(dir, 'folder.sqlite');
      mkdirSync(folder);
      const cases: [string[], RegExp][] = [
        [['audit', 'verify', '--db', notDb], /bukan basis data Mutasi/],
        [['token', 'list', '--json', '--db', notDb], /bukan basis data Mutasi/],
        [['export', path.join(dir, 'resmi.xlsx'), '--db', folder], /tidak dapat dibuka/],
        [['token', 'create', '--name', 'Admin', '--role', 'admin', '--db', path.join(notDb, 'm.sqlite')], /bagian jalurnya adalah berkas/],
        [['audit', 'verify', '--db', 'postgres://nobody@127.0.0.1:1/mutasi'], /PostgreSQL .* tidak dapat dihubungi: server PostgreSQL tidak menjawab/],
      ];
      for (const [args, message] of cases) {
        const r = runCli(args, dir);
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.equal(r.stdout, '', `${args.join(' ')}: nothing on stdout`);
        assert.match(r.stderr, message);
        assert.match(r.stderr, /^mutasi: .*periksa --db atau DATABASE_URL\n$/);
        assert.doesNotMatch(r.stderr, /\bat |Error|SQLITE_|ECONN|kesalahan tak terduga/);
      }
      assert.equal(readFileSync(notDb, 'utf8'), 'NIP,Nama\n1,a\n', 'the file given as --db is untouched');
      assert.ok(!existsSync(path.join(dir, 'resmi.xlsx')), 'no export written');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('serve --port', () => {
  it('a port that is not a number from 0 to 65535 is refused, saying what is expected', () => {
    for (const port of ['99999', 'abc', '-1']) {
      const r = runCli(['serve', '--port', port, '--db', ':memory:']);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`^mutasi: port tidak sah: ${escape(port)} \\(harus bilangan 0–65535, mis\\. --port 3000; 0 memilih port bebas\\)\\n$`));
    }
  });
});

describe('serve: a data folder that cannot be made', () => {
  it('is named with the reason, not taken for a port needing administrator rights', function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-datadir-'));
    const saved = process.env.DATA_DIR;
    try {
      const file = path.join(dir, 'berkas.txt');
      writeFileSync(file, 'bukan folder');
      process.env.DATA_DIR = path.join(file, 'data');
      const r = runCli(['serve', '--port', '0', '--db', path.join(dir, 'm.sqlite')], dir);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^mutasi: folder data .*berkas\.txt.data.certs tidak dapat dibuat: bagian jalurnya adalah berkas, bukan folder; periksa DATA_DIR\n$/);
    } finally {
      if (saved === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a database that is not there', () => {
  it('audit verify, export, token list and revoke refuse it (a wrong folder or a mistyped --db) instead of creating an empty record and reporting on it', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-nodb-'));
    try {
      const typo = path.join(dir, 'mutasi.sqlit');
      for (const args of [['audit', 'verify', '--db', typo], ['export', path.join(dir, 'resmi.xlsx'), '--db', typo], ['token', 'list', '--db', typo], ['token', 'revoke', '1', '--db', typo], ['audit', 'verify']]) {
        const r = runCli(args, dir);
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /^mutasi: tidak ada basis data di .*(mutasi\.sqlit|data.mutasi\.sqlite); jalankan perintah ini di folder server .*--db \/ DATABASE_URL\n$/);
        assert.equal(r.stdout, '');
      }
      assert.deepEqual(readdirSync(dir), [], 'no database, no data folder, no workbook made');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('backup: wrong paths', () => {
  it('a missing folder for the copy, a --db that is not SQLite or is a folder: one Indonesian line, exit 2, no copy', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-backup-'));
    try {
      const db = path.join(dir, 'm.sqlite');
      assert.equal(runCli(['token', 'create', '--name', 'Admin', '--role', 'admin', '--db', db], dir).status, 0); // a real record
      const notDb = path.join(dir, 'catatan.csv');
      writeFileSync(notDb, 'NIP,Nama\n');
      mkdirSync(path.join(dir, 'folder.sqlite'));
      const cases: [string[], RegExp][] = [
        [['backup', path.join(dir, 'tidak-ada', 'cadangan.sqlite'), '--db', db], /^mutasi: Folder untuk .*tidak-ada.*cadangan\.sqlite tidak ada\n$/],
        [['backup', path.join(dir, 'c1.sqlite'), '--db', notDb], /^mutasi: .*catatan\.csv bukan basis data Mutasi .*periksa --db atau DATABASE_URL\n$/],
        [['backup', path.join(dir, 'c2.sqlite'), '--db', path.join(dir, 'folder.sqlite')], /^mutasi: .*folder\.sqlite adalah folder, bukan basis data; periksa --db atau DATABASE_URL\n$/],
        [['backup', path.join(dir, 'cadangan.xlsx'), '--db', db], /^mutasi: .*cadangan\.xlsx: salinan basis data bukan buku kerja atau teks; beri nama \.sqlite .*mutasi export .*\n$/],
      ];
      for (const [args, message] of cases) {
        const r = runCli(args, dir);
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, message);
      }
      assert.ok(!existsSync(path.join(dir, 'c1.sqlite')) && !existsSync(path.join(dir, 'c2.sqlite')) && !existsSync(path.join(dir, 'tidak-ada')), 'no copy, no folder made');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('export: the output file', () => {
  it('an existing file is not overwritten without --force; a wrong name, a folder or a missing folder is refused before the database is opened', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-export-'));
    try {
      const db = path.join(dir, 'm.sqlite');
      const out = path.join(dir, 'resmi.xlsx');
      writeFileSync(out, 'kerja seseorang');
      mkdirSync(path.join(dir, 'folder.xlsx'));
      const cases: [string, RegExp][] = [
        [out, /^mutasi: Berkas .*resmi\.xlsx sudah ada; tidak ditimpa\. .*--force/],
        [path.join(dir, 'resmi.csv'), /^mutasi: Nama berkas harus berakhiran \.xlsx: /],
        [path.join(dir, 'folder.xlsx'), /^mutasi: .*folder\.xlsx adalah folder, bukan berkas \.xlsx/],
      ];
      for (const [file, message] of cases) {
        const r = runCli(['export', file, '--db', db], dir);
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, message);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      }
      assert.equal(readFileSync(out, 'utf8'), 'kerja seseorang', 'the existing file is untouched');
      assert.ok(!existsSync(db), 'the database was not even opened');
      const missing = runCli(['export', path.join(dir, 'tidak-ada', 'resmi.xlsx'), '--db', db], dir);
      assert.equal(missing.status, 2, missing.stderr);
      assert.match(missing.stderr, /^mutasi: Folder untuk .*tidak-ada.*resmi\.xlsx tidak ada\n$/);
      assert.equal(runCli(['token', 'create', '--name', 'Admin', '--role', 'admin', '--db', db], dir).status, 0); // a real record
      const forced = runCli(['export', out, '--db', db, '--force'], dir);
      assert.equal(forced.status, 0, forced.stderr);
      assert.match(forced.stdout, /^Ditulis .*resmi\.xlsx: 0 pegawai, 0 jabatan, 0 keputusan\.\n$/);
      assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK', 'with --force, the workbook replaces the file');
      assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left behind');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('development certificate', () => {
  it('made once into data/certs; a valid one installed by office-addin-dev-certs is preferred', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-cert-'));
    try {
      const home = path.join(dir, 'home');
      const own = await ensureDevCertificate(path.join(dir, 'data'), home);
      assert.equal(own.source, 'data');
      assert.equal(own.dir, path.join(dir, 'data', 'certs'));
      const again = await ensureDevCertificate(path.join(dir, 'data'), home);
      assert.deepEqual(again.cert, own.cert, 'made once, then reused');
      const installed = path.join(home, '.office-addin-dev-certs');
      mkdirSync(installed, { recursive: true });
      await generateCertificates(path.join(installed, 'ca.crt'), path.join(installed, 'localhost.crt'), path.join(installed, 'localhost.key'), 30);
      const preferred = await ensureDevCertificate(path.join(dir, 'data'), home);
      assert.equal(preferred.source, 'office-addin-dev-certs');
      assert.equal(preferred.dir, installed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('a command that writes, pointed at a database that is not there', () => {
  it('token create says it made a NEW database (once); an address that is no database is refused, nothing made', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-newdb-'));
    try {
      const file = path.join(dir, 'salah-folder', 'mutasi.sqlite');
      const first = runCli(['token', 'create', '--name', 'Staf', '--role', 'staff', '--db', file]);
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stderr, `Catatan: belum ada basis data di ${file}; basis data BARU dibuat di sana. Bila server memakai basis data lain, jalankan perintah ini di folder server atau pakai --db.\n`);
      const again = runCli(['token', 'create', '--name', 'Staf 2', '--role', 'staff', '--db', file]);
      assert.equal(again.status, 0, again.stderr);
      assert.equal(again.stderr, '');
      const mysql = runCli(['token', 'create', '--name', 'X', '--role', 'staff', '--db', 'mysql://db.pemda/mutasi'], dir);
      assert.equal(mysql.status, 2);
      assert.match(mysql.stderr, /^mutasi: alamat basis data "mysql:\/\/db\.pemda\/mutasi" tidak dikenal: pakai berkas SQLite .* atau postgres:\/\//);
      assert.deepEqual(readdirSync(dir), ['salah-folder'], 'no folder named "mysql:"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
