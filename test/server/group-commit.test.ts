/**
 * Group commit (server/push/group-commit.ts): the decisions of several requests applied in one
 * transaction, each in its own savepoint, one commit, answers only after it.
 *  - a group mixing recorded, duplicate, conflict, rejected and a decision that throws mid-way (a
 *    trigger fails its INSERT after its other writes went out): each gets its own result, only the
 *    recorded ones are in the database, and no number, version or audit entry is skipped;
 *  - two requests coalesced into one group: later decisions see the earlier ones (seat, version, the
 *    same mutationId twice → duplicate);
 *  - a COMMIT that fails (a deferred constraint, checked only at COMMIT) fails every request of the
 *    group — 503 over HTTP — and nothing of it is recorded; re-sent, it records once;
 *  - the bounds: one big batch is split into groups and a small request waiting beside it is served
 *    in the first group.
 * The SIGKILL test (crash.test.ts) covers a crash in the middle of a group.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../sync-server/server/app';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import { getEmployee } from '../../sync-server/db/queries';
import { createToken, type TokenInfo } from '../../sync-server/db/tokens';
import { configFromEnv, defaultConfig } from '../../sync-server/server/config';
import { isTransient } from '../../sync-server/server/errors';
import { DEFAULT_GROUP_LIMITS, GroupWriter, groupLimits, WriteGroupFailed } from '../../sync-server/server/push/group-commit';
import type { DecisionInput, PushResult } from '../../sync-server/server/push/types';
import { eachDatabase, type TestDb } from './support/databases';
import { agency, decision, loadAgency } from './support/fixtures';

const WORKBOOK = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

type Ok<S extends PushResult['status']> = Extract<PushResult, { status: S }>;

/** Makes the INSERT of a decision for `nip` fail (a fault in the middle of its writes). */
async function failInsertFor(ctx: TestDb, nip: string): Promise<() => Promise<void>> {
  const k = ctx.db.knex;
  if (ctx.dialect === 'sqlite') {
    await k.raw(`CREATE TRIGGER boom BEFORE INSERT ON decisions WHEN NEW.nip = '${nip}' BEGIN SELECT RAISE(ABORT, 'boom: test fault'); END`);
    return async () => void (await k.raw('DROP TRIGGER boom'));
  }
  await k.raw(`CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.nip = '${nip}' THEN RAISE EXCEPTION 'boom: test fault'; END IF; RETURN NEW; END $$`);
  await k.raw('CREATE TRIGGER boom BEFORE INSERT ON decisions FOR EACH ROW EXECUTE FUNCTION boom()');
  return async () => {
    await k.raw('DROP TRIGGER boom ON decisions');
    await k.raw('DROP FUNCTION boom()');
  };
}

/** Makes the COMMIT of any transaction that records a decision for `nip` fail (deferred constraint). */
async function failCommitFor(ctx: TestDb, nip: string): Promise<() => Promise<void>> {
  const k = ctx.db.knex;
  if (ctx.dialect === 'sqlite') {
    await k.raw('CREATE TABLE poison_target (id INTEGER PRIMARY KEY)');
    await k.raw('CREATE TABLE poison (ref INTEGER REFERENCES poison_target (id) DEFERRABLE INITIALLY DEFERRED)');
    await k.raw(`CREATE TRIGGER poison AFTER INSERT ON decisions WHEN NEW.nip = '${nip}' BEGIN INSERT INTO poison (ref) VALUES (42); END`);
    return async () => {
      await k.raw('DROP TRIGGER poison');
      await k.raw('DROP TABLE poison');
      await k.raw('DROP TABLE poison_target');
    };
  }
  await k.raw(`CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.nip = '${nip}' THEN RAISE EXCEPTION 'poison: test fault at commit'; END IF; RETURN NULL; END $$`);
  await k.raw('CREATE CONSTRAINT TRIGGER poison AFTER INSERT ON decisions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION poison()');
  return async () => {
    await k.raw('DROP TRIGGER poison ON decisions');
    await k.raw('DROP FUNCTION poison()');
  };
}

