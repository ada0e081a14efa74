/**
 * Loading a roster (sheets Pegawai and Jabatan, already validated by the engine) into the official
 * record, in one transaction. Only rows whose content changed get a new version, so a re-import of
 * the same file does not invalidate decisions being prepared against it (their baseVersion still
 * holds). People missing from the file are kept, not deleted: recorded decisions refer to them, and
 * a roster exported from another system is often partial; the report counts them.
 */
import type { Employee, Position, Settings } from '../../shared/model';
import type { Db } from './connect';
import {
  employeeFromRow, employeeRecordFromModel, employeeToRow, positionFromRow, positionRecordFromModel, positionToRow,
  type EmployeeRow, type PositionRow,
} from './records';
import { stableStringify } from './hash';
import { setParameter } from './queries';
import { withWriter } from './writer';
import { auditWithState, rosterDigest } from './audit-state';

export interface RosterInput {
  employees: Employee[];
  positions: Position[];
  /** The agency's rule parameters (sheet Aturan); the server's checks use them from now on. */
  settings?: Omit<Settings, 'asOf'> | null;
  /** Where it came from, for the audit entry (a file name, "api"). */
  source: string;
}

export interface RosterReport {
  employees: number;
  positions: number;
  employeesChanged: number;
  positionsChanged: number;
  /** In the official record but not in this roster (kept). */
  employeesNotInRoster: number;
  version: number;
}

/** Above this many changed rows, readers get one snapshot instead of paging through the changes. */
const RESET_THRESHOLD = 1000;
const BATCH = 250;

export async function saveRoster(db: Db, input: RosterInput, actor: string): Promise<RosterReport> {
  return withWriter(db, async (w) => {
    const { trx } = w;
    const since = w.version();
    const oldPositions = new Map(((await trx('positions')) as PositionRow[]).map((r) => [r.code, positionFromRow(r)]));
    const oldEmployees = new Map(((await trx('employees')) as EmployeeRow[]).map((r) => [r.nip, employeeFromRow(r)]));

    const sameContent = <T extends { version: number }>(a: T | undefined, b: T) =>
      a !== undefined && stableStringify({ ...a, version: 0 }) === stableStringify({ ...b, version: 0 });

    const changedPositions = input.positions
      .map((p) => positionRecordFromModel(p, 0))
      .filter((rec) => !sameContent(oldPositions.get(rec.code), rec));
    const changedEmployees = input.employees
      .map((e) => employeeRecordFromModel(e, 0))
      .filter((rec) => !sameContent(oldEmployees.get(rec.nip), rec));

    const total = changedPositions.length + changedEmployees.length;
    if (total > 0) {
      const first = await w.changes([
        ...changedPositions.map((p) => ({ kind: 'position' as const, key: p.code })),
        ...changedEmployees.map((e) => ({ kind: 'employee' as const, key: e.nip })),
      ]);
      changedPositions.forEach((p, i) => (p.version = first + i));
      changedEmployees.forEach((e, i) => (e.version = first + changedPositions.length + i));
      for (let i = 0; i < changedPositions.length; i += BATCH) {
        await trx('positions').insert(changedPositions.slice(i, i + BATCH).map(positionToRow)).onConflict('code').merge();
      }
      for (let i = 0; i < changedEmployees.length; i += BATCH) {
        await trx('employees').insert(changedEmployees.slice(i, i + BATCH).map(employeeToRow)).onConflict('nip').merge();
      }
      if (total > RESET_THRESHOLD) {
        await w.setFloor(w.version());
        await trx('changes').where('version', '<=', w.version()).delete();
      }
    }
    if (input.settings) await setParameter(trx, 'settings', input.settings);

    const inRoster = new Set(input.employees.map((e) => e.nip));
    const report: RosterReport = {
      employees: input.employees.length,
      positions: input.positions.length,
      employeesChanged: changedEmployees.length,
      positionsChanged: changedPositions.length,
      employeesNotInRoster: [...oldEmployees.keys()].filter((nip) => !inRoster.has(nip)).length,
      version: w.version(),
    };
    await auditWithState(w, since, actor, 'roster.import', { source: input.source, ...report, settings: input.settings ?? null, digest: rosterDigest(input) });
    return report;
  });
}
