/**
 * Headers as offices really lay them out (WORKBOOK.md, "Added 2026-12-07"): annotated headers, BKN's
 * Daftar Urut Kepangkatan with its grouped two-row header, title rows and a row of column numbers,
 * positions given by name (within the unit), where a missing column is reported, and the messages of
 * issue 14 part 3 (formulas without a value or with an error, merged Kode Jabatan cells, a header
 * below row 10).
 */
import { strict as assert } from 'node:assert';
import { checkSheets } from '../../shared/engine';
import type { Finding } from '../../shared/rules/types';
import { isoDate } from '../../shared/values/dates';
import { toCellValue } from '../../shared/workbook/exceljs-cells';
import { isNoCachedValue, noCachedValue, type CellValue, type SheetData } from '../../shared/workbook/gateway';
import { findHeader, isColumnNumberRow } from '../../shared/workbook/locate';
import { parseWorkbook } from '../../shared/workbook/reader';
import { editDistance, editDistanceWithin } from '../../shared/workbook/positions';
import { PEGAWAI } from '../../shared/workbook/schema';
import fc from 'fast-check';
import { mappingNeeds } from '../../addin/workbook/column-map';
import {
  BASE_POSITIONS, NIP_A, NIP_B, NIP_C, PEGAWAI_HEADERS, employee, position, proposal, sheet, workbook, type Row,
} from '../support/book';

const NIP_D = '198807072012121003';
const NIP_E = '199203032019022001';

const rulesAt = (fs: Finding[]) => fs.map((f) => `${f.rule}@${f.sheet}!${f.cell}`);
const withPegawai = (peg: SheetData, spec: Parameters<typeof workbook>[0] = {}) =>
  workbook({ proposals: [], ...spec }).map((s) => (s.name === 'Pegawai' ? peg : s));

// ------------------------------------------------------------------------------------------------
// BKN's Daftar Urut Kepangkatan: title rows, a grouped two-row header, a row of column numbers.

const TITLE: CellValue[][] = [
  ['DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL'],
  ['PEMERINTAH KABUPATEN CONTOH — KEADAAN 1 NOVEMBER 2026'],
  [],
];
/** Groups as BKN prints them; a merged group cell has its text in the first cell only. */
const DUK_TOP: CellValue[] = ['NO', 'NAMA', 'NIP', 'PANGKAT', null, 'JABATAN', null, 'MASA KERJA', null, 'LATIHAN JABATAN', null, 'PENDIDIKAN', null, 'UNIT KERJA', 'KET.'];
const DUK_SUB: CellValue[] = [null, null, null, 'GOL. RUANG', 'TMT', 'NAMA', 'TMT', 'THN', 'BLN', 'NAMA', 'TAHUN', 'TINGKAT', 'JURUSAN', null, null];
const NUMBERS: CellValue[] = DUK_TOP.map((_, i) => i + 1);

interface DukRow {
  nip: string; nama: string; gol: string; tmtPangkat: string; jabatan: CellValue; tmtJabatan: string;
  diklat?: string; pendidikan?: string; jurusan?: string; unit?: CellValue;
}
const dukRow = (r: DukRow, i: number): CellValue[] => [
  i + 1, r.nama, r.nip, r.gol, r.tmtPangkat, r.jabatan, r.tmtJabatan, 12, 3, r.diklat ?? 'Diklat PIM IV', 2019,
  r.pendidikan ?? 'S1', r.jurusan ?? 'Teknik Informatika', r.unit ?? null, null,
];
const BUDI: DukRow = {
  nip: NIP_A, nama: 'Budi Santoso, S.Kom.', gol: 'III/c', tmtPangkat: '01/04/2020', jabatan: 'Pranata Komputer Ahli Pertama',
  tmtJabatan: '01/06/2022', unit: 'BKPSDM',
};
const SITI: DukRow = {
  nip: NIP_B, nama: 'Siti Aminah, S.KM.', gol: 'III/b', tmtPangkat: '01/10/2023', jabatan: 'Kepala Seksi Data',
  tmtJabatan: '02/01/2024', unit: 'Dinas Kesehatan', jurusan: 'Kesehatan Masyarakat',
};

function duk(rows: DukRow[], opts: { title?: boolean; numbers?: boolean; top?: CellValue[]; sub?: CellValue[]; name?: string } = {}): SheetData {
  const values: CellValue[][] = [
    ...(opts.title === false ? [] : TITLE),
    opts.top ?? DUK_TOP,
    opts.sub ?? DUK_SUB,
    ...(opts.numbers === false ? [] : [NUMBERS]),
    ...rows.map(dukRow),
  ];
  return { name: opts.name ?? 'DUK', values, startRow: 1, startCol: 1 };
}

