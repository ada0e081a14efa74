/** `mutasi check <file> [--json] [--as-of] [--lang]` — SYNC-API.md: exit 0 no errors, 1 errors, 2 cannot read. */
import type { Command } from 'commander';
import { checkSheets } from '../../../shared/engine';
import type { CheckResult, Lang } from '../../../shared/rules/types';
import type { Day } from '../../../shared/values/dates';
import { readKnownSheetsAndNames } from '../../xlsx/file';
import { parseAsOf, parseLang } from '../options';
import { printReport } from '../report';

export interface CheckRun {
  result: CheckResult;
  readMs: number;
  engineMs: number;
}

/** Reads a workbook file and checks it; shared by `check` and the benchmark. */
export async function checkFile(file: string, opts: { asOf?: Day; lang?: Lang }): Promise<CheckRun> {
  const t0 = performance.now();
  const { sheets, names } = await readKnownSheetsAndNames(file);
  const t1 = performance.now();
  const { result } = checkSheets(sheets, { ...opts, sheetNames: names });
  const t2 = performance.now();
  return { result, readMs: t1 - t0, engineMs: t2 - t1 };
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('periksa buku kerja terhadap mutu data dan aturan mutasi (RULES.md)')
    .argument('<workbook.xlsx>', 'buku kerja yang diperiksa')
    .option('--json', 'keluaran JSON (untuk mesin)')
    .option('--as-of <YYYY-MM-DD>', 'tanggal acuan (menggantikan Tanggal Acuan di lembar Aturan)', parseAsOf)
    .option('--lang <id|en>', 'bahasa pesan', parseLang, 'id')
    .option('--all', 'tampilkan semua temuan, termasuk info, tanpa batas per lembar')
    .addHelpText('after', '\nKode keluar: 0 tanpa galat, 1 ada galat, 2 berkas tidak dapat dibaca atau perintah salah.\nContoh: npx mutasi check data.xlsx --as-of 2026-11-23')
    .action(async (file: string, o: { json?: boolean; asOf?: Day; lang: Lang; all?: boolean }) => {
      const { result } = await checkFile(file, { asOf: o.asOf, lang: o.lang });
      if (o.json) {
        process.stdout.write(JSON.stringify({ file, ...result }, null, 2) + '\n');
      } else {
        printReport(file, result, { lang: o.lang, all: !!o.all });
      }
      process.exitCode = result.counts.error > 0 ? 1 : 0;
    });
}
