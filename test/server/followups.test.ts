/**
 * After the move over HTTP, on SQLite and PostgreSQL: role × endpoint, unit scope, revoked tokens,
 * duplicate and conflicting follow-ups, versions and pull, the audit chain, bad input (field named,
 * nothing written), dates before TMT or in the future, the due list, the report, 20 concurrent
 * writers, never public.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../sync-server/server/app';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import { createToken, revokeToken, type Role } from '../../sync-server/db/tokens';
import type { Db } from '../../sync-server/db/connect';
import { eachDatabase } from './support/databases';
import { agency, decision as decisionOf, loadAgency, rosterRows as rosterRowsOf, token } from './support/fixtures';
import { daysFromToday, recordMoves, review, spmt } from './support/followups';

const ROLES: Role[] = ['staff', 'supervisor', 'approver', 'admin'];

/** What a refused request must leave as it was. */
async function state(db: Db): Promise<string> {
  const parts: string[] = [];
  for (const t of ['followups', 'followup_mutations', 'changes', 'audit']) {
    parts.push(`${t}=${Number(((await db.knex(t).count({ n: '*' }).first()) as { n: string }).n)}`);
  }
  const s = await db.knex('sync_state').where({ id: 1 }).first();
  return `${parts.join(';')};${s.version}/${s.audit_seq}/${s.audit_hash}`;
}

