/**
 * Record numbers are never given twice, even after a restore. A number, once given, is printed in
 * workbooks and on /pengumuman; a database restored from a backup knows only the numbers given before
 * that backup, so its counter (`record_numbers`) would hand the later ones out again to other people.
 * The database cannot know what was given after the backup, so after a restore it gives none until the
 * administrator says where to continue (`mutasi nomor lanjut --terakhir MUT-2027-000123`): the highest
 * number known to be published (a workbook, the old server's /pengumuman, the printed decision).
 *
 * A restored copy is recognised by the guard row (table `record_guard`, migration 0002):
 *  - SQLite: `mutasi backup` marks its copy "held" (the live database is not changed), so a copy put
 *    back in place of the database, however it is copied, holds numbering;
 *  - PostgreSQL: a dump cannot be marked after it is written, so the row keeps the identity of the
 *    database numbers were last given in (the cluster's system identifier and the database's oid); a
 *    dump restored into another database (as docs/server.md says to) has another identity and holds.
 * While held, a push that would record a decision is answered 503 with the instruction; duplicates are
 * still answered. Releasing the hold is audited (`numbering.resume`).
 */
import type { Knex } from 'knex';
import type { Db, Dialect } from './connect';
import { withWriter } from './writer';
import { auditWithState } from './audit-state';

export interface GuardRow {
  held: number | string | boolean;
  reason: string | null;
  identity: string | null;
  here: string | null;
}

const PG_IDENTITY = `(SELECT s.system_identifier::text || ':' || d.oid::text FROM pg_control_system() s, pg_database d WHERE d.datname = current_database())`;

/** The guard row with the identity of the database the statement runs in (`here`). */
export function guardQuery(dialect: Dialect): string {
  return `SELECT held, reason, identity, ${dialect === 'postgres' ? PG_IDENTITY : 'NULL'} AS here FROM record_guard WHERE id = 1`;
}

export const HELD_DEFAULT = 'basis data ini dipulihkan dari cadangan';

/** Why numbering is held, or null when numbers may be given. */
export function heldReason(row: GuardRow | undefined): string | null {
  if (!row) return null;
  if (Number(row.held) === 1 || row.held === true) return row.reason || HELD_DEFAULT;
  if (row.here !== null && row.identity !== null && row.here !== row.identity) {
    return 'basis data PostgreSQL ini bukan basis data tempat nomor terakhir diberikan (dipulihkan dari cadangan ke basis data lain)';
  }
  return null;
}

/** What the administrator is told (the 503 of a push, `mutasi nomor`). */
export function heldMessage(reason: string): string {
  return (
    `Penomoran keputusan ditahan: ${reason}. Nomor yang sudah diumumkan sesudah cadangan diambil tidak diketahui basis data ini, ` +
    'jadi tidak ada nomor baru sampai admin menjalankan: npx mutasi nomor lanjut --terakhir <nomor tertinggi yang pernah terbit, mis. MUT-2027-000123>'
  );
}

export interface NumberingStatus {
  held: string | null;
  /** By year, the last number given in this database. */
  last: Record<string, number>;
}

export async function numberingStatus(db: Db): Promise<NumberingStatus> {
  const [guard] = (await db.knex.raw(guardQuery(db.dialect)).then(rowsOf)) as GuardRow[];
  const numbers = (await db.knex('record_numbers').select('year', 'last').orderBy('year')) as { year: number; last: number }[];
  return { held: heldReason(guard), last: Object.fromEntries(numbers.map((r) => [String(r.year), Number(r.last)])) };
}

/** Marks a (copied) database as held: used on a backup copy. */
export async function holdNumbering(knex: Knex, reason: string): Promise<void> {
  await knex('record_guard').where({ id: 1 }).update({ held: 1, reason });
}

/** `MUT-2027-000123` → { year: 2027, n: 123 }, or null. */
export function parseRecordNo(s: string): { year: number; n: number } | null {
  const m = /^MUT-(\d{4})-(\d{6,})$/.exec(s.trim());
  return m ? { year: Number(m[1]), n: Number(m[2]) } : null;
}

export interface ResumeReport {
  /** By year: the counter before and after (the next number given is after + 1). */
  years: { year: number; before: number; after: number; next: string }[];
  wasHeld: string | null;
}

/**
 * Lets numbering go on after a restore: each year's counter goes up to at least the number given
 * (never down), the hold is lifted, and this database becomes the one numbers are given in. Audited.
 */
export async function resumeNumbering(db: Db, lastIssued: readonly { year: number; n: number }[], actor: string): Promise<ResumeReport> {
  return withWriter(db, async (w) => {
    const { trx } = w;
    const since = w.version();
    const [guard] = (await trx.raw(guardQuery(db.dialect)).then(rowsOf)) as GuardRow[];
    const wasHeld = heldReason(guard);
    const current = new Map(((await trx('record_numbers').select('year', 'last')) as { year: number; last: number }[]).map((r) => [Number(r.year), Number(r.last)]));
    const wanted = new Map<number, number>();
    for (const { year, n } of lastIssued) wanted.set(year, Math.max(wanted.get(year) ?? 0, n));
    const years: ResumeReport['years'] = [];
    for (const [year, n] of [...wanted].sort((a, b) => a[0] - b[0])) {
      const before = current.get(year) ?? 0;
      const after = Math.max(before, n);
      if (after !== before) {
        await trx('record_numbers').insert({ year, last: after }).onConflict('year').merge();
      }
      years.push({ year, before, after, next: formatRecordNo(year, after + 1) });
    }
    await trx('record_guard').where({ id: 1 }).update({ held: 0, reason: null, identity: guard?.here ?? null });
    // With the counters as they now are (db/audit-state.ts): a counter later rewound below the number
    // resumed from is reported by `audit verify`.
    await auditWithState(w, since, actor, 'numbering.resume', { wasHeld, years });
    return { years, wasHeld };
  });
}

const formatRecordNo = (year: number, n: number) => `MUT-${year}-${String(n).padStart(6, '0')}`;

function rowsOf(r: unknown): unknown[] {
  return Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? []);
}
