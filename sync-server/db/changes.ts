/**
 * Pull: the changes after a cursor, in version order, read in one consistent snapshot. Each change
 * carries the entity's current state; a change already superseded by a later one (same entity) is
 * left out, since the later one is delivered too. A cursor ahead of the counter (another server's
 * database, a restored backup) or behind the floor (an import replaced the roster) gets a full
 * snapshot instead, with `reset: true`.
 */
import type { Knex } from 'knex';
import type { Db } from './connect';
import type { ChangeKind } from './writer';
import {
  decisionFromRow, employeeFromRow, positionFromRow,
  type DecisionRecord, type DecisionRow, type EmployeeRecord, type EmployeeRow, type PositionRecord, type PositionRow,
} from './records';
import { listDecisions, listEmployees, listPositions } from './queries';
import { followupFromRow, listFollowups, type FollowupRow } from './followups';
import type { FollowupRecord } from '../../shared/followup';

export type ChangeItem =
  | { version: number; kind: 'employee'; data: EmployeeRecord }
  | { version: number; kind: 'position'; data: PositionRecord }
  | { version: number; kind: 'decision'; data: DecisionRecord }
  | { version: number; kind: 'followup'; data: FollowupRecord };

export interface Snapshot {
  employees: EmployeeRecord[];
  positions: PositionRecord[];
  decisions: DecisionRecord[];
  /** Follow-ups after the move that have been written (of the receiving unit, for a scoped token). */
  followups: FollowupRecord[];
}

export interface PullResult {
  cursor: number;
  more: boolean;
  reset: boolean;
  changes: ChangeItem[];
  snapshot?: Snapshot;
}

/** Runs a read in one snapshot: PostgreSQL repeatable read; SQLite transactions always are one. */
export async function inSnapshot<T>(db: Db, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  const trx = await db.read.transaction(db.dialect === 'postgres' ? { isolationLevel: 'repeatable read', readOnly: true } : undefined);
  try {
    const out = await fn(trx);
    await trx.commit();
    return out;
  } catch (e) {
    await trx.rollback();
    throw e;
  }
}

export async function readSnapshot(q: Knex | Knex.Transaction, unit: string | null): Promise<Snapshot> {
  const positions = (await listPositions(q, unit)).map(({ holders: _h, ...p }) => p);
  return { employees: await listEmployees(q, unit), positions, decisions: await listDecisions(q, { unit }), followups: await listFollowups(q, unit) };
}

export async function pull(db: Db, cursor: number, limit: number, unit: string | null): Promise<PullResult> {
  return inSnapshot(db, async (trx) => {
    const state = await trx('sync_state').where({ id: 1 }).first();
    const version = Number(state.version);
    const floor = Number(state.floor);
    if (cursor > version || cursor < floor) {
      return { cursor: version, more: false, reset: true, changes: [], snapshot: await readSnapshot(trx, unit) };
    }
    const rows = (await trx('changes').where('version', '>', cursor).orderBy('version').limit(limit + 1)) as {
      version: number; kind: ChangeKind; key: string;
    }[];
    const more = rows.length > limit;
    const page = rows.slice(0, limit).map((r) => ({ ...r, version: Number(r.version) }));
    const keys = (kind: ChangeKind) => [...new Set(page.filter((r) => r.kind === kind).map((r) => r.key))];
    const employees = await fetchMany<EmployeeRow>(trx, 'employees', 'nip', keys('employee'));
    const positions = await fetchMany<PositionRow>(trx, 'positions', 'code', keys('position'));
    const decisions = await fetchMany<DecisionRow>(trx, 'decisions', 'record_no', keys('decision'));
    const followups = await fetchMany<FollowupRow>(trx, 'followups', 'record_no', keys('followup'));

    // For a scoped pull, which positions belong to the unit (employees are judged by where they sit now).
    const unitCodes = unit ? new Set(((await trx('positions').select('code').where({ unit })) as { code: string }[]).map((r) => r.code)) : null;
    const changes: ChangeItem[] = [];
    for (const r of page) {
      if (r.kind === 'employee') {
        const row = employees.get(r.key);
        if (!row || Number(row.version) !== r.version) continue;
        if (unitCodes && !unitCodes.has(row.position_code)) continue;
        changes.push({ version: r.version, kind: 'employee', data: employeeFromRow(row) });
      } else if (r.kind === 'position') {
        const row = positions.get(r.key);
        if (!row || Number(row.version) !== r.version) continue;
        if (unit && row.unit !== unit) continue;
        changes.push({ version: r.version, kind: 'position', data: positionFromRow(row) });
      } else if (r.kind === 'followup') {
        // A follow-up goes to its receiving unit (and unscoped readers); never to the unit the person left.
        const row = followups.get(r.key);
        if (!row || Number(row.version) !== r.version) continue;
        if (unit && row.unit !== unit) continue;
        changes.push({ version: r.version, kind: 'followup', data: followupFromRow(row) });
      } else {
        const row = decisions.get(r.key);
        if (!row || Number(row.version) !== r.version) continue;
        if (unitCodes && !unitCodes.has(row.to_code) && !unitCodes.has(row.from_code)) continue;
        changes.push({ version: r.version, kind: 'decision', data: decisionFromRow(row) });
      }
    }
    const last = page.length > 0 ? page[page.length - 1]!.version : cursor;
    return { cursor: more ? last : version, more, reset: false, changes };
  });
}

async function fetchMany<R>(trx: Knex.Transaction, table: string, key: string, keys: string[]): Promise<Map<string, R>> {
  const out = new Map<string, R>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = (await trx(table).whereIn(key, keys.slice(i, i + 500))) as (R & Record<string, string>)[];
    for (const r of rows) out.set(r[key]!, r);
  }
  return out;
}
