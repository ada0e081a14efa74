/**
 * Filling a template: docxtemplater on a PizZip of the template's bytes, values XML-escaped by the engine
 * (a name like `<b>` or `=HYPERLINK(…)` stays text), then the verification QR code (qrcode) put in place
 * of the template's image whose alternative text is "QR Verifikasi". The output is deterministic — the
 * zip's file dates are the day of issue — so the same document issued again is the same bytes and the
 * same SHA-256.
 *
 * `inspectTemplate` is the check an office template passes before the server keeps it: it opens, every
 * tag is closed and is a documented placeholder (placeholders.ts), and it has the QR image.
 */
import zlib from 'node:zlib';
import Docxtemplater from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import PizZip from 'pizzip';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { SaxesParser } from 'saxes';
import { allowedTags, QR_ALT_TEXT, type DocumentKind } from './placeholders';

/** A template that cannot be used, with every reason (Indonesian, naming the tag or the part). */
export class TemplateProblem extends Error {
  constructor(
    readonly kind: DocumentKind,
    readonly fileName: string,
    readonly problems: string[],
  ) {
    super(`Templat ${kind} (${fileName}) tidak dapat dipakai: ${problems.join('; ')}`);
    this.name = 'TemplateProblem';
  }
}

interface DocxError {
  properties?: { errors?: DocxError[]; explanation?: string; id?: string; xtag?: string };
  message?: string;
}

function openZip(kind: DocumentKind, fileName: string, bytes: Buffer): PizZip {
  try {
    const zip = new PizZip(bytes);
    if (!zip.file('word/document.xml')) throw new Error('no word/document.xml');
    return zip;
  } catch {
    throw new TemplateProblem(kind, fileName, ['berkas tidak dapat dibuka sebagai dokumen Word (.docx); simpan ulang dari Word sebagai "Dokumen Word (*.docx)"']);
  }
}

function engineProblems(e: unknown): string[] {
  const err = e as DocxError;
  const list = err.properties?.errors ?? [err];
  return list.map((x) => {
    const tag = x.properties?.xtag ? ` (penanda "${x.properties.xtag}")` : '';
    const what: Record<string, string> = {
      unclosed_tag: 'kurung kurawal penanda tidak ditutup',
      unopened_tag: 'kurung kurawal penutup tanpa pembuka',
      unclosed_loop: 'bagian {#…} tidak ditutup dengan {/…}',
      unopened_loop: 'penutup {/…} tanpa pembuka {#…}',
      closing_tag_does_not_match_opening_tag: 'penutup {/…} tidak sama dengan pembukanya',
      duplicate_open_tag: 'kurung kurawal pembuka ganda',
      duplicate_close_tag: 'kurung kurawal penutup ganda',
      file_has_invalid_xml: 'isi berkas bukan XML yang sah (berkas rusak); buka dan simpan ulang di Word sebagai "Dokumen Word (*.docx)"',
      malformed_xml: 'isi berkas bukan XML yang sah (berkas rusak); buka dan simpan ulang di Word sebagai "Dokumen Word (*.docx)"',
    };
    return `${what[x.properties?.id ?? ''] ?? x.properties?.explanation ?? x.message ?? 'galat templat'}${tag}`;
  });
}

/** Tags of a parsed template, with the section each is in. */
function walk(parts: Docxtemplater.DXT.Part[], section: string | null, out: { tag: string; section: string | null; isSection: boolean }[]): void {
  for (const p of parts) {
    if (p.type !== 'placeholder') continue;
    const isSection = p.module === 'loop';
    out.push({ tag: p.value, section, isSection });
    if (p.subparsed) walk(p.subparsed, isSection ? p.value : section, out);
  }
}

