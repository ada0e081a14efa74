/**
 * The state the audit chain vouches for, beyond the decisions themselves: who may do what (tokens),
 * the roster (employees, positions), the agency's parameters, the change log that pulls are served
 * from, and the record-number and version counters. `audit verify` replays it from the chain and
 * compares it with the tables (db/audit-verify.ts), so a hand edit that makes a staff token an
 * approver, moves an employee, raises `positions.needed`, changes a rule parameter, deletes `changes`
 * rows or rewinds a counter is reported.
 *
 * Every write that changes one of these carries a `state` in its audit entry's payload:
 *  - `e` / `p`: the employees / positions written by it (key, digest of their content, and for an
 *    employee the place a decision may later change: position code, start, version);
 *  - `c`: the change-log rows it wrote ([version, kind, key]); `floor`: the change log's floor after it;
 *  - `t`, `par`, `rn`, `v`: the whole (small) tokens, parameters and record-number tables, and the
 *    version counter, as they are after it.
 * A decision's entry needs none of it: the decision says where its employee went, the versions it took
 * and its record number. Writers use `auditWithState` (it reads back what the transaction wrote, so a
 * writer only says when it began). Migration 0003 wrote one `audit.baseline` entry holding the whole
 * state of a database that existed before this: entries older than that carry no state, and verify
 * starts its replay there.
 */
import type { Knex } from 'knex';
import { sha256Hex, stableStringify } from './hash';
import { employeeFromRow, positionFromRow, type EmployeeRow, type PositionRow } from './records';
import type { Writer } from './writer';

export const BASELINE_ACTION = 'audit.baseline';

/** [nip, digest of everything but the place, position code, position start, version] */
export type EmployeeState = [string, string, string, string | null, number];
/** [code, digest of everything but the version, version] */
export type PositionState = [string, string, number];
/** [version, kind, key] */
export type ChangeState = [number, string, string];

export interface AuditState {
  e?: EmployeeState[];
  p?: PositionState[];
  c?: ChangeState[];
  floor?: number;
  /** token id → digest of its row */
  t?: Record<string, string>;
  /** parameter key → digest of its stored text */
  par?: Record<string, string>;
  /** year → last record number given */
  rn?: Record<string, number>;
  /** the version counter */
  v?: number;
}

const digest = (value: unknown): string => sha256Hex(typeof value === 'string' ? value : stableStringify(value)).slice(0, 32);

export function employeeState(row: EmployeeRow): EmployeeState {
  const { positionCode, positionStart, version, ...rest } = employeeFromRow(row);
  return [row.nip, digest(rest), positionCode, positionStart ?? null, Number(version)];
}

export function positionState(row: PositionRow): PositionState {
  const { version, ...rest } = positionFromRow(row);
  return [row.code, digest(rest), Number(version)];
}

export interface TokenStateRow {
  id: number;
  name: string;
  role: string;
  unit: string | null;
  hash: string;
  created_at: string;
  revoked_at: string | null;
  expires_at?: string | null;
}

export function tokenDigest(r: TokenStateRow): string {
  return digest({
    id: Number(r.id), name: r.name, role: r.role, unit: r.unit ?? null, hash: r.hash,
    createdAt: r.created_at, revokedAt: r.revoked_at ?? null, expiresAt: r.expires_at ?? null,
  });
}

export const parameterDigest = (text: string): string => digest(String(text));

type Q = Knex | Knex.Transaction;

/** The small tables as they are now: tokens, parameters, record numbers. */
export async function smallTables(q: Q): Promise<Pick<AuditState, 't' | 'par' | 'rn'>> {
  // One after the other: inside a PostgreSQL transaction they share one connection.
  const tokens = (await q('tokens').select('*')) as TokenStateRow[];
  const params = (await q('parameters').select('key', 'value')) as { key: string; value: string }[];
  const numbers = (await q('record_numbers').select('year', 'last')) as { year: number; last: number }[];
  return {
    t: Object.fromEntries(tokens.map((r) => [String(r.id), tokenDigest(r)])),
    par: Object.fromEntries(params.map((r) => [r.key, parameterDigest(r.value)])),
    rn: Object.fromEntries(numbers.map((r) => [String(r.year), Number(r.last)])),
  };
}

/**
 * The state a write transaction leaves, for its audit entry: every employee, position and change-log
 * row with a version above `since` (what this transaction wrote: versions only grow), the floor and
 * the counter, and the small tables whole.
 */
export async function stateSince(w: Writer, since: number): Promise<AuditState> {
  const q = w.trx;
  const state: AuditState = { ...(await smallTables(q)), v: w.version(), floor: w.floor() };
  if (w.version() > since) {
    const employees = (await q('employees').where('version', '>', since).orderBy('nip')) as EmployeeRow[];
    const positions = (await q('positions').where('version', '>', since).orderBy('code')) as PositionRow[];
    const changes = (await q('changes').where('version', '>', since).orderBy('version')) as { version: number; kind: string; key: string }[];
    state.e = employees.map(employeeState);
    state.p = positions.map(positionState);
    state.c = changes.map((r) => [Number(r.version), r.kind, r.key]);
  }
  return state;
}

/**
 * Appends an audit entry whose payload also holds the state this transaction leaves (`state`, see
 * above). `since`: `w.version()` when the transaction began writing.
 */
export async function auditWithState(w: Writer, since: number, actor: string, action: string, payload: Record<string, unknown>) {
  return w.audit(actor, action, { ...payload, state: await stateSince(w, since) });
}

/** The whole state of a database, for the baseline entry of migration 0003. */
export async function fullState(q: Q): Promise<AuditState> {
  const employees = (await q('employees').orderBy('nip')) as EmployeeRow[];
  const positions = (await q('positions').orderBy('code')) as PositionRow[];
  const changes = (await q('changes').orderBy('version')) as { version: number; kind: string; key: string }[];
  const sync = (await q('sync_state').where({ id: 1 }).first()) as { version: number; floor: number };
  return {
    ...(await smallTables(q)),
    e: employees.map(employeeState),
    p: positions.map(positionState),
    c: changes.map((r) => [Number(r.version), r.kind, r.key]),
    floor: Number(sync.floor),
    v: Number(sync.version),
  };
}

/** A digest of what a roster import was given (its employees, positions and settings), for its entry. */
export function rosterDigest(input: { employees: unknown; positions: unknown; settings?: unknown }): string {
  return sha256Hex(stableStringify({ employees: input.employees, positions: input.positions, settings: input.settings ?? null }));
}
