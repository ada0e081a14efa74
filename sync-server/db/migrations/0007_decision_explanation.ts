/**
 * The proposer's explanation of a decision (the Usulan row's Hasil Pemeriksaan as `propose` wrote it),
 * carried by the push and kept for the Surat Penjelasan Mutasi (docs/documents.md). Nullable: a decision
 * recorded before, or without one, has none, and its record (and the audit chain's digest of it) reads
 * exactly as before.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => {
    t.text('explanation').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => {
    t.dropColumn('explanation');
  });
}
