/**
 * The server's re-check on push runs the same engine (push/engine-bridge.ts): the rules of RULES.md
 * 2026-12-07 hold on the official record too. A field mismatch into a functional post is rejected; into
 * a structural post it is a warning that a note justifies; a move between ladders is judged by equivalent
 * rung (Pelaksana → Ahli Muda is LEVEL_SKIP, rejected).
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../sync-server/server/app';
import { getEmployee } from '../../sync-server/db/queries';
import { eachDatabase } from './support/databases';
import { agency, decision, loadAgency, position, token } from './support/fixtures';

const WORKBOOK = '7a1c2a4e-8b3d-4c1e-9a7f-2d5b8c9e0f12';

eachDatabase('push: rules of 2026-12-07', (ctx) => {
  let app: Express;
  let approver: string;
  const a = agency({ people: 6, targets: 0 });
  a.positions.push(
    position('APOTEKER-AP', 'Unit A', 2, { type: 'Fungsional', level: 'Ahli Pertama', majors: ['Farmasi'] }),
    position('KASI-FARMASI', 'Unit A', 2, { type: 'Pengawas', minRank: 'III/a', majors: ['Farmasi'] }),
    position('ANALIS-AM', 'Unit B', 2, { type: 'Fungsional', level: 'Ahli Muda' }),
  );
  const nip = (i: number) => a.employees[i]!.nip;

  before(async () => {
    await loadAgency(ctx.db, a);
    approver = await token(ctx.db, 'approver', null, 'Kepala BKPSDM');
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
  });
  const push = (decisions: unknown[]) =>
    request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${approver}`).send({ workbookId: WORKBOOK, decisions });

  it('a Manajemen graduate into a pharmacist post (Fungsional, Rumpun Jurusan Farmasi) is rejected with EDUCATION_FIELD_MISMATCH', async () => {
    const e = (await getEmployee(ctx.db.knex, nip(0)))!;
    const r = (await push([decision(nip(0), 'POOL-A', 'APOTEKER-AP', e.version)])).body.results[0];
    assert.equal(r.status, 'rejected');
    const f = r.findings.find((x: { rule: string }) => x.rule === 'EDUCATION_FIELD_MISMATCH');
    assert.ok(f, JSON.stringify(r.findings));
    assert.equal(f.severity, 'error');
    assert.match(f.message, /PermenPAN-RB 1\/2023/);
    assert.equal((await getEmployee(ctx.db.knex, nip(0)))!.positionCode, 'POOL-A');
  });

  it('the same mismatch into a structural post is a warning: recorded with a note', async () => {
    const e = (await getEmployee(ctx.db.knex, nip(2)))!;
    const r = (await push([decision(nip(2), 'POOL-A', 'KASI-FARMASI', e.version, { note: 'Pengalaman pengelolaan obat 6 tahun' })])).body.results[0];
    assert.equal(r.status, 'recorded', JSON.stringify(r));
    assert.deepEqual(r.findings.map((x: { rule: string; severity: string }) => [x.rule, x.severity]), [['EDUCATION_FIELD_MISMATCH', 'warning']]);
  });

  it('the push answer carries the approver recorded (the token holder), for recorded and duplicate alike', async () => {
    const e = (await getEmployee(ctx.db.knex, nip(4)))!;
    const d = decision(nip(4), 'POOL-A', 'KASI-FARMASI', e.version, { note: 'Pengalaman pengelolaan obat' });
    const [first] = (await push([d])).body.results;
    assert.equal(first.status, 'recorded');
    assert.equal(first.approvedBy, 'Kepala BKPSDM');
    const [again] = (await push([d])).body.results;
    assert.equal(again.status, 'duplicate');
    assert.equal(again.approvedBy, 'Kepala BKPSDM');
  });

  it('Pelaksana → Ahli Muda is LEVEL_SKIP between ladders: rejected', async () => {
    const e = (await getEmployee(ctx.db.knex, nip(1)))!;
    const r = (await push([decision(nip(1), 'POOL-B', 'ANALIS-AM', e.version)])).body.results[0];
    assert.equal(r.status, 'rejected');
    assert.ok(r.findings.some((x: { rule: string }) => x.rule === 'LEVEL_SKIP'), JSON.stringify(r.findings));
  });
});
