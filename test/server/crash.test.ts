/**
 * Crash: the server as a child process, killed with SIGKILL in the middle of a stream of pushes,
 * restarted → every decision acknowledged `recorded` before the kill is there, nothing is
 * half-written, `audit verify` passes, and re-sending what was not acknowledged records each once.
 * Eight clients push at once, so the server commits their decisions in groups (group-commit.ts): the
 * kill usually lands in the middle of a group, whose decisions must then be all absent and none
 * acknowledged.
 */
import assert from 'node:assert/strict';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import type { DecisionInput, PushResult } from '../../sync-server/server/push/types';
import { eachDatabase } from './support/databases';
import { agency, decision, loadAgency, token } from './support/fixtures';
import { postJson } from './support/http';
import { runCli, startServerChild } from './support/child';

const WORKBOOK = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

eachDatabase('crash (kill -9) and restart', (ctx) => {
  const a = agency({ people: 300, targets: 20, seats: 15 });
  let approver: string;
  let all: DecisionInput[];

  before(async function () {
    this.timeout(60_000);
    await loadAgency(ctx.db, a);
    approver = await token(ctx.db, 'approver');
    const versions = new Map((await ctx.db.knex('employees').select('nip', 'version')).map((r: { nip: string; version: number }) => [r.nip, Number(r.version)]));
    const targets = a.positions.filter((p) => p.code.startsWith('T-')).map((p) => p.code);
    all = a.employees.map((e, i) => decision(e.nip, e.positionCode, targets[i % targets.length]!, versions.get(e.nip)!));
  });

  it('keeps every acknowledged decision, nothing half-written, and the chain intact', async function () {
    this.timeout(120_000);
    const child = await startServerChild(ctx.url);
    const acknowledged: PushResult[] = [];
    let next = 0;
    let killed = false;
    // Eight clients stream pushes of 1–4 decisions; the first client kills the server mid-stream.
    const client = async (id: number) => {
      while (!killed && next < all.length) {
        const batch = all.slice(next, next + 1 + ((next + id) % 4));
        next += batch.length;
        try {
          const res = await postJson(`${child.url}/api/v1/decisions`, approver, { workbookId: WORKBOOK, decisions: batch });
          assert.equal(res.status, 200);
          acknowledged.push(...res.body.results);
        } catch (e) {
          if (!killed) throw e;
        }
        if (id === 0 && acknowledged.length >= 100 && !killed) {
          killed = true;
          child.proc.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(client));
    await child.exited;
    assert.ok(killed, 'the server was killed mid-stream');
    const recorded = acknowledged.filter((r) => r.status === 'recorded') as Extract<PushResult, { status: 'recorded' }>[];
    assert.ok(recorded.length >= 100, `acknowledged ${recorded.length}`);
    assert.ok(next < all.length, 'killed before the stream ended');

    // Every acknowledged decision is in the official record, exactly as acknowledged.
    const rows = new Map((await ctx.db.knex('decisions').select('mutation_id', 'record_no', 'employee_version', 'nip', 'to_code'))
      .map((r: { mutation_id: string }) => [r.mutation_id, r] as const));
    for (const r of recorded) {
      const row = rows.get(r.mutationId) as { record_no: string; employee_version: number } | undefined;
      assert.ok(row, `acknowledged ${r.mutationId} lost`);
      assert.equal(row.record_no, r.recordNo);
      assert.equal(Number(row.employee_version), r.version);
    }
    // Nothing half-written: each decision's employee sits in its target with its version; counters agree.
    const torn = await ctx.db.knex('decisions as d').join('employees as e', 'e.nip', 'd.nip')
      .whereRaw('e.position_code <> d.to_code OR e.version <> d.employee_version').count({ n: '*' }).first();
    assert.equal(Number((torn as { n: string }).n), 0);
    const moved = await ctx.db.knex('employees').whereLike('position_code', 'T-%').count({ n: '*' }).first();
    assert.equal(Number((moved as { n: string }).n), rows.size);
    const state = await ctx.db.knex('sync_state').where({ id: 1 }).first();
    const maxChange = await ctx.db.knex('changes').max({ v: 'version' }).first();
    assert.equal(Number(state.version), Number((maxChange as { v: number }).v));
    const audit = await verifyAudit(ctx.db);
    assert.equal(audit.ok, true, JSON.stringify(audit.problem));
    assert.equal(audit.decisions, rows.size);

    // Restart; re-send everything: the recorded ones come back as duplicates, the rest are recorded once.
    const again = await startServerChild(ctx.url);
    try {
      const results: PushResult[] = [];
      for (let i = 0; i < all.length; i += 100) {
        const res = await postJson(`${again.url}/api/v1/decisions`, approver, { workbookId: WORKBOOK, decisions: all.slice(i, i + 100) });
        assert.equal(res.status, 200);
        results.push(...res.body.results);
      }
      for (const r of results) {
        assert.ok(r.status === 'recorded' || r.status === 'duplicate', JSON.stringify(r));
        if (rows.has(r.mutationId)) assert.equal(r.status, 'duplicate');
      }
      const n = await ctx.db.knex('decisions').count({ n: '*' }).first();
      assert.equal(Number((n as { n: string }).n), all.length);
    } finally {
      again.proc.kill('SIGTERM');
      await again.exited;
    }
    const cli = runCli(['audit', 'verify', '--db', ctx.url]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /utuh/);
  });
});
