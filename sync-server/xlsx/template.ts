/**
 * `mutasi template` (and the add-in's "Buat Templat"): the canonical workbook of WORKBOOK.md — sheets
 * Pegawai, Jabatan, Usulan, Aturan with the canonical headers, a drop-down list or a number rule on
 * every coded column, NIP columns as Text (so Excel never turns an 18-digit NIP into 1,98E+17), dates
 * as dd/mm/yyyy, a bold frozen header row and an Aturan sheet holding every parameter with its default.
 * The column formats are exported so `mutasi demo` lays its sheets out the same way.
 */
import ExcelJS from 'exceljs';
import {
  DISCIPLINE, EDUCATION, EMPLOYEE_STATUS, FUNCTIONAL_LEVELS, GOLONGAN, POSITION_TYPES, POTENTIAL,
  PROPOSAL_REASONS, PROPOSAL_STATUS, SKP,
} from '../../shared/domain';
import { ATURAN, JABATAN, PEGAWAI, USULAN, canonicalHeaders, type SheetDef } from '../../shared/workbook/schema';

export const DATE_FORMAT = 'dd/mm/yyyy';
export const TEXT_FORMAT = '@';
/** Validations and formats cover this many data rows: enough for a large Pemda, small on disk. */
export const TEMPLATE_ROWS = 5000;

/** How one column is kept: its format, its width, and what Excel should accept in it. */
export interface ColumnSpec {
  width: number;
  format?: typeof DATE_FORMAT | typeof TEXT_FORMAT;
  list?: readonly string[];
  whole?: { min: number; max?: number };
  date?: boolean;
  /** A drop-down fed from another sheet's column, e.g. the codes of sheet Jabatan. */
  listFrom?: string;
}

const COMPETENCY_LEVEL: ColumnSpec = { width: 12, whole: { min: 1, max: 5 } };
const DATE: ColumnSpec = { width: 13, format: DATE_FORMAT, date: true };
const NIP: ColumnSpec = { width: 21, format: TEXT_FORMAT };
const CODES_OF_JABATAN = `Jabatan!$A$2:$A$${TEMPLATE_ROWS + 1}`;

/** Column specs by field key (shared/workbook/schema.ts); fields not listed are plain text. */
const SPECS: Record<string, Record<string, ColumnSpec>> = {
  pegawai: {
    nip: NIP,
    name: { width: 34 },
    status: { width: 14, list: EMPLOYEE_STATUS },
    rank: { width: 10, list: GOLONGAN },
    positionCode: { width: 24, listFrom: CODES_OF_JABATAN },
    positionStart: DATE,
    birthDate: DATE,
    educationLevel: { width: 12, list: EDUCATION },
    educationMajor: { width: 28 },
    skpLast: { width: 16, list: SKP },
    skpBefore: { width: 16, list: SKP },
    potential: { width: 11, list: POTENTIAL },
    discipline: { width: 13, list: DISCIPLINE },
    disciplineUntil: DATE,
    trainings: { width: 26 },
    preferences: { width: 30 },
  },
  jabatan: {
    code: { width: 26 },
    name: { width: 40 },
    type: { width: 15, list: POSITION_TYPES },
    level: { width: 13, list: FUNCTIONAL_LEVELS },
    unit: { width: 40 },
    class: { width: 8, whole: { min: 1, max: 17 } },
    needed: { width: 11, whole: { min: 0 } },
    minRank: { width: 10, list: GOLONGAN },
    maxRank: { width: 10, list: GOLONGAN },
    minEducation: { width: 11, list: EDUCATION },
    majors: { width: 30 },
    requiredTrainings: { width: 16 },
  },
  usulan: {
    id: { width: 11 },
    nip: NIP,
    toCode: { width: 26, listFrom: CODES_OF_JABATAN },
    reason: { width: 20, list: PROPOSAL_REASONS },
    effectiveDate: DATE,
    status: { width: 11, list: PROPOSAL_STATUS },
    note: { width: 36 },
    mendagriApproval: { width: 22 },
    fit: { width: 10 },
    result: { width: 48 },
    approvedBy: { width: 20 },
    recordNo: { width: 18 },
  },
  aturan: {
    key: { width: 30 },
    value: { width: 14 },
    explanation: { width: 90 },
  },
};

export function columnSpec(sheet: SheetDef, field: string): ColumnSpec {
  const spec = SPECS[sheet.key]?.[field];
  if (spec) return spec;
  if (/^(comp|std)\d$/.test(field)) return COMPETENCY_LEVEL;
  const header = sheet.fields.find((f) => f.field === field)?.header ?? field;
  return { width: Math.max(10, header.length + 2) };
}

