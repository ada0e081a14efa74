/** Brings a database to the latest schema; safe to call at every start (and by several processes). */
import type { Db } from './connect';
import { migrationSource } from './migrations';

export async function migrateLatest(db: Db): Promise<void> {
  await db.knex.migrate.latest({ migrationSource, tableName: 'knex_migrations' });
}
