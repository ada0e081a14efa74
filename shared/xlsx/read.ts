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

/** The `error` of a formula cell the file holds no calculated value for (one code for every reader: gateway.ts). */
export { NO_CACHED_VALUE } from '../workbook/gateway';
import { NO_CACHED_VALUE } from '../workbook/gateway';

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

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? all),
  );
}

function attrOf(tag: string, name: string): string | undefined {
  // A local attribute name (no prefix) preceded by whitespace, `=`, either quote.
  let from = 0;
  for (;;) {
    const i = tag.indexOf(name, from);
    if (i < 0) return undefined;
    from = i + 1;
    const before = tag.charCodeAt(i - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let k = i + name.length;
    while (tag.charCodeAt(k) === 32) k++;
    if (tag.charCodeAt(k) !== 61) continue;
    k++;
    while (tag.charCodeAt(k) === 32) k++;
    const quote = tag[k];
    if (quote !== '"' && quote !== "'") continue;
    const end = tag.indexOf(quote, k + 1);
    const v = tag.slice(k + 1, end);
    return v.includes('&') ? decodeEntities(v) : v;
  }
}

/**
 * One worksheet's cells as the gateway's SheetData (values from A1).
 *
 * The sheet's rows are the one large input (35 MB of XML for 40,000 staff), so they are read by a scanner
 * made for `sheetData` alone — elements row, c, v, f, is, t, r, rPh, any namespace prefix, comments and
 * CDATA, entities — about five times faster than a general XML parser. Everything else in the sheet is
 * skipped. {@link readWorksheetSax} is the same read through saxes; the tests hold the two to the same
 * result on every file of the corpus.
 */
export function readWorksheet(xml: string, name: string, ctx: SheetContext): SheetData {
  const values: CellValue[][] = [];
  const open = /<(\w+:)?sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open || open[2] === '/') return { name, values, startRow: 1, startCol: 1 };
  const p = open[1] ?? '';
  let pos = open.index + open[0].length;
  const endData = xml.indexOf(`</${p}sheetData>`, pos);
  if (endData < 0) throw new XlsxError('damaged', `${name}: sheetData not closed`);
  const L = p.length;
  let rowNo = 0;
  let col = 0;
  const rowAt = (r: number) => {
    if (r > MAX_ROWS) throw new XlsxError('damaged', `${name}: row ${r} is beyond Excel's last row`);
    while (values.length < r) values.push([]);
    return values[r - 1]!;
  };
  /** The local name of the element starting at `lt` (after '<' and the prefix). */
  const nameAt = (lt: number): string => {
    const k = lt + 1;
    let e = k;
    while (e < endData) {
      const ch = xml.charCodeAt(e);
      if (ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13) break;
      e++;
    }
    const n = xml.slice(k, e);
    const c = n.indexOf(':');
    return c < 0 ? n : n.slice(c + 1);
  };
  const qualified = (lt: number): string => /^<([^\s/>]+)/.exec(xml.slice(lt, lt + 80))![1]!;
  /** End of the start tag beginning at lt (index of '>'), skipping '>' inside quoted attribute values. */
  const tagEnd = (lt: number): number => {
    let k = lt;
    let q = 0;
    for (;;) {
      const ch = xml.charCodeAt(++k);
      if (Number.isNaN(ch)) throw new XlsxError('damaged', `${name}: tag not closed`);
      if (q) {
        if (ch === q) q = 0;
      } else if (ch === 34 || ch === 39) q = ch;
      else if (ch === 62) return k;
    }
  };
  /** Text content up to the closing tag of an element whose start tag ended at gt (CDATA kept, comments dropped). */
  const textUntil = (gt: number, tag: string): { text: string; next: number } => {
    const close = xml.indexOf(`</${p}${tag}>`, gt);
    if (close < 0) throw new XlsxError('damaged', `${name}: <${tag}> not closed`);
    let raw = xml.slice(gt + 1, close);
    // XML end-of-line handling: a raw CR LF or CR is a LF (a CR written as &#13; stays).
    if (raw.includes('\r')) raw = raw.replace(/\r\n?/g, '\n');
    if (raw.includes('<')) {
      raw = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->/g, (_, cdata: string | undefined) => (cdata !== undefined ? cdata.replace(/&/g, '&amp;').replace(/</g, '&lt;') : ''));
    }
    return { text: decodeEntities(raw), next: close + 3 + L + tag.length };
  };

  while (pos < endData) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= endData) break;
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 33) {
      // <!-- comment --> or <![CDATA[ ]]> between elements
      const end = xml.startsWith('<!--', lt) ? xml.indexOf('-->', lt) + 3 : xml.indexOf(']]>', lt) + 3;
      pos = end > 2 ? end : endData;
      continue;
    }
    if (c1 === 47 || c1 === 63) {
      pos = Math.max(lt + 1, xml.indexOf('>', lt) + 1);
      continue;
    }
    const tag = nameAt(lt);
    const gt = tagEnd(lt);
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    if (tag === 'row') {
      const head = xml.slice(lt, gt);
      const r = Number(attrOf(head, 'r'));
      rowNo = r > 0 ? r : rowNo + 1;
      col = 0;
      pos = gt + 1;
      continue;
    }
    if (tag !== 'c') {
      // Anything else in sheetData (extLst…): skipped whole.
      const q = qualified(lt);
      pos = selfClosing ? gt + 1 : Math.max(gt + 1, xml.indexOf(`</${q}>`, gt) + 3 + q.length);
      continue;
    }
    const head = xml.slice(lt, gt);
    const ref = attrOf(head, 'r');
    if (ref !== undefined) {
      col = colOf(ref) || col + 1;
      const rr = rowOf(ref);
      if (rr > 0) rowNo = rr;
    } else col++;
    if (rowNo === 0) rowNo = 1;
    if (col > MAX_COLS) throw new XlsxError('damaged', `${name}: column ${col} is beyond Excel's last column`);
    const type = attrOf(head, 't') ?? 'n';
    const sAttr = attrOf(head, 's');
    const style = sAttr !== undefined ? Number(sAttr) : 0;
    let v: string | null = null;
    let formula: string | null = null;
    let inline: string[] | null = null;
    if (selfClosing) pos = gt + 1;
    else {
      const cellEnd = xml.indexOf(`</${p}c>`, gt);
      if (cellEnd < 0) throw new XlsxError('damaged', `${name}: cell ${ref ?? ''} not closed`);
      let k = gt + 1;
      while (k < cellEnd) {
        const lt2 = xml.indexOf('<', k);
        if (lt2 < 0 || lt2 >= cellEnd) break;
        const ch = xml.charCodeAt(lt2 + 1);
        if (ch === 47 || ch === 33 || ch === 63) {
          k = Math.max(lt2 + 1, (ch === 33 && xml.startsWith('<!--', lt2) ? xml.indexOf('-->', lt2) + 2 : xml.indexOf('>', lt2)) + 1);
          continue;
        }
        const child = nameAt(lt2);
        const gt2 = tagEnd(lt2);
        const closed = xml.charCodeAt(gt2 - 1) === 47;
        if (child === 'v') {
          if (closed) {
            v = '';
            k = gt2 + 1;
          } else {
            const t = textUntil(gt2, 'v');
            v = t.text;
            k = t.next;
          }
        } else if (child === 'f') {
          if (closed) {
            formula = formula ?? '';
            k = gt2 + 1;
          } else {
            const t = textUntil(gt2, 'f');
            formula = t.text;
            k = t.next;
          }
        } else if (child === 'is') {
          inline = [];
          const isEnd = closed ? gt2 : xml.indexOf(`</${p}is>`, gt2);
          if (!closed && isEnd < 0) throw new XlsxError('damaged', `${name}: <is> not closed`);
          let m = gt2 + 1;
          while (!closed && m < isEnd) {
            const lt3 = xml.indexOf('<', m);
            if (lt3 < 0 || lt3 >= isEnd) break;
            const ch3 = xml.charCodeAt(lt3 + 1);
            if (ch3 === 47 || ch3 === 33) {
              m = Math.max(lt3 + 1, xml.indexOf('>', lt3) + 1);
              continue;
            }
            const n3 = nameAt(lt3);
            const gt3 = tagEnd(lt3);
            if (n3 === 'rPh') {
              m = Math.max(gt3 + 1, xml.indexOf(`</${p}rPh>`, gt3) + 6 + L);
            } else if (n3 === 't' && xml.charCodeAt(gt3 - 1) !== 47) {
              const t = textUntil(gt3, 't');
              inline.push(t.text);
              m = t.next;
            } else m = gt3 + 1;
          }
          k = closed || isEnd < 0 ? gt2 + 1 : isEnd + 5 + L;
        } else {
          const q = qualified(lt2);
          k = closed ? gt2 + 1 : Math.max(gt2 + 1, xml.indexOf(`</${q}>`, gt2) + 3 + q.length);
        }
      }
      pos = cellEnd + 4 + L;
    }
    const value = cellValue(type, style, v, formula, inline, ctx);
    if (value !== null) {
      const row = rowAt(rowNo);
      while (row.length < col - 1) row.push(null);
      row[col - 1] = value;
    }
  }
  return { name, values, startRow: 1, startCol: 1 };
}

