/**
 * `mutasi export`: the official record as a workbook in the canonical layout (WORKBOOK.md) — Pegawai,
 * Jabatan, Aturan (the parameters stored at import) and Keputusan (every recorded decision) — so it
 * opens in the add-in and passes `mutasi check` like any agency workbook. NIPs are written as text
 * (format "@") so Excel never turns them into numbers; dates are real dates shown dd/mm/yyyy.
 */
import ExcelJS from 'exceljs';
import type { Settings } from '../../../shared/model';
import { dayFromYmd, dayToDate, parseDateText } from '../../../shared/values/dates';
import { looksLikeFormula } from '../../../shared/values/formula-text';
import { JABATAN, PEGAWAI, canonicalHeaders, headerOf } from '../../../shared/workbook/schema';
import { SETTING_NAMES } from '../../../shared/workbook/settings';
import type { Db } from '../../db/connect';
import { getParameter, listDecisions, listEmployees, listPositions } from '../../db/queries';
import type { EmployeeRecord, PositionRecord } from '../../db/records';

type Cell = string | number | Date | null;
type DateOf = (iso: string | null, where: string) => Date | string | null;

/** Dates a workbook holds as real dates (Excel's serials as the engine reads them); anything else is written as its text. */
const FIRST_DAY = dayFromYmd(1900, 1, 1)!;
const LAST_DAY = dayFromYmd(2199, 12, 31)!;

/**
 * A date cell: a real date, or — for a stored date no workbook can hold (0001-01-01, 9999-12-31, text
 * that is no date) — the stored text itself, never a blank, and a line in `problems` naming the cell,
 * so `mutasi export` says so (and `check` of that workbook points at the same cell).
 */
function dateCell(iso: string | null, problems: string[], where: string): Date | string | null {
  if (!iso) return null;
  const d = parseDateText(iso);
  if (d !== null && d >= FIRST_DAY && d <= LAST_DAY) return dayToDate(d);
  problems.push(`${where}: tanggal ${iso} di catatan resmi tidak dapat dimuat buku kerja (di luar 1900–2199); ditulis sebagai teks`);
  return iso;
}
const list = (xs: string[]) => (xs.length ? xs.join('; ') : null);

function employeeRow(e: EmployeeRecord, date: DateOf): Cell[] {
  const at = (h: string) => `Pegawai ${e.nip} (${h})`;
  return [
    e.nip, e.name, e.status, e.rank, e.positionCode, date(e.positionStart, at('TMT Jabatan')), date(e.birthDate, at('Tanggal Lahir')), e.educationLevel,
    e.educationMajor || null, e.skpLast, e.skpBefore, e.potential, e.discipline, date(e.disciplineUntil, at('Hukdis Berakhir')),
    list(e.trainings), list(e.preferences), ...(e.competencies ?? Array<null>(9).fill(null)),
    e.pnsId ?? null,
  ];
}

function positionRow(p: PositionRecord): Cell[] {
  return [
    p.code, p.name, p.type, p.level, p.unit, p.class, p.needed, p.minRank, p.maxRank, p.minEducation,
    list(p.majors), list(p.requiredTrainings), ...(p.standards ?? Array<null>(9).fill(null)),
    // Jabatan Kritikal (Ya, or empty for Tidak), then the SIASN ids.
    p.critical ? 'Ya' : null, p.unorId ?? null, p.jabatanFungsionalId ?? null, p.jabatanFungsionalUmumId ?? null, p.eselonId ?? null,
  ];
}

export const KEPUTUSAN_HEADERS = [
  'Nomor Catatan', 'NIP', 'Nama', 'Kode Jabatan Asal', 'Kode Jabatan Tujuan', 'Jenis Mutasi', 'TMT Mutasi',
  'Catatan', 'Izin Mendagri', 'Disetujui Oleh', 'Dicatat Pada', 'No Usulan', 'ID Mutasi',
];

