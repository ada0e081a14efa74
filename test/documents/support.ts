/**
 * The real readers for generated documents: LibreOffice headless (its own profile for this process) to
 * turn .docx into text and PDF, pdftoppm for a page image, and jsQR to read a QR code from pixels.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import PizZip from 'pizzip';
import { PNG } from 'pngjs';

const PROFILE = `file://${mkdtempSync(path.join(tmpdir(), 'lo-profile-documents-'))}`;

/** Converts files (one LibreOffice run for all) to `format` ('txt:Text' or 'pdf'); the output paths, in order. */
export function convert(files: string[], format: 'txt:Text' | 'pdf'): string[] {
  const outDir = mkdtempSync(path.join(tmpdir(), 'mutasi-lo-out-'));
  execFileSync('soffice', ['--headless', `-env:UserInstallation=${PROFILE}`, '--convert-to', format, '--outdir', outDir, ...files], { stdio: 'pipe', timeout: 240_000 });
  const ext = format === 'pdf' ? '.pdf' : '.txt';
  return files.map((f) => path.join(outDir, path.basename(f).replace(/\.docx$/i, ext)));
}

/** Writes docx bytes to temp files and returns LibreOffice's text of each (throws when a file does not open). */
export function textsOf(docs: { name: string; bytes: Buffer }[]): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-docx-'));
  const paths = docs.map((d, i) => {
    const p = path.join(dir, `${String(i).padStart(4, '0')}-${d.name.replace(/[^\w.-]+/g, '_')}`);
    writeFileSync(p, d.bytes);
    return p;
  });
  return convert(paths, 'txt:Text').map((p) => readFileSync(p, 'utf8').replace(/^\uFEFF/, ''));
}

/** One page of a PDF as PNG (pdftoppm), at `dpi`. */
export function pageImage(pdf: string, page = 1, dpi = 150): string {
  const base = path.join(path.dirname(pdf), `page-${page}`);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), pdf, base], { stdio: 'pipe' });
  const name = readdirSync(path.dirname(pdf)).find((f) => f.startsWith(`page-${page}`) && f.endsWith('.png'))!;
  return path.join(path.dirname(pdf), name);
}

export function decodeQrPng(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null;
}

/** The QR image embedded in a .docx (every PNG under word/media), decoded; the texts found. */
export function qrInDocx(bytes: Buffer): string[] {
  const zip = new PizZip(bytes);
  return Object.keys(zip.files)
    .filter((n) => /^word\/media\/.*\.png$/i.test(n))
    .map((n) => decodeQrPng(Buffer.from(zip.file(n)!.asUint8Array())))
    .filter((x): x is string => x !== null);
}

/** LibreOffice's text puts table cells on lines of their own: one line of words for assertions. */
export const flat = (s: string) => s.replace(/\s+/g, ' ');
