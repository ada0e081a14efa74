/** `mutasi token create|list|revoke` — API tokens for the add-in and scripts (SYNC-API.md). */
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import { createToken, isExpired, listTokens, revokeToken, ROLES, type Role } from '../../db/tokens';
import type { Db } from '../../db/connect';
import { openOfficialRecord } from '../../server/env';
import { invocationLang, parseLang, say } from '../options';
import { UserError } from '../user-error';

function parseRole(v: string): Role {
  if (!(ROLES as readonly string[]).includes(v)) throw new UserError(say(`peran tidak dikenal: ${v} (pilih ${ROLES.join(', ')})`, `unknown role: ${v} (choose ${ROLES.join(', ')})`));
  return v as Role;
}

/**
 * A unit-limited token sees and records only positions whose Unit is exactly its unit: a typo
 * ("Dinas Kesehatn") would make a token that sees nothing. Once the record has positions, the unit
 * must be one of theirs (an empty record, before the first import, accepts any).
 */
async function refuseUnknownUnit(db: Db, unit: string): Promise<void> {
  const units = ((await db.knex('positions').distinct('unit')) as { unit: string }[]).map((r) => r.unit);
  if (units.length === 0 || units.includes(unit)) return;
  const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const near = units
    .map((u) => ({ u, d: editDistance(key(u), key(unit)) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(unit.length / 4)))
    .sort((a, b) => a.d - b.d || a.u.localeCompare(b.u));
  const like = near.slice(0, 3).map((x) => x.u);
  const mean = like.map((u) => `"${u}"`).join(', ');
  throw new UserError(
    say(
      `unit "${unit}" tidak ada di catatan resmi (${units.length} unit dari lembar Jabatan); token itu tidak akan melihat jabatan apa pun. ` +
        (like.length ? `Maksud Anda: ${mean}?` : 'Tulis nama unit persis seperti di kolom Unit lembar Jabatan.'),
      `unit "${unit}" is not in the official record (${units.length} units from sheet Jabatan); that token would see no position at all. ` +
        (like.length ? `Did you mean: ${mean}?` : 'Write the unit exactly as in the Unit column of sheet Jabatan.'),
    ),
  );
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * `--berlaku-sampai`: a date (yyyy-mm-dd or dd/mm/yyyy: the token works through the end of that day,
 * WIB) or a full ISO moment. Refused when already past or beyond 2200.
 */
export function parseExpiry(v: string, now = new Date()): string {
  const t = v.trim();
  let at: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)) || (m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t))) {
    const [y, mo, d] = m[1]!.length === 4 ? [+m[1]!, +m[2]!, +m[3]!] : [+m[3]!, +m[2]!, +m[1]!];
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) {
      throw new UserError(`--berlaku-sampai: tanggal ${t} tidak ada`);
    }
    // The end of that day in WIB (UTC+7): the last millisecond before 00:00 WIB of the next day.
    at = Date.UTC(y, mo - 1, d + 1) - 7 * 3600_000 - 1;
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(Date.parse(t))) {
    at = Date.parse(t);
  } else {
    throw new UserError(`--berlaku-sampai harus tanggal (2027-06-30 atau 30/06/2027) atau waktu ISO, bukan "${v}"`);
  }
  if (at <= now.getTime()) throw new UserError(`--berlaku-sampai ${t} sudah lewat; token itu tidak akan pernah berlaku`);
  if (new Date(at).getUTCFullYear() > 2200) throw new UserError(`--berlaku-sampai ${t} terlalu jauh (paling lambat tahun 2200; tanpa opsi ini token tidak kedaluwarsa)`);
  return new Date(at).toISOString();
}

const wib = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') + ' WIB';

