/** `mutasi token create|list|revoke` — API tokens for the add-in and scripts (SYNC-API.md). */
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import { createToken, listTokens, revokeToken, ROLES, type Role } from '../../db/tokens';
import { openOfficialRecord } from '../../server/env';
import { UserError } from '../user-error';

function parseRole(v: string): Role {
  if (!(ROLES as readonly string[]).includes(v)) throw new UserError(`peran tidak dikenal: ${v} (pilih ${ROLES.join(', ')})`);
  return v as Role;
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('kelola token API (hanya hash-nya yang disimpan)');

  token
    .command('create')
    .description('buat token baru; token ditampilkan SEKALI')
    .requiredOption('--name <nama>', 'nama pemilik token (tercatat sebagai penyetuju keputusan)')
    .requiredOption('--role <peran>', `peran: ${ROLES.join(' | ')}`, parseRole)
    .option('--unit <unit>', 'batasi token pada satu unit kerja')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--json', 'keluaran JSON')
    .action(async (o: { name: string; role: Role; unit?: string; db?: string; json?: boolean }) => {
      if (!o.name.trim()) throw new UserError('--name tidak boleh kosong');
      const db = await openOfficialRecord(o.db);
      try {
        const { token: secret, info } = await createToken(db, { name: o.name.trim(), role: o.role, unit: o.unit?.trim() || null }, 'cli');
        if (o.json) {
          process.stdout.write(JSON.stringify({ ...info, token: secret }, null, 2) + '\n');
          return;
        }
        process.stdout.write(
          `Token #${info.id} untuk ${info.name} (${info.role}${info.unit ? `, unit ${info.unit}` : ''}):\n\n  ${pc.bold(secret)}\n\n` +
            pc.yellow('Simpan sekarang: token ini tidak dapat ditampilkan lagi (server hanya menyimpan hash-nya).\n') +
            'Di Excel: Mutasi ASN → Pengaturan → Token.\n' +
            // Run from another folder, a command opens (and creates) another ./data: say which record it is.
            pc.dim(`Basis data: ${db.location}\n`),
        );
      } finally {
        await db.close();
      }
    });

  token
    .command('list')
    .description('daftar token (tanpa rahasianya)')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL')
    .option('--json', 'keluaran JSON')
    .action(async (o: { db?: string; json?: boolean }) => {
      const db = await openOfficialRecord(o.db);
      try {
        const tokens = await listTokens(db);
        if (o.json) {
          process.stdout.write(JSON.stringify(tokens, null, 2) + '\n');
          return;
        }
        if (tokens.length === 0) {
          process.stdout.write('Belum ada token. Buat yang pertama: npx mutasi token create --name "Admin BKPSDM" --role admin\n');
          return;
        }
        // No colours (cli-table3 paints the header red and the border grey even into a file or pipe).
        const t = new Table({ head: ['ID', 'Nama', 'Peran', 'Unit', 'Dibuat', 'Dicabut'], style: { head: [], border: [] } });
        for (const x of tokens) t.push([x.id, x.name, x.role, x.unit ?? '(semua)', x.createdAt.slice(0, 16).replace('T', ' '), x.revokedAt ? x.revokedAt.slice(0, 16).replace('T', ' ') : '']);
        process.stdout.write(t.toString() + '\n');
      } finally {
        await db.close();
      }
    });

  token
    .command('revoke')
    .description('cabut token (berlaku seketika)')
    .argument('<id>', 'ID token (lihat token list)')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL')
    .action(async (id: string, o: { db?: string }) => {
      if (!/^\d+$/.test(id)) throw new UserError(`ID token harus angka: ${id}`);
      const db = await openOfficialRecord(o.db);
      try {
        if (!(await revokeToken(db, Number(id), 'cli'))) throw new UserError(`token #${id} tidak ada`, 1);
        process.stdout.write(`Token #${id} dicabut.\n`);
      } finally {
        await db.close();
      }
    });
}
