/**
 * The corpus of real workbooks from other writers (test/fixtures/writers/, see its README) and the
 * helpers the fidelity tests use: the contract sheets of a small demo agency put into each file, part by
 * part comparison, and LibreOffice headless.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDemo } from '../../sync-server/xlsx/demo';
import type { SheetData } from '../../shared/workbook/gateway';
import { readXlsx } from '../../shared/xlsx/read';
import { XlsxDocument } from '../../shared/xlsx/write';
import { entryData, readZip } from '../../shared/xlsx/zip';

export const CORPUS_DIR = path.join(__dirname, '../fixtures/writers');

/** Files from public test suites (and LibreOffice), without the contract sheets: they get them inserted. */
export const FOREIGN = [
  { file: '45544.xlsx', covers: 'Excel: charts, comments + VML, printer settings' },
  { file: '47813.xlsx', covers: 'Excel for Mac: chart sheet, the 1904 date system' },
  { file: '48962.xlsx', covers: 'Excel for Mac: the 1904 date system' },
  { file: '54436.xlsx', covers: 'Excel: pivot table, printer settings' },
  { file: '55745.xlsx', covers: 'Excel: table, comments + VML' },
  { file: '56644.xlsx', covers: 'Excel: picture, comments + VML, data validation, defined names' },
  { file: '57171_57163_57165.xlsx', covers: 'Excel: pictures, six sheets' },
  { file: '59021.xlsx', covers: 'a writer naming its parts its own way, no shared strings' },
  { file: '59746_NoRowNums.xlsx', covers: 'rows and cells without r attributes, parts not named sheetN.xml, inline strings' },
  { file: '60255_extra_drawingparts.xlsx', covers: 'Excel: chart sheet and extra drawing parts' },
  { file: '61652.xlsx', covers: 'Excel: data validation, conditional formats, defined names' },
  { file: '62272.xlsx', covers: 'LibreOffice 7.3' },
  { file: '64750.xlsx', covers: 'Google Sheets export: workbook part after the sheets, data validation' },
  { file: 'ExcelPivotTableSample.xlsx', covers: 'Excel: pivot table and its cache' },
];

/** Files that carry the contract sheets themselves (the same rows as test/addin/support/e2e-workbook.ts). */
export const WITH_CONTRACT = [
  { file: 'openpyxl-chart.xlsx', covers: 'openpyxl 3.1 (make-openpyxl.py): workbook part after the sheets, inline strings, a chart' },
  { file: 'libreoffice-chart.xlsx', covers: 'LibreOffice 7.4 (soffice --convert-to xlsx of openpyxl-chart.xlsx): shared strings, a chart, custom properties' },
];

export const CONTRACT = ['Pegawai', 'Jabatan', 'Usulan', 'Aturan'];

let demo: { bytes: Uint8Array; sheets: SheetData[] } | null = null;

/** A small demo agency (300 staff) as an .xlsx, and its contract sheets as the reader sees them. */
export async function demoBook(): Promise<{ bytes: Uint8Array; sheets: SheetData[] }> {
  if (demo) return demo;
  const wb = await generateDemo({ employees: 300, seed: 11 });
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const { sheets } = readXlsx(bytes, (n) => CONTRACT.includes(n));
  demo = { bytes, sheets };
  return demo;
}

/** A corpus file with the contract sheets added as new worksheet parts (every part it had stays as it was). */
export function withContract(file: Uint8Array, sheets: SheetData[]): Uint8Array {
  const doc = XlsxDocument.open(file);
  for (const s of sheets) {
    const rows = s.values.map((r) => r.map((v) => (v instanceof Date ? { value: v, numFmt: 'dd/mm/yyyy' } : typeof v === 'string' && /^\d{8,}$/.test(v) ? { value: v, numFmt: '@' } : v)));
    doc.putSheet(s.name, { rows });
  }
  return doc.toBytes();
}

/** Every part of a zip, decompressed. */
export function parts(bytes: Uint8Array): Map<string, Buffer> {
  return new Map(readZip(bytes).map((e) => [e.name, Buffer.from(entryData(e))]));
}

/** Parts of `before` that differ in `after` or are gone from it (added parts are listed apart). */
export function diffParts(before: Uint8Array, after: Uint8Array): { changed: string[]; removed: string[]; added: string[] } {
  const a = parts(before);
  const b = parts(after);
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [n, x] of a) {
    const y = b.get(n);
    if (!y) removed.push(n);
    else if (!x.equals(y)) changed.push(n);
  }
  return { changed, removed, added: [...b.keys()].filter((n) => !a.has(n)) };
}

/** The worksheet part of a sheet, by name. */
export function sheetPart(bytes: Uint8Array, name: string): string {
  const doc = XlsxDocument.open(bytes);
  return doc.sheet(name)!.part;
}

/**
 * Converts .xlsx files to CSV with LibreOffice headless, every sheet of each (LibreOffice 7.2+:
 * `<name>-<Sheet>.csv`), in one soffice run with a profile of its own. Returns the output folder.
 */
export function libreOfficeCsv(files: string[], outDir: string, profile: string): { dir: string; status: number | null; stderr: string } {
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', outDir, ...files],
    { encoding: 'utf8', timeout: 600_000 },
  );
  return { dir: outDir, status: r.status, stderr: r.stderr };
}

/** A CSV LibreOffice wrote, as rows of fields (quotes handled). */
export function readCsv(file: string): string[][] {
  const text = readFileSync(file, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

export function listCsv(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.csv'));
}

export function write(file: string, bytes: Uint8Array): string {
  writeFileSync(file, bytes);
  return file;
}
