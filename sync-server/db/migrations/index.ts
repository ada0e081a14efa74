/**
 * Migrations as TypeScript modules imported here and handed to knex through a migration source,
 * so they run the same under tsx, in tests and in a bundled build (no directory scanning, no
 * knexfile). Append new migrations to the list; never edit one that has shipped.
 */
import type { Knex } from 'knex';
import * as m0001 from './0001_official_record';
import * as m0002 from './0002_record_integrity';
import * as m0003 from './0003_audit_state';
import * as m0004 from './0004_documents';
import * as m0005 from './0005_followups';
import * as m0006 from './0006_siasn';
import * as m0007 from './0007_decision_explanation';

const MIGRATIONS: Record<string, Knex.Migration> = {
  '0001_official_record': m0001,
  '0002_record_integrity': m0002,
  '0003_audit_state': m0003,
  '0004_documents': m0004,
  '0005_followups': m0005,
  '0006_siasn': m0006,
  '0007_decision_explanation': m0007,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS),
  getMigrationName: (name) => name,
  getMigration: async (name) => MIGRATIONS[name]!,
};
