/**
 * Bad follow-up input: fast-check generates malformed bodies (missing, mistyped, out-of-range and
 * unknown fields, random JSON) and malformed queries. Each is a 400 whose issues name a path and a
 * reason; never a 5xx; the database exactly as before.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../../sync-server/server/app';
import { FollowupBody } from '../../sync-server/server/followups/schemas';
import type { Db } from '../../sync-server/db/connect';
import { eachDatabase } from './support/databases';
import { agency, loadAgency, token } from './support/fixtures';
import { daysFromToday, recordMoves, review, spmt } from './support/followups';

async function fingerprint(db: Db): Promise<string> {
  const parts: string[] = [];
  for (const t of ['followups', 'followup_mutations', 'decisions', 'changes', 'audit']) {
    parts.push(`${t}=${Number(((await db.knex(t).count({ n: '*' }).first()) as { n: string }).n)}`);
  }
  const s = await db.knex('sync_state').where({ id: 1 }).first();
  return `${parts.join(';')};${s.version}/${s.audit_seq}/${s.audit_hash}`;
}

const REVIEW_KEYS = ['mutationId', 'recordNo', 'kind', 'month', 'reviewDate', 'skp', 'note', 'action', 'actionDetail', 'baseVersion'] as const;
const REQUIRED = ['mutationId', 'recordNo', 'kind', 'month', 'reviewDate', 'skp', 'note', 'action'] as const;

const wrongFor: Record<string, fc.Arbitrary<unknown>> = {
  mutationId: fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null), fc.constant('bukan-uuid')),
  recordNo: fc.oneof(fc.string({ maxLength: 20 }).filter((s) => !/^MUT-\d{4}-\d{6}$/.test(s)), fc.integer(), fc.constant(null), fc.constant('MUT-2026-12')),
  kind: fc.oneof(fc.string({ maxLength: 8 }).filter((s) => s !== 'spmt' && s !== 'review'), fc.constant('SPMT'), fc.integer(), fc.constant(null)),
  month: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 121 }), fc.double({ noInteger: true, noNaN: true }), fc.constant('6'), fc.constant(null)),
  reviewDate: fc.oneof(fc.constant('01/07/2027'), fc.constant('2027-02-29'), fc.constant('2027-13-01'), fc.integer(), fc.string({ maxLength: 12 })),
  skp: fc.oneof(fc.string({ maxLength: 15 }), fc.constant('baik'), fc.constant('B'), fc.integer(), fc.constant(null)),
  note: fc.oneof(fc.integer(), fc.constant(''), fc.constant('   '), fc.string({ minLength: 4001, maxLength: 4100 }), fc.constant(null)),
  action: fc.oneof(fc.string({ maxLength: 12 }), fc.constant('tidak perlu'), fc.integer(), fc.constant(null)),
  actionDetail: fc.oneof(fc.integer(), fc.boolean(), fc.string({ minLength: 301, maxLength: 320 })),
  baseVersion: fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true, noNaN: true }), fc.string({ maxLength: 5 })),
};
const unknownKey = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(REVIEW_KEYS as readonly string[]).includes(k) && k !== '__proto__');

eachDatabase('malformed follow-ups', (ctx) => {
  let server: Server;
  let supervisor: string;
  let recordNo = '';

  before(async function () {
    this.timeout(60_000);
    const a = agency({ people: 6, targets: 1, seats: 2 });
    await loadAgency(ctx.db, a);
    recordNo = (await recordMoves(ctx.db, a, daysFromToday(-200), 1))[0]!.recordNo;
    supervisor = await token(ctx.db, 'supervisor');
    server = createApp({ db: ctx.db, config: { logLevel: 'silent' } }).listen(0);
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const valid = () => review(recordNo, 6, daysFromToday(-5)) as Record<string, unknown>;
  const malformedEntry: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    fc.constantFrom(...REQUIRED).map((k) => { const d = valid(); delete d[k]; return d; }),
    fc.tuple(unknownKey, fc.jsonValue()).map(([k, v]) => ({ ...valid(), [k]: v })),
    fc.constantFrom(...REVIEW_KEYS).chain((k) => wrongFor[k]!.map((v) => ({ ...valid(), [k]: v }))),
    fc.constantFrom('Pelatihan', 'Mentoring').map((action) => ({ ...valid(), action, actionDetail: null })),
    fc.constant({ ...spmt(recordNo, daysFromToday(-190)), month: 6 }),
  );
  const malformedBody: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.array(fc.constant(null), { maxLength: 3 }), malformedEntry).map(([pad, e]) => ({ entries: [...pad.map(valid), e] })) },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.tuple(unknownKey, fc.jsonValue()).map(([k, v]) => ({ entries: [valid()], [k === 'entries' ? 'x' : k]: v })) },
    { weight: 1, arbitrary: fc.oneof(fc.constant([]), fc.string(), fc.integer(), fc.constant(null)).map((e) => ({ entries: e })) },
  ).filter((b) => !FollowupBody.safeParse(b).success);

  it('1,000 malformed bodies: each a 400 naming path and reason, nothing written', async function () {
    this.timeout(120_000);
    const before = await fingerprint(ctx.db);
    await fc.assert(
      fc.asyncProperty(malformedBody, async (b) => {
        const res = await request(server).post('/api/v1/followups').set('Authorization', `Bearer ${supervisor}`).set('Content-Type', 'application/json').send(JSON.stringify(b));
        assert.equal(res.status, 400, `${JSON.stringify(b).slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`);
        assert.ok(Array.isArray(res.body.issues) && res.body.issues.length > 0, res.text);
        for (const i of res.body.issues) assert.ok(typeof i.path === 'string' && i.path.length > 0 && typeof i.message === 'string' && i.message.length > 0, JSON.stringify(i));
      }),
      { numRuns: 1000 },
    );
    assert.equal(await fingerprint(ctx.db), before);
  });

  it('more than 100 entries in one request are refused', async () => {
    const res = await request(server).post('/api/v1/followups').set('Authorization', `Bearer ${supervisor}`).send({ entries: Array.from({ length: 101 }, valid) });
    assert.equal(res.status, 400);
    assert.equal(res.body.issues[0].path, 'entries');
  });

  it('300 malformed query strings on the read endpoints: 400, never 5xx', async function () {
    this.timeout(60_000);
    const staff = await token(ctx.db, 'staff');
    const before = await fingerprint(ctx.db);
    const notDate = fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s));
    const query = fc.oneof(
      fc.record({ at: notDate }).map((q) => ['/api/v1/followups/due', q] as const),
      fc.record({ at: fc.constant('2027-02-29') }).map((q) => ['/api/v1/followups/report', q] as const),
      fc.record({ from: notDate }).map((q) => ['/api/v1/followups/report', q] as const),
      fc.tuple(unknownKey.filter((k) => !['at', 'unit', 'from', 'to'].includes(k)), fc.string({ maxLength: 5 })).map(([k, v]) => ['/api/v1/followups/due', { [k]: v }] as const),
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/^MUT-\d{4}-\d{6}$/.test(s) && !['due', 'report'].includes(s) && !/[/?#%\\]/.test(s) && s.trim() === s && s !== '.' && s !== '..')
        .map((s) => [`/api/v1/followups/${encodeURIComponent(s)}`, {}] as const),
    );
    await fc.assert(
      fc.asyncProperty(query, async ([path, q]) => {
        const res = await request(server).get(path).query(q).set('Authorization', `Bearer ${staff}`);
        assert.equal(res.status, 400, `${path} ${JSON.stringify(q)} → ${res.status} ${res.text.slice(0, 200)}`);
        assert.ok(res.body.issues.every((i: { path: string; message: string }) => i.path && i.message));
      }),
      { numRuns: 300 },
    );
    assert.equal(await fingerprint(ctx.db), before);
  });
});
