/**
 * The surgical .xlsx writer (browser-safe): changes a workbook the office keeps working in without
 * damaging anything Mutasi does not own.
 *
 * What it may change, and nothing else (every other part is copied with its compressed bytes as they
 * were — charts, chart sheets, pictures, comments and their VML, pivots, tables, printer settings,
 * custom properties, Excel's add-in parts, every other worksheet):
 * - the worksheets it writes cells into (for `propose --out`: the Usulan sheet, rows appended below the
 *   last used row; cells elsewhere in that sheet are kept as they are, text-identical);
 * - sheets it creates or replaces as a whole (Usulan when absent, Ringkasan, `_mutasi`, Talenta, …):
 *   their worksheet part and relationships, plus `xl/workbook.xml` (the sheet entry),
 *   `xl/_rels/workbook.xml.rels` and `[Content_Types].xml`, and — when such a sheet carries an Excel
 *   table — the table part it owns;
 * - `xl/styles.xml`: formats, fonts, fills and cell formats appended at the end of their lists (no
 *   existing index changes meaning);
 * - `xl/calcChain.xml` is dropped (with its relationship and content type) only when a write removed a
 *   formula cell — Excel rebuilds it; otherwise it is kept byte for byte.
 * Text goes in as inline strings (never into sharedStrings, never as a formula: "=1+1" stays text).
 *
 * Use:
 *   const doc = XlsxDocument.open(bytes);
 *   doc.putSheet('Talenta', { rows: [[{ value: 'NIP', bold: true }, …], …], columnWidths: [20, 30],
 *                             table: { name: 'Talenta' }, freezeRows: 1 });
 *   doc.setCells('Usulan', [{ row: 12, col: 1, cell: { value: 'U-0001', numFmt: '@' } }]);
 *   const out = doc.toBytes();
 */
import type { CellError, CellValue, SheetData } from '../workbook/gateway';
import { columnLetter, isCellError } from '../workbook/gateway';
import { CT, NS, OpcPackage, REL, XlsxError, dirOf, escapeXml, relsPartOf, type SheetEntry } from './package';
import { readDateStyles, readSharedStrings, readWorksheet, workbookInfo, type SheetContext, type WorkbookInfo } from './read';
import { EMPTY_STYLES, StylesEditor, type CellStyle } from './styles';

export type { CellStyle } from './styles';

/** Number formats Mutasi writes. */
export const FORMATS = { text: '@', date: 'dd/mm/yyyy', percent: '0.00%', integer: '0' } as const;

/** A value to write: text (always text, even "=…"), number, boolean, date (UTC day), error, or null (an empty cell with the style). */
export type OutValue = string | number | boolean | Date | CellError | null;

/** A cell with its look. Without numFmt a Date gets dd/mm/yyyy. */
export interface OutCell extends CellStyle {
  value: OutValue;
}

export type CellInput = OutValue | OutCell;

export interface CellWrite {
  /** 1-based worksheet row and column. */
  row: number;
  col: number;
  cell: CellInput;
}

/** A whole sheet Mutasi owns, written from scratch. */
export interface SheetSpec {
  /** Rows from A1 (or from startRow); a null or undefined cell is left empty. */
  rows: (CellInput | undefined)[][];
  startRow?: number;
  /** Column widths in characters, from column A; null keeps the default. */
  columnWidths?: (number | null)[];
  /** Rows frozen at the top (e.g. 1 for a header row). */
  freezeRows?: number;
  /** An Excel table over `ref` (default: the rows written, first row as headers, which must be distinct non-empty text). */
  table?: { name: string; ref?: string; style?: string };
  /** An autofilter over this A1 range (ignored when there is a table: a table has its own). */
  autoFilter?: string;
  /** Merged ranges, e.g. ["A1:C1"]. */
  merges?: string[];
  state?: 'visible' | 'hidden' | 'veryHidden';
}

