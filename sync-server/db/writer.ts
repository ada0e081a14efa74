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
 * Writes that must be all or nothing inside the transaction go through `writeAll` (its own savepoint,
 * the counters restored with the database when it fails): the push path's group commit
 * (server/push/group-commit.ts explains it) is built on that. How statements reach the database:
 * db/statements.ts.
 */
import type { Knex } from 'knex';
import type { Db, Dialect } from './connect';
import { auditHash, type AuditEntry } from './audit-hash';
import type { Stmt } from './sql-literal';
import { runnerOf, TransactionBroken, type Runner, type Sql } from './statements';

export type { Stmt } from './sql-literal';
export { TransactionBroken, type Sql } from './statements';

export type ChangeKind = 'employee' | 'position' | 'decision' | 'followup';

export interface Writer {
  /**
   * The transaction as a knex query builder. Not there when the writer was opened with
   * `{ builder: false }` (the push path on SQLite): reading it then throws.
   */
  trx: Knex.Transaction;
  dialect: Dialect;
  /**
   * Hand-written SQL in the same transaction, for the push path: every decision waits for the one
   * before it, so each statement's cost is everyone's. On SQLite it goes straight to the driver on the
   * transaction's connection (a fraction of the query builder's overhead); on PostgreSQL through
   * knex.raw. Write it portable (both dialects), parameters as `?`.
   */
  sql: Sql;
  /** A cache the push path keeps per connection (statements.ts `Runner.memo`). */
  memo: Map<string, unknown>;
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
}

/** Reserves what a `writeAll` writes to the change log and the audit chain; returns the statements. */
export interface Planner {
  changes(items: readonly { kind: ChangeKind; key: string }[]): { first: number; statement: Stmt | null };
  audit(items: readonly { actor: string; action: string; payload: unknown }[]): { entries: AuditEntry[]; statement: Stmt | null };
}

interface StateRow {
  version: number;
  floor: number;
  audit_seq: number;
  audit_hash: string;
  settings: string | null;
}

export interface WriterOptions {
  /**
   * false: `fn` writes through `w.sql` / `w.writeAll` only and never uses `w.trx`. On SQLite the
   * transaction is then begun and ended on the driver directly instead of as a knex transaction,
   * whose set-up and two statements through knex's query pipeline cost ~0.35 ms of the main thread per
   * transaction against ~0.04 ms (measured, docs/server.md "Kinerja") — per group of pushes, the one
   * cost that does not shrink with the group. PostgreSQL always uses knex's transaction.
   */
  builder?: boolean;
}