eachDatabase('follow-up after the move', (ctx) => {
  let app: Express;
  const a = agency({ people: 40, targets: 4, seats: 3 });
  const tokens = {} as Record<Role, string>;
  const scoped = {} as Record<Role, string>;
  let revoked: string;
  let moves: { recordNo: string; nip: string; unit: string }[];
  const TMT = daysFromToday(-200); // 6-month review overdue, 12-month upcoming
  const inUnit = (u: string) => moves.filter((m) => m.unit === u);
  const auth = (req: request.Test, t: string | null) => (t ? req.set('Authorization', `Bearer ${t}`) : req);
  const post = (t: string | null, entries: unknown[]) => auth(request(app).post('/api/v1/followups'), t).send({ entries });

  before(async function () {
    this.timeout(60_000);
    await loadAgency(ctx.db, a);
    moves = await recordMoves(ctx.db, a, TMT, 24);
    for (const r of ROLES) {
      tokens[r] = await token(ctx.db, r);
      scoped[r] = await token(ctx.db, r, 'Unit A');
    }
    const made = await createToken(ctx.db, { name: 'lama', role: 'supervisor', unit: null }, 'test');
    await revokeToken(ctx.db, made.info.id, 'test');
    revoked = made.token;
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
  });

  it('role × endpoint: staff reads, supervisor / approver / admin write; no token or a revoked one is 401', async () => {
    const [m] = inUnit('Unit A');
    const reads = [
      (t: string | null) => auth(request(app).get('/api/v1/followups/due'), t),
      (t: string | null) => auth(request(app).get('/api/v1/followups/report'), t),
      (t: string | null) => auth(request(app).get(`/api/v1/followups/${m!.recordNo}`), t),
    ];
    for (const role of ROLES) {
      for (const call of reads) assert.equal((await call(tokens[role])).status, 200, `${role} reads`);
      const w = await post(tokens[role], [spmt(m!.recordNo, daysFromToday(-190))]);
      if (role === 'staff') {
        assert.equal(w.status, 403);
        assert.match(w.body.error, /staff/);
      } else {
        assert.equal(w.status, 200, JSON.stringify(w.body));
        assert.equal(w.body.results[0].status, 'recorded', `${role} writes`);
      }
    }
    for (const t of [null, revoked, 'mts_bukan-token']) {
      for (const call of reads) assert.equal((await call(t)).status, 401);
      assert.equal((await post(t, [spmt(m!.recordNo, daysFromToday(-190))])).status, 401);
    }
  });

  it('unit scope: a token of Unit A writes and reads Unit A only; its pull carries only Unit A follow-ups', async () => {
    const a0 = inUnit('Unit A')[1]!;
    const b0 = inUnit('Unit B')[0]!;
    const before = await state(ctx.db);
    const out = await post(scoped.supervisor, [spmt(b0.recordNo, daysFromToday(-190))]);
    assert.equal(out.status, 200);
    assert.equal(out.body.results[0].status, 'rejected');
    assert.equal(out.body.results[0].reason, 'OUT_OF_UNIT');
    assert.equal(out.body.results[0].field, 'entries.0.recordNo');
    assert.equal(await state(ctx.db), before, 'nothing written');
    assert.equal((await auth(request(app).get('/api/v1/followups/due?unit=Unit%20B'), scoped.staff)).status, 403);
    assert.equal((await auth(request(app).get(`/api/v1/followups/${b0.recordNo}`), scoped.staff)).status, 404);
    const due = await auth(request(app).get('/api/v1/followups/due'), scoped.staff);
    assert.ok(due.body.items.length > 0);
    assert.ok(due.body.items.every((i: { unit: string }) => i.unit === 'Unit A'));

    const cursor = (await auth(request(app).get('/api/v1/changes'), tokens.admin)).body.cursor;
    assert.equal((await post(scoped.approver, [spmt(a0.recordNo, daysFromToday(-195))])).body.results[0].status, 'recorded');
    assert.equal((await post(tokens.admin, [spmt(b0.recordNo, daysFromToday(-195))])).body.results[0].status, 'recorded');
    const all = await auth(request(app).get(`/api/v1/changes?cursor=${cursor}`), tokens.staff);
    assert.deepEqual(all.body.changes.map((c: { kind: string; data: { recordNo: string } }) => [c.kind, c.data.recordNo]), [['followup', a0.recordNo], ['followup', b0.recordNo]]);
    const mine = await auth(request(app).get(`/api/v1/changes?cursor=${cursor}`), scoped.staff);
    assert.deepEqual(mine.body.changes.map((c: { kind: string; data: { recordNo: string } }) => c.data.recordNo), [a0.recordNo]);
    // A reset snapshot holds the written follow-ups, scoped too.
    const snap = await auth(request(app).get('/api/v1/changes?cursor=999999'), scoped.staff);
    assert.equal(snap.body.reset, true);
    assert.ok(snap.body.snapshot.followups.length > 0);
    assert.ok(snap.body.snapshot.followups.every((f: { unit: string }) => f.unit === 'Unit A'));
  });

  it('a duplicate gets the original result; a reused mutationId with other content is refused; nothing doubled', async () => {
    const m = inUnit('Unit B')[1]!;
    const entry = review(m.recordNo, 6, daysFromToday(-10), { skp: 'Sangat Baik' });
    const first = await post(tokens.supervisor, [entry]);
    assert.equal(first.body.results[0].status, 'recorded');
    const before = await state(ctx.db);
    const again = await post(tokens.supervisor, [entry, entry]);
    for (const r of again.body.results) {
      assert.equal(r.status, 'duplicate');
      assert.equal(r.version, first.body.results[0].version);
      assert.deepEqual(r.followup, first.body.results[0].followup);
    }
    const reused = await post(tokens.supervisor, [{ ...entry, skp: 'Kurang' }]);
    assert.equal(reused.body.results[0].status, 'conflict');
    assert.equal(reused.body.results[0].reason, 'MUTATION_REUSED');
    assert.equal(reused.body.results[0].current.reviews[0].skp, 'Sangat Baik');
    assert.equal(await state(ctx.db), before, 'nothing written by the duplicate or the reuse');
  });

  it('versions: each write takes the next version of the one counter; a stale baseVersion is a conflict with the current state', async () => {
    const m = inUnit('Unit B')[2]!;
    const s0 = Number((await ctx.db.knex('sync_state').where({ id: 1 }).first()).version);
    const one = await post(tokens.supervisor, [spmt(m.recordNo, daysFromToday(-190), { baseVersion: 0 })]);
    const v1 = one.body.results[0].version;
    assert.equal(v1, s0 + 1);
    const two = await post(tokens.supervisor, [review(m.recordNo, 6, daysFromToday(-5), { baseVersion: v1 })]);
    assert.equal(two.body.results[0].version, v1 + 1);
    assert.deepEqual(two.body.results[0].followup.reviews.map((r: { month: number }) => r.month), [6]);
    assert.equal(two.body.results[0].followup.spmtDate, daysFromToday(-190));
    const stale = await post(tokens.supervisor, [spmt(m.recordNo, daysFromToday(-180), { baseVersion: v1 })]);
    assert.equal(stale.body.results[0].status, 'conflict');
    assert.equal(stale.body.results[0].reason, 'VERSION_STALE');
    assert.equal(stale.body.results[0].current.version, v1 + 1);
    // A correction of the same month replaces that review; the baseline is the SKP of the two years before.
    const fix = await post(tokens.supervisor, [review(m.recordNo, 6, daysFromToday(-4), { skp: 'Butuh Perbaikan', action: 'Mentoring', actionDetail: 'Kepala Bidang' })]);
    const f = fix.body.results[0].followup;
    assert.equal(f.reviews.length, 1);
    assert.equal(f.reviews[0].action, 'Mentoring');
    assert.equal(f.reviews[0].actionDetail, 'Kepala Bidang');
    assert.deepEqual(f.skpBefore, ['Baik', 'Baik']);
  });

  it('each write is in the audit chain, which still verifies', async () => {
    const entries = await ctx.db.knex('audit').whereIn('action', ['followup.spmt', 'followup.review']).count({ n: '*' }).first();
    const written = await ctx.db.knex('followup_mutations').count({ n: '*' }).first();
    assert.equal(Number((entries as { n: string }).n), Number((written as { n: string }).n));
    const v = await verifyAudit(ctx.db);
    assert.equal(v.ok, true, JSON.stringify(v.problem));
  });

  it('bad input: 400 naming the field, nothing written; dates before TMT, in the future, or an unscheduled month are rejected with the field', async () => {
    const m = inUnit('Unit A')[2]!;
    const before = await state(ctx.db);
    const bad: [unknown, string][] = [
      [{ entries: [] }, 'entries'],
      [{ entries: [spmt(m.recordNo, '2026-02-30')] }, 'entries.0.spmtDate'],
      [{ entries: [spmt('MUT-26-1', daysFromToday(-190))] }, 'entries.0.recordNo'],
      [{ entries: [review(m.recordNo, 6, daysFromToday(-5), { skp: 'Bagus' })] }, 'entries.0.skp'],
      [{ entries: [review(m.recordNo, 6, daysFromToday(-5), { action: 'Pelatihan', actionDetail: null })] }, 'entries.0.actionDetail'],
      [{ entries: [review(m.recordNo, 6, daysFromToday(-5), { note: '  ' })] }, 'entries.0.note'],
      [{ entries: [review(m.recordNo, 0, daysFromToday(-5))] }, 'entries.0.month'],
      [{ entries: [{ ...spmt(m.recordNo, daysFromToday(-190)), skp: 'Baik' }] }, 'entries.0'],
      [{ entries: [spmt(m.recordNo, daysFromToday(-190))], extra: 1 }, '(badan permintaan)'],
    ];
    for (const [body, path] of bad) {
      const res = await auth(request(app).post('/api/v1/followups'), tokens.supervisor).send(body as object);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(res.body.issues.some((i: { path: string }) => i.path === path), `${path}: ${JSON.stringify(res.body.issues)}`);
    }
    const tmtMinus = await post(tokens.supervisor, [spmt(m.recordNo, daysFromToday(-250))]);
    assert.equal(tmtMinus.body.results[0].reason, 'DATE_BEFORE_TMT');
    assert.equal(tmtMinus.body.results[0].field, 'entries.0.spmtDate');
    const future = await post(tokens.supervisor, [review(m.recordNo, 6, daysFromToday(3))]);
    assert.equal(future.body.results[0].reason, 'DATE_IN_FUTURE');
    assert.equal(future.body.results[0].field, 'entries.0.reviewDate');
    const month = await post(tokens.supervisor, [review(m.recordNo, 9, daysFromToday(-5))]);
    assert.equal(month.body.results[0].reason, 'MONTH_NOT_SCHEDULED');
    assert.equal(month.body.results[0].field, 'entries.0.month');
    const unknown = await post(tokens.supervisor, [spmt('MUT-1999-000001', daysFromToday(-5))]);
    assert.equal(unknown.body.results[0].reason, 'DECISION_UNKNOWN');
    assert.equal(await state(ctx.db), before);
  });

  it('the due list and the report at a date, per unit', async () => {
    const at = daysFromToday(0);
    const due = await auth(request(app).get(`/api/v1/followups/due?at=${at}&unit=Unit%20A`), tokens.staff);
    assert.equal(due.status, 200);
    assert.deepEqual(due.body.settings, { spmtDays: 30, reviewMonths: [6, 12] });
    const items = due.body.items as { recordNo: string; kind: string; month: number | null; status: string; name: string }[];
    assert.ok(items.every((i) => i.status === 'overdue'), 'TMT 200 days ago: every open item is overdue');
    assert.equal(due.body.overdue, items.length);
    const withSpmt = new Set((await ctx.db.knex('followups').whereNotNull('spmt_date').select('record_no')).map((r: { record_no: string }) => r.record_no));
    for (const m of inUnit('Unit A')) {
      assert.equal(items.some((i) => i.recordNo === m.recordNo && i.kind === 'spmt'), !withSpmt.has(m.recordNo), m.recordNo);
      assert.ok(items.some((i) => i.recordNo === m.recordNo && i.kind === 'review' && i.month === 6));
    }
    assert.match(items[0]!.name, /Pegawai/);
    // Before the moves' TMT nothing is due.
    const early = await auth(request(app).get(`/api/v1/followups/due?at=${daysFromToday(-201)}`), tokens.staff);
    assert.equal(early.body.items.length, 0);

    const rep = await auth(request(app).get(`/api/v1/followups/report?at=${at}`), tokens.staff);
    assert.equal(rep.status, 200);
    assert.deepEqual(rep.body.units.map((u: { unit: string }) => u.unit), ['Unit A', 'Unit B']);
    assert.equal(rep.body.total.moves, moves.length);
    const b = rep.body.units[1];
    assert.equal(b.spmt.onTime + b.spmt.late + b.spmt.missing + b.spmt.pending, b.moves);
    assert.equal(b.skp.higher, 1, 'Sangat Baik after Baik, Baik');
    assert.equal(b.skp.lower, 1, 'Butuh Perbaikan after Baik, Baik');
    assert.equal((await auth(request(app).get('/api/v1/followups/report?from=2027-01-01&to=2026-01-01'), tokens.staff)).status, 400);
    assert.equal((await auth(request(app).get('/api/v1/followups/due?at=kemarin'), tokens.staff)).status, 400);
  });

  it('20 concurrent writers: every entry recorded once, versions distinct, retries duplicates', async function () {
    this.timeout(60_000);
    const targets = moves.slice(4, 24);
    const entries = targets.map((m) => review(m.recordNo, 6, daysFromToday(-3), { skp: 'Baik' }));
    const supervisors = await Promise.all(targets.map((_, i) => token(ctx.db, 'supervisor', null, `kabid-${i}`)));
    const c0 = await state(ctx.db);
    const results = await Promise.all(entries.map((e, i) => post(supervisors[i]!, [e, entries[(i + 1) % entries.length]])));
    const statuses = results.flatMap((r) => r.body.results.map((x: { status: string }) => x.status));
    assert.equal(statuses.filter((s) => s === 'recorded').length, 20, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 'duplicate').length, 20);
    const versions = results.flatMap((r) => r.body.results.filter((x: { status: string }) => x.status === 'recorded').map((x: { version: number }) => x.version));
    assert.equal(new Set(versions).size, 20);
    const n = await ctx.db.knex('followup_mutations').whereIn('mutation_id', entries.map((e) => e.mutationId)).count({ n: '*' }).first();
    assert.equal(Number((n as { n: string }).n), 20);
    assert.notEqual(await state(ctx.db), c0);
    const v = await verifyAudit(ctx.db);
    assert.equal(v.ok, true);
  });

  it('never public: /pengumuman carries nothing of the follow-ups; the OpenAPI document has the endpoints', async () => {
    const json = await request(app).get('/pengumuman?format=json');
    assert.equal(json.status, 200);
    const text = JSON.stringify(json.body);
    assert.doesNotMatch(text, /spmt|Beradaptasi|skp|Mentoring/i);
    const doc = await request(app).get('/api/openapi.json');
    for (const p of ['/api/v1/followups', '/api/v1/followups/due', '/api/v1/followups/report', '/api/v1/followups/{recordNo}']) assert.ok(doc.body.paths[p], p);
    assert.ok(doc.body.components.schemas.FollowupReviewEntry);
  });
});

