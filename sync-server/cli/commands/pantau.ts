/**
 * `mutasi pantau [--unit U] [--at YYYY-MM-DD] [--json] [--db URL] [--lang en]` — after the move, from
 * the official record: what is due or overdue at a date (SPMT, reviews at 6 and 12 months…) and the
 * report per receiving unit. Exit 1 when anything is overdue, so a scheduled job can mail the list
 * (`mutasi pantau || mail …`); 0 when nothing is; 2 when the call or the database is wrong.
 */
import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import { loadMoves, readFollowupSettings } from '../../db/followups';
import { openOfficialRecord } from '../../server/env';
import { todayWib } from '../../server/push/clock';
import { REPORT_MONTHS, dueList, followupReport, type DueItem, type UnitReport } from '../../../shared/followup';
import { addMonths, idDate, isoDate, parseDateText, type Day } from '../../../shared/values/dates';
import type { Lang } from '../../../shared/rules/types';
import { parseAsOf, parseLang } from '../options';
import { UserError } from '../user-error';

interface Options {
  unit?: string;
  at?: Day;
  json?: boolean;
  db?: string;
  lang: Lang;
}

const WORDS = {
  id: {
    title: (at: string, unit: string | null) => `Pantau pasca mutasi per ${at} — ${unit ? `unit ${unit}` : 'semua unit'}`,
    settings: (days: number, months: number[]) => `Batas SPMT ${days} hari sesudah TMT; evaluasi bulan ke-${months.join(' dan ')}`,
    none: 'Tidak ada yang jatuh tempo atau terlambat.',
    head: ['Status', 'Apa', 'Jatuh tempo', 'No. Catatan', 'NIP', 'Nama', 'Jabatan baru', 'Unit'],
    overdue: (n: number) => `terlambat ${n} hari`,
    due: 'jatuh tempo',
    spmt: 'SPMT',
    review: (m: number) => `Evaluasi ${m} bln`,
    count: (o: number, d: number) => `${o} terlambat, ${d} jatuh tempo.`,
    reportTitle: (from: string, to: string) => `Laporan per unit (TMT ${from} s.d. ${to})`,
    reportHead: ['Unit', 'Mutasi', 'SPMT tepat', 'SPMT telat', 'SPMT belum', 'Eval. selesai', 'Eval. jatuh tempo', 'Eval. terlambat', 'SKP naik', 'SKP sama', 'SKP turun'],
    total: 'Jumlah',
    noUnit: (u: string, known: string[]) => `unit "${u}" tidak ada di catatan resmi${known.length ? `; unit yang ada: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}` : ''}`,
  },
  en: {
    title: (at: string, unit: string | null) => `After the move, as of ${at} — ${unit ? `unit ${unit}` : 'all units'}`,
    settings: (days: number, months: number[]) => `SPMT due ${days} days after TMT; reviews at month ${months.join(' and ')}`,
    none: 'Nothing is due or overdue.',
    head: ['Status', 'What', 'Due', 'Record no.', 'NIP', 'Name', 'New post', 'Unit'],
    overdue: (n: number) => `overdue ${n} days`,
    due: 'due',
    spmt: 'SPMT',
    review: (m: number) => `Review ${m} mo`,
    count: (o: number, d: number) => `${o} overdue, ${d} due.`,
    reportTitle: (from: string, to: string) => `Report per unit (TMT ${from} to ${to})`,
    reportHead: ['Unit', 'Moves', 'SPMT on time', 'SPMT late', 'SPMT missing', 'Reviews done', 'Reviews due', 'Reviews overdue', 'SKP higher', 'SKP same', 'SKP lower'],
    total: 'Total',
    noUnit: (u: string, known: string[]) => `unit "${u}" is not in the official record${known.length ? `; units: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}` : ''}`,
  },
};

