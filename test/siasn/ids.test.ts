/**
 * SIASN reference ids (docs/siasn.md): optional columns on Jabatan (ID Unor SIASN, ID Jabatan
 * Fungsional SIASN, ID Jabatan Pelaksana SIASN, ID Eselon SIASN) and Pegawai (ID PNS SIASN), read under
 * their aliases, kept by the official record (migration 0006), written by export, removed when the
 * roster removes them — and the audit chain still verifies.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { saveRoster } from '../../sync-server/db/roster';
import { getEmployee, getPosition } from '../../sync-server/db/queries';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import { pull } from '../../sync-server/db/changes';
import { exportWorkbook } from '../../sync-server/server/export/workbook';
import { importFile } from '../../sync-server/server/roster/import-file';
import { readKnownSheets } from '../../sync-server/xlsx/file';
import { readRoster } from '../../sync-server/server/roster/read-roster';
import { eachDatabase } from '../server/support/databases';
import { agency, rosterRows } from '../server/support/fixtures';

/** A roster workbook from POST /roster-style rows, with the given extra columns per row. */
async function writeRoster(file: string, rows: ReturnType<typeof rosterRows>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [name, data] of [['Jabatan', rows.jabatan], ['Pegawai', rows.pegawai]] as const) {
    const ws = wb.addWorksheet(name);
    const headers = [...new Set(data.flatMap((r) => Object.keys(r)))];
    ws.addRow(headers);
    for (const r of data) ws.addRow(headers.map((h) => r[h] ?? null));
  }
  await wb.xlsx.writeFile(file);
}

