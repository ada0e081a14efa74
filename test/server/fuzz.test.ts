/**
 * Bad input: fast-check generates malformed push bodies (missing, mistyped, out-of-range and unknown
 * fields, random JSON) and malformed queries. Every one must be a 400 whose issues each name a path
 * and a reason; never a 5xx; and the database must be exactly as before.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../../sync-server/server/app';
import { PushBody } from '../../sync-server/server/schemas';
import { eachDatabase } from './support/databases';
import { agency, decision, loadAgency, token } from './support/fixtures';
import type { Db } from '../../sync-server/db/connect';

const TABLES = ['positions', 'employees', 'decisions', 'record_numbers', 'tokens', 'changes', 'audit', 'parameters'];

async function fingerprint(db: Db): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES) {
    const r = (await db.knex(t).count({ n: '*' }).first()) as { n: number | string };
    parts.push(`${t}=${Number(r.n)}`);
  }
  const s = await db.knex('sync_state').where({ id: 1 }).first();
  parts.push(`state=${s.version}/${s.floor}/${s.audit_seq}/${s.audit_hash}`);
  const emp = await db.knex('employees').select('nip', 'position_code', 'version').orderBy('nip');
  parts.push(JSON.stringify(emp));
  return parts.join(';');
}

const DECISION_KEYS = ['mutationId', 'proposalId', 'nip', 'fromPositionCode', 'toPositionCode', 'reason', 'effectiveDate', 'note', 'mendagriApproval', 'baseVersion'] as const;
const REQUIRED = DECISION_KEYS.filter((k) => k !== 'note' && k !== 'mendagriApproval');

/** Values that are wrong for the field in question (type, format, range). */
const wrongFor: Record<string, fc.Arbitrary<unknown>> = {
  mutationId: fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null), fc.constant('not-a-uuid')),
  proposalId: fc.oneof(fc.integer(), fc.constant(''), fc.constant(null), fc.boolean(), fc.string({ minLength: 65, maxLength: 80 })),
  nip: fc.oneof(fc.string({ maxLength: 30 }).filter((s) => !/^\d{18}$/.test(s)), fc.integer(), fc.constant(198503122010011000)),
  fromPositionCode: fc.oneof(fc.integer(), fc.constant(''), fc.constant('   '), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })),
  toPositionCode: fc.oneof(fc.integer(), fc.constant(''), fc.constant(null), fc.string({ minLength: 65, maxLength: 90 }).filter((s) => s.trim().length > 64)),
  reason: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('rotasi'), fc.integer(), fc.constant(null)),
  effectiveDate: fc.oneof(fc.constant('02/01/2027'), fc.constant('2027-02-30'), fc.constant('2027-13-01'), fc.integer(), fc.string({ maxLength: 12 })),
  note: fc.oneof(fc.integer(), fc.boolean(), fc.string({ minLength: 4001, maxLength: 4100 }), fc.object({ maxDepth: 1 })),
  mendagriApproval: fc.oneof(fc.integer(), fc.boolean(), fc.string({ minLength: 201, maxLength: 260 })),
  baseVersion: fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true, noNaN: true }), fc.string({ maxLength: 5 }), fc.constant(null)),
};

const unknownKey = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(DECISION_KEYS as readonly string[]).includes(k) && k !== '__proto__');