/** The same read as readWorksheet through a general XML parser (saxes): the reference the scanner is tested against. */
export function readWorksheetSax(xml: string, name: string, ctx: SheetContext): SheetData {
  const values: CellValue[][] = [];
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
  let inData = false;

  const p = new SaxesParser({ position: false });
  p.on('opentag', (n) => {
    const tag = local(n.name);
    const a = n.attributes as Record<string, string>;
    if (tag === 'sheetData') inData = true;
    if (!inData) return;
    switch (tag) {
      case 'row': {
        const r = a.r !== undefined ? Number(a.r) : rowNo + 1;
        rowNo = r > 0 ? r : rowNo + 1;
        col = 0;
        break;
      }
      case 'c': {
        inCell = true;
        const ref = a.r;
        if (ref !== undefined) {
          col = colOf(ref) || col + 1;
          const rr = rowOf(ref);
          if (rr > 0) rowNo = rr;
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
  const onText = (t: string) => {
    if (text === 'v') v += t;
    else if (text === 'f') formula += t;
    else if (text === 't') inline!.push(t);
  };
  p.on('text', onText);
  p.on('cdata', onText);
  p.on('closetag', (n) => {
    const tag = local(n.name);
    if (tag === 'sheetData') inData = false;
    if (!inData) return;
    if (tag === 'c') {
      inCell = false;
      rowNo = Math.max(rowNo, 1);
      const value = cellValue(type, style, v, formula, inline, ctx);
      if (value !== null) {
        if (rowNo > MAX_ROWS || col > MAX_COLS) throw new XlsxError('damaged', `${name}: a cell beyond Excel's last row or column`);
        while (values.length < rowNo) values.push([]);
        const row = values[rowNo - 1]!;
        while (row.length < col - 1) row.push(null);
        row[col - 1] = value;
      }
    } else if (tag === 'v' || tag === 'f' || tag === 't') text = null;
    else if (tag === 'rPh') rph--;
  });
  p.on('error', (e) => {
    throw new XlsxError('damaged', `${name}: ${e.message}`);
  });
  p.write(xml).close();
  return { name, values, startRow: 1, startCol: 1 };
}

function cellValue(type: string, style: number, v: string | null, formula: string | null, inline: string[] | null, ctx: SheetContext): CellValue {
  if (v === null && inline === null) {
    if (formula !== null && formula.trim() !== '') return { error: NO_CACHED_VALUE, formula: formula.trim() };
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
