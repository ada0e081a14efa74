/**
 * Concurrency: 20 clients push 1,000 decisions with 30 % of them re-sent (by another client, at the
 * same time) → every mutationId recorded exactly once. Clients racing for the last seats of a
 * position → never more holders than Kebutuhan.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createApp } from '../../sync-server/server/app';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import type { DecisionInput, PushResult } from '../../sync-server/server/push/types';
import { eachDatabase } from './support/databases';
import { agency, decision, loadAgency, position, token } from './support/fixtures';
import { listen, postJson } from './support/http';

const WORKBOOK = '3c2d1e0f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const CLIENTS = 20;
const DECISIONS = 1000;
const RESENT = 0.3;
const BATCH = 10;

eachDatabase('concurrency', (ctx) => {
  let server: { url: string; close(): Promise<void> };
  let approver: string;
  const a = agency({ people: DECISIONS + CLIENTS * 5, targets: 25, seats: 20 });
  for (let k = 0; k < 5; k++) a.positions.push(position(`RACE-${k}`, 'Unit A', 3));

  before(async function () {
    this.timeout(60_000);
    await loadAgency(ctx.db, a);
    approver = await token(ctx.db, 'approver');
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent', pushRateLimit: { windowMs: 60_000, limit: 1_000_000 } } });
    server = await listen(app);
  });
  after(() => server.close());

  it('20 clients, 1,000 decisions, 30 % re-sent concurrently: each mutationId recorded exactly once', async function () {
    this.timeout(120_000);
    const targets = a.positions.filter((p) => p.code.startsWith('T-')).map((p) => p.code);
    const all: DecisionInput[] = a.employees
      .slice(0, DECISIONS)
      .map((e, i) => decision(e.nip, e.positionCode, targets[i % targets.length]!, 1));
    // Versions as loaded: each employee got its own version at import.
    const versions = new Map((await ctx.db.knex('employees').select('nip', 'version')).map((r: { nip: string; version: number }) => [r.nip, Number(r.version)]));
    for (const d of all) d.baseVersion = versions.get(d.nip)!;

    // Each decision goes to its owner client; 30 % also to another client. Queues shuffled (seeded).
    const rng = fc.sample(fc.integer({ min: 0, max: 1_000_000 }), { numRuns: DECISIONS * 3, seed: 42 });
    let r = 0;
    const next = (n: number) => rng[r++ % rng.length]! % n;
    const queues: DecisionInput[][] = Array.from({ length: CLIENTS }, () => []);
    all.forEach((d, i) => {
      const owner = i % CLIENTS;
      queues[owner]!.push(d);
      if (next(100) < RESENT * 100) queues[(owner + 1 + next(CLIENTS - 1)) % CLIENTS]!.push(d);
    });
    for (const q of queues) for (let i = q.length - 1; i > 0; i--) { const j = next(i + 1); [q[i], q[j]] = [q[j]!, q[i]!]; }
    const sent = queues.reduce((n, q) => n + q.length, 0);
    assert.ok(sent >= DECISIONS * 1.25, `re-sent share too small: ${sent}`);

    const results: PushResult[] = [];
    await Promise.all(
      queues.map(async (q) => {
        for (let i = 0; i < q.length; i += BATCH) {
          const res = await postJson(`${server.url}/api/v1/decisions`, approver, { workbookId: WORKBOOK, decisions: q.slice(i, i + BATCH) });
          assert.equal(res.status, 200, JSON.stringify(res.body));
          results.push(...res.body.results);
        }
      }),
    );

    assert.equal(results.length, sent);
    const byId = new Map<string, PushResult[]>();
    for (const x of results) byId.set(x.mutationId, [...(byId.get(x.mutationId) ?? []), x]);
    assert.equal(byId.size, DECISIONS);
    for (const [id, rs] of byId) {
      const recorded = rs.filter((x) => x.status === 'recorded');
      assert.equal(recorded.length, 1, `${id}: ${JSON.stringify(rs)}`);
      const no = (recorded[0] as { recordNo: string }).recordNo;
      for (const x of rs) if (x.status !== 'recorded') assert.deepEqual([x.status, (x as { recordNo: string }).recordNo], ['duplicate', no]);
    }

    const rows = await ctx.db.knex('decisions').select('mutation_id', 'record_no').orderBy('record_no');
    assert.equal(rows.length, DECISIONS);
    assert.equal(new Set(rows.map((x: { mutation_id: string }) => x.mutation_id)).size, DECISIONS);
    // Record numbers are gap-free: 1…1000 within the year.
    rows.forEach((x: { record_no: string }, i: number) => assert.equal(Number(x.record_no.slice(-6)), i + 1));
    const audit = await verifyAudit(ctx.db);
    assert.equal(audit.ok, true, JSON.stringify(audit.problem));
    assert.equal(audit.decisions, DECISIONS);
  });

  it('clients racing for the last seats never push a position over its Kebutuhan', async function () {
    this.timeout(60_000);
    const racers = a.employees.slice(DECISIONS);
    const versions = new Map((await ctx.db.knex('employees').select('nip', 'version')).map((r: { nip: string; version: number }) => [r.nip, Number(r.version)]));
    for (let k = 0; k < 5; k++) {
      const code = `RACE-${k}`;
      const contenders = racers.slice(k * 4, k * 4 + 4).concat(racers.slice(((k + 1) % 5) * 4, ((k + 1) % 5) * 4 + 4)).slice(0, 8);
      // 20 clients at once; several send the same person's decision, all want one of 3 seats.
      const outcomes = await Promise.all(
        Array.from({ length: CLIENTS }, (_, c) => {
          const e = contenders[c % contenders.length]!;
          return postJson(`${server.url}/api/v1/decisions`, approver, {
            workbookId: WORKBOOK, decisions: [decision(e.nip, e.positionCode, code, versions.get(e.nip)!)],
          });
        }),
      );
      for (const o of outcomes) assert.equal(o.status, 200);
      const holders = Number(((await ctx.db.knex('employees').where({ position_code: code }).count({ n: '*' }).first()) as { n: string }).n);
      assert.ok(holders <= 3, `${code}: ${holders} holders`);
      const statuses = outcomes.map((o) => o.body.results[0].status as string);
      assert.ok(statuses.every((s) => s === 'recorded' || s === 'conflict'), statuses.join());
      assert.equal(statuses.filter((s) => s === 'recorded').length, holders);
    }
    // And across the whole record: no position over its Kebutuhan through recorded decisions.
    const over = await ctx.db.knex('positions as p')
      .join('employees as e', 'e.position_code', 'p.code')
      .groupBy('p.code', 'p.needed')
      .select('p.code', 'p.needed')
      .count({ n: '*' })
      .havingRaw('count(*) > p.needed');
    assert.deepEqual(over, []);
  });
});
