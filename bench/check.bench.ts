/**
 * Issues 2 and 12: on 40,000 staff / 8,000 positions / 5,000 proposals, the time exceljs needs to read
 * the file (issue 2's reference), exceljs's streaming reader (what check used before issue 12: its
 * reference), the product's own reader (shared/xlsx, what check uses now; goal ≤ 0.6× the streaming
 * reference), the engine's time, the CLI's total, and the ratios.
 * Goals: engine ≤ 1 s on this 2-core machine; total / exceljs read ≤ 1.5; new reader ≤ 0.6× streaming.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkSheets } from '../shared/engine';
import { sheetsToRead } from '../shared/workbook/reader';
import { readSheetsStreaming } from '../sync-server/xlsx/exceljs-gateway';
import { readKnownSheetsAndNames } from '../sync-server/xlsx/file';
import { benchWorkbook } from './workbook-cache';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export default async function bench(): Promise<void> {
  const file = await benchWorkbook();

  // Reference: exceljs alone reading the workbook (best of 2).
  let readMs = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    await new ExcelJS.Workbook().xlsx.readFile(file);
    readMs = Math.min(readMs, performance.now() - t0);
  }

  // exceljs's streaming reader, which `check` used before issue 12 (best of 2), on the sheets check reads.
  const known = (name: string) => sheetsToRead([name]).length > 0;
  let streamMs = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    await readSheetsStreaming(file, known);
    streamMs = Math.min(streamMs, performance.now() - t0);
  }

  // The product's reader (shared/xlsx: fflate + saxes), which check, import, propose and the browser host use (best of 3).
  let newMs = Infinity;
  let sheets = null as null | Awaited<ReturnType<typeof readKnownSheetsAndNames>>['sheets'];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    sheets = (await readKnownSheetsAndNames(file)).sheets;
    newMs = Math.min(newMs, performance.now() - t0);
  }
  let engineMs = Infinity;
  let counts = null as null | Record<string, number>;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const { result } = checkSheets(sheets!, {});
    engineMs = Math.min(engineMs, performance.now() - t0);
    counts = result.counts as unknown as Record<string, number>;
  }

  // The whole command as a user runs it (process start, the precompiled command line, read, engine, JSON out).
  let totalMs = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [path.join(__dirname, '../bin/mutasi.cjs'), 'check', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    totalMs = Math.min(totalMs, performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`check failed: ${r.stderr}`);
  }

  console.log(`  workbook: ${counts!.employees} employees, ${counts!.positions} positions, ${counts!.proposals} proposals → ${counts!.error} errors, ${counts!.warning} warnings, ${counts!.info} info`);
  console.log(`  exceljs read (reference) : ${s(readMs)}   (whole workbook, readFile)`);
  console.log(`  exceljs streaming read   : ${s(streamMs)}   (what check used before issue 12: the reader's reference)`);
  console.log(`  new reader (shared/xlsx) : ${s(newMs)}   ratio ${(newMs / streamMs).toFixed(2)}× the streaming reference, goal ≤ 0.60×`);
  console.log(`  engine (parse + rules)   : ${s(engineMs)}   goal ≤ 1.00 s`);
  console.log(`  mutasi check --json total: ${s(totalMs)}`);
  console.log(`  ratio total / read       : ${(totalMs / readMs).toFixed(2)}   goal ≤ 1.5`);
  console.log(`  ratio total / new reader : ${(totalMs / newMs).toFixed(2)}   (process start, bundle load, read, engine, JSON)`);
}
