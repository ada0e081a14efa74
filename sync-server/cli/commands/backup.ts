/**
 * `mutasi backup <file>` — a consistent copy while the server runs. SQLite: VACUUM INTO writes a
 * snapshot of one read transaction (writers carry on in WAL). PostgreSQL has its own tool for this.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { isPostgresUrl, openDatabase } from '../../db/connect';
import { databaseUrl } from '../../server/env';
import { UserError } from '../user-error';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('salinan konsisten basis data selagi server berjalan')
    .argument('<file>', 'berkas salinan (SQLite)')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .action(async (file: string, o: { db?: string }) => {
      const target = path.resolve(file);
      if (existsSync(target)) throw new UserError(`${file} sudah ada; pilih nama lain (salinan tidak menimpa berkas)`);
      const url = databaseUrl(o.db);
      if (!isPostgresUrl(url) && !existsSync(url)) throw new UserError(`tidak ada basis data di ${path.resolve(url)}`);
      // Opened as it is (no migration): a backup copies, it never changes what it copies.
      const db = openDatabase(url);
      try {
        if (db.dialect === 'postgres') {
          throw new UserError(
            `basis data ini PostgreSQL (${db.location}): cadangkan dengan alat PostgreSQL sendiri, yang juga konsisten selagi server berjalan:\n` +
              `  pg_dump --format=custom --file=${file} "<DATABASE_URL>"\n` +
              `dan pulihkan dengan pg_restore --dbname=<URL basis data kosong> ${file}`,
          );
        }
        await db.knex.raw('VACUUM INTO ?', [target]);
        process.stdout.write(`Salinan ditulis: ${target}\nPulihkan dengan menghentikan server lalu menyalin berkas ini ke ${db.location}.\n`);
      } finally {
        await db.close();
      }
    });
}
