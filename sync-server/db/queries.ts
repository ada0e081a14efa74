/** Reads of the official record. `unit` limits a query to the positions of one unit (scoped tokens). */
import type { Knex } from 'knex';
import type { Db } from './connect';
import {
  decisionFromRow, employeeFromRow, positionFromRow,
  type DecisionRecord, type DecisionRow, type EmployeeRecord, type EmployeeRow, type PositionRecord, type PositionRow,
} from './records';

type Q = Knex | Knex.Transaction;

export async function getEmployee(q: Q, nip: string): Promise<EmployeeRecord | null> {
  const row = (await q('employees').where({ nip }).first()) as EmployeeRow | undefined;
  return row ? employeeFromRow(row) : null;
}

export async function getPosition(q: Q, code: string): Promise<PositionRecord | null> {
  const row = (await q('positions').where({ code }).first()) as PositionRow | undefined;
  return row ? positionFromRow(row) : null;
}

/** People holding each of `codes` today (the official record, not the proposals). */
export async function holderCounts(q: Q, codes: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(codes.map((c) => [c, 0]));
  if (codes.length === 0) return out;
  const rows = (await q('employees').select('position_code').count({ n: '*' }).whereIn('position_code', codes).groupBy('position_code')) as { position_code: string; n: number | string }[];
  for (const r of rows) out.set(r.position_code, Number(r.n));
  return out;
}

export interface PositionWithHolders extends PositionRecord {
  holders: number;
}

export async function listPositions(q: Q, unit?: string | null): Promise<PositionWithHolders[]> {
  const base = q('positions').orderBy('code');
  if (unit) base.where({ unit });
  const rows = (await base) as PositionRow[];
  const counts = (await q('employees').select('position_code').count({ n: '*' }).groupBy('position_code')) as { position_code: string; n: number | string }[];
  const byCode = new Map(counts.map((c) => [c.position_code, Number(c.n)]));
  return rows.map((r) => ({ ...positionFromRow(r), holders: byCode.get(r.code) ?? 0 }));
}

export async function listEmployees(q: Q, unit?: string | null): Promise<EmployeeRecord[]> {
  const base = q('employees').select('employees.*').orderBy('employees.nip');
  if (unit) base.join('positions', 'positions.code', 'employees.position_code').where('positions.unit', unit);
  return ((await base) as EmployeeRow[]).map(employeeFromRow);
}

export interface DecisionFilter {
  /** Effective date range, inclusive, ISO. */
  from?: string;
  to?: string;
  /** Decisions into or out of a position of this unit. */
  unit?: string | null;
  limit?: number;
}

export async function listDecisions(q: Q, f: DecisionFilter = {}): Promise<DecisionRecord[]> {
  const base = q('decisions').select('decisions.*').orderBy('decisions.record_no');
  if (f.from) base.where('decisions.effective_date', '>=', f.from);
  if (f.to) base.where('decisions.effective_date', '<=', f.to);
  if (f.unit) {
    const unit = f.unit;
    base.where((w) =>
      w.whereIn('decisions.to_code', q('positions').select('code').where({ unit }))
        .orWhereIn('decisions.from_code', q('positions').select('code').where({ unit })),
    );
  }
  if (f.limit) base.limit(f.limit);
  return ((await base) as DecisionRow[]).map(decisionFromRow);
}

export async function getDecisionByMutation(q: Q, mutationId: string): Promise<DecisionRecord | null> {
  const row = (await q('decisions').where({ mutation_id: mutationId }).first()) as DecisionRow | undefined;
  return row ? decisionFromRow(row) : null;
}

export async function syncState(q: Q): Promise<{ version: number; floor: number }> {
  const s = await q('sync_state').where({ id: 1 }).first();
  return { version: Number(s.version), floor: Number(s.floor) };
}

export async function getParameter<T>(q: Q, key: string): Promise<T | null> {
  const row = (await q('parameters').where({ key }).first()) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function setParameter(q: Q, key: string, value: unknown): Promise<void> {
  await q('parameters').insert({ key, value: JSON.stringify(value) }).onConflict('key').merge();
}

export async function countRows(db: Db, table: string): Promise<number> {
  const r = (await db.knex(table).count({ n: '*' }).first()) as { n: number | string };
  return Number(r.n);
}

export async function getDecision(q: Q, recordNo: string): Promise<DecisionRecord | null> {
  const row = (await q('decisions').where({ record_no: recordNo }).first()) as DecisionRow | undefined;
  return row ? decisionFromRow(row) : null;
}
