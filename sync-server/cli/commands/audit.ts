/**
 * `mutasi audit verify` — exit 0 when the chain and the state it vouches for are intact, 1 listing
 * every problem found. Prints the head (seq and hash) to keep somewhere else: a chain cut off together
 * with its head is whole by itself, and only a head kept elsewhere (`--head`) shows it.
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import { verifyAudit } from '../../db/audit-verify';
import { openOfficialRecord } from '../../server/env';
import { UserError } from '../user-error';

function parseHead(v: string): { seq: number; hash: string } {
  const m = /^#?(\d+):([0-9a-f]{64})$/i.exec(v.trim());
  if (!m) throw new UserError(`--head harus berbentuk <nomor entri>:<hash 64 heksadesimal> seperti dicetak audit verify, bukan "${v}"`);
  return { seq: Number(m[1]), hash: m[2]!.toLowerCase() };
}
import { parseLang, say } from '../options';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('jejak audit catatan resmi');
  audit
    .command('verify')
    .description('periksa rantai audit dari awal sampai akhir (SHA-256) dan bandingkan token, pegawai, jabatan, parameter, log perubahan dan penghitung dengannya')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--head <seq:hash>', 'kepala rantai yang disimpan di luar server dari pemeriksaan sebelumnya (menemukan ekor rantai yang dipotong)', parseHead)
    .option('--json', 'keluaran JSON')
    .option('--lang <id|en>', 'bahasa keluaran (language of the output)', parseLang, 'id')
    .addHelpText('after', '\nKode keluar: 0 utuh, 1 ada entri atau data yang diubah, dihapus atau diurutkan ulang (semua masalah dicantumkan).\n' +
      'Simpan baris "Kepala rantai" di tempat lain (surel, kertas): rantai yang dipotong bersama kepalanya hanya ketahuan dengan --head.')
    .action(async (o: { db?: string; json?: boolean; head?: { seq: number; hash: string } }) => {
      const db = await openOfficialRecord(o.db, { existing: true, readOnly: true });
      try {
        const r = await verifyAudit(db, o.head ? { head: o.head } : {});
        const headLine = `${say('Kepala rantai', 'Chain head')}: #${r.headSeq} ${r.headHash}\n`;
        if (o.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        else if (r.ok) {
          process.stdout.write(pc.green(say(`Rantai audit utuh: ${r.entries} entri, ${r.decisions} keputusan; ${r.checked.tokens} token, ${r.checked.employees} pegawai, ${r.checked.positions} jabatan, ${r.checked.parameters} parameter, ${r.checked.changes} baris log perubahan cocok dengan rantai.\n`, `Audit chain intact: ${r.entries} entries, ${r.decisions} decisions; ${r.checked.tokens} tokens, ${r.checked.employees} employees, ${r.checked.positions} positions, ${r.checked.parameters} parameters, ${r.checked.changes} change-log rows match the chain.\n`)));
          if (o.head) process.stdout.write(`Kepala yang disimpan (#${o.head.seq}) masih ada di rantai.\n`);
          process.stdout.write(headLine + pc.dim(say('Simpan baris di atas di luar server; nanti: mutasi audit verify --head <nomor>:<hash>\n', 'Keep the line above outside the server; later: mutasi audit verify --head <seq>:<hash>\n')));
        } else {
          process.stderr.write(pc.red(say(`Rantai audit RUSAK: ${r.problemCount} masalah.\n`, `Audit chain BROKEN: ${r.problemCount} problems.\n`)));
          for (const p of r.problems) {
            process.stderr.write(pc.red(`- ${p.seq ? `entri #${p.seq}` : 'tanpa entri'}${p.recordNo ? ` (${p.recordNo})` : ''}: ${p.reason}\n`));
          }
          if (r.problemCount > r.problems.length) process.stderr.write(pc.red(`… dan ${r.problemCount - r.problems.length} masalah lagi (lihat --json).\n`));
          process.stdout.write(headLine);
        }
        process.exitCode = r.ok ? 0 : 1;
      } finally {
        await db.close();
      }
    });
}
