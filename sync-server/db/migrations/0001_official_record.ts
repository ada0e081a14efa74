/**
 * The official record: positions, employees (each with the version of its last change), recorded
 * decisions, API tokens (hash only), the change log and its version counter, the audit chain and the
 * agency's rule parameters. Written once for SQLite and PostgreSQL alike.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('positions', (t) => {
    t.string('code', 64).primary();
    t.text('name').notNullable();
    t.string('unit', 200).notNullable().index();
    t.integer('needed').notNullable();
    /** Type, level, class, requirements and competency standards, as JSON (see db/records.ts). */
    t.text('profile').notNullable();
    t.integer('version').notNullable();
  });

  await knex.schema.createTable('employees', (t) => {
    t.string('nip', 18).primary();
    t.text('name').notNullable();
    t.string('position_code', 64).notNullable().references('code').inTable('positions').index();
    /** ISO yyyy-mm-dd; text sorts like a date on both databases. */
    t.string('position_start', 10).nullable();
    t.text('profile').notNullable();
    t.integer('version').notNullable();
  });

  await knex.schema.createTable('decisions', (t) => {
    t.string('record_no', 20).primary();
    t.string('mutation_id', 64).notNullable().unique();
    t.string('workbook_id', 64).notNullable();
    t.string('proposal_id', 64).notNullable();
    t.string('nip', 18).notNullable().references('nip').inTable('employees').index();
    t.string('from_code', 64).notNullable();
    t.string('to_code', 64).notNullable().references('code').inTable('positions').index();
    t.string('reason', 40).notNullable();
    t.string('effective_date', 10).notNullable().index();
    t.text('note').notNullable();
    t.text('mendagri_approval').nullable();
    t.string('approver', 200).notNullable();
    t.integer('token_id').notNullable();
    t.string('recorded_at', 30).notNullable();
    /** The warnings accepted with the decision (Finding[] as JSON). */
    t.text('findings').notNullable();
    t.integer('employee_version').notNullable();
    t.integer('version').notNullable();
  });

  await knex.schema.createTable('record_numbers', (t) => {
    t.integer('year').primary();
    t.integer('last').notNullable();
  });

  await knex.schema.createTable('tokens', (t) => {
    t.increments('id').primary();
    t.string('name', 200).notNullable();
    t.string('role', 20).notNullable();
    t.string('unit', 200).nullable();
    t.string('hash', 64).notNullable().unique();
    t.string('created_at', 30).notNullable();
    t.string('revoked_at', 30).nullable();
  });

  await knex.schema.createTable('changes', (t) => {
    t.integer('version').primary();
    t.string('kind', 16).notNullable();
    t.string('key', 64).notNullable();
  });

  /** One row (id = 1): the version counter, the oldest cursor still served, the audit head. */
  await knex.schema.createTable('sync_state', (t) => {
    t.integer('id').primary();
    t.integer('version').notNullable();
    t.integer('floor').notNullable();
    t.integer('audit_seq').notNullable();
    t.string('audit_hash', 64).notNullable();
  });
  await knex('sync_state').insert({ id: 1, version: 0, floor: 0, audit_seq: 0, audit_hash: '0'.repeat(64) });

  await knex.schema.createTable('audit', (t) => {
    t.integer('seq').primary();
    t.string('at', 30).notNullable();
    t.string('actor', 200).notNullable();
    t.string('action', 40).notNullable();
    t.text('payload').notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
  });

  await knex.schema.createTable('parameters', (t) => {
    t.string('key', 64).primary();
    t.text('value').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['parameters', 'audit', 'sync_state', 'changes', 'tokens', 'record_numbers', 'decisions', 'employees', 'positions']) {
    await knex.schema.dropTableIfExists(t);
  }
}
