/** `mutasi import <roster.xlsx>` — validated first; nothing is written if Pegawai or Jabatan has an error. */
import type { Command } from 'commander';
import pc from 'picocolors';
import { openOfficialRecord } from '../../server/env';
import { importFile } from '../../server/roster/import-file';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('muat sheet Pegawai dan Jabatan (dan Aturan) ke catatan resmi; diperiksa dulu, tidak ada yang ditulis bila ada galat')
    .argument('<roster.xlsx>', 'buku kerja data pegawai')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--json', 'keluaran JSON')
    .addHelpText('after', '\nKode keluar: 0 diimpor, 1 ada galat data (tidak ada yang ditulis), 2 berkas tidak dapat dibaca.')
    .action(async (file: string, o: { db?: string; json?: boolean }) => {
      const db = await openOfficialRecord(o.db, { sayIfNew: true });
      try {
        const out = await importFile(db, file, `cli:${process.env.USER ?? 'admin'}`);
        if (o.json) {
          process.stdout.write(JSON.stringify(out, null, 2) + '\n');
        } else if (!out.ok) {
          process.stderr.write(pc.red(`Tidak diimpor: ${out.errors.length} galat di ${file}. Tidak ada yang ditulis.\n`));
          for (const f of out.errors.slice(0, 20)) process.stderr.write(`  ${f.sheet}!${f.cell || 'baris ' + f.row}  ${f.rule}  ${f.message}\n`);
          if (out.errors.length > 20) process.stderr.write(`  … dan ${out.errors.length - 20} lagi (npx mutasi check ${file})\n`);
        } else {
          const r = out.report;
          const n = (x: number) => x.toLocaleString('id-ID');
          process.stdout.write(
            `Diimpor dari ${file}: ${n(r.employees)} pegawai (${n(r.employeesChanged)} baru/berubah), ${n(r.positions)} jabatan (${n(r.positionsChanged)} baru/berubah).\n` +
              (r.employees === 0 ? 'Lembar Pegawai tidak berisi data: tidak ada pegawai yang dimuat.\n' : '') +
              (r.employeesNotInRoster ? `${n(r.employeesNotInRoster)} pegawai di catatan resmi tidak ada di berkas ini (tetap disimpan).\n` : '') +
              (out.warnings ? `${n(out.warnings)} peringatan data (npx mutasi check ${file}).\n` : '') +
              `Versi catatan resmi: ${n(r.version)}.\n`,
          );
        }
        process.exitCode = out.ok ? 0 : 1;
      } finally {
        await db.close();
      }
    });
}
