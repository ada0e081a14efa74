/**
 * The record-number guard (db/numbering.ts): one row saying whether record numbers may be given, why
 * not, and — on PostgreSQL — which database numbers were last given in (its cluster's system
 * identifier and the database's oid), so a dump restored into another database holds numbering until
 * the administrator says where to continue (`mutasi nomor lanjut`).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('record_guard', (t) => {
    t.integer('id').primary();
    /** 1: no record number may be given (a restored copy); 0: numbering goes on. */
    t.integer('held').notNullable();
    t.text('reason').nullable();
    /** PostgreSQL: `<system identifier>:<database oid>` where numbers were last given; SQLite: null. */
    t.string('identity', 100).nullable();
  });
  const identity = knex.client.config.client === 'pg' ? await currentIdentity(knex) : null;
  await knex('record_guard').insert({ id: 1, held: 0, reason: null, identity });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('record_guard');
}

async function currentIdentity(knex: Knex): Promise<string | null> {
  const r = await knex.raw(
    `SELECT s.system_identifier::text || ':' || d.oid::text AS here FROM pg_control_system() s, pg_database d WHERE d.datname = current_database()`,
  );
  return (r.rows?.[0]?.here as string | undefined) ?? null;
}
