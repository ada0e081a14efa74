/**
 * `mutasi talenta <file> [--out new.xlsx] [--json] [--as-of] [--lang] [--force]` — the talent pool and the
 * succession plan of every key post (RULES.md "Succession"; docs/talenta.md).
 * - The terminal summary: the 9-box counts, then the key posts that need attention first (no successor
 *   ready now), then the posts opening within `Horizon Pensiun (bulan)`.
 * - `--json`: the SuccessionResult contract (shared/succession/types.ts, documented in docs/talenta.md).
 * - `--out`: a copy of the workbook with the sheets Talenta and Suksesi created or replaced (the input is
 *   never written; an existing --out only with --force); every other part is copied byte for byte.
 * Exit 0 on success, 2 when the file cannot be read or the call is wrong.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import type { Lang } from '../../../shared/rules/types';
import { successionSheets, type KeyPost, type SuccessionResult } from '../../../shared/succession';
import { SUKSESI, TALENTA, ownSheetName, postsByAttention, suksesiSheet, talentaSheet } from '../../../shared/succession/sheets';
import type { Day } from '../../../shared/values/dates';
import { openWorkbookFile, readOpenedSheets } from '../../xlsx/file';
import { parseAsOf, parseLang } from '../options';
import { UserError } from '../user-error';
import { checkNewFile, saveNewWorkbook } from './template';

export interface TalentaFileResult {
  result: SuccessionResult;
  /** The sheet names written into --out. */
  sheets: { talenta: string; suksesi: string } | null;
  timings: { readMs: number; computeMs: number; writeMs: number };
}

