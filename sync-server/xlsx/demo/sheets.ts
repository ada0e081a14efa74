/**
 * Writes the demo agency into an exceljs workbook in the layout an office really keeps: sheet Pegawai
 * under a title block (header on row 4) with a `No` column and the people-only columns Nama Jabatan and
 * Unit Kerja, then Jabatan, Usulan and Aturan in the canonical layout. NIPs are text, dates real dates
 * (dd/mm/yyyy), except where a deliberate mistake says otherwise.
 */
import ExcelJS from 'exceljs';
import { GOLONGAN, type PositionType } from '../../../shared/domain';
import { dayToDate, idDate, type Day } from '../../../shared/values/dates';
import { JABATAN, PEGAWAI, USULAN, canonicalHeaders } from '../../../shared/workbook/schema';
import { canonicalColumns, defaultSettingRows, frozenView, layoutColumns, writeSettingsSheet } from '../template';
import type { DemoCalendar } from './calendar';
import {
  dashDate, educationSpelling, indonesianDate, nipAsNumber, nipWithSpaces, nipWrongDigit, rankSpelling, type MistakeKind,
} from './mistakes';
import type { Rng } from './prng';
import { PEMDA } from './units';
import type { DemoEmployee, DemoPosition, DemoProposal } from './types';

type Cell = ExcelJS.CellValue;
const date = (d: Day | null): Cell => (d === null ? null : dayToDate(d));

/** Pegawai columns: a people-only `No`, the canonical fields, with Nama Jabatan / Unit Kerja after the code. */
const PEGAWAI_FIELDS = PEGAWAI.fields.map((f) => f.field);
const EXTRA_AFTER_CODE = ['Nama Jabatan', 'Unit Kerja'];
export const PEGAWAI_HEADER_ROW = 4;

function headersOfPegawai(): string[] {
  const out = ['No'];
  for (const f of PEGAWAI.fields) {
    out.push(f.header);
    if (f.field === 'positionCode') out.push(...EXTRA_AFTER_CODE);
  }
  return out;
}
/** Field → 1-based column in the demo's Pegawai sheet. */
function columnsOfPegawai(): Map<string, number> {
  const m = new Map<string, number>();
  let col = 2;
  for (const field of PEGAWAI_FIELDS) {
    m.set(field, col++);
    if (field === 'positionCode') col += EXTRA_AFTER_CODE.length;
  }
  return m;
}

const PEGAWAI_HEADERS = headersOfPegawai();
const PEGAWAI_COLUMNS = columnsOfPegawai();

const TYPE_ORDER: PositionType[] = ['JPT Utama', 'JPT Madya', 'JPT Pratama', 'Administrator', 'Pengawas', 'Fungsional', 'Pelaksana'];

/** Nominatif order: by unit, then structural before functional before Pelaksana, then golongan (DUK). */
export function nominatifOrder(employees: DemoEmployee[], unitOrder: Map<string, number>): DemoEmployee[] {
  const rank = (e: DemoEmployee) => (e.rank ? GOLONGAN.indexOf(e.rank) : -1);
  return employees
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (unitOrder.get(a.e.position.unit.code)! - unitOrder.get(b.e.position.unit.code)!)
      || (TYPE_ORDER.indexOf(a.e.position.type) - TYPE_ORDER.indexOf(b.e.position.type))
      || (rank(b.e) - rank(a.e)) || (a.i - b.i))
    .map((x) => x.e);
}

function employeeCells(e: DemoEmployee, no: number, kind: MistakeKind | undefined, asOf: Day, rng: Rng): { cells: Cell[]; nipNumber: boolean } {
  const col = PEGAWAI_COLUMNS;
  const cells: Cell[] = Array(PEGAWAI_HEADERS.length).fill(null);
  const set = (field: string, v: Cell) => { cells[col.get(field)! - 1] = v; };
  cells[0] = no;
  set('nip', e.nip);
  set('name', e.name);
  set('status', e.status === 'PNS' && rng.chance(0.2) ? null : e.status);
  set('rank', e.rank);
  set('positionCode', e.position.code);
  cells[col.get('positionCode')!] = e.position.name;
  cells[col.get('positionCode')! + 1] = e.position.unit.name;
  set('positionStart', date(e.positionStart));
  set('birthDate', rng.chance(0.9) ? date(e.birth) : null);
  set('educationLevel', e.education);
  set('educationMajor', e.major || null);
  set('skpLast', e.skpLast);
  set('skpBefore', e.skpBefore);
  set('potential', e.potential);
  set('discipline', e.discipline === 'Tidak Ada' && !e.disciplineWritten ? null : e.discipline);
  set('disciplineUntil', date(e.disciplineUntil));
  set('trainings', e.trainings.join('; ') || null);
  set('preferences', e.preferences.join('; ') || null);
  e.competencies?.forEach((v, i) => set(`comp${i}`, v));

  let nipNumber = false;
  switch (kind) {
    case 'nip-spaces': set('nip', nipWithSpaces(e.nip)); break;
    case 'rank-spelling': set('rank', rankSpelling(e.rank!, rng)); break;
    case 'date-text-id': set('positionStart', indonesianDate(e.positionStart)); break;
    case 'date-text-dash': set('birthDate', dashDate(e.birth)); break;
    case 'education-spelling': set('educationLevel', educationSpelling(e.education, rng)); break;
    case 'nip-number': set('nip', nipAsNumber(e.nip)); nipNumber = true; break;
    case 'nip-wrong-digit': set('nip', nipWrongDigit(e.nip, rng)); break;
    case 'nip-short': set('nip', e.nip.slice(0, 14) + e.nip.slice(15)); break;
    case 'error-value': set(rng.chance(0.5) ? 'rank' : 'educationLevel', { error: '#N/A' } as ExcelJS.CellErrorValue); break;
    case 'birth-mismatch': set('birthDate', date(e.birth + (Math.abs(e.birth) % 2 === 0 ? 31 : -365))); break;
    case 'unknown-position': set('positionCode', `${e.position.code}-LAMA`); break;
    case 'future-tmt': set('positionStart', date(asOf + 20 + (Math.abs(e.birth) % 60))); break;
    case 'required-missing': set('positionStart', null); break;
    default: break;
  }
  return { cells, nipNumber };
}

