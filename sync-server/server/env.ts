/**
 * Where the server's data lives and which database it uses: flags first, then the environment (and
 * a `.env` file in the working folder), then the defaults of SYNC-API.md (./data/mutasi.sqlite).
 */
import path from 'node:path';
import dotenv from 'dotenv';
import { openDatabase, type Db } from '../db/connect';
import { migrateLatest } from '../db/migrate';

let loaded = false;
export function loadEnv(): void {
  if (loaded) return;
  loaded = true;
  dotenv.config({ quiet: true });
}

export function dataDir(): string {
  loadEnv();
  return path.resolve(process.env.DATA_DIR || 'data');
}

export function databaseUrl(flag?: string): string {
  loadEnv();
  return flag || process.env.DATABASE_URL || path.join(dataDir(), 'mutasi.sqlite');
}

/** Opens and migrates the database (every command may be the first to touch a new one). */
export async function openOfficialRecord(flag?: string): Promise<Db> {
  const db = openDatabase(databaseUrl(flag));
  try {
    await migrateLatest(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
