/**
 * Loading a roster (sheets Pegawai and Jabatan, already validated by the engine) into the official
 * record, in one transaction. Only rows whose content changed get a new version, so a re-import of
 * the same file does not invalidate decisions being prepared against it (their baseVersion still
 * holds). People missing from the file are kept, not deleted: recorded decisions refer to them, and
 * a roster exported from another system is often partial; the report counts them.
 */
import type { Employee, Position, Settings, Weights } from '../../shared/model';
import { isoDate } from '../../shared/values/dates';
import { SETTING_NAMES } from '../../shared/workbook/settings';
import type { Knex } from 'knex';
import type { Db } from './connect';
import {
  clearedIds, employeeFromRow, employeeRecordFromModel, employeeToRow, positionFromRow, positionRecordFromModel, positionToRow,
  type EmployeeRow, type PositionRow,
} from './records';
import { stableStringify } from './hash';
import { getParameter, setParameter } from './queries';
import { withWriter } from './writer';
import { auditWithState, rosterDigest } from './audit-state';

export interface RosterInput {
  employees: Employee[];
  positions: Position[];
  /** The agency's rule parameters (sheet Aturan); the server's checks use them from now on. */
  settings?: Omit<Settings, 'asOf'> | null;
  /**
   * The settings the roster actually gives (a row with a value in Aturan): only these change the stored
   * ones; a blank or absent setting never overwrites one. Absent: every setting of `settings` is given.
   */
  settingsGiven?: readonly SettingKey[];
  /**
   * Let the roster's position / TMT Jabatan win over a recorded decision's (see `RecordedConflict`);
   * every such row is listed in the report and the audit entry.
   */
  overrideRecorded?: boolean;
  /** Where it came from, for the audit entry (a file name, "api"). */
  source: string;
}

/** A setting of sheet Aturan as the roster import keeps it: a number, the moratoria (as one), a weight. */
export type SettingKey =
  | 'tenureMinMonths' | 'tenureMaxMonths' | 'retirementNearMonths' | 'jpmMin' | 'jpmOk' | 'moratoria'
  | 'successorCount' | 'retirementHorizonMonths' | 'spmtDays' | 'postMoveReviewMonths'
  | `weights.${keyof Weights}`;

/** Each setting's name as written in Aturan, for messages. */
export const SETTING_LABELS: Record<SettingKey, string> = {
  tenureMinMonths: SETTING_NAMES.tenureMinMonths,
  tenureMaxMonths: SETTING_NAMES.tenureMaxMonths,
  retirementNearMonths: SETTING_NAMES.retirementNearMonths,
  jpmMin: SETTING_NAMES.jpmMin,
  jpmOk: SETTING_NAMES.jpmOk,
  moratoria: `${SETTING_NAMES.moratoriumFrom}/${SETTING_NAMES.moratoriumTo.replace('Larangan Mutasi ', '')}`,
  'weights.jpm': SETTING_NAMES.weightJpm,
  'weights.performance': SETTING_NAMES.weightPerformance,
  'weights.rotation': SETTING_NAMES.weightRotation,
  'weights.preference': SETTING_NAMES.weightPreference,
  'weights.major': SETTING_NAMES.weightMajor,
  'weights.newVacancyPenalty': SETTING_NAMES.newVacancyPenalty,
  successorCount: SETTING_NAMES.successorCount,
  retirementHorizonMonths: SETTING_NAMES.retirementHorizonMonths,
  spmtDays: SETTING_NAMES.spmtDays,
  postMoveReviewMonths: SETTING_NAMES.postMoveReviewMonths,
};
export const SETTING_KEYS = Object.keys(SETTING_LABELS) as SettingKey[];

/**
 * A roster row that would move a person away from where a recorded decision put them (the person still
 * sits in the decision's target with its TMT, and the roster says another position or TMT Jabatan):
 * the office's workbook is older than the record. Kept as recorded unless `overrideRecorded`.
 */
export interface RecordedConflict {
  nip: string;
  name: string;
  /** The roster's row (Pegawai). */
  row: number;
  recordNo: string;
  recorded: { positionCode: string; positionStart: string | null };
  roster: { positionCode: string; positionStart: string | null };
}

export interface SettingChange {
  setting: SettingKey;
  name: string;
  before: string | null;
  after: string;
}

