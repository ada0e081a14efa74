/**
 * A workbook whose zip and workbook part are sound but whose Pegawai sheet is cut off mid-row (a copy
 * interrupted, a writer that crashed): propose and talenta open the file first and read the sheets
 * after, so the damage shows only then. Both must say what check says — the file is damaged, save it
 * again — with exit 2, never "kesalahan tak terduga" and never a file written.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { buildDemo, writeDemoFile } from '../../sync-server/xlsx/demo';
import { mutasi } from '../support/cli';

describe('CLI: a workbook whose sheet part is damaged', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mutasi-damaged-'));
  const file = path.join(dir, 'terpotong.xlsx');

  before(async () => {
    const src = path.join(dir, 'utuh.xlsx');
    await writeDemoFile(buildDemo({ employees: 300, seed: 3 }), 3, src);
    const parts = unzipSync(new Uint8Array(readFileSync(src)));
    const wb = new TextDecoder().decode(parts['xl/workbook.xml']);
    assert.match(wb, /name="Pegawai"[^>]*r:id="rId4"/, 'the demo names Pegawai first (sheet1.xml)');
    parts['xl/worksheets/sheet1.xml'] = strToU8(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"',
    );
    writeFileSync(file, zipSync(parts));
  });

  for (const command of ['propose', 'talenta'] as const) {
    it(`${command} --out says the file is damaged (exit 2), in Indonesian and English, and writes nothing`, () => {
      const out = path.join(dir, `${command}-out.xlsx`);
      const id = mutasi([command, file, '--out', out]);
      assert.equal(id.code, 2, id.stderr);
      assert.match(id.stderr, /tidak dapat dibaca sebagai \.xlsx: isinya rusak/);
      assert.doesNotMatch(id.stderr, /tak terduga|sheetData|at \w+ \(/, 'no internal detail or stack');
      assert.equal(existsSync(out), false);
      const en = mutasi([command, file, '--out', out, '--lang', 'en']);
      assert.equal(en.code, 2, en.stderr);
      assert.match(en.stderr, /cannot be read as \.xlsx/i);
      assert.doesNotMatch(en.stderr, /unexpected|sheetData/i);
    });
  }
});
