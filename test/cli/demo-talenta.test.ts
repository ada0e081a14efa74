/**
 * The demo agency for Talenta & Suksesi: Jabatan Kritikal = Ya on non-structural posts only, and enough
 * variety that every readiness class and the "no successor ready now" flag appear, at several sizes and
 * seeds (the clean demo too: no VALUE_INVALID in Jabatan).
 */
import { strict as assert } from 'node:assert';
import { buildDemo, demoWorkbook } from '../../sync-server/xlsx/demo';
import { sheetData } from '../../sync-server/xlsx/exceljs-gateway';
import { parseWorkbook } from '../../shared/workbook/reader';
import { successionOf } from '../../shared/succession';

describe('demo: key posts for succession', function () {
  this.timeout(120_000);
  for (const [employees, seed, clean] of [[1200, 1, false], [300, 9, true], [700, 3, false]] as const) {
    it(`${employees} people, seed ${seed}${clean ? ', --bersih' : ''}: critical functional posts, every readiness class, a post without a ready successor`, () => {
      const data = buildDemo({ employees, seed, clean });
      const wb = demoWorkbook(data, seed).workbook;
      const jabatan = wb.getWorksheet('Jabatan')!;
      const header = (jabatan.getRow(1).values as unknown[]).indexOf('Jabatan Kritikal');
      assert.ok(header > 0, 'Jabatan has the column');
      const marked: string[] = [];
      jabatan.eachRow((row, r) => {
        if (r > 1 && row.getCell(header).value === 'Ya') {
          marked.push(String(row.getCell(3).value));
        }
      });
      assert.ok(marked.length >= 3, `${marked.length} critical posts`);
      assert.deepEqual([...new Set(marked)], ['Fungsional']);
      const parsed = parseWorkbook(wb.worksheets.map((w) => sheetData(w)));
      assert.deepEqual(parsed.sink.list.filter((f) => f.sheet === 'Jabatan' && f.column === 'Jabatan Kritikal'), []);
      const r = successionOf(parsed.book!);
      assert.ok(r.posts.some((p) => p.reason === 'critical'));
      const classes = new Set(r.posts.flatMap((p) => p.successors.map((s) => s.readiness)));
      assert.deepEqual([...classes].sort(), ['notYet', 'now', 'soon']);
      assert.ok(r.counts.withoutReady >= 1, 'a post without a successor ready now');
      assert.ok(r.posts.some((p) => p.status === 'ready'));
      assert.ok(r.counts.opening >= 1, 'a holder retiring within the horizon');
    });
  }
});
