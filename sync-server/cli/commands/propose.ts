/**
 * `mutasi propose <in.xlsx> --out <out.xlsx> [--json] [--as-of] [--tmt] [--lang] [--darurat KODE --count N] [--why NIP]`
 *
 * Reads the workbook, proposes the optimal plan (or, with --darurat, the best people for one
 * position), and writes a copy with the moves appended to sheet Usulan as Draf rows. The input file
 * is never written: an HR office's master workbook stays as it was until someone decides to adopt
 * the proposals (--out naming the input itself is refused). Exit 0 on success, 2 when the files or
 * the call are wrong.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type cliProgress from 'cli-progress';
import pc from 'picocolors';
import { checkSheets } from '../../../shared/engine';
import { DaruratError, proposeBook, proposeDarurat, type DaruratResult, type ProposerRun } from '../../../shared/proposer';
import type { Plan, ProposedMove, WhyNot } from '../../../shared/proposer/types';
import { describeScore, int, num } from '../../../shared/proposer/words';
import type { Lang } from '../../../shared/rules/types';
import { addMonths, isoDate, type Day } from '../../../shared/values/dates';
import { matchSheetNames } from '../../../shared/workbook/locate';
import { writeProposals, type ProposalRow, type WrittenRows } from '../../../shared/workbook/write-proposals';
import { openWorkbookFile, readOpenedSheets } from '../../xlsx/file';
import { parseAsOf, parseLang, parsePositiveInt } from '../options';
import { renderTable } from '../table';
import { UserError } from '../user-error';
import { checkNewFile, saveNewWorkbook } from '../new-file';

interface ProposeOptions {
  out?: string;
  json?: boolean;
  asOf?: Day;
  tmt?: Day;
  lang: Lang;
  darurat?: string;
  count?: number;
  why?: string;
  all?: boolean;
  tanpaPeringatan?: boolean;
  force?: boolean;
}

/** Workbooks at least this large get a progress bar (when stderr is a terminal). */
const PROGRESS_FROM = 2000;
const LIMIT = 50;

export interface ProposeTimings {
  readMs: number;
  checkMs: number;
  candidatesMs: number;
  solveMs: number;
  explainMs: number;
  writeMs: number;
  /** Of writeMs: saving the copy (the surgical writer's zip, and the file written). */
  saveMs: number;
  totalMs: number;
}

export interface ProposeFileResult {
  run: ProposerRun | null;
  darurat: DaruratResult | null;
  written: WrittenRows;
  timings: ProposeTimings;
}

/** How far after the as-of date a TMT Mutasi of new proposals may be: further is taken for a typo. */
const TMT_MAX_YEARS_AHEAD = 2;

/**
 * A TMT Mutasi before the as-of date would make the new proposals retroactive (a transfer decree takes
 * effect from its date onwards), and one years ahead is almost always a mistyped year (2062 for 2026):
 * either would run every rule at a date nobody meant and give an empty or odd plan. Refused, saying
 * which date and why.
 */
function refuseUnlikelyTmt(tmt: Day | undefined, asOf: Day, asOfGiven: boolean): void {
  if (tmt === undefined) return;
  const from = asOfGiven ? '--as-of' : 'Tanggal Acuan (lembar Aturan, atau hari ini)';
  const fromEn = asOfGiven ? '--as-of' : 'the as-of date (sheet Aturan, or today)';
  if (tmt < asOf) {
    throw new UserError(
      `--tmt ${isoDate(tmt)} lebih awal dari ${from} ${isoDate(asOf)}: usulan baru tidak berlaku surut. Pakai --tmt pada atau sesudah ${isoDate(asOf)}, atau --as-of yang lebih awal bila rencana ini memang untuk saat itu.`,
      2,
      `--tmt ${isoDate(tmt)} is before ${fromEn} ${isoDate(asOf)}: new proposals are not retroactive. Use a --tmt on or after ${isoDate(asOf)}, or an earlier --as-of if the plan is really for that time.`,
    );
  }
  const limit = addMonths(asOf, 12 * TMT_MAX_YEARS_AHEAD);
  if (tmt > limit) {
    throw new UserError(
      `--tmt ${isoDate(tmt)} lebih dari ${TMT_MAX_YEARS_AHEAD} tahun sesudah ${from} ${isoDate(asOf)} (salah ketik tahun?). Pakai --tmt paling lambat ${isoDate(limit)}, atau --as-of yang lebih dekat ke TMT itu.`,
      2,
      `--tmt ${isoDate(tmt)} is more than ${TMT_MAX_YEARS_AHEAD} years after ${fromEn} ${isoDate(asOf)} (a mistyped year?). Use a --tmt no later than ${isoDate(limit)}, or an --as-of closer to that TMT.`,
    );
  }
}

