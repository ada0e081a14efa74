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

type Refs = { nips: readonly string[]; codes: readonly string[]; mutationIds: readonly string[]; tokenIds: readonly number[] };
type TokenRow = { id: number | string; name: string; role: string; unit: string | null; revoked_at: string | null; expires_at: string | null };

/**
 * Reads what decisions about these refer to. SQLite: one statement (`readOfficialSqlite`); PostgreSQL:
 * seven, sent together.
 */
export async function readOfficial(w: Writer, refs: Refs): Promise<OfficialView> {
  return w.dialect === 'sqlite' ? readOfficialSqlite(w, refs) : readOfficialEach(w, refs);
}

/** The reads one statement each, sent together (PostgreSQL; on SQLite the reference the one-statement read is tested against). */
export async function readOfficialEach(w: Writer, refs: Refs): Promise<OfficialView> {
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
      : sql<TokenRow>(
        `SELECT id, name, role, unit, revoked_at, expires_at FROM tokens WHERE id IN (SELECT CAST(j.value AS INTEGER) FROM ${list('j')})`,
        [JSON.stringify([...new Set(refs.tokenIds)].map(String))],
      ),
  ]);
  return officialView(employees, positions, decisions, numbers, byNip, guard[0], tokens);
}

function officialView(
  employees: readonly EmployeeRow[],
  positions: readonly (PositionRow & { holders: number | string })[],
  decisions: readonly DecisionRow[],
  numbers: readonly { year: number | string; last: number | string }[],
  byNip: readonly DecisionRow[],
  guard: GuardRow | undefined,
  tokens: readonly TokenRow[],
): OfficialView {
  const sameMove = new Map<string, DecisionRecord>();
  for (const r of byNip) sameMove.set(moveKey(r.nip, r.to_code, r.effective_date), decisionFromRow(r));
  return {
    employees: new Map(employees.map((r) => [r.nip, employeeFromRow(r)])),
    positions: new Map(positions.map((r) => [r.code, { ...positionFromRow(r), holders: Number(r.holders) }])),
    recorded: new Map(decisions.map((r) => [r.mutation_id, decisionFromRow(r)])),
    lastRecordNo: new Map(numbers.map((r) => [Number(r.year), Number(r.last)])),
    sameMove,
    numberingHeld: heldReason(guard),
    tokens: new Map(tokens.map((r) => [Number(r.id), { name: r.name, role: r.role, unit: r.unit ?? null, revokedAt: r.revoked_at ?? null, expiresAt: r.expires_at ?? null }])),
  };
}

/**
 * The same reads as one SQLite statement: each list as a JSON array of row objects
 * (`json_group_array(json_object(…))`, every column of the table by name, as `SELECT *` gives them), so
 * the group waits for one trip to the driver's thread instead of seven statements contending for the
 * one connection on the thread pool (docs/server.md "Kinerja"). The text is built from the schema
 * (`pragma_table_info`) once per connection and kept (`Writer.memo`) with the schema version it was
 * built for; the statement returns the version it ran on, and a schema changed since (a migration) builds
 * it anew and reads again. Values keep their types (INTEGER, REAL, TEXT, NULL; the tables read hold no BLOB).
 */
