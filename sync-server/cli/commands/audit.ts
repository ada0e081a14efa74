/** `mutasi audit verify` — exit 0 when the chain is intact, 1 naming the first broken entry. */
import type { Command } from 'commander';
import pc from 'picocolors';
import { verifyAudit } from '../../db/audit-verify';
import { openOfficialRecord } from '../../server/env';
import { parseLang, say } from '../options';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('jejak audit catatan resmi');
  audit
    .command('verify')
    .description('periksa rantai audit dari awal sampai akhir (SHA-256)')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--json', 'keluaran JSON')
    .option('--lang <id|en>', 'bahasa keluaran (language of the output)', parseLang, 'id')
    .addHelpText('after', '\nKode keluar: 0 utuh, 1 ada entri yang diubah, dihapus atau diurutkan ulang.')
    .action(async (o: { db?: string; json?: boolean }) => {
      const db = await openOfficialRecord(o.db, { existing: true, readOnly: true });
      try {
        const r = await verifyAudit(db);
        if (o.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        else if (r.ok) process.stdout.write(pc.green(say(`Rantai audit utuh: ${r.entries} entri, ${r.decisions} keputusan diperiksa.\n`, `Audit chain intact: ${r.entries} entries, ${r.decisions} decisions checked.\n`)));
        else process.stderr.write(pc.red(`${say('Rantai audit RUSAK pada entri', 'Audit chain BROKEN at entry')} #${r.problem!.seq}${r.problem!.recordNo ? ` (${r.problem!.recordNo})` : ''}: ${r.problem!.reason}\n`));
        process.exitCode = r.ok ? 0 : 1;
      } finally {
        await db.close();
      }
    });
}