/**
 * The header row stays in view while scrolling. Given when the sheet is added: exceljs's streaming
 * writer (used for big demo workbooks) writes the views first.
 */
export function frozenView(headerRow: number): Partial<ExcelJS.WorksheetView>[] {
  return [{ state: 'frozen', ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
}

/**
 * Widths and number formats by column (column styles, so cells typed later in Excel get them too) and
 * a bold header row on `headerRow`. `columns` maps each field to its 1-based column. Call it before
 * any data row is added (a streaming sheet writes its columns with the first row).
 */
export function layoutColumns(ws: ExcelJS.Worksheet, sheet: SheetDef, headerRow: number, columns: Map<string, number>): void {
  for (const [field, col] of columns) {
    const spec = columnSpec(sheet, field);
    const c = ws.getColumn(col);
    c.width = spec.width;
    if (spec.format) c.numFmt = spec.format;
  }
  const header = ws.getRow(headerRow);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
}

function listFormula(values: readonly string[]): string {
  // An inline list is at most 255 characters and cannot contain commas; all our code lists fit.
  return `"${values.join(',')}"`;
}

/**
 * exceljs keeps range validations in `worksheet.dataValidations` (written as one <dataValidation sqref>
 * per range) but leaves that property out of its type declarations.
 */
function validationsOf(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

/** Excel data validation (drop-down or whole-number rule) for the coded columns, rows first…last. */
export function addValidations(ws: ExcelJS.Worksheet, sheet: SheetDef, columns: Map<string, number>, first: number, last: number): void {
  const validations = validationsOf(ws);
  for (const [field, col] of columns) {
    const spec = columnSpec(sheet, field);
    const letter = ws.getColumn(col).letter;
    const range = `${letter}${first}:${letter}${last}`;
    const header = sheet.fields.find((f) => f.field === field)!.header;
    if (spec.list) {
      validations.add(range, {
        type: 'list', allowBlank: true, formulae: [listFormula(spec.list)],
        showErrorMessage: true, errorStyle: 'stop', errorTitle: header,
        error: `Pilih salah satu nilai dari daftar: ${spec.list.join(', ')}`,
      });
    } else if (spec.listFrom) {
      // A code not (yet) in Jabatan is allowed with a warning: `mutasi check` reports it precisely.
      validations.add(range, {
        type: 'list', allowBlank: true, formulae: [spec.listFrom],
        showErrorMessage: true, errorStyle: 'warning', errorTitle: header,
        error: 'Kode ini belum ada di kolom Kode Jabatan pada lembar Jabatan.',
      });
    } else if (spec.whole) {
      const { min, max } = spec.whole;
      validations.add(range, max === undefined
        ? { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [min], showErrorMessage: true, errorStyle: 'stop', errorTitle: header, error: `Isi bilangan bulat ${min} atau lebih.` }
        : { type: 'whole', operator: 'between', allowBlank: true, formulae: [min, max], showErrorMessage: true, errorStyle: 'stop', errorTitle: header, error: `Isi bilangan bulat ${min} sampai ${max}.` });
    } else if (spec.date) {
      validations.add(range, {
        type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(1900, 0, 1))],
        showErrorMessage: true, errorStyle: 'stop', errorTitle: header, error: 'Isi tanggal dengan format dd/mm/yyyy, misalnya 01/03/2019.',
      });
    } else if (spec.format === TEXT_FORMAT) {
      // NIP: 18 digits, spaces between the groups allowed (19800101 200501 1 001 has 21 characters).
      validations.add(range, {
        type: 'textLength', operator: 'between', allowBlank: true, formulae: [18, 21],
        showErrorMessage: true, errorStyle: 'warning', errorTitle: header, error: 'NIP terdiri atas 18 digit; kolom ini berformat Teks agar digitnya tidak berubah.',
      });
    }
  }
}

/** Field → column for a sheet written in canonical order starting at column `first`. */
export function canonicalColumns(sheet: SheetDef, first = 1): Map<string, number> {
  return new Map(sheet.fields.map((f, i) => [f.field, first + i]));
}

/** One row of sheet Aturan: the parameter, its value (null = not set), and what it means. */
export interface SettingRow {
  key: string;
  value: number | Date | null;
  explanation: string;
}

/** Every parameter of WORKBOOK.md / RULES.md with its default, in the order people read them. */
export function defaultSettingRows(): SettingRow[] {
  return [
    { key: 'Tanggal Acuan', value: null, explanation: 'Tanggal pemeriksaan (dd/mm/yyyy). Kosong = tanggal hari ini. Isi agar hasil pemeriksaan tidak berubah dari hari ke hari.' },
    { key: 'Masa Jabatan Minimal (bulan)', value: 24, explanation: 'Pegawai dapat dimutasi setelah sekurang-kurangnya sekian bulan dalam jabatannya (PP 11/2017 Pasal 190 ayat 3; Perban BKN 5/2019 Pasal 2 ayat 3).' },
    { key: 'Masa Jabatan Maksimal (bulan)', value: 60, explanation: 'Lebih lama dari ini dalam jabatan yang sama: dianjurkan rotasi (PP 11/2017 Pasal 190 ayat 3).' },
    { key: 'Batas Dekat Pensiun (bulan)', value: 12, explanation: 'Peringatan bila batas usia pensiun (BUP) jabatan tujuan jatuh dalam sekian bulan setelah TMT Mutasi.' },
    { key: 'JPM Minimal (%)', value: 68, explanation: 'Job Person Match di bawah nilai ini: Kurang Memenuhi Syarat (kesalahan).' },
    { key: 'JPM Memenuhi Syarat (%)', value: 80, explanation: 'JPM sekurang-kurangnya nilai ini: Memenuhi Syarat; di antara JPM Minimal dan nilai ini: Masih Memenuhi Syarat (peringatan).' },
    { key: 'Larangan Mutasi Mulai', value: null, explanation: 'Awal masa larangan mutasi menjelang pilkada (UU 10/2016 Pasal 71 ayat 2). Kosong = tidak ada larangan. Untuk beberapa masa larangan, tambahkan pasangan baris Mulai/Selesai di bawah.' },
    { key: 'Larangan Mutasi Selesai', value: null, explanation: 'Akhir masa larangan mutasi (tanggal terakhir yang masih dilarang). Selalu berpasangan dengan baris Larangan Mutasi Mulai tepat di atasnya.' },
    { key: 'Bobot JPM', value: 60, explanation: 'Bobot kecocokan kompetensi (JPM) dalam skor usulan otomatis.' },
    { key: 'Bobot Kinerja', value: 15, explanation: 'Bobot predikat SKP tahun lalu (Sangat Baik = penuh, Baik = setengah) dalam skor usulan.' },
    { key: 'Bobot Rotasi', value: 10, explanation: 'Bobot bagi pegawai yang sudah melewati Masa Jabatan Maksimal dalam skor usulan.' },
    { key: 'Bobot Minat', value: 10, explanation: 'Bobot bila unit tujuan ada di Unit Diminati pegawai.' },
    { key: 'Bobot Jurusan', value: 5, explanation: 'Bobot bila jurusan pegawai cocok dengan Rumpun Jurusan jabatan tujuan.' },
    { key: 'Penalti Lowongan Baru', value: 20, explanation: 'Pengurang skor bila kepindahan pegawai membuka lowongan baru di jabatan asalnya (jabatan asal tidak kelebihan pegawai).' },
  ];
}

const SETTING_IS_DATE = new Set(['Tanggal Acuan', 'Larangan Mutasi Mulai', 'Larangan Mutasi Selesai']);

/** Writes sheet Aturan: header on row 1, one parameter a row; date parameters get the date format. */
export function writeSettingsSheet(wb: ExcelJS.Workbook, rows: SettingRow[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(ATURAN.name, { views: frozenView(1) });
  ws.addRow(canonicalHeaders(ATURAN));
  layoutColumns(ws, ATURAN, 1, canonicalColumns(ATURAN));
  for (const r of rows) {
    const row = ws.addRow([r.key, r.value, r.explanation]);
    if (SETTING_IS_DATE.has(r.key)) row.getCell(2).numFmt = DATE_FORMAT;
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
  }
  return ws;
}

/** A sheet with the canonical header row, formats and validations, and no data. */
function addCanonicalSheet(wb: ExcelJS.Workbook, sheet: SheetDef, validate: boolean): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name, { views: frozenView(1) });
  const columns = canonicalColumns(sheet);
  ws.addRow(canonicalHeaders(sheet));
  layoutColumns(ws, sheet, 1, columns);
  if (validate) addValidations(ws, sheet, columns, 2, TEMPLATE_ROWS + 1);
  return ws;
}

/** A fixed timestamp so that the same template is the same file content every time. */
const TEMPLATE_DATE = new Date(Date.UTC(2026, 0, 1));

export function buildTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mutasi';
  wb.lastModifiedBy = 'Mutasi';
  wb.title = 'Templat Mutasi ASN';
  wb.created = TEMPLATE_DATE;
  wb.modified = TEMPLATE_DATE;
  addCanonicalSheet(wb, PEGAWAI, true);
  addCanonicalSheet(wb, JABATAN, true);
  addCanonicalSheet(wb, USULAN, true);
  writeSettingsSheet(wb, defaultSettingRows());
  return wb;
}