function addSheet(wb: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][], textCols: number[], dateCols: number[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Formats before values, column-wide, so a NIP typed later in Excel stays text too.
  for (const c of textCols) ws.getColumn(c).numFmt = '@';
  for (const c of dateCols) ws.getColumn(c).numFmt = 'dd/mm/yyyy';
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow(r);
    // Text from outside that a spreadsheet would take for a formula: Text format, so it stays text.
    r.forEach((v, i) => {
      if (looksLikeFormula(v)) row.getCell(i + 1).numFmt = '@';
    });
  }
  headers.forEach((h, i) => (ws.getColumn(i + 1).width = Math.max(10, Math.min(40, h.length + 4))));
}

function settingsRows(s: Omit<Settings, 'asOf'>): Cell[][] {
  const rows: Cell[][] = [
    [SETTING_NAMES.tenureMinMonths, s.tenureMinMonths],
    [SETTING_NAMES.tenureMaxMonths, s.tenureMaxMonths],
    [SETTING_NAMES.retirementNearMonths, s.retirementNearMonths],
    [SETTING_NAMES.jpmMin, s.jpmMin],
    [SETTING_NAMES.jpmOk, s.jpmOk],
  ];
  for (const m of s.moratoria) {
    rows.push([SETTING_NAMES.moratoriumFrom, dayToDate(m.from)], [SETTING_NAMES.moratoriumTo, dayToDate(m.to)]);
  }
  const w = s.weights;
  rows.push(
    [SETTING_NAMES.weightJpm, w.jpm], [SETTING_NAMES.weightPerformance, w.performance], [SETTING_NAMES.weightRotation, w.rotation],
    [SETTING_NAMES.weightPreference, w.preference], [SETTING_NAMES.weightMajor, w.major], [SETTING_NAMES.newVacancyPenalty, w.newVacancyPenalty],
  );
  return rows;
}

/** `problems`: filled with every value written otherwise than as the record holds it (a date no workbook can hold). */
export async function exportWorkbook(db: Db, problems: string[] = []): Promise<ExcelJS.Workbook> {
  const date: DateOf = (iso, where) => dateCell(iso, problems, where);
  const [employees, positions, decisions, settings] = await Promise.all([
    listEmployees(db.knex), listPositions(db.knex), listDecisions(db.knex), getParameter<Omit<Settings, 'asOf'>>(db.knex, 'settings'),
  ]);
  const names = new Map(employees.map((e) => [e.nip, e.name]));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mutasi — server sinkron';
  wb.created = new Date();
  // NIP and the SIASN ids as text: an id of digits stays as written.
  const col = (sheet: typeof PEGAWAI, field: string) => canonicalHeaders(sheet).indexOf(headerOf(sheet, field)) + 1;
  addSheet(wb, PEGAWAI.name, canonicalHeaders(PEGAWAI), employees.map((e) => employeeRow(e, date)), [1, col(PEGAWAI, 'pnsId')], [6, 7, 14]);
  addSheet(wb, JABATAN.name, canonicalHeaders(JABATAN), positions.map(positionRow),
    ['unorId', 'jabatanFungsionalId', 'jabatanFungsionalUmumId', 'eselonId'].map((f) => col(JABATAN, f)), []);
  if (settings) addSheet(wb, 'Aturan', ['Aturan', 'Nilai'], settingsRows(settings), [], []);
  addSheet(
    wb, 'Keputusan', KEPUTUSAN_HEADERS,
    decisions.map((d) => [
      d.recordNo, d.nip, names.get(d.nip) ?? null, d.fromPositionCode, d.toPositionCode, d.reason, date(d.effectiveDate, `Keputusan ${d.recordNo} (TMT Mutasi)`),
      d.note || null, d.mendagriApproval, d.approvedBy, d.recordedAt, d.proposalId, d.mutationId,
    ]),
    [2], [7],
  );
  return wb;
}
