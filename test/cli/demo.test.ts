/**
 * `mutasi demo`: reproducible (same seed, same cells), realistic enough to be believed (valid NIPs that
 * match birth dates, ≥ 20 units, every type and jenjang), and a full tour of the rule catalogue when
 * `mutasi check` reads it: every rule id but SHEET_MISSING / HEADER_MISSING, each teaching row of Usulan
 * with its rule, every ordinary row clean.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import ExcelJS from 'exceljs';
import { FUNCTIONAL_LEVELS, GOLONGAN, typeDefaults, type PositionType } from '../../shared/domain';
import { checkSheets } from '../../shared/engine';
import { RULE_IDS, type CheckResult } from '../../shared/rules/types';
import type { CellValue } from '../../shared/workbook/gateway';
import { buildDemo, demoWorkbook, writeDemoFile, type DemoData } from '../../sync-server/xlsx/demo';
import { sheetData } from '../../sync-server/xlsx/exceljs-gateway';
import { registerDemo } from '../../sync-server/cli/commands/demo';
import { mutasi } from '../support/cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mutasi-demo-'));

/** Every sheet's cell values, as `mutasi check` would read them. */
function cells(wb: ExcelJS.Workbook): { name: string; values: CellValue[][] }[] {
  return wb.worksheets.map((ws) => ({ name: ws.name, values: sheetData(ws).values }));
}

/** An independent reading of the NIP rules (WORKBOOK.md, RULES.md NIP_FORMAT). */
function nipProblem(nip: string): string | null {
  if (!/^\d{18}$/.test(nip)) return 'not 18 digits';
  const date = (y: number, m: number, d: number) => {
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? t : null;
  };
  const birth = date(+nip.slice(0, 4), +nip.slice(4, 6), +nip.slice(6, 8));
  if (!birth) return 'birth date';
  const ty = +nip.slice(8, 12);
  const tm = +nip.slice(12, 14);
  if (tm < 1 || tm > 12 || ty < 1900) return 'TMT CPNS';
  const eighteen = new Date(Date.UTC(birth.getUTCFullYear() + 18, birth.getUTCMonth(), birth.getUTCDate()));
  // Appointed in month ty-tm: the month must end on or after the 18th birthday.
  if (new Date(Date.UTC(ty, tm, 0)) < eighteen) return 'TMT before 18';
  if (nip[14] !== '1' && nip[14] !== '2') return 'gender digit';
  if (nip.slice(15) === '000') return 'serial 000';
  return null;
}

const NIP_MISTAKES = new Set(['nip-number', 'nip-wrong-digit', 'nip-short']);

