/**
 * Opening the official record's database. SQLite (one file, the default) or PostgreSQL (a URL), both
 * through knex so the queries and migrations are the same. Every SQLite connection gets the pragmas
 * the guarantees rest on: WAL (readers do not block the writer, a crash never leaves half a commit),
 * synchronous=FULL (a commit acknowledged is on disk), a busy timeout (another process such as
 * `mutasi import` or `backup` may hold the lock for a moment) and foreign keys (off by default in SQLite).
 *
 * Checkpoints (copying the WAL back into the database file) are not done by the writer's COMMIT, as
 * SQLite does by default every 1,000 pages: that COMMIT then also writes megabytes into the database
 * file and syncs it, and every push queued behind it waits (the tail of the push latency). A
 * checkpointer of its own does them in the background (`Checkpointer`), on its own connection; the
 * writer checkpoints only as a backstop, when the WAL has grown past 10,000 pages. Nothing about
 * durability changes: with synchronous=FULL each COMMIT is on disk in the WAL when it returns, and a
 * checkpoint syncs the database file before the WAL is reused.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { knex, type Knex } from 'knex';
import sqlite3 from 'sqlite3';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  /** The writer's connection (SQLite: the one connection every write goes through), and migrations. */
  knex: Knex;
  /**
   * For reads that need not see an open write transaction: token look-ups, GETs, pulls, the
   * announcement. On SQLite a separate pool of read-only connections (WAL: readers neither wait for the
   * writer nor hold it up, and each read sees every commit acknowledged before it began), opened on
   * first use; on PostgreSQL (and an in-memory SQLite) the same pool as `knex`.
   */
  read: Knex;
  /**
   * A hot, small read (the token look-up of every request) by SQL text with `?` parameters. SQLite:
   * a statement kept prepared on a read-only connection of its own — no query builder, no pool, no
   * statement compiled per call; PostgreSQL: knex.raw on the pool.
   */
  lookup<T = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<T[]>;
  dialect: Dialect;
  /** Where the data lives, for messages (a file path, or the URL without its password). */
  location: string;
  close(): Promise<void>;
}

/**
 * Statements the writer keeps prepared on a SQLite connection (db/writer.ts), by SQL text: finalized
 * before the connection is closed (SQLite does not close a connection with statements still open).
 */
export interface CachedStatement {
  stmt: { finalize(cb?: (err: Error | null) => void): void };
  ready: Promise<void>;
}
export const preparedStatements = new WeakMap<object, Map<string, CachedStatement>>();

export function finalizeStatements(cache: Map<string, CachedStatement>): Promise<unknown> {
  const all = [...cache.values()];
  cache.clear();
  return Promise.all(all.map((e) => e.ready.then(() => new Promise<void>((resolve) => e.stmt.finalize(() => resolve())), () => undefined)));
}

export const SQLITE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = FULL',
  'PRAGMA busy_timeout = 10000',
  'PRAGMA foreign_keys = ON',
] as const;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** The URL with any password replaced, safe to print and log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** A SQLite file path given as a path or as `sqlite:` / `file:` URL. */
export function sqliteFile(url: string): string {
  return sqlitePath(url);
}

function sqlitePath(url: string): string {
  const m = /^(?:sqlite3?|file):(?:\/\/)?(.*)$/i.exec(url);
  return m ? m[1]! : url;
}

export interface OpenOptions {
  /** PostgreSQL pool size (SQLite always uses one connection: SQLite has one writer anyway). */
  poolMax?: number;
  /** SQLite: most read-only connections open at once (default 2). */
  readers?: number;
  /**
   * SQLite, for commands that only read a file they may not be able to write: 'shared' — read-only
   * (query_only), as any reader, seeing the WAL and taking the usual locks (a server may be writing it);
   * nothing made beside it but what SQLite itself needs. 'immutable' — the file is on read-only media
   * (a backup on a write-protected disk, a read-only mount): opened with `immutable=1`, which needs no
   * -wal / -shm (SQLite could not make them there) and assumes nobody changes the file.
   */
  readOnly?: 'shared' | 'immutable';
}

/**
 * knex prints every failed connection attempt ("Acquire connection error" with a stack) on stdout,
 * in the middle of a command's output or its --json; the error itself reaches the caller, which
 * reports it (the CLI in one Indonesian line, the server in its log). Other warnings go to stderr.
 */
