/**
 * An .xlsx as an OPC package: its parts by name, its relationships and content types, and the workbook's
 * sheet list (names, order and parts, whatever the parts are called). Browser-safe.
 *
 * Opening a file only reads the zip's central directory; a part is decompressed when it is asked for,
 * so drawings, charts, pivot caches, VML and media are never decompressed, let alone parsed.
 */
import { SaxesParser } from 'saxes';
import { ZipError, entryData, makeEntry, readZip, writeZip, type ZipEntry } from './zip';

/** Why a file is not an .xlsx the product can read. */
export type XlsxProblem = 'empty' | 'ole' | 'ods' | 'not-zip' | 'truncated' | 'not-workbook' | 'unsupported' | 'damaged';

export class XlsxError extends Error {
  constructor(readonly problem: XlsxProblem, readonly detail: string) {
    super(`${problem}: ${detail}`);
  }
}

/** One clear line per problem, Indonesian and English (the CLI adds the file name, the browser host shows it as it is). */
export function xlsxProblemMessage(problem: XlsxProblem, file: string, lang: 'id' | 'en'): string {
  const save = lang === 'en' ? 'open it in Excel and save it again as "Excel Workbook (*.xlsx)"' : 'buka di Excel lalu simpan ulang sebagai "Excel Workbook (*.xlsx)"';
  const id: Record<XlsxProblem, string> = {
    empty: `${file} kosong (0 byte): bukan buku kerja; salin lagi dari sumbernya`,
    ole: `${file} dilindungi kata sandi atau berformat .xls lama; buka di Excel, hapus kata sandinya (atau simpan sebagai .xlsx), lalu coba lagi`,
    ods: `${file} adalah buku kerja LibreOffice/OpenDocument (.ods); Mutasi membaca .xlsx: di LibreOffice pilih File › Simpan Sebagai › "Excel 2007-365 (.xlsx)", lalu pakai berkas .xlsx itu`,
    'not-zip': `${file} bukan buku kerja .xlsx (mis. CSV, gambar atau PDF yang diberi nama .xlsx); ${save}`,
    truncated: `${file} tidak dapat dibaca sebagai .xlsx: berkas rusak (mis. terpotong saat disalin atau diunduh); ${save}, atau salin lagi dari sumbernya`,
    'not-workbook': `${file} adalah berkas Office, tetapi bukan buku kerja Excel (mis. dokumen Word); ${save}`,
    unsupported: `${file} memakai format zip yang tidak didukung (ZIP64 atau terenkripsi); ${save}`,
    damaged: `${file} tidak dapat dibaca sebagai .xlsx: isinya rusak; ${save}, atau salin lagi dari sumbernya`,
  };
  const en: Record<XlsxProblem, string> = {
    empty: `${file} is empty (0 bytes): not a workbook; copy it again from its source`,
    ole: `${file} is password-protected or in the old .xls format; open it in Excel, remove the password (or save it as .xlsx), then try again`,
    ods: `${file} is a LibreOffice/OpenDocument workbook (.ods); Mutasi reads .xlsx: in LibreOffice choose File › Save As › "Excel 2007-365 (.xlsx)" and use that file`,
    'not-zip': `${file} is not an .xlsx workbook (e.g. a CSV, image or PDF named .xlsx); ${save}`,
    truncated: `${file} cannot be read as .xlsx: the file is damaged (e.g. cut short while copied or downloaded); ${save}, or copy it again from its source`,
    'not-workbook': `${file} is an Office file but not an Excel workbook (e.g. a Word document); ${save}`,
    unsupported: `${file} uses an unsupported zip format (ZIP64 or encrypted); ${save}`,
    damaged: `${file} cannot be read as .xlsx: its content is damaged; ${save}, or copy it again from its source`,
  };
  return (lang === 'en' ? en : id)[problem];
}

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
};
export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
};
export const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
};

export interface Relationship {
  id: string;
  type: string;
  /** The target as written. */
  target: string;
  /** The target resolved to a part name (no leading slash); null for an external target. */
  part: string | null;
}