eachDatabase('SIASN ids: import, record, export', (ctx) => {
  const a = agency({ people: 6, targets: 2 });
  const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-siasn-ids-'));
  const nip0 = a.employees[0]!.nip;

  it('reads the ids under their aliases and keeps them in the record; the chain verifies', async function () {
    this.timeout(60_000);
    const rows = rosterRows(a);
    // Aliases as offices write them; a number cell (eselon 22) reads as its digits.
    rows.jabatan[0]!['ID Unor'] = '8ae48289-UNOR-A';
    rows.jabatan[0]!['ID Jabatan Pelaksana'] = 'JFU-0001';
    rows.jabatan[2]!['ID Unor'] = '8ae48289-UNOR-A';
    rows.jabatan[2]!['ID Jabatan Fungsional'] = 'JF-77';
    rows.jabatan[2]!['ID Eselon'] = 22;
    rows.pegawai[0]!['PNS ID'] = 'A8ACA7397AEB3912E040640A040269BB';
    // Jabatan Kritikal (WORKBOOK.md `critical`): Ya on one post, Tidak / empty elsewhere.
    rows.jabatan[1]!['Jabatan Kritikal'] = 'Ya';
    rows.jabatan[2]!['Jabatan Kritikal'] = 'Tidak';
    const file = path.join(dir, 'roster.xlsx');
    await writeRoster(file, rows);
    const out = await importFile(ctx.db, file, 'test');
    assert.equal(out.ok, true, JSON.stringify(out));
    const p0 = (await getPosition(ctx.db.knex, a.positions[0]!.code))!;
    assert.equal(p0.unorId, '8ae48289-UNOR-A');
    assert.equal(p0.jabatanFungsionalUmumId, 'JFU-0001');
    assert.equal(p0.jabatanFungsionalId, undefined);
    const p2 = (await getPosition(ctx.db.knex, a.positions[2]!.code))!;
    assert.deepEqual([p2.unorId, p2.jabatanFungsionalId, p2.eselonId], ['8ae48289-UNOR-A', 'JF-77', '22']);
    assert.equal((await getEmployee(ctx.db.knex, nip0))!.pnsId, 'A8ACA7397AEB3912E040640A040269BB');
    assert.equal((await getEmployee(ctx.db.knex, a.employees[1]!.nip))!.pnsId, undefined);
    assert.equal((await getPosition(ctx.db.knex, a.positions[1]!.code))!.critical, true);
    assert.equal(p2.critical, undefined, 'Tidak is not kept (absent = Tidak)');
    assert.equal(p0.critical, undefined);
    // What a pull gives (a reset snapshot's positions are the same records): Jabatan Kritikal with it.
    const pulled = await pull(ctx.db, 0, 1000, null);
    const pos = (pulled.changes ?? []).filter((c) => c.kind === 'position').map((c) => c.data as { code: string; critical?: boolean });
    assert.equal(pos.find((p) => p.code === a.positions[1]!.code)?.critical, true);
    assert.equal((await verifyAudit(ctx.db)).ok, true);

    // The same roster again changes nothing (ids compare equal).
    const again = await importFile(ctx.db, file, 'test');
    assert.ok(again.ok);
    if (again.ok) assert.deepEqual([again.report.employeesChanged, again.report.positionsChanged], [0, 0]);
  });

  it('export writes them as text under the canonical headers, and they read back the same', async function () {
    this.timeout(60_000);
    const file = path.join(dir, 'ekspor.xlsx');
    await (await exportWorkbook(ctx.db)).xlsx.writeFile(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const jab = wb.getWorksheet('Jabatan')!;
    const headers = (jab.getRow(1).values as unknown[]).slice(1);
    const col = (h: string) => headers.indexOf(h) + 1;
    assert.ok(col('ID Unor SIASN') > 0 && col('ID Eselon SIASN') > 0 && col('ID Jabatan Fungsional SIASN') > 0 && col('ID Jabatan Pelaksana SIASN') > 0);
    const rowOf = (code: string) => {
      for (let r = 2; r <= jab.rowCount; r++) if (jab.getCell(r, 1).value === code) return r;
      return -1;
    };
    const r2 = rowOf(a.positions[2]!.code);
    assert.equal(jab.getCell(r2, col('ID Eselon SIASN')).value, '22');
    assert.equal(jab.getCell(r2, col('ID Eselon SIASN')).numFmt, '@');
    assert.equal(jab.getCell(rowOf(a.positions[1]!.code), col('Jabatan Kritikal')).value, 'Ya');
    assert.equal(jab.getCell(r2, col('Jabatan Kritikal')).value, null);
    const peg = wb.getWorksheet('Pegawai')!;
    const ph = (peg.getRow(1).values as unknown[]).slice(1);
    assert.equal(ph[ph.length - 1], 'ID PNS SIASN');

    const roster = readRoster(await readKnownSheets(file));
    assert.deepEqual(roster.errors, []);
    const back = roster.positions.find((p) => p.code === a.positions[2]!.code)!;
    assert.deepEqual([back.unorId, back.jabatanFungsionalId, back.eselonId, back.jabatanFungsionalUmumId], ['8ae48289-UNOR-A', 'JF-77', '22', undefined]);
    assert.equal(roster.employees.find((e) => e.nip === nip0)!.pnsId, 'A8ACA7397AEB3912E040640A040269BB');
    assert.deepEqual(roster.positions.filter((p) => p.critical).map((p) => p.code), [a.positions[1]!.code]);

    // Imported back: nothing changed (Jabatan Kritikal and the ids compare equal).
    const again = await importFile(ctx.db, file, 'test');
    assert.ok(again.ok, JSON.stringify(again));
    if (again.ok) assert.deepEqual([again.report.employeesChanged, again.report.positionsChanged], [0, 0]);
  });

  it('an id the roster no longer has is removed from the record; the chain still verifies', async function () {
    this.timeout(60_000);
    await saveRoster(ctx.db, { employees: a.employees, positions: a.positions, source: 'test' }, 'test');
    assert.equal((await getPosition(ctx.db.knex, a.positions[2]!.code))!.eselonId, undefined);
    assert.equal((await getEmployee(ctx.db.knex, nip0))!.pnsId, undefined);
    const row = await ctx.db.knex('positions').where({ code: a.positions[2]!.code }).first();
    assert.equal(row.siasn_eselon_id, null);
    assert.equal((await getPosition(ctx.db.knex, a.positions[1]!.code))!.critical, undefined, 'Jabatan Kritikal emptied');
    assert.equal((await verifyAudit(ctx.db)).ok, true);
  });
});

describe('SIASN id columns: every header and alias is recognised', () => {
  it('reads each id under its canonical header and each alias', async () => {
    const { parseWorkbook } = await import('../../shared/workbook/reader');
    const { JABATAN, PEGAWAI } = await import('../../shared/workbook/schema');
    const jabBase = ['Kode Jabatan', 'Nama Jabatan', 'Jenis Jabatan', 'Unit Kerja', 'Kebutuhan'];
    const jabRow = ['J-1', 'Analis', 'Pelaksana', 'Dinas A', 2];
    const pegBase = ['NIP', 'Nama', 'Kode Jabatan', 'TMT Jabatan', 'Pendidikan'];
    const pegRow = ['198001012005011001', 'Siti', 'J-1', '02/01/2018', 'S1'];
    const sheets = (pegExtra: string | null, jabExtra: string | null) => [
      { name: 'Pegawai', startRow: 1, startCol: 1, values: [[...pegBase, ...(pegExtra ? [pegExtra] : [])], [...pegRow, ...(pegExtra ? ['ID-1'] : [])]] },
      { name: 'Jabatan', startRow: 1, startCol: 1, values: [[...jabBase, ...(jabExtra ? [jabExtra] : [])], [...jabRow, ...(jabExtra ? ['ID-2'] : [])]] },
    ];
    for (const field of ['unorId', 'jabatanFungsionalId', 'jabatanFungsionalUmumId', 'eselonId']) {
      const def = JABATAN.fields.find((x) => x.field === field)!;
      for (const h of [def.header, ...def.aliases]) {
        const book = parseWorkbook(sheets(null, h)).book!;
        assert.equal((book.positions[0] as unknown as Record<string, string>)[field], 'ID-2', `${field} under "${h}"`);
      }
    }
    const def = PEGAWAI.fields.find((x) => x.field === 'pnsId')!;
    for (const h of [def.header, ...def.aliases]) {
      const book = parseWorkbook(sheets(h, null)).book!;
      assert.equal(book.employees[0]!.pnsId, 'ID-1', `pnsId under "${h}"`);
    }
  });
});
