/**
 * The product's one .xlsx reader (check, import, propose, the browser host). Browser-safe.
 *
 * It reads only what the engine needs: the workbook part and its relationships (sheet names, order and
 * parts, whatever the parts are called — openpyxl, Google Sheets and LibreOffice name and order them
 * differently), shared strings, the styles' number formats (which numbers are dates), `date1904`, and
 * the worksheets asked for. The zip's entry order does not matter (the central directory is read first);
 * drawings, charts, pivot caches, comments and VML are never decompressed.
 *
 * Cells come out as the gateway's CellValue, the way exceljs gave them (so the engine sees no
 * difference): shared, inline and rich text as text, "" as empty, a number in a date format as a Date
 * (UTC), booleans, an error value as CellError. A formula gives its cached value; a formula with no
 * cached value (a file written by a tool that does not calculate) gives a CellError whose `formula` is
 * set and `error` is {@link NO_CACHED_VALUE}, so the rules can say "a formula without a value" instead
 * of "empty".
 */
import { SaxesParser } from 'saxes';
import type { CellError, CellValue, SheetData } from '../workbook/gateway';
import { OpcPackage, REL, XlsxError, local, walkXml, type SheetEntry } from './package';

/** The `error` of a formula cell the file holds no calculated value for. */
export const NO_CACHED_VALUE = '#NO_VALUE';

export interface WorkbookInfo {
  part: string;
  sheets: SheetEntry[];
  date1904: boolean;
  sharedStringsPart: string | null;
  stylesPart: string | null;
  calcChainPart: string | null;
}

/** The workbook part: sheets in tab order with their parts, date1904, and where strings and styles are. */
export function workbookInfo(pkg: OpcPackage): WorkbookInfo {
  const part = pkg.workbookPart();
  const xml = pkg.text(part)!;
  const rels = pkg.relationships(part);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  let inSheets = false;
  walkXml(
    xml,
    (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheets') inSheets = true;
      else if (name === 'sheet' && inSheets) {
        const relId = Object.entries(a).find(([k]) => local(k) === 'id' && k.includes(':'))?.[1] ?? a.id ?? '';
        const rel = byId.get(relId);
        if (!rel?.part || a.name === undefined) return;
        const kind = rel.type.slice(rel.type.lastIndexOf('/') + 1);
        const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
        sheets.push({ name: a.name, sheetId: Number(a.sheetId ?? sheets.length + 1), relId, part: rel.part, kind, state });
      }
    },
    (name) => {
      if (name === 'sheets') inSheets = false;
    },
  );
  const find = (type: string) => rels.find((r) => r.type === type && r.part && pkg.has(r.part))?.part ?? null;
  return { part, sheets, date1904, sharedStringsPart: find(REL.sharedStrings), stylesPart: find(REL.styles), calcChainPart: find(REL.calcChain) };
}

/** Shared strings: each <si> as its text (rich-text runs joined, phonetic runs left out). */
export function readSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let cur: string[] | null = null;
  let inT = false;
  let rph = 0;
  walkXml(
    xml,
    (name) => {
      if (name === 'si') cur = [];
      else if (name === 'rPh') rph++;
      else if (name === 't' && rph === 0) inT = true;
    },
    (name) => {
      if (name === 'si') {
        out.push(cur ? cur.join('') : '');
        cur = null;
      } else if (name === 'rPh') rph--;
      else if (name === 't') inT = false;
    },
    (t) => {
      if (inT && cur) cur.push(t);
    },
  );
  return out;
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, plus the East Asian ids Excel maps to dates). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81]);

/** True for a format code that shows a date or time (colours, conditions and quoted text ignored). */
export function isDateFormat(code: string): boolean {
  const s = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/_.|\*./g, '');
  return /[ymdhsb]/i.test(s) && !/^general$/i.test(s.trim());
}

/** For each cellXfs index: whether its number format is a date. */
export function readDateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const out: boolean[] = [];
  let inXfs = false;
  walkXml(
    xml,
    (name, a) => {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inXfs = true;
      else if (name === 'xf' && inXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = custom.get(id);
        out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id));
      }
    },
    (name) => {
      if (name === 'cellXfs') inXfs = false;
    },
  );
  return out;
}

/** "BC12" → column 55 (1-based); 0 when there is no column. */
function colOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k >= 65 && k <= 90) c = c * 26 + (k - 64);
    else if (k >= 97 && k <= 122) c = c * 26 + (k - 96);
    else break;
  }
  return c;
}

function rowOf(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 57) i++;
  return Number(ref.slice(i)) || 0;
}

const ERROR_VALUES = /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

/** Excel serial day → Date at UTC, as exceljs converts it. */
export function serialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}

