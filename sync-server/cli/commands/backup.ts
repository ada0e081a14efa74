/**
 * `mutasi backup <file>` — a consistent copy while the server runs.
 * SQLite: VACUUM INTO writes a snapshot of one read transaction (writers carry on in WAL).
 * PostgreSQL: pg_dump (custom format), which also reads one snapshot while the servers write; the
 * password goes to it through PGPASSWORD, never on its command line (visible to every user in `ps`).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { isPostgresUrl, openDatabase, redactUrl } from '../../db/connect';
import { databaseUrl } from '../../server/env';
import { migrateLatest } from '../../db/migrate';
import { holdNumbering, numberingStatus } from '../../db/numbering';
import { parseLang, say } from '../options';
import { UserError } from '../user-error';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('salinan konsisten basis data selagi server berjalan')
    .argument('<file>', 'berkas salinan (SQLite: berkas .sqlite; PostgreSQL: arsip pg_dump)')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--lang <id|en>', 'bahasa keluaran (language of the output)', parseLang, 'id')
    .addHelpText(
      'after',
      '\nMemulihkan — SQLite: hentikan server, salin berkas ini ke tempat basis data (mis. data/mutasi.sqlite), jalankan lagi.' +
        '\nPostgreSQL: pg_restore --no-owner --dbname=<URL basis data kosong> <file>, lalu arahkan DATABASE_URL ke sana.',
    )
    .action(async (file: string, o: { db?: string }) => {
      const target = path.resolve(file);
      // A backup is a database, not a workbook: a name like cadangan.xlsx would be opened in Excel and fail.
      if (/\.(xlsx|xlsm|xls|csv|json|txt)$/i.test(file)) {
        throw new UserError(say(`${file}: salinan basis data bukan buku kerja atau teks; beri nama .sqlite (PostgreSQL: .dump), mis. cadangan-2026-12-02.sqlite. Untuk catatan resmi sebagai buku kerja: mutasi export ${file}`, `${file}: a database backup is not a workbook or text; name it .sqlite (PostgreSQL: .dump), e.g. backup-2026-12-02.sqlite. For the official record as a workbook: mutasi export ${file}`));
      }
      if (existsSync(target)) throw new UserError(say(`${file} sudah ada; pilih nama lain (salinan tidak menimpa berkas)`, `${file} already exists; choose another name (a backup never overwrites a file)`));
      assertWritableFolder(file, target);
      const url = databaseUrl(o.db);
      // Written under a temporary name beside the target and renamed only once complete: a full disk or
      // a crash never leaves a partial file under the backup's name (it would later pass for a backup).
      const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.sebagian`);
      const complete = () => renameSync(partial, target);
      process.once('exit', () => rmSync(partial, { force: true }));
      if (isPostgresUrl(url)) {
        pgDump(url, partial);
        complete();
        process.stdout.write(
          say(`Salinan ditulis: ${target} (pg_dump, format custom)\n`, `Backup written: ${target} (pg_dump, custom format)\n`) +
            say('Pulihkan ke basis data kosong', 'Restore into an empty database') + `: pg_restore --no-owner --dbname=<URL> ${file}\n` +
            say(`Basis data hasil pemulihan tidak memberi nomor keputusan baru sampai admin menjalankan\n`, `A database restored from it gives no new decision numbers until the administrator runs\n`) +
            `  npx mutasi nomor lanjut --terakhir <nomor tertinggi yang pernah terbit>\n`,
        );
        return;
      }
      if (!existsSync(url)) throw new UserError(say(`tidak ada basis data di ${path.resolve(url)}`, `there is no database at ${path.resolve(url)}`));
      if (statSync(url).isDirectory()) throw new UserError(say(`${path.resolve(url)} adalah folder, bukan basis data; periksa --db atau DATABASE_URL`, `${path.resolve(url)} is a folder, not a database; check --db or DATABASE_URL`));
      // Opened as it is (no migration): a backup copies, it never changes what it copies.
      const db = openDatabase(url);
      try {
        await db.knex.raw('VACUUM INTO ?', [partial]).catch((e: NodeJS.ErrnoException) => {
          rmSync(partial, { force: true });
          if (e.code === 'SQLITE_NOTADB') throw new UserError(say(`${db.location} bukan basis data Mutasi (bukan berkas SQLite); periksa --db atau DATABASE_URL`, `${db.location} is not a Mutasi database (not an SQLite file); check --db or DATABASE_URL`));
          if (e.code === 'SQLITE_CANTOPEN') throw new UserError(say(`Tidak dapat menulis ${file}`, `Cannot write ${file}`));
          if (e.code === 'SQLITE_FULL' || /SQLITE_(FULL|IOERR)/.test(String(e.code ?? e.message))) {
            throw new UserError(`Salinan tidak ditulis: disk penuh atau galat tulis di ${path.dirname(target)} (${e.code ?? e.message}); tidak ada berkas ${file} yang setengah jadi`, 1);
          }
          throw e;
        });
        complete();
        const held = await holdCopy(target);
        process.stdout.write(
          say(`Salinan ditulis: ${target}\nPulihkan dengan menghentikan server lalu menyalin berkas ini ke ${db.location}.\n`, `Backup written: ${target}\nRestore by stopping the server, then copying this file to ${db.location}.\n`) +
            `Basis data yang dipulihkan dari salinan ini tidak memberi nomor keputusan baru sampai admin menjalankan\n` +
            `  npx mutasi nomor lanjut --terakhir <nomor tertinggi yang pernah terbit>  (saat salinan diambil: ${held})\n`,
        );
      } finally {
        await db.close();
      }
    });
}

/** The copy's folder must exist and be writable: said in Indonesian before anything is read. */
function assertWritableFolder(file: string, target: string): void {
  const folder = path.dirname(target);
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    // missing
  }
  if (!isDir) throw new UserError(say(`Folder untuk ${file} tidak ada`, `The folder for ${file} does not exist`));
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UserError(say(`Tidak dapat menulis ${file} (izin ditolak)`, `Cannot write ${file} (permission denied)`));
  }
}

