/**
 * Cek data SIASN (docs/siasn.md): a designed SIASN data-utama export with one person for each kind of
 * difference (unit by unor id and by name, position, TMT Jabatan, golongan), one identical, one SIASN
 * has that we do not, one we have that SIASN does not — against a workbook (.xlsx through the product's
 * reader) and against the official record (SQLite and PostgreSQL), in the CLI, as JSON and as a sheet.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { compareWithSiasn, normDate, normGolongan, siasnPeople, type OurPerson } from '../../shared/siasn/disparity';
import { readXlsx } from '../../shared/xlsx/read';
import { saveRoster } from '../../sync-server/db/roster';
import { eachDatabase } from '../server/support/databases';
import { agency, rosterRows } from '../server/support/fixtures';
import { mutasi } from '../support/cli';

const a = agency({ people: 7, targets: 1 });
// Unit A's pool has a SIASN unor id in the roster.
a.positions[0]!.unorId = 'UNOR-A';
const nips = a.employees.map((e) => e.nip);
const OUTSIDER = '199001012015031001';

/** The SIASN export: as the data-utama fields name them, dates DD-MM-YYYY as SIASN writes them. */
function siasnExport(): Record<string, string>[] {
  const base = (i: number) => {
    const e = a.employees[i]!;
    const p = a.positions.find((x) => x.code === e.positionCode)!;
    return { nipBaru: e.nip, nama: e.name.toUpperCase(), unorId: p.unorId ?? 'UNOR-B', unorNama: p.unit, jabatanNama: p.name, tmtJabatan: '02-01-2018', golRuangAkhir: 'III/a' };
  };
  return [
    { ...base(0), unorId: 'UNOR-LAIN', unorNama: 'Dinas Lain' }, // unit by unor id (person 0 is in POOL-A: UNOR-A)
    { ...base(1), unorNama: 'Unit Z' }, // unit by name (POOL-B has no unor id)
    { ...base(2), jabatanNama: 'Analis Kepegawaian' }, // position
    { ...base(3), tmtJabatan: '01-03-2020' }, // TMT Jabatan
    { ...base(4), golRuangAkhir: 'III/b' }, // golongan
    { ...base(5), unorNama: `  ${base(5).unorNama.toUpperCase().replace(' ', '   ')} `, jabatanNama: base(5).jabatanNama.toLowerCase() }, // same, other case/spacing
    { nipBaru: OUTSIDER, nama: 'ORANG LUAR', unorId: 'UNOR-X', unorNama: 'Unit X', jabatanNama: 'Pengadministrasi', tmtJabatan: '01-01-2020', golRuangAkhir: 'II/c' },
    { nipBaru: '12345', nama: 'SALAH', unorId: '', unorNama: '', jabatanNama: '', tmtJabatan: '', golRuangAkhir: '' },
  ];
  // employees[6] is in the workbook / record but not in the export.
}

function assertDesignedReport(r: ReturnType<typeof compareWithSiasn>, source: 'workbook' | 'record'): void {
  const by = new Map(r.people.map((p) => [p.nip, p]));
  const only = (nip: string) => by.get(nip)?.differences.map((d) => `${d.aspect}:${d.source}`) ?? [];
  assert.deepEqual(only(nips[0]!), [`unit:${source}`]);
  assert.match(by.get(nips[0]!)!.differences[0]!.siasn, /UNOR-LAIN/);
  assert.deepEqual(only(nips[1]!), [`unit:${source}`]);
  assert.deepEqual(only(nips[2]!), [`jabatan:${source}`]);
  assert.deepEqual(only(nips[3]!), [`tmtJabatan:${source}`]);
  assert.deepEqual(by.get(nips[3]!)!.differences[0], { aspect: 'tmtJabatan', source, siasn: '2020-03-01', ours: '2018-01-02' });
  assert.deepEqual(only(nips[4]!), [`golongan:${source}`]);
  assert.equal(by.has(nips[5]!), false, 'the same data in other case and spacing is no difference');
  assert.deepEqual(by.get(OUTSIDER)!.absentFrom, [source]);
  assert.deepEqual(r.notInSiasn[source].map((x) => x.nip), [nips[6]]);
  assert.deepEqual(r.counts, { unit: 2, jabatan: 1, tmtJabatan: 1, golongan: 1 });
  assert.equal(r.skipped.length, 1);
  assert.match(r.skipped[0]!.reason, /12345/);
}