/** Where the QR image is: the media file of every drawing whose alt text (descr, title or name) is QR_ALT_TEXT. */
function qrTargets(zip: PizZip, part = 'word/document.xml'): string[] {
  const xml = zip.file(part)?.asText() ?? '';
  const relsXml = zip.file(part.replace(/([^/]+)$/, '_rels/$1.rels'))?.asText() ?? '';
  const out: string[] = [];
  for (const m of xml.matchAll(/<w:drawing\b[\s\S]*?<\/w:drawing>/g)) {
    const drawing = m[0];
    const docPr = /<wp:docPr\b[^>]*>/.exec(drawing)?.[0] ?? '';
    if (!docPr.includes(`"${QR_ALT_TEXT}"`)) continue;
    const embed = /r:embed="([^"]+)"/.exec(drawing)?.[1];
    if (!embed) continue;
    const rel = new RegExp(`<Relationship\\b[^>]*\\bId="${embed}"[^>]*>`).exec(relsXml)?.[0];
    const target = rel && /Target="([^"]+)"/.exec(rel)?.[1];
    if (target) out.push(target.startsWith('/') ? target.slice(1) : `word/${target}`);
  }
  return out;
}

export interface TemplateInfo {
  tags: string[];
  hasQr: boolean;
}

/**
 * The XML parts that are not well-formed, each with where (Word refuses to open such a file; the engine
 * passes over some of it): "word/document.xml baris 2 kolom 7: …".
 */
function malformedParts(zip: PizZip): string[] {
  const out: string[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/i.test(n) && !zip.files[n]!.dir)) {
    const parser = new SaxesParser({ xmlns: false });
    let problem: string | null = null;
    parser.on('error', (e) => {
      problem ??= `${name} baris ${parser.line} kolom ${parser.column}: ${e.message.replace(/^(?:\S*:)?\d+:\d+: /, '')}`;
    });
    try {
      parser.write(zip.file(name)!.asText()).close();
    } catch (e) {
      problem ??= `${name}: ${(e as Error).message}`;
    }
    if (problem) out.push(problem);
  }
  return out;
}

/** Checks a template for a kind; throws TemplateProblem with every reason. */
export function inspectTemplate(kind: DocumentKind, fileName: string, bytes: Buffer): TemplateInfo {
  const zip = openZip(kind, fileName, bytes);
  const broken = malformedParts(zip);
  if (broken.length > 0) {
    throw new TemplateProblem(kind, fileName, [`berkas rusak, Word tidak dapat membukanya — bagian yang bukan XML yang sah: ${broken.slice(0, 3).join('; ')}${broken.length > 3 ? ` dan ${broken.length - 3} lainnya` : ''}`]);
  }
  const inspect = new InspectModule();
  try {
    new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, errorLogging: false, modules: [inspect] });
  } catch (e) {
    throw new TemplateProblem(kind, fileName, engineProblems(e));
  }
  const found: { tag: string; section: string | null; isSection: boolean }[] = [];
  walk(inspect.getAllStructuredTags(), null, found);
  const allowed = allowedTags(kind);
  const unknown = new Set<string>();
  for (const f of found) {
    const ok = allowed.top.has(f.tag) || (f.section !== null && (allowed.inner.get(f.section)?.has(f.tag) ?? false));
    if (!ok) unknown.add(f.tag);
  }
  const problems: string[] = [];
  if (unknown.size > 0) {
    problems.push(
      `penanda tidak dikenal: ${[...unknown].map((t) => `{${t}}`).join(', ')} (penanda yang dikenal untuk ${kind}: ${[...allowed.top].map((t) => `{${t}}`).join(', ')}; lihat docs/documents.md)`,
    );
  }
  const targets = qrTargets(zip);
  const hasQr = targets.length > 0;
  const notPng = targets.filter((t) => !/\.png$/i.test(t));
  if (notPng.length > 0) problems.push(`gambar "${QR_ALT_TEXT}" harus berformat PNG (kini ${notPng.join(', ')})`);
  if (!hasQr) problems.push(`tidak ada gambar berteks alternatif "${QR_ALT_TEXT}" untuk kode QR verifikasi (sisipkan gambar apa saja dan isi teks alternatifnya "${QR_ALT_TEXT}")`);
  if (problems.length > 0) throw new TemplateProblem(kind, fileName, problems);
  return { tags: [...new Set(found.map((f) => f.tag))], hasQr };
}

