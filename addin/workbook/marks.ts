/**
 * The fills the add-in sets (red for an error, amber for a warning, blue for a row it updated from the
 * official record) and how it finds them again for "Bersihkan tanda". What it coloured is remembered
 * in the workbook's settings (shared with co-authors, travels with the file), as compact A1 ranges per
 * sheet, so clearing touches exactly those cells and no fill a person set elsewhere.
 * Two lists: Periksa's marks (replaced by every check) and "Tarik data resmi"'s (kept until the user
 * clears them: a new check must not hide which rows the official record changed).
 */
import { columnLetter, type FormatWrite } from '../../shared/workbook/gateway';
import type { Finding } from '../../shared/rules/types';
import type { WorkbookHost } from '../host/types';

export const MARKS_KEY = 'mutasi.tanda';
export const PULLED_KEY = 'mutasi.tandaTarik';
export const FILL = { error: '#FDE7E9', warning: '#FFF4CE', pulled: '#DEECF9' } as const;

export type Marks = Record<string, string[]>;

/** Cells (row, col) of one sheet → ranges, merging consecutive rows of a column ("C4:C9"). */
export function toRanges(cells: Iterable<[number, number]>): string[] {
  const byCol = new Map<number, number[]>();
  for (const [r, c] of cells) {
    const l = byCol.get(c);
    if (l) l.push(r);
    else byCol.set(c, [r]);
  }
  const out: string[] = [];
  for (const [c, rows] of [...byCol.entries()].sort((a, b) => a[0] - b[0])) {
    rows.sort((a, b) => a - b);
    const L = columnLetter(c);
    let s = rows[0]!;
    let p = s;
    const flush = () => out.push(s === p ? `${L}${s}` : `${L}${s}:${L}${p}`);
    for (let i = 1; i < rows.length; i++) {
      const r = rows[i]!;
      if (r === p) continue;
      if (r === p + 1) {
        p = r;
        continue;
      }
      flush();
      s = p = r;
    }
    flush();
  }
  return out;
}

function colOf(cell: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), c];
}

/** Fills for findings: error cells red, warning cells amber (an error wins over a warning). Info is not coloured. */
export function findingFills(findings: Finding[]): FormatWrite[] {
  const sev = new Map<string, Map<string, 'error' | 'warning'>>();
  for (const f of findings) {
    if (f.severity === 'info' || !/^[A-Z]+\d+$/.test(f.cell)) continue;
    let m = sev.get(f.sheet);
    if (!m) sev.set(f.sheet, (m = new Map()));
    if (f.severity === 'error' || !m.has(f.cell)) m.set(f.cell, f.severity);
  }
  const out: FormatWrite[] = [];
  for (const [sheet, m] of sev) {
    for (const s of ['error', 'warning'] as const) {
      const cells = [...m].filter(([, v]) => v === s).map(([cell]) => colOf(cell));
      if (cells.length > 0) out.push({ sheet, ranges: toRanges(cells), fill: FILL[s] });
    }
  }
  return out;
}

export function marksOf(fills: FormatWrite[]): Marks {
  const marks: Marks = {};
  for (const f of fills) if (f.fill) (marks[f.sheet] ??= []).push(...f.ranges);
  return marks;
}

export function mergeMarks(a: Marks, b: Marks): Marks {
  const out: Marks = { ...a };
  for (const [s, r] of Object.entries(b)) out[s] = [...(out[s] ?? []), ...r];
  return out;
}

/** The stored marks as clearing writes (sheets that no longer exist are skipped by the caller's list). */
export function clearWrites(marks: Marks, existing: string[]): FormatWrite[] {
  return Object.entries(marks)
    .filter(([s, r]) => existing.includes(s) && r.length > 0)
    .map(([sheet, ranges]) => ({ sheet, ranges, fill: null }));
}

export function parseMarks(v: unknown): Marks {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as Marks;
    } catch {
      return {};
    }
  }
  return v && typeof v === 'object' ? (v as Marks) : {};
}

/** Both lists of marks, in one settings read. */
export async function readAllMarks(host: WorkbookHost): Promise<{ check: Marks; pulled: Marks }> {
  const v = await host.readSettings([MARKS_KEY, PULLED_KEY]);
  return { check: parseMarks(v[MARKS_KEY]), pulled: parseMarks(v[PULLED_KEY]) };
}

export async function readMarks(host: WorkbookHost): Promise<Marks> {
  return (await readAllMarks(host)).check;
}

/** The pull highlights as fills again (after a check cleared its own marks, some of which may overlap). */
export function pulledFills(pulled: Marks, existing: string[]): FormatWrite[] {
  return Object.entries(pulled)
    .filter(([s, r]) => existing.includes(s) && r.length > 0)
    .map(([sheet, ranges]) => ({ sheet, ranges, fill: FILL.pulled }));
}

/** "Tarik data resmi": colours the cells it changed and remembers them next to the earlier ones. */
export async function highlightPulled(host: WorkbookHost, sheet: string, cells: [number, number][]): Promise<void> {
  if (cells.length === 0) return;
  const fills: FormatWrite[] = [{ sheet, ranges: toRanges(cells), fill: FILL.pulled }];
  const { pulled } = await readAllMarks(host);
  await host.writeFormats(fills);
  await host.writeSettings({ [PULLED_KEY]: JSON.stringify(mergeMarks(pulled, marksOf(fills))) });
}

/** "Bersihkan tanda": removes every fill the add-in set (check and pull) and forgets them. */
export async function clearMarks(host: WorkbookHost): Promise<number> {
  return host.action(async () => {
    const { check, pulled } = await readAllMarks(host);
    const sheets = await host.listSheets();
    const writes = clearWrites(mergeMarks(check, pulled), sheets);
    await host.writeFormats(writes);
    await host.writeSettings({ [MARKS_KEY]: JSON.stringify({}), [PULLED_KEY]: JSON.stringify({}) });
    return writes.reduce((n, w) => n + w.ranges.length, 0);
  });
}
