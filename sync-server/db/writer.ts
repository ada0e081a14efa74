/**
 * Every write to the official record goes through `withWriter`: one transaction that first takes the
 * writer lock on the single `sync_state` row, so concurrent writers (requests in one process, or
 * several server processes on PostgreSQL) run one after another. Inside it:
 *  - each change gets the next version of the one counter, advanced in this same transaction, so a
 *    reader can never see version N+1 committed while N is still to come (no sequence, no clock);
 *  - each audit entry is chained to the previous one (seq, prevHash) and the head is kept in the
 *    same row, so deleting the newest entry is as visible as editing an old one.
 * Nothing is written unless the callback succeeds: an error rolls everything back. A transaction that
 * wrote nothing through `w` (a duplicate, a conflict, a refusal) is rolled back too: no empty commit,
 * no disk flush for it. `withWriter` resolves only once the COMMIT has returned successfully; a COMMIT
 * that fails throws `CommitFailed` (knex itself would report it only on the side), and on SQLite the
 * connection is rolled back before it goes back to the pool.
 *
 * The push path records a whole group of decisions in one such transaction (server/push/group-commit.ts),
 * each decision inside its own SAVEPOINT (`w.savepoint`): a decision that is not kept is rolled back to
 * its savepoint, the database and the counters above exactly as before it, so it leaves no trace and
 * the next decision of the group reuses the versions, sequence numbers and record number it would have
 * taken.
 */
import type { Knex } from 'knex';
import { finalizeStatements, preparedStatements, type Db, type Dialect } from './connect';
import { auditHash, type AuditEntry } from './audit-hash';

export type ChangeKind = 'employee' | 'position' | 'decision' | 'followup';

/** One SQL statement with `?` placeholders, inside the writer's transaction; resolves to its rows. */
export type Sql = <T = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<T[]>;

export interface Writer {
  trx: Knex.Transaction;
  dialect: Dialect;
  /**
   * Hand-written SQL in the same transaction, for the push path: every decision waits for the one
   * before it, so each statement's cost is everyone's. On SQLite it goes straight to the driver on the
   * transaction's connection (a fraction of the query builder's overhead); on PostgreSQL through
   * knex.raw. Write it portable (both dialects), parameters as `?`.
   */
  sql: Sql;
  /**
   * Reserves the next version for a change of `kind` / `key` and logs it in `changes`. The version is
   * reserved when called (`version()` shows it at once), so statements that need it can be issued
   * beside this one.
   */
  change(kind: ChangeKind, key: string): Promise<number>;
  /** Reserves versions for many changes at once (roster import). Returns the first version. */
  changes(items: { kind: ChangeKind; key: string }[]): Promise<number>;
  /** Appends an audit entry; like `changes`, the chain's head advances when called. */
  audit(actor: string, action: string, payload: unknown): Promise<AuditEntry>;
  /** Appends several audit entries, chained in order, in one statement. */
  auditMany(entries: readonly { actor: string; action: string; payload: unknown }[]): Promise<AuditEntry[]>;
  /**
   * Writes as one atomic step: `build` plans the statements — reserving versions and audit entries
   * with `plan.changes` / `plan.audit`, as `changes` / `audit` would — and they run together with the
   * counters' new state, all or nothing. On SQLite that is one round trip to the driver (one script,
   * inside its own savepoint); on PostgreSQL one statement after the other inside a savepoint. If any
   * fails, the database and the counters are as before the call, and it throws the failure (or
   * `TransactionBroken` when even the rollback to its savepoint failed).
   */
  writeAll(build: (plan: Planner) => Stmt[]): Promise<void>;
  /** The counter as of now inside this transaction. */
  version(): number;
  /** The change log's floor as of now inside this transaction. */
  floor(): number;
  /** Changes at or below this version are no longer served one by one (a reader gets a snapshot). */
  setFloor(floor: number): Promise<void>;
  /**
   * The agency's rule parameters as stored at import (JSON), read together with the lock: every
   * push needs them, and one statement fewer inside the lock is throughput for everyone.
   */
  settingsJson: string | null;
  /**
   * Runs `fn` inside its own SAVEPOINT (a nested transaction). Kept (`keep(value)` true): RELEASE, its
   * writes become part of the transaction. Not kept, or `fn` threw: ROLLBACK TO the savepoint — its
   * writes, and the counter, floor and audit head it advanced, are undone as if it never ran — and
   * `{ ok: false, error }` for a throw. Only when the rollback to the savepoint itself fails (the
   * connection is gone, the database rolled the whole transaction back) does it throw: the transaction
   * can no longer be trusted, so the caller must let `withWriter` roll all of it back.
   */
  savepoint<T>(fn: () => Promise<T>, keep: (value: T) => boolean): Promise<SavepointOutcome<T>>;
}

