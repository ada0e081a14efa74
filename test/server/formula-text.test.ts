/**
 * Formula injection through the server (issue 17 item 7), on both databases: a roster whose names,
 * positions and units start like formulas (= + - @) is imported as text; `export` writes them as Text
 * string cells (exceljs and LibreOffice read the same text back, nothing evaluated); /pengumuman's CSV
 * prefixes each with an apostrophe (OWASP), and the approver's name likewise.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { getEmployee } from '../../sync-server/db/queries';
import { createToken } from '../../sync-server/db/tokens';
import { createApp } from '../../sync-server/server/app';
import { exportWorkbook } from '../../sync-server/server/export/workbook';
import { recordDecision } from '../../sync-server/server/push/group-commit';
import { eachDatabase } from './support/databases';
import { agency, decision, rosterRows, token } from './support/fixtures';
import { libreOfficeCsv } from '../support/libreoffice';

const NAMES = ['=1+1', '+1+1', '-1+3', '@SUM(1,1)'];

eachDatabase('formula-like text from outside stays text', (ctx) => {
  const a = agency({ people: 8, targets: 1, seats: 4 });
  NAMES.forEach((n, i) => (a.employees[i]!.name = n));
  a.positions[2]!.name = '=HYPERLINK("http://jahat.example","Klik")';

  before(async function () {
    this.timeout(30_000);
    const admin = await token(ctx.db, 'admin');
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    const res = await request(app).post('/api/v1/roster').set('Authorization', `Bearer ${admin}`).send(rosterRows(a));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const approver = (await createToken(ctx.db, { name: '@Kepala BKPSDM', role: 'approver' }, 'test')).info;
    for (const e of a.employees.slice(0, 4)) {
      const cur = (await getEmployee(ctx.db.knex, e.nip))!;
      assert.equal(cur.name, e.name, 'imported as the text it was');
      const r = await recordDecision(ctx.db, decision(e.nip, cur.positionCode, a.positions[2]!.code, cur.version), { workbookId: 'wb', token: approver });
      assert.equal(r.status, 'recorded', JSON.stringify(r));
    }
  });

  it('export: Text string cells that exceljs and LibreOffice read back as the same text', async function () {
    this.timeout(120_000);
    const wb = await exportWorkbook(ctx.db);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mutasi-export-formula-')), 'ekspor.xlsx');
    await wb.xlsx.writeFile(file);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const names = new Map<string, ExcelJS.Cell>();
    back.getWorksheet('Pegawai')!.eachRow((row) => names.set(String(row.getCell(2).value), row.getCell(2)));
    for (const n of NAMES) {
      const cell = names.get(n);
      assert.ok(cell, `${n} exported`);
      assert.equal(cell.type, ExcelJS.ValueType.String);
      assert.equal(cell.numFmt, '@');
    }
    const jab = back.getWorksheet('Jabatan')!;
    let found = false;
    jab.eachRow((row) => {
      if (String(row.getCell(2).value).startsWith('=HYPERLINK')) {
        found = true;
        assert.equal(row.getCell(2).type, ExcelJS.ValueType.String);
      }
    });
    assert.ok(found);
    const csv = libreOfficeCsv(file);
    for (const n of NAMES) assert.ok(csv.includes(n), `LibreOffice reads ${n} as text`);
  });

  it('/pengumuman CSV: every cell that starts like a formula is prefixed with an apostrophe', async () => {
    const res = await request(createApp({ db: ctx.db, config: { logLevel: 'silent' } })).get('/pengumuman?format=csv');
    assert.equal(res.status, 200);
    const fields = res.text.replace(/^\uFEFF/, '').split(/\r\n/).flatMap((l) => l.split(',')).map((f) => f.replace(/^"/, ''));
    for (const n of NAMES) assert.ok(res.text.includes(`'${n}`), `${n} prefixed: ${res.text}`);
    assert.ok(res.text.includes(`"'=HYPERLINK(""http://jahat.example"",""Klik"")"`), res.text);
    assert.ok(!fields.some((f) => /^[=+\-@\t\r]/.test(f)), 'no field starts like a formula');
  });
});