const log = {
  warn(message: unknown): void {
    // Also knex's own lines about a migration lock it could not take: the caller reports the error.
    if (typeof message === 'string' && /^(Acquire connection error|Can't take lock to run migrations|If you are sure migrations are not running)/.test(message)) return;
    console.warn(message);
  },
};

export function openDatabase(url: string, opts: OpenOptions = {}): Db {
  if (isPostgresUrl(url)) {
    const k = knex({
      client: 'pg',
      log,
      connection: url,
      pool: { min: 0, max: opts.poolMax ?? 10 },
    });
    const lookup = async <T>(sql: string, params: readonly unknown[]) => ((await k.raw(sql, params as Knex.RawBinding[])) as { rows: T[] }).rows;
    return { knex: k, read: k, lookup, dialect: 'postgres', location: redactUrl(url), close: () => k.destroy() };
  }
  const file = sqlitePath(url);
  if (opts.readOnly) return openReadOnly(file, opts.readOnly);
  const isNew = file !== ':memory:' && !existsSync(file);
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const k = knex({
    client: 'sqlite3',
    log,
    connection: { filename: file },
    useNullAsDefault: true,
    // One connection: in-process writers queue in the pool instead of fighting over SQLite's lock.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
        // A new database is the official record, tokens' hashes included: readable by the server's user
        // only, before anything is written (SQLite gives its -wal and -shm the file's mode).
        if (isNew) makePrivate(file);
        applyPragmas(conn)
          .then(() => done(null, conn))
          .catch((e: Error) => done(e, conn));
      },
    },
  });
  // Readers: opened on first use (a CLI command that only writes never opens one), read-only at the
  // SQLite level (query_only), with the busy timeout for a checkpoint or another process's moment.
  let reader: Knex | null = null;
  const read = (): Knex => {
    if (file === ':memory:') return k; // another connection would be another, empty database
    reader ??= knex({
      client: 'sqlite3',
      log,
      connection: { filename: file },
      useNullAsDefault: true,
      pool: {
        min: 0,
        max: opts.readers ?? 2,
        idleTimeoutMillis: 60_000,
        afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
          runAll(conn, READER_PRAGMAS)
            .then(() => done(null, conn))
            .catch((e: Error) => done(e, conn));
        },
      },
    });
    return reader;
  };
  const lookups = file === ':memory:' ? null : new Lookups(file);
  const checkpointer = file === ':memory:' ? null : new Checkpointer(file);
  const lookup = <T>(sql: string, params: readonly unknown[]): Promise<T[]> =>
    lookups ? lookups.all<T>(sql, params) : (k.raw(sql, params as Knex.RawBinding[]) as Promise<T[]>);
  const close = async () => {
    await checkpointer?.close();
    await lookups?.close();
    if (reader) await reader.destroy();
    const client = k.client as unknown as { acquireConnection(): Promise<object>; releaseConnection(c: object): Promise<unknown> };
    const conn = await client.acquireConnection().catch(() => null);
    if (conn) {
      const cache = preparedStatements.get(conn);
      if (cache) await finalizeStatements(cache);
      await client.releaseConnection(conn);
    }
    await k.destroy();
  };
  return {
    knex: k,
    get read() {
      return read();
    },
    lookup,
    dialect: 'sqlite',
    location: file === ':memory:' ? file : path.resolve(file),
    close,
  };
}

/** A SQLite file read-only through one connection (`OpenOptions.readOnly`). */
function openReadOnly(file: string, how: 'shared' | 'immutable'): Db {
  const absolute = path.resolve(file);
  // immutable: a URI filename, each path segment percent-encoded (a space, '?' or '#' in a folder name).
  const uri = `file:${absolute.split(path.sep).map(encodeURIComponent).join('/')}?immutable=1`;
  const k = knex({
    client: 'sqlite3',
    log,
    connection: how === 'immutable' ? { filename: uri, flags: ['OPEN_URI'] } : { filename: absolute },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
        runAll(conn, READER_PRAGMAS)
          .then(() => done(null, conn))
          .catch((e: Error) => done(e, conn));
      },
    },
  });
  return {
    knex: k,
    read: k,
    lookup: <T>(sql: string, params: readonly unknown[]) => k.raw(sql, params as Knex.RawBinding[]) as Promise<T[]>,
    dialect: 'sqlite',
    location: absolute,
    close: () => k.destroy(),
  };
}

interface SqliteConnection {
  run(sql: string, cb: (err: Error | null) => void): void;
}

