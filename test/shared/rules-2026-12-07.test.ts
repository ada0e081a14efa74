/**
 * RULES.md of 2026-12-07: EDUCATION_FIELD_MISMATCH is an error into a Fungsional target; LEVEL_SKIP and
 * LEVEL_DOWN compare moves between ladders by the "Equivalent rungs" table; VALUE_INVALID for a TMT
 * Jabatan before the NIP's TMT CPNS month and for a TMT Mutasi before the TMT Jabatan.
 */
import { strict as assert } from 'node:assert';
import { checkSheets } from '../../shared/engine';
import { proposeBook } from '../../shared/proposer';
import { monthsInPost } from '../../shared/rules/transfer';
import type { CheckResult, Finding, RuleId, Severity } from '../../shared/rules/types';
import { BASE_POSITIONS, NIP_A, NIP_B, employee, position, proposal, workbook, type BookSpec } from '../support/book';

function run(spec: BookSpec = {}, lang: 'id' | 'en' = 'id'): CheckResult {
  return checkSheets(workbook(spec), { lang }).result;
}
const find = (r: CheckResult, rule: RuleId): Finding[] => r.findings.filter((f) => f.rule === rule);
function expectOne(r: CheckResult, rule: RuleId, severity: Severity, sheetName: string, cell: string): Finding {
  const hits = find(r, rule);
  assert.equal(hits.length, 1, `${rule}: expected one finding, got ${JSON.stringify(r.findings.map((f) => `${f.rule}@${f.sheet}!${f.cell}`))}`);
  assert.deepEqual({ severity: hits[0]!.severity, sheet: hits[0]!.sheet, cell: hits[0]!.cell }, { severity, sheet: sheetName, cell });
  return hits[0]!;
}
const expectNone = (r: CheckResult, rule: RuleId) => assert.deepEqual(find(r, rule).map((f) => f.message), [], `${rule} must not be reported`);

/** [Jenis Jabatan, Jenjang] of every rung of every ladder. */
type Kind = [string, string | null];
const KINDS: Kind[] = [
  ['Pelaksana', null], ['Pengawas', null], ['Administrator', null], ['JPT Pratama', null], ['JPT Madya', null], ['JPT Utama', null],
  ['Fungsional', 'Ahli Pertama'], ['Fungsional', 'Ahli Muda'], ['Fungsional', 'Ahli Madya'], ['Fungsional', 'Ahli Utama'],
  ['Fungsional', 'Pemula'], ['Fungsional', 'Terampil'], ['Fungsional', 'Mahir'], ['Fungsional', 'Penyelia'],
];
const name = (k: Kind) => (k[1] ? k[1] : k[0]);
/** RULES.md "Equivalent rungs", written out again here (not taken from the code). */
const EQUIVALENT: Record<string, number> = {
  Pelaksana: 0, Pengawas: 1, Administrator: 2, 'JPT Pratama': 3, 'JPT Madya': 4, 'JPT Utama': 5,
  'Ahli Pertama': 1, 'Ahli Muda': 2, 'Ahli Madya': 3, 'Ahli Utama': 4,
  Pemula: 0, Terampil: 0, Mahir: 0, Penyelia: 1,
};
/** Each ladder's own order. */
const LADDER: Record<string, [string, number]> = {
  Pelaksana: ['S', 0], Pengawas: ['S', 1], Administrator: ['S', 2], 'JPT Pratama': ['S', 3], 'JPT Madya': ['S', 4], 'JPT Utama': ['S', 5],
  'Ahli Pertama': ['A', 0], 'Ahli Muda': ['A', 1], 'Ahli Madya': ['A', 2], 'Ahli Utama': ['A', 3],
  Pemula: ['K', 0], Terampil: ['K', 1], Mahir: ['K', 2], Penyelia: ['K', 3],
};