describe('headers: annotations', () => {
  it('NIP (Wajib), Nama Lengkap (Wajib), Golongan [III/a], Tanggal Lahir (dd/mm/yyyy), Kode Jabatan*, TMT Jabatan: read like the plain headers', () => {
    const annotated: Record<string, string> = {
      NIP: 'NIP (Wajib)', Nama: 'Nama Lengkap (Wajib)', Golongan: 'Golongan [III/a]', 'Tanggal Lahir': 'Tanggal Lahir (dd/mm/yyyy)',
      'Kode Jabatan': 'Kode Jabatan*', 'TMT Jabatan': 'TMT Jabatan:', Pendidikan: 'Pendidikan * :',
    };
    const headers = PEGAWAI_HEADERS.map((h) => annotated[h] ?? h);
    const rename = (r: Row): Row => Object.fromEntries(Object.entries(r).map(([k, v]) => [annotated[k] ?? k, v]));
    const plain = checkSheets(workbook()).result;
    const r = checkSheets(workbook().map((s) => (s.name === 'Pegawai' ? sheet('Pegawai', headers, [rename(employee())]) : s))).result;
    assert.deepEqual(r.findings, plain.findings);
    assert.deepEqual(r.findings, []);
    assert.equal(r.counts.employees, 1);
    const p = parseWorkbook(workbook().map((s) => (s.name === 'Pegawai' ? sheet('Pegawai', headers, [rename(employee())]) : s)));
    assert.equal(p.book!.layout.pegawai.columns.nip!.header, 'NIP (Wajib)', 'findings name the header as written');
    assert.equal(p.book!.employees[0]!.rank, 'III/c');
  });
  it('a header as written beats one known only without its annotation', () => {
    const s: SheetData = { name: 'Pegawai', values: [['NIP (Lama)', 'Nama', 'NIP Baru', 'Kode Jabatan']], startRow: 1, startCol: 1 };
    const h = findHeader(PEGAWAI, s);
    assert.ok(h.found);
    assert.equal(h.match.columns.nip!.col, 3);
    assert.deepEqual(h.match.unknown.map((u) => u.header), ['NIP (Lama)']);
  });
  it('an annotation does not make an unknown header known, nor a header out of nothing', () => {
    const s: SheetData = { name: 'Pegawai', values: [['NIP (Wajib)', 'Nama*', 'Kode Jabatan', '(1)', 'Catatan (opsional)']], startRow: 1, startCol: 1 };
    const h = findHeader(PEGAWAI, s);
    assert.ok(h.found);
    assert.deepEqual(h.match.unknown.map((u) => u.header), ['(1)', 'Catatan (opsional)']);
  });
});

