/**
 * An archived official record on read-only media (a write-protected disk, a read-only share): the
 * commands that only read — audit verify, token list, export — read it as it is and write nothing;
 * a command that writes says it cannot, in one line. Both kinds of file: a `mutasi backup` copy
 * (rollback journal) and a copy of the live file (WAL mode, no -shm beside it, which SQLite can then
 * only read as immutable). The read-only place is a read-only bind mount; a user who may only read is
 * `nobody` through runuser: these tests need root (CI runs as root) and say so if they cannot.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { getEmployee } from '../../sync-server/db/queries';
import { createToken } from '../../sync-server/db/tokens';
import { recordDecision } from '../../sync-server/server/push/group-commit';
import { agency, decision, loadAgency } from './support/fixtures';
import { runCli } from './support/child';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'mutasi.cjs');
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('a record on read-only media', function () {
  this.timeout(120_000);
  let dir = '';
  let source = '';
  let ro = '';
  let mounted = false;
  let before_: Map<string, string>;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mutasi-ro-'));
    source = path.join(dir, 'arsip');
    ro = path.join(dir, 'dvd');
    mkdirSync(source);
    mkdirSync(ro);
    // The live record: a roster, two decisions, two tokens.
    const live = path.join(dir, 'mutasi.sqlite');
    const db = openDatabase(live);
    await migrateLatest(db);
    const a = agency({ people: 6, targets: 2, seats: 2 });
    await loadAgency(db, a);
    const approver = (await createToken(db, { name: 'Kepala BKPSDM', role: 'approver' }, 'test')).info;
    await createToken(db, { name: 'Staf', role: 'staff' }, 'test');
    for (const e of a.employees.slice(0, 2)) {
      const cur = (await getEmployee(db.knex, e.nip))!;
      const r = await recordDecision(db, decision(e.nip, e.positionCode, e.positionCode === 'POOL-A' ? 'T-A-0' : 'T-B-0', cur.version), { workbookId: 'wb', token: approver });
      assert.equal(r.status, 'recorded');
    }
    // A `mutasi backup` copy (VACUUM INTO: rollback journal), and the live file copied as it is (WAL).
    await db.knex.raw('VACUUM INTO ?', [path.join(source, 'cadangan.sqlite')]);
    await db.knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    copyFileSync(live, path.join(source, 'salinan-wal.sqlite'));
    await db.close();
    before_ = new Map(readdirSync(source).map((f) => [f, sha(path.join(source, f))]));
    // The two kinds of file (header byte 18: 1 rollback journal, 2 WAL).
    assert.equal(readFileSync(path.join(source, 'cadangan.sqlite'))[18], 1);
    assert.equal(readFileSync(path.join(source, 'salinan-wal.sqlite'))[18], 2);

    const bind = spawnSync('mount', ['--bind', source, ro], { encoding: 'utf8' });
    if (bind.status !== 0) throw new Error(`this test needs root to make a read-only bind mount (mount --bind): ${bind.stderr.trim()}`);
    mounted = true;
    const remount = spawnSync('mount', ['-o', 'remount,bind,ro', ro], { encoding: 'utf8' });
    if (remount.status !== 0) throw new Error(`mount -o remount,bind,ro failed: ${remount.stderr.trim()}`);
  });

  after(() => {
    if (mounted) spawnSync('umount', [ro]);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const file of ['cadangan.sqlite', 'salinan-wal.sqlite']) {
    it(`${file}: audit verify, token list and export read it; nothing is written; a writing command is refused`, () => {
      const db = path.join(ro, file);
      const verify = runCli(['audit', 'verify', '--db', db, '--json']);
      assert.equal(verify.status, 0, verify.stderr);
      const v = JSON.parse(verify.stdout) as { ok: boolean; entries: number; decisions: number };
      assert.equal(v.ok, true);
      assert.equal(v.decisions, 2);
      assert.match(verify.stderr, /^Catatan: .* tidak dapat ditulisi \(media hanya-baca atau izin\); dibaca apa adanya, tidak ada yang ditulis\.\n$/);

      const list = runCli(['token', 'list', '--db', db, '--json']);
      assert.equal(list.status, 0, list.stderr);
      assert.deepEqual((JSON.parse(list.stdout) as { name: string }[]).map((t) => t.name), ['Kepala BKPSDM', 'Staf']);

      const out = path.join(dir, `ekspor-${file}.xlsx`);
      const exported = runCli(['export', out, '--db', db]);
      assert.equal(exported.status, 0, exported.stderr);
      assert.match(exported.stdout, /6 pegawai, .* 2 keputusan/);

      const revoke = runCli(['token', 'revoke', '1', '--db', db]);
      assert.equal(revoke.status, 2);
      assert.match(revoke.stderr, /^mutasi: basis data .* ada pada media hanya-baca; perintah ini perlu menulis/);
      assert.doesNotMatch(revoke.stderr, /\n\s+at /);

      // Nothing written or made beside the files (no -wal, no -shm, same bytes).
      assert.deepEqual(new Map(readdirSync(source).map((f) => [f, sha(path.join(source, f))])), before_);
    });
  }
});

describe('a record this user may only read', function () {
  this.timeout(120_000);
  let dir = '';
  let live: ReturnType<typeof openDatabase> | null = null;
  const asNobody = (args: string[]) => {
    const t0 = Date.now();
    const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    if (r.error) throw new Error(`this test needs root to run a command as nobody (runuser): ${r.error.message}`);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mutasi-perm-'));
    chmodSync(dir, 0o755); // nobody may enter and read, not write
    const file = path.join(dir, 'mutasi.sqlite');
    live = openDatabase(file);
    await migrateLatest(db());
    await loadAgency(db(), agency({ people: 4, targets: 1, seats: 1 }));
    await createToken(db(), { name: 'Admin', role: 'admin' }, 'test');
    await db().knex.raw('VACUUM INTO ?', [path.join(dir, 'cadangan.sqlite')]);
    await db().knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    copyFileSync(file, path.join(dir, 'salinan-wal.sqlite'));
    for (const f of readdirSync(dir)) chmodSync(path.join(dir, f), 0o644);
    const probe = asNobody(['--help']);
    if (probe.status !== 0) throw new Error(`nobody cannot run mutasi here: ${probe.stderr}`);
  });
  const db = () => live!;

  after(async () => {
    await live?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the live file while the server has it open (its -shm is there), and the backup copy', () => {
    for (const f of ['mutasi.sqlite', 'cadangan.sqlite']) {
      const r = asNobody(['audit', 'verify', '--db', path.join(dir, f), '--json']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal((JSON.parse(r.stdout) as { ok: boolean }).ok, true);
      assert.match(r.stderr, /^Catatan: .* tidak dapat ditulisi/);
    }
  });

  it('a writing command is refused at once in one line (it used to retry the migration lock for a minute, then fail unexpectedly)', () => {
    const r = asNobody(['token', 'revoke', '1', '--db', path.join(dir, 'mutasi.sqlite')]);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `mutasi: basis data ${path.join(dir, 'mutasi.sqlite')} tidak dapat ditulisi oleh pengguna ini (izin ditolak); jalankan sebagai pengguna yang menjalankan server\n`);
    assert.ok(r.ms < 30_000, `${r.ms} ms`);
  });

  it('a WAL file without its -shm, in a folder this user cannot write: says why and what to do', () => {
    const r = asNobody(['audit', 'verify', '--db', path.join(dir, 'salinan-wal.sqlite')]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^mutasi: basis data .*salinan-wal\.sqlite tidak dapat dibaca oleh pengguna ini: berkas mode WAL butuh berkas -shm di sampingnya.*salin berkas itu ke folder sendiri\n$/);
  });
});