describe('mutasi demo: the generated agency', () => {
  let data: DemoData;
  let wb: ExcelJS.Workbook;
  let rows: number[];
  before(() => {
    data = buildDemo({ employees: 1200, seed: 1 });
    ({ workbook: wb, pegawaiRows: rows } = demoWorkbook(data, 1));
  });

  it('is the same for the same seed and different for another', () => {
    const again = demoWorkbook(buildDemo({ employees: 1200, seed: 1 }), 1).workbook;
    assert.deepEqual(cells(again), cells(wb));
    assert.deepEqual(again.worksheets.map((w) => w.name), ['Pegawai', 'Jabatan', 'Usulan', 'Aturan']);
    const other = demoWorkbook(buildDemo({ employees: 1200, seed: 2 }), 2).workbook;
    assert.notDeepEqual(cells(other), cells(wb));
  });

  it('has 1,200 Pegawai rows by default and honours another number', () => {
    assert.equal(data.pegawai.length, 1200);
    assert.equal(buildDemo({ employees: 400, seed: 3 }).pegawai.length, 400);
    assert.throws(() => buildDemo({ employees: 20, seed: 1 }), RangeError);
  });

  it('gives valid NIPs that match the birth date to everyone but the deliberate NIP mistakes', () => {
    const ws = wb.getWorksheet('Pegawai')!;
    const header = ws.getRow(4).values as CellValue[];
    const nipCol = header.indexOf('NIP');
    const birthCol = header.indexOf('Tanggal Lahir');
    let checked = 0;
    let broken = 0;
    data.pegawai.forEach(({ kind }, i) => {
      const raw = ws.getRow(rows[i]!).getCell(nipCol).value;
      if (kind && NIP_MISTAKES.has(kind)) {
        broken++;
        assert.ok(typeof raw === 'number' || nipProblem(String(raw)) !== null, `row ${rows[i]} should carry a broken NIP: ${raw}`);
        return;
      }
      assert.equal(typeof raw, 'string', `row ${rows[i]}: NIP stored as text`);
      const nip = (raw as string).replace(/ /g, '');
      assert.equal(nipProblem(nip), null, `row ${rows[i]}: ${raw} (${nipProblem(nip)})`);
      const b = ws.getRow(rows[i]!).getCell(birthCol).value;
      const ymd = b instanceof Date ? b.toISOString().slice(0, 10).replace(/-/g, '')
        : typeof b === 'string' ? b.split('-').reverse().join('') : null;
      if (ymd !== null && kind !== 'birth-mismatch') assert.equal(ymd, nip.slice(0, 8), `row ${rows[i]}: birth date ${String(b)} vs NIP ${nip}`);
      checked++;
    });
    assert.ok(checked > 1100 && broken >= 3, `${checked} valid, ${broken} broken`);
    assert.equal(ws.getColumn(nipCol).numFmt, '@');
  });

  it('gives golongan that fit diploma and years since TMT CPNS (NIP digits 9–14), and ages below retirement', () => {
    // Entry golongan by diploma; one step about every four years (allow one more for merit promotions).
    const entry: Record<string, number> = { SD: 0, SMP: 2, SMA: 4, D1: 4, D2: 5, D3: 6, D4: 8, S1: 8, S2: 9, S3: 10 };
    let pns = 0;
    for (const { e, kind } of data.pegawai) {
      if (e.status !== 'PNS' || !e.rank || kind) continue;
      pns++;
      const years = 2026 - Number(e.nip.slice(8, 12));
      const rank = GOLONGAN.indexOf(e.rank);
      assert.ok(rank <= entry[e.education]! + Math.floor(years / 4) + 1, `${e.nip} ${e.rank} ${e.education} after ${years} years`);
      // Below the retirement age of the post held (58, 60, or 65 for an Ahli Utama).
      const age = 2026 - Number(e.nip.slice(0, 4));
      const bup = typeDefaults(e.position.type, e.position.level).retirementAge;
      assert.ok(age >= 19 && age <= bup, `${e.nip} aged ${age}, ${e.position.code} retires at ${bup}`);
    }
    assert.ok(pns > 900, `${pns} PNS rows`);
  });

  it('has at least 20 units, every position type of a kabupaten and every functional jenjang', () => {
    assert.ok(data.units.length >= 20, `${data.units.length} units`);
    const names = new Set(data.units.map((u) => u.name));
    for (const n of ['Dinas Kesehatan', 'Dinas Pendidikan dan Kebudayaan', 'Badan Perencanaan Pembangunan Daerah']) assert.ok(names.has(n), n);
    // JPT Madya / Utama exist only in ministries and provinces, not in a kabupaten.
    const types = new Set(data.positions.map((p) => p.type));
    for (const t of ['JPT Pratama', 'Administrator', 'Pengawas', 'Pelaksana', 'Fungsional'] as PositionType[]) assert.ok(types.has(t), t);
    const levels = new Set(data.positions.map((p) => p.level));
    for (const l of FUNCTIONAL_LEVELS) assert.ok(levels.has(l), l);
    assert.ok(data.positions.some((p) => p.majors.length > 0) && data.positions.some((p) => p.standards !== null));
    assert.ok(data.positions.some((p) => p.requiredTrainings.includes('PKA')));
  });

  it('fills Kebutuhan roughly, with vacancies and surplus', () => {
    const held = new Map<string, number>();
    for (const { e } of data.pegawai) held.set(e.position.code, (held.get(e.position.code) ?? 0) + 1);
    const need = data.positions.reduce((s, p) => s + p.needed, 0);
    assert.ok(need > 1200 && need < 1400, `Σ Kebutuhan ${need}`);
    assert.ok(data.positions.some((p) => (held.get(p.code) ?? 0) < p.needed));
    assert.ok(data.positions.some((p) => (held.get(p.code) ?? 0) > p.needed));
  });
});

