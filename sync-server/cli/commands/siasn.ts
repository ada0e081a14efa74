/**
 * `mutasi siasn --out payloads.json [--xlsx payloads.xlsx] [--db URL]`: riwayat jabatan payloads for the
 * recorded decisions (docs/siasn.md), and the decisions that cannot have one yet with what they lack.
 * `mutasi siasn cek <export.xlsx|.json> [--workbook nominatif.xlsx] [--db URL] [--json] [--out sheet.xlsx]`:
 * the disparity check against a SIASN data-utama export.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildPayloads, incompleteRows, payloadRows, type PayloadSet } from '../../../shared/siasn/payload';
import { openOfficialRecord } from '../../server/env';
import { siasnDecisions } from '../../siasn/record';
import { pushPending, siasnSettingsFromEnv, siasnStatus, type StatusState } from '../../siasn/push';
import { SiasnTokenError } from '../../siasn/tokens';
import { loadEnv } from '../../server/env';
import { textWorkbook } from '../../siasn/sheet';
import { invocationLang, parseLang } from '../options';
import { UserError } from '../user-error';
import { checkNewFile, saveNewWorkbook } from './template';
import { registerSiasnCek } from './siasn-cek';

const DB_HELP = 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)';

export interface SiasnFileResult extends PayloadSet {
  generatedAt: string;
}

/** Missing-item lines, one per decision. */
export function incompleteLines(set: PayloadSet, lang: 'id' | 'en'): string[] {
  return set.incomplete.map((d) => `${d.recordNo} ${d.nip} ${d.name}: ${lang === 'en' ? 'missing' : 'kurang'} ${d.missing.map((m) => `${m.field} (${m.where[lang]})`).join('; ')}`);
}

/** A JSON file we are about to write: not overwritten unless --force. */
export async function checkNewText(file: string, force: boolean): Promise<void> {
  const st = await fs.stat(file).catch(() => null);
  if (st?.isDirectory()) throw new UserError(`${file} adalah folder`, 2, `${file} is a folder`);
  if (st && !force) throw new UserError(`${file} sudah ada (pakai --force untuk menimpa)`, 2, `${file} already exists (use --force to overwrite)`);
}

/** Written beside, then renamed into place: no half-written file is left. */
export async function writeNewText(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, text);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`Folder untuk ${file} tidak ada`, 2, `The folder for ${file} does not exist`);
    throw new UserError(`Tidak dapat menulis ${file}: ${(e as Error).message}`, 2, `Cannot write ${file}: ${(e as Error).message}`);
  }
}

const STATE_NAME: Record<StatusState, { id: string; en: string }> = {
  sent: { id: 'terkirim', en: 'sent' },
  refused: { id: 'ditolak SIASN', en: 'refused by SIASN' },
  retrying: { id: 'gagal sementara, dicoba lagi', en: 'transient failure, will retry' },
  failed: { id: 'gagal (batas percobaan habis)', en: 'failed (retries exhausted)' },
  waiting: { id: 'menunggu dikirim', en: 'waiting to be sent' },
  incomplete: { id: 'data kurang', en: 'incomplete' },
  not_configured: { id: 'SIASN belum dikonfigurasi', en: 'SIASN not configured' },
};

