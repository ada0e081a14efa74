/**
 * `audit verify` vouches for the whole official record, not only decisions (issue 17 item 6): a hand
 * edit of a token, an employee, a position, a parameter, the change log or a counter is reported;
 * several problems are all reported (verify does not stop at the first); a database from before
 * migration 0003 migrates with its old chain still valid and is then covered too; the head hash is
 * printed, and a head kept elsewhere finds a cut-off tail.
 */
import assert from 'node:assert/strict';
import { auditHash, GENESIS_HASH } from '../../sync-server/db/audit-hash';
import { verifyAudit, type AuditReport } from '../../sync-server/db/audit-verify';
import { openDatabase } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { migrationSource } from '../../sync-server/db/migrations';
import { getEmployee } from '../../sync-server/db/queries';
import { saveRoster } from '../../sync-server/db/roster';
import { authenticate, createToken, revokeToken } from '../../sync-server/db/tokens';
import { recordDecision } from '../../sync-server/server/push/group-commit';
import { resumeNumbering } from '../../sync-server/db/numbering';
import { eachDatabase, freshDatabase, DIALECTS } from './support/databases';
import { agency, decision, loadAgency } from './support/fixtures';
import { runCli } from './support/child';
import { defaultSettings } from '../../shared/model';

/** Settings as an import stores them (every setting, no as-of date). */
function storedSettings() {
  const { asOf: _asOf, ...stored } = defaultSettings(0 as Parameters<typeof defaultSettings>[0]);
  return stored;
}

const reasons = (r: AuditReport) => r.problems.map((p) => p.reason).join('\n');

