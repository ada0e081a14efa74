/** JPM as RULES.md defines it, the talent box, defaults by position type, and the parameters of sheet Aturan. */
import { strict as assert } from 'node:assert';
import { talentBox, talentGroup, typeDefaults } from '../../shared/domain';
import { checkSheets } from '../../shared/engine';
import { computeJpm, jpmCategory } from '../../shared/jpm';
import type { Employee, Position } from '../../shared/model';
import { requirements } from '../../shared/requirements';
import { employee, proposal, workbook } from '../support/book';

const emp = (levels: number[] | null): Employee => ({
  row: 2, nip: '198503122010011002', name: 'X', status: 'PNS', rank: 'III/c', positionCode: 'A', positionStart: 0, birthDate: 0,
  educationLevel: 'S1', educationMajor: '', skpLast: 'Baik', skpBefore: 'Baik', potential: 'Tinggi', discipline: 'Tidak Ada',
  disciplineUntil: null, trainings: [], preferences: [], competencies: levels,
});
const pos = (over: Partial<Position> = {}): Position => ({
  row: 2, code: 'P', name: 'P', type: 'Administrator', level: null, unit: 'U', class: null, needed: 1, minRank: null, maxRank: null,
  minEducation: null, majors: [], requiredTrainings: [], standards: null, ...over,
});

describe('JPM', () => {
  it('caps each competency at its standard, so a surplus cannot hide a gap', () => {
    // Administrator standard 3 × 9 = 27. Five at 5 (capped to 3) and four at 1: (15 + 4) / 27.
    const r = computeJpm(emp([5, 5, 5, 5, 5, 1, 1, 1, 1]), pos())!;
    assert.equal(r.jpm, 70.37);
    assert.equal(r.category, 'Masih Memenuhi Syarat');
    assert.deepEqual(r.gaps.map((g) => `${g.competency} ${g.actual}/${g.standard}`), [
      'Pengembangan Diri dan Orang Lain 1/3', 'Mengelola Perubahan 1/3', 'Pengambilan Keputusan 1/3', 'Perekat Bangsa 1/3',
    ]);
  });
  it('uses explicit standards where given and the type default for empty ones', () => {
    const p = pos({ standards: [5, null, null, null, null, null, null, null, null] });
    assert.deepEqual(requirements(p).standards, [5, 3, 3, 3, 3, 3, 3, 3, 3]);
    assert.equal(computeJpm(emp([4, 3, 3, 3, 3, 3, 3, 3, 3]), p)!.jpm, 96.55); // 28 / 29
  });
  it('is null without competency data; categories at the 68 / 80 cut-offs', () => {
    assert.equal(computeJpm(emp(null), pos()), null);
    assert.equal(jpmCategory(80), 'Memenuhi Syarat');
    assert.equal(jpmCategory(79.99), 'Masih Memenuhi Syarat');
    assert.equal(jpmCategory(68), 'Masih Memenuhi Syarat');
    assert.equal(jpmCategory(67.99), 'Kurang Memenuhi Syarat');
  });
});

describe('defaults by position type', () => {
  it('follows the table of RULES.md', () => {
    assert.deepEqual(typeDefaults('JPT Pratama', null), { minRank: 'IV/a', minEducation: 'S1', retirementAge: 60, standard: 4 });
    assert.deepEqual(typeDefaults('Pengawas', null), { minRank: 'III/b', minEducation: 'D3', retirementAge: 58, standard: 2 });
    assert.deepEqual(typeDefaults('Fungsional', 'Ahli Utama'), { minRank: 'IV/d', minEducation: 'S1', retirementAge: 65, standard: 4 });
    assert.deepEqual(typeDefaults('Fungsional', 'Mahir'), { minRank: 'II/c', minEducation: 'D3', retirementAge: 58, standard: 1 });
    assert.deepEqual(typeDefaults('Fungsional', 'Pemula'), typeDefaults('Fungsional', 'Terampil'));
    assert.equal(requirements(pos({ type: 'Pelaksana', minRank: 'II/c' })).minRank, 'II/c');
  });
});

