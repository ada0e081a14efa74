/** `mutasi import <roster.xlsx>`: the workbook's Pegawai and Jabatan (and Aturan) into the official record. */
import path from 'node:path';
import type { Finding } from '../../../shared/rules/types';
import type { Db } from '../../db/connect';
import { saveRoster, type RosterReport } from '../../db/roster';
import { readKnownSheets } from '../../xlsx/file';
import { readRoster, recordedMoves } from './read-roster';

export type ImportOutcome = { ok: true; report: RosterReport; warnings: number } | { ok: false; errors: Finding[] };

export async function importFile(db: Db, file: string, actor: string): Promise<ImportOutcome> {
  const sheets = await readKnownSheets(file);
  const roster = readRoster(sheets, await recordedMoves(db));
  if (roster.errors.length > 0) return { ok: false, errors: roster.errors };
  const report = await saveRoster(db, { ...roster, source: path.basename(file) }, actor);
  return { ok: true, report, warnings: roster.warnings };
}
