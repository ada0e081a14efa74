/** Push semantics of SYNC-API.md through HTTP: recorded, duplicate, conflict, rejected; the record it leaves. */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../sync-server/server/app';
import { getEmployee } from '../../sync-server/db/queries';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import { eachDatabase } from './support/databases';
import { agency, decision, employee, loadAgency, token, uniqueNip } from './support/fixtures';

const WORKBOOK = '6f1c2a4e-8b3d-4c1e-9a7f-2d5b8c9e0f11';

eachDatabase('push', (ctx) => {
  let app: Express;
  let approver: string;
  // Every test has its own people and targets (one seat each) and records what it needs itself: none
  // depends on another's records, so any one runs alone (mocha --grep) or in any order.
  const a = agency({ people: 16, targets: 6, seats: 1 });
  // Cases for the rule engine: a poor performer (error), one without competency data (warning).
  const weak = employee(uniqueNip(500), 'POOL-A', { skpLast: 'Kurang' });
  const noData = employee(uniqueNip(501), 'POOL-A', { competencies: null });
  a.employees.push(weak, noData);
  const nip = (i: number) => a.employees[i]!.nip;

  before(async () => {
    await loadAgency(ctx.db, a);
    approver = await token(ctx.db, 'approver', null, 'Kepala BKPSDM');
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
  });

  const push = (decisions: unknown[]) =>
    request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${approver}`).send({ workbookId: WORKBOOK, decisions });

  it('records a decision: record number, new version, employee moved, approver from the token, audited', async () => {
    const before = (await getEmployee(ctx.db.knex, nip(0)))!;
    const d = decision(nip(0), 'POOL-A', 'T-A-0', before.version);
    const res = await push([d]);
    assert.equal(res.status, 200);
    const [r] = res.body.results;
    assert.equal(r.status, 'recorded');
    assert.match(r.recordNo, /^MUT-\d{4}-\d{6}$/);
    assert.ok(r.version > before.version);
    const after = (await getEmployee(ctx.db.knex, nip(0)))!;
    assert.equal(after.positionCode, 'T-A-0');
    assert.equal(after.positionStart, '2027-01-04');
    assert.equal(after.version, r.version);
    const row = await ctx.db.knex('decisions').where({ mutation_id: d.mutationId }).first();
    assert.equal(row.approver, 'Kepala BKPSDM');
    assert.equal(row.record_no, r.recordNo);
    assert.equal((await verifyAudit(ctx.db)).ok, true);
  });

  it('a re-sent mutationId is a duplicate with the original result, written once', async () => {
    const e = (await getEmployee(ctx.db.knex, nip(1)))!;
    const d = decision(nip(1), 'POOL-B', 'T-B-0', e.version);
    const first = (await push([d])).body.results[0];
    const again = (await push([d, d])).body.results;
    for (const r of again) {
      assert.equal(r.status, 'duplicate');
      assert.equal(r.recordNo, first.recordNo);
      assert.equal(r.version, first.version);
    }
    const n = await ctx.db.knex('decisions').where({ mutation_id: d.mutationId }).count({ n: '*' }).first();
    assert.equal(Number(n!.n), 1);
  });

  it('a stale baseVersion is a conflict carrying the current official state', async () => {
    const e = (await getEmployee(ctx.db.knex, nip(2)))!;
    const r = (await push([decision(nip(2), 'POOL-A', 'T-A-1', e.version - 1)])).body.results[0];
    assert.equal(r.status, 'conflict');
    assert.equal(r.reason, 'VERSION_STALE');
    assert.equal(r.current.employee.version, e.version);
    assert.equal(r.current.employee.positionCode, 'POOL-A');
    assert.equal((await getEmployee(ctx.db.knex, nip(2)))!.positionCode, 'POOL-A');
  });

  it('a full target is a conflict (FORMATION_FULL) with the holders count', async () => {
    // T-A-2 has one seat: nip(4) takes it, then nip(6) asks for it.
    const holder = (await getEmployee(ctx.db.knex, nip(4)))!;
    assert.equal((await push([decision(nip(4), 'POOL-A', 'T-A-2', holder.version)])).body.results[0].status, 'recorded');
    const e = (await getEmployee(ctx.db.knex, nip(6)))!;
    const r = (await push([decision(nip(6), 'POOL-A', 'T-A-2', e.version)])).body.results[0];
    assert.equal(r.status, 'conflict');
    assert.equal(r.reason, 'FORMATION_FULL');
    assert.deepEqual(r.current.position, { code: 'T-A-2', unit: 'Unit A', needed: 1, holders: 1 });
    assert.equal((await getEmployee(ctx.db.knex, nip(6)))!.positionCode, 'POOL-A');
  });

  it('unknown employee, unknown position and the same position are rejected with the rule id', async () => {
    const e = (await getEmployee(ctx.db.knex, nip(10)))!;
    const res = await push([
      decision('199001012015011999', 'POOL-A', 'T-A-1', 1),
      decision(nip(10), 'POOL-A', 'NOPE', e.version),
      decision(nip(10), 'POOL-A', 'POOL-A', e.version),
    ]);
    assert.deepEqual(res.body.results.map((r: { status: string }) => r.status), ['rejected', 'rejected', 'rejected']);
    assert.deepEqual(res.body.results.map((r: { findings: { rule: string }[] }) => r.findings[0]!.rule), ['EMPLOYEE_UNKNOWN', 'POSITION_UNKNOWN', 'SAME_POSITION']);
  });

  it('decisions of one request apply in order: the second for the same person needs the new version', async () => {
    const e = (await getEmployee(ctx.db.knex, nip(8)))!;
    const res = await push([decision(nip(8), 'POOL-A', 'T-A-3', e.version), decision(nip(8), 'T-A-3', 'POOL-A', e.version)]);
    const [r1, r2] = res.body.results;
    assert.equal(r1.status, 'recorded');
    assert.equal(r2.status, 'conflict');
    assert.equal(r2.reason, 'VERSION_STALE');
    assert.equal(r2.current.employee.version, r1.version);
  });

  it('record numbers are consecutive within the year', async () => {
    const [p, q] = [(await getEmployee(ctx.db.knex, nip(12)))!, (await getEmployee(ctx.db.knex, nip(14)))!];
    const results = (await push([decision(nip(12), 'POOL-A', 'T-A-4', p.version), decision(nip(14), 'POOL-A', 'T-A-5', q.version)])).body.results;
    assert.deepEqual(results.map((r: { status: string }) => r.status), ['recorded', 'recorded']);
    const rows = await ctx.db.knex('decisions').select('record_no').orderBy('record_no');
    const nums = rows.map((r: { record_no: string }) => Number(r.record_no.slice(-6)));
    assert.deepEqual(nums, nums.map((_: number, i: number) => i + 1), 'every number from 1, none skipped');
    assert.deepEqual(results.map((r: { recordNo: string }) => r.recordNo), rows.slice(-2).map((r: { record_no: string }) => r.record_no), 'the newest two are this request\'s');
  });

  it('the rules run on the official record: an error is rejected with its findings', async () => {
    const e = (await getEmployee(ctx.db.knex, weak.nip))!;
    const r = (await push([decision(weak.nip, 'POOL-A', 'T-B-2', e.version)])).body.results[0];
    assert.equal(r.status, 'rejected');
    assert.ok(r.findings.some((f: { rule: string }) => f.rule === 'PERFORMANCE_LOW'), JSON.stringify(r.findings));
    assert.equal((await getEmployee(ctx.db.knex, weak.nip))!.positionCode, 'POOL-A');
  });

  it('a warning needs a justification: refused without a note, recorded with it and the warning returned', async () => {
    const e = (await getEmployee(ctx.db.knex, noData.nip))!;
    const bare = (await push([decision(noData.nip, 'POOL-A', 'T-B-1', e.version, { note: '' })])).body.results[0];
    assert.equal(bare.status, 'rejected');
    assert.deepEqual(bare.findings.map((f: { rule: string }) => f.rule), ['COMPETENCY_DATA_MISSING']);
    const noted = (await push([decision(noData.nip, 'POOL-A', 'T-B-1', e.version, { note: 'Uji kompetensi dijadwalkan' })])).body.results[0];
    assert.equal(noted.status, 'recorded');
    assert.deepEqual(noted.findings.map((f: { rule: string }) => f.rule), ['COMPETENCY_DATA_MISSING']);
  });
});
