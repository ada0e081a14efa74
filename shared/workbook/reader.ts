/**
 * Reads a workbook's sheets into the Book the rules run on, reporting every bad cell on the way
 * (REQUIRED_MISSING, VALUE_INVALID, NIP_FORMAT, NIP_PRECISION, BIRTHDATE_MISMATCH, SHEET_MISSING,
 * HEADER_MISSING, and the duplicates that are visible within one sheet).
 */
import { COMPETENCIES } from '../domain';
import { defaultSettings, type Employee, type Position, type Proposal, type Settings } from '../model';
import { FindingSink, type RecordSheet } from '../rules/emit';
import { invalidParams, requiredParams, type Expected, type Params, type Why } from '../rules/messages';
import type { Book, Lang, Layout, RecordedMove, SheetLayout } from '../rules/types';
import { isoDate, today, type Day } from '../values/dates';
import { readNip } from '../values/nip';
import {
  INVALID, cellText, isEmptyCell, parseDate, parseDiscipline, parseEducation, parseGolongan, parseInteger, parseLevel,
  parseList, parsePositionType, parsePotential, parseProposalStatus, parseReason, parseSkp, parseStatus, type Parsed,
} from '../values/parse';
import { cellErrorText, isCellError, isNoCachedValue, type CellValue, type SheetData } from './gateway';
import { canonicalSheetLayout } from './layout';
import { HEADER_SCAN_ROWS, findHeader, headerBelowScan, matchSheetNames, missingRequired } from './locate';
import { PositionIndex } from './positions';
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

const YES = new Set(['ya', 'y', 'iya']);
const NO = new Set(['tidak', 't', 'tdk', 'bukan']);
/** Ya / Tidak (empty = Tidak); a ticked checkbox (TRUE / FALSE) reads the same. */
export function parseYesNo(v: CellValue | undefined): Parsed<boolean> {
  if (isEmptyCell(v)) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string' || cellErrorText(v)) return INVALID;
  const t = cellText(v).toLowerCase().replace(/\.$/, '');
  return YES.has(t) ? true : NO.has(t) ? false : INVALID;
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

interface Ctx {
  sink: FindingSink;
  lang: Lang;
  /** Required fields that have no column on their sheet: one HEADER_MISSING each, not one REQUIRED_MISSING per row. */
  absent: Record<RecordSheet, Set<string>>;
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
      for (const field of search.missing) {
        const fd = def.fields.find((x) => x.field === field)!;
        sink.push(sheet.name, search.bestRow, search.firstCol, fd.header, 'HEADER_MISSING', 'error', def.name, {
          header: fd.header, sheet: sheet.name, aliases: acceptedNames(def, field), row: search.bestRow, scanned: HEADER_SCAN_ROWS,
          ...(below !== null ? { below } : {}),
        });
      }
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
    for (const field of fields) {
      const fd = def.fields.find((x) => x.field === field)!;
      sink.push(lay.name, lay.headerRow, found[key]!.firstCol, fd.header, 'HEADER_MISSING', 'error', def.name, {
        header: fd.header, sheet: lay.name, aliases: acceptedNames(def, field), row: lay.headerRow,
      });
    }
  }

  const recordedMoves = readRecordedMoves(sheets);
  const book: Book | null = rowsOf.pegawai && rowsOf.jabatan
    ? { employees, positions, proposals, settings, layout, ...(recordedMoves.length ? { recordedMoves } : {}) }
    : null;
  return { book, sink, settings, sheets: found, counts };
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

function invalid(ctx: Ctx, sheet: RecordSheet, row: number, field: string, v: CellValue | undefined, expected: Expected, subject: string): void {
  const value = isCellError(v) && v.formula ? `=${v.formula}` : cellText(v);
  const [what, facts] = errorFact(v) ?? [expected, {}];
  ctx.sink.at(sheet, row, field, 'VALUE_INVALID', 'error', subject, invalidParams(value, what, facts));
}

/**
 * What an error value in a cell means: a formula nobody calculated (no cached value) or an Excel error,
 * usually a formula's result. Never an empty cell (issue 14: not REQUIRED_MISSING).
 */
function errorFact(v: CellValue | undefined): [Expected, Params] | null {
  if (isNoCachedValue(v)) return ['noCachedValue', {}];
  const e = cellErrorText(v ?? null);
  return e ? ['cellError', { error: e }] : null;
}

function missing(ctx: Ctx, sheet: RecordSheet, row: number, field: string, subject: string, why?: Why, facts?: Params): void {
  if (!ctx.sink.layout[sheet].columns[field]) {
    ctx.absent[sheet].add(field);
    return;
  }
  ctx.sink.at(sheet, row, field, 'REQUIRED_MISSING', 'error', subject, requiredParams(why, facts));
}

/** A coded value: reports INVALID, returns null for it. */
function coded<T>(ctx: Ctx, sheet: RecordSheet, row: number, field: string, v: CellValue | undefined, p: Parsed<T>, expected: Expected, subject: string): T | null {
  if (p === INVALID) {
    invalid(ctx, sheet, row, field, v, expected, subject);
    return null;
  }
  return p;
}

/** Free text; an Excel error value in it is reported. */
function text(ctx: Ctx, sheet: RecordSheet, row: number, field: string, v: CellValue | undefined, subject: string): string {
  if (cellErrorText(v ?? null)) {
    invalid(ctx, sheet, row, field, v, 'text', subject);
    return '';
  }
  return cellText(v);
}

/** A `;`-separated list; an Excel error value in it is reported and reads as an empty list. */
function list(ctx: Ctx, sheet: RecordSheet, row: number, field: string, v: CellValue | undefined, subject: string, separators: string): string[] {
  if (cellErrorText(v ?? null)) {
    invalid(ctx, sheet, row, field, v, 'text', subject);
    return [];
  }
  return parseList(v, separators);
}

/** SIASN reference ids (docs/siasn.md): present only when filled in, as text (a number cell reads as its digits). */
function optionalIds(ctx: Ctx, sheet: RecordSheet, row: number, g: (f: string) => CellValue | undefined, fields: string[], subject: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = text(ctx, sheet, row, f, g(f), subject).trim();
    if (v) out[f] = v;
  }
  return out;
}

