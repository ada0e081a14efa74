/**
 * `mutasi template <file> [--force]`: writes the canonical empty workbook (sync-server/xlsx/template.ts).
 * `checkNewFile` and `saveNewWorkbook` (../new-file.ts) are re-exported here for the commands that
 * import them from this module.
 */
import type { Command } from 'commander';
import { buildTemplate } from '../../xlsx/template';
import { saveNewWorkbook } from '../new-file';

export { checkNewFile, saveNewWorkbook } from '../new-file';

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('membuat buku kerja kosong dengan tata letak baku (lembar Pegawai, Jabatan, Usulan, Aturan) dan daftar pilihan di setiap kolom berkode')
    .argument('<file>', 'berkas .xlsx baru')
    .option('--force', 'timpa berkas yang sudah ada')
    .action(async (file: string, opts: { force?: boolean }) => {
      await saveNewWorkbook(buildTemplate(), file, opts.force === true);
      process.stdout.write(`Dibuat ${file}: templat dengan lembar Pegawai, Jabatan, Usulan dan Aturan (nilai bawaan terisi)\n`);
    });
}
