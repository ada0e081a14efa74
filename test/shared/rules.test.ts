/**
 * Every rule of RULES.md: a case that triggers it (id, severity, cell) and a close case that does not.
 * As-of date 2026-11-23; the baseline proposal moves NIP_A (Ahli Muda, III/c, S1, 4s everywhere) to a
 * Pengawas seat at TMT 2027-01-02 and is clean.
 */
import { strict as assert } from 'node:assert';
import { checkSheets } from '../../shared/engine';
import type { CheckResult, Finding, RuleId, Severity } from '../../shared/rules/types';
import { RULE_IDS } from '../../shared/rules/types';
import {
  BASE_POSITIONS, JABATAN_HEADERS, NIP_A, NIP_B, NIP_C, PEGAWAI_HEADERS, USULAN_HEADERS, employee, position, proposal, sheet, workbook,
  type BookSpec, type Row,
} from '../support/book';
import { sheetsToRead } from '../../shared/workbook/reader';

function run(spec: BookSpec = {}): CheckResult {
  return checkSheets(workbook(spec)).result;
}
function find(r: CheckResult, rule: RuleId): Finding[] {
  return r.findings.filter((f) => f.rule === rule);
}
function expectOne(r: CheckResult, rule: RuleId, severity: Severity, sheetName: string, cell: string): Finding {
  const hits = find(r, rule);
  assert.equal(hits.length, 1, `${rule}: expected one finding, got ${JSON.stringify(r.findings.map((f) => `${f.rule}@${f.sheet}!${f.cell}`))}`);
  const f = hits[0]!;
  assert.deepEqual({ severity: f.severity, sheet: f.sheet, cell: f.cell }, { severity, sheet: sheetName, cell }, `${rule} location`);
  assert.ok(f.message.length > 10, 'has a message');
  return f;
}
function expectNone(r: CheckResult, rule: RuleId): void {
  assert.deepEqual(find(r, rule).map((f) => `${f.sheet}!${f.cell}: ${f.message}`), [], `${rule} must not be reported`);
}
const comps = (levels: number[]): Row => {
  const names = PEGAWAI_HEADERS.slice(16);
  return Object.fromEntries(names.map((n, i) => [n, levels[i] ?? null]));
};
const withTarget = (over: Row): Row[] => [BASE_POSITIONS[0]!, position(over)];

describe('rules: baseline', () => {
  it('the baseline workbook has no findings at all', () => {
    const r = run();
    assert.deepEqual(r.findings, []);
    assert.equal(r.proposals[0]!.verdict, 'ok');
    assert.equal(r.proposals[0]!.jpm, 100);
  });
});