/** Each teaching row carries its rule; every ordinary active row is clean; every rule id shows up. */
function assertTour(data: DemoData, result: CheckResult): void {
  const seen = new Set(result.findings.map((f) => f.rule));
  const missing = RULE_IDS.filter((id) => id !== 'SHEET_MISSING' && id !== 'HEADER_MISSING' && !seen.has(id));
  assert.deepEqual(missing, []);
  const byRow = new Map(result.proposals.map((p) => [p.row, p]));
  data.proposals.forEach((u, i) => {
    const r = byRow.get(i + 2);
    assert.ok(r, `Usulan row ${i + 2} missing from the result`);
    if (u.status === 'Ditolak' || u.status === 'Tercatat') assert.equal(r.verdict, 'inactive');
    else if (u.expect) assert.ok(r.rules.includes(u.expect as never), `row ${i + 2} should show ${u.expect}, got ${r.rules.join(',') || 'ok'}`);
    else assert.equal(r.verdict, 'ok', `row ${i + 2} (${u.nip} → ${u.toCode}) should be clean, got ${r.rules.join(',')}`);
  });
}

describe('mutasi demo: read by the rule engine', () => {
  for (const seed of [1, 2, 9]) {
    it(`seed ${seed}: every rule id but SHEET_MISSING / HEADER_MISSING, each where it is meant to be`, () => {
      const data = buildDemo({ employees: 1200, seed });
      const { result } = checkSheets(sheetData2(demoWorkbook(data, seed).workbook));
      assert.equal(result.asOf, '2026-11-23');
      assert.equal(result.counts.employees, 1200);
      assertTour(data, result);
      const clean = result.proposals.filter((p) => p.verdict === 'ok').length;
      assert.ok(clean >= 30, `${clean} clean proposals`);
    });
  }

  it('--bersih: Pegawai and Jabatan without any error (a roster the server imports as it is); the Usulan teaching rows stay', () => {
    const data = buildDemo({ employees: 1200, seed: 3, clean: true });
    assert.equal(data.pegawai.filter((r) => r.kind).length, 0);
    assert.equal(data.jabatan.length, data.positions.length, 'no post entered twice');
    const { result } = checkSheets(sheetData2(demoWorkbook(data, 3).workbook));
    assert.deepEqual(result.findings.filter((f) => f.severity === 'error' && f.sheet !== 'Usulan').map((f) => `${f.sheet}!${f.cell} ${f.rule}`), []);
    assert.ok(result.findings.some((f) => f.sheet === 'Usulan' && f.severity === 'error'), 'the teaching rows still teach');
    assert.equal(result.counts.employees, 1200);
  });

  it('a larger agency keeps the teaching rows a few percent and still tours every rule', function () {
    this.timeout(60_000);
    const data = buildDemo({ employees: 6000, seed: 4, positions: 1200, proposals: 800 });
    const teaching = data.proposals.filter((u) => u.expect).length;
    assert.ok(teaching / data.proposals.length > 0.02 && teaching / data.proposals.length < 0.08, `${teaching} of ${data.proposals.length}`);
    const mistaken = data.pegawai.filter((r) => r.kind).length;
    assert.ok(mistaken / data.pegawai.length > 0.02 && mistaken / data.pegawai.length < 0.06, `${mistaken} mistakes`);
    assertTour(data, checkSheets(sheetData2(demoWorkbook(data, 4).workbook)).result);
  });
});

function sheetData2(wb: ExcelJS.Workbook) {
  return wb.worksheets.map((ws) => sheetData(ws));
}

