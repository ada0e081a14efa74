/**
 * Reads a workbook's sheets into the Book the rules run on, reporting every bad cell on the way
 * (REQUIRED_MISSING, VALUE_INVALID, NIP_FORMAT, NIP_PRECISION, BIRTHDATE_MISMATCH, SHEET_MISSING,
 * HEADER_MISSING, and the duplicates that are visible within one sheet).
 */
import { COMPETENCIES } from '../domain';
import { defaultSettings, type Employee, type Position, type Proposal, type Settings } from '../model';
import { FindingSink, type RecordSheet } from '../rules/emit';
import type { Params } from '../rules/messages';
import type { Book, Lang, Layout, RecordedMove, SheetLayout } from '../rules/types';
import { isoDate, today, type Day } from '../values/dates';
import { readNip } from '../values/nip';
import { INVALID, cellText, isEmptyCell, parseDate, parseProposalStatus } from '../values/parse';
import { cellErrorText, type CellValue, type SheetData } from './gateway';
import { canonicalSheetLayout } from './layout';
import { HEADER_SCAN_ROWS, findHeader, headerBelowScan, matchSheetNames, missingRequired } from './locate';
import { positionIndex } from './positions';
import { RecordRow, type ReadContext } from './record-row';
import { ATURAN, JABATAN, KEPUTUSAN, PEGAWAI, SHEETS, USULAN, allFields, normalizeName, type SheetKey } from './schema';
import { readSettings } from './settings';

export interface ParseOptions {
  lang?: Lang;
  /** Overrides the Aturan sheet's Tanggal Acuan (the command line's --as-of). */
  asOf?: Day;
  /** User-chosen header → field mappings per sheet, for headers the aliases do not cover. */
  columnMap?: Partial<Record<SheetKey, Record<string, string>>>;
  /** Every sheet name in the workbook, when only some sheets were read (for SHEET_MISSING to list them). */
  sheetNames?: string[];
}

export interface ParsedWorkbook {
  /** null when Pegawai or Jabatan (or one of their required headers) is missing. */
  book: Book | null;
  sink: FindingSink;
  settings: Settings;
  /** The sheets found, with their header rows and unrecognised headers. */
  sheets: Partial<Record<SheetKey, { name: string; headerRow: number; dataRow: number; firstCol: number; unknownHeaders: { col: number; header: string }[] }>>;
  counts: { employees: number; positions: number; proposals: number };
}

/**
 * Usulan fields that alone do not make a row: numbering (No Usulan), a drop-down's default status, and
 * what the tool wrote there on an earlier run.
 */
const NOT_CONTENT: Partial<Record<SheetKey, string[]>> = { usulan: ['id', 'status', 'fit', 'result', 'approvedBy', 'recordNo'] };

/** One sheet's rows with its header located; hands out cells by field. */
export class Rows {
  /** 0-based indexes into a row's cells of the columns whose values make a row. */
  private readonly content: number[];
  constructor(
    readonly sheet: SheetData,
    readonly layout: SheetLayout,
    notContent: string[] = [],
  ) {
    this.content = Object.entries(layout.columns)
      .filter(([field]) => !notContent.includes(field))
      .map(([, c]) => c.col - sheet.startCol);
  }
  /**
   * Worksheet rows below the header with a value in at least one column the tool knows: a row filled
   * only in other columns (a pre-numbered No, a remark) is as empty as a blank one (WORKBOOK.md: unknown
   * columns are left alone, empty rows are skipped).
   */
  *dataRows(): Generator<{ row: number; cells: CellValue[] }> {
    const first = (this.layout.dataRow ?? this.layout.headerRow + 1) - this.sheet.startRow;
    const content = this.content;
    for (let r = first; r < this.sheet.values.length; r++) {
      const cells = this.sheet.values[r];
      if (!cells) continue;
      let empty = true;
      for (let i = 0; i < content.length; i++) {
        if (!isEmptyCell(cells[content[i]!])) {
          empty = false;
          break;
        }
      }
      if (empty) continue;
      yield { row: this.sheet.startRow + r, cells };
    }
  }
  get(cells: CellValue[], field: string): CellValue | undefined {
    const c = this.layout.columns[field];
    return c ? cells[c.col - this.sheet.startCol] : undefined;
  }
  has(field: string): boolean {
    return this.layout.columns[field] !== undefined;
  }
}

interface Ctx extends ReadContext {
  lang: Lang;
}