/** Runs `fn` as one write transaction holding the writer lock. */
export async function withWriter<T>(db: Db, fn: (w: Writer) => Promise<T>, opts: WriterOptions = {}): Promise<T> {
  // The connection is ours, not knex's to give back: a transaction whose COMMIT failed is not
  // returned to the pool before it is known to be over (`Runner.abandon`).
  const client = db.knex.client as unknown as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<unknown> };
  const conn = await client.acquireConnection();
  try {
    return await (opts.builder === false && db.dialect === 'sqlite' ? inBareTransaction(db, conn, fn) : inTransaction(db, conn, fn));
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

/** How a transaction ends: COMMIT (resolves with its failure, or null) or ROLLBACK. */
interface Ending {
  commit(): Promise<unknown>;
  rollback(): Promise<void>;
}

async function inTransaction<T>(db: Db, conn: unknown, fn: (w: Writer) => Promise<T>): Promise<T> {
  const trx = await db.knex.transaction({ connection: conn });
  // knex resolves commit() even when the COMMIT statement fails; the outcome is here.
  const outcome = trx.executionPromise.then(
    () => null,
    (e: unknown) => e ?? new Error('transaction failed'),
  );
  const runner = runnerOf(db, trx, conn);
  const ending: Ending = {
    commit: async () => {
      await trx.commit();
      return outcome;
    },
    rollback: async () => {
      await trx.rollback();
      await outcome;
    },
  };
  return run(db, trx, runner, () => lockState(db, runner.sql), ending, fn, async () => {
    if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
    await outcome;
    await runner.abandon();
  });
}

/** SQLite without knex's transaction (`builder: false`): BEGIN, COMMIT and ROLLBACK straight on the driver. */
async function inBareTransaction<T>(db: Db, conn: unknown, fn: (w: Writer) => Promise<T>): Promise<T> {
  const runner = runnerOf(db, null, conn);
  let open = false;
  const ending: Ending = {
    commit: () =>
      runner.script(['COMMIT']).then(
        () => {
          open = false;
          return null;
        },
        (e: unknown) => e ?? new Error('commit failed'),
      ),
    rollback: async () => {
      open = false;
      await runner.script(['ROLLBACK']);
    },
  };
  // The lock is issued with BEGIN, not after its answer: the driver runs a connection's statements in
  // the order given (an exec first finishes alone), so the lock runs inside the transaction and the
  // group waits for one trip to the driver's thread instead of two. Should BEGIN fail, the lock's
  // no-op UPDATE ran on its own and changed nothing; the failure is thrown.
  const begin = async () => {
    const begun = runner.script(['BEGIN']);
    const locked = lockState(db, runner.sql);
    locked.catch(() => undefined); // awaited below, after BEGIN's outcome
    await begun;
    open = true;
    return locked;
  };
  return run(db, null, runner, begin, ending, fn, async () => {
    // Whatever happened, no transaction is left open on the connection ("no transaction is active" is fine).
    if (open) await runner.abandon();
  });
}

/**
 * The part both kinds of transaction share: the lock and the state (`lock`), `fn` on the writer, its
 * end; on any failure the runner's statements are let finish, then `undo` leaves the connection clean.
 */
async function run<T>(
  db: Db, builder: Knex.Transaction | null, runner: Runner, lock: () => Promise<StateRow>, ending: Ending,
  fn: (w: Writer) => Promise<T>, undo: () => Promise<void>,
): Promise<T> {
  try {
    const tx = new WriteTx(db, builder, runner, await lock(), ending);
    const result = await fn(tx);
    await tx.end();
    return result;
  } catch (e) {
    await runner.settled();
    runner.finish();
    await undo();
    throw e;
  }
}

/** One write transaction's `Writer`: the counters as of now in it, and what is still to be done at its end. */
class WriteTx implements Writer {
  readonly dialect: Dialect;
  readonly sql: Sql;
  readonly memo: Map<string, unknown>;
  readonly settingsJson: string | null;
  /** Something was written (or is to be, the counters' row): the transaction commits; else it rolls back. */
  private dirty = false;
  /** Why the transaction can no longer be trusted (a step's savepoint could not be rolled back to), or null. */
  private broken: unknown = null;
  /** The counters as last written to sync_state (by writeAll): a COMMIT right after needs no UPDATE. */
  private persisted: StateRow | null = null;
  /** Versions and audit entries are reserved when planned, before their statements resolve. */
  private readonly planner: Planner;

  constructor(
    db: Db,
    private readonly builder: Knex.Transaction | null,
    private readonly runner: Runner,
    private readonly state: StateRow,
    private readonly ending: Ending,
  ) {
    this.dialect = db.dialect;
    this.sql = runner.sql;
    this.memo = runner.memo;
    this.settingsJson = state.settings;
    this.planner = {
      changes: (items) => this.planChanges(items),
      audit: (items) => this.planAudit(items),
    };
  }

  get trx(): Knex.Transaction {
    if (!this.builder) throw new Error('this write transaction was opened without a query builder (withWriter builder: false)');
    return this.builder;
  }

  version(): number {
    return this.state.version;
  }

  floor(): number {
    return this.state.floor;
  }

  change(kind: ChangeKind, key: string): Promise<number> {
    return this.changes([{ kind, key }]);
  }

  async changes(items: { kind: ChangeKind; key: string }[]): Promise<number> {
    const { first, statement } = this.planChanges(items);
    if (statement) await this.sql(statement.text, statement.params);
    return first;
  }

  async audit(actor: string, action: string, payload: unknown): Promise<AuditEntry> {
    return (await this.auditMany([{ actor, action, payload }]))[0]!;
  }

  async auditMany(items: readonly { actor: string; action: string; payload: unknown }[]): Promise<AuditEntry[]> {
    const { entries, statement } = this.planAudit(items);
    if (statement) await this.sql(statement.text, statement.params);
    return entries;
  }

  async setFloor(floor: number): Promise<void> {
    this.state.floor = floor;
    this.dirty = true;
  }

  async writeAll(build: (plan: Planner) => Stmt[]): Promise<void> {
    this.assertUsable();
    const undo = this.checkpoint();
    const statements = build(this.planner);
    if (statements.length === 0 && sameState(undo.state, this.state)) return;
    this.dirty = true;
    try {
      // The counters' row goes with the writes: the COMMIT then needs no statement of its own.
      await this.runner.atomically([...statements, stateStatement(this.state)]);
      this.persisted = { ...this.state };
    } catch (e) {
      undo.restore();
      if (e instanceof TransactionBroken) this.broken = e.cause ?? e;
      throw e;
    }
  }

  /**
   * After `fn`: COMMIT if anything was written (the counters' row first, unless writeAll left it as it
   * is), else ROLLBACK.
   */
  async end(): Promise<void> {
    this.assertUsable();
    if (!this.dirty) {
      this.runner.finish();
      await this.ending.rollback();
      return;
    }
    if (!this.persisted || !sameState(this.persisted, this.state)) {
      const update = stateStatement(this.state);
      await this.sql(update.text, update.params);
    }
    this.runner.finish();
    const failed = await this.ending.commit();
    if (failed) {
      // SQLite keeps the transaction open after some failed COMMITs (a deferred constraint): end
      // it here, so the connection never goes back to the pool inside a half-done transaction.
      await this.runner.abandon();
      throw new CommitFailed(failed);
    }
  }

  private assertUsable(): void {
    if (this.broken) throw new TransactionBroken(this.broken);
  }

  /** The counters and `dirty` as now, to go back to when a step is undone. */
  private checkpoint() {
    const state = { ...this.state };
    const dirty = this.dirty;
    return {
      state,
      restore: () => {
        Object.assign(this.state, state);
        this.dirty = dirty;
      },
    };
  }

  private planChanges(items: readonly { kind: ChangeKind; key: string }[]): { first: number; statement: Stmt | null } {
    const first = this.state.version + 1;
    if (items.length === 0) return { first, statement: null };
    this.state.version += items.length;
    this.dirty = true;
    // One statement whatever the count (a roster import logs tens of thousands): the rows as one
    // JSON array, so the statement text never varies and stays prepared.
    return {
      first,
      statement: {
        text: `INSERT INTO changes (version, kind, "key") SELECT CAST(j.value->>0 AS INTEGER), j.value->>1, j.value->>2 FROM ${jsonRows(this.dialect)}`,
        params: [JSON.stringify(items.map((it, i) => [first + i, it.kind, it.key]))],
      },
    };
  }

  private planAudit(items: readonly { actor: string; action: string; payload: unknown }[]): { entries: AuditEntry[]; statement: Stmt | null } {
    const at = new Date().toISOString();
    const entries: AuditEntry[] = [];
    for (const it of items) {
      const entry = { seq: this.state.audit_seq + 1, at, actor: it.actor, action: it.action, payload: JSON.stringify(it.payload), prevHash: this.state.audit_hash };
      const full: AuditEntry = { ...entry, hash: auditHash(entry) };
      this.state.audit_seq = full.seq;
      this.state.audit_hash = full.hash;
      entries.push(full);
    }
    if (entries.length === 0) return { entries, statement: null };
    this.dirty = true;
    return {
      entries,
      statement: {
        text: `INSERT INTO audit (seq, at, actor, action, payload, prev_hash, hash)
           SELECT CAST(j.value->>0 AS INTEGER), j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, j.value->>6 FROM ${jsonRows(this.dialect)}`,
        params: [JSON.stringify(entries.map((e) => [e.seq, e.at, e.actor, e.action, e.payload, e.prevHash, e.hash]))],
      },
    };
  }
}

const sameState = (a: StateRow, b: StateRow) =>
  a.version === b.version && a.floor === b.floor && a.audit_seq === b.audit_seq && a.audit_hash === b.audit_hash;

function stateStatement(s: StateRow): Stmt {
  return {
    text: 'UPDATE sync_state SET version = ?, floor = ?, audit_seq = ?, audit_hash = ? WHERE id = 1',
    params: [s.version, s.floor, s.audit_seq, s.audit_hash],
  };
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

