/**
 * Decision documents (issue 13): the per-year document number sequence, each numbered document (kind,
 * the decisions it is about, its number and its verification token), each issue of it (who, when, the
 * file's SHA-256), the office's own templates, and short-lived download links for the add-in.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  /** One row a year: the last number given. Advanced only inside the writer's transaction. */
  await knex.schema.createTable('document_numbers', (t) => {
    t.integer('year').primary();
    t.integer('last').notNullable();
  });

  await knex.schema.createTable('documents', (t) => {
    t.increments('id').primary();
    t.string('kind', 16).notNullable();
    /** kind + the record numbers it covers: the same document asked for again is this row again. */
    t.string('doc_key', 400).notNullable().unique();
    t.integer('year').notNullable();
    /** The number of the sequence; null for a petikan, which carries its SK's number. */
    t.integer('seq').nullable();
    t.string('number', 200).notNullable();
    /** The verification token (random, unguessable; /verifikasi/<token>). */
    t.string('token', 64).notNullable().unique();
    t.string('issued_on', 10).notNullable();
    /** The record numbers, as a JSON array. */
    t.text('record_nos').notNullable();
    /** For petikan, penjelasan and SPMT: the SK the decision is in. */
    t.integer('sk_id').nullable();
    t.string('created_at', 30).notNullable();
    t.string('actor', 200).notNullable();
    t.unique(['year', 'seq']);
  });

  await knex.schema.createTable('document_decisions', (t) => {
    t.integer('document_id').notNullable().index();
    t.string('record_no', 20).notNullable().index();
    t.primary(['document_id', 'record_no']);
  });

  await knex.schema.createTable('document_issues', (t) => {
    t.increments('id').primary();
    t.integer('document_id').notNullable().index();
    t.string('sha256', 64).notNullable().index();
    t.string('issued_at', 30).notNullable();
    t.string('actor', 200).notNullable();
  });

  await knex.schema.createTable('document_templates', (t) => {
    t.string('kind', 16).primary();
    t.binary('content').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('file_name', 255).notNullable();
    t.string('installed_at', 30).notNullable();
    t.string('actor', 200).notNullable();
  });

  await knex.schema.createTable('document_links', (t) => {
    t.string('id', 64).primary();
    t.text('request').notNullable();
    t.string('actor', 200).notNullable();
    t.string('expires_at', 30).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['document_links', 'document_templates', 'document_issues', 'document_decisions', 'documents', 'document_numbers']) {
    await knex.schema.dropTableIfExists(t);
  }
}
