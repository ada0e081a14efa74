/**
 * A fake Excel for the Office gateway's tests, built on office-addin-mock: every Range, Setting and
 * RangeAreas proxy is an OfficeMockObject, so reading a property that was not loaded and synced gives
 * the mock's "Error, property was not loaded" string (and the tests notice), exactly the discipline
 * real office.js imposes. Around it, a small workbook model applies queued writes on sync, counts syncs,
 * logs every write, and can refuse requests over a cell budget the way Excel on the web refuses
 * payloads over 5 MB (RequestPayloadSizeLimitExceeded).
 */
import { OfficeMockObject } from 'office-addin-mock';

export interface FakeSheet {
  /** Row-major from A1; '' = empty. */
  values: unknown[][];
  fills: Map<string, string>;
  numberFormats: Map<string, string>;
}

export interface WriteLog {
  sheet: string;
  kind: 'values' | 'numberFormat' | 'fill' | 'clearFill' | 'settings' | 'addSheet' | 'chart' | 'clearSheet' | 'table' | 'deleteTable' | 'style';
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  /** For numberFormat: set before the range's values were assigned in the same batch. */
  beforeValues?: boolean;
}

export interface MockOptions {
  /** Refuse any sync whose loaded + written cells exceed this (Excel on the web: 5 MB). */
  payloadLimitCells?: number;
  /**
   * The highest ExcelApi version this host has, e.g. "1.4" (default: all). Members above it throw
   * ApiNotFound, as an older Excel does, so a test can prove the code asks before it uses them.
   */
  apiVersion?: string;
}

/** ExcelApi members the gateway may use above 1.4, with the version that brought them. */
const MEMBER_SET: Record<string, string> = { getRanges: '1.9', freezePanes: '1.7', delayForCellEdit: '1.11' };

/** "1.11" → 11: requirement-set versions compare by their minor number, not as decimals. */
const minor = (v: string) => Number(v.split('.')[1] ?? 0);

type Rect = { r0: number; c0: number; r1: number; c1: number };

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
export function parseA1(addr: string): Rect {
  const [a, b] = addr.replace(/^.*!/, '').split(':');
  const p = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(s.trim().replace(/\$/g, ''));
    if (!m) throw new Error(`bad address ${addr}`);
    return { c: colNumber(m[1]!), r: Number(m[2]) };
  };
  const x = p(a!);
  const y = p(b ?? a!);
  return { r0: x.r, c0: x.c, r1: y.r, c1: y.c };
}

export class FakeWorkbook {
  sheets = new Map<string, FakeSheet>();
  settings = new Map<string, unknown>();
  /** Excel tables by name: the sheet and A1 range they cover. */
  tables = new Map<string, { sheet: string; ref: string; style: string }>();
  /** Column widths (points) and styles set through range.format, by sheet. */
  widths = new Map<string, Map<string, number>>();
  log: WriteLog[] = [];
  syncs = 0;
  refusals = 0;
  runs = 0;
  runOptions: unknown[] = [];

  constructor(init: Record<string, unknown[][]>, private readonly opts: MockOptions = {}) {
    for (const [name, values] of Object.entries(init)) this.sheets.set(name, { values, fills: new Map(), numberFormats: new Map() });
  }

  /** Office.context.requirements.isSetSupported for this host. */
  isSetSupported = (name: string, version: string): boolean =>
    name === 'ExcelApi' && (this.opts.apiVersion === undefined || minor(version) <= minor(this.opts.apiVersion));

  /** Throws as an older Excel would when `member` is used without its requirement set. */
  require(member: keyof typeof MEMBER_SET): void {
    const version = MEMBER_SET[member]!;
    if (!this.isSetSupported('ExcelApi', version)) {
      throw Object.assign(new Error(`${member} needs ExcelApi ${version}, which this host does not have`), { code: 'ApiNotFound' });
    }
  }