export function registerPantau(program: Command): void {
  program
    .command('pantau')
    .description('pasca mutasi: SPMT dan evaluasi yang jatuh tempo atau terlambat, dan laporan per unit')
    .option('--unit <unit>', 'hanya unit penerima ini (Unit Kerja seperti di sheet Jabatan)')
    .option('--at <YYYY-MM-DD>', 'per tanggal ini (bawaan: hari ini, WIB)', parseAsOf)
    .option('--json', 'keluaran JSON')
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--lang <id|en>', 'bahasa keluaran', parseLang, 'id' as Lang)
    .addHelpText('after', '\nKode keluar: 0 tidak ada yang terlambat, 1 ada yang terlambat (untuk tugas terjadwal yang mengirim daftarnya), 2 panggilan atau basis data salah.')
    .action(async (o: Options) => {
      const db = await openOfficialRecord(o.db, { existing: true, readOnly: true });
      try {
        const t = WORDS[o.lang];
        const unit = o.unit?.trim() || null;
        if (unit) {
          const known = ((await db.read('positions').distinct('unit').orderBy('unit')) as { unit: string }[]).map((r) => r.unit);
          if (!known.includes(unit)) throw new UserError(WORDS.id.noUnit(unit, known), 2, WORDS.en.noUnit(unit, known));
        }
        const at = o.at ?? todayWib();
        const from = isoDate(addMonths(at, -REPORT_MONTHS));
        const settings = await readFollowupSettings(db.read);
        const moves = await loadMoves(db.read, { unit, to: isoDate(at) });
        const byRecord = new Map(moves.map((m) => [m.followup.recordNo, m]));
        const items = dueList(moves.map((m) => ({ ...m.followup, endedOn: m.endedOn })), settings, at).map((it) => {
          const m = byRecord.get(it.recordNo)!;
          return { ...it, name: m.name, toPositionCode: m.followup.toPositionCode, toPosition: m.toPosition };
        });
        const inPeriod = moves.filter((m) => m.followup.effectiveDate >= from);
        const report = followupReport(inPeriod.map((m) => ({ ...m.followup, endedOn: m.endedOn })), settings, at);
        const overdue = items.filter((i) => i.status === 'overdue').length;
        const due = items.length - overdue;
        if (o.json) {
          process.stdout.write(JSON.stringify({ at: isoDate(at), unit, settings, overdue, due, items, report: { from, to: isoDate(at), ...report } }, null, 2) + '\n');
        } else {
          const out: string[] = [];
          out.push(pc.bold(t.title(idDate(at), unit)), t.settings(settings.spmtDays, settings.reviewMonths), '');
          if (items.length === 0) out.push(pc.green(t.none));
          else {
            out.push(itemTable(items, t).toString());
            out.push((overdue > 0 ? pc.red : pc.yellow)(t.count(overdue, due)));
          }
          out.push('', pc.bold(t.reportTitle(idDate(parseDateText(from)!), idDate(at))));
          out.push(reportTable(report.units, report.total, t).toString());
          process.stdout.write(out.join('\n') + '\n');
        }
        process.exitCode = overdue > 0 ? 1 : 0;
      } finally {
        await db.close();
      }
    });
}

type Words = (typeof WORDS)['id'] | (typeof WORDS)['en'];

function itemTable(items: (DueItem & { name: string; toPosition: string })[], t: Words): Table.Table {
  const table = new Table({ head: t.head, style: { head: [], border: [] } });
  for (const i of items) {
    table.push([
      i.status === 'overdue' ? pc.red(t.overdue(i.daysLate)) : pc.yellow(t.due),
      i.kind === 'spmt' ? t.spmt : t.review(i.month!),
      idDate(parseDateText(i.dueDate)!), i.recordNo, i.nip, i.name, i.toPosition, i.unit,
    ]);
  }
  return table;
}

function reportTable(units: UnitReport[], total: UnitReport, t: Words): Table.Table {
  const table = new Table({ head: t.reportHead, colAligns: ['left', ...Array<'right'>(10).fill('right')], style: { head: [], border: [] } });
  const row = (u: UnitReport, name: string) => [
    name, u.moves, u.spmt.onTime, u.spmt.late, u.spmt.missing, u.reviews.done, u.reviews.due, u.reviews.overdue, u.skp.higher, u.skp.same, u.skp.lower,
  ].map(String);
  for (const u of units) table.push(row(u, u.unit));
  if (units.length > 1) table.push(row(total, t.total));
  return table;
}
