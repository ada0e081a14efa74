/** `mutasi export <out.xlsx>` — the official record as a workbook (Pegawai, Jabatan, Aturan, Keputusan). */
import type { Command } from 'commander';
import { openOfficialRecord } from '../../server/env';
import { exportWorkbook } from '../../server/export/workbook';
import { XlsxGateway } from '../../xlsx/exceljs-gateway';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('tulis catatan resmi ke buku kerja (Pegawai, Jabatan, Keputusan)')
    .argument('<out.xlsx>', 'berkas yang dibuat')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .action(async (out: string, o: { db?: string }) => {
      const db = await openOfficialRecord(o.db);
      try {
        const wb = await exportWorkbook(db);
        await new XlsxGateway(wb).save(out);
        const count = (name: string) => Math.max(0, (wb.getWorksheet(name)?.actualRowCount ?? 1) - 1);
        process.stdout.write(`Ditulis ${out}: ${count('Pegawai')} pegawai, ${count('Jabatan')} jabatan, ${count('Keputusan')} keputusan.\n`);
      } finally {
        await db.close();
      }
    });
}
