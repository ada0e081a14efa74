/**
 * db/writer.ts `withWriter`, with knex's transaction (the default) and without it on SQLite
 * (`builder: false`, the push path): the same behaviour either way — written and committed, nothing
 * written → nothing committed, a callback that throws → nothing kept, a COMMIT that fails → CommitFailed
 * and nothing kept — and the connection is never left inside a transaction (the next writer works).
 */
import assert from 'node:assert/strict';
import { CommitFailed, withWriter } from '../../sync-server/db/writer';
import { eachDatabase } from './support/databases';

eachDatabase('withWriter: with and without a query builder', (ctx) => {
  const count = async () => Number(((await ctx.db.knex('changes').count({ n: '*' })) as { n: number | string }[])[0]!.n);
  const version = async () => Number(((await ctx.db.knex('sync_state').where({ id: 1 }).first()) as { version: number }).version);

  for (const builder of [true, false]) {
    describe(builder ? 'knex transaction' : 'builder: false', () => {
      it('writes and commits; the counters advance with the writes', async () => {
        const [n0, v0] = [await count(), await version()];
        const first = await withWriter(ctx.db, async (w) => w.changes([{ kind: 'employee', key: `w-${builder}-1` }, { kind: 'employee', key: `w-${builder}-2` }]), { builder });
        assert.equal(first, v0 + 1);
        assert.equal(await count(), n0 + 2);
        assert.equal(await version(), v0 + 2);
      });

      it('nothing written: rolled back, nothing changes; a throwing callback keeps nothing', async () => {
        const [n0, v0] = [await count(), await version()];
        assert.equal(await withWriter(ctx.db, async (w) => w.version(), { builder }), v0);
        await assert.rejects(
          withWriter(ctx.db, async (w) => {
            await w.changes([{ kind: 'employee', key: `w-${builder}-x` }]);
            throw new Error('batal');
          }, { builder }),
          /batal/,
        );
        assert.equal(await count(), n0);
        assert.equal(await version(), v0);
        // The connection is usable: the next writer commits.
        await withWriter(ctx.db, async (w) => w.changes([{ kind: 'employee', key: `w-${builder}-3` }]), { builder });
        assert.equal(await count(), n0 + 1);
      });

      it('a COMMIT that fails (a deferred constraint): CommitFailed, nothing kept, the next writer works', async () => {
        const table = `deferred_${builder ? 'k' : 'b'}`;
        await ctx.db.knex.raw(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, ref INTEGER REFERENCES ${table}(id) DEFERRABLE INITIALLY DEFERRED)`);
        const [n0, v0] = [await count(), await version()];
        await assert.rejects(
          withWriter(ctx.db, async (w) => {
            await w.changes([{ kind: 'employee', key: `w-${builder}-deferred` }]);
            await w.sql(`INSERT INTO ${table} (id, ref) VALUES (1, 99)`);
          }, { builder }),
          (e: unknown) => e instanceof CommitFailed && /foreign key/i.test(String((e as Error).message)),
        );
        assert.equal(await count(), n0);
        assert.equal(await version(), v0);
        assert.equal(Number(((await ctx.db.knex(table).count({ n: '*' })) as { n: number | string }[])[0]!.n), 0);
        await withWriter(ctx.db, async (w) => w.changes([{ kind: 'employee', key: `w-${builder}-after` }]), { builder });
        assert.equal(await count(), n0 + 1);
      });
    });
  }

  it('builder: false on SQLite gives no query builder (w.trx throws); on PostgreSQL the writer is knex’s as always', async () => {
    const got = await withWriter(ctx.db, async (w) => {
      try {
        return typeof w.trx;
      } catch (e) {
        return (e as Error).message;
      }
    }, { builder: false });
    if (ctx.dialect === 'sqlite') assert.match(got, /without a query builder/);
    else assert.equal(got, 'function');
  });
});
