/**
 * The push path's read of the official record on SQLite as one statement (db/push-sql.ts
 * `readOfficialSqlite`) gives exactly what the seven statements give (`readOfficialEach`): for a group
 * mixing known and unknown NIPs, targets, recorded and new mutation ids, several record-number years,
 * tokens; and it follows the schema: a column added after the statement was built is read, a column
 * dropped does not break it.
 */
import assert from 'node:assert/strict';
import { openDatabase, type Db } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { readOfficialEach, readOfficialSqlite } from '../../sync-server/db/push-sql';
import { withWriter } from '../../sync-server/db/writer';
import { authenticate } from '../../sync-server/db/tokens';
import { pushDecisions } from '../../sync-server/server/push/group-commit';
import { freshDatabase, type FreshDatabase } from './support/databases';
import { agency, decision, loadAgency, token } from './support/fixtures';

describe('official read on SQLite: one statement = seven', () => {
  let fresh: FreshDatabase;
  let db: Db;
  const a = agency({ people: 12, targets: 3, seats: 2 });
  let mutationIds: string[] = [];
  let tokenIds: number[] = [];

  before(async function () {
    this.timeout(30_000);
    fresh = await freshDatabase('sqlite');
    db = openDatabase(fresh.url);
    await migrateLatest(db);
    await loadAgency(db, a);
    const t = (await authenticate(db, await token(db, 'approver')))!;
    const other = (await authenticate(db, await token(db, 'approver', 'Unit A', 'approver-a')))!;
    tokenIds = [t.id, other.id, 999];
    const version = async (nip: string) => Number((await db.knex('employees').where({ nip }).first()).version);
    const ds = [];
    for (const i of [0, 1, 2, 3]) ds.push(decision(a.employees[i]!.nip, a.employees[i]!.positionCode, `T-${i % 2 ? 'B' : 'A'}-${i % 3}`, await version(a.employees[i]!.nip)));
    // Two years of record numbers, and one move recorded twice under other TMTs for the same person.
    const results = await pushDecisions(db, ds, { workbookId: 'wb', token: t, recheckToken: true, now: () => new Date('2026-12-30T00:00:00Z') });
    assert.ok(results.every((r) => r.status === 'recorded'), JSON.stringify(results));
    const next = decision(a.employees[4]!.nip, a.employees[4]!.positionCode, 'T-A-2', await version(a.employees[4]!.nip));
    const [r2] = await pushDecisions(db, [next], { workbookId: 'wb', token: t, now: () => new Date('2027-01-03T00:00:00Z') });
    assert.equal(r2!.status, 'recorded');
    mutationIds = [...ds.map((d) => d.mutationId), next.mutationId, 'tidak-ada'];
  });
  after(async () => {
    await db.close();
    await fresh.drop();
  });

  const refs = () => ({
    nips: [...a.employees.slice(0, 6).map((e) => e.nip), '199901012020011001', a.employees[0]!.nip],
    codes: ['T-A-0', 'T-B-1', 'T-A-2', 'TIDAK-ADA'],
    mutationIds,
    tokenIds,
  });

  it('the same view for a mixed group, and for an empty one', async () => {
    await withWriter(db, async (w) => {
      for (const r of [refs(), { nips: [], codes: [], mutationIds: [], tokenIds: [] }]) {
        const one = await readOfficialSqlite(w, r);
        const seven = await readOfficialEach(w, r);
        assert.deepEqual(one, seven);
      }
      const one = await readOfficialSqlite(w, refs());
      assert.equal(one.employees.size, 6);
      assert.equal(one.recorded.size, 5);
      assert.deepEqual([...one.lastRecordNo.keys()].sort(), [2026, 2027]);
      assert.equal(one.tokens.size, 2);
      assert.ok(one.positions.get('T-A-0')!.holders >= 1);
    }, { builder: false });
  });

  it('follows the schema on the same connection: a column added is read, a column dropped is no longer asked for', async () => {
    await withWriter(db, async (w) => readOfficialSqlite(w, refs()), { builder: false }); // the text is built and kept
    await db.knex.raw("ALTER TABLE employees ADD COLUMN catatan_uji TEXT DEFAULT 'ada'");
    const text = (w: { memo: Map<string, unknown> }) => (w.memo.get('push-sql:official-read') as { text: string }).text;
    await withWriter(db, async (w) => {
      const one = await readOfficialSqlite(w, refs());
      assert.deepEqual(one, await readOfficialEach(w, refs()));
      assert.match(text(w), /catatan_uji/, 'the statement was built again with the new column');
    }, { builder: false });
    await db.knex.raw('ALTER TABLE employees DROP COLUMN catatan_uji');
    await withWriter(db, async (w) => {
      assert.deepEqual(await readOfficialSqlite(w, refs()), await readOfficialEach(w, refs()));
      assert.doesNotMatch(text(w), /catatan_uji/);
    }, { builder: false });
  });
});
