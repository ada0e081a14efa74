/**
 * The two per-request pieces the push route's speed work replaced (docs/server.md "Kinerja"):
 *  - the security headers are helmet's, taken once (security.ts `fixedHeaders`): every response of the
 *    server carries exactly the headers a helmet middleware with the same configuration sets, over
 *    plain http and behind a TLS proxy;
 *  - the push rate limit (rate-limit.ts) answers like express-rate-limit 8 with `standardHeaders:
 *    'draft-8'` did: the same counts, windows and headers, request for request, checked against the
 *    library itself on the same sequence with the same clock.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import express from 'express';
import { rateLimit as libraryRateLimit } from 'express-rate-limit';
import request from 'supertest';
import { createApp } from '../../sync-server/server/app';
import { partitionKey, policyName, rateLimit } from '../../sync-server/server/rate-limit';
import { fixedHeaders, helmetFor } from '../../sync-server/server/security';
import { eachDatabase } from './support/databases';
import { agency, loadAgency, token } from './support/fixtures';

const HELMET_HEADERS = [
  'content-security-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'origin-agent-cluster',
  'referrer-policy', 'strict-transport-security', 'x-content-type-options', 'x-dns-prefetch-control',
  'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection', 'x-frame-options',
  'cross-origin-embedder-policy', 'x-powered-by',
];

/** The helmet-made headers of a response, by lower-case name (absent ones omitted). */
function helmetPart(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(HELMET_HEADERS.filter((h) => headers[h] !== undefined).map((h) => [h, headers[h]]));
}

describe('security headers: helmet taken once', () => {
  for (const secure of [false, true]) {
    it(`fixedHeaders gives what helmet sets per request (${secure ? 'HTTPS' : 'plain http'}), with and without trusted origins`, async () => {
      for (const origins of [[], ['https://addin.pemda.go.id', 'https://lain.pemda.go.id']]) {
        const live = express();
        live.set('trust proxy', true);
        live.use((req, res, next) => (req.secure === secure ? helmetFor(secure, origins)(req, res, next) : next(new Error('secure'))));
        live.get('/x', (_req, res) => res.send('ok'));
        const fixed = express();
        fixed.use((_req, res, next) => {
          for (const [n, v] of fixedHeaders(helmetFor(secure, origins))) res.setHeader(n, v);
          next();
        });
        fixed.disable('x-powered-by');
        fixed.get('/x', (_req, res) => res.send('ok'));
        const get = (app: express.Express) => request(app).get('/x').set('X-Forwarded-Proto', secure ? 'https' : 'http');
        const a = helmetPart((await get(live)).headers);
        const b = helmetPart((await get(fixed)).headers);
        assert.ok(Object.keys(a).length >= 10, `helmet set ${Object.keys(a).length} headers`);
        assert.deepEqual(b, a);
        assert.equal(/upgrade-insecure-requests/.test(String(a['content-security-policy'])), secure);
        for (const o of origins) assert.ok(String(a['content-security-policy']).includes(o));
      }
    });
  }

  it('fixedHeaders refuses a middleware that does not finish at once (its headers could depend on the request)', () => {
    assert.throws(() => fixedHeaders(() => undefined), /synchronously/);
  });
});