/** The whole command without printing: shared with the tests and the benchmark. */
export async function talentaFile(input: string, o: { out?: string; asOf?: Day; lang: Lang; force?: boolean }): Promise<TalentaFileResult> {
  if (o.out !== undefined) {
    if (!/\.xlsx$/i.test(o.out)) throw new UserError(`--out harus berkas .xlsx, bukan "${o.out}"`, 2, `--out must be an .xlsx file, not "${o.out}"`);
    if (path.resolve(input) === path.resolve(o.out) || (await sameFile(input, o.out))) {
      throw new UserError(
        `--out tidak boleh sama dengan berkas masukan (${input}); talenta menulis salinan baru agar buku kerja asli tetap utuh`,
        2,
        `--out must not be the input file (${input}); talenta writes a new copy so the original workbook stays as it is`,
      );
    }
    await checkNewFile(o.out, o.force === true);
  }
  const t0 = performance.now();
  const gw = await openWorkbookFile(input);
  const { names, sheets } = await readOpenedSheets(gw, input);
  const t1 = performance.now();
  const { result, parsed } = successionSheets(sheets, { asOf: o.asOf, lang: o.lang, sheetNames: names });
  if (!result) {
    const why = parsed.sink.list.filter((f) => f.rule === 'SHEET_MISSING' || f.rule === 'HEADER_MISSING').map((f) => f.message);
    throw new UserError(`${input}: ${why.join(' ') || 'lembar Pegawai dan Jabatan tidak dapat dibaca'}`, 2, `${input}: ${why.join(' ') || 'sheets Pegawai and Jabatan cannot be read'}`);
  }
  const t2 = performance.now();
  let written: TalentaFileResult['sheets'] = null;
  if (o.out !== undefined) {
    const a1 = (name: string) => gw.doc.readSheets([name])[0]?.values[0]?.[0] ?? undefined;
    const talenta = ownSheetName(TALENTA, names, a1, 'talenta');
    const suksesi = ownSheetName(SUKSESI, names, a1, 'suksesi');
    gw.doc.putSheet(talenta, talentaSheet(result, o.lang));
    gw.doc.putSheet(suksesi, suksesiSheet(result, o.lang));
    const bytes = gw.toBytes();
    await saveNewWorkbook((tmp) => fs.writeFile(tmp, bytes), o.out, o.force === true);
    written = { talenta, suksesi };
  }
  const t3 = performance.now();
  return { result, sheets: written, timings: { readMs: t1 - t0, computeMs: t2 - t1, writeMs: t3 - t2 } };
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

const T = {
  id: {
    title: 'Talenta & Suksesi',
    asOf: 'tanggal acuan',
    people: (n: string, u: string) => `${n} PNS dalam peta talenta (${u} tanpa kotak: SKP atau Potensi kosong)`,
    groups: (s: string, r: string, b: string) => `Suksesi (kotak 7–9): ${s} · Rotasi & pengembangan (4–6): ${r} · Pembinaan (1–3): ${b}`,
    grid: 'Kotak talenta (jumlah pegawai)',
    perf: ['kinerja di bawah', 'sesuai', 'di atas'],
    pot: ['Potensi Tinggi  ', 'Potensi Menengah', 'Potensi Rendah  '],
    posts: (n: string, w: string, o: string, h: number) => `${n} jabatan kunci · ${w} tanpa suksesor siap sekarang · ${o} akan kosong dalam ${h} bulan`,
    attention: 'Jabatan kunci tanpa suksesor siap sekarang',
    opening: (h: number, end: string) => `Akan kosong dalam ${h} bulan (s.d. ${end})`,
    none: 'tidak ada kandidat siap',
    soon: 'terdekat: siap 1–2 tahun',
    ready: 'siap',
    best: 'suksesor pertama',
    emergency: 'suksesor darurat',
    noSucc: 'tidak ada kandidat',
    holder: 'pemangku',
    vacant: 'kosong sekarang',
    more: (n: number) => `… dan ${n} jabatan lain (lihat --json atau lembar Suksesi dengan --out)`,
    allReady: 'Setiap jabatan kunci punya suksesor siap sekarang.',
    noneOpening: 'Tidak ada pemangku jabatan kunci yang mencapai BUP dalam horizon.',
    noPosts: 'Tidak ada jabatan kunci (JPT, Administrator, atau Jabatan Kritikal = Ya) di lembar Jabatan.',
    wrote: (f: string, a: string, b: string) => `Ditulis: ${f} (lembar ${a} dan ${b}; bagian lain buku kerja disalin apa adanya)`,
    readiness: { now: 'siap sekarang', soon: 'siap 1–2 tahun', notYet: 'belum siap' },
  },
  en: {
    title: 'Talent & Succession',
    asOf: 'as of',
    people: (n: string, u: string) => `${n} PNS in the talent pool (${u} without a box: SKP or Potential empty)`,
    groups: (s: string, r: string, b: string) => `Succession (boxes 7–9): ${s} · Rotation & development (4–6): ${r} · Coaching (1–3): ${b}`,
    grid: 'Talent box (number of people)',
    perf: ['performance below', 'meets', 'above'],
    pot: ['Potential High  ', 'Potential Medium', 'Potential Low   '],
    posts: (n: string, w: string, o: string, h: number) => `${n} key posts · ${w} without a successor ready now · ${o} opening within ${h} months`,
    attention: 'Key posts without a successor ready now',
    opening: (h: number, end: string) => `Opening within ${h} months (to ${end})`,
    none: 'nobody ready',
    soon: 'nearest: ready in 1–2 years',
    ready: 'ready',
    best: 'first successor',
    emergency: 'emergency successor',
    noSucc: 'no candidate',
    holder: 'holder',
    vacant: 'vacant now',
    more: (n: number) => `… and ${n} more posts (see --json, or sheet Suksesi with --out)`,
    allReady: 'Every key post has a successor ready now.',
    noneOpening: 'No holder of a key post reaches retirement age within the horizon.',
    noPosts: 'No key posts (JPT, Administrator, or Jabatan Kritikal = Ya) on sheet Jabatan.',
    wrote: (f: string, a: string, b: string) => `Written: ${f} (sheets ${a} and ${b}; every other part of the workbook copied as it was)`,
    readiness: { now: 'ready now', soon: 'ready in 1–2 years', notYet: 'not yet ready' },
  },
};

const LIMIT = 25;

export function printTalenta(file: string, r: SuccessionResult, lang: Lang, out: (s: string) => void = (s) => process.stdout.write(s + '\n')): void {
  const t = T[lang];
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID');
  const n = (x: number) => nf.format(x);
  out(pc.bold(`${t.title}: ${file} (${t.asOf} ${r.asOf})`));
  const boxed = r.talent.people.length - r.talent.unboxed;
  out(t.people(n(boxed), n(r.talent.unboxed)));
  out(t.groups(n(r.talent.groups.suksesi), n(r.talent.groups.rotasi), n(r.talent.groups.pembinaan)));
  out('');
  out(pc.bold(t.grid));
  const cell = (box: number) => {
    const s = `${box}: ${n(r.talent.byBox[box - 1]!)}`.padEnd(18);
    return box >= 7 ? pc.green(s) : box >= 4 ? pc.yellow(s) : pc.red(s);
  };
  out(`  ${' '.repeat(16)}  ${t.perf.map((p) => p.padEnd(18)).join('')}`);
  [[6, 8, 9], [3, 5, 7], [1, 2, 4]].forEach((line, i) => out(`  ${t.pot[i]}  ${line.map(cell).join('')}`));
  out('');
  out(pc.bold(t.posts(n(r.counts.keyPosts), n(r.counts.withoutReady), n(r.counts.opening), r.settings.horizonMonths)));
  if (r.posts.length === 0) {
    out(t.noPosts);
    return;
  }
  const line = (p: KeyPost) => {
    const first = p.successors[0];
    const status = p.status === 'none' ? pc.red(t.none) : p.status === 'soon' ? pc.yellow(t.soon) : pc.green(t.ready);
    const who = first ? `${t.best}: ${first.name} (${first.nip}, ${t.readiness[first.readiness]}, ${lang === 'en' ? 'box' : 'kotak'} ${first.box})` : t.noSucc;
    const when = p.opensOn ? ` · ${lang === 'en' ? 'opens' : 'akan kosong'} ${p.opensOn}` : p.vacantNow ? ` · ${t.vacant}` : '';
    return `  ${pc.bold(p.code)} ${p.name} — ${p.unit}: ${status}${when}\n      ${who}`;
  };
  out('');
  const flagged = postsByAttention(r.posts.filter((p) => p.noReadySuccessor));
  out(pc.bold(`${t.attention} (${n(flagged.length)})`));
  if (flagged.length === 0) out(`  ${t.allReady}`);
  flagged.slice(0, LIMIT).forEach((p) => out(line(p)));
  if (flagged.length > LIMIT) out(`  ${t.more(flagged.length - LIMIT)}`);
  out('');
  const opening = r.posts.filter((p) => p.opensOn !== null).sort((a, b) => a.opensOn!.localeCompare(b.opensOn!) || (a.code < b.code ? -1 : 1));
  out(pc.bold(`${t.opening(r.settings.horizonMonths, r.settings.horizonEnd)} (${n(opening.length)})`));
  if (opening.length === 0) out(`  ${t.noneOpening}`);
  for (const p of opening.slice(0, LIMIT)) {
    const h = p.holders.filter((x) => x.withinHorizon).map((x) => `${x.name} (${x.retiresOn})`).join(', ');
    const em = p.emergency ? p.successors.find((s) => s.emergency)!.name : null;
    out(`  ${p.opensOn}  ${pc.bold(p.code)} ${p.name} — ${t.holder} ${h} · ${em ? `${t.emergency}: ${em}` : pc.red(t.none)}`);
  }
  if (opening.length > LIMIT) out(`  ${t.more(opening.length - LIMIT)}`);
}

export function registerTalenta(program: Command): void {
  program
    .command('talenta')
    .description('peta talenta (9-box) dan rencana suksesi setiap jabatan kunci (RULES.md, Succession)')
    .argument('<workbook.xlsx>', 'buku kerja yang dibaca')
    .option('--out <baru.xlsx>', 'tulis salinan buku kerja dengan lembar Talenta dan Suksesi')
    .option('--json', 'keluaran JSON (untuk mesin; lihat docs/talenta.md)')
    .option('--as-of <YYYY-MM-DD>', 'tanggal acuan (menggantikan Tanggal Acuan di lembar Aturan)', parseAsOf)
    .option('--lang <id|en>', 'bahasa pesan', parseLang, 'id')
    .option('--force', 'timpa berkas --out yang sudah ada')
    .addHelpText(
      'after',
      '\nBerkas masukan tidak pernah ditimpa. Kode keluar: 0 berhasil, 2 berkas tidak dapat dibaca atau perintah salah.\n' +
        'Contoh: npx mutasi talenta data.xlsx\n' +
        '        npx mutasi talenta data.xlsx --out data-talenta.xlsx',
    )
    .action(async (file: string, o: { out?: string; json?: boolean; asOf?: Day; lang: Lang; force?: boolean }) => {
      const r = await talentaFile(file, o);
      if (o.json) process.stdout.write(JSON.stringify({ file, ...r.result }, null, 2) + '\n');
      else {
        printTalenta(file, r.result, o.lang);
        if (r.sheets) process.stdout.write(`\n${T[o.lang].wrote(o.out!, r.sheets.talenta, r.sheets.suksesi)}\n`);
      }
      process.exitCode = 0;
    });
}