/** Columns every row needs (WORKBOOK.md "required: yes"); the conditional ones are found when a row needs them. */
const ALWAYS_REQUIRED: Record<RecordSheet, string[]> = {
  pegawai: ['nip', 'name', 'positionCode', 'positionStart', 'educationLevel'],
  jabatan: ['code', 'name', 'type', 'unit', 'needed'],
  usulan: ['nip', 'toCode'],
};

export function parseWorkbook(sheets: SheetData[], opts: ParseOptions = {}): ParsedWorkbook {
  const lang = opts.lang ?? 'id';
  const byRole = matchSheetNames(sheets.map((s) => s.name));
  const sheetOf = (k: SheetKey) => sheets.find((s) => s.name === byRole[k]);

  const layout: Layout = {
    pegawai: canonicalSheetLayout(PEGAWAI),
    jabatan: canonicalSheetLayout(JABATAN),
    usulan: canonicalSheetLayout(USULAN),
  };
  const sink = new FindingSink(lang, layout);
  const ctx: Ctx = { sink, lang, absent: { pegawai: new Set(), jabatan: new Set(), usulan: new Set() } };
  const found: ParsedWorkbook['sheets'] = {};
  const rowsOf: Partial<Record<SheetKey, Rows>> = {};

  for (const def of [PEGAWAI, JABATAN, USULAN, ATURAN]) {
    const sheet = sheetOf(def.key);
    if (!sheet) {
      if (def.key === 'pegawai' || def.key === 'jabatan') {
        // The sheets that are there (not the other roles'): the one meant is usually among them, misnamed.
        const others = (opts.sheetNames ?? sheets.map((s) => s.name)).filter((n) => !Object.values(byRole).includes(n));
        sink.push(def.name, 1, 1, '', 'SHEET_MISSING', 'error', def.name, { sheet: def.name, aliases: def.aliases.join(', '), found: others.map((n) => `"${n}"`).join(', ') });
      }
      continue;
    }
    const search = findHeader(def, sheet, opts.columnMap?.[def.key]);
    if (!search.found) {
      // Pointed at the first cell of the row that came closest, naming it, where headers are looked for,
      // and where a header row that would do stands when it is below them.
      const below = headerBelowScan(def, sheet, opts.columnMap?.[def.key]);
      const where = { scanned: HEADER_SCAN_ROWS, ...(below !== null ? { below } : {}) };
      for (const field of search.missing) headerMissing(sink, def, field, sheet.name, search.bestRow, search.firstCol, where);
      continue;
    }
    const m = search.match;
    const lay: SheetLayout = { name: sheet.name, headerRow: m.headerRow, columns: m.columns, ...(m.dataRow !== m.headerRow + 1 ? { dataRow: m.dataRow } : {}) };
    if (def.key !== 'aturan') layout[def.key] = lay;
    rowsOf[def.key] = new Rows(sheet, lay, NOT_CONTENT[def.key]);
    found[def.key] = { name: sheet.name, headerRow: lay.headerRow, dataRow: m.dataRow, firstCol: m.firstCol, unknownHeaders: m.unknown };
  }

  const settings = rowsOf.aturan ? readSettings(rowsOf.aturan, sink, opts.asOf) : defaultSettings(opts.asOf ?? today());
  if (opts.asOf !== undefined) settings.asOf = opts.asOf;

  const employees = rowsOf.pegawai ? readEmployees(rowsOf.pegawai, ctx) : [];
  const positions = rowsOf.jabatan ? readPositions(rowsOf.jabatan, ctx) : [];
  const proposals = rowsOf.usulan ? readProposals(rowsOf.usulan, ctx) : [];
  resolvePositionNames(positions, employees, proposals);
  const counts = { employees: employees.length, positions: positions.length, proposals: proposals.length };

  for (const def of [PEGAWAI, JABATAN, USULAN]) {
    const key = def.key as RecordSheet;
    const rows = rowsOf[key];
    if (!rows) continue;
    const lay = rows.layout;
    const wanted = [...new Set([...ALWAYS_REQUIRED[key], ...ctx.absent[key]])];
    const fields = missingRequired({ ...def, required: wanted }, lay.columns);
    if (fields.length === 0) continue;
    // On the header row's first cell, naming the row (a cell right of the last column is nowhere to look).
    for (const field of fields) headerMissing(sink, def, field, lay.name, lay.headerRow, found[key]!.firstCol);
  }

  const recordedMoves = readRecordedMoves(sheets);
  const book: Book | null = rowsOf.pegawai && rowsOf.jabatan
    ? { employees, positions, proposals, settings, layout, ...(recordedMoves.length ? { recordedMoves } : {}) }
    : null;
  return { book, sink, settings, sheets: found, counts };
}


