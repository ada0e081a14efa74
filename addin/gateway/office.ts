/**
 * The workbook gateway over office.js. Rules of real Excel it keeps (ADDIN.md):
 * - one Excel.run per user action (`action`), with delayForCellEdit where the host has it (ExcelApi 1.11);
 * - loads are queued together and resolved by one context.sync(); no sync runs per row, so the count
 *   of syncs per action does not depend on the number of rows;
 * - a request the host refuses as too large (RequestPayloadSizeLimitExceeded, Excel on the web) is
 *   re-sent in row blocks that halve until accepted (batches.ts);
 * - number formats are set before values in the same batch (NIP columns become Text before the digits
 *   go in); fills go to grouped ranges (getRanges, ExcelApi 1.9) where available.
 * Requirement sets: everything here runs on ExcelApi 1.4 (the manifest's minimum: getItemOrNullObject,
 * getUsedRangeOrNullObject, workbook settings, charts.getItemOrNullObject). Above it, and only after
 * asking Office.context.requirements: getRanges (1.9), freezePanes (1.7), delayForCellEdit (1.11).
 * test/addin/requirements.test.ts runs every action on a host that has 1.4 only.
 * Which columns may be written is the callers' business (addin/workbook/own-columns.ts); this file
 * writes exactly the rectangles it is given.
 */
import { a1, cellErrorText, type CellValue, type FormatWrite, type SheetData, type ValueWrite } from '../../shared/workbook/gateway';
import type { ChartSpec, WorkbookHost } from '../host/types';
import { isPayloadLimitError, rowPieces, runInBatches } from './batches';
import { looksLikeFormula } from '../../shared/values/formula-text';
import type { SheetSpec } from '../../shared/xlsx/write';
import { sheetGrid } from './sheet-spec';

type Ctx = Excel.RequestContext;

export interface OfficeGatewayOptions {
  /** Excel.run (injected so tests can count syncs on a mock). */
  run?: typeof Excel.run;
  /** Office.context.requirements.isSetSupported, or a stand-in. */
  isSetSupported?: (name: string, version: string) => boolean;
  /** Cells per request to start with; Infinity (one request) unless the host is known to limit payloads. */
  cellBudget?: number;
}

/** The browser host's settings sheet (browser.ts), read as a fallback for keys Excel does not have. */
const BROWSER_SETTINGS_SHEET = '_mutasi';

/** At most this many areas in one getRanges address (its address string has a length limit). */
const AREAS_PER_CALL = 400;

export class OfficeGateway implements WorkbookHost {
  readonly kind = 'office' as const;
  readonly nativeCharts = true;
  private ctx: Ctx | null = null;
  /** The sheet names seen in this action (listSheets / ensureSheet), so reads ask only for sheets that exist. */
  private names: string[] | null = null;
  private syncs = 0;
  private budget: number;
  private readonly runFn: typeof Excel.run;
  private readonly supports: (name: string, version: string) => boolean;

  constructor(opts: OfficeGatewayOptions = {}) {
    this.runFn = opts.run ?? ((...args: unknown[]) => (Excel.run as (...a: unknown[]) => Promise<unknown>)(...args)) as typeof Excel.run;
    this.supports = opts.isSetSupported ?? ((n, v) => Office.context.requirements.isSetSupported(n, v));
    this.budget = opts.cellBudget ?? Infinity;
  }

  roundTrips(): number {
    return this.syncs;
  }

  async action<T>(fn: () => Promise<T>): Promise<T> {
    if (this.ctx) return fn();
    return this.run(async (ctx) => {
      this.ctx = ctx;
      try {
        return await fn();
      } finally {
        this.ctx = null;
        this.names = null;
      }
    });
  }

  private run<T>(batch: (ctx: Ctx) => Promise<T>): Promise<T> {
    if (this.supports('ExcelApi', '1.11')) return this.runFn({ delayForCellEdit: true }, batch);
    return this.runFn(batch);
  }