function writePegawai(wb: ExcelJS.Workbook, rows: { e: DemoEmployee; kind?: MistakeKind }[], cal: DemoCalendar, rng: Rng): number[] {
  const ws = wb.addWorksheet(PEGAWAI.name, { views: frozenView(PEGAWAI_HEADER_ROW) });
  ws.addRow(['DAFTAR NOMINATIF PEGAWAI NEGERI SIPIL DAN PPPK']);
  ws.addRow([`${PEMDA.toUpperCase()} — KEADAAN ${idDate(cal.asOf)}`]);
  ws.addRow([]);
  ws.addRow(PEGAWAI_HEADERS);
  const columns = PEGAWAI_COLUMNS;
  layoutColumns(ws, PEGAWAI, PEGAWAI_HEADER_ROW, columns);
  ws.getColumn(1).width = 6;
  ws.getColumn(columns.get('positionCode')! + 1).width = 40;
  ws.getColumn(columns.get('positionCode')! + 2).width = 36;
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(2).font = { bold: true };
  const nipCol = columns.get('nip')!;
  const sheetRows: number[] = [];
  rows.forEach(({ e, kind }, i) => {
    const { cells, nipNumber } = employeeCells(e, i + 1, kind, cal.asOf, rng);
    const row = ws.addRow(cells);
    if (nipNumber) row.getCell(nipCol).numFmt = '0';
    sheetRows.push(row.number);
    row.commit(); // a streaming writer flushes the row now; in memory this does nothing
  });
  commitSheet(ws);
  return sheetRows;
}

function writeJabatan(wb: ExcelJS.Workbook, positions: DemoPosition[]): void {
  const ws = wb.addWorksheet(JABATAN.name, { views: frozenView(1) });
  ws.addRow(canonicalHeaders(JABATAN));
  layoutColumns(ws, JABATAN, 1, canonicalColumns(JABATAN));
  for (const p of positions) {
    ws.addRow([
      p.code, p.name, p.type, p.level, p.unit.name, p.class, p.needed, p.minRank, p.maxRank, p.minEducation,
      p.majors.join('; ') || null, p.requiredTrainings.join('; ') || null, ...(p.standards ?? Array(9).fill(null)),
      p.critical ? 'Ya' : null,
    ]).commit();
  }
  commitSheet(ws);
}

function writeUsulan(wb: ExcelJS.Workbook, proposals: DemoProposal[], rng: Rng): void {
  const ws = wb.addWorksheet(USULAN.name, { views: frozenView(1) });
  ws.addRow(canonicalHeaders(USULAN));
  layoutColumns(ws, USULAN, 1, canonicalColumns(USULAN));
  for (const u of proposals) {
    ws.addRow([
      u.id, u.nip, u.toCode, u.reason, date(u.effectiveDate), u.status === 'Draf' && rng.chance(0.15) ? null : u.status,
      u.note || null, u.mendagriApproval || null, null, null, u.approvedBy || null, u.recordNo || null,
    ]).commit();
  }
  commitSheet(ws);
}

function writeAturan(wb: ExcelJS.Workbook, cal: DemoCalendar): void {
  const rows = defaultSettingRows().map((r) => {
    if (r.key === 'Tanggal Acuan') return { ...r, value: dayToDate(cal.asOf), explanation: `${r.explanation} Buku kerja contoh ini memakai tanggal tetap agar hasilnya dapat diulang.` };
    if (r.key === 'Larangan Mutasi Mulai') return { ...r, value: dayToDate(cal.moratoriumFrom), explanation: `${r.explanation} Contoh: masa menjelang pemilihan kepala daerah.` };
    if (r.key === 'Larangan Mutasi Selesai') return { ...r, value: dayToDate(cal.moratoriumTo) };
    return r;
  });
  commitSheet(writeSettingsSheet(wb, rows));
}

/** Ends a sheet of exceljs's streaming writer (an in-memory sheet has no commit). */
function commitSheet(ws: ExcelJS.Worksheet): void {
  (ws as ExcelJS.Worksheet & { commit?: () => void }).commit?.();
}

export interface DemoSheets {
  pegawai: { e: DemoEmployee; kind?: MistakeKind }[];
  positions: DemoPosition[];
  proposals: DemoProposal[];
  cal: DemoCalendar;
}

/**
 * Fills `wb` (an in-memory workbook, or exceljs's streaming writer for big files) and returns the
 * Pegawai sheet row of each entry of `sheets.pegawai` (same order).
 */
export function writeDemoWorkbook(sheets: DemoSheets, rng: Rng, wb: ExcelJS.Workbook = new ExcelJS.Workbook()): { workbook: ExcelJS.Workbook; pegawaiRows: number[] } {
  const fixed = dayToDate(sheets.cal.asOf);
  wb.creator = 'Mutasi (buku kerja contoh)';
  wb.lastModifiedBy = 'Mutasi';
  wb.title = `Data contoh ${PEMDA}`;
  wb.created = fixed;
  wb.modified = fixed;
  const pegawaiRows = writePegawai(wb, sheets.pegawai, sheets.cal, rng);
  writeJabatan(wb, sheets.positions);
  writeUsulan(wb, sheets.proposals, rng);
  writeAturan(wb, sheets.cal);
  return { workbook: wb, pegawaiRows };
}

