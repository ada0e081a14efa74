/**
 * `mutasi nomor status` / `mutasi nomor lanjut --terakhir MUT-2027-000123`: record numbering after a
 * restore (db/numbering.ts). A restored copy gives no record number until the administrator says the
 * highest number already published; numbering then continues after it, never below what this
 * database itself gave.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { numberingStatus, parseRecordNo, resumeNumbering } from '../../db/numbering';
import { openOfficialRecord } from '../../server/env';

const DB_HELP = 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)';

function recordNoArg(v: string, prev: { year: number; n: number }[] = []): { year: number; n: number }[] {
  const p = parseRecordNo(v);
  if (!p || p.year < 1900 || p.year > 2200) {
    throw new InvalidArgumentError(`harus nomor keputusan seperti MUT-2027-000123, bukan "${v}"`);
  }
  return [...prev, p];
}

export function registerNomor(program: Command): void {
  const nomor = program.command('nomor').description('penomoran keputusan (MUT-<tahun>-<nomor>): status, dan melanjutkan sesudah pemulihan cadangan');
  nomor
    .command('status')
    .description('nomor terakhir per tahun, dan apakah penomoran ditahan (basis data hasil pemulihan)')
    .option('--db <url>', DB_HELP)
    .option('--json', 'keluaran JSON')
    .addHelpText('after', '\nKode keluar: 0 penomoran berjalan, 1 penomoran ditahan (jalankan: mutasi nomor lanjut).')
    .action(async (o: { db?: string; json?: boolean }) => {
      const db = await openOfficialRecord(o.db, { existing: true });
      try {
        const s = await numberingStatus(db);
        if (o.json) process.stdout.write(JSON.stringify(s, null, 2) + '\n');
        else {
          const years = Object.entries(s.last);
          process.stdout.write(
            (years.length ? years.map(([y, n]) => `Tahun ${y}: nomor terakhir MUT-${y}-${String(n).padStart(6, '0')}\n`).join('') : 'Belum ada nomor keputusan.\n') +
              (s.held
                ? `Penomoran DITAHAN: ${s.held}.\nLanjutkan dengan: npx mutasi nomor lanjut --terakhir <nomor tertinggi yang pernah terbit, mis. dari /pengumuman server lama atau buku kerja>\n`
                : 'Penomoran berjalan.\n'),
          );
        }
        process.exitCode = s.held ? 1 : 0;
      } finally {
        await db.close();
      }
    });
  nomor
    .command('lanjut')
    .description('lepaskan tahanan penomoran sesudah pemulihan: nomor berikutnya sesudah nomor tertinggi yang pernah terbit')
    .requiredOption('--terakhir <nomor>', 'nomor keputusan tertinggi yang pernah terbit (mis. MUT-2027-000123); ulangi untuk beberapa tahun', recordNoArg)
    .option('--db <url>', DB_HELP)
    .option('--json', 'keluaran JSON')
    .addHelpText(
      'after',
      '\nCari nomor tertinggi yang pernah terbit di /pengumuman server yang lama, buku kerja kantor (kolom Nomor Catatan),' +
        '\natau arsip keputusan. Bila ragu, beri nomor yang lebih tinggi: celah nomor tidak merugikan, nomor ganda merugikan.' +
        '\nPenghitung tidak pernah turun. Dicatat di jejak audit (numbering.resume).\n\nKode keluar: 0 berhasil, 2 panggilan salah.',
    )
    .action(async (o: { db?: string; json?: boolean; terakhir: { year: number; n: number }[] }) => {
      const db = await openOfficialRecord(o.db, { existing: true });
      try {
        const r = await resumeNumbering(db, o.terakhir, `cli:${process.env.USER ?? 'admin'}`);
        if (o.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        else {
          process.stdout.write(
            (r.wasHeld ? `Tahanan penomoran dilepas (${r.wasHeld}).\n` : 'Penomoran tidak ditahan; penghitung diperiksa.\n') +
              r.years.map((y) => `Tahun ${y.year}: nomor berikutnya ${y.next}${y.after === y.before ? ' (penghitung sudah di sana atau lebih tinggi)' : ''}\n`).join(''),
          );
        }
      } finally {
        await db.close();
      }
    });
}