/** HEADER_MISSING for `field` of `def`, on the first cell (`row`, `col`) of the header row found or closest. */
function headerMissing(sink: FindingSink, def: (typeof SHEETS)[SheetKey], field: string, sheetName: string, row: number, col: number, where: Params = {}): void {
  const header = def.fields.find((x) => x.field === field)!.header;
  sink.push(sheetName, row, col, header, 'HEADER_MISSING', 'error', def.name, { header, sheet: sheetName, aliases: acceptedNames(def, field), row, ...where });
}

/**
 * The other headers a missing column may have, for HEADER_MISSING: its aliases, then the columns that
 * can stand for it (Pegawai's Kode Jabatan: a position name column, `Nama Jabatan, Jabatan`).
 */
function acceptedNames(def: (typeof SHEETS)[SheetKey], field: string): string {
  const own = def.fields.find((x) => x.field === field)?.aliases ?? [];
  const alt = (def.alternatives?.[field] ?? []).flatMap((a) => {
    const f = allFields(def).find((x) => x.field === a);
    return f ? [f.header, ...f.aliases] : [];
  });
  return [own.join(', '), alt.join(', ')].filter(Boolean).join('; ') || '—';
}

// ---------------------------------------------------------------------------------------------

/** The competency columns' field names, made once (not a new string per cell of 40,000 rows). */
const COMP_FIELDS = COMPETENCIES.map((_, i) => `comp${i}`);
const STD_FIELDS = COMPETENCIES.map((_, i) => `std${i}`);

function readEmployees(rows: Rows, ctx: Ctx): Employee[] {
  const out: Employee[] = [];
  const hasComp = COMP_FIELDS.some((f) => rows.has(f));
  const refField = rows.has('positionCode') || !rows.has('positionName') ? 'positionCode' : 'positionName';
  /** The last run of rows whose position cell may be one merged cell: its first (filled) row, its last row; start 0 = none. */
  let run = { start: 0, last: 0 };
  for (const { row, cells } of rows.dataRows()) {
    const r = new RecordRow(ctx, rows, 'pegawai', row, cells);
    const nipR = readNip(r.cell('nip'));
    r.subject = nipR.nip;
    if (nipR.isError) r.invalid('nip', 'nip');
    else if (!nipR.nip) r.missing('nip');
    else if (nipR.precisionLost) r.at('nip', 'NIP_PRECISION', 'error', { value: nipR.nip });
    else if (nipR.problem) r.at('nip', 'NIP_FORMAT', 'error', { value: nipR.nip, ...nipR.problem });

    const name = r.requiredText('name');
    const status = r.coded('status', 'status') ?? 'PNS';
    const rank = r.coded('rank', 'rank');
    if (rank === null && r.isEmpty('rank') && status === 'PNS') r.missing('rank', 'pnsRank');

    // The position: by code, or by name where the sheet has no Kode Jabatan column (WORKBOOK.md).
    const positionCode = r.text(refField);
    if (positionCode || cellErrorText(r.cell(refField) ?? null)) run = { start: positionCode ? row : 0, last: row };
    else {
      // Only the first of several merged cells keeps a value: the rows under it read as empty.
      const mergedWith = run.start > 0 && run.last === row - 1 ? run.start : null;
      run = mergedWith !== null ? { start: run.start, last: row } : { start: 0, last: row };
      if (mergedWith !== null) r.missing(refField, 'merged', { mergedWith });
      else r.missing(refField);
    }
    const unit = r.plain('unit');

    const positionStart = r.requiredCoded('positionStart', 'date');
    const birthGiven = r.coded('birthDate', 'date');
    // Digits 1–8 survive even a number cell (Excel keeps 15 significant digits), so they are compared too.
    if (birthGiven !== null && nipR.birth !== null && birthGiven !== nipR.birth) {
      r.at('birthDate', 'BIRTHDATE_MISMATCH', 'warning', { found: isoDate(birthGiven), required: isoDate(nipR.birth) });
    }
    const educationLevel = r.requiredCoded('educationLevel', 'education');

    const discipline = r.coded('discipline', 'discipline') ?? 'Tidak Ada';
    const disciplineUntil = r.coded('disciplineUntil', 'date');
    if (discipline !== 'Tidak Ada' && r.isEmpty('disciplineUntil')) r.missing('disciplineUntil', 'disciplineUntil', { level: discipline });

    const competencies = hasComp ? readCompetencies(r) : null;

    out.push({
      row,
      nip: nipR.nip,
      name,
      status,
      rank,
      positionCode,
      ...(unit ? { unit } : {}),
      positionStart,
      birthDate: nipR.birth ?? birthGiven,
      educationLevel,
      educationMajor: r.text('educationMajor'),
      skpLast: r.coded('skpLast', 'skp'),
      skpBefore: r.coded('skpBefore', 'skp'),
      potential: r.coded('potential', 'potential'),
      discipline,
      disciplineUntil,
      trainings: r.list('trainings', ';,'),
      preferences: r.list('preferences', ';'),
      competencies,
      ...(nipR.precisionLost ? { nipPrecisionLost: true } : {}),
      ...r.optionalIds(['pnsId']),
    });
  }
  return out;
}

