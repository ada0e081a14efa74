/**
 * Where the server's data lives and which database it uses: flags first, then the environment (and
 * a `.env` file in the working folder), then the defaults of SYNC-API.md (./data/mutasi.sqlite).
 */
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { isPostgresUrl, openDatabase, redactUrl, sqliteFile, type Db } from '../db/connect';
import { migrateLatest } from '../db/migrate';
import { migrationSource } from '../db/migrations';
import { say } from '../cli/options';
import { UserError } from '../cli/user-error';

let loaded = false;
export function loadEnv(): void {
  if (loaded) return;
  loaded = true;
  dotenv.config({ quiet: true });
}

export function dataDir(): string {
  loadEnv();
  return path.resolve(process.env.DATA_DIR || 'data');
}

export function databaseUrl(flag?: string): string {
  loadEnv();
  return flag || process.env.DATABASE_URL || path.join(dataDir(), 'mutasi.sqlite');
}

/**
 * Opens and migrates the database (every command may be the first to touch a new one). With
 * `existing`, a SQLite file that is not there is refused instead of created: a command that only reads
 * or changes what is there (audit verify, export, token list/revoke), run from the wrong folder or with
 * a mistyped --db, would otherwise make an empty record and report on it ("Rantai audit utuh: 0 entri").
 */
export async function openOfficialRecord(flag?: string, opts: { existing?: boolean; readOnly?: boolean; sayIfNew?: boolean } = {}): Promise<Db> {
  const url = databaseUrl(flag);
  // mysql://, https://…: not a database Mutasi can use (it would become a folder named "mysql:").
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !isPostgresUrl(url) && !/^(sqlite3?|file):/i.test(url)) {
    throw new UserError(`alamat basis data "${redactUrl(url)}" tidak dikenal: pakai berkas SQLite (mis. data/mutasi.sqlite) atau postgres://pengguna@host:5432/nama; periksa --db atau DATABASE_URL`);
  }
  const isNew = !isPostgresUrl(url) && sqliteFile(url) !== ':memory:' && !existsSync(sqliteFile(url));
  if (opts.existing && !isPostgresUrl(url)) {
    const file = sqliteFile(url);
    if (file !== ':memory:' && !existsSync(file)) {
      throw new UserError(
        say(
          `tidak ada basis data di ${path.resolve(file)}; jalankan perintah ini di folder server (tempat folder data/ berada), atau pakai --db / DATABASE_URL`,
          `there is no database at ${path.resolve(file)}; run this command in the server's folder (where its data/ folder is), or use --db / DATABASE_URL`,
        ),
      );
    }
  }
  // A command that only reads a file it cannot write reads it as it is, without trying to migrate it.
  if (opts.readOnly && !isPostgresUrl(url) && sqliteFile(url) !== ':memory:') {
    const blocked = unwritable(sqliteFile(url));
    if (blocked) return openUnwritable(url, blocked);
  }
  let db: Db;
  try {
    db = openDatabase(url);
  } catch (e) {
    throw cannotOpen(url, url, e) ?? e;
  }
  try {
    await migrateLatest(db);
  } catch (e) {
    await db.close().catch(() => undefined);
    // Also for a read-only command whose file looked writable but SQLite could not write (e.g. its -shm).
    const blocked = writeBlocked(url, e);
    if (opts.readOnly && blocked) return openUnwritable(url, blocked);
    if (blocked === 'media') {
      throw new UserError(`basis data ${db.location} ada pada media hanya-baca; perintah ini perlu menulis, jadi jalankan pada basis data server (atau salinan di folder yang dapat ditulisi)`);
    }
    throw cannotOpen(url, db.location, e) ?? e;
  }
  // A command that writes (token create, import) run from the wrong folder would otherwise make a
  // record nobody uses, silently: say so.
  if (isNew && opts.sayIfNew) {
    process.stderr.write(
      say(
        `Catatan: belum ada basis data di ${db.location}; basis data BARU dibuat di sana. Bila server memakai basis data lain, jalankan perintah ini di folder server atau pakai --db.\n`,
        `Note: there was no database at ${db.location}; a NEW one was created there. If the server uses another database, run this command in the server's folder or use --db.\n`,
      ),
    );
  }
  return db;
}

/** The SQLite error code of a failure, also when knex passed on only its message (a migration lock). */
function sqliteCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code) return String(code);
  return /\bSQLITE_[A-Z_]+/.exec(String((e as Error)?.message ?? ''))?.[0] ?? '';
}

/**
 * Why a SQLite file that could not be opened for writing (or, in WAL mode, at all) cannot be written:
 * see `unwritable`. Null: some other fault.
 */
function writeBlocked(url: string, e: unknown): 'media' | 'permission' | null {
  if (isPostgresUrl(url)) return null;
  const code = sqliteCode(e);
  if (!code.startsWith('SQLITE_CANTOPEN') && !code.startsWith('SQLITE_READONLY')) return null;
  return unwritable(sqliteFile(url));
}

/**
 * A SQLite file that exists and can be read but not written: 'media' — it sits on read-only media (a
 * backup on a write-protected disk, a read-only share or mount); 'permission' — this user may not
 * write it or its folder. Null: it can be written (or is not there, or cannot be read).
 */