export interface RosterReport {
  employees: number;
  positions: number;
  employeesChanged: number;
  positionsChanged: number;
  /** In the official record but not in this roster (kept). */
  employeesNotInRoster: number;
  version: number;
  /** Rows whose position / TMT the record's decisions kept (the roster's were not taken). */
  recordedKept: RecordedConflict[];
  /** Rows that overrode a recorded decision's position / TMT (`overrideRecorded`). */
  recordedOverridden: RecordedConflict[];
  /** Every stored setting this import changed. */
  settingsChanged: SettingChange[];
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
    // A person whose place in the record is a recorded decision's (target and TMT) keeps it: the roster
    // of an office that has not pulled yet is older than the record. Only an explicit override wins.
    const latest = await latestDecisions(trx);
    const recordedKept: RecordedConflict[] = [];
    const recordedOverridden: RecordedConflict[] = [];
    const incoming = input.employees.map((e) => {
      const rec = employeeRecordFromModel(e, 0);
      const old = oldEmployees.get(rec.nip);
      const last = latest.get(rec.nip);
      if (!old || !last || old.positionCode !== last.to_code || old.positionStart !== last.effective_date) return rec;
      if (rec.positionCode === old.positionCode && rec.positionStart === old.positionStart) return rec;
      const conflict: RecordedConflict = {
        nip: rec.nip, name: rec.name, row: e.row, recordNo: last.record_no,
        recorded: { positionCode: old.positionCode, positionStart: old.positionStart },
        roster: { positionCode: rec.positionCode, positionStart: rec.positionStart },
      };
      if (input.overrideRecorded) {
        recordedOverridden.push(conflict);
        return rec;
      }
      recordedKept.push(conflict);
      return { ...rec, positionCode: old.positionCode, positionStart: old.positionStart };
    });
    const changedEmployees = incoming.filter((rec) => !sameContent(oldEmployees.get(rec.nip), rec));

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
      // A SIASN id removed from the roster is removed from the record (toRow writes only the ids there are).
      for (const p of changedPositions) {
        const cleared = clearedIds(oldPositions.get(p.code), p);
        if (Object.keys(cleared).length) await trx('positions').where({ code: p.code }).update(cleared);
      }
      for (const e of changedEmployees) {
        const cleared = clearedIds(oldEmployees.get(e.nip), e);
        if (Object.keys(cleared).length) await trx('employees').where({ nip: e.nip }).update(cleared);
      }
      if (total > RESET_THRESHOLD) {
        await w.setFloor(w.version());
        await trx('changes').where('version', '<=', w.version()).delete();
      }
    }
    let settings: Omit<Settings, 'asOf'> | null = null;
    let settingsChanged: SettingChange[] = [];
    if (input.settings) {
      const stored = await getParameter<Omit<Settings, 'asOf'>>(trx, 'settings');
      const merged = mergeSettings(stored, input.settings, input.settingsGiven ?? SETTING_KEYS);
      settingsChanged = merged.changed;
      settings = merged.settings;
      if (merged.settings && (settingsChanged.length > 0 || !stored)) await setParameter(trx, 'settings', merged.settings);
    }

    const inRoster = new Set(input.employees.map((e) => e.nip));
    const report: RosterReport = {
      employees: input.employees.length,
      positions: input.positions.length,
      employeesChanged: changedEmployees.length,
      positionsChanged: changedPositions.length,
      employeesNotInRoster: [...oldEmployees.keys()].filter((nip) => !inRoster.has(nip)).length,
      version: w.version(),
      recordedKept,
      recordedOverridden,
      settingsChanged,
    };
    await auditWithState(w, since, actor, 'roster.import', { source: input.source, ...report, overrideRecorded: input.overrideRecorded === true, settings, digest: rosterDigest(input) });
    return report;
  });
}

/** Each person's last recorded decision (the highest version). */
async function latestDecisions(trx: Knex.Transaction): Promise<Map<string, { record_no: string; to_code: string; effective_date: string; version: number }>> {
  const rows = (await trx('decisions').select('record_no', 'nip', 'to_code', 'effective_date', 'version')) as {
    record_no: string; nip: string; to_code: string; effective_date: string; version: number | string;
  }[];
  const out = new Map<string, { record_no: string; to_code: string; effective_date: string; version: number }>();
  for (const r of rows) {
    const v = Number(r.version);
    const had = out.get(r.nip);
    if (!had || v > had.version) out.set(r.nip, { record_no: r.record_no, to_code: r.to_code, effective_date: r.effective_date, version: v });
  }
  return out;
}

type StoredSettings = Omit<Settings, 'asOf'>;

function settingValue(s: StoredSettings, key: SettingKey): unknown {
  if (key.startsWith('weights.')) return s.weights?.[key.slice(8) as keyof Weights];
  return s[key as Exclude<SettingKey, `weights.${string}`>];
}

function showSetting(s: StoredSettings | null, key: SettingKey): string | null {
  if (!s) return null;
  const v = settingValue(s, key);
  if (v === undefined || v === null) return null;
  if (key === 'moratoria') {
    const list = v as Settings['moratoria'];
    return list.length ? list.map((m) => `${isoDate(m.from)} s.d. ${isoDate(m.to)}`).join('; ') : '(tidak ada)';
  }
  return String(v);
}

/**
 * The stored settings with the given ones of the roster put in; `changed`: each setting whose value
 * differs from the stored one. Nothing stored yet: the roster's (defaults where it gives none).
 */
export function mergeSettings(stored: StoredSettings | null, roster: StoredSettings, given: readonly SettingKey[]): { settings: StoredSettings | null; changed: SettingChange[] } {
  if (!stored && given.length === 0) return { settings: null, changed: [] };
  const base: StoredSettings = structuredClone(stored ?? roster);
  base.weights = { ...roster.weights, ...(stored?.weights ?? {}) };
  for (const key of given) {
    if (key.startsWith('weights.')) base.weights[key.slice(8) as keyof Weights] = roster.weights[key.slice(8) as keyof Weights];
    else (base as unknown as Record<string, unknown>)[key] = structuredClone(roster[key as Exclude<SettingKey, `weights.${string}`>]);
  }
  const changed: SettingChange[] = [];
  for (const key of SETTING_KEYS) {
    const before = showSetting(stored, key);
    const after = showSetting(base, key)!;
    if (before !== after && (stored !== null || given.includes(key))) changed.push({ setting: key, name: SETTING_LABELS[key], before, after });
  }
  return { settings: base, changed };
}