/** A statement with `?` placeholders and its parameters. */
export interface Stmt {
  text: string;
  params: readonly unknown[];
}

/** Reserves what a `writeAll` writes to the change log and the audit chain; returns the statements. */
export interface Planner {
  changes(items: readonly { kind: ChangeKind; key: string }[]): { first: number; statement: Stmt | null };
  audit(items: readonly { actor: string; action: string; payload: unknown }[]): { entries: AuditEntry[]; statement: Stmt | null };
}

export type SavepointOutcome<T> = { ok: true; value: T; kept: boolean } | { ok: false; error: unknown };

/** The transaction is unusable (a savepoint could not be rolled back to): nothing of it may be committed. */
export class TransactionBroken extends Error {
  constructor(cause: unknown) {
    super(`write transaction unusable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'TransactionBroken';
  }
}

interface StateRow {
  version: number;
  floor: number;
  audit_seq: number;
  audit_hash: string;
  settings: string | null;
}

/** Runs `fn` as one write transaction holding the writer lock. */
export async function withWriter<T>(db: Db, fn: (w: Writer) => Promise<T>): Promise<T> {
  // The connection is ours, not knex's to give back: a transaction whose COMMIT failed is not
  // returned to the pool before it is known to be over (see `abandon`).
  const client = db.knex.client as unknown as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<unknown> };
  const conn = await client.acquireConnection();
  try {
    return await inTransaction(db, conn, fn);
  } finally {
    await client.releaseConnection(conn);
  }
}

/** Thrown when a write transaction's COMMIT failed: nothing of it is in the database. */
export class CommitFailed extends Error {
  constructor(cause: unknown) {
    super(`commit failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'CommitFailed';
  }
}

async function inTransaction<T>(db: Db, conn: unknown, fn: (w: Writer) => Promise<T>): Promise<T> {
  const trx = await db.knex.transaction({ connection: conn });
  // knex resolves commit() even when the COMMIT statement fails; the outcome is here.
  const outcome = trx.executionPromise.then(
    () => null,
    (e: unknown) => e ?? new Error('transaction failed'),
  );
  const runner = runnerOf(db, trx, conn);
  const { sql, script } = runner;
  let result: T;
  try {
    const state = await lockState(db, sql);
    let dirty = false;
    // A savepoint whose decision was kept is released together with the next one's SAVEPOINT (one
    // round trip), or by the COMMIT; `broken`: a savepoint statement failed.
    let releasePending = false;
    let broken: unknown = null;
    const guarded = async (statements: string[]) => {
      try {
        await script(statements);
      } catch (e) {
        broken = e;
        throw new TransactionBroken(e);
      }
    };
    // The counters as last written to sync_state in this transaction (by writeAll): a COMMIT right
    // after needs no UPDATE of its own.
    let persisted: StateRow | null = null;
    // Versions and audit entries are reserved when planned, before their statements resolve: writes
    // of one step may be issued together (a failed one rolls the step back, counters included).
    const planner: Planner = {
      changes(items) {
        const first = state.version + 1;
        if (items.length === 0) return { first, statement: null };
        state.version += items.length;
        dirty = true;
        // One statement whatever the count (a roster import logs tens of thousands): the rows as one
        // JSON array, so the statement text never varies and stays prepared.
        return {
          first,
          statement: {
            text: `INSERT INTO changes (version, kind, "key") SELECT CAST(j.value->>0 AS INTEGER), j.value->>1, j.value->>2 FROM ${jsonRows(db.dialect)}`,
            params: [JSON.stringify(items.map((it, i) => [first + i, it.kind, it.key]))],
          },
        };
      },
      audit(items) {
        const at = new Date().toISOString();
        const entries: AuditEntry[] = [];
        for (const it of items) {
          const entry = { seq: state.audit_seq + 1, at, actor: it.actor, action: it.action, payload: JSON.stringify(it.payload), prevHash: state.audit_hash };
          const full: AuditEntry = { ...entry, hash: auditHash(entry) };
          state.audit_seq = full.seq;
          state.audit_hash = full.hash;
          entries.push(full);
        }
        if (entries.length === 0) return { entries, statement: null };
        dirty = true;
        return {
          entries,
          statement: {
            text: `INSERT INTO audit (seq, at, actor, action, payload, prev_hash, hash)
           SELECT CAST(j.value->>0 AS INTEGER), j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, j.value->>6 FROM ${jsonRows(db.dialect)}`,
            params: [JSON.stringify(entries.map((e) => [e.seq, e.at, e.actor, e.action, e.payload, e.prevHash, e.hash]))],
          },
        };
      },
    };
    const w: Writer = {
      trx,
      dialect: db.dialect,
      sql,
      settingsJson: state.settings,
      version: () => state.version,
      floor: () => state.floor,
      change(kind, key) {
        return w.changes([{ kind, key }]);
      },
      async changes(items) {
        const { first, statement } = planner.changes(items);
        if (statement) await sql(statement.text, statement.params);
        return first;
      },
      async audit(actor, action, payload) {
        return (await w.auditMany([{ actor, action, payload }]))[0]!;
      },
      async auditMany(items) {
        const { entries, statement } = planner.audit(items);
        if (statement) await sql(statement.text, statement.params);
        return entries;
      },
      async writeAll(build) {
        if (broken) throw new TransactionBroken(broken);
        const saved = { ...state };
        const savedDirty = dirty;
        const statements = build(planner);
        if (statements.length === 0 && sameState(saved, state)) return;
        dirty = true;
        // The counters' row goes with the writes: the COMMIT then needs no statement of its own.
        const all = [...statements, stateStatement(state)];
        try {
          await runner.atomically(all);
          persisted = { ...state };
        } catch (e) {
          Object.assign(state, saved);
          dirty = savedDirty;
          if (e instanceof TransactionBroken) broken = e.cause ?? e;
          throw e;
        }
      },
      async setFloor(floor) {
        state.floor = floor;
        dirty = true;
      },
      async savepoint<S>(body: () => Promise<S>, keep: (value: S) => boolean): Promise<SavepointOutcome<S>> {
        if (broken) throw new TransactionBroken(broken);
        const saved = { ...state };
        const savedDirty = dirty;
        await guarded(releasePending ? [`RELEASE SAVEPOINT ${SAVEPOINT}`, `SAVEPOINT ${SAVEPOINT}`] : [`SAVEPOINT ${SAVEPOINT}`]);
        releasePending = false;
        // ROLLBACK TO keeps the savepoint open (both databases); RELEASE then closes it, so a group of
        // decisions never stacks up nested savepoints. The counters go back with the database.
        const undo = async () => {
          await guarded([`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`, `RELEASE SAVEPOINT ${SAVEPOINT}`]);
          Object.assign(state, saved);
          dirty = savedDirty;
        };
        let value: S;
        try {
          value = await body();
        } catch (error) {
          await runner.settled();
          await undo();
          return { ok: false, error };
        }
        if (!keep(value)) {
          await undo();
          return { ok: true, value, kept: false };
        }
        releasePending = true;
        return { ok: true, value, kept: true };
      },
    };
    result = await fn(w);
    if (broken) throw new TransactionBroken(broken);
    // A last kept savepoint still open needs no RELEASE of its own: COMMIT releases it with the rest.
    if (dirty) {
      if (!persisted || !sameState(persisted, state)) {
        const update = stateStatement(state);
        await sql(update.text, update.params);
      }
      runner.finish();
      await trx.commit();
      const failed = await outcome;
      if (failed) {
        // SQLite keeps the transaction open after some failed COMMITs (a deferred constraint): end
        // it here, so the connection never goes back to the pool inside a half-done transaction.
        await runner.abandon();
        throw new CommitFailed(failed);
      }
    } else {
      runner.finish();
      await trx.rollback();
      await outcome;
    }
  } catch (e) {
    await runner.settled();
    runner.finish();
    if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
    await outcome;
    await runner.abandon();
    throw e;
  }
  return result;
}

const SAVEPOINT = 'one_decision';
const WRITE_ALL = 'write_all';

const sameState = (a: StateRow, b: StateRow) =>
  a.version === b.version && a.floor === b.floor && a.audit_seq === b.audit_seq && a.audit_hash === b.audit_hash;

function stateStatement(s: StateRow): Stmt {
  return {
    text: 'UPDATE sync_state SET version = ?, floor = ?, audit_seq = ?, audit_hash = ? WHERE id = 1',
    params: [s.version, s.floor, s.audit_seq, s.audit_hash],
  };
}

/**
 * A statement with its parameters written in, for a SQLite script (one `exec`, which takes no
 * parameters): integers as digits, text as a quoted literal ('' for '), null as NULL. Null when a
 * parameter cannot be written in safely (a fraction, a NUL character, another type): the caller then
 * runs the statements one by one, as prepared statements.
 */
export function inlined(st: Stmt): string | null {
  const parts = st.text.split('?');
  if (parts.length - 1 !== st.params.length) return null;
  let out = parts[0]!;
  for (let i = 0; i < st.params.length; i++) {
    const v = st.params[i];
    let lit: string;
    if (v === null || v === undefined) lit = 'NULL';
    else if (typeof v === 'number' && Number.isSafeInteger(v)) lit = String(v);
    else if (typeof v === 'string' && !v.includes('\0')) lit = `'${v.replaceAll("'", "''")}'`;
    else return null;
    out += lit + parts[i + 1]!;
  }
  return out;
}
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

interface Runner {
  sql: Sql;
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

/** The statement runner of one transaction on `connection` (see Writer.sql). */
function runnerOf(db: Db, trx: Knex.Transaction, connection: unknown): Runner {
  const inFlight = new Set<Promise<unknown>>();
  const track = <R>(p: Promise<R>): Promise<R> => {
    inFlight.add(p);
    const done = () => inFlight.delete(p);
    p.then(done, done);
    return p;
  };
  const settled = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  if (db.dialect === 'sqlite') {
    // The transaction's own connection. Each statement text is prepared once and kept prepared on the
    // connection for the next transactions: one trip to the driver's thread pool per statement instead
    // of two (prepare, then run). Finalized when the database is closed (db/connect.ts).
    const conn = connection as SqliteDriverConnection;
    let prepared = preparedStatements.get(conn);
    if (!prepared) preparedStatements.set(conn, (prepared = new Map()));
    const cache = prepared;
    const script = (statements: string[]) =>
      track(new Promise<void>((resolve, reject) => conn.exec(statements.join(';\n'), (err) => (err ? reject(err) : resolve()))));
    const statementFor = (text: string) => {
      let entry = cache.get(text) as { stmt: SqliteStatement; ready: Promise<void> } | undefined;
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
    const drop = (text: string, entry: { stmt: SqliteStatement; ready: Promise<void> }) => {
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
  const script = async (statements: string[]) => {
    for (const s of statements) await sql(s);
  };
  // One statement at a time on the connection (pg does not pipeline: issued together, they would only
  // queue inside the driver, which it deprecates).
  let tail: Promise<unknown> = Promise.resolve();
  const sql = <T>(text: string, params: readonly unknown[] = []) => {
    const run = tail.then(
      () => trx.raw(text, params as Knex.RawBinding[]).then((r) => rawRows<T>(r)),
      () => trx.raw(text, params as Knex.RawBinding[]).then((r) => rawRows<T>(r)),
    );
    tail = run.catch(() => undefined);
    return track(run);
  };
  return {
    sql,
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

/**
 * Takes the writer lock and reads the state, in one statement. PostgreSQL: a row lock (SELECT … FOR
 * UPDATE) that other writers wait on. SQLite: a no-op UPDATE … RETURNING, which makes this
 * transaction the writer at once (waiting up to busy_timeout) instead of failing later when a read
 * transaction tries to become one.
 */
async function lockState(db: Db, sql: Sql): Promise<StateRow> {
  const settings = "(SELECT value FROM parameters WHERE key = 'settings') AS settings";
  const text =
    db.dialect === 'postgres'
      ? `SELECT version, floor, audit_seq, audit_hash, ${settings} FROM sync_state WHERE id = 1 FOR UPDATE`
      : `UPDATE sync_state SET version = version WHERE id = 1 RETURNING version, floor, audit_seq, audit_hash, ${settings}`;
  const [row] = await sql<StateRow>(text);
  if (!row) throw new Error('sync_state row missing: the database was not migrated');
  return {
    version: Number(row.version), floor: Number(row.floor), audit_seq: Number(row.audit_seq),
    audit_hash: row.audit_hash, settings: row.settings ?? null,
  };
}

/**
 * A table with one row per element of the JSON array bound to its `?`, the element in column `value`
 * (`<alias>.value`, alias `j` unless given): a list of any length as one parameter, so a statement's text does not depend on how
 * many rows it reads or writes. `text`: the elements are strings (`j.value` is one); otherwise they
 * are arrays, their fields `j.value->>0`, `j.value->>1`… (text; CAST numbers).
 */
export function jsonRows(dialect: Dialect, elements: 'arrays' | 'text' = 'arrays', alias = 'j'): string {
  if (dialect === 'sqlite') return `json_each(?) AS ${alias}`;
  const fn = elements === 'text' ? 'json_array_elements_text' : 'json_array_elements';
  return `${fn}(CAST(? AS json)) AS ${alias}(value)`;
}

/** Rows of a raw statement: pg gives { rows }, sqlite3 the array itself. */
export function rawRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