eachDatabase('follow-up settings from the roster import (Aturan)', (ctx) => {
  it('Batas SPMT (hari) and Evaluasi Pasca Mutasi (bulan) imported with the roster set the due dates and the review months', async function () {
    this.timeout(60_000);
    const a = agency({ people: 8, targets: 2, seats: 2 });
    const admin = await token(ctx.db, 'admin');
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    const up = await request(app).post('/api/v1/roster').set('Authorization', `Bearer ${admin}`)
      .send({ ...rosterRowsOf(a), aturan: [{ Aturan: 'Batas SPMT (hari)', Nilai: 14 }, { Aturan: 'Evaluasi Pasca Mutasi (bulan)', Nilai: '3; 12' }] });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const tmt = daysFromToday(-100);
    const [m] = await recordMoves(ctx.db, a, tmt, 1);
    const supervisor = await token(ctx.db, 'supervisor');
    const due = await request(app).get('/api/v1/followups/due').set('Authorization', `Bearer ${supervisor}`);
    assert.deepEqual(due.body.settings, { spmtDays: 14, reviewMonths: [3, 12] });
    const spmtItem = due.body.items.find((i: { kind: string }) => i.kind === 'spmt');
    assert.equal(spmtItem.dueDate, daysFromToday(-86));
    assert.equal(spmtItem.daysLate, 86);
    assert.ok(due.body.items.some((i: { kind: string; month: number }) => i.kind === 'review' && i.month === 3));
    const post = (entries: unknown[]) => request(app).post('/api/v1/followups').set('Authorization', `Bearer ${supervisor}`).send({ entries });
    assert.equal((await post([review(m!.recordNo, 6, daysFromToday(-1))])).body.results[0].reason, 'MONTH_NOT_SCHEDULED');
    assert.equal((await post([review(m!.recordNo, 3, daysFromToday(-1))])).body.results[0].status, 'recorded');
  });
});