describe('talent box', () => {
  it('places performance × potential in the nine boxes, the later SKP year counting', () => {
    assert.equal(talentBox('Kurang', 'Baik', 'Rendah'), 1);
    assert.equal(talentBox('Baik', null, 'Rendah'), 2);
    assert.equal(talentBox('Butuh Perbaikan', 'Sangat Baik', 'Menengah'), 3);
    assert.equal(talentBox('Sangat Baik', 'Kurang', 'Rendah'), 4);
    assert.equal(talentBox('Baik', 'Baik', 'Menengah'), 5);
    assert.equal(talentBox('Kurang', 'Kurang', 'Tinggi'), 6);
    assert.equal(talentBox('Sangat Baik', 'Baik', 'Menengah'), 7);
    assert.equal(talentBox('Baik', 'Sangat Baik', 'Tinggi'), 8);
    assert.equal(talentBox('Sangat Baik', 'Sangat Baik', 'Tinggi'), 9);
    assert.equal(talentBox(null, 'Baik', 'Tinggi'), 8);
    assert.equal(talentBox('Baik', 'Baik', null), null);
    assert.deepEqual([1, 3, 4, 6, 7, 9].map(talentGroup), ['pembinaan', 'pembinaan', 'rotasi', 'rotasi', 'suksesi', 'suksesi']);
  });
});