function readEmployees(rows: Rows, ctx: Ctx): Employee[] {
  const out: Employee[] = [];
  const S: RecordSheet = 'pegawai';
  const hasComp = COMPETENCIES.some((_, i) => rows.has(`comp${i}`));
  const refField = rows.has('positionCode') || !rows.has('positionName') ? 'positionCode' : 'positionName';
  /** The last run of rows whose position cell may be one merged cell: its first (filled) row, its last row; start 0 = none. */
  let run = { start: 0, last: 0 };
  for (const { row, cells } of rows.dataRows()) {
    const g = (f: string) => rows.get(cells, f);
    const nipCell = g('nip');
    const nipR = readNip(nipCell);
    const subject = nipR.nip;
    if (nipR.isError) invalid(ctx, S, row, 'nip', nipCell, 'nip', subject);
    else if (!nipR.nip) missing(ctx, S, row, 'nip', subject);
    else if (nipR.precisionLost) ctx.sink.at(S, row, 'nip', 'NIP_PRECISION', 'error', subject, { value: nipR.nip });
    else if (nipR.problem) ctx.sink.at(S, row, 'nip', 'NIP_FORMAT', 'error', subject, { value: nipR.nip, ...nipR.problem });

    const name = text(ctx, S, row, 'name', g('name'), subject);
    if (!name && !cellErrorText(g('name') ?? null)) missing(ctx, S, row, 'name', subject);

    const status = coded(ctx, S, row, 'status', g('status'), parseStatus(g('status')), 'status', subject) ?? 'PNS';
    const rankCell = g('rank');
    const rank = coded(ctx, S, row, 'rank', rankCell, parseGolongan(rankCell), 'rank', subject);
    if (rank === null && isEmptyCell(rankCell) && status === 'PNS') missing(ctx, S, row, 'rank', subject, 'pnsRank');

    // The position: by code, or by name where the sheet has no Kode Jabatan column (WORKBOOK.md).
    const posCell = g(refField);
    const positionCode = text(ctx, S, row, refField, posCell, subject);
    if (positionCode || cellErrorText(posCell ?? null)) run = { start: positionCode ? row : 0, last: row };
    else {
      // Only the first of several merged cells keeps a value: the rows under it read as empty.
      const mergedWith = run.start > 0 && run.last === row - 1 ? run.start : null;
      run = mergedWith !== null ? { start: run.start, last: row } : { start: 0, last: row };
      if (mergedWith !== null) missing(ctx, S, row, refField, subject, 'merged', { mergedWith });
      else missing(ctx, S, row, refField, subject);
    }
    const unit = rows.has('unit') ? cellText(g('unit')) : '';

    const startCell = g('positionStart');
    const positionStart = coded(ctx, S, row, 'positionStart', startCell, parseDate(startCell), 'date', subject);
    if (isEmptyCell(startCell)) missing(ctx, S, row, 'positionStart', subject);

    const birthCell = g('birthDate');
    const birthGiven = coded(ctx, S, row, 'birthDate', birthCell, parseDate(birthCell), 'date', subject);
    // Digits 1–8 survive even a number cell (Excel keeps 15 significant digits), so they are compared too.
    if (birthGiven !== null && nipR.birth !== null && birthGiven !== nipR.birth) {
      ctx.sink.at(S, row, 'birthDate', 'BIRTHDATE_MISMATCH', 'warning', subject, { found: isoDate(birthGiven), required: isoDate(nipR.birth) });
    }

    const eduCell = g('educationLevel');
    const educationLevel = coded(ctx, S, row, 'educationLevel', eduCell, parseEducation(eduCell), 'education', subject);
    if (isEmptyCell(eduCell)) missing(ctx, S, row, 'educationLevel', subject);

    const discipline = coded(ctx, S, row, 'discipline', g('discipline'), parseDiscipline(g('discipline')), 'discipline', subject) ?? 'Tidak Ada';
    const untilCell = g('disciplineUntil');
    const disciplineUntil = coded(ctx, S, row, 'disciplineUntil', untilCell, parseDate(untilCell), 'date', subject);
    if (discipline !== 'Tidak Ada' && isEmptyCell(untilCell)) {
      missing(ctx, S, row, 'disciplineUntil', subject, 'disciplineUntil', { level: discipline });
    }

    let competencies: number[] | null = null;
    if (hasComp) {
      const levels: (number | null)[] = [];
      let filled = 0;
      let bad = false;
      for (let i = 0; i < 9; i++) {
        const f = `comp${i}`;
        const v = g(f);
        const p = parseInteger(v, 1, 5);
        if (p === INVALID) {
          invalid(ctx, S, row, f, v, 'level15', subject);
          bad = true;
          levels.push(null);
        } else {
          if (p !== null) filled++;
          levels.push(p);
        }
      }
      if (filled > 0 && filled < 9 && !bad) {
        // An empty cell is REQUIRED_MISSING; a column the sheet lacks is one HEADER_MISSING (see missing()).
        for (let i = 0; i < 9; i++) {
          if (levels[i] === null) missing(ctx, S, row, `comp${i}`, subject, 'allCompetencies');
        }
      } else if (filled === 9 && !bad) competencies = levels as number[];
    }

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
      educationMajor: text(ctx, S, row, 'educationMajor', g('educationMajor'), subject),
      skpLast: coded(ctx, S, row, 'skpLast', g('skpLast'), parseSkp(g('skpLast')), 'skp', subject),
      skpBefore: coded(ctx, S, row, 'skpBefore', g('skpBefore'), parseSkp(g('skpBefore')), 'skp', subject),
      potential: coded(ctx, S, row, 'potential', g('potential'), parsePotential(g('potential')), 'potential', subject),
      discipline,
      disciplineUntil,
      trainings: list(ctx, S, row, 'trainings', g('trainings'), subject, ';,'),
      preferences: list(ctx, S, row, 'preferences', g('preferences'), subject, ';'),
      competencies,
      ...(nipR.precisionLost ? { nipPrecisionLost: true } : {}),
      ...optionalIds(ctx, S, row, g, ['pnsId'], subject),
    });
  }
  return out;
}