  cell(sheet: string, r: number, c: number): unknown {
    return this.sheets.get(sheet)?.values[r - 1]?.[c - 1] ?? '';
  }

  /** Excel.run over this workbook: one fresh request context per run. */
  run = async (...args: unknown[]): Promise<unknown> => {
    const batch = args[args.length - 1] as (ctx: unknown) => Promise<unknown>;
    this.runs++;
    this.runOptions.push(args.length > 1 ? args[0] : undefined);
    if (args.length > 1 && (args[0] as { delayForCellEdit?: boolean }).delayForCellEdit) this.require('delayForCellEdit');
    return batch(new Context(this, this.opts).ctx);
  };
}

interface Pending {
  apply(): void;
  /** Cells this operation carries in the request or response. */
  cells(): number;
  mocks: OfficeMockObject[];
}

class Context {
  private pending: Pending[] = [];
  readonly ctx: Record<string, unknown>;

  constructor(private readonly book: FakeWorkbook, private readonly opts: MockOptions) {
    const self = this;
    const worksheets = {
      items: undefined as unknown,
      load(props: string) {
        if (props !== 'items/name') throw new Error(`mock: unsupported load ${props}`);
        self.pending.push({ cells: () => 0, mocks: [], apply: () => { worksheets.items = [...book.sheets.keys()].map((name) => ({ name })); } });
        return worksheets;
      },
      getItemOrNullObject: (name: string) => self.worksheet(name, true),
      getItem: (name: string) => self.worksheet(name, false),
      add: (name: string) => {
        book.sheets.set(name, { values: [], fills: new Map(), numberFormats: new Map() });
        book.log.push({ sheet: name, kind: 'addSheet', r0: 0, c0: 0, r1: 0, c1: 0 });
        return self.worksheet(name, false);
      },
    };
    const settings = {
      getItemOrNullObject: (key: string) => {
        const has = book.settings.has(key);
        // setValue, not the constructor: the constructor would turn an object value into nested mocks.
        const m = new OfficeMockObject() as OfficeMockObject & Record<string, unknown>;
        (m as unknown as { setValue(k: string, v: unknown): void }).setValue('value', has ? structuredClone(book.settings.get(key)) : '');
        m.isNullObject = !has;
        this.track(m, 0, () => {});
        return m;
      },
      add: (key: string, value: unknown) => {
        this.pending.push({ cells: () => 0, mocks: [], apply: () => { book.settings.set(key, structuredClone(value)); book.log.push({ sheet: '', kind: 'settings', r0: 0, c0: 0, r1: 0, c1: 0 }); } });
      },
    };
    const tables = {
      getItemOrNullObject: (name: string) => {
        const has = book.tables.has(name);
        return {
          isNullObject: !has,
          delete: () => {
            if (!has) throw new Error(`mock: delete on the null table ${name}`);
            this.pending.push({ cells: () => 0, mocks: [], apply: () => { book.tables.delete(name); book.log.push({ sheet: '', kind: 'deleteTable', r0: 0, c0: 0, r1: 0, c1: 0 }); } });
          },
        };
      },
    };
    this.ctx = {
      workbook: { worksheets, settings, tables },
      sync: () => this.sync(),
    };
  }

  private track(m: OfficeMockObject, cells: number, apply: () => void) {
    this.pending.push({ cells: () => cells, mocks: [m], apply });
  }

  private async sync(): Promise<void> {
    this.book.syncs++;
    const ops = this.pending;
    this.pending = [];
    const cells = ops.reduce((s, p) => s + p.cells(), 0);
    if (this.opts.payloadLimitCells !== undefined && cells > this.opts.payloadLimitCells) {
      this.book.refusals++;
      throw Object.assign(new Error('The request payload size has exceeded the limit.'), { code: 'RequestPayloadSizeLimitExceeded' });
    }
    for (const op of ops) op.apply();
    for (const op of ops) for (const m of op.mocks) await m.sync();
  }

