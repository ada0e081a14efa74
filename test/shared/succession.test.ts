/**
 * Talenta & Suksesi (RULES.md "Succession"): each readiness rule on its own designed case with both sides
 * of its limit, the candidates (PNS, not the holder, no LEVEL_DOWN, pool 7–9 and the 4–6 fallback), the
 * ranking and its ties, the emergency successor and the no-ready flag, "akan kosong" at the horizon, the
 * talent pool, a workbook without key posts, unknown Jabatan Kritikal values, and the pruned plan against
 * a brute force over every candidate on a demo agency.
 *
 * As-of 2026-11-23. The key post KABID is an Administrator seat (min III/c, S1, standard 3 in all nine,
 * BUP 58) in Dinas Kesehatan; candidates sit on Pengawas seats (one rung below) unless a case says
 * otherwise. The baseline candidate (III/c, S1, 53 months in post, SKP Sangat Baik / Baik, Potensi Tinggi
 * = box 9, every competency 3, JPM 100) is Siap sekarang.
 */
import { strict as assert } from 'node:assert';
import { checkSheets } from '../../shared/engine';
import type { Settings } from '../../shared/model';
import { buildDemo, demoWorkbook } from '../../sync-server/xlsx/demo';
import { sheetData } from '../../sync-server/xlsx/exceljs-gateway';
import { successionOf, successionSheets, readinessOf, keyPostReason, type KeyPost, type SuccessionResult } from '../../shared/succession';
import { proposerContext } from '../../shared/proposer/context';
import { personTerms, scoreOf, scoreParts } from '../../shared/proposer/score';
import { opensVacancy } from '../../shared/proposer/vacancies';
import { evaluateMove } from '../../shared/rules/transfer';
import { requirements } from '../../shared/requirements';
import { talentBox } from '../../shared/domain';
import { parseWorkbook } from '../../shared/workbook/reader';
import type { CellValue, SheetData } from '../../shared/workbook/gateway';
import { JABATAN_HEADERS, PEGAWAI_HEADERS, employee, position, sheet, type Row } from '../support/book';

const COMP = PEGAWAI_HEADERS.slice(16);
const levels = (l: number[] | null): Row => Object.fromEntries(COMP.map((n, i) => [n, l ? (l[i] ?? l[l.length - 1]!) : null]));
/** An NIP born 12 Mar 1985 (CPNS Jan 2010) with serial n (1–999). */
const nip = (n: number) => `198503122010011${String(n).padStart(3, '0')}`;

const POSTS: Row[] = [
  position({ 'Kode Jabatan': 'KABID', 'Nama Jabatan': 'Kepala Bidang Pelayanan', 'Jenis Jabatan': 'Administrator', 'Unit Kerja': 'Dinas Kesehatan', Kebutuhan: 1 }),
  position({ 'Kode Jabatan': 'KASI', 'Nama Jabatan': 'Kepala Seksi Data', 'Jenis Jabatan': 'Pengawas', 'Unit Kerja': 'Dinas Kesehatan', Kebutuhan: 60 }),
  position({ 'Kode Jabatan': 'STAF', 'Nama Jabatan': 'Pengadministrasi Umum', 'Jenis Jabatan': 'Pelaksana', 'Unit Kerja': 'Dinas Kesehatan', Kebutuhan: 10 }),
  position({ 'Kode Jabatan': 'KADIS', 'Nama Jabatan': 'Kepala Dinas Kesehatan', 'Jenis Jabatan': 'JPT Pratama', 'Unit Kerja': 'Dinas Kesehatan', Kebutuhan: 1 }),
];

/** A candidate on a Pengawas seat: the baseline, changed by `over`. */
function cand(n: number, over: Row = {}): Row {
  return employee({
    NIP: nip(n), Nama: `Calon ${n}`, Golongan: 'III/c', 'Kode Jabatan': 'KASI', 'TMT Jabatan': '01/06/2022', Diklat: 'PKA',
    'Unit Diminati': null, ...levels([3]), ...over,
  });
}