describe('cek data SIASN: comparison', () => {
  it('normalises SIASN dates and golongan', () => {
    assert.equal(normDate('04-01-2027'), '2027-01-04');
    assert.equal(normDate('2027-01-04'), '2027-01-04');
    assert.equal(normDate(new Date(Date.UTC(2027, 0, 4))), '2027-01-04');
    assert.equal(normGolongan('III/a'), 'III/a');
    assert.equal(normGolongan('III / A'), 'III/a');
    assert.equal(normGolongan('3a'), 'III/a');
    assert.equal(normGolongan('IV/b (Pembina Tk. I)'), 'IV/b');
  });

  it('reports each kind of difference, absences both ways, and skips rows without a NIP', () => {
    const byCode = new Map(a.positions.map((p) => [p.code, p]));
    const ours = new Map<string, OurPerson>(a.employees.map((e) => {
      const p = byCode.get(e.positionCode)!;
      return [e.nip, { nip: e.nip, name: e.name, unit: p.unit, unorId: p.unorId ?? '', positionCode: p.code, positionName: p.name, tmtJabatan: '2018-01-02', golongan: 'III/a' }];
    }));
    const { people, skipped } = siasnPeople(siasnExport());
    assertDesignedReport(compareWithSiasn(people, { workbook: ours }, skipped), 'workbook');
  });
});

async function writeSheets(file: string, sheets: Record<string, Record<string, string | number | null>[]>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [name, data] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    const headers = [...new Set(data.flatMap((r) => Object.keys(r)))];
    ws.addRow(headers);
    for (const r of data) ws.addRow(headers.map((h) => r[h] ?? null));
  }
  await wb.xlsx.writeFile(file);
}

describe('mutasi siasn cek --workbook', () => {
  it('reads the export and the workbook as .xlsx, prints per person, writes the sheet as text', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-siasn-cek-'));
    const book = path.join(dir, 'nominatif.xlsx');
    const rows = rosterRows(a);
    rows.jabatan[0]!['ID Unor SIASN'] = 'UNOR-A';
    await writeSheets(book, { Jabatan: rows.jabatan, Pegawai: rows.pegawai });
    const exp = path.join(dir, 'siasn.xlsx');
    await writeSheets(exp, { 'Data Utama': siasnExport() });
    const report = path.join(dir, 'cek.xlsx');

    const r = mutasi(['siasn', 'cek', exp, '--workbook', book, '--out', report]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /5 orang berbeda: Unit 2 · Jabatan 1 · TMT Jabatan 1 · Golongan 1/);
    assert.match(r.stdout, new RegExp(`${nips[3]}[^\\n]*\\n\\s+TMT Jabatan: SIASN "2020-03-01" ≠ buku kerja "2018-01-02"`));
    assert.match(r.stdout, /1 orang di buku kerja tidak ada di unduhan SIASN/);

    const j = mutasi(['siasn', 'cek', exp, '--workbook', book, '--json']);
    assertDesignedReport(JSON.parse(j.stdout), 'workbook');

    const sheet = readXlsx(new Uint8Array(readFileSync(report)), () => true).sheets.find((s) => s.name === 'Cek SIASN')!;
    assert.deepEqual(sheet.values[0], ['NIP', 'Nama (SIASN)', 'Aspek', 'Sumber', 'SIASN', 'Data kami']);
    for (const row of sheet.values) for (const v of row) assert.ok(v === null || typeof v === 'string');
    assert.ok(sheet.values.some((row) => row[0] === nips[4] && row[2] === 'Golongan' && row[4] === 'III/b' && row[5] === 'III/a'));
    assert.ok(sheet.values.some((row) => row[0] === nips[6] && row[2] === 'Tidak ada di unduhan SIASN'));
  });

  it('a file that is no SIASN export: one clear line, exit 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-siasn-cek-'));
    const bad = path.join(dir, 'x.json');
    writeFileSync(bad, '{"data": 5}');
    const r = mutasi(['siasn', 'cek', bad, '--workbook', bad]);
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, /at .*\.ts/);
  });
});

eachDatabase('mutasi siasn cek --db (JSON export)', (ctx) => {
  it('compares the export with the official record', async function () {
    this.timeout(60_000);
    await saveRoster(ctx.db, { employees: a.employees, positions: a.positions, source: 'test' }, 'test');
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-siasn-cek-'));
    const exp = path.join(dir, 'siasn.json');
    writeFileSync(exp, JSON.stringify({ data: siasnExport() }));
    const r = mutasi(['siasn', 'cek', exp, '--db', ctx.url, '--json']);
    assert.equal(r.code, 1, r.stderr);
    assertDesignedReport(JSON.parse(r.stdout), 'record');
  });
});