function readPositions(rows: Rows, ctx: Ctx): Position[] {
  const out: Position[] = [];
  const S: RecordSheet = 'jabatan';
  const firstRowOf = new Map<string, number>();
  const hasStd = COMPETENCIES.some((_, i) => rows.has(`std${i}`));
  for (const { row, cells } of rows.dataRows()) {
    const g = (f: string) => rows.get(cells, f);
    const codeCell = g('code');
    const code = text(ctx, S, row, 'code', codeCell, '');
    if (!code && !cellErrorText(codeCell ?? null)) missing(ctx, S, row, 'code', code);
    const subject = code;

    const name = text(ctx, S, row, 'name', g('name'), subject);
    if (!name && !cellErrorText(g('name') ?? null)) missing(ctx, S, row, 'name', subject);

    const typeCell = g('type');
    const type = coded(ctx, S, row, 'type', typeCell, parsePositionType(typeCell), 'type', subject);
    if (isEmptyCell(typeCell)) missing(ctx, S, row, 'type', subject);

    const levelCell = g('level');
    let level = coded(ctx, S, row, 'level', levelCell, parseLevel(levelCell), 'level', subject);
    if (type === 'Fungsional' && isEmptyCell(levelCell)) missing(ctx, S, row, 'level', subject, 'fungsionalLevel');
    if (type !== 'Fungsional') level = null;

    const unit = text(ctx, S, row, 'unit', g('unit'), subject);
    if (!unit && !cellErrorText(g('unit') ?? null)) missing(ctx, S, row, 'unit', subject);

    const neededCell = g('needed');
    const needed = coded(ctx, S, row, 'needed', neededCell, parseInteger(neededCell, 0, 1_000_000), 'needed', subject);
    if (isEmptyCell(neededCell)) missing(ctx, S, row, 'needed', subject);

    let standards: (number | null)[] | null = null;
    if (hasStd) {
      standards = [];
      for (let i = 0; i < 9; i++) {
        const f = `std${i}`;
        standards.push(coded(ctx, S, row, f, g(f), parseInteger(g(f), 1, 5), 'level15', subject));
      }
      if (standards.every((x) => x === null)) standards = null;
    }

    const pos: Position = {
      row,
      code,
      name,
      type,
      level,
      unit,
      class: coded(ctx, S, row, 'class', g('class'), parseInteger(g('class'), 1, 17), 'class', subject),
      needed: needed ?? 0,
      minRank: coded(ctx, S, row, 'minRank', g('minRank'), parseGolongan(g('minRank')), 'rank', subject),
      maxRank: coded(ctx, S, row, 'maxRank', g('maxRank'), parseGolongan(g('maxRank')), 'rank', subject),
      minEducation: coded(ctx, S, row, 'minEducation', g('minEducation'), parseEducation(g('minEducation')), 'education', subject),
      majors: list(ctx, S, row, 'majors', g('majors'), subject, ';'),
      requiredTrainings: list(ctx, S, row, 'requiredTrainings', g('requiredTrainings'), subject, ';'),
      standards,
      critical: coded(ctx, S, row, 'critical', g('critical'), parseYesNo(g('critical')), 'yesNo', subject) ?? false,
      ...optionalIds(ctx, S, row, g, ['unorId', 'jabatanFungsionalId', 'jabatanFungsionalUmumId', 'eselonId'], subject),
    };
    if (code) {
      const first = firstRowOf.get(code);
      if (first !== undefined) {
        ctx.sink.at(S, row, 'code', 'POSITION_DUPLICATE', 'error', subject, { code, firstRow: first });
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
  const S: RecordSheet = 'usulan';
  const ids = new Map<string, number>();
  for (const { row, cells } of rows.dataRows()) {
    const g = (f: string) => rows.get(cells, f);
    const statusP = parseProposalStatus(g('status'));
    const status = statusP === INVALID ? null : (statusP ?? 'Draf');
    const active = status === null || status === 'Draf' || status === 'Diajukan' || status === 'Disetujui';
    // Ditolak / Tercatat rows are history: read, never judged.
    const c: Ctx = active ? ctx : { ...ctx, sink: new FindingSink(ctx.lang, ctx.sink.layout) };

    const nipCell = g('nip');
    const nipR = readNip(nipCell);
    const rawId = cellText(g('id'));
    const id = rawId && !cellErrorText(g('id') ?? null) ? rawId : `U-${String(row).padStart(4, '0')}`;
    const subject = nipR.nip || id;
    if (statusP === INVALID) invalid(c, S, row, 'status', g('status'), 'proposalStatus', subject);
    if (cellErrorText(g('id') ?? null)) invalid(c, S, row, 'id', g('id'), 'text', subject);
    if (nipR.isError) invalid(c, S, row, 'nip', nipCell, 'nip', subject);
    else if (!nipR.nip) missing(c, S, row, 'nip', subject);
    else if (nipR.precisionLost) c.sink.at(S, row, 'nip', 'NIP_PRECISION', 'error', subject, { value: nipR.nip });

    const toCell = g('toCode');
    const toCode = text(c, S, row, 'toCode', toCell, subject);
    if (!toCode && !cellErrorText(toCell ?? null)) missing(c, S, row, 'toCode', subject);
    const toUnit = rows.has('toUnit') ? cellText(g('toUnit')) : '';

    if (rawId) {
      const first = ids.get(rawId);
      if (first !== undefined) invalid(c, S, row, 'id', g('id'), 'uniqueId', subject);
      else ids.set(rawId, row);
    }

    out.push({
      row,
      id,
      nip: nipR.nip,
      toCode,
      ...(toUnit ? { toUnit } : {}),
      reason: coded(c, S, row, 'reason', g('reason'), parseReason(g('reason')), 'reason', subject),
      effectiveDate: coded(c, S, row, 'effectiveDate', g('effectiveDate'), parseDate(g('effectiveDate')), 'date', subject),
      status: status ?? 'Draf',
      note: text(c, S, row, 'note', g('note'), subject),
      mendagriApproval: text(c, S, row, 'mendagriApproval', g('mendagriApproval'), subject),
      recordNo: cellText(g('recordNo')),
      approvedBy: cellText(g('approvedBy')),
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
  const idx = new PositionIndex(positions);
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