/** The nine competency levels: all or none (an invalid one reads as none, reported once as such). */
function readCompetencies(r: RecordRow): number[] | null {
  const levels: (number | null)[] = [];
  let filled = 0;
  let bad = false;
  for (let i = 0; i < 9; i++) {
    const f = COMP_FIELDS[i]!;
    const empty = r.isEmpty(f);
    const p = r.coded(f, 'level15');
    if (p === null && !empty) bad = true;
    else if (p !== null) filled++;
    levels.push(p);
  }
  if (filled > 0 && filled < 9 && !bad) {
    // An empty cell is REQUIRED_MISSING; a column the sheet lacks is one HEADER_MISSING (see RecordRow.missing).
    for (let i = 0; i < 9; i++) if (levels[i] === null) r.missing(COMP_FIELDS[i]!, 'allCompetencies');
    return null;
  }
  return filled === 9 && !bad ? (levels as number[]) : null;
}

function readPositions(rows: Rows, ctx: Ctx): Position[] {
  const out: Position[] = [];
  const firstRowOf = new Map<string, number>();
  const hasStd = STD_FIELDS.some((f) => rows.has(f));
  for (const { row, cells } of rows.dataRows()) {
    const r = new RecordRow(ctx, rows, 'jabatan', row, cells);
    const code = r.requiredText('code');
    r.subject = code;
    const name = r.requiredText('name');
    const type = r.requiredCoded('type', 'type');
    const level = r.coded('level', 'level');
    if (type === 'Fungsional' && r.isEmpty('level')) r.missing('level', 'fungsionalLevel');
    const unit = r.requiredText('unit');
    const needed = r.requiredCoded('needed', 'needed');

    let standards: (number | null)[] | null = null;
    if (hasStd) {
      standards = [];
      for (let i = 0; i < 9; i++) standards.push(r.coded(STD_FIELDS[i]!, 'level15'));
      if (standards.every((x) => x === null)) standards = null;
    }

    const pos: Position = {
      row,
      code,
      name,
      type,
      level: type === 'Fungsional' ? level : null,
      unit,
      class: r.coded('class', 'class'),
      needed: needed ?? 0,
      minRank: r.coded('minRank', 'rank'),
      maxRank: r.coded('maxRank', 'rank'),
      minEducation: r.coded('minEducation', 'education'),
      majors: r.list('majors', ';'),
      requiredTrainings: r.list('requiredTrainings', ';'),
      standards,
      critical: r.coded('critical', 'yesNo') ?? false,
      ...r.optionalIds(['unorId', 'jabatanFungsionalId', 'jabatanFungsionalUmumId', 'eselonId']),
    };
    if (code) {
      const first = firstRowOf.get(code);
      if (first !== undefined) {
        r.at('code', 'POSITION_DUPLICATE', 'error', { code, firstRow: first });
        continue; // the first row stays the position
      }
      firstRowOf.set(code, row);
    }
    out.push(pos);
  }
  return out;
}