function moveBook(from: Kind, to: Kind): BookSpec {
  return {
    employees: [employee({ 'Kode Jabatan': 'ASAL', Golongan: 'IV/e', Pendidikan: 'S3' })],
    positions: [
      position({ 'Kode Jabatan': 'ASAL', 'Jenis Jabatan': from[0], Jenjang: from[1], 'Unit Kerja': 'BKPSDM', Kebutuhan: 2 }),
      position({ 'Kode Jabatan': 'TUJUAN', 'Jenis Jabatan': to[0], Jenjang: to[1], Kebutuhan: 1 }),
    ],
    proposals: [proposal({ 'Kode Jabatan Tujuan': 'TUJUAN' })],
  };
}
function levelRules(from: Kind, to: Kind): RuleId[] {
  return run(moveBook(from, to)).findings.filter((f) => f.rule === 'LEVEL_SKIP' || f.rule === 'LEVEL_DOWN').map((f) => f.rule);
}

describe('rules 2026-12-07: equivalent rungs between ladders', () => {
  // The table's examples, each in both directions.
  const examples: [string, string, RuleId | null, RuleId | null][] = [
    // from, to, forward, backward
    ['Pelaksana', 'Ahli Pertama', null, 'LEVEL_DOWN'], // 0 → 1 allowed; 1 → 0 down
    ['Pelaksana', 'Ahli Muda', 'LEVEL_SKIP', 'LEVEL_DOWN'], // 0 → 2
    ['Ahli Muda', 'Administrator', null, null], // lateral both ways
    ['JPT Pratama', 'Ahli Muda', 'LEVEL_DOWN', null], // 3 → 2 down; 2 → 3 one rung up
    ['Penyelia', 'Pelaksana', 'LEVEL_DOWN', null], // 1 → 0; 0 → 1
    ['Pemula', 'Mahir', 'LEVEL_SKIP', 'LEVEL_DOWN'], // within the skill ladder: two rungs
    ['Administrator', 'Ahli Pertama', 'LEVEL_DOWN', null], // the issue's example; 1 → 2 is one up
    ['Ahli Utama', 'Pelaksana', 'LEVEL_DOWN', 'LEVEL_SKIP'], // "any Ahli into Pelaksana"
  ];
  const kind = (n: string): Kind => KINDS.find((k) => name(k) === n)!;
  for (const [a, b, fwd, back] of examples) {
    it(`${a} → ${b}: ${fwd ?? 'allowed'}; ${b} → ${a}: ${back ?? 'allowed'}`, () => {
      assert.deepEqual(levelRules(kind(a), kind(b)), fwd ? [fwd] : []);
      assert.deepEqual(levelRules(kind(b), kind(a)), back ? [back] : []);
    });
  }

  it('every pair of rungs of every ladder agrees with the table (196 moves)', () => {
    for (const from of KINDS) {
      for (const to of KINDS) {
        if (from === to) continue;
        const [la, ra] = LADDER[name(from)]!;
        const [lb, rb] = LADDER[name(to)]!;
        const up = la === lb ? rb - ra : EQUIVALENT[name(to)]! - EQUIVALENT[name(from)]!;
        const want: RuleId[] = up > 1 ? ['LEVEL_SKIP'] : up < 0 ? ['LEVEL_DOWN'] : [];
        assert.deepEqual(levelRules(from, to), want, `${name(from)} → ${name(to)}`);
      }
    }
  });

  it('messages say the comparison was by equivalent rung, with its source, in both languages', () => {
    const skip = run(moveBook(['Pelaksana', null], ['Fungsional', 'Ahli Muda']));
    assert.match(expectOne(skip, 'LEVEL_SKIP', 'error', 'Usulan', 'C2').message, /dari Pelaksana ke Fungsional Ahli Muda melewati 1 jenjang setara.*PermenPAN-RB 17\/2021/);
    const down = run(moveBook(['JPT Pratama', null], ['Fungsional', 'Ahli Muda']), 'en');
    assert.match(expectOne(down, 'LEVEL_DOWN', 'warning', 'Usulan', 'C2').message, /below the current position \(JPT Pratama\) by equivalent rung.*PP 94\/2021 Pasal 8; PermenPAN-RB 17\/2021/);
    // Within a ladder, no mention of equivalence.
    const within = run(moveBook(['Pelaksana', null], ['Administrator', null]));
    assert.doesNotMatch(expectOne(within, 'LEVEL_SKIP', 'error', 'Usulan', 'C2').message, /setara/);
  });
});

