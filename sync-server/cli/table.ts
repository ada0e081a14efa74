/**
 * A text table drawn exactly as cli-table3 0.6 draws one (same borders, padding and alignment), in
 * linear time. cli-table3's layout checks every cell against every cell before it (rowSpan conflicts),
 * so `propose`'s per-unit summary of a 40,000-staff workbook (about 1,400 units) and `--all`'s table
 * of every move took a noticeable part of the command's time.
 *
 * Only tables this renderer is sure to draw like cli-table3 are drawn here: one line per cell, no
 * spans, no fixed widths, no colours on head or border, and every cell plain text of characters one
 * column wide (printable ASCII, Latin-1 and Latin Extended letters, and a few punctuation marks),
 * optionally wrapped in one picocolors colour. Anything else (a tab, a line break, a combining mark, a
 * CJK or emoji character in a workbook's name) goes to cli-table3 itself, so the output is always
 * cli-table3's. test/cli/table.test.ts compares both.
 */
import type Table from 'cli-table3';

export type Align = 'left' | 'right';

export interface TableSpec {
  head: string[];
  rows: string[][];
  colAligns: Align[];
  /** cli-table3's style.compact: no separator line between body rows. */
  compact?: boolean;
  /** cli-table3's chars overrides (e.g. { mid: '' } to drop the line under the head). */
  chars?: Partial<Record<CharName, string>>;
}

type CharName =
  | 'top' | 'top-mid' | 'top-left' | 'top-right'
  | 'bottom' | 'bottom-mid' | 'bottom-left' | 'bottom-right'
  | 'left' | 'left-mid' | 'mid' | 'mid-mid' | 'right' | 'right-mid' | 'middle';

const DEFAULT_CHARS: Record<CharName, string> = {
  top: '─', 'top-mid': '┬', 'top-left': '┌', 'top-right': '┐',
  bottom: '─', 'bottom-mid': '┴', 'bottom-left': '└', 'bottom-right': '┘',
  left: '│', 'left-mid': '├', mid: '─', 'mid-mid': '┼', right: '│', 'right-mid': '┤', middle: '│',
};

/** Characters one column wide for cli-table3 (string-width 4): printable ASCII, U+00A0–U+024F, – — … →. */
const PLAIN = /^[\x20-\x7e\u00a0-\u024f\u2013\u2014\u2026\u2192]*$/;
/** One picocolors colour around plain text: ESC[<fg>m … ESC[39m. */
const COLOURED = /^\x1b\[(?:3[0-7]|9[0-7])m([^\x1b]*)\x1b\[39m$/;

/** The printed width of a cell, or -1 when this renderer cannot be sure of it. */
function widthOf(cell: string): number {
  if (PLAIN.test(cell)) return cell.length;
  const m = COLOURED.exec(cell);
  if (m && PLAIN.test(m[1]!)) return m[1]!.length;
  return -1;
}

/** The table as cli-table3 would draw it (with the same options), lines joined by '\n'. */
export function renderTable(spec: TableSpec): string {
  const all = [spec.head, ...spec.rows];
  const cols = spec.head.length;
  const widths: number[] = new Array<number>(cols).fill(1);
  const cellWidths: number[][] = [];
  for (const row of all) {
    if (row.length !== cols) return viaCliTable3(spec);
    const ws: number[] = [];
    for (let x = 0; x < cols; x++) {
      const w = widthOf(row[x]!);
      if (w < 0) return viaCliTable3(spec);
      ws.push(w);
      if (w + 2 > widths[x]!) widths[x] = w + 2;
    }
    cellWidths.push(ws);
  }
  const c = { ...DEFAULT_CHARS, ...spec.chars };
  const rule = (left: string, fill: string, mid: string, right: string) => {
    let s = left;
    for (let x = 0; x < cols; x++) s += (x ? mid : '') + fill.repeat(widths[x]!);
    return s + right;
  };
  const out: string[] = [];
  const push = (s: string) => {
    if (s.length) out.push(s);
  };
  const line = (row: string[], ws: number[]) => {
    let s = '';
    for (let x = 0; x < cols; x++) {
      const pad = ' '.repeat(widths[x]! - 2 - ws[x]!);
      s += (x ? c.middle : c.left) + ' ' + (spec.colAligns[x] === 'right' ? pad + row[x]! : row[x]! + pad) + ' ';
    }
    return s + c.right;
  };
  push(rule(c['top-left'], c.top, c['top-mid'], c['top-right']));
  for (let y = 0; y < all.length; y++) {
    if (y > 0 && (!spec.compact || y === 1)) push(rule(c['left-mid'], c.mid, c['mid-mid'], c['right-mid']));
    push(line(all[y]!, cellWidths[y]!));
  }
  push(rule(c['bottom-left'], c.bottom, c['bottom-mid'], c['bottom-right']));
  return out.join('\n');
}

/** cli-table3 itself, loaded only when needed. */
function viaCliTable3(spec: TableSpec): string {
  const T = require('cli-table3') as typeof Table;
  const table = new T({ head: spec.head, colAligns: spec.colAligns, style: { head: [], border: [], compact: spec.compact ?? false }, chars: spec.chars ?? {} });
  for (const r of spec.rows) table.push(r);
  return table.toString();
}
