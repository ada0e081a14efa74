/** POST /roster: the same validation as `mutasi import` — an error anywhere in Pegawai/Jabatan writes nothing. */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../sync-server/server/app';
import { countRows, getEmployee, getParameter } from '../../sync-server/db/queries';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import { eachDatabase } from './support/databases';
import { agency, rosterRows, token } from './support/fixtures';

eachDatabase('roster upload', (ctx) => {
  let app: Express;
  let admin: string;
  const a = agency({ people: 30, targets: 2, seats: 3 });

  before(async () => {
    admin = await token(ctx.db, 'admin');
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
  });
  const upload = (body: unknown) => request(app).post('/api/v1/roster').set('Authorization', `Bearer ${admin}`).send(body as object);

  it('a roster with data errors is refused with the findings, nothing written', async () => {
    const rows = rosterRows(a);
    rows.pegawai[3]!.NIP = 198001012005011000; // a number: Excel already lost digits
    rows.pegawai[5]!['Kode Jabatan'] = 'TIDAK-ADA';
    rows.pegawai.push({ ...rows.pegawai[0]! }); // the same person twice
    const res = await upload(rows);
    assert.equal(res.status, 422);
    const rules = new Set(res.body.findings.map((f: { rule: string }) => f.rule));
    for (const r of ['NIP_PRECISION', 'POSITION_UNKNOWN', 'NIP_DUPLICATE']) assert.ok(rules.has(r), `${r} in ${[...rules]}`);
    assert.ok(res.body.findings.every((f: { sheet: string; row: number }) => f.sheet && f.row > 1));
    assert.equal(await countRows(ctx.db, 'employees'), 0);
    assert.equal(await countRows(ctx.db, 'positions'), 0);
  });

  it('a clean roster is imported with its Aturan parameters; the import is audited', async () => {
    const res = await upload({ ...rosterRows(a), aturan: [{ Aturan: 'Masa Jabatan Minimal (bulan)', Nilai: 36 }] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.employees, a.employees.length);
    assert.equal(res.body.positionsChanged, a.positions.length);
    assert.equal(await countRows(ctx.db, 'employees'), a.employees.length);
    const e = (await getEmployee(ctx.db.knex, a.employees[0]!.nip))!;
    assert.equal(e.positionStart, '2018-01-02');
    assert.deepEqual(e.competencies, [3, 3, 3, 3, 3, 3, 3, 3, 3]);
    assert.equal((await getParameter<{ tenureMinMonths: number }>(ctx.db.knex, 'settings'))!.tenureMinMonths, 36);
    const audit = await ctx.db.knex('audit').where({ action: 'roster.import' });
    assert.equal(audit.length, 1);
    assert.equal((await verifyAudit(ctx.db)).ok, true);
  });

  it('the same roster again changes nothing', async () => {
    const res = await upload(rosterRows(a));
    assert.equal(res.status, 200);
    assert.equal(res.body.employeesChanged, 0);
    assert.equal(res.body.positionsChanged, 0);
  });

  it('rows with unknown shapes are refused by the schema before the engine sees them', async () => {
    const res = await upload({ pegawai: [{ NIP: { nested: true } }], jabatan: [] });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.issues.map((i: { path: string }) => i.path).sort(), ['jabatan', 'pegawai.0.NIP']);
  });
});
