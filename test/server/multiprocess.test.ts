/**
 * Several server processes on one PostgreSQL (SYNC-API.md: "several server processes behind a load
 * balancer, one database"): two real `serve` processes share a database; every decision is sent to
 * both at once, and approvers race through both for the last seats. Nothing is recorded twice, record
 * numbers stay gap-free, both can start on an empty database at the same moment (migrations once), no position goes over its Kebutuhan, and the audit chain holds — because the
 * writer lock is a row lock in the database (SELECT … FOR UPDATE on sync_state), not anything in a
 * process's memory.
 */
import assert from 'node:assert/strict';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import type { DecisionInput, PushResult } from '../../sync-server/server/push/types';
import { startServerChild, type ServerChild } from './support/child';
import { freshDatabase, type FreshDatabase } from './support/databases';
import { openDatabase, type Db } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { migrationSource } from '../../sync-server/db/migrations';
import { agency, decision, loadAgency, position, token } from './support/fixtures';
import { postJson } from './support/http';

const WORKBOOK = '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const DECISIONS = 300;
const BATCH = 5;

describe('two server processes on one PostgreSQL', function () {
  const a = agency({ people: DECISIONS + 40, targets: 15, seats: 20 });
  for (let k = 0; k < 4; k++) a.positions.push(position(`RACE-${k}`, 'Unit A', 2));
  let fresh: FreshDatabase;
  let db: Db;
  let servers: ServerChild[] = [];
  let approver: string;
  let versions: Map<string, number>;

  before(async function () {
    this.timeout(90_000);
    fresh = await freshDatabase('postgres');
    // Both processes start on the empty database at the same moment: each runs the migrations at
    // start; one waits for the other's lock instead of failing.
    servers = await Promise.all([startServerChild(fresh.url), startServerChild(fresh.url)]);
    db = openDatabase(fresh.url);
    await migrateLatest(db);
    const migrations = (await migrationSource.getMigrations([])).length;
    assert.equal(Number(((await db.knex('knex_migrations').count({ n: '*' }).first()) as { n: string }).n), migrations, 'each migration ran once');
    await loadAgency(db, a);
    approver = await token(db, 'approver');
    versions = new Map((await db.knex('employees').select('nip', 'version')).map((r: { nip: string; version: number }) => [r.nip, Number(r.version)]));
  });
  after(async function () {
    this.timeout(30_000);
    for (const s of servers) s.proc.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await db?.close();
    await fresh?.drop();
  });

  it('migrations started by several processes at the same moment run once; none fails', async function () {
    this.timeout(60_000);
    const empty = await freshDatabase('postgres');
    const handles = Array.from({ length: 4 }, () => openDatabase(empty.url));
    try {
      await Promise.all(handles.map((h) => migrateLatest(h)));
      const done = (await handles[0]!.knex('knex_migrations').select('name')) as { name: string }[];
      assert.deepEqual(done.map((m) => m.name), await migrationSource.getMigrations([]));
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await empty.drop();
    }
  });

  it("knex's lock table left with two rows by two processes creating it at once is repaired, not locked forever", async function () {
    this.timeout(60_000);
    const empty = await freshDatabase('postgres');
    const h = openDatabase(empty.url);
    try {
      await migrateLatest(h);
      // What the race leaves: both processes saw the new lock table empty and each inserted its row;
      // knex then wants exactly one row to update and reports "locked" to everybody, for ever.
      await h.knex('knex_migrations_lock').insert({ is_locked: 0 });
      await migrateLatest(h);
      assert.equal(Number(((await h.knex('knex_migrations_lock').count({ n: '*' }).first()) as { n: string }).n), 1);
    } finally {
      await h.close();
      await empty.drop();
    }
  });

  it('every decision sent to both processes at once is recorded exactly once, numbers gap-free', async function () {
    this.timeout(120_000);
    const targets = a.positions.filter((p) => p.code.startsWith('T-')).map((p) => p.code);
    const all: DecisionInput[] = a.employees.slice(0, DECISIONS).map((e, i) => decision(e.nip, e.positionCode, targets[i % targets.length]!, versions.get(e.nip)!));
    const results: PushResult[] = [];
    // Four clients per process; each batch goes to process 0 and process 1 at the same moment.
    const next = { i: 0 };
    const client = async () => {
      while (next.i < all.length) {
        const batch = all.slice(next.i, next.i + BATCH);
        next.i += batch.length;
        const both = await Promise.all(servers.map((s) => postJson(`${s.url}/api/v1/decisions`, approver, { workbookId: WORKBOOK, decisions: batch })));
        for (const res of both) {
          assert.equal(res.status, 200, JSON.stringify(res.body));
          results.push(...(res.body.results as PushResult[]));
        }
      }
    };
    await Promise.all([client(), client(), client(), client()]);

    assert.equal(results.length, DECISIONS * 2);
    const byId = new Map<string, PushResult[]>();
    for (const r of results) byId.set(r.mutationId, [...(byId.get(r.mutationId) ?? []), r]);
    assert.equal(byId.size, DECISIONS);
    for (const [id, rs] of byId) {
      const statuses = rs.map((r) => r.status).sort();
      assert.deepEqual(statuses, ['duplicate', 'recorded'], `${id}: ${JSON.stringify(rs)}`);
      const [x, y] = rs as { recordNo: string }[];
      assert.equal(x!.recordNo, y!.recordNo, 'the duplicate carries the original record number');
    }
    const rows = (await db.knex('decisions').select('mutation_id', 'record_no').orderBy('record_no')) as { mutation_id: string; record_no: string }[];
    assert.equal(rows.length, DECISIONS);
    rows.forEach((r, i) => assert.equal(Number(r.record_no.slice(-6)), i + 1, 'gap-free numbering across processes'));
    const state = await db.knex('sync_state').where({ id: 1 }).first();
    const maxChange = await db.knex('changes').max({ v: 'version' }).first();
    assert.equal(Number(state.version), Number((maxChange as { v: number }).v), 'one version counter for both processes');
    const audit = await verifyAudit(db);
    assert.equal(audit.ok, true, JSON.stringify(audit.problem));
    assert.equal(audit.decisions, DECISIONS);
  });

  it('approvers racing through both processes for the last seats never over-fill a position', async function () {
    this.timeout(60_000);
    const racers = a.employees.slice(DECISIONS);
    for (let k = 0; k < 4; k++) {
      const code = `RACE-${k}`;
      const contenders = racers.slice(k * 10, k * 10 + 10);
      const outcomes = await Promise.all(
        contenders.map((e, c) =>
          postJson(`${servers[c % 2]!.url}/api/v1/decisions`, approver, {
            workbookId: WORKBOOK, decisions: [decision(e.nip, e.positionCode, code, versions.get(e.nip)!)],
          }),
        ),
      );
      for (const o of outcomes) assert.equal(o.status, 200, JSON.stringify(o.body));
      const statuses = outcomes.map((o) => o.body.results[0].status as string);
      assert.equal(statuses.filter((s) => s === 'recorded').length, 2, statuses.join());
      assert.ok(statuses.every((s) => s === 'recorded' || s === 'conflict'), statuses.join());
      const holders = await db.knex('employees').where({ position_code: code }).count({ n: '*' }).first();
      assert.equal(Number((holders as { n: string }).n), 2);
    }
    const over = await db.knex('positions as p').join('employees as e', 'e.position_code', 'p.code')
      .groupBy('p.code', 'p.needed').select('p.code').havingRaw('count(*) > p.needed');
    assert.deepEqual(over, []);
    assert.equal((await verifyAudit(db)).ok, true);
  });
});
