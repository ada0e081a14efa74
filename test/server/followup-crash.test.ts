/**
 * Crash: the server as a child process, killed with SIGKILL in the middle of a stream of follow-up
 * writes from eight clients, restarted → every follow-up acknowledged `recorded` before the kill is
 * there with the acknowledged version, nothing is half-written (each written mutation has its
 * follow-up state, its change and its audit entry), `audit verify` passes, and re-sending everything
 * writes each entry exactly once.
 */
import assert from 'node:assert/strict';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import type { FollowupResult } from '../../sync-server/server/followups/schemas';
import { eachDatabase } from './support/databases';
import { agency, loadAgency, token } from './support/fixtures';
import { postJson } from './support/http';
import { runCli, startServerChild } from './support/child';
import { daysFromToday, recordMoves, review, spmt } from './support/followups';

const count = async (q: PromiseLike<unknown>) => Number(((await q) as { n: string }).n);

eachDatabase('follow-ups: crash (kill -9) and restart', (ctx) => {
  let supervisor: string;
  let all: Record<string, unknown>[];

  before(async function () {
    this.timeout(120_000);
    const a = agency({ people: 240, targets: 20, seats: 12 });
    await loadAgency(ctx.db, a);
    const moves = await recordMoves(ctx.db, a, daysFromToday(-400), 240);
    supervisor = await token(ctx.db, 'supervisor');
    // Two entries per move, SPMT first: a review of a move follows its SPMT in the stream.
    all = moves.flatMap((m, i) => [
      spmt(m.recordNo, daysFromToday(-390 + (i % 30))),
      review(m.recordNo, 6, daysFromToday(-200), { skp: i % 3 === 0 ? 'Sangat Baik' : 'Baik' }),
    ]);
  });

  it('keeps every acknowledged follow-up, nothing half-written or doubled, and the chain intact', async function () {
    this.timeout(180_000);
    const child = await startServerChild(ctx.url);
    const acknowledged: FollowupResult[] = [];
    let next = 0;
    let killed = false;
    const client = async (id: number) => {
      while (!killed && next < all.length) {
        const batch = all.slice(next, next + 1 + ((next + id) % 3));
        next += batch.length;
        try {
          const res = await postJson(`${child.url}/api/v1/followups`, supervisor, { entries: batch });
          assert.equal(res.status, 200, JSON.stringify(res.body));
          acknowledged.push(...res.body.results);
        } catch (e) {
          if (!killed) throw e;
        }
        if (id === 0 && acknowledged.length >= 120 && !killed) {
          killed = true;
          child.proc.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(client));
    await child.exited;
    assert.ok(killed, 'killed mid-stream');
    assert.ok(next < all.length, 'killed before the stream ended');
    const recorded = acknowledged.filter((r) => r.status === 'recorded') as Extract<FollowupResult, { status: 'recorded' }>[];
    assert.ok(recorded.length >= 120, `acknowledged ${recorded.length}`);

    // Every acknowledged write is there, with the version it was acknowledged with.
    const rows = new Map((await ctx.db.knex('followup_mutations').select('mutation_id', 'result')).map((r: { mutation_id: string; result: string }) => [r.mutation_id, JSON.parse(r.result)] as const));
    for (const r of recorded) {
      const row = rows.get(r.mutationId);
      assert.ok(row, `acknowledged ${r.mutationId} lost`);
      assert.equal(row.version, r.version);
    }
    // Nothing half-written: each written mutation has its change, its audit entry; each follow-up's
    // version is the newest change of it; the counters agree with the logs.
    assert.equal(await count(ctx.db.knex('changes').where({ kind: 'followup' }).count({ n: '*' }).first()), rows.size);
    assert.equal(await count(ctx.db.knex('audit').whereIn('action', ['followup.spmt', 'followup.review']).count({ n: '*' }).first()), rows.size);
    const torn = await ctx.db.knex('followups as f')
      .whereRaw("f.version <> (SELECT MAX(c.version) FROM changes c WHERE c.kind = 'followup' AND c.\"key\" = f.record_no)")
      .count({ n: '*' }).first();
    assert.equal(await count(Promise.resolve(torn)), 0);
    const state = await ctx.db.knex('sync_state').where({ id: 1 }).first();
    const maxChange = await ctx.db.knex('changes').max({ v: 'version' }).first();
    assert.equal(Number(state.version), Number((maxChange as { v: number }).v));
    const audit = await verifyAudit(ctx.db);
    assert.equal(audit.ok, true, JSON.stringify(audit.problem));

    // Restart; re-send everything: the written ones come back as duplicates, the rest are written once.
    const again = await startServerChild(ctx.url);
    try {
      for (let i = 0; i < all.length; i += 50) {
        const res = await postJson(`${again.url}/api/v1/followups`, supervisor, { entries: all.slice(i, i + 50) });
        assert.equal(res.status, 200);
        for (const r of res.body.results as FollowupResult[]) {
          assert.ok(r.status === 'recorded' || r.status === 'duplicate', JSON.stringify(r));
          if (rows.has(r.mutationId)) assert.equal(r.status, 'duplicate');
        }
      }
    } finally {
      again.proc.kill('SIGTERM');
      await again.exited;
    }
    assert.equal(await count(ctx.db.knex('followup_mutations').count({ n: '*' }).first()), all.length);
    assert.equal(await count(ctx.db.knex('changes').where({ kind: 'followup' }).count({ n: '*' }).first()), all.length);
    const done = await ctx.db.knex('followups').select('spmt_date', 'reviews');
    assert.equal(done.length, all.length / 2);
    for (const f of done as { spmt_date: string | null; reviews: string }[]) {
      assert.ok(f.spmt_date);
      assert.equal(JSON.parse(f.reviews).length, 1);
    }
    const cli = runCli(['audit', 'verify', '--db', ctx.url]);
    assert.equal(cli.status, 0, cli.stderr);
  });
});