describe('rules: data', () => {
  it('SHEET_MISSING when Jabatan is absent; an alias name is accepted', () => {
    const sheets = workbook().filter((s) => s.name !== 'Jabatan');
    const r = checkSheets(sheets).result;
    const f = expectOne(r, 'SHEET_MISSING', 'error', 'Jabatan', 'A1');
    assert.doesNotMatch(f.message, /Lembar di buku kerja ini/, 'nothing else there to name');
    // The sheets that are there, other than the ones found, are named: the one meant is among them.
    const misnamed = [...sheets, { ...sheets[0]!, name: 'Sheet3' }];
    const g = expectOne(checkSheets(misnamed, { sheetNames: ['Pegawai', 'Usulan', 'Aturan', 'Sheet3', 'Peta 2026'] }).result, 'SHEET_MISSING', 'error', 'Jabatan', 'A1');
    assert.match(g.message, /Lembar di buku kerja ini: "Sheet3", "Peta 2026"; ganti nama lembar yang dimaksud\.$/);
    const aliased = workbook().map((s) => (s.name === 'Jabatan' ? { ...s, name: 'PETA JABATAN' } : s));
    expectNone(checkSheets(aliased).result, 'SHEET_MISSING');
  });

  it('HEADER_MISSING per missing required column on the header row; alias headers are accepted', () => {
    const headers = PEGAWAI_HEADERS.map((h) => (h === 'Kode Jabatan' ? 'Unit Kerja' : h));
    const sheets = workbook().map((s) => (s.name === 'Pegawai' ? sheet('Pegawai', headers, [employee()]) : s));
    // On the header row's first cell, naming the row (WORKBOOK.md 2026-12-07).
    const f = expectOne(checkSheets(sheets).result, 'HEADER_MISSING', 'error', 'Pegawai', 'A1');
    assert.match(f.message, /Kode Jabatan/);
    assert.match(f.message, /baris 1\b/);
    const alias = PEGAWAI_HEADERS.map((h) => (h === 'Kode Jabatan' ? 'KD. JABATAN' : h === 'NIP' ? 'NIP Baru' : h));
    const ok = workbook().map((s) => (s.name === 'Pegawai' ? sheet('Pegawai', alias, [employee({ 'KD. JABATAN': 'BKD-PRAKOM', 'NIP Baru': NIP_A })]) : s));
    const r = checkSheets(ok).result;
    expectNone(r, 'HEADER_MISSING');
    assert.deepEqual(r.findings, []);
  });

  it('HEADER_MISSING once per required column absent from a found header row, instead of REQUIRED_MISSING on every row', () => {
    const without = (drop: string[], rows: Row[]) => {
      const headers = PEGAWAI_HEADERS.filter((h) => !drop.includes(h));
      return checkSheets(workbook({ employees: rows }).map((s) => (s.name === 'Pegawai' ? sheet('Pegawai', headers, rows) : s))).result;
    };
    const two = [employee(), employee({ NIP: NIP_B, 'Tanggal Lahir': null })];
    const r = without(['TMT Jabatan', 'Pendidikan'], two);
    // The header row's first cell (WORKBOOK.md 2026-12-07), not a cell right of the last column.
    assert.deepEqual(find(r, 'HEADER_MISSING').map((f) => `${f.sheet}!${f.cell} ${f.column}`), ['Pegawai!A1 TMT Jabatan', 'Pegawai!A1 Pendidikan']);
    assert.match(find(r, 'HEADER_MISSING')[0]!.message, /TMT Jabatan/);
    expectNone(r, 'REQUIRED_MISSING');
    // Golongan is required for PNS only: no column and only PPPK rows is fine; one PNS row needs it.
    const pppk = without(['Golongan'], [employee({ Status: 'PPPK' })]);
    expectNone(pppk, 'HEADER_MISSING');
    expectOne(without(['Golongan'], two), 'HEADER_MISSING', 'error', 'Pegawai', 'A1');
    // Jenjang is required with a Fungsional position (BKD-PRAKOM is one).
    const jab = (headers: string[]) => checkSheets(workbook().map((s) => (s.name === 'Jabatan' ? sheet('Jabatan', headers, BASE_POSITIONS) : s))).result;
    expectOne(jab(JABATAN_HEADERS.filter((h) => h !== 'Jenjang')), 'HEADER_MISSING', 'error', 'Jabatan', 'A1');
    expectNone(jab(JABATAN_HEADERS.filter((h) => h !== 'Kelas Jabatan')), 'HEADER_MISSING');
  });

  it('VALUE_INVALID for an Excel error in a list cell (Diklat, Unit Diminati, Rumpun Jurusan, Diklat Wajib) and in No Usulan', () => {
    const na = { error: '#N/A' };
    expectOne(run({ employees: [employee({ Diklat: na })] }), 'VALUE_INVALID', 'error', 'Pegawai', 'O2');
    expectOne(run({ employees: [employee({ 'Unit Diminati': '#REF!' })] }), 'VALUE_INVALID', 'error', 'Pegawai', 'P2');
    expectOne(run({ positions: withTarget({ 'Rumpun Jurusan': na }) }), 'VALUE_INVALID', 'error', 'Jabatan', 'K3');
    expectOne(run({ positions: withTarget({ 'Diklat Wajib': '#N/A' }) }), 'VALUE_INVALID', 'error', 'Jabatan', 'L3');
    expectOne(run({ proposals: [proposal({ 'No Usulan': na })] }), 'VALUE_INVALID', 'error', 'Usulan', 'A2');
    // Near miss: a list that merely mentions a hash sign is a list.
    expectNone(run({ employees: [employee({ Diklat: 'PKP; Diklat #2' })], positions: withTarget({ 'Diklat Wajib': 'PKP' }) }), 'VALUE_INVALID');
  });

  it('competency levels are all nine or none: absent competency columns are HEADER_MISSING once a row has levels', () => {
    const drop = PEGAWAI_HEADERS.slice(21); // the last four competencies
    const headers = PEGAWAI_HEADERS.filter((h) => !drop.includes(h));
    const withRows = (rows: Row[]) => checkSheets(workbook({ employees: rows }).map((s) => (s.name === 'Pegawai' ? sheet('Pegawai', headers, rows) : s))).result;
    const r = withRows([employee()]);
    assert.deepEqual(find(r, 'HEADER_MISSING').map((f) => f.column), drop);
    expectNone(r, 'REQUIRED_MISSING');
    // Near misses: no competency column at all, or the partial columns left empty.
    const none = PEGAWAI_HEADERS.slice(0, 16);
    expectNone(checkSheets(workbook().map((s) => (s.name === 'Pegawai' ? sheet('Pegawai', none, [employee()]) : s))).result, 'HEADER_MISSING');
    expectNone(withRows([employee(comps([]))]), 'HEADER_MISSING');
  });

  it('a row with values only in columns the tool does not know (a pre-numbered No column) is an empty row', () => {
    const headers = ['No', ...PEGAWAI_HEADERS, 'Keterangan'];
    const rows: Row[] = [{ No: 1, ...employee() }, { No: 2 }, { No: 3, Keterangan: 'pensiun' }];
    const peg = sheet('Pegawai', headers, rows);
    const r = checkSheets(workbook().map((s) => (s.name === 'Pegawai' ? peg : s))).result;
    assert.deepEqual(r.findings, []);
    assert.equal(r.counts.employees, 1);
    // Usulan: a numbered row (No Usulan only) is empty too.
    const us = run({ proposals: [proposal(), { 'No Usulan': 'U-0002' }, { 'No Usulan': 3, Status: 'Draf' }] });
    assert.deepEqual(us.findings, []);
    assert.equal(us.counts.proposals, 1);
    // Near miss: a name alone is a row, with its missing cells reported.
    const named = checkSheets(workbook().map((s) => (s.name === 'Pegawai' ? sheet('Pegawai', headers, [{ No: 1, ...employee() }, { No: 2, Nama: 'Tanpa NIP' }]) : s))).result;
    assert.deepEqual(find(named, 'REQUIRED_MISSING').map((f) => f.cell), ['B3', 'E3', 'F3', 'G3', 'I3']); // NIP, Golongan, Kode Jabatan, TMT Jabatan, Pendidikan
    const onlyNip = run({ proposals: [proposal(), { 'No Usulan': 'U-0002', NIP: NIP_B }] });
    expectOne(onlyNip, 'REQUIRED_MISSING', 'error', 'Usulan', 'C3');
  });

  it('REQUIRED_MISSING on an empty required cell; golongan may be empty for PPPK', () => {
    expectOne(run({ employees: [employee({ Nama: null })] }), 'REQUIRED_MISSING', 'error', 'Pegawai', 'B2');
    expectOne(run({ employees: [employee({ Golongan: null })] }), 'REQUIRED_MISSING', 'error', 'Pegawai', 'D2');
    expectNone(run({ employees: [employee({ Golongan: null, Status: 'PPPK' })], proposals: [] }), 'REQUIRED_MISSING');
  });

  it('VALUE_INVALID names the value; messy spellings are accepted', () => {
    const f = expectOne(run({ employees: [employee({ Golongan: 'V/a' })] }), 'VALUE_INVALID', 'error', 'Pegawai', 'D2');
    assert.match(f.message, /"V\/a"/);
    expectOne(run({ employees: [employee({ Pendidikan: { error: '#N/A' } })] }), 'VALUE_INVALID', 'error', 'Pegawai', 'H2');
    expectNone(run({ employees: [employee({ Golongan: 'Penata (III/c)', Pendidikan: 'Sarjana', 'TMT Jabatan': '1 Juni 2022' })] }), 'VALUE_INVALID');
  });

  it('NIP_FORMAT on a 17-digit NIP; spaces inside an NIP are fine', () => {
    const f = expectOne(run({ employees: [employee({ NIP: '19850312201001100' })], proposals: [] }), 'NIP_FORMAT', 'error', 'Pegawai', 'A2');
    assert.match(f.message, /17 digit/);
    expectNone(run({ employees: [employee({ NIP: '19850312 201001 1 002' })] }), 'NIP_FORMAT');
  });

  it('NIP_FORMAT on each broken part of an NIP', () => {
    for (const bad of ['198513122010011002', '198503122010131002', '198503122000011002', '198503122010013002', '198503122010011000']) {
      expectOne(run({ employees: [employee({ NIP: bad, 'Tanggal Lahir': null })], proposals: [] }), 'NIP_FORMAT', 'error', 'Pegawai', 'A2');
    }
  });

  it('NIP_PRECISION (not NIP_FORMAT) when the NIP cell holds a number', () => {
    const f = expectOne(run({ employees: [employee({ NIP: 198503122010011000 })], proposals: [] }), 'NIP_PRECISION', 'error', 'Pegawai', 'A2');
    assert.match(f.message, /Teks/);
    expectNone(run({ employees: [employee({ NIP: 198503122010011000 })], proposals: [] }), 'NIP_FORMAT');
    expectNone(run(), 'NIP_PRECISION');
  });

  it('NIP_DUPLICATE on the later row, naming the earlier', () => {
    const f = expectOne(run({ employees: [employee(), employee({ Nama: 'Orang Lain' })] }), 'NIP_DUPLICATE', 'error', 'Pegawai', 'A3');
    assert.match(f.message, /baris 2/);
    expectNone(run({ employees: [employee(), employee({ NIP: NIP_B, 'Tanggal Lahir': '01/01/1990' })] }), 'NIP_DUPLICATE');
  });

  it('two NIPs that lost their last digits to a number cell are not NIP_DUPLICATE: they may be different people', () => {
    // Same birth date, CPNS month and gender; serials 002 and 007 both read back as ...000.
    const a = employee({ NIP: 198503122010011000, 'Kode Jabatan': 'DINKES-KASI' });
    const b = employee({ NIP: 198503122010011000, Nama: 'Orang Lain', 'Kode Jabatan': 'DINKES-KASI' });
    const r = run({ employees: [a, b], proposals: [] });
    assert.equal(find(r, 'NIP_PRECISION').length, 2);
    expectNone(r, 'NIP_DUPLICATE');
    // Both hold their seat: two people in a one-seat position.
    expectOne(r, 'OVER_FORMATION', 'info', 'Jabatan', 'G3');
    // Near miss: the same NIP as text twice is a duplicate.
    expectOne(run({ employees: [employee(), employee({ Nama: 'Orang Lain' })], proposals: [] }), 'NIP_DUPLICATE', 'error', 'Pegawai', 'A3');
  });

  it('BIRTHDATE_MISMATCH when Tanggal Lahir differs from the NIP; an Excel serial date that agrees is fine', () => {
    expectOne(run({ employees: [employee({ 'Tanggal Lahir': '13/03/1985' })] }), 'BIRTHDATE_MISMATCH', 'warning', 'Pegawai', 'G2');
    expectNone(run({ employees: [employee({ 'Tanggal Lahir': 31118 })] }), 'BIRTHDATE_MISMATCH');
    expectNone(run({ employees: [employee({ 'Tanggal Lahir': new Date(Date.UTC(1985, 2, 12)) })] }), 'BIRTHDATE_MISMATCH');
  });

  it('BIRTHDATE_MISMATCH also beside NIP_PRECISION: digits 1–8 survive Excel\'s 15 significant digits', () => {
    const r = run({ employees: [employee({ NIP: 198503122010011000, 'Tanggal Lahir': '13/03/1985' })], proposals: [] });
    expectOne(r, 'NIP_PRECISION', 'error', 'Pegawai', 'A2');
    const f = expectOne(r, 'BIRTHDATE_MISMATCH', 'warning', 'Pegawai', 'G2');
    assert.match(f.message, /1985-03-13.*1985-03-12/);
    expectNone(run({ employees: [employee({ NIP: 198503122010011000 })], proposals: [] }), 'BIRTHDATE_MISMATCH');
  });

  it('POSITION_DUPLICATE on the later row', () => {
    expectOne(run({ positions: [...BASE_POSITIONS, position({ 'Nama Jabatan': 'Lain' })] }), 'POSITION_DUPLICATE', 'error', 'Jabatan', 'A4');
    expectNone(run({ positions: [...BASE_POSITIONS, position({ 'Kode Jabatan': 'DINKES-KASI-2' })] }), 'POSITION_DUPLICATE');
  });

  it('POSITION_UNKNOWN on Pegawai and on Usulan', () => {
    expectOne(run({ employees: [employee({ 'Kode Jabatan': 'BKD-XXX' })], proposals: [] }), 'POSITION_UNKNOWN', 'error', 'Pegawai', 'E2');
    expectOne(run({ proposals: [proposal({ 'Kode Jabatan Tujuan': 'DINKES-XXX' })] }), 'POSITION_UNKNOWN', 'error', 'Usulan', 'C2');
    expectNone(run(), 'POSITION_UNKNOWN');
  });

  it('EMPLOYEE_UNKNOWN for an Usulan NIP not in Pegawai', () => {
    expectOne(run({ proposals: [proposal({ NIP: NIP_B })] }), 'EMPLOYEE_UNKNOWN', 'error', 'Usulan', 'B2');
    expectNone(run({ proposals: [proposal({ NIP: '19850312 2010011002' })] }), 'EMPLOYEE_UNKNOWN');
  });

  it('DATE_IN_FUTURE when TMT Jabatan is after the as-of date; the as-of date itself is fine', () => {
    expectOne(run({ employees: [employee({ 'TMT Jabatan': '24/11/2026' })], proposals: [] }), 'DATE_IN_FUTURE', 'error', 'Pegawai', 'F2');
    expectNone(run({ employees: [employee({ 'TMT Jabatan': '23/11/2026' })], proposals: [] }), 'DATE_IN_FUTURE');
  });

  it('no DATE_IN_FUTURE where a recorded decision explains the TMT ahead: an Usulan row Tercatat with its Nomor Catatan, or an export\'s Keputusan sheet', () => {
    // Moved by a decision recorded on 2 Dec 2026 that takes effect on 4 Jan 2027 (as-of 23 Nov 2026).
    const moved = employee({ 'Kode Jabatan': 'DINKES-KASI', 'TMT Jabatan': '04/01/2027' });
    const headers = [...USULAN_HEADERS, 'Nomor Catatan'];
    const withUsulan = (over: Row) => [
      ...workbook({ employees: [moved], proposals: [] }).filter((x) => x.name !== 'Usulan'),
      sheet('Usulan', headers, [proposal({ 'TMT Mutasi': '04/01/2027', Status: 'Tercatat', 'Nomor Catatan': 'MUT-2026-000001', ...over })]),
    ];
    expectNone(checkSheets(withUsulan({})).result, 'DATE_IN_FUTURE');
    // Not explained: no record number, another TMT, another target, not (yet) Tercatat.
    for (const over of [{ 'Nomor Catatan': null }, { 'TMT Mutasi': '05/01/2027' }, { 'Kode Jabatan Tujuan': 'BKD-PRAKOM' }, { Status: 'Ditolak' }] as Row[]) {
      expectOne(checkSheets(withUsulan(over)).result, 'DATE_IN_FUTURE', 'error', 'Pegawai', 'F2');
    }
    // The Keputusan sheet of `mutasi export` (its own columns, the TMT as a real date).
    const keputusanHeaders = ['Nomor Catatan', 'NIP', 'Nama', 'Kode Jabatan Asal', 'Kode Jabatan Tujuan', 'Jenis Mutasi', 'TMT Mutasi'];
    const keputusan = (over: Row) => sheet('Keputusan', keputusanHeaders, [{ 'Nomor Catatan': 'MUT-2026-000001', NIP: NIP_A, Nama: 'Budi', 'Kode Jabatan Asal': 'BKD-PRAKOM', 'Kode Jabatan Tujuan': 'DINKES-KASI', 'Jenis Mutasi': 'Rotasi', 'TMT Mutasi': new Date(Date.UTC(2027, 0, 4)), ...over }]);
    const book = workbook({ employees: [moved], proposals: [] });
    expectNone(checkSheets([...book, keputusan({})]).result, 'DATE_IN_FUTURE');
    expectOne(checkSheets([...book, keputusan({ 'Kode Jabatan Tujuan': 'BKD-PRAKOM' })]).result, 'DATE_IN_FUTURE', 'error', 'Pegawai', 'F2');
    expectOne(checkSheets([...book, keputusan({ 'Nomor Catatan': null })]).result, 'DATE_IN_FUTURE', 'error', 'Pegawai', 'F2');
    assert.ok(sheetsToRead(['Pegawai', 'Jabatan', 'Keputusan', 'Catatan']).includes('Keputusan'), 'a host reads it too');
  });

  it('OVER_FORMATION on the Kebutuhan cell of a position with more holders than needed', () => {
    const two = [employee({ 'Kode Jabatan': 'DINKES-KASI' }), employee({ NIP: NIP_B, 'Tanggal Lahir': null, 'Kode Jabatan': 'DINKES-KASI' })];
    expectOne(run({ employees: two, proposals: [] }), 'OVER_FORMATION', 'info', 'Jabatan', 'G3');
    expectNone(run({ employees: two, proposals: [], positions: withTarget({ Kebutuhan: 2 }) }), 'OVER_FORMATION');
  });

  it('a holder whose NIP cell is empty still holds the seat (OVER_FORMATION, FORMATION_FULL)', () => {
    const noNip = employee({ NIP: null, 'Tanggal Lahir': '01/01/1990', 'Kode Jabatan': 'DINKES-KASI' });
    const r = run({ employees: [employee(), noNip] });
    expectOne(r, 'REQUIRED_MISSING', 'error', 'Pegawai', 'A3');
    expectOne(r, 'FORMATION_FULL', 'error', 'Usulan', 'C2');
    expectOne(run({ employees: [employee(), noNip, { ...noNip, Nama: 'Orang Ketiga' }], proposals: [] }), 'OVER_FORMATION', 'info', 'Jabatan', 'G3');
    expectNone(run({ employees: [employee(), noNip], positions: withTarget({ Kebutuhan: 2 }) }), 'FORMATION_FULL');
  });

  it('ROTATION_DUE after more than 60 months in post; exactly 60 is not', () => {
    expectOne(run({ employees: [employee({ 'TMT Jabatan': '22/10/2021' })], proposals: [] }), 'ROTATION_DUE', 'info', 'Pegawai', 'F2');
    expectNone(run({ employees: [employee({ 'TMT Jabatan': '23/11/2021' })], proposals: [] }), 'ROTATION_DUE');
  });
});