describe('mutasi demo: the command', () => {
  it('writes a real file that `mutasi check` reads, and refuses to overwrite it', function () {
    this.timeout(60_000);
    const file = path.join(dir, 'contoh.xlsx');
    const made = mutasi(['demo', file, '--employees', '300', '--seed', '5']);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /^Dibuat .*contoh\.xlsx: 300 pegawai, \d+ jabatan, \d+ unit, \d+ usulan/);
    const checked = mutasi(['check', file, '--json']);
    assert.equal(checked.code, 1, checked.stderr); // the demo's errors are deliberate
    const json = JSON.parse(checked.stdout) as CheckResult;
    assert.equal(json.counts.employees, 300);
    assert.equal(json.asOf, '2026-11-23');

    const before = readFileSync(file);
    const again = mutasi(['demo', file]);
    assert.equal(again.code, 2);
    assert.equal(again.stderr.trim().split('\n').length, 1);
    assert.match(again.stderr, /sudah ada.*--force/);
    assert.deepEqual(readFileSync(file), before);

  });

  it('refuses sizes that do not fit together in one Indonesian line, writing nothing', function () {
    this.timeout(60_000);
    const file = path.join(dir, 'terlalu-banyak.xlsx');
    const r = mutasi(['demo', file, '--employees', '300', '--proposals', '100000']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^mutasi: Contoh tidak dapat dibuat dengan 300 pegawai, 100\.000 usulan: usulan terlalu banyak .*--proposals.*\n$/);
    assert.ok(!existsSync(file));
  });

  it('says so when the proposals made are not the number asked for (the scenarios\' floor, or no more vacant seats)', function () {
    this.timeout(60_000);
    const few = mutasi(['demo', path.join(dir, 'sedikit.xlsx'), '--employees', '300', '--proposals', '1']);
    assert.equal(few.code, 0, few.stderr);
    const made = Number(/(\d+) usulan \(benih/.exec(few.stdout)![1]);
    assert.ok(made > 1);
    assert.match(few.stdout, new RegExp(`Diminta 1 usulan; dibuat ${made}: contoh selalu memuat usulan skenario`));
    const many = mutasi(['demo', path.join(dir, 'banyak.xlsx'), '--employees', '300', '--proposals', '400']);
    assert.equal(many.code, 0, many.stderr);
    const got = Number(/([\d.]+) usulan \(benih/.exec(many.stdout)![1]!.replace('.', ''));
    assert.ok(got < 400, `${got}`);
    assert.match(many.stdout, new RegExp(`Diminta 400 usulan; hanya ${got} yang dapat dibuat: tidak ada lagi jabatan kosong`));
    const exact = mutasi(['demo', path.join(dir, 'pas.xlsx'), '--employees', '300', '--proposals', '44']);
    assert.match(exact.stdout, / 44 usulan \(benih/);
    assert.doesNotMatch(exact.stdout, /Diminta/);
  });

  it('refuses a wrong --employees before doing any work', async () => {
    const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    registerDemo(program);
    for (const n of ['banyak', '12', '1.5']) {
      await assert.rejects(program.parseAsync(['node', 'mutasi', 'demo', path.join(dir, 'x.xlsx'), '--employees', n]), CommanderError, n);
    }
  });
});

describe('mutasi demo: streaming writer', () => {
  it('writes the same cells as the in-memory workbook', async function () {
    this.timeout(30_000);
    const data = buildDemo({ employees: 400, seed: 8 });
    const file = path.join(dir, 'stream.xlsx');
    await writeDemoFile(data, 8, file);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    assert.deepEqual(cells(back), cells(demoWorkbook(data, 8).workbook));
    const peg = back.getWorksheet('Pegawai')!;
    assert.equal(peg.getColumn(2).numFmt, '@');
    assert.deepEqual(peg.views.map((v) => [v.state, (v as ExcelJS.WorksheetViewFrozen).ySplit]), [['frozen', 4]]);
  });
});