  /** Inside an action: its context; outside: an Excel.run of its own. */
  private with<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    return this.ctx ? fn(this.ctx) : this.run(fn);
  }

  private async sync(ctx: Ctx): Promise<void> {
    this.syncs++;
    await ctx.sync();
  }

  async listSheets(): Promise<string[]> {
    return this.with(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load('items/name');
      await this.sync(ctx);
      const names = sheets.items.map((s) => s.name);
      if (this.ctx) this.names = names;
      return names;
    });
  }

  async readSheets(asked: string[]): Promise<SheetData[]> {
    if (asked.length === 0) return [];
    return this.with(async (ctx) => {
      // Methods of a null object fail the whole request in Excel: read only sheets that exist, known
      // from this action's listSheets (the usual case: no extra round trip) or asked for once here.
      const existing = this.names ?? (await this.listSheets());
      const names = asked.filter((n) => existing.includes(n));
      if (names.length === 0) return [];
      const sheets = names.map((name) => ctx.workbook.worksheets.getItem(name));
      if (Number.isFinite(this.budget)) return this.readInBlocks(ctx, sheets, names);
      // Optimistic: every used range's values in one round trip.
      const used = sheets.map((ws) => ws.getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex'));
      try {
        await this.sync(ctx);
      } catch (e) {
        if (!isPayloadLimitError(e)) throw e;
        return this.readInBlocks(ctx, names.map((n) => ctx.workbook.worksheets.getItem(n)), names);
      }
      const out: SheetData[] = [];
      sheets.forEach((_ws, i) => {
        const r = used[i]!;
        out.push(r.isNullObject
          ? { name: names[i]!, values: [], startRow: 1, startCol: 1 }
          : { name: names[i]!, values: r.values.map(toRow), startRow: r.rowIndex + 1, startCol: r.columnIndex + 1 });
      });
      return out;
    });
  }

  /** Dimensions first (small), then values in row blocks that fit the budget, shrinking when refused. */
  private async readInBlocks(ctx: Ctx, sheets: Excel.Worksheet[], names: string[]): Promise<SheetData[]> {
    const dims = sheets.map((ws) => ws.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount'));
    await this.sync(ctx);
    interface Piece { sheet: number; row0: number; rows: number; col0: number; cols: number }
    const out: (SheetData | null)[] = sheets.map((_ws, i) => {
      const d = dims[i]!;
      if (d.isNullObject) return { name: names[i]!, values: [], startRow: 1, startCol: 1 };
      return { name: names[i]!, values: new Array<CellValue[]>(d.rowCount), startRow: d.rowIndex + 1, startCol: d.columnIndex + 1 };
    });
    const pieces: Piece[] = [];
    out.forEach((s, i) => {
      if (s && s.values.length > 0) pieces.push({ sheet: i, row0: 0, rows: dims[i]!.rowCount, col0: dims[i]!.columnIndex, cols: dims[i]!.columnCount });
    });
    const start = Number.isFinite(this.budget) ? this.budget : Math.max(1, Math.floor(pieces.reduce((s, p) => s + p.rows * p.cols, 0) / 2));
    this.budget = await runInBatches(pieces, {
      budget: start,
      weight: (p) => p.rows * p.cols,
      split: (p, max) => rowPieces(p.rows, max / p.cols).map(([s, n]) => ({ ...p, row0: p.row0 + s, rows: n })),
      exec: async (batch) => {
        const ranges = batch.map((p) => {
          const top = dims[p.sheet]!.rowIndex + 1 + p.row0;
          const addr = `${a1(top, p.col0 + 1)}:${a1(top + p.rows - 1, p.col0 + p.cols)}`;
          return sheets[p.sheet]!.getRange(addr).load('values');
        });
        await this.sync(ctx);
        batch.forEach((p, k) => {
          const vals = ranges[k]!.values;
          const target = out[p.sheet]!.values;
          for (let r = 0; r < p.rows; r++) target[p.row0 + r] = toRow(vals[r] ?? []);
        });
      },
    });
    return out.filter((s): s is SheetData => s !== null);
  }

  async ensureSheet(name: string, headers?: string[]): Promise<void> {
    await this.with(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
      await this.sync(ctx);
      if (!ws.isNullObject) return;
      const added = ctx.workbook.worksheets.add(name);
      this.names?.push(name);
      if (headers && headers.length > 0) {
        const range = added.getRange(`A1:${a1(1, headers.length)}`);
        range.values = [headers];
        range.format.font.bold = true;
        // Freeze panes came in ExcelApi 1.7; without it the header row simply scrolls.
        if (this.supports('ExcelApi', '1.7')) added.freezePanes.freezeRows(1);
      }
      await this.sync(ctx);
    });
  }

  async writeValues(writes: ValueWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await this.with(async (ctx) => {
      this.budget = await runInBatches(writes, {
        budget: this.budget,
        // A number format travels once per cell as well.
        weight: (w) => w.values.length * widthOf(w.values) * (w.numberFormat ? 2 : 1),
        split: (w, max) =>
          rowPieces(w.values.length, max / Math.max(1, widthOf(w.values) * (w.numberFormat ? 2 : 1))).map(([s, n]) => ({ ...w, row: w.row + s, values: w.values.slice(s, s + n) })),
        exec: async (batch) => {
          for (const w of batch) {
            const width = widthOf(w.values);
            if (width === 0 || w.values.length === 0) continue;
            // Text from outside (a name, a code, an approver) that Excel would take for a formula gets the
            // Text format first too, so it arrives as text (shared/values/formula-text.ts).
            const formulaLike = formulaLikeCells(w.values, w.numberFormat);
            if (!w.numberFormat) {
              for (const key of formulaLike) {
                const [r, c] = key.split(',').map(Number) as [number, number];
                ctx.workbook.worksheets.getItem(w.sheet).getRange(a1(w.row + r, w.col + c)).numberFormat = [['@']];
              }
            }
            const range = ctx.workbook.worksheets.getItem(w.sheet).getRange(`${a1(w.row, w.col)}:${a1(w.row + w.values.length - 1, w.col + width - 1)}`);
            // Format before values: digits typed into a Text cell stay text (NIPs keep all 18 digits).
            // A 2-D array of the range's shape, the form office.js documents for every Excel version.
            if (w.numberFormat) {
              range.numberFormat = w.values.map((row, r) => Array.from({ length: width }, (_, c) => (formulaLike.has(`${r},${c}`) ? '@' : w.numberFormat!)));
            }
            range.values = w.values.map((row) => toExcelRow(row, width));
          }
          await this.sync(ctx);
        },
      });
    });
  }

  async writeFormats(formats: FormatWrite[]): Promise<void> {
    const ops = formats.flatMap((f) => chunks(f.ranges, AREAS_PER_CALL).map((ranges) => ({ ...f, ranges })));
    if (ops.length === 0) return;
    const grouped = this.supports('ExcelApi', '1.9');
    await this.with(async (ctx) => {
      this.budget = await runInBatches(ops, {
        budget: Number.isFinite(this.budget) ? this.budget : Infinity,
        // An area costs about as much as a cell in the request: its address.
        weight: (f) => f.ranges.length,
        split: (f, max) => chunks(f.ranges, Math.max(1, Math.floor(max))).map((ranges) => ({ ...f, ranges })),
        exec: async (batch) => {
          for (const f of batch) {
            const ws = ctx.workbook.worksheets.getItem(f.sheet);
            const targets = grouped ? [ws.getRanges(f.ranges.join(','))] : f.ranges.map((r) => ws.getRange(r));
            for (const t of targets) {
              if (f.fill) t.format.fill.color = f.fill;
              else t.format.fill.clear();
            }
          }
          await this.sync(ctx);
        },
      });
    });
  }

  async readSettings(keys: string[]): Promise<Record<string, unknown>> {
    return this.with(async (ctx) => {
      const items = keys.map((k) => ctx.workbook.settings.getItemOrNullObject(k).load('value'));
      // Settings the browser host kept (a file worked on outside Excel) live in its hidden sheet.
      const kept = ctx.workbook.worksheets.getItemOrNullObject(BROWSER_SETTINGS_SHEET);
      await this.sync(ctx);
      const out: Record<string, unknown> = {};
      keys.forEach((k, i) => {
        if (!items[i]!.isNullObject) out[k] = items[i]!.value;
      });
      const missing = keys.filter((k) => !(k in out));
      if (missing.length > 0 && !kept.isNullObject) {
        // Only for a file that has been through the browser host and lacks the key in Excel: one more sync.
        const used = kept.getUsedRangeOrNullObject(true).load('values');
        await this.sync(ctx);
        if (!used.isNullObject) {
          for (const row of used.values.slice(1)) {
            const k = String(row[0] ?? '');
            if (missing.includes(k) && row[1] !== '' && row[1] !== null) out[k] = row[1];
          }
        }
      }
      return out;
    });
  }

  async writeSettings(values: Record<string, unknown>): Promise<void> {
    await this.with(async (ctx) => {
      for (const [k, v] of Object.entries(values)) ctx.workbook.settings.add(k, v);
      await this.sync(ctx);
    });
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.with(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await this.sync(ctx);
    });
  }

  /**
   * Creates, or replaces as a whole, a sheet the add-in owns (Talenta, Suksesi): the sheet is cleared and
   * its table removed, then values go in row blocks with their number formats set first (text as `@`, so
   * nothing becomes a formula), then fonts, fills, alignment, widths, the table and the frozen rows. Three
   * syncs for any height (more only when Excel on the web refuses a block as too large).
   */
  async putSheet(name: string, spec: SheetSpec): Promise<void> {
    const grid = sheetGrid(spec);
    await this.with(async (ctx) => {
      const existing = ctx.workbook.worksheets.getItemOrNullObject(name);
      const oldTable = spec.table ? ctx.workbook.tables.getItemOrNullObject(spec.table.name) : null;
      await this.sync(ctx);
      if (oldTable && !oldTable.isNullObject) oldTable.delete();
      let ws: Excel.Worksheet;
      if (existing.isNullObject) {
        ws = ctx.workbook.worksheets.add(name);
        this.names?.push(name);
      } else {
        ws = existing;
        ws.getRange().clear();
      }
      const width = grid.cols;
      interface Piece { row0: number; rows: number }
      const pieces: Piece[] = grid.rows > 0 && width > 0 ? [{ row0: 0, rows: grid.rows }] : [];
      this.budget = await runInBatches(pieces, {
        budget: this.budget,
        weight: (p) => p.rows * width * 2,
        split: (p, max) => rowPieces(p.rows, max / (width * 2)).map(([s, n]) => ({ row0: p.row0 + s, rows: n })),
        exec: async (batch) => {
          for (const p of batch) {
            const top = grid.startRow + p.row0;
            const range = ws.getRange(`${a1(top, 1)}:${a1(top + p.rows - 1, width)}`);
            range.numberFormat = grid.formats.slice(p.row0, p.row0 + p.rows);
            range.values = grid.values.slice(p.row0, p.row0 + p.rows);
          }
          await this.sync(ctx);
        },
      });
      const grouped = this.supports('ExcelApi', '1.9');
      for (const run of grid.styles) {
        for (const part of chunks(run.ranges, AREAS_PER_CALL)) {
          const targets: (Excel.Range | Excel.RangeAreas)[] = grouped ? [ws.getRanges(part.join(','))] : part.map((r) => ws.getRange(r));
          for (const t of targets) {
            if (run.style.bold) t.format.font.bold = true;
            if (run.style.fill) t.format.fill.color = run.style.fill;
            if (run.style.wrap) t.format.wrapText = true;
            if (run.style.align) t.format.horizontalAlignment = run.style.align === 'center' ? 'Center' : run.style.align === 'right' ? 'Right' : 'Left';
            if (run.style.vertical) t.format.verticalAlignment = run.style.vertical === 'center' ? 'Center' : run.style.vertical === 'top' ? 'Top' : 'Bottom';
          }
        }
      }
      // Widths in characters (as in the file writer); Excel takes points: about 6 a character.
      (spec.columnWidths ?? []).forEach((w, i) => {
        if (w) ws.getRange(`${a1(1, i + 1).replace(/\d+$/, '')}:${a1(1, i + 1).replace(/\d+$/, '')}`).format.columnWidth = Math.round(w * 6);
      });
      if (spec.table && grid.rows > 0) {
        const t = ws.tables.add(`${name}!${spec.table.ref ?? `${a1(grid.startRow, 1)}:${a1(grid.startRow + grid.rows - 1, width)}`}`, true);
        t.name = spec.table.name;
        if (spec.table.style) t.style = spec.table.style;
      }
      if (spec.freezeRows && this.supports('ExcelApi', '1.7')) ws.freezePanes.freezeRows(spec.freezeRows);
      await this.sync(ctx);
    });
  }

  async upsertChart(spec: ChartSpec): Promise<boolean> {
    const name = 'MutasiRingkasan';
    await this.with(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(spec.sheet);
      const old = ws.charts.getItemOrNullObject(name);
      await this.sync(ctx);
      if (!old.isNullObject) old.delete();
      const chart = ws.charts.add('ColumnClustered', ws.getRange(spec.source), 'Columns');
      chart.name = name;
      chart.title.text = spec.title;
      chart.setPosition(spec.anchor);
      await this.sync(ctx);
    });
    return true;
  }
}

