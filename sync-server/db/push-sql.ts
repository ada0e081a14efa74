/**
 * The push path's statements (server/push/record.ts's batch), written by hand for the writer's `sql`
 * (db/writer.ts): the same few statements whatever the batch's size. Lists go in as one JSON
 * parameter (`jsonRows`), so the statement texts never vary and stay prepared. Portable: SQLite and PostgreSQL, `?` placeholders. Everything else reads and writes
 * through knex's query builder.
 */
import {
  decisionFromRow, decisionToRow, employeeFromRow, positionFromRow,
  type DecisionRecord, type DecisionRow, type EmployeeRecord, type EmployeeRow, type PositionRow,
} from './records';
import type { PositionWithHolders } from './queries';
import type { Dialect } from './connect';
import { jsonRows, type Stmt, type Writer } from './writer';
import { guardQuery, heldReason, type GuardRow } from './numbering';

/** The part of the official record a group of decisions needs, as it is in the transaction. */
export interface OfficialView {
  /** By NIP: the group's employees (an unknown NIP is absent). */
  employees: Map<string, EmployeeRecord>;
  /** By code: the targets and the positions the employees hold now, each with its holders counted. */
  positions: Map<string, PositionWithHolders>;
  /** By mutationId: decisions already recorded under one of the group's mutation ids. */
  recorded: Map<string, DecisionRecord>;
  /** By year: the last record number given (MUT-<year>-<last>). */
  lastRecordNo: Map<number, number>;
  /** By `moveKey(nip, to, TMT)`: decisions already recorded for the group's employees (any mutation id). */
  sameMove: Map<string, DecisionRecord>;
  /** Why no record number may be given now (a restored copy: db/numbering.ts), or null. */
  numberingHeld: string | null;
  /**
   * By id: the tokens of the group's decisions that ask for it (`RecordContext.recheckToken`) as they are now, under the writer lock (their revocation, expiry, role,
   * unit and name); a token not there is absent. The request authenticated its token before it joined
   * the group, possibly from the server's cache (server/auth.ts): this is the check that counts.
   */
  tokens: Map<number, TokenState>;
}

/** A token as the writer sees it inside the transaction. */
export interface TokenState {
  name: string;
  role: string;
  unit: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
}

/** One person's one move: the same NIP, target and TMT is the same decision, whatever its mutation id. */
export function moveKey(nip: string, toCode: string, effectiveDate: string): string {
  return `${nip}\u0000${toCode}\u0000${effectiveDate}`;
}

/** Reads, in one round (the statements go out together), what decisions about these refer to. */
export async function readOfficial(
  w: Writer,
  refs: { nips: readonly string[]; codes: readonly string[]; mutationIds: readonly string[]; tokenIds: readonly number[] },
): Promise<OfficialView> {
  const { sql, dialect } = w;
  const list = (alias: string) => jsonRows(dialect, 'text', alias);
  const nips = JSON.stringify([...new Set(refs.nips)]);
  const [employees, positions, decisions, numbers, byNip, guard, tokens] = await Promise.all([
    sql<EmployeeRow>(`SELECT * FROM employees WHERE nip IN (SELECT j.value FROM ${list('j')})`, [nips]),
    sql<PositionRow & { holders: number | string }>(
      `SELECT p.*, (SELECT COUNT(*) FROM employees h WHERE h.position_code = p.code) AS holders
         FROM positions p
        WHERE p.code IN (SELECT j.value FROM ${list('j')})
           OR p.code IN (SELECT e.position_code FROM employees e WHERE e.nip IN (SELECT k.value FROM ${list('k')}))`,
      [JSON.stringify([...new Set(refs.codes)]), nips],
    ),
    sql<DecisionRow>(`SELECT * FROM decisions WHERE mutation_id IN (SELECT j.value FROM ${list('j')})`, [JSON.stringify([...new Set(refs.mutationIds)])]),
    sql<{ year: number | string; last: number | string }>('SELECT year, last FROM record_numbers'),
    sql<DecisionRow>(`SELECT * FROM decisions WHERE nip IN (SELECT j.value FROM ${list('j')})`, [nips]),
    sql<GuardRow>(guardQuery(dialect)),
    refs.tokenIds.length === 0
      ? Promise.resolve([])
      : sql<{ id: number | string; name: string; role: string; unit: string | null; revoked_at: string | null; expires_at: string | null }>(
        `SELECT id, name, role, unit, revoked_at, expires_at FROM tokens WHERE id IN (SELECT CAST(j.value AS INTEGER) FROM ${list('j')})`,
        [JSON.stringify([...new Set(refs.tokenIds)].map(String))],
      ),
  ]);
  const sameMove = new Map<string, DecisionRecord>();
  for (const r of byNip) sameMove.set(moveKey(r.nip, r.to_code, r.effective_date), decisionFromRow(r));
  return {
    employees: new Map(employees.map((r) => [r.nip, employeeFromRow(r)])),
    positions: new Map(positions.map((r) => [r.code, { ...positionFromRow(r), holders: Number(r.holders) }])),
    recorded: new Map(decisions.map((r) => [r.mutation_id, decisionFromRow(r)])),
    lastRecordNo: new Map(numbers.map((r) => [Number(r.year), Number(r.last)])),
    sameMove,
    numberingHeld: heldReason(guard[0]),
    tokens: new Map(tokens.map((r) => [Number(r.id), { name: r.name, role: r.role, unit: r.unit ?? null, revokedAt: r.revoked_at ?? null, expiresAt: r.expires_at ?? null }])),
  };
}

