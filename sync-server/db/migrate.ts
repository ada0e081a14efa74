/**
 * Brings a database to the latest schema; safe to call at every start, and by several processes at
 * once on one PostgreSQL: knex takes a migration lock, and a process that finds it taken (or loses the
 * race to create knex's own bookkeeping tables) waits and tries again — by then the other has done the
 * work and there is nothing left to run.
 */
import type { Db } from './connect';
import { migrationSource } from './migrations';

const RETRY_FOR_MS = 60_000;

export async function migrateLatest(db: Db): Promise<void> {
  const until = Date.now() + RETRY_FOR_MS;
  for (;;) {
    try {
      await db.knex.migrate.latest({ migrationSource, tableName: 'knex_migrations' });
      return;
    } catch (e) {
      if (!isRace(e) || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
    }
  }
}

/** Another process migrating at the same moment (not a broken migration). */
function isRace(e: unknown): boolean {
  const err = e as { name?: string; code?: string };
  // MigrationLocked: the lock row is taken. 42P07 / 23505: both created knex_migrations* at once.
  return err?.name === 'MigrationLocked' || err?.code === '42P07' || err?.code === '23505' || err?.code === 'SQLITE_BUSY';
}