function widthOf(rows: CellValue[][]): number {
  let w = 0;
  for (const r of rows) if (r.length > w) w = r.length;
  return w;
}

/** office.js gives "" for empty cells and error values as "#N/A" strings. */
function toRow(row: unknown[]): CellValue[] {
  const out = new Array<CellValue>(row.length);
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v === '' || v === null || v === undefined) out[i] = null;
    else if (typeof v === 'string') out[i] = cellErrorText(v) ? { error: v } : v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[i] = v;
    else out[i] = String(v);
  }
  return out;
}

const MS_DAY = 86_400_000;

/** A rectangle must be written whole: short rows are padded with "" (which empties the cell). */
function toExcelRow(row: CellValue[], width: number): unknown[] {
  const out = new Array<unknown>(width);
  for (let i = 0; i < width; i++) {
    const v = i < row.length ? row[i] : null;
    if (v === null || v === undefined) out[i] = '';
    else if (v instanceof Date) out[i] = v.getTime() / MS_DAY + 25569; // Excel serial (1900 system)
    else if (typeof v === 'object') out[i] = v.error;
    else out[i] = v;
  }
  return out;
}

function chunks<T>(list: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

/** The cells ("row,col" within the write) holding text Excel would take for a formula, unless already Text. */
function formulaLikeCells(values: ValueWrite['values'], numberFormat: string | undefined): Set<string> {
  const out = new Set<string>();
  if (numberFormat === '@') return out;
  values.forEach((row, r) => row.forEach((v, c) => {
    if (looksLikeFormula(v)) out.add(`${r},${c}`);
  }));
  return out;
}