eachDatabase('follow-up of a person moved again', (ctx) => {
  it("the person's next move ends the earlier one: its reviews due after the new TMT fall away; the detail shows the rest", async function () {
    this.timeout(60_000);
    const a = agency({ people: 4, targets: 2, seats: 2 });
    const admin = await token(ctx.db, 'admin');
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    const up = await request(app).post('/api/v1/roster').set('Authorization', `Bearer ${admin}`)
      .send({ ...rosterRowsOf(a), aturan: [{ Aturan: 'Masa Jabatan Minimal (bulan)', Nilai: 0 }] });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const [first] = await recordMoves(ctx.db, a, daysFromToday(-200), 1);
    const approver = await token(ctx.db, 'approver');
    const e = await ctx.db.knex('employees').where({ nip: first!.nip }).first();
    const again = await request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${approver}`).send({
      workbookId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98',
      decisions: [{ ...decisionOf(first!.nip, e.position_code, 'T-A-1', Number(e.version), { effectiveDate: daysFromToday(-100) }) }],
    });
    assert.equal(again.body.results[0].status, 'recorded', JSON.stringify(again.body));
    const second = again.body.results[0].recordNo as string;
    const staff = await token(ctx.db, 'staff');
    const due = await request(app).get('/api/v1/followups/due').set('Authorization', `Bearer ${staff}`);
    const of = (r: string) => due.body.items.filter((i: { recordNo: string }) => i.recordNo === r).map((i: { kind: string; month: number | null }) => `${i.kind}${i.month ?? ''}`);
    assert.deepEqual(of(first!.recordNo), ['spmt'], 'the first move: its SPMT (due before the second TMT) only');
    assert.deepEqual(of(second), ['spmt']);
    const detail = await request(app).get(`/api/v1/followups/${first!.recordNo}`).set('Authorization', `Bearer ${staff}`);
    assert.deepEqual(detail.body.schedule.map((s: { kind: string }) => s.kind), ['spmt']);
  });
});