/** The whole command without printing: shared with the benchmark. */
export async function proposeFile(input: string, out: string, o: Omit<ProposeOptions, 'out' | 'json' | 'all'>, progress?: Progress): Promise<ProposeFileResult> {
  await refuseOverwrite(input, out);
  await checkNewFile(out, o.force === true);
  const t0 = performance.now();
  progress?.phase(o.lang === 'en' ? 'reading' : 'membaca', 1);
  const gw = await openWorkbookFile(input);
  const { names, sheets } = await readOpenedSheets(gw, input);
  const t1 = performance.now();
  progress?.phase(o.lang === 'en' ? 'checking' : 'memeriksa', 1);
  const { result, book, parsed, roster } = checkSheets(sheets, { asOf: o.asOf, lang: o.lang, sheetNames: names });
  if (!book) {
    const why = result.findings.filter((f) => f.rule === 'SHEET_MISSING' || f.rule === 'HEADER_MISSING').map((f) => f.message);
    throw new UserError(
      `${input}: ${why.join(' ') || 'lembar Pegawai dan Jabatan tidak dapat dibaca'}`,
      2,
      `${input}: ${why.join(' ') || 'sheets Pegawai and Jabatan cannot be read'}`,
    );
  }
  refuseUnlikelyTmt(o.tmt, book.settings.asOf, o.asOf !== undefined);
  // --why for someone not in the workbook: said before a plan is made or a file written.
  if (o.why !== undefined) {
    const nip = o.why.replace(/\s+/g, '');
    if (!book.employees.some((e) => e.nip === nip)) {
      throw new UserError(
        `--why ${o.why}: NIP itu tidak ada di lembar ${book.layout.pegawai.name} ${input}; periksa angkanya (18 digit). Tidak ada yang ditulis.`,
        2,
        `--why ${o.why}: that NIP is not in sheet ${book.layout.pegawai.name} of ${input}; check the number (18 digits). Nothing was written.`,
      );
    }
  }
  const t2 = performance.now();
  const opts = { date: o.tmt, lang: o.lang, findings: result.findings, withoutWarnings: o.tanpaPeringatan === true, roster };

  let run: ProposerRun | null = null;
  let darurat: DaruratResult | null = null;
  let rows: ProposalRow[];
  if (o.darurat !== undefined) {
    try {
      darurat = proposeDarurat(book, o.darurat, o.count ?? 1, opts);
    } catch (e) {
      if (e instanceof DaruratError) throw new UserError(`--darurat: ${e.message}`, 2, `--darurat: ${e.message}`);
      throw e;
    }
    rows = darurat.chosen.map((p) => toRow(p.move, darurat!.context.date));
  } else {
    run = proposeBook(book, {
      ...opts,
      onProgress: progress && ((phase, done, total) => progress.update(phase === 'candidates' ? (o.lang === 'en' ? 'candidates' : 'kandidat') : phase === 'solve' ? (o.lang === 'en' ? 'optimising' : 'optimasi') : 'penjelasan', done, total)),
    });
    rows = run.plan.moves.map((m) => toRow(m, run!.context.date));
  }
  const t3 = performance.now();

  progress?.phase(o.lang === 'en' ? 'writing' : 'menulis', 1);
  const usulanName = parsed.sheets.usulan?.name;
  if (!usulanName) {
    const role = matchSheetNames(await gw.listSheets()).usulan;
    if (role) {
      throw new UserError(
        `lembar ${role} ada, tetapi kolom NIP dan Kode Jabatan Tujuan tidak ditemukan di 10 baris pertamanya; perbaiki judul kolomnya (lihat mutasi template) lalu coba lagi`,
        2,
        `sheet ${role} is there, but no NIP and Kode Jabatan Tujuan columns were found in its first 10 rows; fix its headers (see mutasi template) and try again`,
      );
    }
  }
  const written = await writeProposals(
    gw,
    {
      sheet: usulanName ? sheets.find((s) => s.name === usulanName)! : null,
      layout: usulanName ? book.layout.usulan : null,
      existingIds: book.proposals.map((p) => p.id),
    },
    rows,
  );
  const tSave = performance.now();
  // Through a temporary file: a failed write never leaves half a workbook (or destroys one under --force).
  const bytes = gw.toBytes();
  await saveNewWorkbook((tmp) => fs.writeFile(tmp, bytes), out, o.force === true);
  const t4 = performance.now();
  progress?.stop();
  const ms = run?.plan.stats.ms;
  return {
    run,
    darurat,
    written,
    timings: {
      readMs: t1 - t0,
      checkMs: t2 - t1 + (ms?.context ?? 0),
      candidatesMs: ms ? ms.candidates : t3 - t2,
      solveMs: ms?.solve ?? 0,
      explainMs: ms?.explain ?? 0,
      writeMs: t4 - t3,
      saveMs: t4 - tSave,
      totalMs: t4 - t0,
    },
  };
}