eachDatabase('security headers and rate limit on the server', (ctx) => {
  const a = agency({ people: 4, targets: 1, seats: 1 });
  let approver: string;
  before(async function () {
    this.timeout(30_000);
    await loadAgency(ctx.db, a);
    approver = await token(ctx.db, 'approver');
  });

  it('every answer of the server carries exactly helmet’s headers: a push, a read, a 404, over http and through a TLS proxy', async () => {
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent', trustProxy: ['loopback'], addinOrigins: ['https://addin.pemda.go.id'] } });
    for (const secure of [false, true]) {
      const expected = helmetPart(Object.fromEntries(fixedHeaders(helmetFor(secure, ['https://addin.pemda.go.id'])).map(([n, v]) => [n.toLowerCase(), v])));
      const proto = secure ? 'https' : 'http';
      const answers = [
        await request(app).post('/api/v1/decisions').set('X-Forwarded-Proto', proto).set('Authorization', `Bearer ${approver}`).send({ workbookId: 'x', decisions: [] }),
        await request(app).get('/api/v1/health').set('X-Forwarded-Proto', proto),
        await request(app).get('/tidak-ada').set('X-Forwarded-Proto', proto),
      ];
      for (const res of answers) assert.deepEqual(helmetPart(res.headers), expected, `${res.status} ${proto}`);
    }
  });

  it('the push answers carry the draft-8 RateLimit headers; past the limit 429 with Retry-After', async () => {
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent', pushRateLimit: { windowMs: 60_000, limit: 2 } } });
    const id = (await ctx.db.knex('tokens').where({ hash: createHash('sha256').update(approver).digest('hex') }).first()).id as number;
    const pk = Buffer.from(createHash('sha256').update(`token:${id}`).digest('hex').slice(0, 12)).toString('base64');
    const push = () => request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${approver}`).send({ workbookId: 'x', decisions: [] });
    const answers = [await push(), await push(), await push()];
    assert.deepEqual(answers.map((r) => r.status), [400, 400, 429]);
    answers.forEach((r, i) => {
      assert.match(String(r.headers['ratelimit']), new RegExp(`^"2-in-1min"; r=${Math.max(1 - i, 0)}; t=(60|59)$`));
      assert.equal(r.headers['ratelimit-policy'], `"2-in-1min"; q=2; w=60; pk=:${pk}:`);
    });
    assert.equal(answers[2]!.headers['retry-after'], '60');
    assert.match(answers[2]!.body.error, /Terlalu banyak pengiriman/);
  });
});

describe('rate limit: the same answers as express-rate-limit 8 (draft-8)', () => {
  it('policy names and partition keys as the library writes them', () => {
    assert.equal(policyName(600, 60_000), '600-in-1min');
    assert.equal(policyName(10, 30_000), '10-in-30sec');
    assert.equal(policyName(5, 90 * 60_000), '5-in-1.5hrs');
    assert.equal(policyName(5, 2 * 3_600_000), '5-in-2hrs');
    assert.equal(policyName(5, 3_600_000), '5-in-1hr');
    assert.equal(policyName(5, 86_400_000), '5-in-1day');
    assert.equal(policyName(5, 3 * 86_400_000), '5-in-3days');
    assert.equal(partitionKey('token:7'), Buffer.from(createHash('sha256').update('token:7').digest('hex').slice(0, 12)).toString('base64'));
  });

  it('request for request — two keys, windows that end and start again — status and headers equal the library’s', async () => {
    // One clock for both: Date.now is what express-rate-limit reads, so it is replaced for the test.
    const realNow = Date.now;
    let clock = 1_700_000_000_000;
    Date.now = () => clock;
    try {
      for (const [limit, windowMs] of [[3, 60_000], [1, 1_500], [5, 7_200_000]] as const) {
        const make = (mw: express.RequestHandler) => {
          const app = express();
          app.use((req, res, next) => {
            res.locals.key = String(req.headers['x-key']);
            next();
          });
          app.use(mw);
          app.get('/', (_req, res) => res.send('ok'));
          return app;
        };
        const limited = (_req: express.Request, res: express.Response) => {
          res.setHeader('Retry-After', String(Math.ceil(windowMs / 1000)));
          res.status(429).json({ error: 'Terlalu banyak' });
        };
        const ours = make(rateLimit({ windowMs, limit, key: (_req, res) => `token:${res.locals.key}`, limited, now: () => clock }));
        const theirs = make(libraryRateLimit({ windowMs, limit, standardHeaders: 'draft-8', legacyHeaders: false, keyGenerator: (_req, res) => `token:${res.locals.key}`, handler: limited }));
        // Steps through two windows and a bit, for keys A and B interleaved, at uneven times.
        const steps: [string, number][] = [];
        for (let i = 0; i < 4 * (limit + 1); i++) steps.push([i % 3 === 0 ? 'B' : 'A', Math.floor(windowMs / (2 * limit + 1)) + (i % 2) * 7]);
        for (const [key, dt] of steps) {
          clock += dt;
          const x = await request(ours).get('/').set('x-key', key);
          const y = await request(theirs).get('/').set('x-key', key);
          const pick = (r: request.Response) => ({ status: r.status, rateLimit: r.headers['ratelimit'], policy: r.headers['ratelimit-policy'], retryAfter: r.headers['retry-after'] });
          assert.deepEqual(pick(x), pick(y), `limit ${limit}, window ${windowMs} ms, key ${key} at +${clock - 1_700_000_000_000} ms`);
        }
      }
    } finally {
      Date.now = realNow;
    }
  });

  it('windows that ended are forgotten (a long-running server does not keep every token it ever saw)', async () => {
    let clock = 0;
    const mw = rateLimit({ windowMs: 1_000, limit: 1, key: (req) => String(req.headers['x-key']), limited: (_q, res) => void res.status(429).end(), now: () => clock });
    const app = express().use(mw).get('/', (_req, res) => res.send('ok'));
    for (let i = 0; i < 50; i++) assert.equal((await request(app).get('/').set('x-key', `k${i}`)).status, 200);
    assert.equal((await request(app).get('/').set('x-key', 'k0')).status, 429);
    assert.equal(mw.tracked(), 50);
    clock = 1_001;
    // After the window: k0 starts afresh, and the other 49 windows are swept.
    assert.equal((await request(app).get('/').set('x-key', 'k0')).status, 200);
    assert.equal(mw.tracked(), 1);
    assert.equal((await request(app).get('/').set('x-key', 'k0')).status, 429);
  });
});
