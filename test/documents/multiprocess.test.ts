/**
 * Document numbers from two real server processes on one PostgreSQL: 20 requests at once, half to each
 * process, each for a new numbered document — every number once, consecutive, none skipped; each issue
 * in the audit chain, which still verifies. The lock is the database's (the writer's row lock), not a
 * process's memory.
 */
import assert from 'node:assert/strict';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import { openDatabase, type Db } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { createToken } from '../../sync-server/db/tokens';
import { startServerChild, type ServerChild } from '../server/support/child';
import { freshDatabase, type FreshDatabase } from '../server/support/databases';
import { seedDecisions, type DocumentsAgency } from '../server/support/documents';

describe('document numbers from two server processes on one PostgreSQL', function () {
  let fresh: FreshDatabase;
  let db: Db;
  let servers: ServerChild[] = [];
  let a: DocumentsAgency;
  let approver: string;

  before(async function () {
    this.timeout(180_000);
    fresh = await freshDatabase('postgres');
    db = openDatabase(fresh.url);
    await migrateLatest(db);
    a = await seedDecisions(db, 24);
    approver = (await createToken(db, { name: 'Kepala BKPSDM', role: 'approver' }, 'test')).token;
    servers = await Promise.all([startServerChild(fresh.url), startServerChild(fresh.url)]);
  });
  after(async function () {
    this.timeout(30_000);
    for (const s of servers) s.proc.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await db?.close();
    await fresh?.drop();
  });

  it('20 concurrent requests through both processes: unique, consecutive numbers; audit holds', async function () {
    this.timeout(300_000);
    // One SK for all first, so every request below takes exactly one new number (its letter).
    const sk = await fetch(`${servers[0]!.url}/api/v1/documents`, {
      method: 'POST', headers: { Authorization: `Bearer ${approver}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kinds: ['sk'], recordNos: a.decisions.map((d) => d.recordNo) }),
    });
    assert.equal(sk.status, 200);
    const twenty = a.decisions.slice(0, 20);
    const answers = await Promise.all(
      twenty.map(async (d, i) => {
        const res = await fetch(`${servers[i % 2]!.url}/api/v1/documents`, {
          method: 'POST', headers: { Authorization: `Bearer ${approver}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ kinds: ['penjelasan'], recordNos: [d.recordNo] }),
        });
        assert.equal(res.status, 200, await res.clone().text());
        await res.arrayBuffer();
        return res.headers.get('x-document-sha256');
      }),
    );
    assert.equal(new Set(answers).size, 20);
    const rows = (await db.knex('documents').where('kind', 'penjelasan').select('seq', 'number').orderBy('seq')) as { seq: number; number: string }[];
    assert.deepEqual(rows.map((r) => Number(r.seq)), Array.from({ length: 20 }, (_, i) => i + 2), 'numbers 2…21 (1 is the SK), each once');
    assert.equal(new Set(rows.map((r) => r.number)).size, 20);
    const issued = await db.knex('audit').where('action', 'document.issue').count({ n: '*' }).first();
    assert.equal(Number((issued as { n: string }).n), 21);
    assert.ok((await verifyAudit(db)).ok);
  });
});
