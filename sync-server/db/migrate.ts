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
      if ((e as { name?: string }).name === 'MigrationLocked') await repairLockRows(db);
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
    }
  }
}

/**
 * Two processes that create knex's lock table at the same moment may each insert its one row. With two
 * rows nobody can ever take the lock (knex wants exactly one row updated, and rolls back otherwise), so
 * nobody holds it then, and the extra rows can go. With one row this deletes nothing.
 */
async function repairLockRows(db: Db): Promise<void> {
  await db.knex
    .raw('DELETE FROM knex_migrations_lock WHERE is_locked = 0 AND "index" > (SELECT MIN("index") FROM knex_migrations_lock)')
    .catch(() => undefined); // no lock table yet: nothing to repair
}

/** Another process migrating at the same moment (not a broken migration). */
function isRace(e: unknown): boolean {
  const err = e as { name?: string; code?: string };
  // MigrationLocked: the lock row is taken. 42P07 / 42710 / 23505: both created knex_migrations* (the
  // table, or its row type) at once.
  // A lock that could not be taken because the database cannot be written (a read-only file or user)
  // is no race: waiting would not help.
  if (err?.name === 'MigrationLocked') return !/READONLY|readonly|read-only|permission denied/i.test((e as Error).message ?? '');
  return ['42P07', '42710', '23505', 'SQLITE_BUSY'].includes(err?.code ?? '');
}