eachDatabase('malformed requests', (ctx) => {
  let server: Server;
  let approver: string;
  const a = agency({ people: 6, targets: 1, seats: 2 });

  before(async () => {
    await loadAgency(ctx.db, a);
    approver = await token(ctx.db, 'approver');
    server = createApp({ db: ctx.db, config: { logLevel: 'silent', pushRateLimit: { windowMs: 60_000, limit: 1_000_000 } } }).listen(0);
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const valid = () => decision(a.employees[0]!.nip, 'POOL-A', 'T-A-0', 1) as unknown as Record<string, unknown>;
  const body = (decisions: unknown, extra: Record<string, unknown> = {}) => ({ workbookId: '0b8e4c1d-2f3a-4b5c-8d6e-7f8091a2b3c4', decisions, ...extra });

  const malformedDecision: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    fc.constantFrom(...REQUIRED).map((k) => { const d = valid(); delete d[k]; return d; }),
    fc.tuple(unknownKey, fc.jsonValue()).map(([k, v]) => ({ ...valid(), [k]: v })),
    fc.constantFrom(...DECISION_KEYS).chain((k) => wrongFor[k]!.map((v) => ({ ...valid(), [k]: v }))),
  );
  const malformedBody: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.array(fc.constant(null), { maxLength: 3 }), malformedDecision).map(([pad, d]) => body([...pad.map(valid), d])) },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.tuple(unknownKey, fc.jsonValue()).map(([k, v]) => body([valid()], { [k === 'workbookId' || k === 'decisions' ? 'x' : k]: v })) },
    { weight: 1, arbitrary: fc.oneof(fc.constant([]), fc.string(), fc.integer()).map((d) => body(d)) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)).map((w) => ({ workbookId: w, decisions: [valid()] })) },
  ).filter((b) => !PushBody.safeParse(b).success);

  it('2,000 malformed push bodies: each a 400 naming path and reason, nothing written', async function () {
    this.timeout(120_000);
    const before = await fingerprint(ctx.db);
    await fc.assert(
      fc.asyncProperty(malformedBody, async (b) => {
        const res = await request(server).post('/api/v1/decisions').set('Authorization', `Bearer ${approver}`).set('Content-Type', 'application/json').send(JSON.stringify(b));
        assert.equal(res.status, 400, `${JSON.stringify(b).slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`);
        assert.ok(Array.isArray(res.body.issues) && res.body.issues.length > 0, res.text);
        for (const i of res.body.issues) {
          assert.equal(typeof i.path, 'string');
          assert.ok(i.path.length > 0 && typeof i.message === 'string' && i.message.length > 0, JSON.stringify(i));
        }
      }),
      { numRuns: 2000 },
    );
    assert.equal(await fingerprint(ctx.db), before);
  });

  it('an unknown field is refused by name, not ignored', async () => {
    const res = await request(server).post('/api/v1/decisions').set('Authorization', `Bearer ${approver}`).send(body([{ ...valid(), approvedBy: 'Bupati' }]));
    assert.equal(res.status, 400);
    assert.equal(res.body.issues[0].path, 'decisions.0');
    assert.match(res.body.issues[0].message, /approvedBy/);
  });

  it('a missing field names its path', async () => {
    const d = valid();
    delete d.baseVersion;
    const res = await request(server).post('/api/v1/decisions').set('Authorization', `Bearer ${approver}`).send(body([valid(), d]));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.issues.map((i: { path: string }) => i.path), ['decisions.1.baseVersion']);
  });

  it('more than 500 decisions in one request are refused', async () => {
    const res = await request(server).post('/api/v1/decisions').set('Authorization', `Bearer ${approver}`).send(body(Array.from({ length: 501 }, valid)));
    assert.equal(res.status, 400);
    assert.equal(res.body.issues[0].path, 'decisions');
  });

  it('500 malformed query strings on the read endpoints: 400, never 5xx', async function () {
    this.timeout(60_000);
    const staff = await token(ctx.db, 'staff');
    const before = await fingerprint(ctx.db);
    const query = fc.oneof(
      fc.record({ cursor: fc.oneof(fc.string({ maxLength: 6 }).filter((s) => !/^\d{1,15}$/.test(s)), fc.constant('-1'), fc.constant('1e3')) }).map((q) => ['/api/v1/changes', q] as const),
      fc.record({ limit: fc.oneof(fc.constant('0x10'), fc.constant('999999'), fc.constant('')) }).map((q) => ['/api/v1/changes', q] as const),
      fc.tuple(unknownKey, fc.string({ maxLength: 5 })).map(([k, v]) => ['/api/v1/positions', { [k]: v }] as const),
      fc.record({ from: fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)) }).map((q) => ['/api/v1/decisions', q] as const),
      fc.record({ format: fc.string({ maxLength: 6 }).filter((s) => !['html', 'csv', 'json'].includes(s)) }).map((q) => ['/pengumuman', q] as const),
    );
    await fc.assert(
      fc.asyncProperty(query, async ([path, q]) => {
        const res = await request(server).get(path).query(q).set('Authorization', `Bearer ${staff}`);
        assert.equal(res.status, 400, `${path} ${JSON.stringify(q)} → ${res.status} ${res.text.slice(0, 200)}`);
        assert.ok(res.body.issues.every((i: { path: string; message: string }) => i.path && i.message));
      }),
      { numRuns: 500 },
    );
    assert.equal(await fingerprint(ctx.db), before);
  });
});