function toRow(m: ProposedMove, date: Day): ProposalRow {
  return { nip: m.nip, toCode: m.toCode, reason: m.reason, date, jpm: m.jpm, explanation: m.explanation };
}

/** The input is the office's master copy: writing over it is refused, by path and by file identity. */
async function refuseOverwrite(input: string, out: string): Promise<void> {
  if (!/\.xlsx$/i.test(out)) throw new UserError(`--out harus berkas .xlsx, bukan "${out}"`, 2, `--out must be an .xlsx file, not "${out}"`);
  const same = path.resolve(input) === path.resolve(out) || (await sameFile(input, out));
  if (same) {
    throw new UserError(
      `--out tidak boleh sama dengan berkas masukan (${input}); propose menulis salinan baru agar buku kerja asli tetap utuh`,
      2,
      `--out must not be the input file (${input}); propose writes a new copy so the original workbook stays as it is`,
    );
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false; // the output does not exist yet (or the input does not: open() reports that)
  }
}

/** A progress bar on stderr for large workbooks, only when stderr is a terminal. */
export class Progress {
  private bar: cliProgress.SingleBar | null = null;
  private label = '';
  constructor(private readonly enabled: boolean) {}
  phase(label: string, total: number): void {
    this.update(label, 0, total);
  }
  update(label: string, done: number, total: number): void {
    if (!this.enabled) return;
    if (!this.bar) {
      // Loaded only when a bar is shown (a terminal and a large workbook): not in every run's start-up.
      const cliProgress = require('cli-progress') as typeof import('cli-progress');
      this.bar = new cliProgress.SingleBar(
        { stream: process.stderr, format: ' {label} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, done, { label });
      this.label = label;
      return;
    }
    if (label !== this.label) {
      this.bar.setTotal(total);
      this.label = label;
    }
    this.bar.update(done, { label });
  }
  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

export function registerPropose(program: Command): void {
  program
    .command('propose')
    .description('isi jabatan lowong dengan calon terbaik yang memenuhi syarat (rencana optimal), tulis sebagai usulan Draf')
    .argument('<workbook.xlsx>', 'buku kerja sumber (tidak diubah)')
    .requiredOption('--out <new.xlsx>', 'berkas hasil: salinan buku kerja dengan usulan baru di lembar Usulan')
    .option('--json', 'keluaran JSON: rencana, alternatif, ringkasan per unit')
    .option('--as-of <YYYY-MM-DD>', 'tanggal acuan (menggantikan Tanggal Acuan di lembar Aturan)', parseAsOf)
    .option('--tmt <YYYY-MM-DD>', 'TMT Mutasi usulan baru (bawaan: tanggal acuan)', parseAsOf)
    .option('--lang <id|en>', 'bahasa', parseLang, 'id')
    .option('--darurat <KODE>', 'mutasi darurat: pegawai terbaik untuk satu jabatan, masa jabatan minimal dilonggarkan')
    .option('--count <N>', 'jumlah pegawai untuk --darurat', parsePositiveInt)
    .option('--why <NIP>', 'jelaskan mengapa pegawai ini (tidak) diusulkan')
    .option('--tanpa-peringatan', 'usulkan hanya mutasi tanpa peringatan (tidak ada yang perlu Catatan/justifikasi untuk disetujui)')
    .option('--all', 'tampilkan semua usulan (tanpa batas 50 baris)')
    .option('--force', 'timpa berkas --out yang sudah ada')
    .addHelpText(
      'after',
      '\nBerkas masukan tidak pernah ditimpa; berkas --out yang sudah ada hanya ditimpa dengan --force. Kode keluar: 0 berhasil, 2 berkas tidak dapat dibaca atau perintah salah.\n' +
        'Contoh: npx mutasi propose data.xlsx --out usulan.xlsx\n' +
        '        npx mutasi propose data.xlsx --out darurat.xlsx --darurat DINKES-PERAWAT --count 5',
    )
    .action(async (file: string, o: ProposeOptions) => {
      if (o.darurat !== undefined && !o.darurat.trim()) throw new UserError('--darurat memerlukan kode jabatan dari kolom Kode Jabatan lembar Jabatan, mis. --darurat DINKES-PERAWAT', 2, '--darurat needs a position code from the Kode Jabatan column of sheet Jabatan, e.g. --darurat DINKES-PERAWAT');
      if (o.count !== undefined && o.darurat === undefined) throw new UserError('--count hanya berlaku bersama --darurat KODE', 2, '--count only applies together with --darurat CODE');
      if (o.darurat !== undefined && o.count === undefined) throw new UserError('--darurat memerlukan --count N (jumlah pegawai yang dibutuhkan)', 2, '--darurat needs --count N (how many staff are needed)');
      if (o.why !== undefined && o.darurat !== undefined) throw new UserError('--why tidak dapat dipakai bersama --darurat', 2, '--why cannot be used together with --darurat');
      if (o.tanpaPeringatan && o.darurat !== undefined) throw new UserError(
          '--tanpa-peringatan tidak dapat dipakai bersama --darurat (mutasi darurat selalu membawa peringatan masa jabatan)',
          2,
          '--tanpa-peringatan cannot be used together with --darurat (an emergency transfer always carries the time-in-post warning)',
        );
      const large = await looksLarge(file);
      const progress = new Progress(!!process.stderr.isTTY && large);
      const r = await proposeFile(file, o.out!, o, progress);
      const print = (s: string) => process.stdout.write(s + '\n');
      if (o.json) {
        const body = r.darurat
          ? { file, out: o.out, written: r.written, darurat: { ...r.darurat, context: undefined } }
          : { file, out: o.out, written: r.written, ...r.run!.plan, ...(o.why ? { why: r.run!.whyNot(o.why) } : {}) };
        print(JSON.stringify(body, null, 2));
        return;
      }
      if (r.darurat) printDarurat(file, o.out!, r.darurat, r.written, o.lang, print);
      else {
        printPlan(file, o.out!, r.run!.plan, r.written, o.lang, !!o.all, print);
        if (o.why) printWhy(r.run!.whyNot(o.why), o.lang, print);
      }
    });
}

/** A cheap size test (file bytes) so small runs never flash a bar. */
async function looksLarge(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).size > PROGRESS_FROM * 150;
  } catch {
    return false;
  }
}

const T = {
  id: {
    title: 'Rencana mutasi', asOf: 'tanggal acuan', tmt: 'TMT', employees: 'pegawai', free: 'dapat diusulkan', movable: 'lolos syarat pribadi',
    vacant: 'jabatan lowong', seats: 'kursi', proposed: (n: string, total: string) => `Diusulkan ${n} mutasi (total skor ${total}).`,
    strict: 'Hanya mutasi tanpa peringatan (--tanpa-peringatan): tidak ada yang perlu Catatan untuk disetujui.',
    warned: (n: string) => `${n} usulan membawa peringatan: penyetuju perlu mengisi Catatan (justifikasi). Pakai --tanpa-peringatan untuk rencana yang hanya berisi mutasi tanpa peringatan.`,
    written: (s: string, a: number, b: number, out: string) => `Ditulis sebagai Draf di lembar ${s} baris ${a}–${b} pada ${out}.`,
    none: (out: string) => `Tidak ada mutasi yang diusulkan; ${out} ditulis tanpa baris baru.`,
    head: ['No Usulan', 'NIP', 'Nama', 'Dari', 'Ke', 'Jenis', 'JPM', 'Skor'], more: (n: string) => `… dan ${n} usulan lain (pakai --all atau --json)`,
    unfilled: 'Kursi yang tetap lowong', opened: 'Lowongan baru yang dibuka rencana ini (usulkan lagi sesudah diputuskan)',
    units: 'Ringkasan per unit', unitHead: ['Unit', 'Kebutuhan', 'Pemegang kini', 'Sesudah usulan aktif', 'Sesudah rencana', 'Lebih / kurang'],
    addedHeaders: (h: string) => `Kolom ditambahkan di kanan lembar Usulan: ${h}.`,
    darurat: 'Mutasi darurat', need: (req: string, vac: string) => `Diminta ${req} pegawai; kursi lowong ${vac}.`,
    short: (n: string) => `${n} pegawai tidak dapat ditempatkan: jabatan penuh menurut Kebutuhan (FORMATION_FULL adalah galat). Naikkan Kebutuhan di lembar Jabatan bila keadaan darurat memerlukannya, lalu jalankan lagi. Cadangan:`,
    relaxed: 'masa jabatan dilonggarkan', fieldOk: 'jurusan sesuai', reserves: 'Cadangan berikutnya:',
    why: 'Penjelasan untuk', blocks: 'Penghalang',
    depends: (n: string) => `${n} usulan mengisi kursi yang baru kosong bila usulan aktif sebelumnya tercatat lebih dulu; kirim (Sinkron) usulan itu lebih dulu:`,
    dependsRow: (id: string, by: string) => `kursi ini kosong bila ${by} tercatat lebih dulu`,
  },
  en: {
    title: 'Transfer plan', asOf: 'as of', tmt: 'TMT', employees: 'employees', free: 'free to propose', movable: 'pass the personal rules',
    vacant: 'vacant positions', seats: 'seats', proposed: (n: string, total: string) => `Proposed ${n} transfers (total score ${total}).`,
    strict: 'Only transfers without warnings (--tanpa-peringatan): none needs a Catatan to be approved.',
    warned: (n: string) => `${n} proposals carry warnings: the approver must give a justification (Catatan). Use --tanpa-peringatan for a plan of warning-free transfers only.`,
    written: (s: string, a: number, b: number, out: string) => `Written as Draf on sheet ${s} rows ${a}–${b} of ${out}.`,
    none: (out: string) => `No transfer proposed; ${out} written without new rows.`,
    head: ['No Usulan', 'NIP', 'Name', 'From', 'To', 'Type', 'JPM', 'Score'], more: (n: string) => `… and ${n} more (use --all or --json)`,
    unfilled: 'Seats left vacant', opened: 'New vacancies this plan opens (propose again once decided)',
    units: 'Summary per unit', unitHead: ['Unit', 'Needed', 'Holders today', 'After active proposals', 'After plan', 'Surplus / deficit'],
    addedHeaders: (h: string) => `Columns added at the right of sheet Usulan: ${h}.`,
    darurat: 'Emergency transfer', need: (req: string, vac: string) => `Requested ${req}; vacant seats ${vac}.`,
    short: (n: string) => `${n} cannot be placed: the position is full by its Kebutuhan (FORMATION_FULL is an error). Raise Kebutuhan on sheet Jabatan if the emergency needs it, then run again. Reserves:`,
    relaxed: 'tenure relaxed', fieldOk: 'major matches', reserves: 'Next reserves:',
    why: 'Explanation for', blocks: 'Blocks',
    depends: (n: string) => `${n} proposals fill seats that are free only once earlier active proposals are recorded; push those first:`,
    dependsRow: (id: string, by: string) => `seat free only if ${by} is recorded first`,
  },
};

function printPlan(file: string, out: string, plan: Plan, w: WrittenRows, lang: Lang, all: boolean, print: (s: string) => void): void {
  const t = T[lang];
  const s = plan.stats;
  print(pc.bold(`${t.title}: ${file} → ${out}`) + pc.dim(` (${t.asOf} ${plan.asOf}, ${t.tmt} ${plan.date})`));
  print(`${int(s.employees, lang)} ${t.employees} · ${int(s.pool, lang)} ${t.free} · ${int(s.movable, lang)} ${t.movable} · ${int(s.positionsWithVacancy, lang)} ${t.vacant} (${int(s.seats, lang)} ${t.seats})`);
  if (plan.withoutWarnings) print(pc.dim(t.strict));
  if (plan.moves.length === 0) {
    print(t.none(out));
  } else {
    print(pc.green(t.proposed(int(plan.moves.length, lang), num(plan.totalScore, lang))) + ' ' + t.written(w.sheet, w.firstRow, w.lastRow, out));
    const shown = all ? plan.moves : plan.moves.slice(0, LIMIT);
    print(
      renderTable({
        head: t.head,
        rows: shown.map((m, i) => [w.ids[i]!, m.nip, m.name, m.fromCode, m.toCode, m.reason, m.jpm === null ? '—' : `${num(m.jpm, lang)} %`, num(m.score, lang)]),
        colAligns: ['left', 'left', 'left', 'left', 'left', 'left', 'right', 'right'],
        compact: true,
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      }),
    );
    if (shown.length < plan.moves.length) print(pc.dim(t.more(int(plan.moves.length - shown.length, lang))));
    const warned = plan.moves.filter((m) => m.notes.some((x) => x.severity === 'warning')).length;
    if (warned > 0) print(pc.yellow(t.warned(int(warned, lang))));
    const dependent = plan.moves.map((m, i) => [m, w.ids[i]!] as const).filter(([m]) => m.dependsOn?.length);
    if (dependent.length > 0) {
      print(pc.yellow(t.depends(int(dependent.length, lang))));
      for (const [m, id] of all ? dependent : dependent.slice(0, LIMIT)) print(`  ${id} → ${m.toCode}: ${t.dependsRow(id, m.dependsOn!.join(', '))}`);
      if (!all && dependent.length > LIMIT) print(pc.dim(`  ${t.more(int(dependent.length - LIMIT, lang))}`));
    }
  }
  if (w.addedHeaders.length) print(pc.yellow(t.addedHeaders(w.addedHeaders.join(', '))));
  const unfilled = plan.seats.filter((x) => x.unfilled);
  if (unfilled.length) {
    print('');
    print(pc.bold(`${t.unfilled} (${int(unfilled.reduce((a, x) => a + x.unfilled!.open, 0), lang)})`));
    for (const x of all ? unfilled : unfilled.slice(0, LIMIT)) print(`  ${pc.bold(x.code)} ${pc.dim(x.unit)} ${int(x.unfilled!.open, lang)}/${int(x.vacant, lang)}: ${x.unfilled!.message}`);
    if (!all && unfilled.length > LIMIT) print(pc.dim(`  ${t.more(int(unfilled.length - LIMIT, lang))}`));
  }
  if (plan.opened.length) {
    print('');
    print(pc.bold(`${t.opened} (${int(plan.opened.reduce((a, x) => a + x.count, 0), lang)})`));
    for (const v of all ? plan.opened : plan.opened.slice(0, LIMIT)) print(`  ${v.code} ${pc.dim(v.unit)} ${int(v.count, lang)}`);
    if (!all && plan.opened.length > LIMIT) print(pc.dim(`  ${t.more(int(plan.opened.length - LIMIT, lang))}`));
  }
  print('');
  print(pc.bold(t.units));
  const rows = plan.units.after.map((u, i) => {
    const b = u.balance;
    const bs = b > 0 ? pc.yellow(`+${int(b, lang)}`) : b < 0 ? pc.red(int(b, lang)) : pc.green('0');
    return [u.unit, int(u.needed, lang), int(u.holdersToday, lang), int(plan.units.before[i]!.holdersAfter, lang), int(u.holdersAfter, lang), bs];
  });
  print(renderTable({ head: t.unitHead, rows, colAligns: ['left', 'right', 'right', 'right', 'right', 'right'] }));
}

function printDarurat(file: string, out: string, d: DaruratResult, w: WrittenRows, lang: Lang, print: (s: string) => void): void {
  const t = T[lang];
  print(pc.bold(`${t.darurat}: ${d.code} ${d.name} (${d.unit})`) + pc.dim(` ${file} → ${out}, ${t.tmt} ${d.date}`));
  print(t.need(int(d.requested, lang), int(d.vacant, lang)));
  const line = (p: DaruratResult['chosen'][number], id: string) =>
    `  ${id.padEnd(7)} ${p.move.nip} ${p.move.name} ${pc.dim(p.move.fromCode)} JPM ${p.move.jpm === null ? '—' : num(p.move.jpm, lang) + ' %'}` +
    `${p.majorMatch ? pc.green(` · ${t.fieldOk}`) : ''}${p.tenureRelaxed ? pc.yellow(` · ${t.relaxed}`) : ''}`;
  if (d.chosen.length) {
    print(pc.green(t.proposed(int(d.chosen.length, lang), num(d.chosen.reduce((a, p) => a + p.move.score, 0), lang))) + ' ' + t.written(w.sheet, w.firstRow, w.lastRow, out));
    d.chosen.forEach((p, i) => print(line(p, w.ids[i]!)));
  } else print(t.none(out));
  if (d.requested > d.chosen.length) print(pc.yellow(t.short(int(d.requested - d.chosen.length, lang))));
  else if (d.reserves.length) print(t.reserves);
  d.reserves.forEach((p) => print(line(p, '')));
}

function printWhy(w: WhyNot, lang: Lang, print: (s: string) => void): void {
  const t = T[lang];
  print('');
  print(pc.bold(`${t.why} ${w.nip}${w.name ? ` (${w.name})` : ''}`));
  print(`  ${w.message}`);
  if (w.blocks.length) {
    print(`  ${t.blocks}:`);
    for (const b of w.blocks) print(`    ${b.severity === 'error' ? pc.red('✖') : pc.yellow('▲')} ${pc.bold(b.rule)} ${b.message}`);
  }
  if (w.move) print(`  ${describeScore(w.move.score, w.move.parts, lang)}`);
}
