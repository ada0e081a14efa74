/**
 * Opening the official record's database. SQLite (one file, the default) or PostgreSQL (a URL), both
 * through knex so the queries and migrations are the same. Every SQLite connection gets the pragmas
 * the guarantees rest on: WAL (readers do not block the writer, a crash never leaves half a commit),
 * synchronous=FULL (a commit acknowledged is on disk), a busy timeout (another process such as
 * `mutasi import` or `backup` may hold the lock for a moment) and foreign keys (off by default in SQLite).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { knex, type Knex } from 'knex';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  knex: Knex;
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
}

/**
 * knex prints every failed connection attempt ("Acquire connection error" with a stack) on stdout,
 * in the middle of a command's output or its --json; the error itself reaches the caller, which
 * reports it (the CLI in one Indonesian line, the server in its log). Other warnings go to stderr.
 */
const log = {
  warn(message: unknown): void {
    if (typeof message === 'string' && message.startsWith('Acquire connection error')) return;
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
    return { knex: k, dialect: 'postgres', location: redactUrl(url), close: () => k.destroy() };
  }
  const file = sqlitePath(url);
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
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
        applyPragmas(conn)
          .then(() => done(null, conn))
          .catch((e: Error) => done(e, conn));
      },
    },
  });
  const close = async () => {
    const client = k.client as unknown as { acquireConnection(): Promise<object>; releaseConnection(c: object): Promise<unknown> };
    const conn = await client.acquireConnection().catch(() => null);
    if (conn) {
      const cache = preparedStatements.get(conn);
      if (cache) await finalizeStatements(cache);
      await client.releaseConnection(conn);
    }
    await k.destroy();
  };
  return { knex: k, dialect: 'sqlite', location: path.resolve(file), close };
}

interface SqliteConnection {
  run(sql: string, cb: (err: Error | null) => void): void;
}

async function applyPragmas(conn: SqliteConnection): Promise<void> {
  for (const sql of SQLITE_PRAGMAS) {
    await new Promise<void>((resolve, reject) => conn.run(sql, (err) => (err ? reject(err) : resolve())));
  }
}
