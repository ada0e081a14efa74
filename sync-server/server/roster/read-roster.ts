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

export interface RosterRead {
  /** Errors that block the import (empty when it may go ahead). */
  errors: Finding[];
  warnings: number;
  employees: Employee[];
  positions: Position[];
  settings: Omit<Settings, 'asOf'> | null;
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
  const errors = findings.filter((f) => f.severity === 'error');
  if (!book) return { errors, warnings: 0, employees: [], positions: [], settings: null };
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
  };
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