interface Spec {
  people: Row[];
  posts?: Row[];
  aturan?: [string, CellValue][];
  jabatanExtra?: string[];
}

function sheets(spec: Spec): SheetData[] {
  return [
    sheet('Pegawai', PEGAWAI_HEADERS, spec.people),
    sheet('Jabatan', [...JABATAN_HEADERS, 'Jabatan Kritikal', ...(spec.jabatanExtra ?? [])], spec.posts ?? POSTS),
    sheet('Aturan', ['Aturan', 'Nilai'], [['Tanggal Acuan', '23/11/2026'], ['Jumlah Suksesor', 20], ...(spec.aturan ?? [])].map(([k, v]) => ({ Aturan: k, Nilai: v }))),
  ];
}

function plan(spec: Spec): SuccessionResult {
  const { result, parsed } = successionSheets(sheets(spec));
  assert.ok(result, JSON.stringify(parsed.sink.list.slice(0, 3)));
  return result;
}
const post = (r: SuccessionResult, code = 'KABID'): KeyPost => r.posts.find((p) => p.code === code)!;
/** Readiness of each named candidate for KABID (absent = not a candidate). */
function readinessFor(spec: Spec): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of post(plan(spec)).successors) out[s.name] = s.readiness;
  return out;
}

describe('succession: readiness, one rule at a time (both sides of each limit)', () => {
  it('the baseline is Siap sekarang, with no blockers', () => {
    const p = post(plan({ people: [cand(1)] }));
    assert.equal(p.successors.length, 1);
    const s = p.successors[0]!;
    assert.equal(s.readiness, 'now');
    assert.equal(s.jpm, 100);
    assert.deepEqual(s.plan.blockers, []);
    assert.equal(s.box, 9);
    assert.equal(p.emergency, s.nip);
    assert.equal(p.noReadySuccessor, false);
    assert.equal(p.status, 'ready');
  });

  it('JPM Memenuhi Syarat: at the limit ready now, just below it 1–2 years (no error, gaps of one level)', () => {
    // 25/27 = 92.59 %, 24/27 = 88.89 %; the limit set to 92.59.
    const r = readinessFor({
      people: [cand(1, { Nama: 'at', ...levels([3, 3, 3, 3, 3, 3, 3, 2, 2]) }), cand(2, { Nama: 'below', ...levels([3, 3, 3, 3, 3, 3, 2, 2, 2]) })],
      aturan: [['JPM Memenuhi Syarat (%)', 92.59]],
    });
    assert.deepEqual(r, { at: 'now', below: 'soon' });
  });

  it('TENURE_MIN: 24 months in post is ready now; 23 months is 1–2 years, with the day the tenure is reached', () => {
    const p = post(plan({ people: [cand(1, { Nama: '24', 'TMT Jabatan': '23/11/2024' }), cand(2, { Nama: '23', 'TMT Jabatan': '24/11/2024' })] }));
    const by = Object.fromEntries(p.successors.map((s) => [s.name, s]));
    assert.equal(by['24']!.readiness, 'now');
    assert.equal(by['23']!.readiness, 'soon');
    assert.deepEqual(by['23']!.plan.blockers.map((b) => b.rule), ['TENURE_MIN']);
    assert.equal(by['23']!.plan.tenureReachedOn, '2026-11-24');
  });

  it('RANK_BELOW_MIN: one step below a structural post is a warning (ready now), two steps 1–2 years, three not yet', () => {
    const r = readinessFor({
      people: [cand(1, { Nama: 'III/b', Golongan: 'III/b' }), cand(2, { Nama: 'III/a', Golongan: 'III/a' }), cand(3, { Nama: 'II/d', Golongan: 'II/d' })],
    });
    assert.deepEqual(r, { 'III/b': 'now', 'III/a': 'soon', 'II/d': 'notYet' });
  });

  it('COMPETENCY_FIT_LOW: 1–2 years when no competency is more than one level short; not yet at two levels short', () => {
    const r = readinessFor({
      people: [
        cand(1, { Nama: 'all 2', ...levels([2]) }), // 66.67 % < 68: FIT_LOW, each one level short
        cand(2, { Nama: 'one 1', ...levels([1, 2, 2, 2, 2, 2, 2, 2, 2]) }), // 62.96 %: FIT_LOW, one two levels short
        cand(3, { Nama: 'marginal, one 1', ...levels([1, 3, 3, 3, 3, 2, 2, 2, 2]) }), // 77.78 %: no error, but two levels short
        cand(4, { Nama: 'high, one 1', ...levels([1, 3, 3, 3, 3, 3, 3, 3, 3]) }), // 92.59 %: ready now whatever the gap
        cand(5, { Nama: 'none', ...levels(null) }),
      ],
    });
    assert.deepEqual(r, { 'all 2': 'soon', 'one 1': 'notYet', 'marginal, one 1': 'notYet', 'high, one 1': 'now', none: 'notYet' });
  });

  it('the error rules outside the 1–2 year list make a candidate not yet ready: PERFORMANCE_LOW, DISCIPLINE_ACTIVE, LEVEL_SKIP, EDUCATION_BELOW_MIN, RETIREMENT_PASSED', () => {
    const r = readinessFor({
      people: [
        cand(1, { Nama: 'skp', 'SKP Dua Tahun Lalu': 'Kurang' }),
        cand(2, { Nama: 'hukdis sedang', 'Hukuman Disiplin': 'Sedang', 'Hukdis Berakhir': '01/01/2027' }),
        cand(3, { Nama: 'hukdis ringan', 'Hukuman Disiplin': 'Ringan', 'Hukdis Berakhir': '01/01/2027' }),
        cand(4, { Nama: 'hukdis over', 'Hukuman Disiplin': 'Sedang', 'Hukdis Berakhir': '22/11/2026' }),
        cand(5, { Nama: 'pelaksana', 'Kode Jabatan': 'STAF' }),
        cand(6, { Nama: 'D3', Pendidikan: 'D3' }),
        cand(7, { Nama: 'retired', NIP: '196811232000121007', 'Tanggal Lahir': '23/11/1968' }),
        cand(8, { Nama: 'not yet retired', NIP: '196811242000121008', 'Tanggal Lahir': '24/11/1968' }),
      ],
    });
    assert.deepEqual(r, {
      skp: 'notYet', 'hukdis sedang': 'notYet', 'hukdis ringan': 'now', 'hukdis over': 'now', pelaksana: 'notYet', D3: 'notYet',
      retired: 'notYet', 'not yet retired': 'now',
    });
  });

  it('warnings never change readiness; they, the gaps and the Diklat Wajib missing make the development plan', () => {
    const posts = [...POSTS];
    posts[0] = position({ ...POSTS[0], 'Diklat Wajib': 'PKA; Diklat Kepemimpinan Klinis', 'Golongan Maksimal': 'III/d' });
    const p = post(plan({ people: [cand(1, { Golongan: 'IV/a', ...levels([3, 3, 3, 3, 3, 3, 3, 3, 2]) })], posts }));
    const s = p.successors[0]!;
    assert.equal(s.readiness, 'now');
    assert.deepEqual(s.plan.warnings.map((w) => w.rule).sort(), ['RANK_ABOVE_MAX', 'TRAINING_MISSING']);
    assert.deepEqual(s.plan.missingTrainings, ['Diklat Kepemimpinan Klinis']);
    assert.deepEqual(s.plan.gaps, [{ competency: 'Perekat Bangsa', actual: 2, standard: 3 }]);
    assert.match(s.plan.warnings.find((w) => w.rule === 'TRAINING_MISSING')!.message, /Kepemimpinan Klinis/);
  });

  it('readinessOf on its own', () => {
    const f = { jpm: 90, jpmOk: 80, rankStepsBelow: 0, levels: [3, 3, 3, 3, 3, 3, 3, 3, 3], standards: [3, 3, 3, 3, 3, 3, 3, 3, 3] };
    assert.equal(readinessOf([], [], f), 'now');
    assert.equal(readinessOf(['TENURE_MIN'], [], f), 'soon');
    assert.equal(readinessOf([], ['RANK_BELOW_MIN'], { ...f, rankStepsBelow: 2 }), 'soon');
    assert.equal(readinessOf([], ['RANK_BELOW_MIN'], { ...f, rankStepsBelow: 3 }), 'notYet');
    assert.equal(readinessOf(['TENURE_MIN'], ['LEVEL_SKIP'], f), 'notYet');
    assert.equal(readinessOf([], [], { ...f, jpm: null, levels: null }), 'notYet');
  });
});

