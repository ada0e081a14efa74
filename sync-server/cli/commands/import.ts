/** `mutasi import <roster.xlsx>` — validated first; nothing is written if Pegawai or Jabatan has an error. */
import type { Command } from 'commander';
import pc from 'picocolors';
import { openOfficialRecord } from '../../server/env';
import { importFile } from '../../server/roster/import-file';
import { invocationLang, parseLang, say } from '../options';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('muat sheet Pegawai dan Jabatan (dan Aturan) ke catatan resmi; diperiksa dulu, tidak ada yang ditulis bila ada galat')
    .argument('<roster.xlsx>', 'buku kerja data pegawai')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--json', 'keluaran JSON')
    .option('--lang <id|en>', 'bahasa keluaran (language of the output)', parseLang, 'id')
    .addHelpText('after', '\nKode keluar: 0 diimpor, 1 ada galat data (tidak ada yang ditulis), 2 berkas tidak dapat dibaca.')
    .action(async (file: string, o: { db?: string; json?: boolean }) => {
      const db = await openOfficialRecord(o.db, { sayIfNew: true });
      try {
        const out = await importFile(db, file, `cli:${process.env.USER ?? 'admin'}`);
        if (o.json) {
          process.stdout.write(JSON.stringify(out, null, 2) + '\n');
        } else if (!out.ok) {
          process.stderr.write(pc.red(say(`Tidak diimpor: ${out.errors.length} galat di ${file}. Tidak ada yang ditulis.\n`, `Not imported: ${out.errors.length} errors in ${file}. Nothing was written.\n`)));
          for (const f of out.errors.slice(0, 20)) process.stderr.write(`  ${f.sheet}!${f.cell || say('baris ', 'row ') + f.row}  ${f.rule}  ${f.message}\n`);
          if (out.errors.length > 20) process.stderr.write(say(`  … dan ${out.errors.length - 20} lagi (npx mutasi check ${file})\n`, `  … and ${out.errors.length - 20} more (npx mutasi check ${file} --lang en)\n`));
        } else {
          const r = out.report;
          const n = (x: number) => x.toLocaleString(invocationLang() === 'en' ? 'en-US' : 'id-ID');
          if (invocationLang() === 'en') {
            process.stdout.write(
              `Imported from ${file}: ${n(r.employees)} employees (${n(r.employeesChanged)} new/changed), ${n(r.positions)} positions (${n(r.positionsChanged)} new/changed).\n` +
                (r.employees === 0 ? 'Sheet Pegawai holds no data: no employee was loaded.\n' : '') +
                (r.employeesNotInRoster ? `${n(r.employeesNotInRoster)} employees of the official record are not in this file (kept).\n` : '') +
                (out.warnings ? `${n(out.warnings)} data warnings (npx mutasi check ${file} --lang en).\n` : '') +
                `Official record version: ${n(r.version)}.\n`,
            );
          } else process.stdout.write(
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