describe('rules 2026-12-07: EDUCATION_FIELD_MISMATCH by kind of target', () => {
  const into = (type: string, level: string | null, jurusan = 'Pendidikan Matematika'): CheckResult =>
    run({
      employees: [employee({ Jurusan: jurusan, 'Kode Jabatan': 'ASAL', Golongan: 'III/c' })],
      positions: [
        position({ 'Kode Jabatan': 'ASAL', 'Jenis Jabatan': type, Jenjang: level, 'Unit Kerja': 'Dinas Pendidikan', Kebutuhan: 2 }),
        position({ 'Kode Jabatan': 'TUJUAN', 'Jenis Jabatan': type, Jenjang: level, 'Rumpun Jurusan': 'Farmasi; Apoteker', Kebutuhan: 1 }),
      ],
      proposals: [proposal({ 'Kode Jabatan Tujuan': 'TUJUAN' })],
    });
  for (const [type, level] of KINDS) {
    const functional = type === 'Fungsional';
    it(`into ${level ?? type}: ${functional ? 'error' : 'warning'}; none when the Jurusan matches`, () => {
      const f = expectOne(into(type, level), 'EDUCATION_FIELD_MISMATCH', functional ? 'error' : 'warning', 'Usulan', 'C2');
      if (functional) assert.match(f.message, /Jabatan fungsional hanya dapat diisi melalui perpindahan.*PermenPAN-RB 1\/2023.*UU 17\/2023/);
      else assert.doesNotMatch(f.message, /PermenPAN-RB 1\/2023/);
      expectNone(into(type, level, 'Farmasi Klinis'), 'EDUCATION_FIELD_MISMATCH');
    });
  }

  it('the verdict of a teacher into a pharmacist post is error; English names the source', () => {
    const r = into('Fungsional', 'Ahli Pertama');
    assert.equal(r.proposals[0]!.verdict, 'error');
    const en = checkSheets(
      workbook({
        employees: [employee({ Jurusan: 'Pendidikan Matematika' })],
        positions: [BASE_POSITIONS[0]!, position({ 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Pertama', 'Rumpun Jurusan': 'Kedokteran Gigi' })],
      }),
      { lang: 'en' },
    ).result;
    assert.match(find(en, 'EDUCATION_FIELD_MISMATCH')[0]!.message, /A functional position can be entered by transfer only with its qualification \(PermenPAN-RB 1\/2023/);
  });

  it('the proposer never puts a teacher into a functional health post, but may into a structural one with the warning', () => {
    const sheets = workbook({
      employees: [employee({ Jurusan: 'Pendidikan Biologi', 'Kode Jabatan': 'GURU', 'TMT Jabatan': '01/01/2020' })],
      positions: [
        position({ 'Kode Jabatan': 'GURU', 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Pertama', 'Unit Kerja': 'Dinas Pendidikan', Kebutuhan: 1 }),
        position({ 'Kode Jabatan': 'APOTEKER', 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Pertama', 'Rumpun Jurusan': 'Farmasi', Kebutuhan: 1 }),
      ],
      proposals: [],
    });
    const { result, book } = checkSheets(sheets);
    const p = proposeBook(book!, { findings: result.findings });
    assert.deepEqual(p.plan.moves, []);
    assert.deepEqual(p.whyNot(NIP_A, 'APOTEKER').blocks.map((b) => b.rule), ['EDUCATION_FIELD_MISMATCH']);
    // A structural seat listing the same field: a warning, so a candidate (unless --tanpa-peringatan).
    const structural = workbook({
      employees: [employee({ Jurusan: 'Pendidikan Biologi', 'Kode Jabatan': 'GURU', 'TMT Jabatan': '01/01/2020' })],
      positions: [
        position({ 'Kode Jabatan': 'GURU', 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Pertama', 'Unit Kerja': 'Dinas Pendidikan', Kebutuhan: 1 }),
        position({ 'Kode Jabatan': 'KASI', 'Jenis Jabatan': 'Pengawas', 'Rumpun Jurusan': 'Farmasi', Kebutuhan: 1 }),
      ],
      proposals: [],
    });
    const s = checkSheets(structural);
    assert.deepEqual(proposeBook(s.book!, { findings: s.result.findings }).plan.moves.map((m) => m.toCode), ['KASI']);
    assert.deepEqual(proposeBook(s.book!, { findings: s.result.findings, withoutWarnings: true }).plan.moves, []);
  });
});

describe('rules 2026-12-07: impossible dates', () => {
  it('VALUE_INVALID for a TMT Jabatan before the month of TMT CPNS in the NIP; no ROTATION_DUE of 1456 months', () => {
    // NIP_A: CPNS January 2010. 2019 typed alone is Excel's serial 2019 = 11 July 1905.
    const r = run({ employees: [employee({ 'TMT Jabatan': 2019 })], proposals: [] });
    const f = expectOne(r, 'VALUE_INVALID', 'error', 'Pegawai', 'F2');
    assert.match(f.message, /^TMT Jabatan "1905-07-11" tidak sah; TMT jabatan tidak boleh sebelum bulan TMT CPNS dalam NIP \(digit 9–14: 2010-01\); tahun saja \(mis\. 2019\)/);
    expectNone(r, 'ROTATION_DUE');
    const en = run({ employees: [employee({ 'TMT Jabatan': '31/12/2009' })], proposals: [] }, 'en');
    assert.match(expectOne(en, 'VALUE_INVALID', 'error', 'Pegawai', 'F2').message, /cannot be before the CPNS start month in the NIP \(digits 9–14: 2010-01\)/);
    // The month of TMT CPNS itself is possible (a first post from the 15th of that month).
    expectNone(run({ employees: [employee({ 'TMT Jabatan': '15/01/2010' })], proposals: [] }), 'VALUE_INVALID');
    expectNone(run({ employees: [employee({ 'TMT Jabatan': '01/01/2010' })], proposals: [] }), 'VALUE_INVALID');
  });

  it('the proposer does not move a person whose TMT Jabatan is impossible, and gives no rotation bonus, even without findings', () => {
    const sheets = workbook({
      employees: [employee({ 'TMT Jabatan': 2019 }), employee({ NIP: NIP_B, Nama: 'Siti', 'Tanggal Lahir': null, 'TMT Jabatan': '01/01/2023' })],
      proposals: [],
    });
    const { book } = checkSheets(sheets);
    const p = proposeBook(book!); // no findings passed
    assert.deepEqual(p.plan.moves.map((m) => m.nip), [NIP_B]);
    const e = book!.employees.find((x) => x.nip === NIP_A)!;
    assert.equal(monthsInPost(e, book!.settings.asOf), null, 'no months in post from 1905, so no Bobot Rotasi');
  });

  it('VALUE_INVALID on the TMT Mutasi cell for a TMT Mutasi before the TMT Jabatan; no TENURE_MIN with negative months', () => {
    const r = run({ employees: [employee({ 'TMT Jabatan': '01/06/2026' })], proposals: [proposal({ 'TMT Mutasi': '01/01/2026' })] });
    const f = expectOne(r, 'VALUE_INVALID', 'error', 'Usulan', 'E2');
    assert.equal(f.message, 'TMT Mutasi "2026-01-01" tidak sah; TMT mutasi tidak boleh sebelum TMT jabatan pegawai saat ini (2026-06-01).');
    expectNone(r, 'TENURE_MIN');
    assert.equal(r.proposals[0]!.verdict, 'error');
    assert.ok(r.proposals[0]!.rules.includes('VALUE_INVALID'));
    const en = run({ employees: [employee({ 'TMT Jabatan': '01/06/2026' })], proposals: [proposal({ 'TMT Mutasi': '01/01/2026' })] }, 'en');
    assert.match(expectOne(en, 'VALUE_INVALID', 'error', 'Usulan', 'E2').message, /cannot be before the employee's current position start \(2026-06-01\)/);
    // The same day is no error (0 months: TENURE_MIN).
    const same = run({ employees: [employee({ 'TMT Jabatan': '01/06/2026' })], proposals: [proposal({ 'TMT Mutasi': '01/06/2026' })] });
    expectNone(same, 'VALUE_INVALID');
    assert.match(expectOne(same, 'TENURE_MIN', 'error', 'Usulan', 'E2').message, /Masa jabatan 0 bulan/);
  });
});

