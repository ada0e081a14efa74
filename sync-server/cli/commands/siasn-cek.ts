/**
 * `mutasi siasn cek <export.xlsx|.json> [--workbook nominatif.xlsx] [--db URL] [--json] [--out sheet.xlsx]`:
 * where the workbook and/or the official record differ from SIASN's data utama (docs/siasn.md).
 */
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import { ASPECTS, aspectName, disparityRows, sourceName, type DisparityReport, type OurPerson, type Source } from '../../../shared/siasn/disparity';
import { openOfficialRecord } from '../../server/env';
import { cekSiasn, recordPeople, workbookPeople } from '../../siasn/cek';
import { textWorkbook } from '../../siasn/sheet';
import { invocationLang, parseLang } from '../options';
import { UserError } from '../user-error';
import { checkNewFile, saveNewWorkbook } from './template';

const LIMIT = 50;

export function printCek(file: string, r: DisparityReport, lang: 'id' | 'en', out: (s: string) => void = (s) => process.stdout.write(s + '\n')): void {
  const en = lang === 'en';
  const srcs = r.sources.map((s) => sourceName(s, lang)).join(en ? ' and ' : ' dan ');
  out(en ? `SIASN check: ${file} (${r.compared} people) against the ${srcs}` : `Cek data SIASN: ${file} (${r.compared} orang) terhadap ${srcs}`);
  const withDiff = r.people.filter((p) => p.differences.length > 0).length;
  out(
    (en ? `${withDiff} people differ: ` : `${withDiff} orang berbeda: `) +
      ASPECTS.map((a) => `${aspectName(a, lang)} ${r.counts[a]}`).join(' · '),
  );
  for (const p of r.people.slice(0, LIMIT)) {
    out(`  ${p.nip} ${p.nama}`);
    for (const s of p.absentFrom) out(en ? `    not in the ${sourceName(s, lang)}` : `    tidak ada di ${sourceName(s, lang)}`);
    for (const d of p.differences) out(`    ${aspectName(d.aspect, lang)}: SIASN "${d.siasn}" ≠ ${sourceName(d.source, lang)} "${d.ours}"`);
  }
  if (r.people.length > LIMIT) out(en ? `  … and ${r.people.length - LIMIT} more (see --json or --out)` : `  … dan ${r.people.length - LIMIT} orang lagi (lihat --json atau --out)`);
  for (const s of r.sources) {
    const n = r.notInSiasn[s].length;
    if (n) out(en ? `${n} people in the ${sourceName(s, lang)} are not in the SIASN export` : `${n} orang di ${sourceName(s, lang)} tidak ada di unduhan SIASN`);
  }
  for (const k of r.skipped.slice(0, 10)) out(en ? `  skipped: row ${k.at}: ${k.reason}` : `  dilewati: baris ${k.at}: ${k.reason}`);
  if (r.people.length === 0) out(en ? 'No differences.' : 'Tidak ada perbedaan.');
}

export function registerSiasnCek(siasn: Command): void {
  siasn
    .command('cek')
    .description('cek data SIASN: bandingkan unduhan data utama SIASN dengan buku kerja dan/atau catatan resmi (unit, jabatan, TMT Jabatan, golongan)')
    .argument('<export>', 'unduhan data utama SIASN (.xlsx atau .json)')
    .option('--workbook <nominatif.xlsx>', 'buku kerja kantor (lembar Pegawai dan Jabatan)')
    .option('--db <url>', 'catatan resmi: berkas SQLite atau URL PostgreSQL (bawaan bila --workbook tidak diberikan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--json', 'laporan sebagai JSON')
    .option('--out <laporan.xlsx>', 'tulis laporan sebagai lembar "Cek SIASN" (semua nilai teks)')
    .option('--force', 'timpa berkas --out yang sudah ada')
    .option('--lang <id|en>', 'bahasa keluaran', parseLang)
    .addHelpText('after', '\nKode keluar: 0 tidak ada perbedaan, 1 ada perbedaan, 2 panggilan salah.')
    .action(async (file: string, _local: unknown, cmd: Command) => {
      // With options: `siasn` has --db, --out, --json, --force too and takes them wherever they stand.
      const o = cmd.optsWithGlobals<{ workbook?: string; db?: string; json?: boolean; out?: string; force?: boolean }>();
      const lang = invocationLang();
      if (o.out) {
        if (!/\.xlsx$/i.test(o.out)) throw new UserError(`--out harus berkas .xlsx, bukan "${o.out}"`, 2, `--out must be an .xlsx file, not "${o.out}"`);
        await checkNewFile(o.out, o.force === true);
      }
      const sources: Partial<Record<Source, Map<string, OurPerson>>> = {};
      if (o.workbook) sources.workbook = await workbookPeople(o.workbook);
      // The record when asked for, or when there is nothing else to compare with.
      if (o.db || !o.workbook) {
        const db = await openOfficialRecord(o.db, { existing: true, readOnly: true });
        try {
          sources.record = await recordPeople(db);
        } finally {
          await db.close();
        }
      }
      const report = await cekSiasn(file, sources);
      if (o.out) {
        const bytes = await textWorkbook([{ name: 'Cek SIASN', rows: disparityRows(report, lang) }]);
        await saveNewWorkbook((tmp) => fs.writeFile(tmp, bytes), o.out, o.force === true);
      }
      if (o.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else {
        printCek(file, report, lang);
        if (o.out) process.stdout.write((lang === 'en' ? `Written: ${o.out}` : `Ditulis: ${o.out}`) + '\n');
      }
      const differs = report.people.length > 0 || report.sources.some((s) => report.notInSiasn[s].length > 0);
      process.exitCode = differs ? 1 : 0;
    });
}
