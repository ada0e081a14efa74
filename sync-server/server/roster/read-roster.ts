/**
 * A roster (sheets Pegawai, Jabatan and optionally Aturan) through the shared engine: parsed and
 * checked exactly as `mutasi check` would, so what the official record accepts is what the add-in
 * calls clean. Only the data errors of Pegawai and Jabatan block an import; Usulan is not imported.
 */
import type { Employee, Position, Settings } from '../../../shared/model';
import type { Finding, RecordedMove } from '../../../shared/rules/types';
import type { SheetData } from '../../../shared/workbook/gateway';
import { checkSheets } from '../../../shared/engine';
import { matchSheetNames } from '../../../shared/workbook/locate';
import { parseDateText } from '../../../shared/values/dates';
import type { Db } from '../../db/connect';
import type { SettingKey } from '../../db/roster';
import { a1 } from '../../../shared/workbook/gateway';
import { findHeader } from '../../../shared/workbook/locate';
import { Rows } from '../../../shared/workbook/reader';
import { ATURAN, PEGAWAI } from '../../../shared/workbook/schema';
import { SETTING_NAMES } from '../../../shared/workbook/settings';
import { cellText, isEmptyCell } from '../../../shared/values/parse';
import { badTextReason } from '../text-check';

export interface RosterRead {
  /** Errors that block the import (empty when it may go ahead). */
  errors: Finding[];
  warnings: number;
  employees: Employee[];
  positions: Position[];
  settings: Omit<Settings, 'asOf'> | null;
  /** The settings sheet Aturan gives a value for (only these change the stored ones). */
  settingsGiven: SettingKey[];
}

/** What an import may be told to do besides the usual. */
export interface ImportOptions {
  /** The roster's positions / TMTs win over recorded decisions' (listed and audited). */
  overrideRecorded?: boolean;
  /** A roster without any employee (only Jabatan / Aturan) may be imported. */
  allowNoEmployees?: boolean;
}

/** The refusal of a roster without employees (unless `allowNoEmployees`), as a finding on Pegawai. */
export function noEmployeesFinding(flag: string): Finding {
  return {
    rule: 'REQUIRED_MISSING', severity: 'error', sheet: PEGAWAI.name, row: 2, column: 'NIP', cell: 'A2', subject: PEGAWAI.name,
    message: `Lembar Pegawai tidak berisi satu pegawai pun (templat kosong?); tidak diimpor. Bila memang hanya Jabatan/Aturan yang dimuat: ${flag}.`,
  };
}

/**
 * `recorded`: the decisions in the official record (`recordedMoves`): an employee a decision has
 * already moved, whose TMT Jabatan is that decision's TMT still ahead of the as-of date, is no
 * DATE_IN_FUTURE (a workbook that pulled the record, or an export, re-imported).
 */
export function readRoster(sheets: SheetData[], recorded: RecordedMove[] = []): RosterRead {
  // Usulan is not part of a roster: its rows neither block nor count (whatever the sheet is called:
  // Usulan, Usulan Mutasi, Rencana Mutasi). It is still read: its rows Tercatat with a Nomor Catatan,
  // like an export's Keputusan sheet, explain a TMT Jabatan ahead of today (a decision recorded before
  // it takes effect), so such a workbook imports.
  const usulan = matchSheetNames(sheets.map((s) => s.name)).usulan;
  const { result, book } = checkSheets(sheets, { lang: 'id', recordedMoves: recorded });
  const findings = result.findings.filter((f) => f.sheet !== usulan);
  const errors = [...badTextFindings(sheets.filter((sh) => sh.name !== usulan)), ...findings.filter((f) => f.severity === 'error')];
  if (!book) return { errors, warnings: 0, employees: [], positions: [], settings: null, settingsGiven: [] };
  // The engine reports POSITION_UNKNOWN; this guard keeps a foreign-key failure (a 500) impossible.
  const codes = new Set(book.positions.map((p) => p.code));
  for (const e of book.employees) {
    if (e.positionCode && !codes.has(e.positionCode) && !errors.some((f) => f.rule === 'POSITION_UNKNOWN' && f.row === e.row)) {
      errors.push({
        rule: 'POSITION_UNKNOWN', severity: 'error', sheet: book.layout.pegawai.name, row: e.row,
        column: book.layout.pegawai.columns.positionCode?.header ?? 'Kode Jabatan', cell: '', subject: e.nip,
        message: `Kode jabatan ${e.positionCode} tidak ada di sheet Jabatan.`,
      });
    }
  }
  const { asOf: _asOf, ...settings } = book.settings;
  return {
    errors,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    employees: book.employees,
    positions: book.positions,
    settings,
    settingsGiven: givenSettings(sheets),
  };
}