describe('headers: BKN Daftar Urut Kepangkatan (grouped two-row header)', () => {
  it('reads a DUK with title rows, PANGKAT and JABATAN groups with a TMT each, and a row of column numbers', () => {
    const p = parseWorkbook(withPegawai(duk([BUDI, SITI])));
    assert.deepEqual(rulesAt(p.sink.list), []);
    const lay = p.book!.layout.pegawai;
    assert.equal(lay.headerRow, 4);
    assert.equal(lay.dataRow, 7, 'data start after the sub-headers and the row of column numbers');
    const col = (f: string) => lay.columns[f]?.col;
    assert.deepEqual(
      { nip: col('nip'), name: col('name'), rank: col('rank'), positionName: col('positionName'), positionStart: col('positionStart'), educationLevel: col('educationLevel'), educationMajor: col('educationMajor'), unit: col('unit') },
      { nip: 3, name: 2, rank: 4, positionName: 6, positionStart: 7, educationLevel: 12, educationMajor: 13, unit: 14 },
    );
    assert.equal(lay.columns.positionStart!.header, 'JABATAN / TMT');
    assert.equal(lay.columns.trainings, undefined, "LATIHAN JABATAN / NAMA is a training's name, not Diklat nor the employee's name");
    const [budi, siti] = p.book!.employees;
    assert.equal(p.book!.employees.length, 2, 'the row of column numbers is no employee');
    assert.deepEqual(
      { row: budi!.row, nip: budi!.nip, name: budi!.name, rank: budi!.rank, code: budi!.positionCode, tmt: isoDate(budi!.positionStart!), edu: budi!.educationLevel },
      { row: 7, nip: NIP_A, name: 'Budi Santoso, S.Kom.', rank: 'III/c', code: 'BKD-PRAKOM', tmt: '2022-06-01', edu: 'S1' },
    );
    assert.equal(isoDate(siti!.positionStart!), '2024-01-02', "the JABATAN's TMT, never the PANGKAT's (2023-10-01)");
    assert.equal(siti!.positionCode, 'DINKES-KASI');
    assert.equal(siti!.educationMajor, 'Kesehatan Masyarakat');
  });

  it("never takes the PANGKAT's TMT for the JABATAN's, whichever group comes first", () => {
    const top: CellValue[] = ['NO', 'NAMA', 'NIP', 'JABATAN', null, 'PANGKAT', null, 'PENDIDIKAN', null];
    const sub: CellValue[] = [null, null, null, 'NAMA', 'TMT', 'GOL.', 'TMT', 'TINGKAT', 'JURUSAN'];
    const values: CellValue[][] = [top, sub, [1, 'Budi', NIP_A, 'Pranata Komputer Ahli Pertama', '01/06/2022', 'III/c', '01/04/2020', 'S1', 'Teknik Informatika']];
    const p = parseWorkbook(withPegawai({ name: 'Pegawai', values, startRow: 1, startCol: 1 }));
    assert.equal(isoDate(p.book!.employees[0]!.positionStart!), '2022-06-01');
    assert.equal(p.book!.layout.pegawai.columns.positionStart!.col, 5);
    // Only a PANGKAT / TMT: no TMT Jabatan column at all (one HEADER_MISSING), not the rank's date.
    const noJabTmt: CellValue[][] = [
      ['NO', 'NAMA', 'NIP', 'PANGKAT', null, 'JABATAN', 'PENDIDIKAN'],
      [null, null, null, 'GOL.', 'TMT', null, null],
      [1, 'Budi', NIP_A, 'III/c', '01/04/2020', 'Pranata Komputer Ahli Pertama', 'S1'],
    ];
    const q = parseWorkbook(withPegawai({ name: 'Pegawai', values: noJabTmt, startRow: 1, startCol: 1 }));
    assert.deepEqual(rulesAt(q.sink.list), ['HEADER_MISSING@Pegawai!A1']);
    assert.match(q.sink.list[0]!.message, /TMT Jabatan/);
    assert.equal(q.book!.employees[0]!.positionStart, null);
    assert.equal(q.book!.employees[0]!.positionCode, 'BKD-PRAKOM', 'JABATAN merged down both rows is the position name');
  });

  it('checks a DUK end to end: findings carry the resolved codes, the JSON output too', () => {
    const sheets = withPegawai(duk([BUDI, SITI]), { proposals: [proposal({ NIP: NIP_B, 'Kode Jabatan Tujuan': 'Pranata Komputer Ahli Pertama' })] });
    const r = checkSheets(sheets).result;
    assert.equal(r.proposals[0]!.to, 'BKD-PRAKOM');
    assert.ok(!r.findings.some((f) => f.rule === 'POSITION_UNKNOWN' || f.rule === 'HEADER_MISSING' || f.rule === 'REQUIRED_MISSING'), JSON.stringify(r.findings));
    // Findings on the row speak of the resolved post, never of the name as if it were an unknown code.
    const onRow = r.findings.filter((f) => f.sheet === 'Usulan');
    assert.ok(onRow.length > 0, 'the proposal is checked');
    assert.ok(!onRow.some((f) => /Kode jabatan "Pranata/.test(f.message)), JSON.stringify(onRow.map((f) => f.message)));
    const json = JSON.parse(JSON.stringify(r)) as typeof r;
    assert.equal(json.proposals[0]!.to, 'BKD-PRAKOM');
  });

  it('works without title rows or the row of numbers; a DUK with a Kode Jabatan column uses the codes', () => {
    const p = parseWorkbook(withPegawai(duk([BUDI], { title: false, numbers: false })));
    assert.deepEqual(rulesAt(p.sink.list), []);
    assert.equal(p.book!.layout.pegawai.headerRow, 1);
    assert.equal(p.book!.employees[0]!.row, 3);
    const top = [...DUK_TOP, 'KODE JABATAN'];
    const sub = [...DUK_SUB, null];
    const withCode = duk([BUDI], { top, sub });
    withCode.values[6]!.push('DINKES-KASI');
    const q = parseWorkbook(withPegawai(withCode));
    assert.equal(q.book!.employees[0]!.positionCode, 'DINKES-KASI', 'the code column wins over the name');
  });

  it('a column merged down both rows is matched alone; a group the tool does not know lends its sub-headers their own meaning', () => {
    const values: CellValue[][] = [
      ['NIP', 'IDENTITAS', null, 'KODE JABATAN', 'JABATAN', null],
      [null, 'NAMA', 'TGL. LAHIR', null, 'TMT', 'KODE'],
      [NIP_A, 'Budi', '12/03/1985', 'BKD-PRAKOM', '01/06/2022', 'DINKES-KASI'],
    ];
    const p = parseWorkbook(withPegawai({ name: 'Pegawai', values, startRow: 1, startCol: 1 }));
    const c = p.book!.layout.pegawai.columns;
    assert.deepEqual([c.nip!.col, c.name!.col, c.birthDate!.col, c.positionCode!.col, c.positionStart!.col], [1, 2, 3, 4, 5]);
    assert.deepEqual(p.sheets.pegawai!.unknownHeaders.map((u) => u.header), ['JABATAN / KODE'], 'a second code column is offered, not used');
  });

  it('reads the same when the host repeats a merged cell\'s text in every cell it covers', () => {
    const top: CellValue[] = ['NO', 'NAMA', 'NIP', 'PANGKAT', 'PANGKAT', 'JABATAN', 'JABATAN', 'MASA KERJA', 'MASA KERJA', 'LATIHAN JABATAN', 'LATIHAN JABATAN', 'PENDIDIKAN', 'PENDIDIKAN', 'UNIT KERJA', 'KET.'];
    const sub: CellValue[] = DUK_SUB.map((v, i) => v ?? top[i]!);
    const p = parseWorkbook(withPegawai(duk([BUDI, SITI], { top, sub })));
    assert.deepEqual(rulesAt(p.sink.list), []);
    const plain = parseWorkbook(withPegawai(duk([BUDI, SITI])));
    assert.deepEqual(p.book!.layout.pegawai.columns, plain.book!.layout.pegawai.columns);
    assert.deepEqual(p.book!.employees, plain.book!.employees);
  });

  it('a single-row header over data is not mistaken for a group over sub-headers', () => {
    const p = parseWorkbook(workbook({ employees: [employee({ Golongan: null, Status: 'PPPK' }), employee({ NIP: NIP_B, 'Tanggal Lahir': null })] }));
    assert.equal(p.book!.layout.pegawai.dataRow, undefined);
    assert.equal(p.book!.employees.length, 2);
  });

  it('isColumnNumberRow', () => {
    assert.ok(isColumnNumberRow([1, 2, 3, 4]));
    assert.ok(isColumnNumberRow(['(1)', '(2)', '(3)']));
    assert.ok(isColumnNumberRow([null, '1', 2, '3', null]));
    assert.ok(!isColumnNumberRow([1, 2]));
    assert.ok(!isColumnNumberRow([1, 3, 4]));
    assert.ok(!isColumnNumberRow([1, 'Budi', 3]));
    assert.ok(!isColumnNumberRow([1985, 1986, 1987].map(String).concat('x')));
  });
});

// ------------------------------------------------------------------------------------------------

describe('positions by name', () => {
  const TWO_UNITS = [
    ...BASE_POSITIONS,
    position({ 'Kode Jabatan': 'DISDIK-KASI', 'Nama Jabatan': 'Kepala Seksi Data', 'Unit Kerja': 'Dinas Pendidikan' }),
  ];
  const rosterBy = (headers: string[], rows: Row[]) => sheet('Pegawai', headers, rows);
  const NAME_HEADERS = PEGAWAI_HEADERS.map((h) => (h === 'Kode Jabatan' ? 'Jabatan' : h));
  const UNIT_HEADERS = [...NAME_HEADERS, 'Unit Kerja'];
  const named = (over: Row) => {
    const e = employee({ NIP: NIP_B, 'Tanggal Lahir': null, ...over });
    delete e['Kode Jabatan'];
    return e;
  };

  it('the same post in two units: the row\'s Unit Kerja decides', () => {
    const peg = rosterBy(UNIT_HEADERS, [
      named({ Jabatan: 'Kepala Seksi Data', 'Unit Kerja': 'Dinas Pendidikan' }),
      named({ NIP: NIP_D, Jabatan: 'KEPALA SEKSI DATA', 'Unit Kerja': 'dinas kesehatan' }),
    ]);
    const p = parseWorkbook(withPegawai(peg, { positions: TWO_UNITS }));
    assert.deepEqual(p.book!.employees.map((e) => e.positionCode), ['DISDIK-KASI', 'DINKES-KASI']);
    const r = checkSheets(withPegawai(peg, { positions: TWO_UNITS })).result;
    assert.ok(!r.findings.some((f) => f.rule === 'POSITION_UNKNOWN' || f.rule === 'HEADER_MISSING'), JSON.stringify(r.findings));
  });

  it('the same post in two units without a unit: POSITION_UNKNOWN naming both, on the position cell', () => {
    const peg = rosterBy(NAME_HEADERS, [named({ Jabatan: 'Kepala Seksi Data' })]);
    const r = checkSheets(withPegawai(peg, { positions: TWO_UNITS })).result;
    const f = r.findings.filter((x) => x.rule === 'POSITION_UNKNOWN');
    assert.deepEqual(rulesAt(f), ['POSITION_UNKNOWN@Pegawai!E2']);
    assert.match(f[0]!.message, /cocok dengan 2 jabatan/);
    assert.match(f[0]!.message, /DINKES-KASI "Kepala Seksi Data" \(Dinas Kesehatan\)/);
    assert.match(f[0]!.message, /DISDIK-KASI "Kepala Seksi Data" \(Dinas Pendidikan\)/);
    const en = checkSheets(withPegawai(peg, { positions: TWO_UNITS }), { lang: 'en' }).result.findings.find((x) => x.rule === 'POSITION_UNKNOWN')!;
    assert.match(en.message, /matches 2 positions/);
  });

  it('a name only found in another unit names where it is', () => {
    const peg = rosterBy(UNIT_HEADERS, [named({ Jabatan: 'Kepala Seksi Data', 'Unit Kerja': 'Dinas Sosial' })]);
    const f = checkSheets(withPegawai(peg, { positions: TWO_UNITS })).result.findings.find((x) => x.rule === 'POSITION_UNKNOWN')!;
    assert.match(f.message, /tidak sebagai nama jabatan di unit Dinas Sosial/);
    assert.match(f.message, /Yang paling mirip: DINKES-KASI .*DISDIK-KASI/);
  });

  it('a misspelled name: POSITION_UNKNOWN naming the closest; a far-off one names none', () => {
    const peg = rosterBy(NAME_HEADERS, [named({ Jabatan: 'Pranata Komputr Ahli Pertama' }), named({ NIP: NIP_D, Jabatan: 'Bendahara Pengeluaran' })]);
    const r = checkSheets(withPegawai(peg)).result;
    const f = r.findings.filter((x) => x.rule === 'POSITION_UNKNOWN');
    assert.deepEqual(rulesAt(f), ['POSITION_UNKNOWN@Pegawai!E2', 'POSITION_UNKNOWN@Pegawai!E3']);
    assert.match(f[0]!.message, /"Pranata Komputr Ahli Pertama".*Yang paling mirip: BKD-PRAKOM "Pranata Komputer Ahli Pertama" \(BKPSDM\)\.$/);
    assert.doesNotMatch(f[1]!.message, /mirip/);
    // A mistyped code is offered its code too.
    const code = checkSheets(workbook({ employees: [employee({ 'Kode Jabatan': 'BKD-PRAKON' })], proposals: [] })).result.findings.find((x) => x.rule === 'POSITION_UNKNOWN')!;
    assert.match(code.message, /^Kode jabatan "BKD-PRAKON" tidak ada di lembar Jabatan.*Yang paling mirip: BKD-PRAKOM/);
    const en = checkSheets(withPegawai(peg), { lang: 'en' }).result.findings.find((x) => x.rule === 'POSITION_UNKNOWN')!;
    assert.match(en.message, /Closest: BKD-PRAKOM/);
  });

  it('editDistance is the Levenshtein distance; with a bound it is exact up to the bound', () => {
    const naive = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      return d[a.length]![b.length]!;
    };
    assert.equal(editDistance('kepalaseksidta', 'kepalaseksidata'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
      const d = naive(a, b);
      assert.equal(editDistance(a, b), d);
      const bounded = editDistance(a, b, max);
      if (d <= max) assert.equal(bounded, d);
      else assert.ok(bounded > max);
    }), { numRuns: 500 });
  });

  it('editDistanceWithin (the banded table of the closest-candidate search) is the distance up to the bound, else bound + 1', () => {
    assert.equal(editDistanceWithin('kepalaseksidta', 'kepalaseksidata', 3), 1);
    assert.equal(editDistanceWithin('', 'abc', 3), 3);
    assert.equal(editDistanceWithin('', 'abc', 2), 3);
    assert.equal(editDistanceWithin('abcdef', 'fedcba', 2), 3);
    // Long words too (the reused rows grow), and lengths that differ by up to the bound.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', ' '), maxLength: 40 });
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 12 }), (a, b, max) => {
      const d = editDistance(a, b);
      assert.equal(editDistanceWithin(a, b, max), d <= max ? d : max + 1);
    }), { numRuns: 2000 });
    fc.assert(fc.property(word, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 8 }), (a, edits, max) => {
      let b = a;
      for (let e = 0; e < edits; e++) b = e % 3 === 0 ? b.slice(1) : e % 3 === 1 ? `${b}x` : `y${b.slice(0, -1)}`;
      const d = editDistance(a, b);
      assert.equal(editDistanceWithin(a, b, max), d <= max ? d : max + 1);
    }), { numRuns: 2000 });
  });

  it('with a Kode Jabatan column, a name in it is still read as a name after the codes', () => {
    const r = parseWorkbook(workbook({ employees: [employee({ 'Kode Jabatan': 'kepala seksi data' })], proposals: [] }));
    assert.equal(r.book!.employees[0]!.positionCode, 'DINKES-KASI');
    const c = parseWorkbook(workbook({ employees: [employee({ 'Kode Jabatan': 'bkd prakom' })], proposals: [] }));
    assert.equal(c.book!.employees[0]!.positionCode, 'BKD-PRAKOM', 'a code typed in another case or with other separators');
  });

  it('Kode Jabatan is not required when the roster names the post; required when it names neither', () => {
    const none = PEGAWAI_HEADERS.filter((h) => h !== 'Kode Jabatan');
    const p = parseWorkbook(withPegawai(sheet('Pegawai', none, [employee()])));
    assert.deepEqual(rulesAt(p.sink.list), ['HEADER_MISSING@Pegawai!A1']);
    assert.match(p.sink.list[0]!.message, /nama lain yang diterima: Kode Jab, Kd Jabatan; Nama Jabatan, Jabatan\)/);
    const ok = parseWorkbook(withPegawai(rosterBy(NAME_HEADERS, [named({ Jabatan: 'Kepala Seksi Data' })])));
    assert.deepEqual(rulesAt(ok.sink.list), []);
    const empty = parseWorkbook(withPegawai(rosterBy(NAME_HEADERS, [named({ Jabatan: null })])));
    assert.deepEqual(rulesAt(empty.sink.list), ['REQUIRED_MISSING@Pegawai!E2']);
    assert.match(empty.sink.list[0]!.message, /^Jabatan wajib diisi/);
  });

  it('Usulan: Kode Jabatan Tujuan by name within Unit Tujuan; the proposal carries the code', () => {
    const headers = ['No Usulan', 'NIP', 'Kode Jabatan Tujuan', 'Unit Kerja Tujuan', 'Jenis Mutasi', 'TMT Mutasi', 'Status'];
    const usulan = (unit: CellValue) => sheet('Usulan', headers, [proposal({ 'Kode Jabatan Tujuan': 'Kepala Seksi Data', 'Unit Kerja Tujuan': unit })]);
    const book = (unit: CellValue) => workbook({ positions: TWO_UNITS }).map((s) => (s.name === 'Usulan' ? usulan(unit) : s));
    const r = checkSheets(book('Dinas Pendidikan')).result;
    assert.equal(r.proposals[0]!.to, 'DISDIK-KASI');
    assert.ok(!r.findings.some((f) => f.rule === 'POSITION_UNKNOWN'));
    const amb = checkSheets(book(null)).result;
    assert.deepEqual(rulesAt(amb.findings.filter((f) => f.rule === 'POSITION_UNKNOWN')), ['POSITION_UNKNOWN@Usulan!C2']);
    assert.equal(amb.proposals[0]!.to, 'Kepala Seksi Data', 'unresolved: as written');
  });
});