const enc = (s: string) => escapeXml(s).replace(/_x([0-9a-fA-F]{4})_/g, '_x005F_x$1_');
/** Characters XML 1.0 cannot carry (kept out rather than writing a part Excel refuses). */
const strip = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

function dateSerial(d: Date, date1904: boolean): number {
  return d.getTime() / 86400000 + 25569 - (date1904 ? 1462 : 0);
}

function parseRef(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new Error(`bad cell address ${ref}`);
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** "A2:C4" → its corners. */
export function parseRange(range: string): { r1: number; c1: number; r2: number; c2: number } {
  const [a, b] = range.split(':');
  const x = parseRef(a!);
  const y = parseRef(b ?? a!);
  return { r1: Math.min(x.row, y.row), c1: Math.min(x.col, y.col), r2: Math.max(x.row, y.row), c2: Math.max(x.col, y.col) };
}

const ref = (row: number, col: number) => columnLetter(col) + row;

/** A cell's builder: from the existing cell (its XML and style index), the new XML (null keeps it). */
type CellEdit = (old: { xml: string; s: number } | null) => string | null;

export class XlsxDocument {
  private info: WorkbookInfo;
  private styles: StylesEditor | null = null;
  private formulaRemoved = false;
  private readonly cache = new Map<string, SheetData>();
  private shared: string[] | null = null;
  private readonly xfCache = new Map<string, number>();

  private constructor(readonly pkg: OpcPackage) {
    this.info = workbookInfo(pkg);
  }

  /** Opens .xlsx bytes; a file that is not a readable .xlsx throws XlsxError. */
  static open(bytes: Uint8Array): XlsxDocument {
    const pkg = new OpcPackage(bytes);
    try {
      return new XlsxDocument(pkg);
    } catch (e) {
      if (e instanceof XlsxError) throw e;
      throw new XlsxError('damaged', (e as Error).message);
    }
  }

  get date1904(): boolean {
    return this.info.date1904;
  }

  /** Worksheet names in tab order (chart sheets left out). */
  sheetNames(): string[] {
    return this.info.sheets.filter((s) => s.kind === 'worksheet').map((s) => s.name);
  }

  sheet(name: string): SheetEntry | undefined {
    const lower = name.toLowerCase();
    return this.info.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** The named worksheets as read (writes made so far included); missing names are left out. */
  readSheets(names: string[]): SheetData[] {
    const out: SheetData[] = [];
    for (const n of names) {
      const s = this.sheet(n);
      if (!s || s.kind !== 'worksheet' || !this.pkg.has(s.part)) continue;
      let d = this.cache.get(s.name);
      if (!d) {
        d = readWorksheet(this.pkg.text(s.part)!, s.name, this.context());
        this.cache.set(s.name, d);
      }
      out.push(d);
    }
    return out;
  }

  /**
   * The parts readSheets(names) would decompress now, in the order it would: shared strings and
   * styles (when not read yet), then the sheets not read yet. For a caller that decompresses them
   * ahead, elsewhere (XlsxDocumentGateway with an inflater), and hands them in with pkg.provide().
   */
  partsToRead(names: string[]): { context: string[]; sheets: { name: string; part: string }[] } {
    const sheets: { name: string; part: string }[] = [];
    for (const n of names) {
      const s = this.sheet(n);
      if (!s || s.kind !== 'worksheet' || !this.pkg.has(s.part) || this.cache.has(s.name)) continue;
      if (!sheets.some((x) => x.part === s.part)) sheets.push({ name: s.name, part: s.part });
    }
    const context: string[] = [];
    if (sheets.length > 0) {
      if (this.shared === null && this.info.sharedStringsPart) context.push(this.info.sharedStringsPart);
      if (!this.styles && this.info.stylesPart) context.push(this.info.stylesPart);
    }
    return { context, sheets };
  }

  /** Reads the shared strings now (readSheets would at its first sheet): lets a caller do it while sheets are decompressed elsewhere. */
  readSharedStringsNow(): void {
    this.context();
  }

  private context(): SheetContext {
    this.shared ??= this.info.sharedStringsPart ? readSharedStrings(this.pkg.text(this.info.sharedStringsPart)!) : [];
    const stylesXml = this.styles ? this.styles.toXml() : this.info.stylesPart ? this.pkg.text(this.info.stylesPart) : null;
    return { shared: this.shared, dateStyles: stylesXml ? readDateStyles(stylesXml) : [], date1904: this.info.date1904 };
  }

  private stylesEditor(): StylesEditor {
    if (this.styles) return this.styles;
    let xml = this.info.stylesPart ? this.pkg.text(this.info.stylesPart) : null;
    if (xml === null) {
      // A workbook without a styles part (some minimal writers): Mutasi adds one.
      const part = `${dirOf(this.info.part)}styles.xml`;
      this.addRelationship(this.info.part, REL.styles, 'styles.xml');
      this.addOverride(part, CT.styles);
      this.info = { ...this.info, stylesPart: part };
      xml = EMPTY_STYLES;
      this.pkg.set(part, xml);
    }
    this.styles = new StylesEditor(xml);
    return this.styles;
  }

  private styleIndex(base: number, c: CellInput): number {
    const style = c !== null && typeof c === 'object' && 'value' in c ? (c as OutCell) : null;
    const value = style ? style.value : (c as OutValue);
    const want: CellStyle = {};
    if (style) {
      for (const k of ['numFmt', 'bold', 'fill', 'wrap', 'align', 'vertical'] as const) if (style[k] !== undefined) (want as Record<string, unknown>)[k] = style[k];
    }
    if (value instanceof Date && want.numFmt === undefined) want.numFmt = FORMATS.date;
    if (Object.keys(want).length === 0) return base;
    // Thousands of cells share a handful of looks: each (base, look) is worked out once.
    const key = `${base}|${want.numFmt ?? ''}|${want.bold ?? ''}|${want.fill === undefined ? '~' : want.fill}|${want.wrap ?? ''}|${want.align ?? ''}|${want.vertical ?? ''}`;
    let s = this.xfCache.get(key);
    if (s === undefined) {
      s = this.stylesEditor().xf(base, want);
      this.xfCache.set(key, s);
    }
    return s;
  }

  /** A cell's XML (prefix p), or a style-only empty cell. */
  private cellXml(p: string, row: number, col: number, c: CellInput, base: number): string {
    const value = c !== null && typeof c === 'object' && 'value' in c && !(c instanceof Date) ? (c as OutCell).value : (c as OutValue);
    const s = this.styleIndex(base, c);
    const sAttr = s > 0 ? ` s="${s}"` : '';
    const r = ref(row, col);
    if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return `<${p}c r="${r}"${sAttr}/>`;
    if (typeof value === 'string') {
      const t = strip(value);
      const space = /^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : '';
      return `<${p}c r="${r}"${sAttr} t="inlineStr"><${p}is><${p}t${space}>${enc(t)}</${p}t></${p}is></${p}c>`;
    }
    if (typeof value === 'number') return `<${p}c r="${r}"${sAttr}><${p}v>${value}</${p}v></${p}c>`;
    if (typeof value === 'boolean') return `<${p}c r="${r}"${sAttr} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
    if (value instanceof Date) return `<${p}c r="${r}"${sAttr}><${p}v>${dateSerial(value, this.info.date1904)}</${p}v></${p}c>`;
    if (isCellError(value)) return `<${p}c r="${r}"${sAttr} t="e"><${p}v>${enc(value.error)}</${p}v></${p}c>`;
    return `<${p}c r="${r}"${sAttr} t="inlineStr"><${p}is><${p}t>${enc(String(value))}</${p}t></${p}is></${p}c>`;
  }

  private worksheet(name: string): SheetEntry {
    const s = this.sheet(name);
    if (!s || s.kind !== 'worksheet') throw new Error(`sheet ${name} not found`);
    return s;
  }

  /**
   * Writes cells into an existing worksheet, keeping every other cell, row attribute and element of
   * the sheet as it was. A written cell keeps its existing format, with the given style applied on top.
   */
  setCells(sheet: string, writes: CellWrite[]): void {
    if (writes.length === 0) return;
    const edits = new Map<number, Map<number, CellEdit>>();
    for (const w of writes) {
      let m = edits.get(w.row);
      if (!m) edits.set(w.row, (m = new Map()));
      m.set(w.col, (old) => {
        if (old && /<(\w+:)?f[\s>/]/.test(old.xml)) this.formulaRemoved = true;
        return this.cellXml(this.prefixOf(sheet), w.row, w.col, w.cell, old?.s ?? 0);
      });
    }
    this.patch(sheet, edits);
  }

  /** Sets (or with null removes) a solid fill on every cell of the ranges, keeping values and other formats. */
  setFills(sheet: string, ranges: string[], fill: string | null): void {
    const edits = new Map<number, Map<number, CellEdit>>();
    for (const range of ranges) {
      const { r1, c1, r2, c2 } = parseRange(range);
      for (let r = r1; r <= r2; r++) {
        let m = edits.get(r);
        if (!m) edits.set(r, (m = new Map()));
        for (let c = c1; c <= c2; c++) {
          m.set(c, (old) => {
            if (!old && fill === null) return null;
            const s = this.stylesEditor().xf(old?.s ?? 0, { fill });
            if (!old) return `<${this.prefixOf(sheet)}c r="${ref(r, c)}"${s > 0 ? ` s="${s}"` : ''}/>`;
            const open = /^<[^>]*?\/?>/.exec(old.xml)![0];
            const tag = /\ss="\d*"/.test(open) ? open.replace(/\ss="\d*"/, s > 0 ? ` s="${s}"` : '') : open.replace(/^(<[\w:]+)/, `$1 s="${s}"`);
            return tag + old.xml.slice(open.length);
          });
        }
      }
    }
    this.patch(sheet, edits);
  }

  private prefixes = new Map<string, string>();
  private prefixOf(sheet: string): string {
    const s = this.worksheet(sheet);
    let p = this.prefixes.get(s.part);
    if (p === undefined) {
      p = /<(\w+:)?worksheet\b/.exec(this.pkg.text(s.part) ?? '')?.[1] ?? '';
      this.prefixes.set(s.part, p);
    }
    return p;
  }

  private patch(sheet: string, edits: Map<number, Map<number, CellEdit>>): void {
    const s = this.worksheet(sheet);
    const xml = this.pkg.text(s.part)!;
    const p = this.prefixOf(sheet);
    const sd = new RegExp(`<${p}sheetData\\b[^>]*?(/?)>`).exec(xml);
    if (!sd) throw new XlsxError('damaged', `${sheet}: no sheetData`);
    const innerStart = sd.index + sd[0].length;
    const closeTag = `</${p}sheetData>`;
    const innerEnd = sd[1] === '/' ? innerStart : xml.indexOf(closeTag, innerStart);
    if (innerEnd < 0) throw new XlsxError('damaged', `${sheet}: sheetData not closed`);
    const inner = xml.slice(innerStart, innerEnd);
    const pending = [...edits.keys()].sort((a, b) => a - b);
    let k = 0;
    const out: string[] = [];
    let last = 0;
    let rowNo = 0;
    let minR = Infinity, maxR = 0, minC = Infinity, maxC = 0;
    const track = (r: number, cols: Iterable<number>) => {
      for (const c of cols) {
        minR = Math.min(minR, r); maxR = Math.max(maxR, r); minC = Math.min(minC, c); maxC = Math.max(maxC, c);
      }
    };
    const newRow = (r: number) => {
      const cells = [...edits.get(r)!.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e(null)).filter((x): x is string => x !== null);
      track(r, edits.get(r)!.keys());
      return cells.length ? `<${p}row r="${r}">${cells.join('')}</${p}row>` : '';
    };
    const rowRe = new RegExp(`<${p}row\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}row>)`, 'g');
    for (let m = rowRe.exec(inner); m; m = rowRe.exec(inner)) {
      const open = /^<[^>]*?\/?>/.exec(m[0])![0];
      const rAttr = /\sr="(\d+)"/.exec(open);
      rowNo = rAttr ? Number(rAttr[1]) : rowNo + 1;
      while (k < pending.length && pending[k]! < rowNo) {
        out.push(inner.slice(last, m.index), newRow(pending[k]!));
        last = m.index;
        k++;
      }
      if (k < pending.length && pending[k] === rowNo) {
        out.push(inner.slice(last, m.index), this.patchRow(m[0], open, rowNo, edits.get(rowNo)!, p, !rAttr));
        track(rowNo, edits.get(rowNo)!.keys());
        last = m.index + m[0].length;
        k++;
      }
    }
    out.push(inner.slice(last));
    while (k < pending.length) out.push(newRow(pending[k++]!));
    const body = out.join('');
    let next = sd[1] === '/'
      ? xml.slice(0, sd.index) + sd[0].replace(/\/>$/, '>') + body + closeTag + xml.slice(innerStart)
      : xml.slice(0, innerStart) + body + xml.slice(innerEnd);
    // The dimension, when the sheet states one, grows to cover what was written.
    if (maxR > 0) {
      next = next.replace(new RegExp(`(<${p}dimension\\b[^>]*\\sref=")([^"]*)(")`), (all, a, range: string, b) => {
        try {
          const d = parseRange(range);
          return `${a}${ref(Math.min(d.r1, minR), Math.min(d.c1, minC))}:${ref(Math.max(d.r2, maxR), Math.max(d.c2, maxC))}${b}`;
        } catch {
          return all;
        }
      });
    }
    this.pkg.set(s.part, next);
    this.cache.delete(s.name);
  }

  private patchRow(rowXml: string, open: string, rowNo: number, edits: Map<number, CellEdit>, p: string, addR: boolean): string {
    const selfClosing = open.endsWith('/>');
    let tag = (selfClosing ? open.replace(/\/>$/, '>') : open).replace(/\sspans="[^"]*"/, '');
    if (addR) tag = tag.replace(/^(<[\w:]+)/, `$1 r="${rowNo}"`);
    const inner = selfClosing ? '' : rowXml.slice(open.length, rowXml.length - `</${p}row>`.length);
    const cellRe = new RegExp(`<${p}c\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}c>)`, 'g');
    const cells: { col: number; xml: string }[] = [];
    let col = 0;
    let rest = '';
    let last = 0;
    for (let m = cellRe.exec(inner); m; m = cellRe.exec(inner)) {
      rest += inner.slice(last, m.index);
      last = m.index + m[0].length;
      const o = /^<[^>]*?\/?>/.exec(m[0])![0];
      const r = /\sr="([A-Za-z]+)\d*"/.exec(o);
      col = r ? parseRef(r[1] + '1').col : col + 1;
      cells.push({ col, xml: m[0] });
    }
    rest += inner.slice(last);
    const byCol = new Map(cells.map((c) => [c.col, c]));
    for (const [c, edit] of edits) {
      const old = byCol.get(c);
      const s = old ? Number(/\ss="(\d+)"/.exec(/^<[^>]*?\/?>/.exec(old.xml)![0])?.[1] ?? 0) : 0;
      const x = edit(old ? { xml: old.xml, s } : null);
      if (x !== null) byCol.set(c, { col: c, xml: x });
    }
    const sorted = [...byCol.values()].sort((a, b) => a.col - b.col).map((c) => c.xml).join('');
    // Anything in the row that is not a cell (an extLst) stays after the cells; whitespace between cells is dropped.
    return `${tag}${sorted}${rest.trim()}</${p}row>`;
  }

  /** Creates the sheet (at the end, with the given header row in bold and frozen) unless a sheet of that name exists. */
  ensureSheet(name: string, headers?: string[]): void {
    if (this.sheet(name)) return;
    this.putSheet(name, headers && headers.length ? { rows: [headers.map((h) => ({ value: h, bold: true }))], freezeRows: 1 } : { rows: [] });
  }

  /**
   * Creates a sheet Mutasi owns, or replaces it as a whole when it exists (its old part, relationships
   * and table parts are removed; a sheet the tab order already has keeps its place). Text cells go in
   * as inline strings; dates as real dates (dd/mm/yyyy unless numFmt says otherwise).
   */
  putSheet(name: string, spec: SheetSpec): void {
    if (/[\\/?*[\]:]/.test(name) || name.length === 0 || name.length > 31) throw new Error(`invalid sheet name ${name}`);
    const existing = this.sheet(name);
    if (existing && existing.kind !== 'worksheet') throw new Error(`${name} is not a worksheet`);
    let part: string;
    if (existing) {
      part = existing.part;
      const old = this.pkg.text(part) ?? '';
      if (/<(\w+:)?f[\s>/]/.test(old)) this.formulaRemoved = true;
      for (const r of this.pkg.relationships(part)) {
        if (r.type === REL.table && r.part) {
          this.pkg.remove(r.part);
          this.removeOverride(r.part);
        }
      }
      this.pkg.remove(relsPartOf(part));
      if (existing.state !== (spec.state ?? 'visible')) this.setSheetState(existing, spec.state ?? 'visible');
    } else {
      part = this.newSheet(name, spec.state ?? 'visible');
    }
    this.prefixes.set(part, '');
    const rels: string[] = [];
    let tableXml = '';
    const start = spec.startRow ?? 1;
    const rows: string[] = [];
    let maxCol = 0;
    spec.rows.forEach((cells, i) => {
      const r = start + i;
      const xs: string[] = [];
      cells.forEach((c, j) => {
        if (c === undefined || c === null) return;
        xs.push(this.cellXml('', r, j + 1, c, 0));
        maxCol = Math.max(maxCol, j + 1);
      });
      if (xs.length) rows.push(`<row r="${r}">${xs.join('')}</row>`);
    });
    const lastRow = start + spec.rows.length - 1;
    const dim = maxCol > 0 ? `${ref(start, 1)}:${ref(lastRow, maxCol)}` : 'A1';
    let cols = '';
    if (spec.columnWidths?.some((w) => w !== null && w !== undefined)) {
      cols = '<cols>' + spec.columnWidths.map((w, i) => (w === null || w === undefined ? '' : `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)).join('') + '</cols>';
    }
    const freeze = spec.freezeRows
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${spec.freezeRows}" topLeftCell="${ref(spec.freezeRows + 1, 1)}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
    if (spec.table) {
      const range = spec.table.ref ?? dim;
      const { r1, c1, c2 } = parseRange(range);
      const headerRow = spec.rows[r1 - start] ?? [];
      const names: string[] = [];
      for (let c = c1; c <= c2; c++) {
        const h = headerRow[c - 1];
        const v = h !== null && typeof h === 'object' && 'value' in h && !(h instanceof Date) ? (h as OutCell).value : h;
        let n = typeof v === 'string' && v.trim() ? v : `Kolom${c}`;
        for (let k = 2; names.includes(n); k++) n = `${n}${k}`;
        names.push(n);
      }
      const { id, partName, displayName } = this.newTable(spec.table.name);
      const cols2 = names.map((n, i) => `<tableColumn id="${i + 1}" name="${enc(n)}"/>`).join('');
      this.pkg.set(
        partName,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${NS.main}" id="${id}" name="${displayName}" displayName="${displayName}" ref="${range}" totalsRowShown="0">` +
          `<autoFilter ref="${range}"/><tableColumns count="${names.length}">${cols2}</tableColumns>` +
          `<tableStyleInfo name="${enc(spec.table.style ?? 'TableStyleMedium2')}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
      );
      this.addOverride(partName, CT.table);
      rels.push(`<Relationship Id="rId1" Type="${REL.table}" Target="${relativeTarget(part, partName)}"/>`);
      tableXml = '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>';
    }
    const autoFilter = !spec.table && spec.autoFilter ? `<autoFilter ref="${spec.autoFilter}"/>` : '';
    const merges = spec.merges?.length ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    this.pkg.set(
      part,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}"><dimension ref="${dim}"/>${freeze}<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rows.join('')}</sheetData>${autoFilter}${merges}` +
        `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${tableXml}</worksheet>`,
    );
    if (rels.length) this.pkg.set(relsPartOf(part), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">${rels.join('')}</Relationships>`);
    this.cache.delete(name);
    this.info = workbookInfo(this.pkg);
  }

  private newSheet(name: string, state: 'visible' | 'hidden' | 'veryHidden'): string {
    const dir = `${dirOf(this.info.part)}worksheets/`;
    let n = 1;
    while (this.pkg.has(`${dir}sheet${n}.xml`)) n++;
    const part = `${dir}sheet${n}.xml`;
    const relId = this.addRelationship(this.info.part, REL.worksheet, relativeTarget(this.info.part, part));
    this.addOverride(part, CT.worksheet);
    const wb = this.pkg.text(this.info.part)!;
    const p = /<(\w+:)?workbook\b/.exec(wb)?.[1] ?? '';
    // The relationships prefix, when the root element declares it (some writers declare it on each sheet element only).
    const root = new RegExp(`<${p}workbook\\b[^>]*>`).exec(wb)?.[0] ?? '';
    const rp = new RegExp(`xmlns:(\\w+)="${NS.rel.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`).exec(root)?.[1];
    const sheetId = Math.max(0, ...this.info.sheets.map((s) => s.sheetId)) + 1;
    const idAttr = rp ? `${rp}:id="${relId}"` : `xmlns:r="${NS.rel}" r:id="${relId}"`;
    const entry = `<${p}sheet name="${enc(name)}" sheetId="${sheetId}"${state !== 'visible' ? ` state="${state}"` : ''} ${idAttr}/>`;
    let next: string;
    if (new RegExp(`</${p}sheets>`).test(wb)) next = wb.replace(new RegExp(`</${p}sheets>`), `${entry}</${p}sheets>`);
    else if (new RegExp(`<${p}sheets\\s*/>`).test(wb)) next = wb.replace(new RegExp(`<${p}sheets\\s*/>`), `<${p}sheets>${entry}</${p}sheets>`);
    else throw new XlsxError('damaged', 'workbook part has no sheets element');
    this.pkg.set(this.info.part, next);
    this.info = workbookInfo(this.pkg);
    return part;
  }

  private setSheetState(s: SheetEntry, state: 'visible' | 'hidden' | 'veryHidden'): void {
    const wb = this.pkg.text(this.info.part)!;
    const re = new RegExp(`<(\\w+:)?sheet\\b[^>]*\\sname="${enc(s.name).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"[^>]*/>`);
    this.pkg.set(this.info.part, wb.replace(re, (tag) => {
      const t = tag.replace(/\sstate="[^"]*"/, '');
      return state === 'visible' ? t : t.replace(/^(<[\w:]+)/, `$1 state="${state}"`);
    }));
  }

  private newTable(wanted: string): { id: number; partName: string; displayName: string } {
    let maxId = 0;
    const names = new Set<string>();
    for (const n of this.pkg.names()) {
      if (!/\/tables\/[^/]+\.xml$/.test(n)) continue;
      const open = /<(\w+:)?table\b[^>]*>/.exec(this.pkg.text(n) ?? '')?.[0] ?? '';
      maxId = Math.max(maxId, Number(/\sid="(\d+)"/.exec(open)?.[1] ?? 0));
      for (const a of ['name', 'displayName']) {
        const v = new RegExp(`\\s${a}="([^"]*)"`).exec(open)?.[1];
        if (v) names.add(v.toLowerCase());
      }
    }
    let base = wanted.replace(/[^A-Za-z0-9_.]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    let displayName = base;
    for (let k = 2; names.has(displayName.toLowerCase()); k++) displayName = `${base}${k}`;
    let n = maxId + 1;
    const dir = `${dirOf(this.info.part)}tables/`;
    while (this.pkg.has(`${dir}table${n}.xml`)) n++;
    return { id: maxId + 1, partName: `${dir}table${n}.xml`, displayName };
  }

  private addRelationship(source: string, type: string, target: string): string {
    const relsPart = relsPartOf(source);
    const xml = this.pkg.text(relsPart) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}"></Relationships>`;
    const taken = new Set([...xml.matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
    let n = taken.size + 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${type}" Target="${enc(target)}"/>`;
    const p = /<(\w+:)?Relationships\b/.exec(xml)?.[1] ?? '';
    this.pkg.set(relsPart, /<(\w+:)?Relationships\b[^>]*\/>/.test(xml) ? xml.replace(/\/>\s*$/, `>${rel}</${p}Relationships>`) : xml.replace(new RegExp(`</${p}Relationships>`), `${rel}</${p}Relationships>`));
    return id;
  }

  private addOverride(part: string, type: string): void {
    const xml = this.pkg.text('[Content_Types].xml')!;
    if (xml.includes(`PartName="/${part}"`)) return;
    const p = /<(\w+:)?Types\b/.exec(xml)?.[1] ?? '';
    this.pkg.set('[Content_Types].xml', xml.replace(new RegExp(`</${p}Types>`), `<${p}Override PartName="/${part}" ContentType="${type}"/></${p}Types>`));
  }

  private removeOverride(part: string): void {
    const xml = this.pkg.text('[Content_Types].xml')!;
    const next = xml.replace(new RegExp(`<(\\w+:)?Override\\b[^>]*PartName="/${part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"[^>]*/>`), '');
    if (next !== xml) this.pkg.set('[Content_Types].xml', next);
  }

  /** Parts this save writes or removes (everything else is copied byte for byte). */
  touched(): { changed: string[]; removed: string[] } {
    this.flush();
    return this.pkg.touched();
  }

  private flush(): void {
    if (this.styles?.changed && this.info.stylesPart) {
      const xml = this.styles.toXml();
      if (xml !== this.pkg.text(this.info.stylesPart)) this.pkg.set(this.info.stylesPart, xml);
    }
    if (this.formulaRemoved && this.info.calcChainPart) {
      // Excel rebuilds the calculation chain; a stale one naming a removed formula makes it "repair" the file.
      const part = this.info.calcChainPart;
      this.pkg.remove(part);
      this.removeOverride(part);
      const relsPart = relsPartOf(this.info.part);
      const rels = this.pkg.text(relsPart)!;
      this.pkg.set(relsPart, rels.replace(/<(\w+:)?Relationship\b[^>]*\/calcChain"[^>]*\/>/, ''));
      this.info = { ...this.info, calcChainPart: null };
    }
  }

  /** The workbook as .xlsx bytes. */
  toBytes(): Uint8Array {
    this.flush();
    return this.pkg.toBytes();
  }
}

/** A target for a relationship from `source` to `part`, relative to source's folder. */
function relativeTarget(source: string, part: string): string {
  const from = dirOf(source).split('/').filter(Boolean);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return '../'.repeat(from.length - i) + to.slice(i).join('/');
}

export type { CellValue };