eachDatabase('audit verify covers tokens, roster, parameters, change log and counters', (ctx) => {
  let staffId: number;
  let staffSecret: string;
  let moved: string;

  before(async function () {
    this.timeout(30_000);
    const a = agency({ people: 10, targets: 2, seats: 1 });
    await saveRoster(ctx.db, { employees: a.employees, positions: a.positions, source: 'test', settings: storedSettings() }, 'test');
    const approver = (await createToken(ctx.db, { name: 'Penyetuju', role: 'approver' }, 'test')).info;
    const staff = await createToken(ctx.db, { name: 'Staf', role: 'staff' }, 'test');
    staffId = staff.info.id;
    staffSecret = staff.token;
    const victim = await createToken(ctx.db, { name: 'Lama', role: 'supervisor' }, 'test');
    await revokeToken(ctx.db, victim.info.id, 'test');
    for (const e of a.employees.slice(0, 2)) {
      const cur = (await getEmployee(ctx.db.knex, e.nip))!;
      const r = await recordDecision(ctx.db, decision(e.nip, e.positionCode, e.positionCode === 'POOL-A' ? 'T-A-0' : 'T-B-0', cur.version), { workbookId: 'wb', token: approver });
      assert.equal(r.status, 'recorded');
    }
    moved = a.employees[4]!.nip;
    const r = await verifyAudit(ctx.db);
    assert.equal(r.ok, true, reasons(r));
    assert.ok(r.checked.employees === 10 && r.checked.positions === 6 && r.checked.tokens === 3 && r.checked.parameters >= 1 && r.checked.changes > 0, JSON.stringify(r.checked));
  });
  afterEach(async () => {
    const r = await verifyAudit(ctx.db);
    assert.equal(r.ok, true, 'the test put the row back: ' + reasons(r));
  });

  /** Tampers, verifies, puts back; returns the report while tampered. */
  async function tampered(table: string, where: Record<string, unknown>, change: Record<string, unknown>): Promise<AuditReport> {
    const before = await ctx.db.knex(table).where(where).first();
    assert.ok(before, `${table} row exists`);
    await ctx.db.knex(table).where(where).update(change);
    try {
      return await verifyAudit(ctx.db);
    } finally {
      await ctx.db.knex(table).where(where).update(Object.fromEntries(Object.keys(change).map((k) => [k, before[k]])));
    }
  }

  it('a staff token made an approver by hand is reported (and the table is what authentication reads)', async () => {
    const before = await authenticate(ctx.db, staffSecret);
    assert.equal(before?.role, 'staff');
    const r = await tampered('tokens', { id: staffId }, { role: 'approver' });
    assert.equal(r.ok, false);
    assert.ok(r.problems.some((p) => p.subject === `token:${staffId}` && /diubah di luar aplikasi/.test(p.reason)), reasons(r));
  });

  it('a revoked token revived by hand, and a token inserted by hand, are reported', async () => {
    const revoked = await ctx.db.knex('tokens').whereNotNull('revoked_at').first();
    const r = await tampered('tokens', { id: revoked.id }, { revoked_at: null });
    assert.ok(r.problems.some((p) => p.subject === `token:${revoked.id}`), reasons(r));
    await ctx.db.knex('tokens').insert({ name: 'Pintu belakang', role: 'admin', unit: null, hash: 'f'.repeat(64), created_at: new Date().toISOString() });
    const r2 = await verifyAudit(ctx.db);
    await ctx.db.knex('tokens').where({ hash: 'f'.repeat(64) }).delete();
    assert.ok(r2.problems.some((p) => /tidak pernah dibuat lewat aplikasi/.test(p.reason) && /Pintu belakang/.test(p.reason)), reasons(r2));
  });

  it('an employee moved by hand, and an employee’s data edited by hand, are reported', async () => {
    const r = await tampered('employees', { nip: moved }, { position_code: 'T-A-1' });
    assert.ok(r.problems.some((p) => p.subject === `employee:${moved}` && /dipindah di luar catatan/.test(p.reason)), reasons(r));
    const r2 = await tampered('employees', { nip: moved }, { name: 'Orang Lain' });
    assert.ok(r2.problems.some((p) => p.subject === `employee:${moved}` && /data pegawai/.test(p.reason)), reasons(r2));
  });

  it('the place a recorded decision gave is what verify expects (an undo by hand is reported)', async () => {
    const d = await ctx.db.knex('decisions').orderBy('record_no').first();
    const r = await tampered('employees', { nip: d.nip }, { position_code: d.from_code });
    assert.ok(r.problems.some((p) => p.subject === `employee:${d.nip}`), reasons(r));
  });

  it('positions.needed 1 → 99 is reported', async () => {
    const r = await tampered('positions', { code: 'T-A-1' }, { needed: 99 });
    assert.ok(r.problems.some((p) => p.subject === 'position:T-A-1' && /kebutuhan 99/.test(p.reason)), reasons(r));
  });

  it('changed rule parameters are reported', async () => {
    const row = await ctx.db.knex('parameters').where({ key: 'settings' }).first();
    const value = String(row.value).replace('"tenureMinMonths":24', '"tenureMinMonths":0');
    assert.notEqual(value, row.value);
    const r = await tampered('parameters', { key: 'settings' }, { value });
    assert.ok(r.problems.some((p) => p.subject === 'parameter:settings'), reasons(r));
  });

  it('deleted changes rows are reported, each', async () => {
    const rows = await ctx.db.knex('changes').orderBy('version', 'desc').limit(2);
    await ctx.db.knex('changes').whereIn('version', rows.map((r) => r.version)).delete();
    const r = await verifyAudit(ctx.db);
    await ctx.db.knex('changes').insert(rows);
    for (const row of rows) assert.ok(r.problems.some((p) => p.subject === `change:${row.version}` && /dihapus/.test(p.reason)), reasons(r));
  });

  it('a rewound record counter and a rewound version counter are reported', async () => {
    const year = (await ctx.db.knex('record_numbers').first()).year;
    const r = await tampered('record_numbers', { year }, { last: 0 });
    assert.ok(r.problems.some((p) => p.subject === `record_numbers:${year}` && /dimundurkan/.test(p.reason)), reasons(r));
    const state = await ctx.db.knex('sync_state').where({ id: 1 }).first();
    const r2 = await tampered('sync_state', { id: 1 }, { version: Number(state.version) - 3 });
    assert.ok(r2.problems.some((p) => p.subject === 'sync_state.version'), reasons(r2));
  });

  it('numbering resumed past the last decision: its counter is vouched for (rewound to the last decision, reported)', async () => {
    const { year, last } = await ctx.db.knex('record_numbers').first();
    const resumed = Number(last) + 50;
    const report = await resumeNumbering(ctx.db, [{ year: Number(year), n: resumed }], 'admin');
    assert.equal(report.years[0]!.after, resumed);
    const entry = await ctx.db.knex('audit').where({ action: 'numbering.resume' }).orderBy('seq', 'desc').first();
    assert.equal(JSON.parse(entry.payload).state.rn[String(year)], resumed, 'the entry carries the counters');
    const r = await tampered('record_numbers', { year }, { last: Number(last) });
    assert.ok(r.problems.some((p) => p.subject === `record_numbers:${year}` && /dimundurkan/.test(p.reason)), reasons(r));
  });

  it('keeps going: a broken entry, a later broken entry and a table edit are all reported', async () => {
    const entries = await ctx.db.knex('audit').orderBy('seq');
    const [x, y] = [entries[1], entries[entries.length - 2]];
    await ctx.db.knex('audit').where({ seq: x.seq }).update({ actor: 'penyusup' });
    await ctx.db.knex('audit').where({ seq: y.seq }).update({ at: '2020-01-01T00:00:00.000Z' });
    await ctx.db.knex('positions').where({ code: 'T-B-1' }).update({ needed: 7 });
    const r = await verifyAudit(ctx.db);
    await ctx.db.knex('audit').where({ seq: x.seq }).update({ actor: x.actor });
    await ctx.db.knex('audit').where({ seq: y.seq }).update({ at: y.at });
    await ctx.db.knex('positions').where({ code: 'T-B-1' }).update({ needed: 1 });
    assert.equal(r.problem!.seq, Number(x.seq));
    assert.ok(r.problems.some((p) => p.seq === Number(y.seq)), reasons(r));
    assert.ok(r.problems.some((p) => p.subject === 'position:T-B-1'), reasons(r));
    assert.equal(r.problemCount, r.problems.length);
  });

  it('the CLI prints every problem and the head hash; --head finds a tail cut off with its head', async function () {
    this.timeout(180_000);
    const ok = runCli(['audit', 'verify', '--db', ctx.url]);
    assert.equal(ok.status, 0, ok.stderr);
    const head = await ctx.db.knex('sync_state').where({ id: 1 }).first();
    assert.match(ok.stdout, new RegExp(`#${head.audit_seq}\\b[^\\n]*${head.audit_hash}`));

    const place = (await ctx.db.knex('employees').where({ nip: moved }).first()).position_code;
    await ctx.db.knex('positions').where({ code: 'T-A-1' }).update({ needed: 99 });
    await ctx.db.knex('employees').where({ nip: moved }).update({ position_code: 'T-B-1' });
    try {
      const bad = runCli(['audit', 'verify', '--db', ctx.url]);
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /T-A-1/);
      assert.match(bad.stderr, new RegExp(moved));
    } finally {
      await ctx.db.knex('positions').where({ code: 'T-A-1' }).update({ needed: 1 });
      await ctx.db.knex('employees').where({ nip: moved }).update({ position_code: place });
    }
    // Truncation: the last entry and its head moved back together. Verify alone cannot see it; with the
    // head kept elsewhere it can.
    const last = await ctx.db.knex('audit').where({ seq: head.audit_seq }).first();
    await ctx.db.knex('audit').where({ seq: head.audit_seq }).delete();
    await ctx.db.knex('sync_state').where({ id: 1 }).update({ audit_seq: Number(head.audit_seq) - 1, audit_hash: last.prev_hash });
    try {
      const cut = runCli(['audit', 'verify', '--db', ctx.url, '--json', '--head', `${head.audit_seq}:${head.audit_hash}`]);
      assert.equal(cut.status, 1, cut.stdout + cut.stderr);
      const body = JSON.parse(cut.stdout) as AuditReport;
      assert.equal(body.expectedHead!.found, false);
      assert.ok(body.problems.some((p) => /dipotong/.test(p.reason)));
    } finally {
      await ctx.db.knex('audit').insert(last);
      await ctx.db.knex('sync_state').where({ id: 1 }).update({ audit_seq: head.audit_seq, audit_hash: head.audit_hash });
    }
    const same = runCli(['audit', 'verify', '--db', ctx.url, '--head', `${head.audit_seq}:${head.audit_hash}`]);
    assert.equal(same.status, 0, same.stderr);
  });
});