/** The `lookup` connection of a SQLite file: opened on first use, its statements kept prepared. */
class Lookups {
  private conn: Promise<sqlite3.Database> | null = null;
  private statements = new Map<string, Promise<sqlite3.Statement>>();

  constructor(private readonly file: string) {}

  async all<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    const stmt = await this.statement(sql);
    return new Promise<T[]>((resolve, reject) => stmt.all(params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  }

  async close(): Promise<void> {
    const conn = this.conn;
    if (!conn) return;
    this.conn = null;
    const statements = [...this.statements.values()];
    this.statements.clear();
    await Promise.all(statements.map((p) => p.then((st) => new Promise<void>((resolve) => st.finalize(() => resolve())), () => undefined)));
    const db = await conn.catch(() => null);
    if (db) await new Promise<void>((resolve) => db.close(() => resolve()));
  }

  private connection(): Promise<sqlite3.Database> {
    this.conn ??= new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(this.file, sqlite3.OPEN_READWRITE, (err) => {
        if (err) {
          this.conn = null;
          reject(err);
          return;
        }
        runAll(db, READER_PRAGMAS).then(() => resolve(db), reject);
      });
    });
    return this.conn;
  }

  private statement(sql: string): Promise<sqlite3.Statement> {
    let p = this.statements.get(sql);
    if (!p) {
      p = this.connection().then(
        (db) => new Promise<sqlite3.Statement>((resolve, reject) => {
          const st = db.prepare(sql, (err) => (err ? reject(err) : resolve(st)));
        }),
      );
      // A statement that failed to prepare (the table not there yet) is tried afresh next time.
      p.catch(() => this.statements.delete(sql));
      this.statements.set(sql, p);
    }
    return p;
  }
}

/** A read connection: never writes (not even by mistake), waits out a lock like the writer does. */
const READER_PRAGMAS = ['PRAGMA busy_timeout = 10000', 'PRAGMA query_only = ON'];

/** The writer checkpoints only when the background checkpointer has fallen this far behind (pages). */
const WRITER_CHECKPOINT_BACKSTOP = 'PRAGMA wal_autocheckpoint = 10000';

function applyPragmas(conn: SqliteConnection): Promise<void> {
  return runAll(conn, [...SQLITE_PRAGMAS, WRITER_CHECKPOINT_BACKSTOP]);
}

/**
 * PASSIVE checkpoints every `CHECKPOINT_MS` on a connection of their own (opened on the first one: a
 * command that ends before never opens it). Each one syncs the database file, so not more often than
 * that. PASSIVE never waits for a lock and never blocks the writer: it copies what it can and leaves
 * the rest for next time. The timer does not keep the process alive.
 */
const CHECKPOINT_MS = 1000;

class Checkpointer {
  private conn: sqlite3.Database | null = null;
  private running: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly file: string) {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.checkpoint().finally(() => (this.running = null));
    }, CHECKPOINT_MS);
    this.timer.unref();
  }

  private async checkpoint(): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.conn) {
        // Only an existing database (a new one is made by the writer, with its mode set first).
        if (!existsSync(this.file)) return;
        this.conn = await new Promise<sqlite3.Database>((resolve, reject) => {
          const db = new sqlite3.Database(this.file, sqlite3.OPEN_READWRITE, (err) => (err ? reject(err) : resolve(db)));
        });
        await runAll(this.conn, ['PRAGMA query_only = ON']);
      }
      const conn = this.conn;
      await new Promise<void>((resolve) => conn.run('PRAGMA wal_checkpoint(PASSIVE)', () => resolve()));
    } catch {
      // Not now (the file is being replaced, a lock): the next tick tries again, the writer's backstop remains.
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
    const conn = this.conn;
    this.conn = null;
    if (conn) await new Promise<void>((resolve) => conn.close(() => resolve()));
  }
}

async function runAll(conn: SqliteConnection, statements: readonly string[]): Promise<void> {
  for (const sql of statements) {
    await new Promise<void>((resolve, reject) => conn.run(sql, (err) => (err ? reject(err) : resolve())));
  }
}

/** The folder is made 0700 (mkdir above); a file this process created, 0600. An existing file keeps its mode. */
function makePrivate(file: string): void {
  try {
    if (existsSync(file)) chmodSync(file, 0o600);
  } catch {
    // not ours to change (another owner): SQLite's own error, if any, follows
  }
}