async function statusOrSend(o: { db?: string; json?: boolean; kirim?: boolean }, lang: 'id' | 'en'): Promise<void> {
  loadEnv();
  const settings = siasnSettingsFromEnv(process.env);
  const cfg = settings.config;
  if (o.kirim && !cfg) {
    throw new UserError(
      settings.problem ?? 'SIASN belum dikonfigurasi: isi SIASN_URL dan kedua token — kredensial (SIASN_CONSUMER_KEY/SECRET, SIASN_SSO_CLIENT_ID/USERNAME/PASSWORD) atau token statis (SIASN_WSO_TOKEN, SIASN_SSO_TOKEN) — di lingkungan atau .env server (docs/siasn.md)',
      2,
      settings.problemEn ?? 'SIASN is not configured: set SIASN_URL and both tokens — credentials (SIASN_CONSUMER_KEY/SECRET, SIASN_SSO_CLIENT_ID/USERNAME/PASSWORD) or static tokens (SIASN_WSO_TOKEN, SIASN_SSO_TOKEN) — in the environment or the server\'s .env (docs/siasn.md)',
    );
  }
  const db = await openOfficialRecord(o.db, { existing: true, readOnly: !o.kirim });
  try {
    let sent = null;
    try {
      sent = o.kirim && cfg ? await pushPending(db, cfg, { ignoreBackoff: true }) : null;
    } catch (e) {
      if (e instanceof SiasnTokenError) throw new UserError(e.message, 1, e.en);
      throw e;
    }
    const st = await siasnStatus(db, cfg);
    if (o.json) {
      process.stdout.write(JSON.stringify({ ...(sent ? { tried: sent } : {}), ...st }, null, 2) + '\n');
    } else {
      const en = lang === 'en';
      if (sent) process.stdout.write((en ? `Tried now: ${sent.length}` : `Dicoba sekarang: ${sent.length}`) + '\n');
      process.stdout.write(
        (st.configured
          ? en ? 'SIASN configured.' : 'SIASN dikonfigurasi.'
          : (en ? settings.problemEn : settings.problem) ?? (en ? 'SIASN not configured (SIASN_URL and both tokens; docs/siasn.md).' : 'SIASN belum dikonfigurasi (SIASN_URL dan kedua token; docs/siasn.md).')) + '\n',
      );
      const parts = (Object.keys(st.counts) as StatusState[]).filter((k) => st.counts[k] > 0).map((k) => `${STATE_NAME[k][lang]} ${st.counts[k]}`);
      process.stdout.write((parts.length ? parts.join(' · ') : en ? 'No recorded decisions.' : 'Belum ada keputusan tercatat.') + '\n');
      for (const e of st.entries) {
        const why = e.missing ? e.missing.map((m) => m.field).join(', ') : e.message;
        const next = e.nextAttemptAt ? (en ? ` (next attempt ${e.nextAttemptAt})` : ` (percobaan berikutnya ${e.nextAttemptAt})`) : '';
        process.stdout.write(`  ${e.recordNo} ${e.nip} ${e.name}: ${STATE_NAME[e.state][lang]}${why ? ` — ${why}` : ''}${e.siasnId ? ` (rwJabatanId ${e.siasnId})` : ''}${next}\n`);
      }
    }
    process.exitCode = st.counts.refused + st.counts.failed > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

export function registerSiasn(program: Command): void {
  const siasn = program
    .command('siasn')
    .description('SIASN: payload riwayat jabatan dari keputusan tercatat (--out), dan cek data SIASN (siasn cek)')
    .option('--out <payloads.json>', 'tulis payload riwayat jabatan (JSON) ke berkas ini')
    .option('--xlsx <payloads.xlsx>', 'juga tulis baris yang sama ke .xlsx untuk entri manual (semua nilai teks)')
    .option('--instansi <id>', 'ID instansi SIASN kantor ini (instansiId / satuanKerjaId pada payload)')
    .option('--dari <YYYY-MM-DD>', 'hanya keputusan dengan TMT Mutasi sejak tanggal ini')
    .option('--db <url>', DB_HELP)
    .option('--json', 'ringkasan sebagai JSON di keluaran')
    .option('--force', 'timpa berkas yang sudah ada')
    .option('--status', 'status pengiriman ke SIASN per keputusan (terkirim / ditolak / dicoba lagi / belum dikonfigurasi …)')
    .option('--kirim', 'kirim sekarang payload yang menunggu atau dicoba lagi (perlu SIASN_URL dan kedua token; docs/siasn.md)')
    .option('--lang <id|en>', 'bahasa keluaran', parseLang)
    .addHelpText('after', '\nKeputusan yang kurang ID SIASN atau belum ber-SK tidak dibuatkan payload: didaftar beserta yang kurang.\nKode keluar: 0 semua keputusan ber-payload, 1 ada keputusan yang kurang data, 2 panggilan salah.')
    .action(async (o: { out?: string; xlsx?: string; instansi?: string; dari?: string; db?: string; json?: boolean; force?: boolean; status?: boolean; kirim?: boolean }) => {
      const lang = invocationLang();
      if (o.status || o.kirim) return statusOrSend(o, lang);
      if (!o.out && !o.xlsx && !o.json) {
        throw new UserError('sebutkan --out payloads.json (dan/atau --xlsx payloads.xlsx, --json)', 2, 'give --out payloads.json (and/or --xlsx payloads.xlsx, --json)');
      }
      if (o.dari && !/^\d{4}-\d{2}-\d{2}$/.test(o.dari)) throw new UserError(`--dari harus YYYY-MM-DD, bukan "${o.dari}"`, 2, `--dari must be YYYY-MM-DD, not "${o.dari}"`);
      if (o.xlsx && !/\.xlsx$/i.test(o.xlsx)) throw new UserError(`--xlsx harus berkas .xlsx, bukan "${o.xlsx}"`, 2, `--xlsx must be an .xlsx file, not "${o.xlsx}"`);
      if (o.out) await checkNewText(o.out, o.force === true);
      if (o.xlsx) await checkNewFile(o.xlsx, o.force === true);
      const db = await openOfficialRecord(o.db, { existing: true, readOnly: true });
      let set: PayloadSet;
      try {
        set = buildPayloads(await siasnDecisions(db, o.dari ? { from: o.dari } : {}), { instansiId: o.instansi });
      } finally {
        await db.close();
      }
      const result: SiasnFileResult = { generatedAt: new Date().toISOString(), ...set };
      if (o.out) {
        const text = JSON.stringify(result, null, 2) + '\n';
        await writeNewText(o.out, text);
      }
      if (o.xlsx) {
        const sheets = [{ name: 'Riwayat Jabatan', rows: payloadRows(set, lang) }];
        if (set.incomplete.length) sheets.push({ name: 'Kurang Data', rows: incompleteRows(set, lang) });
        const bytes = await textWorkbook(sheets);
        await saveNewWorkbook((tmp) => fs.writeFile(tmp, bytes), o.xlsx, o.force === true);
      }
      if (o.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      else {
        const say = (id: string, en: string) => process.stdout.write((lang === 'en' ? en : id) + '\n');
        say(
          `${set.payloads.length} payload riwayat jabatan siap; ${set.incomplete.length} keputusan belum dapat dibuatkan payload.`,
          `${set.payloads.length} riwayat jabatan payloads ready; ${set.incomplete.length} decisions cannot have one yet.`,
        );
        for (const l of incompleteLines(set, lang)) process.stdout.write(`  ${l}\n`);
        if (o.out) say(`Ditulis: ${o.out}`, `Written: ${o.out}`);
        if (o.xlsx) say(`Ditulis: ${o.xlsx} (lembar Riwayat Jabatan${set.incomplete.length ? ' dan Kurang Data' : ''}, semua nilai teks)`, `Written: ${o.xlsx} (sheet Riwayat Jabatan${set.incomplete.length ? ' and Kurang Data' : ''}, every value as text)`);
      }
      process.exitCode = set.incomplete.length > 0 ? 1 : 0;
    });
  registerSiasnCek(siasn);
}
