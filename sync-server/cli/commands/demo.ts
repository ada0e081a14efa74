/**
 * `mutasi demo <file> [--employees N] [--seed S]`: a realistic synthetic agency to try Mutasi on
 * (sync-server/xlsx/demo/). The same seed always gives the same workbook content.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { buildDemo, writeDemoFile, DEMO_AS_OF, MIN_EMPLOYEES } from '../../xlsx/demo';
import { isoDate } from '../../../shared/values/dates';
import { parseAsOf } from '../options';
import { checkNewFile, saveNewWorkbook } from './template';
import { UserError } from '../user-error';

const whole = (min: number, what: string) => (raw: string): number => {
  const n = Number(raw.replace(/[.\s_]/g, ''));
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${what} harus bilangan bulat ≥ ${min}`);
  return n;
};

const fmt = (n: number) => new Intl.NumberFormat('id-ID').format(n);

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('membuat buku kerja contoh: pemda fiktif dengan unit, jabatan, pegawai, usulan mutasi dan beberapa kesalahan data yang lazim')
    .argument('<file>', 'berkas .xlsx baru')
    .option('--employees <N>', `jumlah pegawai (minimal ${MIN_EMPLOYEES})`, whole(MIN_EMPLOYEES, 'Jumlah pegawai'), 1200)
    .option('--seed <S>', 'benih acak: benih yang sama menghasilkan isi yang sama', whole(0, 'Benih'), 1)
    .option('--positions <N>', 'jumlah jabatan (bawaan: sekitar satu per 3,5 pegawai)', whole(1, 'Jumlah jabatan'))
    .option('--proposals <N>', 'jumlah usulan (bawaan: satu per 15 pegawai; paling sedikit ±45, karena setiap aturan punya usulan skenarionya)', whole(1, 'Jumlah usulan'))
    // The same checks and messages as check / propose (a right shape but no such day says so).
    .option('--as-of <YYYY-MM-DD>', `Tanggal Acuan yang ditulis di lembar Aturan (bawaan ${DEMO_AS_OF})`, (raw: string) => isoDate(parseAsOf(raw)))
    .option('--bersih', 'tanpa kesalahan data yang disengaja di Pegawai dan Jabatan: dapat langsung diimpor ke server (mutasi import) untuk mencoba')
    .option('--force', 'timpa berkas yang sudah ada')
    .action(async (file: string, opts: { employees: number; seed: number; positions?: number; proposals?: number; asOf?: string; bersih?: boolean; force?: boolean }) => {
      await checkNewFile(file, opts.force === true); // before minutes of work for nothing
      let data: ReturnType<typeof buildDemo>;
      try {
        data = buildDemo({ employees: opts.employees, seed: opts.seed, positions: opts.positions, proposals: opts.proposals, asOf: opts.asOf, clean: opts.bersih === true });
      } catch (e) {
        // The generator's own refusals ("demo: no position for scenario …") are about sizes that do not fit together.
        if (!(e instanceof Error && e.message.startsWith('demo:'))) throw e;
        const asked = [`${fmt(opts.employees)} pegawai`, opts.positions && `${fmt(opts.positions)} jabatan`, opts.proposals && `${fmt(opts.proposals)} usulan`].filter(Boolean).join(', ');
        throw new UserError(`Contoh tidak dapat dibuat dengan ${asked}: usulan terlalu banyak untuk jabatan yang ada. Kurangi --proposals (bawaan: satu per 15 pegawai), atau tambah --employees / --positions.`);
      }
      if (opts.employees >= 10_000 && process.stderr.isTTY) process.stderr.write(`Menulis ${fmt(opts.employees)} pegawai ke ${file} …\n`);
      await saveNewWorkbook((tmp) => writeDemoFile(data, opts.seed, tmp), file, opts.force === true);
      process.stdout.write(
        `Dibuat ${file}: ${fmt(data.pegawai.length)} pegawai, ${fmt(data.positions.length)} jabatan, ${fmt(data.units.length)} unit, ${fmt(data.proposals.length)} usulan (benih ${opts.seed})\n`,
      );
      // The count asked for is not always the count made: say so, and why, instead of a silent change.
      const made = data.proposals.length;
      if (opts.proposals !== undefined && made !== opts.proposals) {
        process.stdout.write(
          made > opts.proposals
            ? `  Diminta ${fmt(opts.proposals)} usulan; dibuat ${fmt(made)}: contoh selalu memuat usulan skenario untuk setiap aturan, beberapa usulan riwayat dan paling sedikit 10 usulan bersih.\n`
            : `  Diminta ${fmt(opts.proposals)} usulan; hanya ${fmt(made)} yang dapat dibuat: tidak ada lagi jabatan kosong yang dapat diisi pegawai yang memenuhi syarat. Tambah --employees atau --positions untuk lebih banyak.\n`,
        );
      }
    });
}