describe('sheet Aturan', () => {
  it('the JPM cut-offs and the as-of date come from Aturan', () => {
    const levels = { Integritas: 2, 'Kerja Sama': 2, Komunikasi: 2, 'Orientasi pada Hasil': 2, 'Pelayanan Publik': 2, 'Pengembangan Diri dan Orang Lain': 1, 'Mengelola Perubahan': 1, 'Pengambilan Keputusan': 1, 'Perekat Bangsa': 1 };
    // 14 / 18 = 77.78: marginal at the defaults, fine with a 75 % threshold, an error with 78 % as minimum.
    const spec = { employees: [employee(levels)], proposals: [proposal()] };
    const rules = (aturan: [string, string | number][]) => checkSheets(workbook({ ...spec, aturan })).result.findings.map((f) => f.rule);
    assert.ok(rules([['Tanggal Acuan', '23/11/2026']]).includes('COMPETENCY_FIT_MARGINAL'));
    assert.deepEqual(rules([['Tanggal Acuan', '23/11/2026'], ['JPM Memenuhi Syarat (%)', '75']]), []);
    assert.ok(rules([['Tanggal Acuan', '23/11/2026'], ['JPM Minimal (%)', '78,5']]).includes('COMPETENCY_FIT_LOW'));
    const r = checkSheets(workbook({ aturan: [['Tanggal Acuan', '2025-01-15']] })).result;
    assert.equal(r.asOf, '2025-01-15');
  });
  it('an unreadable value is VALUE_INVALID on its Nilai cell and the default stands', () => {
    const r = checkSheets(workbook({ aturan: [['Tanggal Acuan', '23/11/2026'], ['Masa Jabatan Minimal (bulan)', 'dua tahun']] })).result;
    const f = r.findings.find((x) => x.rule === 'VALUE_INVALID')!;
    assert.deepEqual({ sheet: f.sheet, cell: f.cell }, { sheet: 'Aturan', cell: 'B3' });
    assert.match(f.message, /dua tahun/);
    assert.equal(r.findings.filter((x) => x.rule === 'TENURE_MIN').length, 0);
  });
  it('an empty Nilai means "not set"', () => {
    const r = checkSheets(workbook({ aturan: [['Tanggal Acuan', '23/11/2026'], ['Larangan Mutasi Mulai', null as unknown as string], ['Larangan Mutasi Selesai', null as unknown as string]] })).result;
    assert.deepEqual(r.findings, []);
  });
  it('a parameter name is recognised without its unit in brackets', () => {
    const rules = (name: string) => checkSheets(workbook({ aturan: [['Tanggal Acuan', '23/11/2026'], [name, 60]] })).result.findings.map((f) => f.rule);
    assert.deepEqual(rules('Masa Jabatan Minimal (bulan)'), ['TENURE_MIN']);
    assert.deepEqual(rules('Masa Jabatan Minimal'), ['TENURE_MIN']);
    assert.deepEqual(rules('MASA JABATAN MINIMAL (Bln)'), ['TENURE_MIN']);
    assert.deepEqual(rules('Masa Jabatan Maksimal'), []);
  });
  it('a percentage typed as 70% (Excel keeps 0.7) is 70 %', () => {
    const levels = { Integritas: 2, 'Kerja Sama': 2, Komunikasi: 2, 'Orientasi pada Hasil': 2, 'Pelayanan Publik': 2, 'Pengembangan Diri dan Orang Lain': 1, 'Mengelola Perubahan': 1, 'Pengambilan Keputusan': 1, 'Perekat Bangsa': 1 };
    const spec = { employees: [employee(levels)], proposals: [proposal()] };
    const rules = (aturan: [string, string | number][]) => checkSheets(workbook({ ...spec, aturan })).result.findings.map((f) => f.rule);
    // 77.78: below a 78 % minimum typed as 0.78; above a 75 % threshold typed as 0.75.
    assert.deepEqual(rules([['Tanggal Acuan', '23/11/2026'], ['JPM Minimal (%)', 0.78]]), ['COMPETENCY_FIT_LOW']);
    assert.deepEqual(rules([['Tanggal Acuan', '23/11/2026'], ['JPM Memenuhi Syarat (%)', 0.75]]), []);
    assert.deepEqual(rules([['Tanggal Acuan', '23/11/2026'], ['JPM Memenuhi Syarat (%)', 75]]), []);
  });
  it('JPM Minimal above JPM Memenuhi Syarat is VALUE_INVALID and both keep their defaults', () => {
    const levels = { Integritas: 2, 'Kerja Sama': 2, Komunikasi: 2, 'Orientasi pada Hasil': 2, 'Pelayanan Publik': 2, 'Pengembangan Diri dan Orang Lain': 1, 'Mengelola Perubahan': 1, 'Pengambilan Keputusan': 1, 'Perekat Bangsa': 1 };
    const spec = { employees: [employee(levels)], proposals: [proposal()] };
    const r = checkSheets(workbook({ ...spec, aturan: [['Tanggal Acuan', '23/11/2026'], ['JPM Minimal (%)', 85], ['JPM Memenuhi Syarat (%)', 70]] })).result;
    const bad = r.findings.filter((f) => f.rule === 'VALUE_INVALID');
    assert.deepEqual(bad.map((f) => `${f.sheet}!${f.cell}`), ['Aturan!B3']);
    assert.match(bad[0]!.message, /85/);
    assert.ok(r.findings.some((f) => f.rule === 'COMPETENCY_FIT_MARGINAL'), 'the defaults 68 / 80 stand');
    const equal = checkSheets(workbook({ ...spec, aturan: [['Tanggal Acuan', '23/11/2026'], ['JPM Minimal (%)', 75], ['JPM Memenuhi Syarat (%)', 75]] })).result;
    assert.deepEqual(equal.findings, []);
  });
  it('a Larangan Mutasi Mulai followed by another Mulai is reported, not dropped silently', () => {
    const r = checkSheets(workbook({ aturan: [
      ['Tanggal Acuan', '23/11/2026'], ['Larangan Mutasi Mulai', '01/12/2026'],
      ['Larangan Mutasi Mulai', '01/02/2027'], ['Larangan Mutasi Selesai', '28/02/2027'],
    ] })).result;
    assert.deepEqual(r.findings.map((f) => `${f.rule}@${f.sheet}!${f.cell}`), ['VALUE_INVALID@Aturan!B3']);
  });
  it('several moratorium windows, each a pair of rows', () => {
    const r = checkSheets(workbook({ aturan: [
      ['Tanggal Acuan', '23/11/2026'], ['Larangan Mutasi Mulai', '01/01/2026'], ['Larangan Mutasi Selesai', '31/01/2026'],
      ['Larangan Mutasi Mulai', '01/01/2027'], ['Larangan Mutasi Selesai', '31/01/2027'],
    ] })).result;
    assert.deepEqual(r.findings.map((f) => f.rule), ['ELECTION_MORATORIUM']);
  });
});
