/** The terminal report of `check`: counts by severity, findings by sheet and row, the unit summary. */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { CheckResult, Finding, Lang, Severity } from '../../shared/rules/types';

const LIMIT_PER_SHEET = 200;

const T = {
  id: {
    title: 'Hasil pemeriksaan', asOf: 'tanggal acuan', employees: 'pegawai', positions: 'jabatan', proposals: 'usulan',
    error: 'galat', warning: 'peringatan', info: 'info', row: 'baris', more: (n: number) => `… dan ${n} temuan lain di lembar ini (pakai --all atau --json untuk semuanya)`,
    units: 'Ringkasan per unit', unit: 'Unit', needed: 'Kebutuhan', today: 'Pemegang kini', after: 'Sesudah usulan', balance: 'Lebih / kurang',
    none: 'Tidak ada temuan.', proposalsOk: (ok: number, all: number) => `${ok} dari ${all} usulan aktif tanpa galat`,
    empty: (what: string) => `Lembar ${what} tidak berisi data (hanya judul kolom): tidak ada yang diperiksa di sana.`,
    infoHidden: (n: string, rules: string) => `ℹ ${n} info tidak ditampilkan (${rules}); pakai --all untuk melihatnya`,
  },
  en: {
    title: 'Check result', asOf: 'as of', employees: 'employees', positions: 'positions', proposals: 'proposals',
    error: 'errors', warning: 'warnings', info: 'info', row: 'row', more: (n: number) => `… and ${n} more findings on this sheet (use --all or --json for all)`,
    units: 'Summary per unit', unit: 'Unit', needed: 'Needed', today: 'Holders today', after: 'After proposals', balance: 'Surplus / deficit',
    none: 'No findings.', proposalsOk: (ok: number, all: number) => `${ok} of ${all} active proposals without errors`,
    empty: (what: string) => `Sheet ${what} holds no data (headers only): nothing was checked there.`,
    infoHidden: (n: string, rules: string) => `ℹ ${n} info not shown (${rules}); use --all to see them`,
  },
};

const nf = (lang: Lang) => new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID');

function sev(s: Severity, lang: Lang): string {
  const label = T[lang][s];
  return s === 'error' ? pc.red(label) : s === 'warning' ? pc.yellow(label) : pc.cyan(label);
}

function badge(s: Severity): string {
  return s === 'error' ? pc.red('✖') : s === 'warning' ? pc.yellow('▲') : pc.cyan('ℹ');
}

export function printReport(file: string, r: CheckResult, opts: { lang: Lang; all: boolean; out?: (s: string) => void }): void {
  const t = T[opts.lang];
  const n = nf(opts.lang);
  const out = opts.out ?? ((s: string) => process.stdout.write(s + '\n'));
  out(pc.bold(`${t.title}: ${file}`) + pc.dim(` (${t.asOf} ${r.asOf})`));
  out(`${n.format(r.counts.employees)} ${t.employees} · ${n.format(r.counts.positions)} ${t.positions} · ${n.format(r.counts.proposals)} ${t.proposals}`);
  out(`${pc.bold(n.format(r.counts.error))} ${sev('error', opts.lang)} · ${pc.bold(n.format(r.counts.warning))} ${sev('warning', opts.lang)} · ${pc.bold(n.format(r.counts.info))} ${sev('info', opts.lang)}`);
  const active = r.proposals.filter((p) => p.verdict !== 'inactive');
  if (active.length) out(t.proposalsOk(active.filter((p) => p.verdict !== 'error').length, active.length));
  out('');

  // A sheet that is there but empty (a fresh template): "no findings" alone would read as "all good".
  // (Not when a sheet or its headers are missing: that has its own finding.)
  if (!r.findings.some((f) => f.rule === 'SHEET_MISSING' || f.rule === 'HEADER_MISSING')) {
    if (r.counts.employees === 0) out(pc.yellow(t.empty('Pegawai')));
    if (r.counts.positions === 0) out(pc.yellow(t.empty('Jabatan')));
  }
  if (r.findings.length === 0) out(pc.green(t.none));
  const bySheet = new Map<string, Finding[]>();
  for (const f of r.findings) {
    const l = bySheet.get(f.sheet);
    if (l) l.push(f);
    else bySheet.set(f.sheet, [f]);
  }
  for (const [sheet, all] of bySheet) {
    out(pc.bold(pc.underline(`${sheet}`)) + pc.dim(` (${n.format(all.length)})`));
    // Errors and warnings are what a person acts on; info (advice such as ROTATION_DUE) is tallied
    // per rule unless --all asks for every line.
    const fs = opts.all ? all : all.filter((f) => f.severity !== 'info');
    const shown = opts.all ? fs : fs.slice(0, LIMIT_PER_SHEET);
    let lastRow = -1;
    for (const f of shown) {
      // A sheet that is not there has no row or cell to point at.
      if (f.rule === 'SHEET_MISSING') {
        out(`    ${badge(f.severity)} ${pc.bold(f.rule)} ${f.message}`);
        continue;
      }
      if (f.row !== lastRow) {
        out(`  ${pc.bold(`${t.row} ${f.row}`)}${f.subject ? pc.dim(` · ${f.subject}`) : ''}`);
        lastRow = f.row;
      }
      out(`    ${badge(f.severity)} ${pc.dim(f.cell.padEnd(6))} ${pc.bold(f.rule)} ${f.message}`);
    }
    if (shown.length < fs.length) out(pc.dim(`  ${t.more(fs.length - shown.length)}`));
    if (fs.length < all.length) {
      const tally = new Map<string, number>();
      for (const f of all) if (f.severity === 'info') tally.set(f.rule, (tally.get(f.rule) ?? 0) + 1);
      const rules = [...tally].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, c]) => `${rule} ${n.format(c)}`).join(', ');
      out(pc.cyan(`  ${t.infoHidden(n.format(all.length - fs.length), rules)}`));
    }
    out('');
  }

  if (r.units.length) {
    out(pc.bold(t.units));
    const table = new Table({
      head: [t.unit, t.needed, t.today, t.after, t.balance],
      colAligns: ['left', 'right', 'right', 'right', 'right'],
      style: { head: [], border: [], compact: true },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    for (const u of r.units) {
      const b = u.balance;
      const bs = b > 0 ? pc.yellow(`+${n.format(b)}`) : b < 0 ? pc.red(n.format(b)) : pc.green('0');
      table.push([u.unit, n.format(u.needed), n.format(u.holdersToday), n.format(u.holdersAfter), bs]);
    }
    out(table.toString());
  }
}
