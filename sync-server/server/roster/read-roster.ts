/**
 * A roster (sheets Pegawai, Jabatan and optionally Aturan) through the shared engine: parsed and
 * checked exactly as `mutasi check` would, so what the official record accepts is what the add-in
 * calls clean. Only the data errors of Pegawai and Jabatan block an import; Usulan is not imported.
 */
import type { Employee, Position, Settings } from '../../../shared/model';
import type { Finding } from '../../../shared/rules/types';
import type { SheetData } from '../../../shared/workbook/gateway';
import { checkSheets } from '../../../shared/engine';

export interface RosterRead {
  /** Errors that block the import (empty when it may go ahead). */
  errors: Finding[];
  warnings: number;
  employees: Employee[];
  positions: Position[];
  settings: Omit<Settings, 'asOf'> | null;
}

export function readRoster(sheets: SheetData[]): RosterRead {
  // Usulan is not part of a roster: leave it out so its rows neither block nor count.
  const { result, book } = checkSheets(sheets.filter((s) => !/^usulan/i.test(s.name.trim())), { lang: 'id' });
  const findings = result.findings;
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