export interface RenderInput {
  kind: DocumentKind;
  fileName: string;
  template: Buffer;
  values: Record<string, unknown>;
  /** The verification address for the QR; null on drafts (no QR). */
  qrUrl: string | null;
  /** The zip entries' date: the day of issue, so equal content gives equal bytes. */
  date: Date;
}

/**
 * Speed (bench/documents.bench.ts): pizzip inflates and deflates with pako, in JavaScript. The template
 * is kept uncompressed (STORE) once, so opening it for each document inflates nothing, and each document
 * is deflated by Node's zlib through pizzip's compression table (a method of its own name, the standard
 * DEFLATE method id: the output is an ordinary .docx). About twice as fast a document.
 */
const NODE_DEFLATE = 'NODE_DEFLATE';
const compressions = (PizZip as unknown as { compressions: Record<string, unknown> }).compressions;
compressions[NODE_DEFLATE] ??= {
  magic: '\x08\x00',
  compress: (input: Uint8Array, o: { level?: number } | null) => zlib.deflateRawSync(input, { level: o?.level ?? 6 }),
  uncompress: (input: Uint8Array) => zlib.inflateRawSync(input),
  compressInputType: 'uint8array',
  uncompressInputType: 'uint8array',
};

const stored = new WeakMap<Buffer, Buffer>();
/** The template with every part uncompressed (cached per template buffer). */
function storedTemplate(kind: DocumentKind, fileName: string, bytes: Buffer): Buffer {
  let s = stored.get(bytes);
  if (!s) {
    s = openZip(kind, fileName, bytes).generate({ type: 'nodebuffer', compression: 'STORE' }) as Buffer;
    stored.set(bytes, s);
  }
  return s;
}

/** A 1×1 transparent PNG. */
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/**
 * The QR code: the symbol from `qrcode` (error correction M), drawn 4 px a module with a one-module
 * margin (≈ 150 dpi at the templates' 2.4 cm) and written by pngjs as an 8-bit grey, unfiltered PNG,
 * synchronously — several times faster than qrcode's own streaming PNG output.
 */
export function qrPng(url: string): Buffer {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const scale = 4;
  const margin = 1;
  const n = modules.size;
  const size = (n + 2 * margin) * scale;
  const data = Buffer.alloc(size * size, 0xff);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!modules.get(r, c)) continue;
      const y0 = (r + margin) * scale;
      const x0 = (c + margin) * scale;
      for (let y = y0; y < y0 + scale; y++) data.fill(0, y * size + x0, y * size + x0 + scale);
    }
  }
  const png = new PNG({ width: size, height: size });
  png.data = data;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, filterType: 0 });
}

const ENGINE_OPTIONS = { paragraphLoop: true, linebreaks: true, errorLogging: false, nullGetter: () => '' } as const;

/**
 * Fills a template the plain way: a new docxtemplater (which parses the whole template) for this one
 * document. The reference for `renderDocx`, which gives the same bytes (test/documents/render.test.ts).
 */
export function renderDocxFresh(input: RenderInput): Buffer {
  const zip = openZip(input.kind, input.fileName, storedTemplate(input.kind, input.fileName, input.template));
  // Found before filling: on a draft the engine removes the {#verifikasi} section, drawing and all.
  const targets = qrTargets(zip);
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, { ...ENGINE_OPTIONS });
    doc.render(input.values);
  } catch (e) {
    throw new TemplateProblem(input.kind, input.fileName, engineProblems(e));
  }
  return finish(doc.getZip() as PizZip, targets, input);
}

/** The QR picture in place, every entry dated the day of issue, deflated. */
function finish(out: PizZip, targets: string[], input: RenderInput): Buffer {
  // A draft keeps no QR picture, not even the template's stand-in, in its media.
  const png = input.qrUrl ? qrPng(input.qrUrl) : BLANK_PNG;
  for (const target of targets) out.file(target, png);
  for (const f of Object.values(out.files)) f.date = input.date;
  return out.generate({ type: 'nodebuffer', compression: NODE_DEFLATE as 'DEFLATE', compressionOptions: { level: 6 } }) as Buffer;
}

