/**
 * SIASN reference ids (docs/siasn.md): nullable columns, so a record imported before keeps reading the
 * same (records show an id only when it is known, and the audit chain's digests of older rows stay as
 * they were).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('employees', (t) => {
    t.string('siasn_pns_id', 64).nullable();
  });
  await knex.schema.alterTable('positions', (t) => {
    t.string('siasn_unor_id', 64).nullable();
    t.string('siasn_jf_id', 64).nullable();
    t.string('siasn_jfu_id', 64).nullable();
    t.string('siasn_eselon_id', 64).nullable();
  });
  /**
   * One row per decision the server tried to send to SIASN (sync-server/siasn/push.ts): `sent`,
   * `refused` (SIASN's message), `retrying` (a transient failure; tried again from `next_at`), `failed`
   * (transient failures past the limit). A decision without a row has not been tried.
   */
  await knex.schema.createTable('siasn_pushes', (t) => {
    t.string('record_no', 20).primary();
    t.string('state', 16).notNullable().index();
    t.integer('attempts').notNullable();
    t.text('message').notNullable();
    /** SIASN's id of the riwayat jabatan it created (rwJabatanId), when sent. */
    t.string('siasn_id', 64).nullable();
    /** The payload sent, as JSON (what SIASN was given). */
    t.text('payload').notNullable();
    t.string('next_at', 30).nullable();
    t.string('updated_at', 30).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('siasn_pushes');
  await knex.schema.alterTable('positions', (t) => {
    t.dropColumn('siasn_eselon_id');
    t.dropColumn('siasn_jfu_id');
    t.dropColumn('siasn_jf_id');
    t.dropColumn('siasn_unor_id');
  });
  await knex.schema.alterTable('employees', (t) => {
    t.dropColumn('siasn_pns_id');
  });
}