for (const dialect of DIALECTS) {
  describe(`migration 0003 on a database from before it [${dialect}]`, () => {
    it('keeps the old chain valid, adds a baseline, and from then on reports hand edits', async function () {
      this.timeout(60_000);
      const fresh = await freshDatabase(dialect);
      const db = openDatabase(fresh.url);
      try {
        // A database from before 0003 (0002, the record-number guard, precedes it and today's write path needs it).
        await db.knex.migrate.up({ migrationSource, name: '0001_official_record' });
        await db.knex.migrate.up({ migrationSource, name: '0002_record_integrity' });
        const a = agency({ people: 6, targets: 1, seats: 1 });
        await loadAgency(db, a);
        const approver = (await createToken(db, { name: 'Penyetuju', role: 'approver' }, 'test')).info;
        const e = a.employees[0]!;
        const cur = (await getEmployee(db.knex, e.nip))!;
        assert.equal((await recordDecision(db, decision(e.nip, e.positionCode, 'T-A-0', cur.version), { workbookId: 'wb', token: approver })).status, 'recorded');
        // Make the chain what the code before 0003 wrote: no state, no digest, rehashed in order.
        const rows = await db.knex('audit').orderBy('seq');
        let prev = GENESIS_HASH;
        for (const r of rows) {
          const p = JSON.parse(r.payload) as Record<string, unknown>;
          delete p.state;
          delete p.digest;
          if (r.action === 'token.create') delete p.expiresAt;
          const payload = JSON.stringify(p);
          const hash = auditHash({ seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, payload, prevHash: prev });
          await db.knex('audit').where({ seq: r.seq }).update({ payload, prev_hash: prev, hash });
          prev = hash;
        }
        await db.knex('sync_state').where({ id: 1 }).update({ audit_hash: prev });
        const seqBefore = rows.length;

        await migrateLatest(db);
        const after = await db.knex('audit').orderBy('seq');
        assert.equal(after.length, seqBefore + 1);
        assert.equal(after[seqBefore].action, 'audit.baseline');
        const r = await verifyAudit(db);
        assert.equal(r.ok, true, reasons(r));

        await db.knex('positions').where({ code: 'T-A-0' }).update({ needed: 99 });
        await db.knex('tokens').where({ id: approver.id }).update({ role: 'admin' });
        const bad = await verifyAudit(db);
        assert.ok(bad.problems.some((p) => p.subject === 'position:T-A-0'), reasons(bad));
        assert.ok(bad.problems.some((p) => p.subject === `token:${approver.id}`), reasons(bad));
      } finally {
        await db.close();
        await fresh.drop();
      }
    });
  });
}