  private worksheet(name: string, orNull: boolean) {
    const book = this.book;
    const sheet = book.sheets.get(name);
    if (!sheet && !orNull) throw new Error(`mock: ItemNotFound ${name}`);
    const self = this;
    return {
      isNullObject: !sheet,
      name,
      activate() {},
      get freezePanes() {
        book.require('freezePanes');
        return { freezeRows() {} };
      },
      getRange: (addr?: string) => {
        if (addr === undefined) {
          // The whole sheet: only clear() is used on it.
          return {
            clear: () => self.pending.push({ cells: () => 0, mocks: [], apply: () => {
              const s = book.sheets.get(name)!;
              s.values = [];
              s.fills.clear();
              s.numberFormats.clear();
              book.log.push({ sheet: name, kind: 'clearSheet', r0: 0, c0: 0, r1: 0, c1: 0 });
            } }),
          };
        }
        if (/^[A-Z]+:[A-Z]+$/.test(addr)) {
          // A whole column (widths): format.columnWidth only.
          const format = { columnWidth: 0 };
          self.pending.push({ cells: () => 0, mocks: [], apply: () => {
            let m = book.widths.get(name);
            if (!m) book.widths.set(name, (m = new Map()));
            if (format.columnWidth) m.set(addr.split(':')[0]!, format.columnWidth);
          } });
          return { format };
        }
        return self.range(name, parseA1(addr));
      },
      tables: {
        add: (address: string, hasHeaders: boolean) => {
          if (!hasHeaders) throw new Error('mock: tables without headers are not expected');
          const t = { name: '', style: '' };
          self.pending.push({ cells: () => 0, mocks: [], apply: () => {
            const ref = address.replace(/^.*!/, '');
            if (!t.name || book.tables.has(t.name)) throw Object.assign(new Error(`mock: table name ${t.name} is taken`), { code: 'InvalidArgument' });
            for (const [n, other] of book.tables) {
              if (other.sheet === name) throw Object.assign(new Error(`mock: ${n} already covers part of ${name}`), { code: 'InvalidOperation' });
            }
            book.tables.set(t.name, { sheet: name, ref, style: t.style });
            book.log.push({ sheet: name, kind: 'table', ...parseA1(ref) });
          } });
          return t;
        },
      },
      getRanges: (addr: string) => {
        book.require('getRanges');
        return self.areas(name, addr.split(',').map((a) => parseA1(a)));
      },
      getUsedRangeOrNullObject: () => {
        // Excel fails the request when a method is called on a null object.
        if (!sheet) throw Object.assign(new Error(`mock: getUsedRangeOrNullObject on the null object for ${name}`), { code: 'InvalidArgument' });
        const s = book.sheets.get(name)!;
        let lastRow = 0;
        let lastCol = 0;
        s.values.forEach((row, i) => {
          for (let j = row.length - 1; j >= 0; j--) {
            if (row[j] !== '' && row[j] !== null && row[j] !== undefined) {
              lastRow = i + 1;
              if (j + 1 > lastCol) lastCol = j + 1;
              break;
            }
          }
        });
        if (lastRow === 0) {
          const m = new OfficeMockObject({ values: [], rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 }) as OfficeMockObject & Record<string, unknown>;
          m.isNullObject = true;
          return m;
        }
        return self.range(name, { r0: 1, c0: 1, r1: lastRow, c1: lastCol });
      },
      charts: {
        getItemOrNullObject: () => ({ isNullObject: true, delete() {} }),
        add: () => {
          book.log.push({ sheet: name, kind: 'chart', r0: 0, c0: 0, r1: 0, c1: 0 });
          return { name: '', title: { text: '' }, setPosition() {} };
        },
      },
    };
  }