export function registerToken(program: Command): void {
  const token = program.command('token').description('kelola token API (hanya hash-nya yang disimpan)');

  token
    .command('create')
    .description('buat token baru; token ditampilkan SEKALI')
    .requiredOption('--name <nama>', 'nama pemilik token (tercatat sebagai penyetuju keputusan)')
    .requiredOption('--role <peran>', `peran: ${ROLES.join(' | ')}`, parseRole)
    .option('--unit <unit>', 'batasi token pada satu unit kerja')
    .option('--berlaku-sampai <tanggal>', 'token ditolak sesudah tanggal ini (akhir hari WIB; bawaan: tidak kedaluwarsa)')
    .option('--expires <date>', 'sama dengan --berlaku-sampai')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--json', 'keluaran JSON')
    .option('--lang <id|en>', 'bahasa keluaran (language of the output)', parseLang, 'id')
    .action(async (o: { name: string; role: Role; unit?: string; berlakuSampai?: string; expires?: string; db?: string; json?: boolean }) => {
      const expiry = o.berlakuSampai ?? o.expires;
      const expiresAt = expiry === undefined ? null : parseExpiry(expiry);
      if (!o.name.trim()) throw new UserError(say('--name tidak boleh kosong', '--name must not be empty'));
      // The columns hold 200 characters (PostgreSQL refuses more with an SQL error; SQLite would keep them).
      if (o.name.trim().length > 200) throw new UserError(say(`--name terlalu panjang: ${o.name.trim().length} karakter, paling banyak 200`, `--name is too long: ${o.name.trim().length} characters, at most 200`));
      if ((o.unit?.trim().length ?? 0) > 200) throw new UserError(say(`--unit terlalu panjang: ${o.unit!.trim().length} karakter, paling banyak 200`, `--unit is too long: ${o.unit!.trim().length} characters, at most 200`));
      const db = await openOfficialRecord(o.db, { sayIfNew: true });
      try {
        const unit = o.unit?.trim() || null;
        if (unit) await refuseUnknownUnit(db, unit);
        const { token: secret, info } = await createToken(db, { name: o.name.trim(), role: o.role, unit, expiresAt }, 'cli');
        if (o.json) {
          process.stdout.write(JSON.stringify({ ...info, token: secret }, null, 2) + '\n');
          return;
        }
        process.stdout.write(
          say(`Token #${info.id} untuk ${info.name}`, `Token #${info.id} for ${info.name}`) + ` (${info.role}${info.unit ? `, unit ${info.unit}` : ''}${info.expiresAt ? `, berlaku sampai ${wib(info.expiresAt)}` : ''}):\n\n  ${pc.bold(secret)}\n\n` +
            pc.yellow(say('Simpan sekarang: token ini tidak dapat ditampilkan lagi (server hanya menyimpan hash-nya).\n', 'Keep it now: this token cannot be shown again (the server stores only its hash).\n')) +
            say('Di Excel: Mutasi ASN → Pengaturan → Token.\n', 'In Excel: Mutasi ASN → Pengaturan (Settings) → Token.\n') +
            // Run from another folder, a command opens (and creates) another ./data: say which record it is.
            pc.dim(`${say('Basis data', 'Database')}: ${db.location}\n`),
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
    .option('--lang <id|en>', 'bahasa keluaran (language of the output)', parseLang, 'id')
    .action(async (o: { db?: string; json?: boolean }) => {
      const db = await openOfficialRecord(o.db, { existing: true, readOnly: true });
      try {
        const tokens = await listTokens(db);
        if (o.json) {
          process.stdout.write(JSON.stringify(tokens, null, 2) + '\n');
          return;
        }
        if (tokens.length === 0) {
          process.stdout.write(say('Belum ada token. Buat yang pertama', 'No tokens yet. Create the first') + ': npx mutasi token create --name "Admin BKPSDM" --role admin\n');
          return;
        }
        // No colours (cli-table3 paints the header red and the border grey even into a file or pipe).
        const t = new Table({ head: invocationLang() === 'en' ? ['ID', 'Name', 'Role', 'Unit', 'Created', 'Revoked', 'Valid until'] : ['ID', 'Nama', 'Peran', 'Unit', 'Dibuat', 'Dicabut', 'Berlaku sampai'], style: { head: [], border: [] } });
        for (const x of tokens) {
          const until = x.expiresAt ? `${wib(x.expiresAt)}${isExpired(x) ? ' (kedaluwarsa)' : ''}` : '(tidak kedaluwarsa)';
          t.push([x.id, x.name, x.role, x.unit ?? say('(semua)', '(all)'), x.createdAt.slice(0, 16).replace('T', ' '), x.revokedAt ? x.revokedAt.slice(0, 16).replace('T', ' ') : '', until]);
        }
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
    .option('--lang <id|en>', 'bahasa keluaran (language of the output)', parseLang, 'id')
    .action(async (id: string, o: { db?: string }) => {
      if (!/^\d+$/.test(id)) throw new UserError(say(`ID token harus angka: ${id}`, `a token ID is a number: ${id}`));
      const db = await openOfficialRecord(o.db, { existing: true });
      try {
        const r = await revokeToken(db, Number(id), 'cli');
        if (r.status === 'missing') throw new UserError(say(`token #${id} tidak ada (lihat: npx mutasi token list)`, `token #${id} does not exist (see: npx mutasi token list)`), 1);
        if (r.status === 'already') {
          // Nothing changed: said so, with when it was revoked (a second revoke is not an error).
          process.stdout.write(say(`Token #${id} (${r.name}) sudah dicabut sejak ${r.revokedAt.slice(0, 16).replace('T', ' ')}; tidak ada yang diubah.\n`, `Token #${id} (${r.name}) was already revoked on ${r.revokedAt.slice(0, 16).replace('T', ' ')}; nothing changed.\n`));
        } else {
          process.stdout.write(say(`Token #${id} (${r.name}) dicabut; permintaan berikutnya dengan token ini ditolak.\n`, `Token #${id} (${r.name}) revoked; the next request with it is refused.\n`));
        }
      } finally {
        await db.close();
      }
    });
}
