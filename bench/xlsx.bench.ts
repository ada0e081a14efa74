/**
 * Issue 12: how the product's .xlsx reader and writer were chosen, measured again in every run on the
 * 40,000-staff workbook (bench/workbook-cache.ts): the sheets check reads (Pegawai, Jabatan, Usulan,
 * Aturan) with
 *   - exceljs's streaming reader (the reference: what check used before),
 *   - fflate + the sheetData scanner (shared/xlsx, the chosen reader; saxes for the small parts), split
 *     into unzip and XML,
 *   - fflate + saxes for the sheets too (the general parser the scanner is tested against),
 *   - JSZip for the zip half,
 *   - SheetJS (`@e965/xlsx` 0.20.3, a devDependency for this comparison only),
 * and the surgical writer's save of a copy with 5,000 Usulan rows appended against exceljs's save.
 * Then the issue's yardstick for the whole command: `propose --out` on the same file, split into read /
 * plan (check + candidates + solve + explanations) / write (in process, proposeFile: what the CLI
 * runs), and the whole CLI spawned (`node bin/mutasi.cjs propose <file> --out <tmp>`: process start,
 * the precompiled command line, printing) against the chosen reader's read time — goal: the whole CLI ≤ 2× that read. The
 * machine may be shared: the CLI's CPU time (user + system) is printed beside its wall time, and the
 * ratios use figures of the same run. Memory: the CLI's peak resident set.
 * Nothing is asserted; the figures are printed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sheetsToRead } from '../shared/workbook/reader';
import { OpcPackage } from '../shared/xlsx/package';
import { readDateStyles, readSharedStrings, readWorksheet, readWorksheetSax, workbookInfo } from '../shared/xlsx/read';
import { XlsxDocument } from '../shared/xlsx/write';
import { proposeFile } from '../sync-server/cli/commands/propose';
import { readSheetsStreaming } from '../sync-server/xlsx/exceljs-gateway';
import { benchWorkbook } from './workbook-cache';
import { bestCliRun } from './cli-run';

const s = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;
const known = (name: string) => sheetsToRead([name]).length > 0;

async function best(n: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  let ms = Infinity;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}

async function exceljsSave(bytes: Uint8Array): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return best(1, () => wb.xlsx.writeBuffer());
}

export default async function bench(): Promise<void> {
  const file = await benchWorkbook();
  const bytes = new Uint8Array(readFileSync(file));

  const reference = await best(2, () => readSheetsStreaming(file, known));

  // fflate + saxes, in two halves: the zip (central directory + inflating the parts read) and the XML.
  let unzipMs = Infinity;
  let xmlMs = Infinity;
  let saxMs = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const pkg = new OpcPackage(bytes);
    const info = workbookInfo(pkg);
    const wanted = info.sheets.filter((x) => known(x.name));
    const texts = wanted.map((x) => pkg.text(x.part)!);
    const sst = info.sharedStringsPart ? pkg.text(info.sharedStringsPart)! : null;
    const styles = info.stylesPart ? pkg.text(info.stylesPart)! : null;
    const t1 = performance.now();
    const ctx = { shared: sst ? readSharedStrings(sst) : [], dateStyles: styles ? readDateStyles(styles) : [], date1904: info.date1904 };
    wanted.forEach((x, k) => readWorksheet(texts[k]!, x.name, ctx));
    const t2 = performance.now();
    unzipMs = Math.min(unzipMs, t1 - t0);
    xmlMs = Math.min(xmlMs, t2 - t1);
    if (i < 2) {
      const t3 = performance.now();
      const ctx2 = { shared: sst ? readSharedStrings(sst) : [], dateStyles: styles ? readDateStyles(styles) : [], date1904: info.date1904 };
      wanted.forEach((x, k) => readWorksheetSax(texts[k]!, x.name, ctx2));
      saxMs = Math.min(saxMs, performance.now() - t3);
    }
  }

  // JSZip for the zip half (the XML half is the same saxes pass).
  const jszipMs = await best(2, async () => {
    const zip = await JSZip.loadAsync(bytes);
    const pkg = new OpcPackage(bytes);
    const info = workbookInfo(pkg);
    const parts = [...info.sheets.filter((x) => known(x.name)).map((x) => x.part), info.sharedStringsPart, info.stylesPart].filter((x): x is string => !!x);
    for (const p of parts) await zip.file(p)!.async('string');
  });

  // SheetJS reading the same sheets into rows of values.
  let sheetjsMs = NaN;
  try {
    const XLSX = (await import('@e965/xlsx')) as unknown as {
      read(d: Uint8Array, o: object): { SheetNames: string[]; Sheets: Record<string, unknown> };
      utils: { sheet_to_json(ws: unknown, o: object): unknown[] };
    };
    const names = new OpcPackage(bytes) && workbookInfo(new OpcPackage(bytes)).sheets.map((x) => x.name).filter(known);
    sheetjsMs = await best(2, () => {
      const wb = XLSX.read(bytes, { type: 'array', cellDates: true, dense: true, sheets: names });
      for (const n of names) XLSX.utils.sheet_to_json(wb.Sheets[n], { header: 1, raw: true });
    });
  } catch {
    // not installed (npm install --omit=dev): the line says so
  }

  // Saving a copy with 5,000 appended Usulan rows: the surgical writer against exceljs writing the whole workbook.
  const doc = XlsxDocument.open(bytes);
  const [usulan] = doc.readSheets(['Usulan']);
  const first = usulan!.values.length + 1;
  const rows = Array.from({ length: 5000 }, (_, i) => [
    { row: first + i, col: 1, cell: { value: `U-${9000 + i}`, numFmt: '@' } },
    { row: first + i, col: 2, cell: { value: '198503122010011002', numFmt: '@' } },
    { row: first + i, col: 5, cell: { value: new Date(Date.UTC(2027, 0, 2)), numFmt: 'dd/mm/yyyy' } },
    { row: first + i, col: 6, cell: 'Draf' },
  ]).flat();
  const surgicalMs = await best(2, () => {
    const d = XlsxDocument.open(bytes);
    d.setCells('Usulan', rows);
    return d.toBytes();
  });
  // In a function of its own: the loaded exceljs workbook is garbage before propose is measured
  // (held, its heap made every later collection slower and the in-process figures below worse).
  const exceljsSaveMs = await exceljsSave(bytes);

  const ours = unzipMs + xmlMs;
  console.log(`  reading Pegawai, Jabatan, Usulan, Aturan of the 40,000-staff workbook (best of 2–3):`);
  console.log(`  exceljs streaming (reference)  ${s(reference)}`);
  console.log(`  fflate + scanner (chosen)      ${s(ours)}   ${(ours / reference).toFixed(2)}× the reference (unzip ${s(unzipMs).trim()}, XML ${s(xmlMs).trim()})`);
  console.log(`  fflate + saxes for the sheets  ${s(unzipMs + saxMs)}   ${((unzipMs + saxMs) / reference).toFixed(2)}× (XML ${s(saxMs).trim()})`);
  console.log(`  JSZip + scanner                ${s(jszipMs + xmlMs)}   ${((jszipMs + xmlMs) / reference).toFixed(2)}× (unzip ${s(jszipMs).trim()})`);
  console.log(`  SheetJS @e965/xlsx 0.20.3      ${Number.isNaN(sheetjsMs) ? '   n/a (not installed)' : `${s(sheetjsMs)}   ${(sheetjsMs / reference).toFixed(2)}×`}`);
  console.log(`  saving a copy with 5,000 Usulan rows: surgical writer ${s(surgicalMs).trim()}, exceljs writeBuffer ${s(exceljsSaveMs).trim()}`);

  // Issue 12's yardstick: propose --out on the same file, against the chosen reader's read (`ours`).
  const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-xlsx-bench-'));
  try {
    let t: Awaited<ReturnType<typeof proposeFile>>['timings'] | null = null;
    for (let r = 0; r < 2; r++) {
      const res = await proposeFile(file, path.join(dir, `in-process-${r}.xlsx`), { lang: 'id' });
      if (!t || res.timings.totalMs < t.totalMs) t = res.timings;
    }
    const { ms: cliMs, cpuMs: cliCpuMs, rssKb: cliRssKb } = bestCliRun((r) => ['propose', file, '--out', path.join(dir, `cli-${r}.xlsx`)]);
    const plan = t!.checkMs + t!.candidatesMs + t!.solveMs + t!.explainMs;
    console.log(`  propose --out on this file (in process, best of 2), against the chosen reader's read ${s(ours).trim()}:`);
    console.log(`    read (surgical writer's open) ${s(t!.readMs)}   ${(t!.readMs / ours).toFixed(2)}× read`);
    console.log(`    plan                          ${s(plan)}   ${(plan / ours).toFixed(2)}× read (check ${s(t!.checkMs).trim()}, candidates ${s(t!.candidatesMs).trim()}, solve ${s(t!.solveMs).trim()}, explanations ${s(t!.explainMs).trim()})`);
    console.log(`    write                         ${s(t!.writeMs)}   ${(t!.writeMs / ours).toFixed(2)}× read`);
    console.log(`    in-process total              ${s(t!.totalMs)}   ${(t!.totalMs / ours).toFixed(2)}× read`);
    console.log(
      `  mutasi propose (whole CLI)      ${s(cliMs)}   ${(cliMs / ours).toFixed(2)}× read, goal ≤ 2× (best of 2; CPU ${s(cliCpuMs).trim()} = ${(cliCpuMs / ours).toFixed(2)}× read; peak RSS ${(cliRssKb / 1024).toFixed(0)} MB)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