export async function readOfficialSqlite(w: Writer, refs: Refs): Promise<OfficialView> {
  const params = [
    JSON.stringify([...new Set(refs.nips)]),
    JSON.stringify([...new Set(refs.codes)]),
    JSON.stringify([...new Set(refs.mutationIds)]),
    JSON.stringify([...new Set(refs.tokenIds)]),
  ];
  let shape = w.memo.get(OFFICIAL_READ) as { version: number; text: string } | undefined;
  for (let fresh = !shape; ; fresh = true) {
    shape ??= await officialReadShape(w);
    let row: OfficialReadRow | undefined;
    try {
      [row] = await w.sql<OfficialReadRow>(shape.text, params);
    } catch (e) {
      if (fresh) throw e;
      shape = undefined; // built for a schema that is gone (a column dropped): build it again
      continue;
    }
    if (!row) throw new Error('official read: no row');
    if (Number(row.sv) !== shape.version) {
      if (fresh) throw new Error('the schema changed while the record was read');
      shape = undefined;
      continue;
    }
    w.memo.set(OFFICIAL_READ, shape);
    const list = <T>(text: string | null): T[] => (text ? (JSON.parse(text) as T[]) : []);
    return officialView(
      list<EmployeeRow>(row.employees),
      list<PositionRow & { holders: number }>(row.positions),
      list<DecisionRow>(row.recorded),
      list<[number, number]>(row.numbers).map(([year, last]) => ({ year, last })),
      list<DecisionRow>(row.by_nip),
      row.guard ? (JSON.parse(row.guard) as GuardRow) : undefined,
      list<TokenRow>(row.tokens),
    );
  }
}

const OFFICIAL_READ = 'push-sql:official-read';

interface OfficialReadRow {
  sv: number;
  employees: string | null;
  positions: string | null;
  recorded: string | null;
  numbers: string | null;
  by_nip: string | null;
  guard: string | null;
  tokens: string | null;
}

/** The one-statement read's text for the schema as it is now, and that schema's version. */
async function officialReadShape(w: Writer): Promise<{ version: number; text: string }> {
  const [v] = await w.sql<{ sv: number }>('SELECT schema_version AS sv FROM pragma_schema_version');
  const names = async (table: string) => (await w.sql<{ name: string }>('SELECT name FROM pragma_table_info(?)', [table])).map((r) => r.name);
  const pair = (n: string, alias: string) => `'${n.replace(/'/g, "''")}', ${alias}."${n.replace(/"/g, '""')}"`;
  const columns = async (table: string, alias: string) => {
    const all = await names(table);
    if (all.length === 0) throw new Error(`official read: no table ${table}`);
    return all.map((n) => pair(n, alias)).join(', ');
  };
  // The token fields the writer checks; one a schema does not have yet (a database between migrations) reads NULL, as SELECT * would not give it.
  const tokenHas = new Set(await names('tokens'));
  const t = ['id', 'name', 'role', 'unit', 'revoked_at', 'expires_at'].map((n) => (tokenHas.has(n) ? pair(n, 't') : `'${n}', NULL`)).join(', ');
  const [e, p, d] = await Promise.all([columns('employees', 'e'), columns('positions', 'p'), columns('decisions', 'd')]);
  const text = `SELECT (SELECT schema_version FROM pragma_schema_version) AS sv,
  (SELECT json_group_array(json_object(${e})) FROM employees e WHERE e.nip IN (SELECT value FROM json_each(?1))) AS employees,
  (SELECT json_group_array(json_object(${p}, 'holders', (SELECT COUNT(*) FROM employees h WHERE h.position_code = p.code)))
     FROM positions p
    WHERE p.code IN (SELECT value FROM json_each(?2))
       OR p.code IN (SELECT e.position_code FROM employees e WHERE e.nip IN (SELECT value FROM json_each(?1)))) AS positions,
  (SELECT json_group_array(json_object(${d})) FROM decisions d WHERE d.mutation_id IN (SELECT value FROM json_each(?3))) AS recorded,
  (SELECT json_group_array(json_array(year, last)) FROM record_numbers) AS numbers,
  (SELECT json_group_array(json_object(${d})) FROM decisions d WHERE d.nip IN (SELECT value FROM json_each(?1))) AS by_nip,
  (SELECT json_object('held', held, 'reason', reason, 'identity', identity, 'here', NULL) FROM record_guard WHERE id = 1) AS guard,
  (SELECT json_group_array(json_object(${t})) FROM tokens t WHERE t.id IN (SELECT CAST(value AS INTEGER) FROM json_each(?4))) AS tokens`;
  return { version: Number(v!.sv), text };
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
