/**
 * Properties of the engine on arbitrary workbooks (fast-check): it never throws, every finding points
 * at a cell that exists, and `check` is deterministic.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkSheets } from '../../shared/engine';
import type { CellValue, SheetData } from '../../shared/workbook/gateway';
import { JABATAN_HEADERS, NIP_A, NIP_B, PEGAWAI_HEADERS, USULAN_HEADERS } from '../support/book';

const meaningful = [
  'III/a', '3b', 'IV/e', 'S1', 'D-III', 'SLTA', 'PNS', 'CPNS', 'PPPK', 'Baik', 'Sangat Baik', 'Kurang', 'Tinggi', 'Rendah',
  'Ringan', 'Berat', 'Tidak Ada', 'Pengawas', 'Administrator', 'Fungsional', 'Pelaksana', 'JPT Pratama', 'Ahli Muda', 'Terampil',
  'Rotasi', 'Darurat', 'Draf', 'Ditolak', 'Tercatat', 'BKD-PRAKOM', 'DINKES-KASI', 'Dinas Kesehatan', NIP_A, NIP_B,
  '19850312 201001 1 002', '1 Maret 2019', '31/12/2026', '2026-01-02', '#N/A', 'Kesehatan Masyarakat', 'PKA; PKP',
];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.constantFrom(...meaningful) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 60000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }) },
  { weight: 1, arbitrary: fc.constant(198503122010011000) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)) }) },
  { weight: 1, arbitrary: fc.constantFrom({ error: '#N/A' }, { error: '#REF!' }) },
);

function sheetArb(name: string, headers: string[]): fc.Arbitrary<SheetData> {
  return fc
    .record({
      titles: fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 2 }),
      drop: fc.option(fc.integer({ min: 0, max: headers.length - 1 }), { freq: 5 }),
      rows: fc.array(fc.array(cell, { minLength: headers.length, maxLength: headers.length }), { maxLength: 8 }),
      startCol: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ titles, drop, rows, startCol }) => {
      const hs = drop === null ? headers : headers.map((h, i) => (i === drop ? 'Keterangan' : h));
      return { name, values: [...titles, hs, ...rows], startRow: 1, startCol };
    });
}

const workbookArb = fc.tuple(
  sheetArb('Pegawai', PEGAWAI_HEADERS),
  sheetArb('Jabatan', JABATAN_HEADERS),
  sheetArb('Usulan', USULAN_HEADERS),
  fc.array(fc.tuple(fc.constantFrom('Tanggal Acuan', 'Masa Jabatan Minimal (bulan)', 'JPM Minimal (%)', 'Larangan Mutasi Mulai', 'Larangan Mutasi Selesai', 'Bobot JPM'), cell), { maxLength: 5 }),
  fc.boolean(),
).map(([p, j, u, aturan, withJabatan]) => {
  const sheets = [p, u, { name: 'Aturan', values: [['Aturan', 'Nilai'], ...aturan], startRow: 1, startCol: 1 } as SheetData];
  if (withJabatan) sheets.push(j);
  return sheets;
});

function colNumber(cellRef: string): number {
  let n = 0;
  for (const ch of cellRef.match(/^[A-Z]+/)![0]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

describe('engine properties', () => {
  it('never throws on arbitrary cell contents in any column', () => {
    fc.assert(
      fc.property(workbookArb, (sheets) => {
        checkSheets(sheets, { asOf: 20780 });
      }),
      { numRuns: 400 },
    );
  });

  it('every finding points at a cell that exists', () => {
    fc.assert(
      fc.property(workbookArb, (sheets) => {
        const { result } = checkSheets(sheets);
        for (const f of result.findings) {
          if (f.rule === 'SHEET_MISSING') {
            assert.ok(!sheets.some((s) => s.name === f.sheet));
            continue;
          }
          const s = sheets.find((x) => x.name === f.sheet);
          assert.ok(s, `sheet ${f.sheet} exists`);
          const lastRow = s.startRow + s.values.length - 1;
          assert.ok(f.row >= s.startRow && f.row <= lastRow, `${f.rule} row ${f.row} within ${s.startRow}..${lastRow}`);
          assert.match(f.cell, /^[A-Z]{1,3}[1-9]\d*$/);
          assert.equal(f.cell, f.cell.replace(/\d+$/, '') + f.row, 'A1 address agrees with the row');
          assert.ok(colNumber(f.cell) >= 1 && colNumber(f.cell) <= s.startCol + 40);
          assert.ok(f.message.length > 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same sheets give the same result', () => {
    fc.assert(
      fc.property(workbookArb, (sheets) => {
        const a = checkSheets(sheets, { asOf: 20780 }).result;
        const b = checkSheets(structuredClone(sheets), { asOf: 20780 }).result;
        assert.deepEqual(a, b);
      }),
      { numRuns: 150 },
    );
  });
});