export function formatRecordNo(year: number, n: number): string {
  return `MUT-${year}-${String(n).padStart(6, '0')}`;
}

/** Where an employee sits after the group's moves. */
export interface EmployeePlace {
  nip: string;
  positionCode: string;
  positionStart: string;
  version: number;
}

const DECISION_COLUMNS = Object.keys(decisionToRow({} as DecisionRecord, 0)) as (keyof DecisionRow)[];
const INTEGER_COLUMNS = new Set<keyof DecisionRow>(['token_id', 'employee_version', 'version']);

/**
 * The statements that write the group's recorded decisions: the employees' new places (each NIP once,
 * its last place), the decisions, and the record numbers reached per year. The change log and the
 * audit entries are planned by the writer (`plan.changes`, `plan.audit`); the caller runs all of them
 * together with `w.writeAll`.
 */
export function decisionStatements(
  dialect: Dialect,
  decisions: readonly { decision: DecisionRecord; tokenId: number }[],
  places: readonly EmployeePlace[],
  lastRecordNo: ReadonlyMap<number, number>,
): Stmt[] {
  const rows = jsonRows(dialect, 'arrays', 'j');
  const out: Stmt[] = [];
  if (places.length > 0) {
    out.push({
      text: `UPDATE employees SET position_code = j.value->>1, position_start = j.value->>2, version = CAST(j.value->>3 AS INTEGER)
           FROM ${rows} WHERE employees.nip = j.value->>0`,
      params: [JSON.stringify(places.map((p) => [p.nip, p.positionCode, p.positionStart, p.version]))],
    });
  }
  if (decisions.length > 0) {
    // The explanation column (migration 0007) only when a decision of the group has one, as the siasn ids.
    const columns: (keyof DecisionRow)[] = decisions.some(({ decision }) => decision.explanation) ? [...DECISION_COLUMNS, 'explanation'] : DECISION_COLUMNS;
    const select = columns.map((c, i) => (INTEGER_COLUMNS.has(c) ? `CAST(j.value->>${i} AS INTEGER)` : `j.value->>${i}`));
    out.push({
      text: `INSERT INTO decisions (${columns.join(', ')}) SELECT ${select.join(', ')} FROM ${rows}`,
      params: [
        JSON.stringify(decisions.map(({ decision, tokenId }) => {
          const row = decisionToRow(decision, tokenId);
          return columns.map((c) => row[c] ?? null);
        })),
      ],
    });
  }
  for (const [year, last] of lastRecordNo) {
    out.push({ text: 'INSERT INTO record_numbers (year, last) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last = excluded.last', params: [year, last] });
  }
  return out;
}