/** A cell of a sheet to import whose text no database keeps as it is (NUL, half an emoji): VALUE_INVALID on it. */
function badTextFindings(sheets: SheetData[]): Finding[] {
  const out: Finding[] = [];
  for (const sh of sheets) {
    sh.values.forEach((cells, r) => cells?.forEach((v, c) => {
      const why = typeof v === 'string' ? badTextReason(v) : null;
      if (!why || out.length >= 500) return;
      const row = sh.startRow + r;
      const col = sh.startCol + c;
      out.push({ rule: 'VALUE_INVALID', severity: 'error', sheet: sh.name, row, column: String(sh.values[0]?.[c] ?? ''), cell: a1(row, col), subject: sh.name, message: `Sel ${a1(row, col)} ${why}.` });
    }));
  }
  return out;
}

/** Setting names as the engine compares them (shared/workbook/settings.ts): no case, spaces, punctuation, unit. */
const settingKey = (s: string) => s.toLowerCase().replace(/\([^)]*\)/g, '').replace(/[^a-z0-9]+/g, '');
const GIVEN_BY_NAME: Record<string, SettingKey> = {
  [settingKey(SETTING_NAMES.tenureMinMonths)]: 'tenureMinMonths',
  [settingKey(SETTING_NAMES.tenureMaxMonths)]: 'tenureMaxMonths',
  [settingKey(SETTING_NAMES.retirementNearMonths)]: 'retirementNearMonths',
  [settingKey(SETTING_NAMES.jpmMin)]: 'jpmMin',
  [settingKey(SETTING_NAMES.jpmOk)]: 'jpmOk',
  [settingKey(SETTING_NAMES.moratoriumFrom)]: 'moratoria',
  [settingKey(SETTING_NAMES.moratoriumTo)]: 'moratoria',
  [settingKey(SETTING_NAMES.weightJpm)]: 'weights.jpm',
  [settingKey(SETTING_NAMES.weightPerformance)]: 'weights.performance',
  [settingKey(SETTING_NAMES.weightRotation)]: 'weights.rotation',
  [settingKey(SETTING_NAMES.weightPreference)]: 'weights.preference',
  [settingKey(SETTING_NAMES.weightMajor)]: 'weights.major',
  [settingKey(SETTING_NAMES.newVacancyPenalty)]: 'weights.newVacancyPenalty',
  [settingKey(SETTING_NAMES.successorCount)]: 'successorCount',
  [settingKey(SETTING_NAMES.retirementHorizonMonths)]: 'retirementHorizonMonths',
  [settingKey(SETTING_NAMES.spmtDays)]: 'spmtDays',
  [settingKey(SETTING_NAMES.postMoveReviewMonths)]: 'postMoveReviewMonths',
};

/** The settings sheet Aturan gives a value for; a blank Nilai, or no Aturan sheet, gives none. */
export function givenSettings(sheets: SheetData[]): SettingKey[] {
  const name = matchSheetNames(sheets.map((s) => s.name)).aturan;
  const sheet = name ? sheets.find((s) => s.name === name) : undefined;
  if (!sheet) return [];
  const search = findHeader(ATURAN, sheet);
  if (!search.found) return [];
  const rows = new Rows(sheet, { name: sheet.name, headerRow: search.match.headerRow, columns: search.match.columns });
  const given = new Set<SettingKey>();
  for (const { cells } of rows.dataRows()) {
    const key = GIVEN_BY_NAME[settingKey(cellText(rows.get(cells, 'key')))];
    if (key && !isEmptyCell(rows.get(cells, 'value'))) given.add(key);
  }
  return [...given];
}

/** The official record's decisions as evidence for `readRoster` (only those ahead of the as-of date count there). */
export async function recordedMoves(db: Db): Promise<RecordedMove[]> {
  const rows = (await db.read('decisions').select('record_no', 'nip', 'to_code', 'effective_date')) as {
    record_no: string; nip: string; to_code: string; effective_date: string;
  }[];
  const out: RecordedMove[] = [];
  for (const r of rows) {
    const d = parseDateText(r.effective_date);
    if (d !== null) out.push({ recordNo: r.record_no, nip: r.nip, toCode: r.to_code, effectiveDate: d });
  }
  return out;
}
