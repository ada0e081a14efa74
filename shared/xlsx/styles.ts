/**
 * Appending to a workbook's styles part (xl/styles.xml) without touching what is there: the formats,
 * fonts, fills and cell formats (xf) Mutasi needs are added at the end of their lists (or an identical
 * existing one is reused), counts updated, and every existing index keeps its meaning — so no cell
 * anywhere changes its look. Browser-safe, text-level (the part is small).
 */
import { escapeXml } from './package';

/** What a written cell looks like, on top of the cell's existing format (or the default one). */
export interface CellStyle {
  /** An Excel number format code: "@" text, "dd/mm/yyyy", "0.00%", "0", … */
  numFmt?: string;
  bold?: boolean;
  /** A solid fill "#RRGGBB"; null removes the fill. */
  fill?: string | null;
  wrap?: boolean;
  align?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center' | 'bottom';
}

const BUILTIN_FORMATS: Record<string, number> = {
  General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11, '@': 49,
};

export const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

interface Section {
  items: string[];
  /** The whole section's text in the original, to be replaced. */
  whole: string | null;
}

const attr = (tag: string, name: string): string | null => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

function setAttr(tag: string, name: string, value: string | null): string {
  const re = new RegExp(`\\s${name}="[^"]*"`);
  if (value === null) return tag.replace(re, '');
  if (re.test(tag)) return tag.replace(re, ` ${name}="${value}"`);
  return tag.replace(/^(<[\w:]+)/, `$1 ${name}="${value}"`);
}

export class StylesEditor {
  private readonly p: string;
  private readonly sections = new Map<string, Section>();
  private dirty = false;

  constructor(private xml: string) {
    this.p = /<(\w+:)?styleSheet\b/.exec(xml)?.[1] ?? '';
  }

  get changed(): boolean {
    return this.dirty;
  }

  private section(tag: string, item: string): Section {
    let s = this.sections.get(tag);
    if (s) return s;
    const p = this.p;
    const m = new RegExp(`<${p}${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}${tag}>)`).exec(this.xml);
    const items = m ? [...m[0].matchAll(new RegExp(`<${p}${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}${item}>)`, 'g'))].map((x) => x[0]) : [];
    s = { items, whole: m ? m[0] : null };
    this.sections.set(tag, s);
    return s;
  }

  private add(tag: string, item: string, text: string): number {
    const s = this.section(tag, item);
    const i = s.items.indexOf(text);
    if (i >= 0) return i;
    s.items.push(text);
    this.dirty = true;
    return s.items.length - 1;
  }

  numFmtId(code: string): number {
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code]!;
    const s = this.section('numFmts', 'numFmt');
    let max = 163;
    for (const it of s.items) {
      const id = Number(attr(it, 'numFmtId'));
      if (attr(it, 'formatCode') === escapeXml(code)) return id;
      max = Math.max(max, id);
    }
    s.items.push(`<${this.p}numFmt numFmtId="${max + 1}" formatCode="${escapeXml(code)}"/>`);
    this.dirty = true;
    return max + 1;
  }

  private fontId(base: number, bold: boolean): number {
    const fonts = this.section('fonts', 'font');
    const from = fonts.items[base] ?? fonts.items[0] ?? `<${this.p}font/>`;
    const p = this.p;
    const hasBold = new RegExp(`<${p}b(\\s[^>]*)?/>`).test(from);
    if (hasBold === bold) return base;
    let next: string;
    if (bold) {
      next = from.endsWith('/>') ? from.replace(/\/>$/, `><${p}b/></${p}font>`) : from.replace(/^(<[^>]*>)/, `$1<${p}b/>`);
    } else next = from.replace(new RegExp(`<${p}b(\\s[^>]*)?/>`), '');
    return this.add('fonts', 'font', next);
  }

  private fillId(color: string | null): number {
    if (color === null) return 0;
    const rgb = 'FF' + color.replace('#', '').toUpperCase();
    const p = this.p;
    return this.add('fills', 'fill', `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${rgb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
  }

  /** The cellXfs index of `base` with `style` applied (reused when an identical one exists). */
  xf(base: number, style: CellStyle): number {
    const xfs = this.section('cellXfs', 'xf');
    if (xfs.items.length === 0) xfs.items.push(`<${this.p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`);
    const from = xfs.items[base] ?? xfs.items[0]!;
    const open = /^<[^>]*?(\/?)>/.exec(from)![0];
    let tag = open.replace(/\/?>$/, '');
    let body = open.endsWith('/>') ? '' : from.slice(open.length).replace(new RegExp(`</${this.p}xf>$`), '');
    if (style.numFmt !== undefined) {
      tag = setAttr(tag, 'numFmtId', String(this.numFmtId(style.numFmt)));
      tag = setAttr(tag, 'applyNumberFormat', '1');
    }
    if (style.bold !== undefined) {
      tag = setAttr(tag, 'fontId', String(this.fontId(Number(attr(tag, 'fontId') ?? 0), style.bold)));
      tag = setAttr(tag, 'applyFont', '1');
    }
    if (style.fill !== undefined) {
      tag = setAttr(tag, 'fillId', String(this.fillId(style.fill)));
      tag = setAttr(tag, 'applyFill', '1');
    }
    if (style.wrap !== undefined || style.align !== undefined || style.vertical !== undefined) {
      const p = this.p;
      let al = new RegExp(`<${p}alignment\\b[^>]*/>`).exec(body)?.[0] ?? `<${p}alignment/>`;
      const had = body.includes(al);
      let a = al.replace(/\/>$/, '');
      if (style.wrap !== undefined) a = setAttr(a, 'wrapText', style.wrap ? '1' : null);
      if (style.align !== undefined) a = setAttr(a, 'horizontal', style.align);
      if (style.vertical !== undefined) a = setAttr(a, 'vertical', style.vertical);
      al = a + '/>';
      body = had ? body.replace(new RegExp(`<${p}alignment\\b[^>]*/>`), al) : al + body;
      tag = setAttr(tag, 'applyAlignment', '1');
    }
    const text = body ? `${tag}>${body}</${this.p}xf>` : `${tag}/>`;
    return this.add('cellXfs', 'xf', text);
  }

  /** The styles part with the additions (the original text when nothing was added). */
  toXml(): string {
    if (!this.dirty) return this.xml;
    let xml = this.xml;
    const p = this.p;
    // Children of styleSheet in schema order; a missing section is inserted before the first later one present.
    const order = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
    for (const [tag, s] of this.sections) {
      const inner = s.items.join('');
      const text = `<${p}${tag} count="${s.items.length}">${inner}</${p}${tag}>`;
      if (s.whole !== null) {
        const keep = /^<[^>]*?>/.exec(s.whole)![0];
        const open = setAttr(keep.replace(/\/?>$/, ''), 'count', String(s.items.length)) + '>';
        xml = xml.replace(s.whole, () => (s.items.length === 0 ? s.whole! : `${open}${inner}</${p}${tag}>`));
      } else if (s.items.length > 0) {
        const later = order.slice(order.indexOf(tag) + 1).map((t) => new RegExp(`<${p}${t}\\b`).exec(xml)).find((m) => m);
        if (later) xml = xml.slice(0, later.index) + text + xml.slice(later.index);
        else xml = xml.replace(new RegExp(`</${p}styleSheet>`), `${text}</${p}styleSheet>`);
      }
    }
    return xml;
  }
}
