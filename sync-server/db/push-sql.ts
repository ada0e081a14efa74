/**
 * The push path's statements, written by hand for the writer's `sql` (db/writer.ts): every decision
 * runs them while holding the writer lock, so they are few, and portable (SQLite and PostgreSQL, `?`
 * placeholders). Everything else reads and writes through knex's query builder.
 */
import {
  decisionFromRow, decisionToRow, employeeFromRow, positionFromRow,
  type DecisionRecord, type DecisionRow, type EmployeeRecord, type EmployeeRow, type PositionRow,
} from './records';
import type { PositionWithHolders } from './queries';
import type { Sql } from './writer';

/**
 * The employee (null when the NIP is unknown) and the record number under which this mutation was
 * recorded before, if it was: one statement whichever of the two exists.
 */
export async function employeeAndPrior(sql: Sql, nip: string, mutationId: string): Promise<{ employee: EmployeeRecord | null; priorRecordNo: string | null }> {
  const [row] = await sql<Partial<EmployeeRow> & { prior_record_no: string | null }>(
    `SELECT (SELECT record_no FROM decisions WHERE mutation_id = ?) AS prior_record_no, e.*
       FROM (SELECT 1 AS one) AS one LEFT JOIN employees e ON e.nip = ?`,
    [mutationId, nip],
  );
  return {
    employee: row?.nip ? employeeFromRow(row as EmployeeRow) : null,
    priorRecordNo: row?.prior_record_no ?? null,
  };
}

/**
 * The target and the position the employee holds now (found by a subquery, no earlier round trip),
 * each with today's holders counted in the official record.
 */
export async function targetAndCurrent(sql: Sql, toCode: string, nip: string): Promise<Map<string, PositionWithHolders>> {
  const rows = await sql<PositionRow & { holders: number | string }>(
    `SELECT p.*, (SELECT COUNT(*) FROM employees e WHERE e.position_code = p.code) AS holders
       FROM positions p
      WHERE p.code = ? OR p.code = (SELECT position_code FROM employees WHERE nip = ?)`,
    [toCode, nip],
  );
  return new Map(rows.map((r) => [r.code, { ...positionFromRow(r), holders: Number(r.holders) }]));
}

export async function decisionByRecordNo(sql: Sql, recordNo: string): Promise<DecisionRecord | null> {
  const [row] = await sql<DecisionRow>('SELECT * FROM decisions WHERE record_no = ?', [recordNo]);
  return row ? decisionFromRow(row) : null;
}

/** MUT-<year>-<6 digits>: the next number of the year, gap-free under the writer lock, one statement. */
export async function nextRecordNo(sql: Sql, year: number): Promise<string> {
  const [row] = await sql<{ last: number | string }>(
    'INSERT INTO record_numbers (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = record_numbers.last + 1 RETURNING last',
    [year],
  );
  return `MUT-${year}-${String(Number(row!.last)).padStart(6, '0')}`;
}

export async function moveEmployee(sql: Sql, nip: string, toCode: string, start: string, version: number): Promise<void> {
  await sql('UPDATE employees SET position_code = ?, position_start = ?, version = ? WHERE nip = ?', [toCode, start, version, nip]);
}

const DECISION_COLUMNS = Object.keys(decisionToRow({} as DecisionRecord, 0)) as (keyof DecisionRow)[];

export async function insertDecision(sql: Sql, d: DecisionRecord, tokenId: number): Promise<void> {
  const row = decisionToRow(d, tokenId);
  await sql(
    `INSERT INTO decisions (${DECISION_COLUMNS.join(', ')}) VALUES (${DECISION_COLUMNS.map(() => '?').join(', ')})`,
    DECISION_COLUMNS.map((c) => row[c] ?? null),
  );
}