export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  /** The worksheet's part name, e.g. xl/worksheets/sheet1.xml (or anything a writer chose). */
  part: string;
  /** worksheet, chartsheet, dialogsheet or macrosheet. */
  kind: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Local name of a possibly prefixed XML name. */
export const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** A non-validating pass over XML with local names (prefixes dropped); small parts only. */
export function walkXml(
  xml: string,
  open: (name: string, attrs: Record<string, string>) => void,
  close?: (name: string) => void,
  text?: (t: string) => void,
): void {
  const p = new SaxesParser({ position: false });
  p.on('opentag', (n) => open(local(n.name), n.attributes as Record<string, string>));
  if (close) p.on('closetag', (n) => close(local(n.name)));
  if (text) {
    p.on('text', text);
    p.on('cdata', text);
  }
  p.on('error', (e) => {
    throw new XlsxError('damaged', e.message);
  });
  p.write(xml).close();
}

export function dirOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i + 1);
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPartOf(part: string): string {
  return `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;
}

/** A relationship target resolved against its source part's folder. */
export function resolveTarget(source: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : dirOf(source) + target;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** Decoded parts up to this size (uncompressed bytes) are kept for the next text() of the same part. */
const TEXT_KEPT_MAX = 8 << 20;

/** The zip entries of a workbook, decompressed on demand, with the changes made to them. */
export class OpcPackage {
  private readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  /** Parts changed or added, as text (written back on toBytes). */
  private readonly changed = new Map<string, string>();
  private readonly removed = new Set<string>();
  /** Decompressed bytes of untouched entries handed in by the caller (provide), each used once. */
  private readonly provided = new Map<string, Uint8Array>();
  /**
   * Untouched parts' text once decoded: a part read and then written (propose reads the Usulan sheet,
   * then patches it; the namespace prefix is looked up in it too) is decompressed and decoded once,
   * not each time (on the benchmark workbook a cold re-inflate of the Usulan sheet cost 50 ms). Parts
   * larger than TEXT_KEPT_MAX are not kept (a 40,000-row Pegawai sheet is 35 MB of text, read once).
   */
  private readonly texts = new Map<string, string>();

  constructor(bytes: Uint8Array) {
    if (bytes.length === 0) throw new XlsxError('empty', 'empty file');
    if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) throw new XlsxError('ole', 'OLE compound file');
    try {
      this.entries = readZip(bytes);
    } catch (e) {
      if (e instanceof ZipError) throw new XlsxError(e.problem === 'not-zip' ? 'not-zip' : e.problem === 'truncated' ? 'truncated' : 'unsupported', e.message);
      throw e;
    }
    for (const e of this.entries) this.byName.set(e.name, e);
    const mimetype = this.byName.get('mimetype');
    if (mimetype && this.text('mimetype')?.includes('opendocument')) throw new XlsxError('ods', 'OpenDocument package');
    if (!this.byName.has('[Content_Types].xml')) throw new XlsxError('not-workbook', 'no [Content_Types].xml');
  }

  has(name: string): boolean {
    return !this.removed.has(name) && (this.changed.has(name) || this.byName.has(name));
  }

  /** Every part name, in zip order (added parts last). */
  names(): string[] {
    const out = this.entries.map((e) => e.name).filter((n) => !this.removed.has(n));
    for (const n of this.changed.keys()) if (!this.byName.has(n)) out.push(n);
    return out;
  }

  bytes(name: string): Uint8Array | null {
    if (this.removed.has(name)) return null;
    const c = this.changed.get(name);
    if (c !== undefined) return encoder.encode(c);
    const e = this.byName.get(name);
    return e ? this.data(e) : null;
  }

  /** A part as UTF-8 text (a leading BOM dropped), or null when absent. */
  text(name: string): string | null {
    if (this.removed.has(name)) return null;
    const c = this.changed.get(name);
    if (c !== undefined) return c;
    const known = this.texts.get(name);
    if (known !== undefined) return known;
    const e = this.byName.get(name);
    if (!e) return null;
    const s = decodeXml(this.data(e));
    if (e.size <= TEXT_KEPT_MAX) this.texts.set(name, s);
    return s;
  }

  /**
   * The zip entry of a part as it is in the file (null when the part was changed, removed or is
   * absent): for a caller that decompresses it elsewhere — Node's zlib on its thread pool, in the
   * CLI — and hands the bytes back with provide().
   */
  entry(name: string): ZipEntry | null {
    if (this.removed.has(name) || this.changed.has(name)) return null;
    return this.byName.get(name) ?? null;
  }

  /**
   * The decompressed bytes of an untouched entry, decompressed by the caller; the next bytes() or
   * text() of that part uses them (once) instead of decompressing it here. The caller vouches for
   * them: only bytes of exactly the entry's size are taken.
   */
  provide(name: string, data: Uint8Array): void {
    const e = this.entry(name);
    if (e && e.method === 8 && data.length === e.size) this.provided.set(name, data);
  }

  private data(e: ZipEntry): Uint8Array {
    const d = this.provided.get(e.name);
    if (d === undefined) return entryData(e);
    this.provided.delete(e.name);
    return d;
  }

  /** Writes (or adds) a part. */
  set(name: string, text: string): void {
    this.removed.delete(name);
    this.provided.delete(name);
    this.texts.delete(name);
    this.changed.set(name, text);
  }

  remove(name: string): void {
    this.changed.delete(name);
    this.provided.delete(name);
    this.texts.delete(name);
    if (this.byName.has(name)) this.removed.add(name);
  }

  /** Parts written or removed since opening (what the writer owns in this save). */
  touched(): { changed: string[]; removed: string[] } {
    return { changed: [...this.changed.keys()], removed: [...this.removed] };
  }

  /** The package as .xlsx bytes: untouched entries copied with their compressed bytes as they were. */
  toBytes(): Uint8Array {
    const out: ZipEntry[] = [];
    for (const e of this.entries) {
      if (this.removed.has(e.name)) continue;
      const c = this.changed.get(e.name);
      out.push(c === undefined ? e : makeEntry(e.name, encoder.encode(c), e));
    }
    for (const [n, c] of this.changed) if (!this.byName.has(n)) out.push(makeEntry(n, encoder.encode(c)));
    // [Content_Types].xml first, as Office writes it (some readers insist).
    out.sort((a, b) => (a.name === '[Content_Types].xml' ? -1 : b.name === '[Content_Types].xml' ? 1 : 0));
    return writeZip(out);
  }

  relationships(source: string): Relationship[] {
    const xml = this.text(source === '' ? '_rels/.rels' : relsPartOf(source));
    if (!xml) return [];
    const out: Relationship[] = [];
    walkXml(xml, (name, a) => {
      if (name !== 'Relationship' || !a.Id || !a.Target) return;
      const external = a.TargetMode === 'External';
      out.push({ id: a.Id, type: a.Type ?? '', target: a.Target, part: external ? null : resolveTarget(source, a.Target) });
    });
    return out;
  }

  /** The workbook part (the package's officeDocument), whatever its name. */
  workbookPart(): string {
    const rel = this.relationships('').find((r) => r.type === REL.officeDocument || r.type.endsWith('/officeDocument'));
    const part = rel?.part ?? (this.has('xl/workbook.xml') ? 'xl/workbook.xml' : null);
    if (!part || !this.has(part)) throw new XlsxError('not-workbook', 'no workbook part');
    const types = this.text('[Content_Types].xml') ?? '';
    if (/wordprocessingml|presentationml/.test(types) && !/spreadsheetml/.test(types)) throw new XlsxError('not-workbook', 'not a spreadsheet');
    return part;
  }
}

/** UTF-8 (or UTF-16 with a BOM) bytes of an XML part as a string without BOM. */
export function decodeXml(b: Uint8Array): string {
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
    return new TextDecoder(b[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(b).replace(/^\uFEFF/, '');
  }
  const s = decoder.decode(b);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
