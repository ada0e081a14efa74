/**
 * The server suite runs on both databases. SQLite: a file in a fresh temp folder. PostgreSQL: a new
 * database per suite on MUTASI_PG_URL (default postgres://postgres@127.0.0.1:5432/test), dropped at
 * the end, so parallel runs never share state. An unreachable PostgreSQL fails the suite: no skip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { knex } from 'knex';
import { openDatabase, type Db, type Dialect } from '../../../sync-server/db/connect';
import { migrateLatest } from '../../../sync-server/db/migrate';

export const PG_URL = process.env.MUTASI_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function freshDatabase(dialect: Dialect): Promise<FreshDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-test-'));
    return { url: path.join(dir, 'mutasi.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `mutasi_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: PG_URL, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } catch (e) {
    await admin.destroy();
    throw new Error(`PostgreSQL tidak dapat dipakai di ${PG_URL}: ${(e as Error).message}`);
  }
  await admin.destroy();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = knex({ client: 'pg', connection: PG_URL, pool: { min: 0, max: 1 } });
      try {
        await a.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.destroy();
      }
    },
  };
}

export interface TestDb {
  db: Db;
  url: string;
  dialect: Dialect;
}

/**
 * `describe` once per database, with a migrated database ready in `ctx.db` for the block's tests.
 * The database lives for the whole block; tests that need a clean one call `reset()`.
 */
export function eachDatabase(title: string, body: (ctx: TestDb & { reset(): Promise<void> }) => void): void {
  for (const dialect of DIALECTS) {
    describe(`${title} [${dialect}]`, function () {
      const ctx = { dialect } as TestDb & { reset(): Promise<void> };
      let fresh: FreshDatabase;
      ctx.reset = async () => {
        if (ctx.db) await ctx.db.close();
        if (fresh) await fresh.drop();
        fresh = await freshDatabase(dialect);
        ctx.url = fresh.url;
        ctx.db = openDatabase(fresh.url);
        await migrateLatest(ctx.db);
      };
      before(async function () {
        this.timeout(60_000);
        await ctx.reset();
      });
      after(async () => {
        await ctx.db?.close();
        await fresh?.drop();
      });
      body(ctx);
    });
  }
}
