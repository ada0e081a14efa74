/**
 * After the move (SYNC-API.md "After the move (follow-up)"): one follow-up per recorded decision that
 * has been written to (SPMT, reviews), and the mutation ids of the follow-up writes with the result
 * each got, so a retry gets the original result and a reused id with other content is refused.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('followups', (t) => {
    t.string('record_no', 20).primary().references('record_no').inTable('decisions');
    t.string('nip', 18).notNullable().index();
    /** The receiving position and its unit, as the decision recorded them (the unit that writes it). */
    t.string('to_code', 64).notNullable();
    t.string('unit', 200).notNullable().index();
    t.string('effective_date', 10).notNullable();
    t.string('spmt_date', 10).nullable();
    t.text('spmt_note').notNullable();
    /** Review[] as JSON (shared/followup/types.ts). */
    t.text('reviews').notNullable();
    /** [SKP Tahun Lalu, SKP Dua Tahun Lalu] when first written, as JSON. */
    t.text('skp_before').notNullable();
    t.integer('version').notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('updated_by', 200).notNullable();
  });

  await knex.schema.createTable('followup_mutations', (t) => {
    t.string('mutation_id', 64).primary();
    t.string('record_no', 20).notNullable().index();
    /** SHA-256 of the entry as sent (canonical JSON): the same id with other content is refused. */
    t.string('fingerprint', 64).notNullable();
    /** The result the first write got, as JSON, given again to a retry. */
    t.text('result').notNullable();
    t.string('recorded_at', 30).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('followup_mutations');
  await knex.schema.dropTableIfExists('followups');
}
