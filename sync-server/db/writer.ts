/**
 * Every write to the official record goes through `withWriter`: one transaction that first takes the
 * writer lock on the single `sync_state` row, so concurrent writers (requests in one process, or
 * several server processes on PostgreSQL) run one after another. Inside it:
 *  - each change gets the next version of the one counter, advanced in this same transaction, so a
 *    reader can never see version N+1 committed while N is still to come (no sequence, no clock);
 *  - each audit entry is chained to the previous one (seq, prevHash) and the head is kept in the
 *    same row, so deleting the newest entry is as visible as editing an old one.
 * Nothing is written unless the callback succeeds: an error rolls everything back.
 */
import type { Knex } from 'knex';
import type { Db } from './connect';
import { auditHash, type AuditEntry } from './audit-hash';

export type ChangeKind = 'employee' | 'position' | 'decision';

export interface Writer {
  trx: Knex.Transaction;
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
  return db.knex.transaction(async (trx) => {
    const state = await lockState(db, trx);
    let dirty = false;
    const w: Writer = {
      trx,
      settingsJson: state.settings,
      version: () => state.version,
      async change(kind, key) {
        return w.changes([{ kind, key }]);
      },
      async changes(items) {
        const first = state.version + 1;
        const rows = items.map((it, i) => ({ version: first + i, kind: it.kind, key: it.key }));
        // Chunked: SQLite limits bound parameters per statement.
        for (let i = 0; i < rows.length; i += 300) await trx('changes').insert(rows.slice(i, i + 300));
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
        await trx('audit').insert({
          seq: full.seq, at: full.at, actor: full.actor, action: full.action,
          payload: full.payload, prev_hash: full.prevHash, hash: full.hash,
        });
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
    const result = await fn(w);
    if (dirty) {
      await trx('sync_state').where({ id: 1 }).update({
        version: state.version, floor: state.floor, audit_seq: state.audit_seq, audit_hash: state.audit_hash,
      });
    }
    return result;
  });
}

/**
 * Takes the writer lock and reads the state, in one statement. PostgreSQL: a row lock (SELECT … FOR
 * UPDATE) that other writers wait on. SQLite: a no-op UPDATE … RETURNING, which makes this
 * transaction the writer at once (waiting up to busy_timeout) instead of failing later when a read
 * transaction tries to become one.
 */
async function lockState(db: Db, trx: Knex.Transaction): Promise<StateRow> {
  const settings = "(SELECT value FROM parameters WHERE key = 'settings') AS settings";
  const sql =
    db.dialect === 'postgres'
      ? `SELECT version, floor, audit_seq, audit_hash, ${settings} FROM sync_state WHERE id = 1 FOR UPDATE`
      : `UPDATE sync_state SET version = version WHERE id = 1 RETURNING version, floor, audit_seq, audit_hash, ${settings}`;
  const [row] = rawRows<StateRow>(await trx.raw(sql));
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
