/**
 * The workbook gateway over an .xlsx held in memory (XlsxDocument): what `propose --out` and the add-in's
 * browser host read and write through. Writes go through the surgical writer, so saving keeps every part
 * Mutasi does not own byte for byte. Browser-safe.
 */
import type { FormatWrite, SheetData, ValueWrite, WorkbookGateway } from '../workbook/gateway';
import { XlsxDocument, type CellWrite } from './write';

/**
 * Decompresses a zip entry's raw deflate bytes into `size` bytes somewhere else than this thread
 * (the CLI: Node's zlib on its thread pool); resolves null when it cannot, and the part is then
 * decompressed here as without an inflater (same bytes, same errors).
 */
export type Inflater = (raw: Uint8Array, size: number) => Promise<Uint8Array | null>;

export class XlsxDocumentGateway implements WorkbookGateway {
  constructor(
    readonly doc: XlsxDocument,
    private readonly inflate?: Inflater,
  ) {}

  static open(bytes: Uint8Array, opts: { inflate?: Inflater } = {}): XlsxDocumentGateway {
    return new XlsxDocumentGateway(XlsxDocument.open(bytes), opts.inflate);
  }

  async listSheets(): Promise<string[]> {
    return this.doc.sheetNames();
  }

  /**
   * The named sheets, as XlsxDocument.readSheets gives them. With an inflater, every part they need
   * is decompressed at once elsewhere, and the shared strings are parsed here while the sheets are
   * still being decompressed: on the 40,000-staff workbook the large Pegawai sheet's inflate no
   * longer adds to the read.
   */
  async readSheets(names: string[]): Promise<SheetData[]> {
    if (!this.inflate) return this.doc.readSheets(names);
    const { context, sheets } = this.doc.partsToRead(names);
    const pending = new Map<string, Promise<void>>();
    for (const part of [...context, ...sheets.map((x) => x.part)]) pending.set(part, this.provide(part));
    for (const part of context) await pending.get(part);
    if (sheets.length > 0) this.doc.readSharedStringsNow();
    const out: SheetData[] = [];
    for (const n of names) {
      const part = sheets.find((x) => x.name === this.doc.sheet(n)?.name)?.part;
      if (part !== undefined) await pending.get(part);
      out.push(...this.doc.readSheets([n]));
    }
    return out;
  }

  /** Decompresses one part with the inflater and hands it to the package (never rejects: on any failure the part is decompressed as usual). */
  private async provide(part: string): Promise<void> {
    const e = this.doc.pkg.entry(part);
    if (!e || e.method !== 8) return;
    try {
      const data = await this.inflate!(e.raw, e.size);
      if (data) this.doc.pkg.provide(part, data);
    } catch {
      // decompressed here instead, which reports the problem as it always has
    }
  }

  async ensureSheet(name: string, headers?: string[]): Promise<void> {
    this.doc.ensureSheet(name, headers);
  }

  async writeValues(writes: ValueWrite[]): Promise<void> {
    const bySheet = new Map<string, CellWrite[]>();
    for (const w of writes) {
      const real = this.doc.sheet(w.sheet)?.name;
      if (!real) throw new Error(`sheet ${w.sheet} not found`);
      let list = bySheet.get(real);
      if (!list) bySheet.set(real, (list = []));
      w.values.forEach((row, i) =>
        row.forEach((value, j) => {
          list!.push({ row: w.row + i, col: w.col + j, cell: w.numberFormat ? { value, numFmt: w.numberFormat } : value });
        }),
      );
    }
    for (const [sheet, cells] of bySheet) this.doc.setCells(sheet, cells);
  }

  async writeFormats(formats: FormatWrite[]): Promise<void> {
    for (const f of formats) {
      const real = this.doc.sheet(f.sheet)?.name;
      if (real) this.doc.setFills(real, f.ranges, f.fill);
    }
  }

  toBytes(): Uint8Array {
    return this.doc.toBytes();
  }
}
