/**
 * Audit chain: editing, deleting or reordering an audit row, or editing a decision behind the
 * chain's back, is found by `audit verify` (library, API and CLI), naming the first broken entry.
 * Each test tampers, checks, then puts the row back, so the next starts from an intact chain.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { auditHash } from '../../sync-server/db/audit-hash';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import { getEmployee } from '../../sync-server/db/queries';
import { createApp } from '../../sync-server/server/app';
import { recordDecision } from '../../sync-server/server/push/group-commit';
import { createToken } from '../../sync-server/db/tokens';
import { eachDatabase } from './support/databases';
import { agency, decision, loadAgency, token } from './support/fixtures';
import { runCli } from './support/child';

interface AuditRow { seq: number; at: string; actor: string; action: string; payload: string; prev_hash: string; hash: string }

eachDatabase('audit chain', (ctx) => {
  let rows: AuditRow[];
  let decisionSeq: number;
  let recordNo: string;

  before(async function () {
    this.timeout(30_000);
    const a = agency({ people: 10, targets: 2, seats: 3 });
    await loadAgency(ctx.db, a);
    const approver = (await createToken(ctx.db, { name: 'Penyetuju', role: 'approver' }, 'test')).info;
    for (const e of a.employees.slice(0, 5)) {
      const cur = (await getEmployee(ctx.db.knex, e.nip))!;
      const r = await recordDecision(ctx.db, decision(e.nip, e.positionCode, e.positionCode === 'POOL-A' ? 'T-A-0' : 'T-B-0', cur.version), { workbookId: 'wb', token: approver });
      assert.equal(r.status, 'recorded');
    }
    await token(ctx.db, 'staff');
    rows = (await ctx.db.knex('audit').orderBy('seq')) as AuditRow[];
    const d = rows.find((r) => r.action === 'decision.record' && r.seq > 3)!;
    decisionSeq = Number(d.seq);
    recordNo = (JSON.parse(d.payload) as { decision: { recordNo: string } }).decision.recordNo;
    assert.equal((await verifyAudit(ctx.db)).ok, true);
  });
  afterEach(async () => {
    assert.equal((await verifyAudit(ctx.db)).ok, true, 'the test put the row back');
  });

  const audit = () => ctx.db.knex('audit');

  it('an edited entry is found at its seq', async () => {
    const victim = rows[2]!;
    await audit().where({ seq: victim.seq }).update({ actor: 'penyusup' });
    const r = await verifyAudit(ctx.db);
    assert.equal(r.ok, false);
    assert.equal(r.problem!.seq, Number(victim.seq));
    assert.match(r.problem!.reason, /diubah/);
    await audit().where({ seq: victim.seq }).update({ actor: victim.actor });
  });

  it('an edited entry whose hash was recomputed is found at the next entry', async () => {
    const victim = rows.find((r) => r.action === 'token.create')!;
    const payload = victim.payload.replace('Penyetuju', 'Penyusup');
    assert.notEqual(payload, victim.payload);
    const hash = auditHash({ seq: Number(victim.seq), at: victim.at, actor: victim.actor, action: victim.action, payload, prevHash: victim.prev_hash });
    await audit().where({ seq: victim.seq }).update({ payload, hash });
    const r = await verifyAudit(ctx.db);
    assert.equal(r.problem!.seq, Number(victim.seq) + 1);
    await audit().where({ seq: victim.seq }).update({ payload: victim.payload, hash: victim.hash });
  });

  it('a deleted entry is found (a gap in the chain)', async () => {
    const victim = rows[4]!;
    await audit().where({ seq: victim.seq }).delete();
    const r = await verifyAudit(ctx.db);
    assert.equal(r.problem!.seq, Number(victim.seq));
    assert.match(r.problem!.reason, /hilang/);
    await audit().insert(victim);
  });

  it('a deleted newest entry is found against the head', async () => {
    const victim = rows[rows.length - 1]!;
    await audit().where({ seq: victim.seq }).delete();
    const r = await verifyAudit(ctx.db);
    assert.equal(r.ok, false);
    assert.equal(r.problem!.seq, Number(victim.seq));
    assert.match(r.problem!.reason, /kepala rantai/);
    await audit().insert(victim);
  });

  it('two entries swapped are found at the first of them', async () => {
    const [x, y] = [rows[1]!, rows[5]!];
    await audit().where({ seq: x.seq }).update({ seq: -1 });
    await audit().where({ seq: y.seq }).update({ seq: x.seq });
    await audit().where({ seq: -1 }).update({ seq: y.seq });
    const r = await verifyAudit(ctx.db);
    assert.equal(r.problem!.seq, Number(x.seq));
    await audit().where({ seq: y.seq }).update({ seq: -1 });
    await audit().where({ seq: x.seq }).update({ seq: y.seq });
    await audit().where({ seq: -1 }).update({ seq: x.seq });
  });

  it('a decision edited behind the chain’s back is found, naming the record and its entry', async () => {
    const before = await ctx.db.knex('decisions').where({ record_no: recordNo }).first();
    await ctx.db.knex('decisions').where({ record_no: recordNo }).update({ to_code: 'T-B-1' });
    const r = await verifyAudit(ctx.db);
    assert.equal(r.ok, false);
    assert.equal(r.problem!.recordNo, recordNo);
    assert.equal(r.problem!.seq, decisionSeq);
    await ctx.db.knex('decisions').where({ record_no: recordNo }).update({ to_code: before.to_code });
  });

  it('a decision entry whose payload no longer reads as a decision is found at its seq', async () => {
    const victim = rows.find((r) => r.action === 'decision.record')!;
    const payload = victim.payload.replace('"decision"', '"keputusan"');
    const hash = auditHash({ seq: Number(victim.seq), at: victim.at, actor: victim.actor, action: victim.action, payload, prevHash: victim.prev_hash });
    await audit().where({ seq: victim.seq }).update({ payload, hash });
    const r = await verifyAudit(ctx.db);
    assert.equal(r.problem!.seq, Number(victim.seq));
    await audit().where({ seq: victim.seq }).update({ payload: victim.payload, hash: victim.hash });
  });

  it('a decision deleted behind the chain’s back is found', async () => {
    const before = await ctx.db.knex('decisions').where({ record_no: recordNo }).first();
    await ctx.db.knex('decisions').where({ record_no: recordNo }).delete();
    const r = await verifyAudit(ctx.db);
    assert.equal(r.problem!.recordNo, recordNo);
    assert.match(r.problem!.reason, /dihapus/);
    await ctx.db.knex('decisions').insert(before);
  });

  it('the CLI exits 1 naming the first broken entry; the API reports it to an admin', async function () {
    this.timeout(30_000);
    const victim = rows[2]!;
    await audit().where({ seq: victim.seq }).update({ at: '2020-01-01T00:00:00.000Z' });
    try {
      const cli = runCli(['audit', 'verify', '--db', ctx.url]);
      assert.equal(cli.status, 1, cli.stdout + cli.stderr);
      assert.match(cli.stderr, new RegExp(`entri #${victim.seq}\\b`));
      const admin = await token(ctx.db, 'admin');
      const res = await request(createApp({ db: ctx.db, config: { logLevel: 'silent' } })).get('/api/v1/audit/verify').set('Authorization', `Bearer ${admin}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.ok, false);
      assert.equal(res.body.problem.seq, Number(victim.seq));
    } finally {
      await audit().where({ seq: victim.seq }).update({ at: victim.at });
    }
  });
});