function unwritable(name: string): 'media' | 'permission' | null {
  const file = path.resolve(name);
  try {
    accessSync(file, constants.R_OK);
  } catch {
    return null;
  }
  try {
    accessSync(path.dirname(file), constants.W_OK);
    accessSync(file, constants.W_OK);
    return null;
  } catch (w) {
    const why = (w as NodeJS.ErrnoException).code;
    return why === 'EROFS' ? 'media' : why === 'EACCES' || why === 'EPERM' ? 'permission' : null;
  }
}

/**
 * Commands that only read (audit verify, export, token list) read a file they cannot write as it is,
 * writing nothing — so an auditor can verify an archived copy without being able to change it. First
 * as any reader (it sees the WAL and waits on the locks of a server that may be writing the file); on
 * read-only media, a file in WAL mode without its -shm can only be read as immutable (SQLite assumes
 * nobody changes it: true there). Its schema must be this version's (nothing can be migrated there).
 */
async function openUnwritable(url: string, blocked: 'media' | 'permission'): Promise<Db> {
  const shared = openDatabase(url, { readOnly: 'shared' });
  try {
    return await withCurrentSchema(shared);
  } catch (e) {
    await shared.close().catch(() => undefined);
    if (e instanceof UserError) throw e;
    if (blocked === 'permission') {
      // WAL mode: reading needs the -shm beside the file, which this user cannot make in that folder
      // (there is one while the server runs).
      throw new UserError(
        `basis data ${shared.location} tidak dapat dibaca oleh pengguna ini: berkas mode WAL butuh berkas -shm di sampingnya, yang tidak dapat dibuat di folder itu; jalankan sebagai pengguna yang menjalankan server, atau salin berkas itu ke folder sendiri`,
      );
    }
  }
  return withCurrentSchema(openDatabase(url, { readOnly: 'immutable' }));
}

async function withCurrentSchema(db: Db): Promise<Db> {
  let pending: unknown[];
  try {
    [, pending] = (await db.knex.migrate.list({ migrationSource, tableName: 'knex_migrations' })) as [unknown[], unknown[]];
  } catch (e) {
    await db.close().catch(() => undefined);
    const code = sqliteCode(e);
    // Not opened at all (WAL without a -shm that can be made): the caller decides.
    if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) throw e;
    throw new UserError(`${db.location} (tidak dapat ditulisi) bukan basis data Mutasi yang dapat dibaca; periksa --db atau DATABASE_URL`);
  }
  if (pending.length > 0) {
    await db.close().catch(() => undefined);
    throw new UserError(
      `basis data ${db.location} tidak dapat ditulisi dan dibuat oleh versi Mutasi yang lebih lama (${pending.length} migrasi belum dijalankan); salin ke folder yang dapat ditulisi lalu jalankan perintah ini pada salinan itu`,
    );
  }
  process.stderr.write(
    say(
      `Catatan: ${db.location} tidak dapat ditulisi (media hanya-baca atau izin); dibaca apa adanya, tidak ada yang ditulis.\n`,
      `Note: ${db.location} cannot be written (read-only media or permissions); read as it is, nothing written.\n`,
    ),
  );
  return db;
}

/** A database that cannot be opened at all, as one Indonesian line naming it (exit 2); null for other faults. */
function cannotOpen(url: string, location: string, e: unknown): UserError | null {
  const code = isPostgresUrl(url) ? String((e as NodeJS.ErrnoException)?.code ?? '') : sqliteCode(e);
  const hint = '; periksa --db atau DATABASE_URL';
  if (isPostgresUrl(url)) {
    const why: Record<string, string> = {
      ECONNREFUSED: 'server PostgreSQL tidak menjawab (belum berjalan, atau host/port salah)',
      ENOTFOUND: 'nama host tidak dikenal',
      ETIMEDOUT: 'koneksi melewati batas waktu',
      EHOSTUNREACH: 'host tidak dapat dijangkau',
      '28P01': 'nama pengguna atau kata sandi ditolak',
      '28000': 'pengguna tidak diizinkan masuk',
      '3D000': 'basis data dengan nama itu tidak ada',
    };
    return why[code] ? new UserError(`basis data PostgreSQL ${location} tidak dapat dihubungi: ${why[code]}${hint}`) : null;
  }
  if (code === 'SQLITE_NOTADB') return new UserError(`${location} bukan basis data Mutasi (bukan berkas SQLite)${hint}`);
  if (code === 'SQLITE_CANTOPEN') return new UserError(`basis data ${location} tidak dapat dibuka (sebuah folder, atau foldernya tidak dapat ditulisi)${hint}`);
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new UserError(`basis data ${location} tidak dapat ditulisi oleh pengguna ini (izin ditolak); jalankan sebagai pengguna yang menjalankan server`);
  }
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`folder basis data ${location} tidak dapat dibuat (izin ditolak)${hint}`);
  if (code === 'ENOTDIR' || code === 'EEXIST') return new UserError(`basis data ${location} tidak dapat dibuat: bagian jalurnya adalah berkas, bukan folder${hint}`);
  return null;
}