describe('succession: candidates, ranking, flags', () => {
  it('candidates: PNS, boxes 7–9, not the holder, no LEVEL_DOWN; CPNS and a JPT holder are not candidates', () => {
    const r = plan({
      people: [
        cand(1, { Nama: 'pool' }),
        cand(2, { Nama: 'cpns', Status: 'CPNS' }),
        cand(3, { Nama: 'holder', 'Kode Jabatan': 'KABID' }),
        cand(4, { Nama: 'jpt', 'Kode Jabatan': 'KADIS', Golongan: 'IV/a' }),
        cand(5, { Nama: 'box 5', 'SKP Tahun Lalu': 'Baik', Potensi: 'Menengah' }),
        cand(6, { Nama: 'box 1', 'SKP Tahun Lalu': 'Butuh Perbaikan', Potensi: 'Rendah' }),
        cand(7, { Nama: 'box 7', Potensi: 'Menengah' }),
        cand(8, { Nama: 'box 8', 'SKP Tahun Lalu': 'Baik' }),
      ],
      aturan: [['Jumlah Suksesor', 3]],
    });
    const p = post(r);
    assert.deepEqual(p.successors.map((s) => s.name).sort(), ['box 7', 'box 8', 'pool']);
    assert.deepEqual(p.candidates, { pool: 3, outside: 0 });
    assert.deepEqual(p.holders.map((h) => h.name), ['holder']);
    // The JPT holder is a candidate for nothing below it; the Administrator holder is one for KADIS.
    assert.ok(post(r, 'KADIS').successors.some((s) => s.name === 'holder'));
  });

  it('fewer pool candidates than Jumlah Suksesor: boxes 4–6 join, marked as from outside the pool; never boxes 1–3', () => {
    const people = [
      cand(1, { Nama: 'box 9' }),
      cand(2, { Nama: 'box 8', 'SKP Tahun Lalu': 'Baik' }),
      cand(3, { Nama: 'box 6', 'SKP Tahun Lalu': 'Butuh Perbaikan', 'SKP Dua Tahun Lalu': 'Baik' }),
      cand(4, { Nama: 'box 4', Potensi: 'Rendah' }),
      cand(5, { Nama: 'box 3', 'SKP Tahun Lalu': 'Kurang', Potensi: 'Menengah' }),
    ];
    const p = post(plan({ people, aturan: [['Jumlah Suksesor', 3]] }));
    assert.deepEqual(p.candidates, { pool: 2, outside: 2 });
    // Once in, the outside people are ranked like everyone else: box 4 (SKP Sangat Baik) scores above box 8 (Baik).
    assert.deepEqual(p.successors.map((s) => [s.name, s.outsidePool]), [['box 9', false], ['box 4', true], ['box 8', false]]);
    // box 6's SKP Butuh Perbaikan last year is PERFORMANCE_LOW: not yet, ranked last.
    const all = post(plan({ people, aturan: [['Jumlah Suksesor', 5]] }));
    assert.deepEqual(all.successors.map((s) => s.name), ['box 9', 'box 4', 'box 8', 'box 6']);
    // With two successors asked for, the pool suffices: nobody from outside.
    const two = post(plan({ people, aturan: [['Jumlah Suksesor', 2]] }));
    assert.deepEqual(two.candidates, { pool: 2, outside: 0 });
    assert.deepEqual(two.successors.map((s) => s.outsidePool), [false, false]);
  });

  it('ranking: readiness first, then the proposal score, then NIP; the first Siap sekarang is the emergency successor', () => {
    const r = plan({
      people: [
        cand(30, { Nama: 'soon, best score', 'TMT Jabatan': '01/01/2025', 'Unit Diminati': 'Dinas Kesehatan' }),
        cand(20, { Nama: 'now, tie B' }),
        cand(10, { Nama: 'now, tie A' }),
        cand(40, { Nama: 'now, preferred unit', 'Unit Diminati': 'Dinas Kesehatan' }),
        cand(50, { Nama: 'now, lower JPM', ...levels([3, 3, 3, 3, 3, 3, 3, 3, 2]) }),
      ],
    });
    const p = post(r);
    assert.deepEqual(p.successors.map((s) => s.name), ['now, preferred unit', 'now, tie A', 'now, tie B', 'now, lower JPM', 'soon, best score']);
    assert.deepEqual(p.successors.map((s) => s.rank), [1, 2, 3, 4, 5]);
    assert.equal(p.successors[1]!.score, p.successors[2]!.score);
    assert.ok(p.successors[4]!.score > p.successors[0]!.score - 1e-9 || p.successors[4]!.readiness === 'soon');
    assert.equal(p.emergency, nip(40));
    assert.deepEqual(p.successors.map((s) => s.emergency), [true, false, false, false, false]);
    // The score is the proposer's, part by part.
    const s = p.successors[0]!;
    assert.equal(s.score, s.parts.jpm + s.parts.performance + s.parts.rotation + s.parts.preference + s.parts.major + s.parts.newVacancy);
    assert.equal(s.parts.preference, 10);
  });

  it('no candidate ready now: the post is flagged, its status says 1–2 years or none, and there is no emergency successor', () => {
    const soon = post(plan({ people: [cand(1, { 'TMT Jabatan': '01/01/2026' })] }));
    assert.deepEqual([soon.noReadySuccessor, soon.status, soon.emergency], [true, 'soon', null]);
    const none = post(plan({ people: [cand(1, { 'Kode Jabatan': 'STAF' })] }));
    assert.deepEqual([none.noReadySuccessor, none.status, none.emergency], [true, 'none', null]);
    const empty = post(plan({ people: [cand(1, { 'SKP Tahun Lalu': 'Baik', Potensi: 'Rendah' })] }));
    assert.deepEqual([empty.successors.length, empty.noReadySuccessor, empty.status], [0, true, 'none']);
    const r = plan({ people: [cand(1, { 'TMT Jabatan': '01/01/2026' })] });
    assert.equal(r.counts.withoutReady, r.posts.length);
  });

  it('"akan kosong": a holder reaching BUP 58 exactly at the end of the horizon counts, a day later does not', () => {
    const holder = (n: number, birth: string, nipText: string) => cand(n, { Nama: `holder ${birth}`, NIP: nipText, 'Tanggal Lahir': birth, 'Kode Jabatan': 'KABID' });
    const at = plan({ people: [holder(1, '23/11/1970', '197011232000121001'), cand(2)] });
    assert.equal(post(at).opensOn, '2028-11-23');
    assert.deepEqual(post(at).holders.map((h) => [h.retiresOn, h.withinHorizon]), [['2028-11-23', true]]);
    assert.equal(at.settings.horizonEnd, '2028-11-23');
    const after = plan({ people: [holder(1, '24/11/1970', '197011242000121001'), cand(2)] });
    assert.equal(post(after).opensOn, null);
    assert.equal(post(after).vacantNow, false);
    // A longer horizon (Aturan) takes it in.
    const longer = plan({ people: [holder(1, '24/11/1970', '197011242000121001'), cand(2)], aturan: [['Horizon Pensiun (bulan)', 25]] });
    assert.equal(post(longer).opensOn, '2028-11-24');
    assert.equal(longer.counts.opening, 1);
    // No holder at all: vacant now.
    assert.equal(post(plan({ people: [cand(2)] })).vacantNow, true);
  });

  it('key posts: JPT and Administrator always, others only with Jabatan Kritikal = Ya; an unknown value is VALUE_INVALID and no key post', () => {
    const posts = [
      ...POSTS,
      position({ 'Kode Jabatan': 'DOKTER', 'Nama Jabatan': 'Dokter Ahli Madya', 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Madya', 'Unit Kerja': 'RSUD', 'Jabatan Kritikal': 'Ya' }),
      position({ 'Kode Jabatan': 'PERAWAT', 'Nama Jabatan': 'Perawat Ahli Muda', 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Muda', 'Unit Kerja': 'RSUD', 'Jabatan Kritikal': 'Mungkin' }),
      position({ 'Kode Jabatan': 'KABID2', 'Nama Jabatan': 'Kepala Bidang Lain', 'Jenis Jabatan': 'Administrator', 'Unit Kerja': 'RSUD', 'Jabatan Kritikal': 'Tidak' }),
    ];
    const r = plan({ people: [cand(1)], posts });
    assert.deepEqual(r.posts.map((p) => [p.code, p.reason]), [['DOKTER', 'critical'], ['KABID', 'administrator'], ['KABID2', 'administrator'], ['KADIS', 'jpt']]);
    const check = checkSheets(sheets({ people: [cand(1)], posts })).result;
    const bad = check.findings.filter((f) => f.rule === 'VALUE_INVALID' && f.sheet === 'Jabatan');
    assert.equal(bad.length, 1);
    assert.equal(bad[0]!.cell, `M${posts.length}`);
    assert.match(bad[0]!.message, /Mungkin/);
    const parsed = parseWorkbook(sheets({ people: [cand(1)], posts })).book!;
    assert.equal(keyPostReason(parsed.positions.find((p) => p.code === 'PERAWAT')!), null);
  });

  it('a workbook without key posts: no posts, the talent pool all the same', () => {
    const r = plan({ people: [cand(1), cand(2, { 'SKP Tahun Lalu': null, 'SKP Dua Tahun Lalu': null })], posts: [POSTS[1]!, POSTS[2]!] });
    assert.deepEqual(r.posts, []);
    assert.deepEqual(r.counts, { keyPosts: 0, withoutReady: 0, withoutSuccessor: 0, opening: 0, vacantNow: 0 });
    assert.equal(r.talent.people.length, 2);
    assert.equal(r.talent.byBox[8], 1);
    assert.equal(r.talent.unboxed, 1);
    assert.deepEqual(r.talent.byUnit, [{ unit: 'Dinas Kesehatan', boxes: [0, 0, 0, 0, 0, 0, 0, 0, 1], total: 1, unboxed: 1 }]);
  });

  it('talent pool: every PNS with box and group, counts per box, group and unit; non-PNS left out', () => {
    const r = plan({
      people: [
        cand(1), cand(2, { 'SKP Tahun Lalu': 'Baik', Potensi: 'Menengah' }), cand(3, { 'SKP Tahun Lalu': 'Kurang', Potensi: 'Rendah' }),
        cand(4, { Status: 'PPPK' }), cand(5, { 'Kode Jabatan': 'KABID', 'SKP Tahun Lalu': null, 'SKP Dua Tahun Lalu': 'Sangat Baik', Potensi: 'Menengah' }),
      ],
    });
    assert.deepEqual(r.talent.people.map((p) => [p.nip, p.box, p.group]), [[nip(1), 9, 'suksesi'], [nip(2), 5, 'rotasi'], [nip(3), 1, 'pembinaan'], [nip(5), 7, 'suksesi']]);
    assert.deepEqual(r.talent.groups, { suksesi: 2, rotasi: 1, pembinaan: 1 });
    assert.equal(r.talent.byBox.reduce((a, b) => a + b, 0), 4);
  });
});

describe('succession: the pruned plan equals a brute force over every candidate', function () {
  this.timeout(120_000);
  it('on a demo agency with critical posts (every post, every successor, readiness, score and order)', () => {
    const data = buildDemo({ employees: 700, seed: 3 });
    const wb = demoWorkbook(data, 3).workbook;
    const book = parseWorkbook(wb.worksheets.map((w) => sheetData(w))).book!;
    // Some functional posts critical, so majors and skill ladders are among the key posts; 4 successors.
    book.positions.forEach((p, i) => { if (p.type === 'Fungsional' && i % 3 === 0) p.critical = true; });
    (book.settings as Settings).successorCount = 4;
    const r = successionOf(book);
    assert.ok(r.posts.length > 40, `${r.posts.length} key posts`);
    assert.ok(r.stats.engineCalls < r.posts.length * 40, `engine calls ${r.stats.engineCalls}`);
    const brute = bruteForce(book, 4);
    for (const p of r.posts) {
      const want = brute.get(p.code)!;
      assert.deepEqual(p.successors.map((s) => [s.nip, s.readiness, s.score, s.outsidePool]), want.list, p.code);
      assert.deepEqual(p.candidates, want.candidates, `${p.code} candidates`);
    }
    const kinds = new Set(r.posts.flatMap((p) => p.successors.map((s) => s.readiness)));
    assert.ok(kinds.has('now') && kinds.has('soon'), [...kinds].join());
  });

  it('with more successors asked for than the pool holds: boxes 4–6 join, still exactly the brute force', () => {
    const data = buildDemo({ employees: 300, seed: 5 });
    const book = parseWorkbook(demoWorkbook(data, 5).workbook.worksheets.map((w) => sheetData(w))).book!;
    (book.settings as Settings).successorCount = 150;
    const r = successionOf(book);
    assert.ok(r.posts.some((p) => p.candidates.outside > 0 && p.successors.some((s) => s.outsidePool)));
    const brute = bruteForce(book, 150);
    for (const p of r.posts) {
      const want = brute.get(p.code)!;
      assert.deepEqual(p.successors.map((s) => [s.nip, s.readiness, s.score, s.outsidePool]), want.list, p.code);
      assert.deepEqual(p.candidates, want.candidates, `${p.code} candidates`);
    }
  });
});

/** Every PNS of boxes 4–9 judged by the engine for every key post, ranked as RULES.md says. */
function bruteForce(book: Parameters<typeof successionOf>[0], N: number) {
  const c = proposerContext(book);
  const s = book.settings;
  const out = new Map<string, { list: [string, string, number, boolean][]; candidates: { pool: number; outside: number } }>();
  const people = [...c.idx.employees.values()].filter((e) => e.status === 'PNS').sort((a, b) => (a.nip < b.nip ? -1 : 1));
  for (const p of c.idx.positions.values()) {
    if (!keyPostReason(p)) continue;
    const req = requirements(p);
    const judged = people.flatMap((e) => {
      const box = talentBox(e.skpLast, e.skpBefore, e.potential);
      if (box === null || box < 4 || e.positionCode === p.code) return [];
      const m = evaluateMove(c.move, e, p, { date: s.asOf, reason: null });
      if (m.findings.some((f) => f.rule === 'LEVEL_DOWN')) return [];
      const errors = m.findings.filter((f) => f.severity === 'error').map((f) => f.rule);
      const readiness = readinessOf(errors, [], {
        jpm: m.jpm, jpmOk: s.jpmOk, rankStepsBelow: e.rank ? req.minRankIndex - ['I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'].indexOf(e.rank) : 0,
        levels: e.competencies, standards: req.standards,
      });
      const terms = personTerms(e, s.weights, s.tenureMaxMonths, s.asOf, !opensVacancy(c.counts, e.positionCode));
      const score = scoreOf(scoreParts(e, p, m.jpm, s.weights, terms));
      return [{ nip: e.nip, readiness, score, inPool: box >= 7 }];
    });
    const pool = judged.filter((j) => j.inPool).length;
    const withOutside = pool < N;
    const order = { now: 0, soon: 1, notYet: 2 };
    const list = judged
      .filter((j) => j.inPool || withOutside)
      .sort((a, b) => order[a.readiness] - order[b.readiness] || b.score - a.score || (a.nip < b.nip ? -1 : 1))
      .slice(0, N)
      .map((j): [string, string, number, boolean] => [j.nip, j.readiness, j.score, !j.inPool]);
    out.set(p.code, { list, candidates: { pool, outside: withOutside ? judged.length - pool : 0 } });
  }
  return out;
}