describe('rules: transfers', () => {
  it('SAME_POSITION when the target is the current position', () => {
    expectOne(run({ proposals: [proposal({ 'Kode Jabatan Tujuan': 'BKD-PRAKOM' })] }), 'SAME_POSITION', 'error', 'Usulan', 'C2');
    expectNone(run(), 'SAME_POSITION');
  });

  it('PROPOSAL_DUPLICATE on the later active proposal; a Ditolak earlier row does not count', () => {
    const second = proposal({ 'No Usulan': 'U-0002', 'Kode Jabatan Tujuan': 'BKD-PRAKOM-2' });
    const positions = [...BASE_POSITIONS, position({ 'Kode Jabatan': 'BKD-PRAKOM-2', 'Jenis Jabatan': 'Pengawas', 'Unit Kerja': 'BKPSDM' })];
    const f = expectOne(run({ positions, proposals: [proposal(), second] }), 'PROPOSAL_DUPLICATE', 'error', 'Usulan', 'B3');
    assert.match(f.message, /U-0001/);
    expectNone(run({ positions, proposals: [proposal({ Status: 'Ditolak' }), second] }), 'PROPOSAL_DUPLICATE');
  });

  it('PROPOSAL_DUPLICATE counts an earlier active row whatever its findings, and flags a later row whatever its target', () => {
    const positions = [...BASE_POSITIONS, position({ 'Kode Jabatan': 'BKD-PRAKOM-2', 'Jenis Jabatan': 'Pengawas', 'Unit Kerja': 'BKPSDM' })];
    const valid = proposal({ 'No Usulan': 'U-0002' });
    // An earlier row with an unknown target is still this person's open proposal; the later one does not claim the seat.
    const unknownFirst = run({ positions, proposals: [proposal({ 'Kode Jabatan Tujuan': 'DINKES-SALAH' }), valid] });
    expectOne(unknownFirst, 'POSITION_UNKNOWN', 'error', 'Usulan', 'C2');
    expectOne(unknownFirst, 'PROPOSAL_DUPLICATE', 'error', 'Usulan', 'B3');
    assert.equal(unknownFirst.units.find((u) => u.unit === 'Dinas Kesehatan')!.holdersAfter, 0, 'a duplicate claims no seat');
    // An earlier SAME_POSITION row too.
    const sameFirst = run({ positions, proposals: [proposal({ 'Kode Jabatan Tujuan': 'BKD-PRAKOM' }), valid] });
    expectOne(sameFirst, 'SAME_POSITION', 'error', 'Usulan', 'C2');
    expectOne(sameFirst, 'PROPOSAL_DUPLICATE', 'error', 'Usulan', 'B3');
    // A later row with an unknown target after a valid one.
    const unknownLater = run({ positions, proposals: [proposal(), proposal({ 'No Usulan': 'U-0002', 'Kode Jabatan Tujuan': 'DINKES-SALAH' })] });
    expectOne(unknownLater, 'PROPOSAL_DUPLICATE', 'error', 'Usulan', 'B3');
    // Near misses: the earlier unknown-target row is Ditolak; or the earlier row is someone else's unknown NIP.
    expectNone(run({ positions, proposals: [proposal({ Status: 'Ditolak', 'Kode Jabatan Tujuan': 'DINKES-SALAH' }), valid] }), 'PROPOSAL_DUPLICATE');
    const other = run({ positions, proposals: [proposal({ NIP: '199203042019031005' }), valid] });
    expectOne(other, 'EMPLOYEE_UNKNOWN', 'error', 'Usulan', 'B2');
    expectNone(other, 'PROPOSAL_DUPLICATE');
  });

  it('STATUS_INELIGIBLE for CPNS, PPPK and Tugas Belajar', () => {
    for (const s of ['CPNS', 'PPPK', 'Tugas Belajar']) {
      expectOne(run({ employees: [employee({ Status: s })] }), 'STATUS_INELIGIBLE', 'error', 'Usulan', 'B2');
    }
    expectNone(run({ employees: [employee({ Status: null })] }), 'STATUS_INELIGIBLE');
  });

  it('TENURE_MIN: error under 24 months, warning for Darurat, none at exactly 24', () => {
    const f = expectOne(run({ employees: [employee({ 'TMT Jabatan': '01/06/2026' })] }), 'TENURE_MIN', 'error', 'Usulan', 'E2');
    assert.match(f.message, /Masa jabatan 7 bulan; minimal 24 bulan \(PP 11\/2017 Pasal 190 ayat 3/);
    expectOne(run({ employees: [employee({ 'TMT Jabatan': '01/06/2026' })], proposals: [proposal({ 'Jenis Mutasi': 'Darurat' })] }), 'TENURE_MIN', 'warning', 'Usulan', 'E2');
    expectNone(run({ employees: [employee({ 'TMT Jabatan': '02/01/2025' })] }), 'TENURE_MIN');
    expectOne(run({ aturan: [['Tanggal Acuan', '23/11/2026'], ['Masa Jabatan Minimal (bulan)', 60]] }), 'TENURE_MIN', 'error', 'Usulan', 'E2');
  });

  it('RANK_BELOW_MIN: error, or warning one step below on a structural target', () => {
    const admin = withTarget({ 'Jenis Jabatan': 'Administrator' });
    expectOne(run({ employees: [employee({ Golongan: 'III/a' })], positions: admin }), 'RANK_BELOW_MIN', 'error', 'Usulan', 'C2');
    expectOne(run({ employees: [employee({ Golongan: 'III/b' })], positions: admin }), 'RANK_BELOW_MIN', 'warning', 'Usulan', 'C2');
    const madya = withTarget({ 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Madya' });
    expectOne(run({ employees: [employee({ Golongan: 'III/d' })], positions: madya }), 'RANK_BELOW_MIN', 'error', 'Usulan', 'C2');
    expectNone(run({ employees: [employee({ Golongan: 'III/c' })], positions: admin }), 'RANK_BELOW_MIN');
    expectOne(run({ employees: [employee({ Golongan: 'III/c' })], positions: withTarget({ 'Golongan Minimal': 'III/d' }) }), 'RANK_BELOW_MIN', 'warning', 'Usulan', 'C2');
  });

  it('RANK_ABOVE_MAX when the golongan is above the maximum', () => {
    expectOne(run({ positions: withTarget({ 'Golongan Maksimal': 'III/b' }) }), 'RANK_ABOVE_MAX', 'warning', 'Usulan', 'C2');
    expectNone(run({ positions: withTarget({ 'Golongan Maksimal': 'III/c' }) }), 'RANK_ABOVE_MAX');
  });

  it('EDUCATION_BELOW_MIN; D4 counts as S1', () => {
    const admin = withTarget({ 'Jenis Jabatan': 'Administrator' });
    expectOne(run({ employees: [employee({ Pendidikan: 'D-III' })], positions: admin }), 'EDUCATION_BELOW_MIN', 'error', 'Usulan', 'C2');
    expectNone(run({ employees: [employee({ Pendidikan: 'D-IV' })], positions: admin }), 'EDUCATION_BELOW_MIN');
  });

  it('EDUCATION_FIELD_MISMATCH: every word of an entry must occur in the Jurusan', () => {
    const target = withTarget({ 'Rumpun Jurusan': 'Kesehatan Masyarakat; Keperawatan' });
    expectOne(run({ positions: target }), 'EDUCATION_FIELD_MISMATCH', 'warning', 'Usulan', 'C2');
    expectNone(run({ positions: target, employees: [employee({ Jurusan: 'Ilmu Kesehatan Masyarakat' })] }), 'EDUCATION_FIELD_MISMATCH');
    expectOne(run({ positions: target, employees: [employee({ Jurusan: 'Kesehatan Lingkungan' })] }), 'EDUCATION_FIELD_MISMATCH', 'warning', 'Usulan', 'C2');
  });

  it('COMPETENCY_FIT_LOW below 68, COMPETENCY_FIT_MARGINAL from 68 to under 80', () => {
    // Pengawas standard 2 × 9 = 18.
    const low = run({ employees: [employee(comps([1, 1, 1, 1, 1, 1, 1, 1, 1]))] });
    const f = expectOne(low, 'COMPETENCY_FIT_LOW', 'error', 'Usulan', 'C2');
    assert.match(f.message, /JPM 50%/);
    assert.equal(low.proposals[0]!.jpm, 50);
    const marginal = run({ employees: [employee(comps([1, 1, 1, 1, 1, 2, 2, 2, 2]))] });
    expectOne(marginal, 'COMPETENCY_FIT_MARGINAL', 'warning', 'Usulan', 'C2');
    expectNone(marginal, 'COMPETENCY_FIT_LOW');
    assert.equal(marginal.proposals[0]!.jpm, 72.22);
    expectNone(run({ employees: [employee(comps([2, 2, 2, 2, 2, 2, 2, 2, 2]))] }), 'COMPETENCY_FIT_MARGINAL');
  });

  it('COMPETENCY_DATA_MISSING when the employee has no levels', () => {
    expectOne(run({ employees: [employee(comps([]))] }), 'COMPETENCY_DATA_MISSING', 'warning', 'Usulan', 'B2');
    expectNone(run(), 'COMPETENCY_DATA_MISSING');
  });

  it('PERFORMANCE_LOW and PERFORMANCE_MISSING', () => {
    expectOne(run({ employees: [employee({ 'SKP Tahun Lalu': 'Kurang' })] }), 'PERFORMANCE_LOW', 'error', 'Usulan', 'B2');
    expectOne(run({ employees: [employee({ 'SKP Dua Tahun Lalu': 'butuh perbaikan' })] }), 'PERFORMANCE_LOW', 'error', 'Usulan', 'B2');
    expectOne(run({ employees: [employee({ 'SKP Dua Tahun Lalu': null })] }), 'PERFORMANCE_MISSING', 'warning', 'Usulan', 'B2');
    const ok = run({ employees: [employee({ 'SKP Tahun Lalu': 'Baik', 'SKP Dua Tahun Lalu': 'Sangat Baik' })] });
    expectNone(ok, 'PERFORMANCE_LOW');
    expectNone(ok, 'PERFORMANCE_MISSING');
  });

  it('DISCIPLINE_ACTIVE: error, warning when Ringan, none when it ended before TMT', () => {
    expectOne(run({ employees: [employee({ 'Hukuman Disiplin': 'Sedang', 'Hukdis Berakhir': '02/01/2027' })] }), 'DISCIPLINE_ACTIVE', 'error', 'Usulan', 'B2');
    expectOne(run({ employees: [employee({ 'Hukuman Disiplin': 'Ringan', 'Hukdis Berakhir': '31/12/2027' })] }), 'DISCIPLINE_ACTIVE', 'warning', 'Usulan', 'B2');
    expectNone(run({ employees: [employee({ 'Hukuman Disiplin': 'Berat', 'Hukdis Berakhir': '01/01/2027' })] }), 'DISCIPLINE_ACTIVE');
  });

  it('DISCIPLINE_ACTIVE without an end date is taken as running, in the message\'s own language', () => {
    const sheets = workbook({ employees: [employee({ 'Hukuman Disiplin': 'Sedang' })] });
    const en = find(checkSheets(sheets, { lang: 'en' }).result, 'DISCIPLINE_ACTIVE')[0]!;
    assert.equal(en.severity, 'error');
    assert.match(en.message, /no end date/);
    assert.doesNotMatch(en.message, /tanpa/);
    assert.match(find(checkSheets(sheets).result, 'DISCIPLINE_ACTIVE')[0]!.message, /tanpa tanggal/);
  });

  it('RETIREMENT_PASSED and RETIREMENT_NEAR at the target type’s BUP (Pengawas 58)', () => {
    expectOne(run({ employees: [employee({ NIP: NIP_C, 'Tanggal Lahir': '15/01/1966' })], proposals: [proposal({ NIP: NIP_C })] }), 'RETIREMENT_PASSED', 'error', 'Usulan', 'E2');
    const near = '196906011995031001';
    expectOne(run({ employees: [employee({ NIP: near, 'Tanggal Lahir': null })], proposals: [proposal({ NIP: near })] }), 'RETIREMENT_NEAR', 'warning', 'Usulan', 'E2');
    const far = '197001031995031001';
    const r = run({ employees: [employee({ NIP: far, 'Tanggal Lahir': null })], proposals: [proposal({ NIP: far })] });
    expectNone(r, 'RETIREMENT_NEAR');
    expectNone(r, 'RETIREMENT_PASSED');
    // The same person into a Fungsional Ahli Madya seat (BUP 60) is not near retirement.
    const madya = withTarget({ 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Madya', 'Golongan Minimal': 'III/c' });
    expectNone(run({ positions: madya, employees: [employee({ NIP: near, 'Tanggal Lahir': null })], proposals: [proposal({ NIP: near })] }), 'RETIREMENT_NEAR');
  });

  it('RETIREMENT boundaries: the BUP birthday itself, exactly 12 months after TMT, month ends and 29 February', () => {
    const at = (nip: string, tmt: string) => run({ employees: [employee({ NIP: nip, 'Tanggal Lahir': null })], proposals: [proposal({ NIP: nip, 'TMT Mutasi': tmt })] });
    const rules = (r: CheckResult) => r.findings.filter((f) => f.rule.startsWith('RETIREMENT')).map((f) => `${f.rule}@${f.cell}`);
    // Pengawas BUP 58. Born 2 Jan 1969: 58 on 2 Jan 2027 = TMT, so reached on TMT.
    assert.deepEqual(rules(at('196901021995031001', '02/01/2027')), ['RETIREMENT_PASSED@E2']);
    assert.deepEqual(rules(at('196901031995031001', '02/01/2027')), ['RETIREMENT_NEAR@E2']);
    // Born 2 Jan 1970: 58 on 2 Jan 2028, exactly 12 months after TMT: near; a day later is not.
    assert.deepEqual(rules(at('197001021995031001', '02/01/2027')), ['RETIREMENT_NEAR@E2']);
    assert.deepEqual(rules(at('197001031995031001', '02/01/2027')), []);
    // Born 31 Jan 1969: 58 on 31 Jan 2027.
    assert.deepEqual(rules(at('196901311995031001', '31/01/2027')), ['RETIREMENT_PASSED@E2']);
    assert.deepEqual(rules(at('196901311995031001', '30/01/2027')), ['RETIREMENT_NEAR@E2']);
    // Born 29 Feb 1968: 58 in 2026, a year without 29 February: reached on 1 March.
    assert.deepEqual(rules(at('196802291995031001', '28/02/2026')), ['RETIREMENT_NEAR@E2']);
    assert.deepEqual(rules(at('196802291995031001', '01/03/2026')), ['RETIREMENT_PASSED@E2']);
  });

  it('TENURE_MIN counts whole months as DATEDIF does at month ends and 29 February', () => {
    const at = (start: string, tmt: string) => run({ employees: [employee({ 'TMT Jabatan': start })], proposals: [proposal({ 'TMT Mutasi': tmt })], aturan: [['Tanggal Acuan', tmt]] });
    expectNone(at('31/01/2025', '28/02/2027'), 'TENURE_MIN'); // 24 months
    expectOne(at('31/01/2025', '30/01/2027'), 'TENURE_MIN', 'error', 'Usulan', 'E2'); // 23
    const leap = expectOne(at('29/02/2024', '28/02/2026'), 'TENURE_MIN', 'error', 'Usulan', 'E2');
    assert.match(leap.message, /Masa jabatan 23 bulan/);
    expectNone(at('29/02/2024', '01/03/2026'), 'TENURE_MIN');
  });

  it('FORMATION_FULL follows row order and counts people leaving a position', () => {
    const holder = employee({ NIP: NIP_B, 'Tanggal Lahir': null, 'Kode Jabatan': 'DINKES-KASI', 'TMT Jabatan': '01/01/2022' });
    const into = proposal({ 'No Usulan': 'U-0001' });
    const out = proposal({ 'No Usulan': 'U-0002', NIP: NIP_B, 'Kode Jabatan Tujuan': 'BKD-PRAKOM' });
    // The holder leaves first: the seat is free for the next row.
    const freed = run({ employees: [employee(), holder], proposals: [out, into] });
    expectNone(freed, 'FORMATION_FULL');
    // The other order: the seat is still taken when U-0001 claims it.
    const full = run({ employees: [employee(), holder], proposals: [into, out] });
    const f = expectOne(full, 'FORMATION_FULL', 'error', 'Usulan', 'C2');
    assert.match(f.message, /kebutuhan ABK 1, sudah terisi 1/);
    // Two proposals for one empty seat: the second is refused and names the first.
    const third = employee({ NIP: '199203042019031005', 'Tanggal Lahir': null, 'Kode Jabatan': 'BKD-PRAKOM' });
    const two = run({ employees: [employee(), third], proposals: [into, proposal({ 'No Usulan': 'U-0009', NIP: '199203042019031005' })] });
    const g = expectOne(two, 'FORMATION_FULL', 'error', 'Usulan', 'C3');
    assert.match(g.message, /U-0001/);
  });

  it('a FORMATION_FULL row does not claim; an error row still claims its seat', () => {
    const other = employee({ NIP: '199203042019031005', 'Tanggal Lahir': null, 'SKP Tahun Lalu': 'Kurang' });
    const r = run({ employees: [employee(), other], proposals: [proposal({ NIP: '199203042019031005', 'No Usulan': 'U-0001' }), proposal({ 'No Usulan': 'U-0002' })] });
    expectOne(r, 'PERFORMANCE_LOW', 'error', 'Usulan', 'B2');
    expectOne(r, 'FORMATION_FULL', 'error', 'Usulan', 'C3');
  });

  it('LEVEL_SKIP more than one rung up the same ladder', () => {
    const pelaksana = [position({ 'Kode Jabatan': 'BKD-PELAKSANA', 'Jenis Jabatan': 'Pelaksana', 'Unit Kerja': 'BKPSDM', Kebutuhan: 3 })];
    const emp = employee({ 'Kode Jabatan': 'BKD-PELAKSANA' });
    expectOne(run({ employees: [emp], positions: [...pelaksana, position({ 'Jenis Jabatan': 'Administrator' })] }), 'LEVEL_SKIP', 'error', 'Usulan', 'C2');
    expectNone(run({ employees: [emp], positions: [...pelaksana, position()] }), 'LEVEL_SKIP');
    // Across ladders (Ahli Muda → Administrator) it is judged by rank and education only.
    expectNone(run({ positions: withTarget({ 'Jenis Jabatan': 'Administrator' }) }), 'LEVEL_SKIP');
  });

  it('LEVEL_DOWN to a lower rung, or from an Ahli position to Pelaksana', () => {
    const adminNow = [position({ 'Kode Jabatan': 'BKD-KABID', 'Jenis Jabatan': 'Administrator', 'Unit Kerja': 'BKPSDM' })];
    expectOne(run({ employees: [employee({ 'Kode Jabatan': 'BKD-KABID' })], positions: [...adminNow, position()] }), 'LEVEL_DOWN', 'warning', 'Usulan', 'C2');
    expectOne(run({ positions: withTarget({ 'Jenis Jabatan': 'Pelaksana' }) }), 'LEVEL_DOWN', 'warning', 'Usulan', 'C2');
    expectNone(run(), 'LEVEL_DOWN');
  });

  it('ELECTION_MORATORIUM: error inside the window, warning with Izin Mendagri, none outside', () => {
    const window: [string, string][] = [['Tanggal Acuan', '23/11/2026'], ['Larangan Mutasi Mulai', '01/12/2026'], ['Larangan Mutasi Selesai', '31/03/2027']];
    expectOne(run({ aturan: window }), 'ELECTION_MORATORIUM', 'error', 'Usulan', 'E2');
    expectOne(run({ aturan: window, proposals: [proposal({ 'Izin Mendagri': '100.2.2.6/1234/OTDA' })] }), 'ELECTION_MORATORIUM', 'warning', 'Usulan', 'H2');
    expectNone(run({ aturan: [['Tanggal Acuan', '23/11/2026'], ['Larangan Mutasi Mulai', '01/12/2026'], ['Larangan Mutasi Selesai', '01/01/2027']] }), 'ELECTION_MORATORIUM');
  });

  it('TRAINING_MISSING for a Diklat Wajib the employee has not taken (case and spacing ignored)', () => {
    expectOne(run({ positions: withTarget({ 'Diklat Wajib': 'PKA' }) }), 'TRAINING_MISSING', 'warning', 'Usulan', 'C2');
    expectNone(run({ positions: withTarget({ 'Diklat Wajib': 'pkp' }) }), 'TRAINING_MISSING');
  });
});

describe('rules: proposals and verdicts', () => {
  it('Ditolak and Tercatat rows are inactive and get no findings', () => {
    const r = run({ proposals: [proposal({ Status: 'Tercatat', 'Kode Jabatan Tujuan': 'NOWHERE' }), proposal({ 'No Usulan': 'U-0002', Status: 'Ditolak', NIP: null })] });
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.proposals.map((p) => p.verdict), ['inactive', 'inactive']);
  });

  it('verdict is the worst severity and lists every rule of the row', () => {
    const r = run({ employees: [employee({ 'SKP Dua Tahun Lalu': null, 'TMT Jabatan': '01/06/2026' })] });
    assert.equal(r.proposals[0]!.verdict, 'error');
    assert.deepEqual(r.proposals[0]!.rules.sort(), ['PERFORMANCE_MISSING', 'TENURE_MIN']);
  });

  it('an empty Usulan id gets one from its row', () => {
    const r = run({ proposals: [proposal({ 'No Usulan': null })] });
    assert.equal(r.proposals[0]!.id, 'U-0002');
  });

  it('the per-unit summary counts holders today and after the proposals', () => {
    const r = run();
    assert.deepEqual(r.units, [
      { unit: 'BKPSDM', needed: 2, holdersToday: 1, holdersAfter: 0, balance: -2 },
      { unit: 'Dinas Kesehatan', needed: 1, holdersToday: 0, holdersAfter: 1, balance: 0 },
    ]);
  });

  it('a position without a unit is summed under "(tanpa unit)", "(no unit)" in English', () => {
    const positions = [...BASE_POSITIONS, position({ 'Kode Jabatan': 'X-1', 'Unit Kerja': null, Kebutuhan: 3 })];
    for (const [lang, label] of [['id', '(tanpa unit)'], ['en', '(no unit)']] as const) {
      const r = checkSheets(workbook({ positions }), { lang }).result;
      assert.deepEqual(r.units.find((u) => u.unit === label), { unit: label, needed: 3, holdersToday: 0, holdersAfter: 0, balance: -3 });
    }
  });

  it('messages switch to English', () => {
    const r = checkSheets(workbook({ employees: [employee({ 'TMT Jabatan': '01/06/2026' })] }), { lang: 'en' }).result;
    assert.match(find(r, 'TENURE_MIN')[0]!.message, /7 months in post; at least 24 required/);
  });

  it('the catalogue covers every rule id with messages in both languages', () => {
    assert.equal(new Set(RULE_IDS).size, 35);
    void JABATAN_HEADERS;
  });
});