function pgDump(url: string, target: string): void {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const r = spawnSync('pg_dump', ['--format=custom', `--file=${target}`, `--dbname=${u.toString()}`], {
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    encoding: 'utf8',
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new UserError(
      `basis data ini PostgreSQL (${redactUrl(url)}) dan pg_dump tidak ditemukan: pasang klien PostgreSQL (mis. apt install postgresql-client) ` +
        `atau jalankan sendiri:\n  pg_dump --format=custom --file=${target} "<DATABASE_URL>"\n` +
        `dan pulihkan dengan pg_restore --no-owner --dbname=<URL basis data kosong> ${target}`,
    );
  }
  if (r.status !== 0) {
    rmSync(target, { force: true });
    throw new UserError(`pg_dump gagal (kode ${r.status}): ${(r.stderr || '').trim().split('\n').slice(-3).join(' ')}`, 1);
  }
}

/**
 * Marks the copy just written so that, restored, it holds record numbering until the administrator
 * says where to continue (db/numbering.ts): numbers given after this copy was taken are unknown to it.
 * Only the copy is changed. Returns the last numbers in it, for the message.
 */
async function holdCopy(target: string): Promise<string> {
  const copy = openDatabase(target);
  try {
    await migrateLatest(copy);
    const { last } = await numberingStatus(copy);
    const shown = Object.entries(last).map(([y, n]) => `MUT-${y}-${String(n).padStart(6, '0')}`).join(', ') || 'belum ada nomor';
    await holdNumbering(copy.knex, `basis data ini dipulihkan dari cadangan yang diambil ${new Date().toISOString()} (nomor terakhir di cadangan: ${shown})`);
    return shown;
  } catch (e) {
    rmSync(target, { force: true });
    throw e;
  } finally {
    await copy.close();
  }
}
