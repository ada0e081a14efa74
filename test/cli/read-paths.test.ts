/**
 * `check` reads with exceljs's streaming reader when it can and falls back to reading the whole file
 * when the zip's part order hides sheet names from it. Both paths must give the engine the same data.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import os from 'node:os';
import path from 'node:path';
import { buildDemo, demoWorkbook, writeDemoFile } from '../../sync-server/xlsx/demo';
import { XlsxGateway, readSheetsStreaming } from '../../sync-server/xlsx/exceljs-gateway';
import { checkSheets } from '../../shared/engine';
import type { SheetData } from '../../shared/workbook/gateway';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mutasi-read-'));

/** Trailing empty cells and rows carry no data; the two readers may differ only there. */
function trimmed(s: SheetData): unknown[][] {
  const rows = s.values.map((r) => {
    const out = [...r];
    while (out.length && (out[out.length - 1] === null || out[out.length - 1] === '')) out.pop();
    return out.map((v) => (v instanceof Date ? v.toISOString() : v));
  });
  while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  return rows;
}

describe('reading .xlsx files: streaming and whole-file give the same data', function () {
  this.timeout(60_000);
  const data = buildDemo({ employees: 300, seed: 11 });

  async function compare(file: string, expectVia: 'stream' | 'whole') {
    const all = () => true;
    const streamed = await readSheetsStreaming(file, all);
    assert.equal(streamed.via, expectVia);
    const gw = await XlsxGateway.open(file);
    const names = await gw.listSheets();
    assert.deepEqual([...streamed.names].sort(), [...names].sort());
    const whole = await gw.readSheets(names);
    for (const w of whole) {
      const s = streamed.sheets.find((x) => x.name === w.name);
      assert.ok(s, `sheet ${w.name} read by the streaming path`);
      assert.deepEqual(trimmed(s), trimmed(w), `sheet ${w.name}`);
    }
    const opts = { asOf: undefined };
    assert.deepEqual(checkSheets(streamed.sheets, opts).result, checkSheets(whole, opts).result);
  }

  it('a file written by the demo command (streamed, the part order Excel uses)', async () => {
    const file = path.join(dir, 'demo-stream.xlsx');
    await writeDemoFile(data, 11, file);
    await compare(file, 'stream');
  });

  it('a file whose workbook part comes after the sheets (as some writers do): falls back, same data', async () => {
    const first = path.join(dir, 'demo-whole.xlsx');
    await demoWorkbook(data, 11).workbook.xlsx.writeFile(first);
    await compare(first, 'stream');
    // Re-pack the same parts with shared strings and relationships first and xl/workbook.xml last.
    const src = await JSZip.loadAsync(readFileSync(first));
    const names = Object.keys(src.files).filter((n) => !src.files[n]!.dir);
    const rank = (n: string) => (n === 'xl/workbook.xml' ? 3 : n.startsWith('xl/worksheets/') ? 2 : 1);
    const out = new JSZip();
    for (const n of [...names].sort((a, b) => rank(a) - rank(b))) out.file(n, await src.files[n]!.async('nodebuffer'));
    const reordered = path.join(dir, 'demo-reordered.xlsx');
    writeFileSync(reordered, await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    await compare(reordered, 'whole');
  });
});