function readProposals(rows: Rows, ctx: Ctx): Proposal[] {
  const out: Proposal[] = [];
  const ids = new Map<string, number>();
  for (const { row, cells } of rows.dataRows()) {
    const statusP = parseProposalStatus(rows.get(cells, 'status'));
    const status = statusP === INVALID ? null : (statusP ?? 'Draf');
    const active = status === null || status === 'Draf' || status === 'Diajukan' || status === 'Disetujui';
    // Ditolak / Tercatat rows are history: read, never judged.
    const r = new RecordRow(active ? ctx : { ...ctx, sink: new FindingSink(ctx.lang, ctx.sink.layout) }, rows, 'usulan', row, cells);

    const nipR = readNip(r.cell('nip'));
    const rawId = r.plain('id');
    const idError = cellErrorText(r.cell('id') ?? null);
    const id = rawId && !idError ? rawId : `U-${String(row).padStart(4, '0')}`;
    r.subject = nipR.nip || id;
    if (statusP === INVALID) r.invalid('status', 'proposalStatus');
    if (idError) r.invalid('id', 'text');
    if (nipR.isError) r.invalid('nip', 'nip');
    else if (!nipR.nip) r.missing('nip');
    else if (nipR.precisionLost) r.at('nip', 'NIP_PRECISION', 'error', { value: nipR.nip });

    const toCode = r.requiredText('toCode');
    const toUnit = r.plain('toUnit');

    if (rawId) {
      const first = ids.get(rawId);
      if (first !== undefined) r.invalid('id', 'uniqueId');
      else ids.set(rawId, row);
    }

    out.push({
      row,
      id,
      nip: nipR.nip,
      toCode,
      ...(toUnit ? { toUnit } : {}),
      reason: r.coded('reason', 'reason'),
      effectiveDate: r.coded('effectiveDate', 'date'),
      status: status ?? 'Draf',
      note: r.text('note'),
      mendagriApproval: r.text('mendagriApproval'),
      recordNo: r.plain('recordNo'),
      approvedBy: r.plain('approvedBy'),
    });
  }
  return out;
}

/**
 * Position references that are not codes, resolved by name (within the row's unit when given) to the
 * code of the one Jabatan row they name. Unresolved ones stay as written: the rules report them
 * (POSITION_UNKNOWN, with the closest candidates).
 */
function resolvePositionNames(positions: Position[], employees: Employee[], proposals: Proposal[]): void {
  const codes = new Set(positions.map((p) => p.code));
  const open = (code: string) => code !== '' && !codes.has(code);
  if (!employees.some((e) => open(e.positionCode)) && !proposals.some((p) => open(p.toCode))) return;
  const idx = positionIndex(positions);
  const cache = new Map<string, string | null>();
  const resolve = (ref: string, unit = ''): string | null => {
    const k = `${ref}\u0000${unit}`;
    let r = cache.get(k);
    if (r === undefined) {
      const res = idx.resolve(ref, unit);
      r = res.kind === 'code' || res.kind === 'name' ? res.position.code : null;
      cache.set(k, r);
    }
    return r;
  };
  for (const e of employees) if (open(e.positionCode)) e.positionCode = resolve(e.positionCode, e.unit) ?? e.positionCode;
  for (const p of proposals) if (open(p.toCode)) p.toCode = resolve(p.toCode, p.toUnit) ?? p.toCode;
}

/** Sheets the engine needs, by role, so a host can read just those (and an export's Keputusan). */
export function sheetsToRead(names: string[]): string[] {
  const m = matchSheetNames(names);
  const known = (Object.keys(SHEETS) as SheetKey[]).map((k) => m[k]).filter((x): x is string => x !== undefined);
  const keputusan = names.find(isKeputusan);
  return keputusan !== undefined && !known.includes(keputusan) ? [...known, keputusan] : known;
}

const isKeputusan = (name: string) => normalizeName(name) === normalizeName(KEPUTUSAN.name);

/**
 * The recorded decisions of an export's `Keputusan` sheet (KEPUTUSAN): rows with a record number, an
 * NIP, a target and a TMT. Evidence only: nothing in it is checked or reported.
 */
function readRecordedMoves(sheets: SheetData[]): RecordedMove[] {
  const sheet = sheets.find((s) => isKeputusan(s.name));
  if (!sheet) return [];
  const search = findHeader(KEPUTUSAN, sheet);
  if (!search.found) return [];
  const rows = new Rows(sheet, { name: sheet.name, headerRow: search.match.headerRow, columns: search.match.columns });
  const out: RecordedMove[] = [];
  for (const { cells } of rows.dataRows()) {
    const recordNo = cellText(rows.get(cells, 'recordNo'));
    const nip = readNip(rows.get(cells, 'nip')).nip;
    const toCode = cellText(rows.get(cells, 'toCode'));
    const d = parseDate(rows.get(cells, 'effectiveDate'));
    if (recordNo && nip && toCode && typeof d === 'number') out.push({ recordNo, nip, toCode, effectiveDate: d });
  }
  return out;
}

