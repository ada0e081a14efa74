/** Pull: changes after a cursor in version order, paging with `more`, reset snapshots for unknown or too old cursors. */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../sync-server/server/app';
import { getEmployee } from '../../sync-server/db/queries';
import { saveRoster } from '../../sync-server/db/roster';
import { recordDecision } from '../../sync-server/server/push/group-commit';
import { createToken, type TokenInfo } from '../../sync-server/db/tokens';
import { eachDatabase } from './support/databases';
import { agency, decision, employee, loadAgency, token, uniqueNip } from './support/fixtures';

eachDatabase('pull', (ctx) => {
  let app: Express;
  let staff: string;
  let approver: TokenInfo;
  const a = agency({ people: 12, targets: 2, seats: 4 });

  before(async () => {
    await loadAgency(ctx.db, a);
    staff = await token(ctx.db, 'staff');
    approver = (await createToken(ctx.db, { name: 'Penyetuju', role: 'approver' }, 'test')).info;
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
  });
  const pull = (q: string) => request(app).get(`/api/v1/changes${q}`).set('Authorization', `Bearer ${staff}`);
  const move = async (i: number, to: string, over: Partial<Parameters<typeof decision>[4]> = {}) => {
    const e = (await getEmployee(ctx.db.knex, a.employees[i]!.nip))!;
    const r = await recordDecision(ctx.db, decision(e.nip, e.positionCode, to, e.version, over), { workbookId: 'wb', token: approver });
    assert.equal(r.status, 'recorded', JSON.stringify(r));
    return r;
  };

  it('from cursor 0: every position and employee once, in version order, cursor = the counter', async () => {
    const res = await pull('?cursor=0&limit=1000');
    assert.equal(res.status, 200);
    assert.equal(res.body.reset, false);
    assert.equal(res.body.more, false);
    const versions = res.body.changes.map((c: { version: number }) => c.version);
    assert.deepEqual(versions, [...versions].sort((x: number, y: number) => x - y));
    assert.equal(res.body.changes.filter((c: { kind: string }) => c.kind === 'employee').length, a.employees.length);
    assert.equal(res.body.changes.filter((c: { kind: string }) => c.kind === 'position').length, a.positions.length);
    const state = await ctx.db.knex('sync_state').where({ id: 1 }).first();
    assert.equal(res.body.cursor, Number(state.version));
  });

  it('after a decision: exactly the employee and the decision, nothing else; paging with limit/more', async () => {
    const cursor = (await pull('?cursor=0&limit=1000')).body.cursor;
    const r = await move(0, 'T-A-0');
    const res = await pull(`?cursor=${cursor}`);
    assert.deepEqual(res.body.changes.map((c: { kind: string }) => c.kind), ['employee', 'decision']);
    assert.equal(res.body.changes[0].data.positionCode, 'T-A-0');
    assert.equal(res.body.changes[0].data.version, (r as { version: number }).version);
    assert.equal(res.body.changes[1].data.recordNo, (r as { recordNo: string }).recordNo);

    await move(2, 'T-A-0');
    await move(4, 'T-A-1');
    const seen: string[] = [];
    let c = cursor;
    let pages = 0;
    for (;;) {
      const p = (await pull(`?cursor=${c}&limit=2`)).body;
      pages++;
      seen.push(...p.changes.map((x: { kind: string; version: number }) => `${x.kind}@${x.version}`));
      c = p.cursor;
      if (!p.more) break;
    }
    assert.equal(pages, 3);
    assert.equal(seen.length, 6);
    assert.equal((await pull(`?cursor=${c}`)).body.changes.length, 0);
  });

  it('an entity changed twice is delivered once, in its latest state', async () => {
    const cursor = (await pull('?cursor=0&limit=5000')).body.cursor;
    await move(6, 'T-B-0');
    // A second move so soon is allowed only as Darurat (TENURE_MIN is then a warning, justified by the note).
    await move(6, 'T-B-1', { reason: 'Darurat', note: 'Penanganan bencana' });
    const res = await pull(`?cursor=${cursor}`);
    const emp = res.body.changes.filter((x: { kind: string }) => x.kind === 'employee');
    assert.equal(emp.length, 1);
    assert.equal(emp[0].data.positionCode, 'T-B-1');
    assert.equal(res.body.changes.filter((x: { kind: string }) => x.kind === 'decision').length, 2);
  });

  it('a cursor ahead of the counter gets reset: true and a full snapshot', async () => {
    const res = await pull('?cursor=999999999');
    assert.equal(res.body.reset, true);
    assert.equal(res.body.snapshot.employees.length, a.employees.length);
    assert.equal(res.body.snapshot.positions.length, a.positions.length);
    assert.equal(res.body.snapshot.decisions.length, 5);
    assert.equal(res.body.cursor, Number((await ctx.db.knex('sync_state').where({ id: 1 }).first()).version));
  });

  it('after a large import, an old cursor gets a snapshot; the new cursor continues normally', async () => {
    const old = (await pull('?cursor=0&limit=5000')).body.cursor;
    const many = Array.from({ length: 1100 }, (_, i) => employee(uniqueNip(2000 + i), 'POOL-A'));
    const pool = a.positions.map((p) => (p.code === 'POOL-A' ? { ...p, needed: 2000 } : p));
    await saveRoster(ctx.db, { employees: [...a.employees.filter((e) => e.positionCode !== 'POOL-A'), ...many], positions: pool, source: 'test' }, 'test');
    const res = await pull(`?cursor=${old}`);
    assert.equal(res.body.reset, true);
    assert.ok(res.body.snapshot.employees.length >= 1100);
    const next = await pull(`?cursor=${res.body.cursor}`);
    assert.equal(next.body.reset, false);
    assert.equal(next.body.changes.length, 0);
  });

  it('re-importing the same roster changes no version (pending decisions stay valid)', async () => {
    const before = (await ctx.db.knex('sync_state').where({ id: 1 }).first()).version;
    const rows = await ctx.db.knex('employees').select('nip', 'version').orderBy('nip');
    const report = await saveRoster(ctx.db, { employees: a.employees.slice(1, 2).map((e) => ({ ...e })), positions: [], source: 'test' }, 'test');
    // employees[1] was never moved: same content, no new version.
    assert.equal(report.employeesChanged, 0);
    assert.deepEqual(await ctx.db.knex('employees').select('nip', 'version').orderBy('nip'), rows);
    assert.equal(Number((await ctx.db.knex('sync_state').where({ id: 1 }).first()).version), Number(before));
  });
});
