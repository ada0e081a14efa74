/** `mutasi export <out.xlsx> [--force]` — the official record as a workbook (Pegawai, Jabatan, Aturan, Keputusan). */
import type { Command } from 'commander';
import { openOfficialRecord } from '../../server/env';
import { exportWorkbook } from '../../server/export/workbook';
import { checkNewFile, saveNewWorkbook } from './template';
import { invocationLang, parseLang, say } from '../options';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('tulis catatan resmi ke buku kerja (Pegawai, Jabatan, Keputusan)')
    .argument('<out.xlsx>', 'berkas yang dibuat')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--force', 'timpa berkas yang sudah ada')
    .option('--lang <id|en>', 'bahasa keluaran (language of the output)', parseLang, 'id')
    .action(async (out: string, o: { db?: string; force?: boolean }) => {
      // Like template and demo: a file someone may have worked on is not overwritten unless asked,
      // the name is checked before the database is opened, and no half-written file is left behind.
      await checkNewFile(out, o.force === true);
      const db = await openOfficialRecord(o.db, { existing: true, readOnly: true });
      try {
        const problems: string[] = [];
        const wb = await exportWorkbook(db, problems);
        await saveNewWorkbook(wb, out, o.force === true);
        const count = (name: string) => Math.max(0, (wb.getWorksheet(name)?.actualRowCount ?? 1) - 1);
        const n = (x: number) => x.toLocaleString(invocationLang() === 'en' ? 'en-US' : 'id-ID');
        process.stdout.write(
          say(
            `Ditulis ${out}: ${n(count('Pegawai'))} pegawai, ${n(count('Jabatan'))} jabatan, ${n(count('Keputusan'))} keputusan.\n`,
            `Written ${out}: ${n(count('Pegawai'))} employees, ${n(count('Jabatan'))} positions, ${n(count('Keputusan'))} decisions.\n`,
          ),
        );
        for (const p of problems.slice(0, 20)) process.stderr.write(`${say('Peringatan', 'Warning')}: ${p}\n`);
        if (problems.length > 20) process.stderr.write(`${say('Peringatan', 'Warning')}: … ${say('dan', 'and')} ${n(problems.length - 20)} ${say('lagi', 'more')}\n`);
      } finally {
        await db.close();
      }
    });
}