// ------------------------------------------------------------------------------------------------

describe('missing columns and misplaced headers', () => {
  it('a missing column points at the header row\'s first cell and names the row', () => {
    const headers = PEGAWAI_HEADERS.filter((h) => h !== 'TMT Jabatan');
    const values: CellValue[][] = [['DATA PEGAWAI 2026'], [], [null, ...headers], [null, ...headers.map((h) => employee()[h] ?? null)]];
    const r = checkSheets(withPegawai({ name: 'Pegawai', values, startRow: 1, startCol: 1 })).result;
    const f = r.findings.filter((x) => x.rule === 'HEADER_MISSING');
    assert.deepEqual(rulesAt(f), ['HEADER_MISSING@Pegawai!B3']);
    assert.match(f[0]!.message, /^Kolom "TMT Jabatan" tidak ditemukan di baris judul kolom \(baris 3\) lembar Pegawai/);
  });

  it('no header row: the closest row\'s first cell, where headers are looked for', () => {
    const values: CellValue[][] = [['REKAP'], [null, 'NIP (Wajib)', 'Nama Lengkap (Wajib)', 'Golongan'], [null, NIP_A, 'Budi', 'III/c']];
    const r = checkSheets(withPegawai({ name: 'Pegawai', values, startRow: 1, startCol: 1 })).result;
    const f = r.findings.filter((x) => x.rule === 'HEADER_MISSING');
    assert.deepEqual(rulesAt(f), ['HEADER_MISSING@Pegawai!B2']);
    assert.match(f[0]!.message, /Kolom "Kode Jabatan" tidak ditemukan di baris judul kolom yang paling mirip \(baris 2\).*Judul kolom dicari di 10 baris pertama\.$/);
  });

  it('a header below row 10 says where headers are looked for and where a matching one was found', () => {
    const titles: CellValue[][] = Array.from({ length: 12 }, (_, i) => (i % 2 ? [] : [`Catatan ${i + 1}`]));
    const peg = sheet('Pegawai', PEGAWAI_HEADERS, [employee()], titles);
    const r = checkSheets(withPegawai(peg)).result;
    const f = r.findings.filter((x) => x.rule === 'HEADER_MISSING');
    assert.equal(f.length, 3, 'NIP, Nama, Kode Jabatan');
    assert.match(f[0]!.message, /Judul kolom dicari di 10 baris pertama\. Baris judul kolom yang cocok ada di baris 13, di bawah baris 10: hapus baris kosong atau judul di atasnya\.$/);
    const en = checkSheets(withPegawai(peg), { lang: 'en' }).result.findings.find((x) => x.rule === 'HEADER_MISSING')!;
    assert.match(en.message, /Headers are looked for in the first 10 rows\. A matching header row is on row 13/);
    // Within the first 10 rows it is simply found.
    const nine = sheet('Pegawai', PEGAWAI_HEADERS, [employee()], titles.slice(0, 9));
    assert.ok(!checkSheets(withPegawai(nine)).result.findings.some((x) => x.rule === 'HEADER_MISSING'));
  });
});

