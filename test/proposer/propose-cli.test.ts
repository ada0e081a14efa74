/**
 * End to end through real files and the real command line: demo → propose → check. The new Draf rows
 * have no errors, the input file is never changed, cells have the types and formats Excel users need,
 * and wrong calls end with one line and exit code 2.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { registerPropose } from '../../sync-server/cli/commands/propose';
import { UserError } from '../../sync-server/cli/user-error';

const BIN = path.resolve(__dirname, '../../bin/mutasi.cjs');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

/** `mutasi propose …` in process: it must end with the UserError main.ts prints with exit 2, matching `message`. */
async function fails(args: string[], message: RegExp): Promise<void> {
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerPropose(program);
  await assert.rejects(program.parseAsync(['node', 'mutasi', 'propose', ...args]), (e: unknown) => e instanceof UserError && e.exitCode === 2 && message.test(e.message));
}

interface CheckJson {
  proposals: { row: number; nip: string; to: string; verdict: string; rules: string[] }[];
}

describe('mutasi propose (end to end)', function () {
  this.timeout(120_000);
  let dir = '';
  let demo = '';
  /** The plan of the first test, reused by the others (each CLI run costs a second or two). */
  let plan: { moves: { nip: string; toCode: string }[]; seats: { code: string; vacant: number; filled: number }[]; written: { firstRow: number; sheet: string; ids: string[] } };
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mutasi-propose-'));
    demo = path.join(dir, 'demo.xlsx');
    const r = run('demo', demo, '--employees', '300', '--seed', '7');
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('demo → propose → check: the new rows have no errors; the input is unchanged; cells are typed and formatted', async () => {
    const out = path.join(dir, 'usulan.xlsx');
    const hash = sha(demo);
    const p = run('propose', demo, '--out', out, '--json');
    assert.equal(p.status, 0, p.stderr);
    assert.equal(sha(demo), hash, 'the input file is not written');
    plan = JSON.parse(p.stdout);
    assert.ok(plan.moves.length > 0, 'the demo agency has vacancies someone can fill');
    assert.equal(plan.written.ids.length, plan.moves.length);

    const c = run('check', out, '--json');
    assert.ok(c.status === 0 || c.status === 1, c.stderr);
    const check: CheckJson = JSON.parse(c.stdout);
    const rows = check.proposals.filter((x) => x.row >= plan.written.firstRow);
    assert.equal(rows.length, plan.moves.length);
    for (const r of rows) assert.notEqual(r.verdict, 'error', `row ${r.row}: ${r.rules.join(', ')}`);
    assert.deepEqual(rows.map((r) => [r.nip, r.to]), plan.moves.map((m) => [m.nip, m.toCode]));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet(plan.written.sheet)!;
    const header = ws.getRow(1).values as unknown[];
    const col = (h: string) => header.indexOf(h);
    const first = ws.getRow(plan.written.firstRow);
    const nip = first.getCell(col('NIP'));
    assert.equal(typeof nip.value, 'string');
    assert.equal(nip.numFmt, '@');
    assert.ok(first.getCell(col('TMT Mutasi')).value instanceof Date);
    assert.equal(first.getCell(col('TMT Mutasi')).numFmt, 'dd/mm/yyyy');
    const jpm = first.getCell(col('Skor JPM'));
    if (jpm.value !== null) {
      assert.equal(typeof jpm.value, 'number');
      assert.equal(jpm.numFmt, '0.00%');
    }
    assert.equal(first.getCell(col('Status')).value, 'Draf');
    assert.match(String(first.getCell(col('Hasil Pemeriksaan')).value), /skor \d/);
  });

  it('prints an Indonesian report, and --why explains one person', () => {
    const nip = plan.moves[0]!.nip;
    const p = run('propose', demo, '--out', path.join(dir, 'laporan.xlsx'), '--why', nip);
    assert.equal(p.status, 0, p.stderr);
    assert.match(p.stdout, /Rencana mutasi: .*demo\.xlsx/);
    assert.match(p.stdout, /Diusulkan [\d.]+ mutasi \(total skor [\d.]+,\d\d\)/);
    assert.match(p.stdout, /Ringkasan per unit/);
    assert.match(p.stdout, new RegExp(`Penjelasan untuk ${nip}`));
    assert.match(p.stdout, /Diusulkan ke /);
  });

  it('--darurat writes at most the vacant seats as Darurat rows, which check passes with warnings at most', () => {
    const seat = plan.seats.find((s) => s.vacant >= 1 && s.filled >= 1)!;
    const out = path.join(dir, 'darurat.xlsx');
    const d = run('propose', demo, '--out', out, '--darurat', seat.code, '--count', '2', '--json');
    assert.equal(d.status, 0, d.stderr);
    const res = JSON.parse(d.stdout);
    assert.ok(res.darurat.chosen.length >= 1 && res.darurat.chosen.length <= Math.min(2, seat.vacant));
    const check: CheckJson = JSON.parse(run('check', out, '--json').stdout);
    const rows = check.proposals.filter((x) => x.row >= res.written.firstRow);
    assert.equal(rows.length, res.darurat.chosen.length);
    for (const r of rows) assert.notEqual(r.verdict, 'error', r.rules.join(', '));
  });

  it('--tanpa-peringatan: only moves without any warning, which check confirms; the report says so', () => {
    const out = path.join(dir, 'bersih.xlsx');
    const p = run('propose', demo, '--out', out, '--tanpa-peringatan', '--json');
    assert.equal(p.status, 0, p.stderr);
    const strict = JSON.parse(p.stdout) as typeof plan & { withoutWarnings: boolean; totalScore: number };
    assert.equal(strict.withoutWarnings, true);
    assert.ok(strict.moves.length > 0);
    const check: CheckJson = JSON.parse(run('check', out, '--json').stdout);
    const rows = check.proposals.filter((x) => x.row >= strict.written.firstRow);
    assert.equal(rows.length, strict.moves.length);
    for (const r of rows) assert.ok(r.verdict === 'ok' || r.verdict === 'info', `row ${r.row}: ${r.verdict} ${r.rules.join(', ')}`);
    const text = run('propose', demo, '--out', path.join(dir, 'bersih2.xlsx'), '--tanpa-peringatan');
    assert.match(text.stdout, /Hanya mutasi tanpa peringatan/);
  });

  it('wrong calls: one line, exit 2, the input never overwritten', async () => {
    const same = run('propose', demo, '--out', demo);
    assert.equal(same.status, 2);
    assert.match(same.stderr, /^mutasi: --out tidak boleh sama dengan berkas masukan/);
    assert.equal(same.stderr.trim().split('\n').length, 1);
    // The rest in process (each CLI start costs seconds): the same UserErrors main.ts prints with exit 2.
    await fails([demo, '--out', path.join(dir, '.', 'demo.xlsx')], /tidak boleh sama dengan berkas masukan/);
    await fails([demo, '--out', path.join(dir, 'hasil.csv')], /--out harus berkas \.xlsx/);
    await fails([demo, '--out', path.join(dir, 'y.xlsx'), '--darurat', 'X'], /--darurat memerlukan --count/);
    await fails([demo, '--out', path.join(dir, 'y.xlsx'), '--count', '2'], /--count hanya berlaku bersama --darurat/);
    await fails([demo, '--out', path.join(dir, 'y.xlsx'), '--darurat', 'X', '--count', '1', '--tanpa-peringatan'], /--tanpa-peringatan tidak dapat dipakai bersama --darurat/);
    await fails([path.join(dir, 'tidak-ada.xlsx'), '--out', path.join(dir, 'y.xlsx')], /Berkas tidak ditemukan/);
    await fails([demo, '--out', path.join(dir, 'y.xlsx'), '--darurat', 'TIDAK-ADA', '--count', '1'], /kode jabatan TIDAK-ADA tidak ada di lembar Jabatan/);
    await fails([demo, '--out', path.join(dir, 'y.xlsx'), '--darurat', ' ', '--count', '1'], /^--darurat memerlukan kode jabatan dari kolom Kode Jabatan/);
    // A TMT before the as-of date (retroactive) or years after it (a mistyped year): refused, naming both dates.
    await fails([demo, '--out', path.join(dir, 'y.xlsx'), '--tmt', '1990-01-01'], /^--tmt 1990-01-01 lebih awal dari Tanggal Acuan .* 2026-11-23: usulan baru tidak berlaku surut/);
    await fails([demo, '--out', path.join(dir, 'y.xlsx'), '--tmt', '2026-03-01', '--as-of', '2026-06-01'], /^--tmt 2026-03-01 lebih awal dari --as-of 2026-06-01/);
    await fails([demo, '--out', path.join(dir, 'y.xlsx'), '--tmt', '2062-01-01'], /^--tmt 2062-01-01 lebih dari 2 tahun sesudah .*2026-11-23 \(salah ketik tahun\?\)\. Pakai --tmt paling lambat 2028-11-23/);
    await fails([demo, '--out', path.join(dir, 'y.xlsx'), '--darurat', 'X', '--count', '1', '--tmt', '2020-01-01'], /^--tmt 2020-01-01 lebih awal/);
    await fails([demo, '--out', path.join(dir, 'y.xlsx'), '--why', '123'], /^--why 123: NIP itu tidak ada di lembar Pegawai .*demo\.xlsx; periksa angkanya \(18 digit\)\. Tidak ada yang ditulis\.$/);
    assert.ok(!existsSync(path.join(dir, 'y.xlsx')), 'nothing written');
  });

  it('--out: an existing file is kept unless --force; a folder or a missing folder is refused in Indonesian before any work', async () => {
    const existing = path.join(dir, 'kerja-kemarin.xlsx');
    writeFileSync(existing, 'isi yang tidak boleh hilang');
    await fails([demo, '--out', existing], /^Berkas .*kerja-kemarin\.xlsx sudah ada; tidak ditimpa\. .*--force/);
    assert.equal(readFileSync(existing, 'utf8'), 'isi yang tidak boleh hilang');
    await fails([demo, '--out', path.join(dir, 'tidak-ada', 'y.xlsx')], /^Folder untuk .*tidak-ada.*y\.xlsx tidak ada$/);
    mkdirSync(path.join(dir, 'map.xlsx'));
    await fails([demo, '--out', path.join(dir, 'map.xlsx')], /map\.xlsx adalah folder, bukan berkas \.xlsx$/);
    await fails([demo, '--out', demo, '--force'], /tidak boleh sama dengan berkas masukan/);

    const forced = run('propose', demo, '--out', existing, '--force', '--json');
    assert.equal(forced.status, 0, forced.stderr);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(existing);
    assert.ok(wb.getWorksheet('Usulan'), 'with --force, the plan replaces the file');
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left behind');
  });
});
