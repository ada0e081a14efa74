/**
 * `mutasi template`: the canonical workbook of WORKBOOK.md with drop-down lists on coded columns, text
 * NIP columns, date formats, a frozen bold header and Aturan defaults; an empty template checks clean;
 * an existing file is never overwritten without --force.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { EDUCATION, GOLONGAN } from '../../shared/domain';
import { checkSheets } from '../../shared/engine';
import type { CheckResult } from '../../shared/rules/types';
import { ATURAN, JABATAN, PEGAWAI, USULAN, canonicalHeaders } from '../../shared/workbook/schema';
import { sheetData } from '../../sync-server/xlsx/exceljs-gateway';
import { buildTemplate } from '../../sync-server/xlsx/template';
import { UserError } from '../../sync-server/cli/user-error';
import { registerTemplate } from '../../sync-server/cli/commands/template';
import { mutasi } from '../support/cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mutasi-template-'));

/** The command in-process, quietly (stdout of a success line is not needed here). */
async function run(args: string[]): Promise<void> {
  const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerTemplate(program);
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'mutasi', ...args]);
  } finally {
    process.stdout.write = write;
  }
}

type Validation = { type: string; formulae?: unknown[]; operator?: string };
/** exceljs (after reading a file) keeps validations per cell in worksheet.dataValidations.model. */
function validationAt(ws: ExcelJS.Worksheet, address: string): Validation | undefined {
  return (ws as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model[address];
}

function column(ws: ExcelJS.Worksheet, header: string): number {
  const values = ws.getRow(1).values as unknown[];
  const i = values.indexOf(header);
  assert.ok(i > 0, `header ${header} on ${ws.name}`);
  return i;
}

describe('mutasi template', () => {
  const file = path.join(dir, 'templat.xlsx');
  let wb: ExcelJS.Workbook;

  before(async function () {
    this.timeout(30_000);
    const r = mutasi(['template', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Dibuat .*templat\.xlsx/);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
  });

  it('has the four sheets in order with the canonical headers', () => {
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Pegawai', 'Jabatan', 'Usulan', 'Aturan']);
    for (const def of [PEGAWAI, JABATAN, USULAN, ATURAN]) {
      const got = (wb.getWorksheet(def.name)!.getRow(1).values as unknown[]).slice(1);
      assert.deepEqual(got, canonicalHeaders(def), def.name);
    }
  });

  it('puts a drop-down or number rule on every coded column, far down the sheet', () => {
    const peg = wb.getWorksheet('Pegawai')!;
    const letter = (ws: ExcelJS.Worksheet, h: string) => ws.getColumn(column(ws, h)).letter;
    const list = (ws: ExcelJS.Worksheet, h: string, row = 2) => {
      const v = validationAt(ws, `${letter(ws, h)}${row}`);
      assert.ok(v, `${ws.name}.${h} row ${row}`);
      return v;
    };
    const rank = list(peg, 'Golongan', 4000);
    assert.equal(rank.type, 'list');
    assert.equal(rank.formulae![0], `"${GOLONGAN.join(',')}"`);
    assert.equal(list(peg, 'Pendidikan').formulae![0], `"${EDUCATION.join(',')}"`);
    for (const h of ['Status', 'SKP Tahun Lalu', 'SKP Dua Tahun Lalu', 'Potensi', 'Hukuman Disiplin']) assert.equal(list(peg, h).type, 'list', h);
    const comp = list(peg, 'Integritas');
    assert.deepEqual([comp.type, comp.formulae], ['whole', [1, 5]]);
    assert.equal(list(peg, 'TMT Jabatan').type, 'date');

    const jab = wb.getWorksheet('Jabatan')!;
    for (const h of ['Jenis Jabatan', 'Jenjang', 'Golongan Minimal', 'Golongan Maksimal', 'Pendidikan Minimal']) assert.equal(list(jab, h).type, 'list', h);
    assert.deepEqual(list(jab, 'Kelas Jabatan').formulae, [1, 17]);
    const need = list(jab, 'Kebutuhan');
    assert.deepEqual([need.type, need.operator, need.formulae], ['whole', 'greaterThanOrEqual', [0]]);
    assert.equal(list(jab, 'Standar Perekat Bangsa').type, 'whole');

    const us = wb.getWorksheet('Usulan')!;
    for (const h of ['Jenis Mutasi', 'Status']) assert.equal(list(us, h).type, 'list', h);
    assert.equal(validationAt(us, `${letter(us, 'Catatan')}2`), undefined, 'free text stays free');
  });

  it('keeps NIPs as text and dates as dd/mm/yyyy, with a bold frozen header', () => {
    for (const name of ['Pegawai', 'Usulan']) {
      const ws = wb.getWorksheet(name)!;
      assert.equal(ws.getColumn(column(ws, 'NIP')).numFmt, '@', name);
      assert.deepEqual(ws.views[0] && [ws.views[0].state, (ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit], ['frozen', 1]);
      assert.equal(ws.getRow(1).getCell(1).font?.bold, true);
    }
    const peg = wb.getWorksheet('Pegawai')!;
    for (const h of ['TMT Jabatan', 'Tanggal Lahir', 'Hukdis Berakhir']) assert.equal(peg.getColumn(column(peg, h)).numFmt, 'dd/mm/yyyy', h);
    assert.ok((peg.getColumn(column(peg, 'Nama')).width ?? 0) >= 30);
  });

  it('lists every parameter with its default and an explanation; empty moratorium rows are not set', () => {
    const ws = wb.getWorksheet('Aturan')!;
    const rows = new Map<string, { value: unknown; why: string }>();
    ws.eachRow((row, n) => { if (n > 1) rows.set(String(row.getCell(1).value), { value: row.getCell(2).value, why: String(row.getCell(3).value ?? '') }); });
    const expected: [string, number | null][] = [
      ['Tanggal Acuan', null], ['Masa Jabatan Minimal (bulan)', 24], ['Masa Jabatan Maksimal (bulan)', 60], ['Batas Dekat Pensiun (bulan)', 12],
      ['JPM Minimal (%)', 68], ['JPM Memenuhi Syarat (%)', 80], ['Larangan Mutasi Mulai', null], ['Larangan Mutasi Selesai', null],
      ['Bobot JPM', 60], ['Bobot Kinerja', 15], ['Bobot Rotasi', 10], ['Bobot Minat', 10], ['Bobot Jurusan', 5], ['Penalti Lowongan Baru', 20],
    ];
    for (const [key, value] of expected) {
      const r = rows.get(key);
      assert.ok(r, key);
      assert.equal(r.value ?? null, value, key);
      assert.ok(r.why.length > 20, `${key} is explained`);
    }
    const dateRow = [...rows.keys()].indexOf('Tanggal Acuan') + 2;
    assert.equal(ws.getRow(dateRow).getCell(2).numFmt, 'dd/mm/yyyy');
  });

  it('checks clean when empty, through the engine and through `mutasi check`', function () {
    this.timeout(30_000);
    const { result } = checkSheets(buildTemplate().worksheets.map((w) => sheetData(w)));
    assert.deepEqual(result.findings, []);
    assert.deepEqual([result.counts.employees, result.counts.positions, result.counts.proposals], [0, 0, 0]);
    const r = mutasi(['check', file, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as CheckResult).counts.error, 0);
  });

  it('refuses to overwrite an existing file (exit 2, one line) unless --force', async function () {
    this.timeout(30_000);
    const mine = path.join(dir, 'punya-saya.xlsx');
    writeFileSync(mine, 'data penting');
    const r = mutasi(['template', mine]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /sudah ada/);
    assert.equal(readFileSync(mine, 'utf8'), 'data penting');
    // The rest in-process (each spawn costs seconds): --force overwrites, other names are refused.
    await run(['template', mine, '--force']);
    assert.equal(readFileSync(mine).subarray(0, 2).toString(), 'PK');
    await assert.rejects(run(['template', path.join(dir, 'templat.xls')]), (e: Error) => e instanceof UserError && /\.xlsx/.test(e.message));
    await assert.rejects(run(['template', dir]), UserError);
    await assert.rejects(run(['template', path.join(dir, 'tidak-ada', 'x.xlsx')]), (e: Error) => e instanceof UserError && /Folder/.test(e.message));
  });

  it('is the same workbook every time', async () => {
    const a = buildTemplate();
    const b = buildTemplate();
    assert.deepEqual(a.worksheets.map((w) => sheetData(w).values), b.worksheets.map((w) => sheetData(w).values));
    assert.deepEqual([a.created, a.modified], [b.created, b.modified]);
  });
});
