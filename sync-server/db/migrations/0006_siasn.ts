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
}

export async function down(knex: Knex): Promise<void> {
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
