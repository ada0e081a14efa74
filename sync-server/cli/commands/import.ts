/** `mutasi import <roster.xlsx>` — validated first; nothing is written if Pegawai or Jabatan has an error. */
import type { Command } from 'commander';
import pc from 'picocolors';
import type { RecordedConflict } from '../../db/roster';
import { openOfficialRecord } from '../../server/env';
import { importFile } from '../../server/roster/import-file';
import { invocationLang, parseLang, say } from '../options';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('muat sheet Pegawai dan Jabatan (dan Aturan) ke catatan resmi; diperiksa dulu, tidak ada yang ditulis bila ada galat')
    .argument('<roster.xlsx>', 'buku kerja data pegawai')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--timpa-keputusan', 'posisi dan TMT Jabatan di berkas menimpa keputusan tercatat (tanpa ini: posisi keputusan dipertahankan); setiap baris yang ditimpa dicetak dan dicatat di audit')
    .option('--tanpa-pegawai', 'boleh mengimpor berkas tanpa satu pegawai pun (hanya Jabatan/Aturan)')
    .option('--json', 'keluaran JSON')
    .option('--lang <id|en>', 'bahasa keluaran (language of the output)', parseLang, 'id')
    .addHelpText(
      'after',
      '\nPegawai yang posisinya berasal dari keputusan tercatat tetap di posisi itu walau berkas menyebut posisi/TMT lain' +
        '\n(berkas kantor lebih tua dari catatan resmi); barisnya dicetak. Pengaturan Aturan yang kosong atau tidak ada' +
        '\ntidak pernah menimpa yang tersimpan; setiap pengaturan yang berubah dicetak.' +
        '\n\nKode keluar: 0 diimpor, 1 ada galat data atau berkas tanpa pegawai (tidak ada yang ditulis), 2 berkas tidak dapat dibaca.',
    )
    .action(async (file: string, o: { db?: string; json?: boolean; timpaKeputusan?: boolean; tanpaPegawai?: boolean }) => {
      const db = await openOfficialRecord(o.db, { sayIfNew: true });
      try {
        const out = await importFile(db, file, `cli:${process.env.USER ?? 'admin'}`, {
          overrideRecorded: o.timpaKeputusan === true,
          allowNoEmployees: o.tanpaPegawai === true,
        });
        if (o.json) {
          process.stdout.write(JSON.stringify(out, null, 2) + '\n');
        } else if (!out.ok) {
          process.stderr.write(pc.red(say(`Tidak diimpor: ${out.errors.length} galat di ${file}. Tidak ada yang ditulis.\n`, `Not imported: ${out.errors.length} errors in ${file}. Nothing was written.\n`)));
          for (const f of out.errors.slice(0, 20)) process.stderr.write(`  ${f.sheet}!${f.cell || say('baris ', 'row ') + f.row}  ${f.rule}  ${f.message}\n`);
          if (out.errors.length > 20) process.stderr.write(say(`  … dan ${out.errors.length - 20} lagi (npx mutasi check ${file})\n`, `  … and ${out.errors.length - 20} more (npx mutasi check ${file} --lang en)\n`));
        } else {
          const r = out.report;
          const n = (x: number) => x.toLocaleString(invocationLang() === 'en' ? 'en-US' : 'id-ID');
          const place = (p: { positionCode: string; positionStart: string | null }) => `${p.positionCode} TMT ${p.positionStart ?? '—'}`;
          const rows = (list: RecordedConflict[]) =>
            list.map((c) => say(
              `  Pegawai baris ${c.row}  ${c.nip} ${c.name}: catatan resmi ${place(c.recorded)} (${c.recordNo}), berkas ${place(c.roster)}\n`,
              `  Pegawai row ${c.row}  ${c.nip} ${c.name}: official record ${place(c.recorded)} (${c.recordNo}), file ${place(c.roster)}\n`,
            )).join('');
          process.stdout.write(
            say(
              `Diimpor dari ${file}: ${n(r.employees)} pegawai (${n(r.employeesChanged)} baru/berubah), ${n(r.positions)} jabatan (${n(r.positionsChanged)} baru/berubah).\n`,
              `Imported from ${file}: ${n(r.employees)} employees (${n(r.employeesChanged)} new/changed), ${n(r.positions)} positions (${n(r.positionsChanged)} new/changed).\n`,
            ) +
              (r.employees === 0 ? say('Lembar Pegawai tidak berisi data: tidak ada pegawai yang dimuat.\n', 'Sheet Pegawai holds no data: no employee was loaded.\n') : '') +
              (r.employeesNotInRoster
                ? say(`${n(r.employeesNotInRoster)} pegawai di catatan resmi tidak ada di berkas ini (tetap disimpan).\n`, `${n(r.employeesNotInRoster)} employees of the official record are not in this file (kept).\n`)
                : '') +
              (r.recordedKept.length
                ? say(
                    `${n(r.recordedKept.length)} pegawai tetap di posisi keputusan tercatat (berkas ini lebih tua dari catatan resmi; tarik data resmi ke buku kerja, atau --timpa-keputusan bila berkas yang benar):\n`,
                    `${n(r.recordedKept.length)} employees stay where a recorded decision put them (this file is older than the official record; pull the record into the workbook, or --timpa-keputusan if the file is right):\n`,
                  ) + rows(r.recordedKept)
                : '') +
              (r.recordedOverridden.length
                ? say(
                    `${n(r.recordedOverridden.length)} keputusan tercatat DITIMPA posisi/TMT dari berkas (--timpa-keputusan, dicatat di audit):\n`,
                    `${n(r.recordedOverridden.length)} recorded decisions OVERRIDDEN by the file's position/TMT (--timpa-keputusan, in the audit chain):\n`,
                  ) + rows(r.recordedOverridden)
                : '') +
              r.settingsChanged.map((c) => `${say('Aturan diubah', 'Setting changed')}: ${c.name}: ${c.before ?? say('(bawaan)', '(default)')} → ${c.after}\n`).join('') +
              (out.warnings ? say(`${n(out.warnings)} peringatan data (npx mutasi check ${file}).\n`, `${n(out.warnings)} data warnings (npx mutasi check ${file} --lang en).\n`) : '') +
              say(`Versi catatan resmi: ${n(r.version)}.\n`, `Official record version: ${n(r.version)}.\n`),
          );
        }
        process.exitCode = out.ok ? 0 : 1;
      } finally {
        await db.close();
      }
    });
}
