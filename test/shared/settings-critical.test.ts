/** The settings of 2026-12-07 (succession, after the move) and Jabatan Kritikal (WORKBOOK.md). */
import { strict as assert } from 'node:assert';
import { parseWorkbook } from '../../shared/workbook/reader';
import { parseMonthList } from '../../shared/workbook/settings';
import { BASE_POSITIONS, JABATAN_HEADERS, position, sheet, workbook } from '../support/book';
import type { CellValue } from '../../shared/workbook/gateway';

const read = (aturan: [string, CellValue][]) => parseWorkbook(workbook({ aturan: [['Tanggal Acuan', '23/11/2026'], ...aturan] }));
const invalidCells = (p: ReturnType<typeof read>) => p.sink.list.filter((f) => f.rule === 'VALUE_INVALID').map((f) => `${f.sheet}!${f.cell}`);

describe('Aturan: succession and after-the-move settings', () => {
  it('defaults: Jumlah Suksesor 3, Horizon Pensiun 24, Batas SPMT 30, Evaluasi Pasca Mutasi 6; 12', () => {
    const s = read([]).settings;
    assert.deepEqual([s.successorCount, s.retirementHorizonMonths, s.spmtDays, s.postMoveReviewMonths], [3, 24, 30, [6, 12]]);
  });
  it('values given are read, the review months as a list', () => {
    const p = read([['Jumlah Suksesor', 5], ['Horizon Pensiun (bulan)', '36'], ['Batas SPMT (hari)', 14], ['Evaluasi Pasca Mutasi (bulan)', '12; 3; 6']]);
    assert.deepEqual(invalidCells(p), []);
    const s = p.settings;
    assert.deepEqual([s.successorCount, s.retirementHorizonMonths, s.spmtDays, s.postMoveReviewMonths], [5, 36, 14, [3, 6, 12]]);
    assert.deepEqual(read([['Evaluasi Pasca Mutasi', 6]]).settings.postMoveReviewMonths, [6]);
  });
  it('bad values are VALUE_INVALID on their Nilai cell and the default stands', () => {
    const p = read([['Jumlah Suksesor', 'tiga'], ['Horizon Pensiun (bulan)', 2.5], ['Batas SPMT (hari)', 0], ['Evaluasi Pasca Mutasi (bulan)', '6; setahun']]);
    assert.deepEqual(invalidCells(p), ['Aturan!B3', 'Aturan!B4', 'Aturan!B5', 'Aturan!B6']);
    const s = p.settings;
    assert.deepEqual([s.successorCount, s.retirementHorizonMonths, s.spmtDays, s.postMoveReviewMonths], [3, 24, 30, [6, 12]]);
    assert.match(p.sink.list.at(-1)!.message, /setahun/);
  });
  it('parseMonthList', () => {
    assert.deepEqual(parseMonthList('6; 12'), [6, 12]);
    assert.deepEqual(parseMonthList('6,12'), [6, 12]);
    assert.deepEqual(parseMonthList('12;6;6'), [6, 12]);
    assert.equal(parseMonthList('0'), null);
    assert.equal(parseMonthList('6.5'), null);
    assert.equal(parseMonthList(''), null);
    assert.equal(parseMonthList(121), null);
  });
});

describe('Jabatan Kritikal', () => {
  const jabatan = (values: CellValue[], header = 'Jabatan Kritikal') =>
    sheet('Jabatan', [...JABATAN_HEADERS, header], [
      ...BASE_POSITIONS,
      ...values.map((v, i) => position({ 'Kode Jabatan': `K-${i}`, [header]: v })),
    ]);
  const parse = (values: CellValue[], header?: string) => {
    const sheets = workbook();
    sheets[1] = jabatan(values, header);
    return parseWorkbook(sheets);
  };
  it('Ya / Tidak, empty = Tidak; aliases Kritikal and Jabatan Target', () => {
    for (const header of ['Jabatan Kritikal', 'Kritikal', 'JABATAN TARGET']) {
      const p = parse(['Ya', 'Tidak', null, 'ya', true, 'T'], header);
      assert.deepEqual(p.sink.list.filter((f) => f.rule === 'VALUE_INVALID'), [], header);
      assert.deepEqual(p.book!.positions.map((x) => x.critical), [false, false, true, false, false, true, true, false], header);
    }
  });
  it('anything else is VALUE_INVALID and reads as Tidak', () => {
    const p = parse(['Mungkin', 3]);
    const bad = p.sink.list.filter((f) => f.rule === 'VALUE_INVALID');
    assert.deepEqual(bad.map((f) => `${f.sheet}!${f.cell}`), ['Jabatan!M4', 'Jabatan!M5']);
    assert.match(bad[0]!.message, /Mungkin/);
    assert.deepEqual(p.book!.positions.map((x) => x.critical), [false, false, false, false]);
  });
});
