/**
 * The statement runner of one write transaction (db/writer.ts): how the writer's hand-written SQL
 * reaches the database.
 *  - SQLite: straight to the driver on the transaction's own connection, each statement text prepared
 *    once and kept prepared on the connection for the next transactions (one trip to the driver's
 *    thread pool per statement instead of two); an atomic step as one `exec` script with its
 *    parameters written in (db/sql-literal.ts), or statement by statement when they cannot be.
 *  - PostgreSQL: knex.raw on the transaction, one statement at a time (pg does not pipeline: issued
 *    together, they would queue inside the driver, which it deprecates).
 */
import type { Knex } from 'knex';
import { finalizeStatements, preparedStatements, type Db } from './connect';
import { inlined, type Stmt } from './sql-literal';

/** One SQL statement with `?` placeholders, inside the writer's transaction; resolves to its rows. */
export type Sql = <T = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<T[]>;

/** The transaction is unusable (a savepoint could not be rolled back to): nothing of it may be committed. */
export class TransactionBroken extends Error {
  constructor(cause: unknown) {
    super(`write transaction unusable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'TransactionBroken';
  }
}

export interface Runner {
  sql: Sql;
  /**
   * What the push path derives once per connection (a statement text built from the schema): kept with
   * the SQLite connection (like its prepared statements); per transaction on PostgreSQL.
   */
  memo: Map<string, unknown>;
  /** Parameterless statements, in order, in as few round trips as the driver allows. */
  script(statements: string[]): Promise<void>;
  /**
   * The statements, in order, inside a savepoint of their own: all or none. A failure is rolled back
   * to the savepoint and rethrown; `TransactionBroken` if that rollback failed.
   */
  atomically(statements: Stmt[]): Promise<void>;
  /** Resolves when no statement of this runner is still running (after a failed Promise.all). */
  settled(): Promise<void>;
  /** The transaction is ending (nothing of it still running). */
  finish(): void;
  /** After a failure: makes sure no transaction is left open on the connection (errors ignored). */
  abandon(): Promise<void>;
}

const WRITE_ALL = 'write_all';
/** Most statements kept prepared on one SQLite connection. */
const MAX_PREPARED = 64;

interface SqliteStatement {
  all(params: readonly unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
  finalize(cb?: (err: Error | null) => void): void;
}

interface SqliteDriverConnection {
  prepare(sql: string, cb?: (err: Error | null) => void): SqliteStatement;
  exec(sql: string, cb: (err: Error | null) => void): void;
}

/**
 * The statement runner of transaction `trx` on `connection` (the driver's connection it runs on).
 * SQLite needs only the connection (no knex transaction: writer.ts `builder: false`); PostgreSQL runs
 * through knex's transaction.
 */
export function runnerOf(db: Db, trx: Knex.Transaction | null, connection: unknown): Runner {
  if (db.dialect === 'sqlite') return sqliteRunner(connection as SqliteDriverConnection);
  if (!trx) throw new Error('PostgreSQL writes run inside a knex transaction');
  return postgresRunner(trx);
}

/** Tracks the statements in flight, so a failure can wait for the rest before rolling back. */
function inFlight() {
  const running = new Set<Promise<unknown>>();
  return {
    track<R>(p: Promise<R>): Promise<R> {
      running.add(p);
      const done = () => running.delete(p);
      p.then(done, done);
      return p;
    },
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

const memos = new WeakMap<object, Map<string, unknown>>();

export function sqliteRunner(conn: SqliteDriverConnection): Runner {
  const { track, settled } = inFlight();
  let memo = memos.get(conn);
  if (!memo) memos.set(conn, (memo = new Map()));
  // Finalized when the database is closed (db/connect.ts).
  let prepared = preparedStatements.get(conn);
  if (!prepared) preparedStatements.set(conn, (prepared = new Map()));
  const cache = prepared;
  type Entry = { stmt: SqliteStatement; ready: Promise<void> };
  const script = (statements: string[]) =>
    track(new Promise<void>((resolve, reject) => conn.exec(statements.join(';\n'), (err) => (err ? reject(err) : resolve()))));
  const statementFor = (text: string): Entry => {
    let entry = cache.get(text) as Entry | undefined;
    if (!entry) {
      let stmt!: SqliteStatement;
      // A statement that fails to prepare drops the calls queued on it without calling them back:
      // run it only once it is prepared.
      const ready = new Promise<void>((resolve, reject) => {
        stmt = conn.prepare(text, (err) => (err ? reject(err) : resolve()));
      });
      entry = { stmt, ready };
      cache.set(text, entry);
    }
    return entry;
  };
  // A statement that failed is not reused (finalized, prepared afresh next time).
  const drop = (text: string, entry: Entry) => {
    if (cache.get(text) !== entry) return;
    cache.delete(text);
    entry.ready.then(() => entry.stmt.finalize(() => undefined), () => undefined);
  };
  const sql = <T>(text: string, params: readonly unknown[] = []) => {
    const entry = statementFor(text);
    return track(
      entry.ready.then(
        () =>
          new Promise<T[]>((resolve, reject) =>
            entry.stmt.all(params, (err, rows) => {
              if (err) {
                drop(text, entry);
                reject(err);
              } else {
                resolve(rows as T[]);
              }
            }),
          ),
        (err: unknown) => {
          drop(text, entry);
          throw err;
        },
      ),
    );
  };
  return {
    sql,
    memo,
    script,
    // One `exec`: the whole step crosses to the driver's thread once, not once per statement.
    atomically: (statements) => {
      const texts = statements.map(inlined);
      if (texts.some((t) => t === null)) return atomicallyOneByOne(statements, sql, script, settled);
      return rollingBack(script([`SAVEPOINT ${WRITE_ALL}`, ...(texts as string[]), `RELEASE SAVEPOINT ${WRITE_ALL}`]), script, settled);
    },
    settled,
    finish() {
      // Bounded: statement texts that vary (a roster import's chunks) do not pile up.
      if (cache.size > MAX_PREPARED) void finalizeStatements(cache);
    },
    // "cannot rollback - no transaction is active" is the usual, good answer.
    abandon: () => new Promise<void>((resolve) => conn.exec('ROLLBACK', () => resolve())),
  };
}

function postgresRunner(trx: Knex.Transaction): Runner {
  const { track, settled } = inFlight();
  // One statement at a time on the connection: each waits for the one before it, failed or not.
  let tail: Promise<unknown> = Promise.resolve();
  const run = <T>(text: string, params: readonly unknown[]) => trx.raw(text, params as Knex.RawBinding[]).then((r) => rawRows<T>(r));
  const sql = <T>(text: string, params: readonly unknown[] = []) => {
    const p = tail.then(() => run<T>(text, params), () => run<T>(text, params));
    tail = p.catch(() => undefined);
    return track(p);
  };
  const script = async (statements: string[]) => {
    for (const s of statements) await sql(s);
  };
  return {
    sql,
    memo: new Map(),
    script,
    atomically: (statements) => atomicallyOneByOne(statements, sql, script, settled),
    settled,
    finish() {},
    // PostgreSQL ends a transaction whose COMMIT failed; a broken connection is dropped by the pool.
    abandon: async () => undefined,
  };
}

/** `atomically` statement by statement: a savepoint, the statements in order, its release. */
function atomicallyOneByOne(statements: Stmt[], sql: Sql, script: (s: string[]) => Promise<void>, settled: () => Promise<void>): Promise<void> {
  const run = async () => {
    await script([`SAVEPOINT ${WRITE_ALL}`]);
    for (const st of statements) await sql(st.text, st.params);
    await script([`RELEASE SAVEPOINT ${WRITE_ALL}`]);
  };
  return rollingBack(run(), script, settled);
}

/** Awaits a step run inside savepoint WRITE_ALL; if it failed, rolls back to that savepoint and rethrows. */
async function rollingBack(step: Promise<void>, script: (s: string[]) => Promise<void>, settled: () => Promise<void>): Promise<void> {
  try {
    await step;
  } catch (e) {
    await settled();
    try {
      await script([`ROLLBACK TO SAVEPOINT ${WRITE_ALL}`, `RELEASE SAVEPOINT ${WRITE_ALL}`]);
    } catch (undo) {
      throw new TransactionBroken(undo);
    }
    throw e;
  }
}

/** Rows of a raw statement: pg gives { rows }, sqlite3 the array itself. */
export function rawRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