  private range(sheetName: string, rect: Rect) {
    const book = this.book;
    const s = book.sheets.get(sheetName)!;
    const rows = rect.r1 - rect.r0 + 1;
    const cols = rect.c1 - rect.c0 + 1;
    const snapshot: unknown[][] = [];
    for (let r = 0; r < rows; r++) {
      const src = s.values[rect.r0 - 1 + r] ?? [];
      const row = new Array<unknown>(cols);
      for (let c = 0; c < cols; c++) row[c] = src[rect.c0 - 1 + c] ?? '';
      snapshot.push(row);
    }
    const m = new OfficeMockObject({
      values: snapshot,
      rowIndex: rect.r0 - 1,
      columnIndex: rect.c0 - 1,
      rowCount: rows,
      columnCount: cols,
      address: `${sheetName}!R${rect.r0}C${rect.c0}`,
      format: { fill: { color: '' }, font: { bold: false, color: '' } },
    }) as OfficeMockObject & Record<string, any>;
    m.isNullObject = false;
    m.select = () => {};
    let loadedValues = false;
    const origLoad = m.load.bind(m);
    m.load = (p: string) => {
      if (/\bvalues\b/.test(p)) loadedValues = true;
      return origLoad(p);
    };
    // numberFormat is never loaded by the gateway: a plain accessor can log the order of assignment.
    let fmt: unknown;
    let fmtBeforeValues = false;
    Object.defineProperty(m, 'numberFormat', {
      get: () => fmt,
      set: (v) => {
        // office.js documents a 2-D array of the range's shape; hold the gateway to it.
        if (!Array.isArray(v) || v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols)) throw new Error(`mock: numberFormat must be a ${rows}×${cols} array`);
        fmt = v;
        fmtBeforeValues = !Array.isArray(m.values);
      },
    });
    let cleared = false;
    m.format.fill.clear = () => { cleared = true; };
    const initialValues = m.values;
    this.pending.push({
      mocks: [m],
      cells: () => (loadedValues ? rows * cols : 0) + (m.values !== initialValues && Array.isArray(m.values) ? rows * cols : 0) + (fmt !== undefined ? rows * cols : 0),
      apply: () => {
        if (fmt !== undefined) {
          book.log.push({ sheet: sheetName, kind: 'numberFormat', ...rect, beforeValues: fmtBeforeValues });
          const f = fmt as string[][];
          for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) s.numberFormats.set(`${r},${c}`, String(f[r - rect.r0]![c - rect.c0]));
        }
        if (m.values !== initialValues && Array.isArray(m.values)) {
          const vals = m.values as unknown[][];
          if (vals.length !== rows || vals.some((r) => r.length !== cols)) throw new Error(`mock: values shape does not match ${sheetName} ${JSON.stringify(rect)}`);
          book.log.push({ sheet: sheetName, kind: 'values', ...rect });
          for (let r = 0; r < rows; r++) {
            const target = (s.values[rect.r0 - 1 + r] ??= []);
            for (let c = 0; c < cols; c++) target[rect.c0 - 1 + c] = vals[r]![c];
          }
        }
        this.applyFill(sheetName, [rect], m.format.fill.color as unknown, cleared);
      },
    });
    return m;
  }

  private areas(sheetName: string, rects: Rect[]) {
    const fill = { color: '' as unknown, clear() { cleared = true; } };
    let cleared = false;
    const areas = { format: { fill, font: {} } };
    this.pending.push({ mocks: [], cells: () => rects.length, apply: () => this.applyFill(sheetName, rects, fill.color, cleared) });
    return areas;
  }

  private applyFill(sheetName: string, rects: Rect[], color: unknown, cleared: boolean) {
    const s = this.book.sheets.get(sheetName)!;
    const set = typeof color === 'string' && color.startsWith('#');
    if (!set && !cleared) return;
    for (const rect of rects) {
      this.book.log.push({ sheet: sheetName, kind: set ? 'fill' : 'clearFill', ...rect });
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          if (set) s.fills.set(`${r},${c}`, color as string);
          else s.fills.delete(`${r},${c}`);
        }
      }
    }
  }
}