export interface SheetContext {
  shared: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** One worksheet's cells as the gateway's SheetData (values from A1). */
export function readWorksheet(xml: string, name: string, ctx: SheetContext): SheetData {
  const values: CellValue[][] = [];
  let row: CellValue[] | null = null;
  let rowNo = 0;
  let col = 0;
  // The cell being read.
  let type = '';
  let style = 0;
  let v: string | null = null;
  let formula: string | null = null;
  let inline: string[] | null = null;
  let text: 'v' | 'f' | 't' | null = null;
  let rph = 0;
  let inCell = false;

  const p = new SaxesParser({ position: false });
  p.on('opentag', (n) => {
    const tag = local(n.name);
    const a = n.attributes as Record<string, string>;
    switch (tag) {
      case 'row': {
        const r = a.r !== undefined ? Number(a.r) : rowNo + 1;
        rowNo = r > 0 ? r : rowNo + 1;
        while (values.length < rowNo) values.push([]);
        row = values[rowNo - 1]!;
        col = 0;
        break;
      }
      case 'c': {
        inCell = true;
        const ref = a.r;
        if (ref !== undefined) {
          col = colOf(ref) || col + 1;
          const rr = rowOf(ref);
          if (rr > 0 && rr !== rowNo) {
            rowNo = rr;
            while (values.length < rowNo) values.push([]);
            row = values[rowNo - 1]!;
          }
        } else col++;
        type = a.t ?? 'n';
        style = a.s !== undefined ? Number(a.s) : 0;
        v = null;
        formula = null;
        inline = null;
        break;
      }
      case 'v':
        if (inCell) {
          text = 'v';
          v = '';
        }
        break;
      case 'f':
        if (inCell) {
          text = 'f';
          formula = '';
        }
        break;
      case 'is':
        if (inCell) inline = [];
        break;
      case 'rPh':
        rph++;
        break;
      case 't':
        if (inline && rph === 0) text = 't';
        break;
    }
  });
  p.on('text', (t) => {
    if (text === 'v') v += t;
    else if (text === 'f') formula += t;
    else if (text === 't') inline!.push(t);
  });
  p.on('closetag', (n) => {
    const tag = local(n.name);
    if (tag === 'c') {
      inCell = false;
      if (!row) {
        rowNo = Math.max(rowNo, 1);
        while (values.length < rowNo) values.push([]);
        row = values[rowNo - 1]!;
      }
      const value = cellValue(type, style, v, formula, inline, ctx);
      if (value !== null) {
        while (row.length < col - 1) row.push(null);
        row[col - 1] = value;
      }
    } else if (tag === 'v' || tag === 'f' || tag === 't') text = null;
    else if (tag === 'rPh') rph--;
    else if (tag === 'row') row = null;
  });
  p.on('error', (e) => {
    throw new XlsxError('damaged', `${name}: ${e.message}`);
  });
  p.write(xml).close();
  return { name, values, startRow: 1, startCol: 1 };
}

function cellValue(type: string, style: number, v: string | null, formula: string | null, inline: string[] | null, ctx: SheetContext): CellValue {
  if (v === null && inline === null) {
    if (formula !== null && formula.trim() !== '') return { error: NO_CACHED_VALUE, formula: formula.trim() } as CellError;
    return null;
  }
  switch (type) {
    case 's': {
      const s = ctx.shared[Number(v)];
      return text(s ?? '');
    }
    case 'inlineStr':
      return text(inline ? inline.join('') : (v ?? ''));
    case 'str':
      return text(v ?? '');
    case 'b':
      return v === '1' || v === 'true';
    case 'e':
      return { error: (v ?? '').trim() };
    case 'd': {
      // ISO 8601 (t="d"): the wall-clock date and time, kept at UTC like every other date.
      const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?)?/.exec((v ?? '').trim());
      return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0))) : text(v ?? '');
    }
    default: {
      if (v === null || v.trim() === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n)) return text(v);
      return ctx.dateStyles[style] ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/** Excel's escapes for characters XML cannot hold (`_x000D_`; `_x005F_` is a literal underscore). */
function unescapeX(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

function text(raw: string): CellValue {
  if (raw === '') return null;
  const s = unescapeX(raw);
  if (s.length <= 14 && s.startsWith('#') && ERROR_VALUES.test(s.trim())) return { error: s.trim() };
  return s;
}

export interface ReadResult {
  /** Worksheet names in tab order (chart sheets left out). */
  names: string[];
  /** The sheets whose names passed `want`, in tab order. */
  sheets: SheetData[];
  date1904: boolean;
}

/** Reads the worksheets whose names pass `want`; nothing else is decompressed beyond strings, styles and the workbook part. */
export function readSheetsFrom(pkg: OpcPackage, want: (name: string) => boolean): ReadResult {
  const info = workbookInfo(pkg);
  const worksheets = info.sheets.filter((s) => s.kind === 'worksheet');
  const wanted = worksheets.filter((s) => want(s.name) && pkg.has(s.part));
  let ctx: SheetContext | null = null;
  const sheets: SheetData[] = [];
  for (const s of wanted) {
    ctx ??= {
      shared: info.sharedStringsPart ? readSharedStrings(pkg.text(info.sharedStringsPart)!) : [],
      dateStyles: info.stylesPart ? readDateStyles(pkg.text(info.stylesPart)!) : [],
      date1904: info.date1904,
    };
    sheets.push(readWorksheet(pkg.text(s.part)!, s.name, ctx));
  }
  return { names: worksheets.map((s) => s.name), sheets, date1904: info.date1904 };
}

/** Opens bytes and reads the wanted sheets; a file that is not a readable .xlsx throws XlsxError. */
export function readXlsx(bytes: Uint8Array, want: (name: string) => boolean): ReadResult {
  const pkg = new OpcPackage(bytes);
  try {
    return readSheetsFrom(pkg, want);
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError('damaged', (e as Error).message);
  }
}