/**
 * A template made ready once for many documents (bench/documents.bench.ts: parsing the template was about
 * a third of a document's time, deflating its unchanged parts another sixth):
 *  - `engine`: docxtemplater constructed (the template lexed, parsed and checked) once;
 *  - `parts`: the template with every part deflated once by Node's zlib, the same bytes each document's
 *    deflate would give: pizzip copies a part's compressed bytes as they are when nothing changed it
 *    (generate reuses a loaded entry whose compression method matches), so a document deflates only the
 *    parts the engine wrote, and the QR picture;
 *  - `targets`: the QR picture's media parts.
 */
interface Prepared {
  engine: Docxtemplater;
  parts: PizZip;
  targets: string[];
}

const preparedOf = new WeakMap<Buffer, Prepared>();

function prepare(kind: DocumentKind, fileName: string, bytes: Buffer): Prepared {
  let p = preparedOf.get(bytes);
  if (p) return p;
  const storedBytes = storedTemplate(kind, fileName, bytes);
  const zip = openZip(kind, fileName, storedBytes);
  const targets = qrTargets(zip);
  let engine: Docxtemplater;
  try {
    engine = new Docxtemplater(zip, { ...ENGINE_OPTIONS });
  } catch (e) {
    throw new TemplateProblem(kind, fileName, engineProblems(e));
  }
  const deflated = openZip(kind, fileName, storedBytes).generate({ type: 'nodebuffer', compression: NODE_DEFLATE as 'DEFLATE', compressionOptions: { level: 6 } }) as Buffer;
  p = { engine, parts: new PizZip(deflated), targets };
  preparedOf.set(bytes, p);
  return p;
}

/** The docxtemplater state one render writes (docxtemplater.js render(), xml-templater.js render()). */
interface EngineState {
  zip: PizZip;
  rendered: boolean;
  scopeManagers: Record<string, unknown>;
  errors: unknown[];
  mapper?: unknown;
  compiled: Record<string, object>;
}

/**
 * Fills a template; the .docx bytes. The template is parsed once (`prepare`, cached per template buffer)
 * and each document renders on a view of it: docxtemplater has no public "compile once, render many", so
 * each document gets objects whose prototypes are the compiled engine and its compiled parts, with their
 * own copies of what a render writes (the zip, `rendered`, the scope managers, each part's output) —
 * the compiled parts themselves are only read. A render is synchronous, so the engine's modules are never
 * shared by two documents at once. The bytes are those of `renderDocxFresh` (tested on every kind, with
 * sections, loops, drafts and hostile values, in one sequence).
 */
export async function renderDocx(input: RenderInput): Promise<Buffer> {
  return renderDocxSync(input);
}

export function renderDocxSync(input: RenderInput): Buffer {
  const p = prepare(input.kind, input.fileName, input.template);
  const zip = new PizZip();
  const files: Record<string, PizZip.ZipObject> = {};
  // Each entry a view of the prepared one (its own date; compressed bytes shared, never decompressed).
  for (const [name, f] of Object.entries(p.parts.files)) files[name] = Object.create(f) as PizZip.ZipObject;
  zip.files = files;
  const base = p.engine as unknown as EngineState;
  const doc = Object.create(p.engine) as Docxtemplater & EngineState;
  doc.zip = zip;
  doc.rendered = false;
  doc.scopeManagers = {};
  doc.errors = [];
  doc.compiled = Object.fromEntries(Object.entries(base.compiled).map(([name, part]) => [name, Object.create(part) as object]));
  try {
    doc.render(input.values);
  } catch (e) {
    throw new TemplateProblem(input.kind, input.fileName, engineProblems(e));
  }
  return finish(zip, p.targets, input);
}