eachDatabase('group commit', (ctx) => {
  const a = agency({ people: 40, targets: 3, seats: 1 });
  let approver: TokenInfo;
  let approverSecret: string;
  const nip = (i: number) => a.employees[i]!.nip;
  const ver = async (i: number) => (await getEmployee(ctx.db.knex, nip(i)))!.version;
  const opts = () => ({ workbookId: WORKBOOK, token: approver });
  // The one group writer of these tests, as a server has one (createApp makes it).
  let writer: GroupWriter;

  before(async function () {
    this.timeout(30_000);
    writer = new GroupWriter(ctx.db);
    await loadAgency(ctx.db, a);
    const t = await createToken(ctx.db, { name: 'Kepala BKPSDM', role: 'approver' }, 'test');
    approver = t.info;
    approverSecret = t.token;
  });
  // Groups bounded by count only here (a slow machine must not split a group by time and make the
  // test depend on speed); the bounds test sets its own.
  beforeEach(() => {
    writer.limits = { ...DEFAULT_GROUP_LIMITS };
  });
  after(() => {
    writer.limits = { ...DEFAULT_GROUP_LIMITS };
  });

  /** Everything the record must satisfy whatever was rolled back: no gap, no torn write, chain intact. */
  async function assertConsistent(): Promise<void> {
    const k = ctx.db.knex;
    const state = await k('sync_state').where({ id: 1 }).first();
    const versions = (await k('changes').select('version').orderBy('version')).map((r: { version: number }) => Number(r.version));
    assert.deepEqual(versions, versions.map((_, i) => i + 1), 'change versions without a gap');
    assert.equal(Number(state.version), versions.length);
    const nums = (await k('decisions').select('record_no').orderBy('record_no')).map((r: { record_no: string }) => Number(r.record_no.slice(-6)));
    assert.deepEqual(nums, nums.map((_, i) => i + 1), 'record numbers without a gap');
    const torn = await k('decisions as d').join('employees as e', 'e.nip', 'd.nip')
      .whereRaw('e.position_code <> d.to_code OR e.version <> d.employee_version').count({ n: '*' }).first();
    assert.equal(Number((torn as { n: string }).n), 0);
    const audit = await verifyAudit(ctx.db);
    assert.equal(audit.ok, true, JSON.stringify(audit.problem));
    assert.equal(audit.decisions, nums.length);
  }

  it('one group mixing recorded, duplicate, conflict, rejected and a decision that throws mid-way: each its own result, only the recorded ones written', async () => {
    // Recorded before the group (its own group): the duplicate below refers to it.
    const earlier = decision(nip(10), 'POOL-A', 'T-A-2', await ver(10));
    const [first] = await writer.submit([earlier], opts());
    assert.equal(first!.status, 'recorded');

    const boomNip = nip(12);
    const undo = await failInsertFor(ctx, boomNip);
    const before = { ...writer.stats };
    const recA = decision(nip(0), 'POOL-A', 'T-A-0', await ver(0));
    const reqA = [
      recA,
      { ...earlier }, // the same mutationId again: duplicate with the original result
      decision(nip(2), 'POOL-A', 'T-A-1', (await ver(2)) - 1), // stale baseVersion: conflict
      decision('199001012015011999', 'POOL-A', 'T-A-1', 1), // unknown employee: rejected
    ];
    const recB = decision(nip(4), 'POOL-A', 'T-A-1', await ver(4));
    const boom = decision(boomNip, 'POOL-A', 'T-B-0', await ver(12));
    const afterBoom = decision(nip(14), 'POOL-A', 'T-B-1', await ver(14));
    const reqB = [recB, boom, afterBoom];
    const reqC = [
      decision(nip(6), 'POOL-A', 'T-A-0', await ver(6)), // recA took the only seat, in this same group
      { ...recA }, // recA's mutationId, from another request in the same group
      decision(nip(1), 'POOL-B', 'T-B-2', await ver(1)),
    ];
    // Submitted together, as three requests arriving at once: one group.
    const [resA, resB, resC] = await Promise.allSettled([
      writer.submit(reqA, opts()),
      writer.submit(reqB, opts()),
      writer.submit(reqC, opts()),
    ]);
    await undo();
    assert.equal(writer.stats.groups - before.groups, 1, 'one group');
    assert.equal(writer.stats.decisions - before.decisions, 9, 'the throwing request stops at its failing decision');

    assert.equal(resA.status, 'fulfilled');
    const [a1, a2, a3, a4] = (resA as PromiseFulfilledResult<PushResult[]>).value;
    assert.equal(a1!.status, 'recorded');
    assert.equal(a2!.status, 'duplicate');
    assert.equal((a2 as Ok<'duplicate'>).recordNo, (first as Ok<'recorded'>).recordNo);
    assert.equal((a2 as Ok<'duplicate'>).version, (first as Ok<'recorded'>).version);
    assert.equal(a3!.status, 'conflict');
    assert.equal((a3 as Ok<'conflict'>).reason, 'VERSION_STALE');
    assert.equal(a4!.status, 'rejected');
    assert.equal((a4 as Ok<'rejected'>).findings[0]!.rule, 'EMPLOYEE_UNKNOWN');

    // The request whose decision threw fails with that error (500 over HTTP, as before group commit).
    assert.equal(resB.status, 'rejected');
    assert.match(String((resB as PromiseRejectedResult).reason?.message), /boom: test fault/);
    assert.equal(isTransient((resB as PromiseRejectedResult).reason), false);

    assert.equal(resC.status, 'fulfilled');
    const [c1, c2, c3] = (resC as PromiseFulfilledResult<PushResult[]>).value;
    assert.equal(c1!.status, 'conflict');
    assert.equal((c1 as Ok<'conflict'>).reason, 'FORMATION_FULL');
    assert.deepEqual((c1 as Ok<'conflict'>).current.position, { code: 'T-A-0', unit: 'Unit A', needed: 1, holders: 1 });
    assert.equal(c2!.status, 'duplicate');
    assert.equal((c2 as Ok<'duplicate'>).recordNo, (a1 as Ok<'recorded'>).recordNo);
    assert.equal(c3!.status, 'recorded');

    // In the database: the recorded ones (recA, recB — before its request failed — and C's third),
    // not the one that threw (its move, changes, number and audit entry rolled back), not the one after it.
    const k = ctx.db.knex;
    const recorded = new Set((await k('decisions').select('mutation_id')).map((r: { mutation_id: string }) => r.mutation_id));
    assert.deepEqual(recorded, new Set([earlier.mutationId, recA.mutationId, recB.mutationId, reqC[2]!.mutationId]));
    const boomNow = (await getEmployee(k, boomNip))!;
    assert.equal(boomNow.positionCode, 'POOL-A');
    assert.equal(boomNow.version, boom.baseVersion);
    assert.equal((await getEmployee(k, nip(14)))!.positionCode, 'POOL-A');
    assert.equal((await getEmployee(k, nip(2)))!.positionCode, 'POOL-A');
    await assertConsistent();

    // The failed request re-sent, fault gone: what it recorded is a duplicate, the rest recorded once.
    const again = await writer.submit(reqB, opts());
    assert.deepEqual(again.map((r) => r.status), ['duplicate', 'recorded', 'recorded']);
    await assertConsistent();
  });

  it('two requests coalesced into one group: the second sees the first (version, seat, mutationId)', async () => {
    const before = { ...writer.stats };
    const move = decision(nip(16), 'POOL-A', 'T-A-1', await ver(16)); // T-A-1's seat is taken: conflict
    const move2 = decision(nip(18), 'POOL-A', 'T-B-2', await ver(18)); // T-B-2's seat taken too
    const ok1 = decision(nip(20), 'POOL-A', 'POOL-B', await ver(20));
    const first = [ok1, move];
    const second = [decision(nip(20), 'POOL-A', 'POOL-B', await ver(20)), { ...ok1 }, move2];
    const [r1, r2] = await Promise.all([writer.submit(first, opts()), writer.submit(second, opts())]);
    assert.equal(writer.stats.groups - before.groups, 1, 'one group for both requests');
    assert.deepEqual(r1.map((r) => r.status), ['recorded', 'conflict']);
    assert.equal((r1[1] as Ok<'conflict'>).reason, 'FORMATION_FULL');
    // Turns: ok1 first, then the second request's first decision, on the same employee with the
    // version ok1 replaced: stale.
    assert.equal(r2[0]!.status, 'conflict');
    assert.equal((r2[0] as Ok<'conflict'>).reason, 'VERSION_STALE');
    assert.equal((r2[0] as Ok<'conflict'>).current.employee.version, (r1[0] as Ok<'recorded'>).version);
    assert.equal(r2[1]!.status, 'duplicate');
    assert.equal((r2[1] as Ok<'duplicate'>).recordNo, (r1[0] as Ok<'recorded'>).recordNo);
    assert.equal(r2[2]!.status, 'conflict');
    assert.equal((await getEmployee(ctx.db.knex, nip(20)))!.version, (r1[0] as Ok<'recorded'>).version);
    await assertConsistent();
  });

  it('a COMMIT that fails fails every request of its group (503 over HTTP), nothing of it recorded; re-sent, recorded once', async () => {
    const poisoned = nip(22);
    const undo = await failCommitFor(ctx, poisoned);
    const before = { ...writer.stats };
    const innocent = [decision(nip(24), 'POOL-A', 'POOL-B', await ver(24))];
    const guilty = [decision(nip(26), 'POOL-A', 'POOL-B', await ver(26)), decision(poisoned, 'POOL-A', 'POOL-B', await ver(22))];
    const results = await Promise.allSettled([writer.submit(innocent, opts()), writer.submit(guilty, opts())]);
    assert.equal(writer.stats.failedGroups - before.failedGroups, 1);
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      const err = (r as PromiseRejectedResult).reason;
      assert.ok(err instanceof WriteGroupFailed, String(err));
      assert.equal(isTransient(err), true, 'the client is told to retry');
    }
    const k = ctx.db.knex;
    const ids = [...innocent, ...guilty].map((d) => d.mutationId);
    assert.equal(Number(((await k('decisions').whereIn('mutation_id', ids).count({ n: '*' }).first()) as { n: string }).n), 0);
    assert.equal((await getEmployee(k, nip(24)))!.positionCode, 'POOL-A');
    await assertConsistent();

    // Over HTTP: 503 with Retry-After, and the connection is usable afterwards (no half-open transaction).
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' }, pushWriter: writer });
    const res = await request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${approverSecret}`).send({ workbookId: WORKBOOK, decisions: guilty });
    assert.equal(res.status, 503, JSON.stringify(res.body));
    assert.equal(res.headers['retry-after'], '1');
    assert.doesNotMatch(JSON.stringify(res.body), /poison|at .*\.ts/);
    await undo();

    const again = await request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${approverSecret}`).send({ workbookId: WORKBOOK, decisions: [...innocent, ...guilty] });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.results.map((r: PushResult) => r.status), ['recorded', 'recorded', 'recorded']);
    const resent = await writer.submit([...innocent, ...guilty], opts());
    assert.deepEqual(resent.map((r) => r.status), ['duplicate', 'duplicate', 'duplicate']);
    await assertConsistent();
  });

  it('PUSH_GROUP_MAX=1: each decision in a transaction of its own, same results', async () => {
    const own = new GroupWriter(ctx.db, groupLimits(defaultConfig(configFromEnv({ PUSH_GROUP_MAX: '1' }))));
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' }, pushWriter: own });
    assert.equal(own.limits.maxDecisions, 1);
    const before = { ...own.stats };
    const batch = [38, 39].map((i) => decision(nip(i), a.employees[i]!.positionCode, a.employees[i]!.positionCode === 'POOL-A' ? 'POOL-B' : 'POOL-A', 0));
    for (const [k, d] of batch.entries()) d.baseVersion = await ver(38 + k);
    const res = await request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${approverSecret}`).send({ workbookId: WORKBOOK, decisions: [...batch, { ...batch[0]! }] });
    assert.equal(res.status, 200);
    assert.deepEqual((res.body as { results: PushResult[] }).results.map((r) => r.status), ['recorded', 'recorded', 'duplicate']);
    assert.equal(own.stats.groups - before.groups, 3, 'one transaction a decision');
    assert.equal(own.stats.decisions - before.decisions, 3);
    await assertConsistent();
  });

  it('PUSH_GROUP_MAX and PUSH_RATE_LIMIT: whole numbers in range, anything else stops the start naming it', () => {
    assert.deepEqual(configFromEnv({ PUSH_GROUP_MAX: '500', PUSH_RATE_LIMIT: '30' }), { pushGroupMax: 500, pushRateLimit: { windowMs: 60_000, limit: 30 } });
    assert.deepEqual(configFromEnv({}), {});
    for (const bad of ['0', '501', '1.5', 'banyak', '-3', ' ']) {
      assert.throws(() => configFromEnv({ PUSH_GROUP_MAX: bad }), (e: Error) => e.message.startsWith(`PUSH_GROUP_MAX: "${bad}" bukan bilangan bulat 1–500`), bad);
    }
    assert.throws(() => configFromEnv({ PUSH_RATE_LIMIT: 'banyak' }), /^Error: PUSH_RATE_LIMIT: "banyak" bukan bilangan bulat/);
  });

  it('bounded groups: a big batch is split, a small request beside it is served in the first group', async () => {
    writer.limits = { maxDecisions: 4 };
    const before = { ...writer.stats };
    // Ten decisions for one request (moves between the pools, each person once), one for another.
    const big: DecisionInput[] = [];
    for (let i = 27; i < 37; i++) big.push(decision(nip(i), a.employees[i]!.positionCode, a.employees[i]!.positionCode === 'POOL-A' ? 'POOL-B' : 'POOL-A', await ver(i)));
    const small = [decision(nip(37), 'POOL-B', 'POOL-A', await ver(37))];
    let smallDoneAt = -1;
    let bigDoneAt = -1;
    let done = 0;
    const [rb, rs] = await Promise.all([
      writer.submit(big, opts()).then((r) => ((bigDoneAt = done++), r)),
      writer.submit(small, opts()).then((r) => ((smallDoneAt = done++), r)),
    ]);
    assert.deepEqual(rb.map((r) => r.status), big.map(() => 'recorded'));
    assert.equal(rs[0]!.status, 'recorded');
    assert.ok(smallDoneAt < bigDoneAt, 'the small request did not wait for the whole batch');
    assert.equal(writer.stats.groups - before.groups, 3, '11 decisions in groups of at most 4');
    assert.ok(writer.stats.largestGroup >= 4);
    // In order within the request: record numbers follow the batch's order.
    const nos = rb.map((r) => Number((r as Ok<'recorded'>).recordNo.slice(-6)));
    assert.deepEqual([...nos].sort((x, y) => x - y), nos);
    await assertConsistent();
  });
});
