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
 * no disk flush for it.
 */
import type { Knex } from 'knex';
import type { Db } from './connect';
import { auditHash, type AuditEntry } from './audit-hash';

export type ChangeKind = 'employee' | 'position' | 'decision';

/** One SQL statement with `?` placeholders, inside the writer's transaction; resolves to its rows. */
export type Sql = <T = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<T[]>;

export interface Writer {
  trx: Knex.Transaction;
  /**
   * Hand-written SQL in the same transaction, for the push path: every decision waits for the one
   * before it, so each statement's cost is everyone's. On SQLite it goes straight to the driver on the
   * transaction's connection (a fraction of the query builder's overhead); on PostgreSQL through
   * knex.raw. Write it portable (both dialects), parameters as `?`.
   */
  sql: Sql;
  /** Reserves the next version for a change of `kind` / `key` and logs it in `changes`. */
  change(kind: ChangeKind, key: string): Promise<number>;
  /** Reserves versions for many changes at once (roster import). Returns the first version. */
  changes(items: { kind: ChangeKind; key: string }[]): Promise<number>;
  audit(actor: string, action: string, payload: unknown): Promise<AuditEntry>;
  /** The counter as of now inside this transaction. */
  version(): number;
  /** Changes at or below this version are no longer served one by one (a reader gets a snapshot). */
  setFloor(floor: number): Promise<void>;
  /**
   * The agency's rule parameters as stored at import (JSON), read together with the lock: every
   * push needs them, and one statement fewer inside the lock is throughput for everyone.
   */
  settingsJson: string | null;
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
  const trx = await db.knex.transaction();
  let result: T;
  try {
    const sql = await sqlOf(db, trx);
    const state = await lockState(db, sql);
    let dirty = false;
    const w: Writer = {
      trx,
      sql,
      settingsJson: state.settings,
      version: () => state.version,
      change(kind, key) {
        return w.changes([{ kind, key }]);
      },
      async changes(items) {
        const first = state.version + 1;
        // Chunked: SQLite limits bound parameters per statement.
        for (let i = 0; i < items.length; i += 300) {
          const chunk = items.slice(i, i + 300);
          await sql(
            `INSERT INTO changes (version, kind, "key") VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
            chunk.flatMap((it, j) => [first + i + j, it.kind, it.key]),
          );
        }
        state.version += items.length;
        dirty = true;
        return first;
      },
      async audit(actor, action, payload) {
        const entry = {
          seq: state.audit_seq + 1,
          at: new Date().toISOString(),
          actor,
          action,
          payload: JSON.stringify(payload),
          prevHash: state.audit_hash,
        };
        const full: AuditEntry = { ...entry, hash: auditHash(entry) };
        await sql('INSERT INTO audit (seq, at, actor, action, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          full.seq, full.at, full.actor, full.action, full.payload, full.prevHash, full.hash,
        ]);
        state.audit_seq = full.seq;
        state.audit_hash = full.hash;
        dirty = true;
        return full;
      },
      async setFloor(floor) {
        state.floor = floor;
        dirty = true;
      },
    };
    result = await fn(w);
    if (dirty) {
      await sql('UPDATE sync_state SET version = ?, floor = ?, audit_seq = ?, audit_hash = ? WHERE id = 1', [
        state.version, state.floor, state.audit_seq, state.audit_hash,
      ]);
      await trx.commit();
    } else {
      await trx.rollback();
    }
  } catch (e) {
    if (!trx.isCompleted()) await trx.rollback().catch(() => undefined);
    throw e;
  }
  return result;
}

interface SqliteDriverConnection {
  all(sql: string, params: readonly unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
}

/** The statement runner of one transaction (see Writer.sql). */
async function sqlOf(db: Db, trx: Knex.Transaction): Promise<Sql> {
  if (db.dialect === 'sqlite') {
    // The transaction's own connection (knex hands it out to queries of this trx only).
    const conn = (await (trx as unknown as { client: { acquireConnection(): Promise<SqliteDriverConnection> } }).client.acquireConnection());
    return <T>(text: string, params: readonly unknown[] = []) =>
      new Promise<T[]>((resolve, reject) => conn.all(text, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  }
  return async <T>(text: string, params: readonly unknown[] = []) => rawRows<T>(await trx.raw(text, params as Knex.RawBinding[]));
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

/** Rows of a raw statement: pg gives { rows }, sqlite3 the array itself. */
export function rawRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