// ------------------------------------------------------------------------------------------------

describe('messages that mislead (issue 14 part 3)', () => {
  it('a formula with an error result or no cached value is VALUE_INVALID, never REQUIRED_MISSING', () => {
    const e = employee({
      NIP: { error: '#N/A' }, Nama: noCachedValue("VLOOKUP(A2,'Data Induk'!A:B,2,0)"), 'Kode Jabatan': { error: '#REF!' },
      'TMT Jabatan': noCachedValue(), Pendidikan: '#N/A',
    });
    const r = checkSheets(workbook({ employees: [e], proposals: [] })).result;
    assert.deepEqual(r.findings.filter((f) => f.rule === 'REQUIRED_MISSING'), []);
    const bad = r.findings.filter((f) => f.rule === 'VALUE_INVALID');
    assert.deepEqual(rulesAt(bad), ['VALUE_INVALID@Pegawai!A2', 'VALUE_INVALID@Pegawai!B2', 'VALUE_INVALID@Pegawai!E2', 'VALUE_INVALID@Pegawai!F2', 'VALUE_INVALID@Pegawai!H2']);
    const msg = (cell: string) => bad.find((f) => f.cell === cell)!.message;
    assert.match(msg('B2'), /^Nama "=VLOOKUP\(A2,'Data Induk'!A:B,2,0\)" tidak sah; rumus ini belum dihitung/);
    assert.match(msg('F2'), /^TMT Jabatan "#FORMULA" tidak sah; rumus ini belum dihitung/);
    assert.match(msg('A2'), /galat Excel #N\/A, biasanya hasil rumus/);
    assert.match(msg('H2'), /galat Excel #N\/A/);
    const j = checkSheets(workbook({ positions: [BASE_POSITIONS[0]!, position({ Kebutuhan: noCachedValue('SUM(X2:X9)') })], proposals: [] })).result;
    assert.deepEqual(rulesAt(j.findings.filter((f) => f.rule === 'VALUE_INVALID' || f.rule === 'REQUIRED_MISSING')), ['VALUE_INVALID@Jabatan!G3']);
    const en = checkSheets(workbook({ employees: [e], proposals: [] }), { lang: 'en' }).result.findings.find((f) => f.cell === 'F2')!;
    assert.match(en.message, /has not been calculated/);
  });

  it('the exceljs reading: a formula without a cached result is the no-value marker, an error result an error', () => {
    assert.ok(isNoCachedValue(toCellValue({ formula: 'A1*2' } as never)));
    assert.deepEqual(toCellValue({ formula: 'A1*2' } as never), { error: '#FORMULA', formula: 'A1*2' });
    assert.deepEqual(toCellValue({ formula: 'VLOOKUP(1,B:C,2,0)', result: { error: '#N/A' } } as never), { error: '#N/A' });
    assert.equal(toCellValue({ formula: 'A1*2', result: 4 } as never), 4);
    assert.equal(toCellValue({ sharedFormula: 'C2', result: 'x' } as never), 'x');
  });

  it('merged Kode Jabatan cells: the rows under the first say the cells may be merged', () => {
    const rows = [
      employee(),
      employee({ NIP: NIP_B, 'Tanggal Lahir': null, 'Kode Jabatan': null }),
      employee({ NIP: NIP_C, 'Tanggal Lahir': null, 'Kode Jabatan': null }),
      employee({ NIP: NIP_D, 'Tanggal Lahir': null, 'Kode Jabatan': 'DINKES-KASI' }),
      {},
      employee({ NIP: NIP_E, 'Tanggal Lahir': null, 'Kode Jabatan': null }),
    ];
    const r = checkSheets(workbook({ employees: rows, proposals: [] })).result;
    const f = r.findings.filter((x) => x.rule === 'REQUIRED_MISSING');
    assert.deepEqual(rulesAt(f), ['REQUIRED_MISSING@Pegawai!E3', 'REQUIRED_MISSING@Pegawai!E4', 'REQUIRED_MISSING@Pegawai!E7']);
    assert.match(f[0]!.message, /^Kode Jabatan wajib diisi \(mungkin sel digabung \(merge\) dengan baris 2 di atasnya/);
    assert.match(f[1]!.message, /dengan baris 2 di atasnya/);
    assert.equal(f[2]!.message, 'Kode Jabatan wajib diisi.', 'after an empty row: no merge to suspect');
    const en = checkSheets(workbook({ employees: rows, proposals: [] }), { lang: 'en' }).result.findings.find((x) => x.rule === 'REQUIRED_MISSING')!;
    assert.match(en.message, /may be merged with row 2 above/);
  });

  it('merged JABATAN / NAMA cells of a DUK say the same', () => {
    const p = checkSheets(withPegawai(duk([BUDI, { ...SITI, jabatan: null, unit: 'BKPSDM' }]))).result;
    const f = p.findings.filter((x) => x.rule === 'REQUIRED_MISSING');
    assert.deepEqual(rulesAt(f), ['REQUIRED_MISSING@DUK!F8']);
    assert.match(f[0]!.message, /^JABATAN \/ NAMA wajib diisi \(mungkin sel digabung \(merge\) dengan baris 7/);
  });
});

// ------------------------------------------------------------------------------------------------

describe("the add-in's column mapping", () => {
  it('offers the grouped headers it does not know with their group; nothing required is missing in a DUK', () => {
    const needs = mappingNeeds(withPegawai(duk([BUDI, SITI])), {});
    assert.deepEqual(needs.missing, []);
    assert.deepEqual(
      needs.headers.filter((h) => h.key === 'pegawai').map((h) => h.header),
      ['NO', 'PANGKAT / TMT', 'MASA KERJA / THN', 'MASA KERJA / BLN', 'LATIHAN JABATAN / NAMA', 'LATIHAN JABATAN / TAHUN', 'KET.'],
    );
  });

  it('a DUK whose groups the tool does not know: the mapping of a GROUP / SUB label is used by the engine', () => {
    const top: CellValue[] = ['NO', 'NAMA', 'NIP', 'PANGKAT', null, 'JABATAN STRUKTURAL/FUNGSIONAL', null, 'PENDIDIKAN', null];
    const sub: CellValue[] = [null, null, null, 'GOL.', 'TMT', 'NAMA', 'TMT', 'TINGKAT', 'JURUSAN'];
    const values: CellValue[][] = [top, sub, [1, 'Budi', NIP_A, 'III/c', '01/04/2020', 'Pranata Komputer Ahli Pertama', '01/06/2022', 'S1', 'TI']];
    const sheets = withPegawai({ name: 'Pegawai', values, startRow: 1, startCol: 1 });
    const before = mappingNeeds(sheets, {});
    assert.deepEqual(before.missing, [{ key: 'pegawai', sheet: 'Pegawai', headers: ['Kode Jabatan / Nama Jabatan'] }]);
    const offered = before.headers.filter((h) => h.key === 'pegawai').map((h) => h.header);
    assert.ok(offered.includes('JABATAN STRUKTURAL/FUNGSIONAL / NAMA') && offered.includes('JABATAN STRUKTURAL/FUNGSIONAL / TMT'), offered.join(' | '));
    assert.ok(offered.includes('PANGKAT / TMT'));
    const map = { pegawai: { 'JABATAN STRUKTURAL/FUNGSIONAL / NAMA': 'positionName', 'JABATAN STRUKTURAL/FUNGSIONAL / TMT': 'positionStart' } };
    assert.deepEqual(mappingNeeds(sheets, map).missing, []);
    const p = parseWorkbook(sheets, { columnMap: map });
    assert.deepEqual(rulesAt(p.sink.list), []);
    const e = p.book!.employees[0]!;
    assert.deepEqual([e.positionCode, isoDate(e.positionStart!)], ['BKD-PRAKOM', '2022-06-01']);
  });
});
