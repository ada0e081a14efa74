/**
 * The sheets `Talenta` and `Suksesi` as sheet specs (shared/xlsx/write.ts SheetSpec): the same cells for
 * the surgical file writer (`mutasi talenta --out`, the browser host) and for Office.js (the add-in's
 * gateway renders a SheetSpec). Both sheets are Mutasi's own and are replaced whole on every run, so a
 * second run never duplicates anything.
 *
 * - Talenta: a title row, then an Excel table (filters on every column) with one row per PNS — box,
 *   group, and the key posts the person is named for — and, to its right, the 9-box as a formatted 3×3
 *   range of counts (potential up, performance across, coloured by group) with counts per unit below it.
 * - Suksesi: a title and summary, then one block per key post (posts without a ready successor first):
 *   the post, its status, holders and "akan kosong", and the ranked successors with readiness, score,
 *   box, whether from outside the pool, and the development plan.
 * Everything written from the office's data (names, codes) is a text cell, never a formula.
 *
 * A sheet is ours when its A1 holds our title (`isOwnSheet`); a person's own sheet of the same name is
 * never overwritten: the caller takes `Talenta Mutasi` (or … 2, 3) instead (`ownSheetName`).
 */
import { COMPETENCIES, COMPETENCIES_EN } from '../domain';
import type { Lang } from '../rules/types';
import type { CellValue } from '../workbook/gateway';
import type { CellInput, OutCell, SheetSpec } from '../xlsx/write';
import type { KeyPost, Readiness, SuccessionResult, Successor, TalentGroup } from './types';

export const TALENTA = 'Talenta';
export const SUKSESI = 'Suksesi';
export const TALENTA_TABLE = 'MutasiTalenta';

const COLORS = { suksesi: '#C6EFCE', rotasi: '#FFEB9C', pembinaan: '#FFC7CE', header: '#DDEBF7', post: '#D9E1F2' } as const;
const STATUS_FILL = { ready: '#C6EFCE', soon: '#FFEB9C', none: '#FFC7CE' } as const;

const W = {
  id: {
    talentaTitle: 'Talenta ASN — dibuat oleh Mutasi',
    suksesiTitle: 'Rencana Suksesi — dibuat oleh Mutasi',
    rewritten: (asOf: string) => `tanggal acuan ${asOf}; lembar ini ditulis ulang setiap kali Talenta dijalankan`,
    talentHeaders: ['NIP', 'Nama', 'Golongan', 'Kode Jabatan', 'Jabatan', 'Unit Kerja', 'SKP Tahun Lalu', 'SKP Dua Tahun Lalu', 'Potensi', 'Kotak', 'Kelompok', 'Suksesor untuk'],
    group: { suksesi: 'Suksesi (7–9)', rotasi: 'Rotasi & pengembangan (4–6)', pembinaan: 'Pembinaan (1–3)' } as Record<TalentGroup, string>,
    noBox: 'Belum dapat dipetakan (SKP/Potensi kosong)',
    grid: 'Kotak talenta (9-box): jumlah pegawai',
    perf: ['Kinerja di bawah ekspektasi', 'Kinerja sesuai ekspektasi', 'Kinerja di atas ekspektasi'],
    pot: ['Potensi Tinggi', 'Potensi Menengah', 'Potensi Rendah'],
    box: (n: number) => `"Kotak ${n}: "0" org"`,
    unboxed: 'Tanpa kotak (SKP/Potensi kosong)',
    perUnit: 'Per unit kerja',
    unit: 'Unit Kerja',
    total: 'Jumlah',
    readiness: { now: 'Siap sekarang', soon: 'Siap 1–2 tahun', notYet: 'Belum siap' } as Record<Readiness, string>,
    status: { ready: 'Ada suksesor siap sekarang', soon: 'TANPA suksesor siap sekarang (terdekat: 1–2 tahun)', none: 'TANPA suksesor siap' },
    summary: (r: SuccessionResult) =>
      `${r.counts.keyPosts} jabatan kunci · ${r.counts.withoutReady} tanpa suksesor siap sekarang · ${r.counts.opening} akan kosong dalam ${r.settings.horizonMonths} bulan (s.d. ${r.settings.horizonEnd}) · ${r.settings.successorCount} suksesor per jabatan`,
    holders: 'Pemangku',
    none: '(kosong)',
    opens: 'Akan kosong',
    notOpening: 'tidak dalam horizon',
    retires: (d: string | null) => (d ? `BUP ${d}` : 'tanggal lahir tidak diketahui'),
    reason: { jpt: 'JPT', administrator: 'Administrator', critical: 'Jabatan Kritikal' },
    candidates: (p: KeyPost) => `Kandidat: ${p.candidates.pool} dari pool (kotak 7–9)${p.candidates.outside ? ` + ${p.candidates.outside} dari kotak 4–6` : ''}`,
    succHeaders: ['Urutan', 'NIP', 'Nama', 'Jabatan Sekarang', 'Unit Kerja', 'Golongan', 'Kotak', 'Dari luar pool', 'Kesiapan', 'Skor', 'JPM', 'Kesenjangan Kompetensi', 'Yang Harus Dipenuhi', 'Peringatan', 'Diklat Wajib Belum Diikuti'],
    yes: 'Ya',
    no: 'Tidak',
    emergency: ' (suksesor darurat)',
    noSuccessor: 'Tidak ada kandidat dari kotak 4–9 untuk jabatan ini.',
    noPosts: 'Tidak ada jabatan kunci: tidak ada JPT atau Administrator, dan tidak ada jabatan dengan Jabatan Kritikal = Ya di lembar Jabatan.',
    tenure: (d: string) => `masa jabatan minimal tercapai ${d}`,
  },
  en: {
    talentaTitle: 'Talent pool — made by Mutasi',
    suksesiTitle: 'Succession plan — made by Mutasi',
    rewritten: (asOf: string) => `as-of date ${asOf}; this sheet is rewritten every time Talenta runs`,
    talentHeaders: ['NIP', 'Name', 'Golongan', 'Position Code', 'Position', 'Unit', 'SKP Last Year', 'SKP Two Years Ago', 'Potential', 'Box', 'Group', 'Successor for'],
    group: { suksesi: 'Succession (7–9)', rotasi: 'Rotation & development (4–6)', pembinaan: 'Coaching (1–3)' } as Record<TalentGroup, string>,
    noBox: 'Cannot be placed (SKP/Potential empty)',
    grid: 'Talent box (9-box): number of people',
    perf: ['Performance below expectations', 'Performance meets expectations', 'Performance above expectations'],
    pot: ['Potential High', 'Potential Medium', 'Potential Low'],
    box: (n: number) => `"Box ${n}: "0`,
    unboxed: 'No box (SKP/Potential empty)',
    perUnit: 'Per unit',
    unit: 'Unit',
    total: 'Total',
    readiness: { now: 'Ready now', soon: 'Ready in 1–2 years', notYet: 'Not yet ready' } as Record<Readiness, string>,
    status: { ready: 'Has a successor ready now', soon: 'NO successor ready now (nearest: 1–2 years)', none: 'NO ready successor' },
    summary: (r: SuccessionResult) =>
      `${r.counts.keyPosts} key posts · ${r.counts.withoutReady} without a successor ready now · ${r.counts.opening} opening within ${r.settings.horizonMonths} months (to ${r.settings.horizonEnd}) · ${r.settings.successorCount} successors per post`,
    holders: 'Holders',
    none: '(vacant)',
    opens: 'Opens',
    notOpening: 'not within the horizon',
    retires: (d: string | null) => (d ? `retires ${d}` : 'birth date unknown'),
    reason: { jpt: 'JPT', administrator: 'Administrator', critical: 'Critical post' },
    candidates: (p: KeyPost) => `Candidates: ${p.candidates.pool} from the pool (boxes 7–9)${p.candidates.outside ? ` + ${p.candidates.outside} from boxes 4–6` : ''}`,
    succHeaders: ['Rank', 'NIP', 'Name', 'Current Position', 'Unit', 'Golongan', 'Box', 'Outside pool', 'Readiness', 'Score', 'JPM', 'Competency Gaps', 'To Meet', 'Warnings', 'Required Training Missing'],
    yes: 'Yes',
    no: 'No',
    emergency: ' (emergency successor)',
    noSuccessor: 'No candidate from boxes 4–9 for this post.',
    noPosts: 'No key posts: no JPT or Administrator, and no position with Jabatan Kritikal = Ya on sheet Jabatan.',
    tenure: (d: string) => `minimum tenure reached ${d}`,
  },
};

const bold = (value: string): OutCell => ({ value, bold: true });
const text = (value: string | null): OutCell | null => (value === null || value === '' ? null : { value, numFmt: '@' });

/** Posts needing attention first: no successor at all, then 1–2 years, then ready; sooner "akan kosong" first; then code. */
export function postsByAttention(posts: KeyPost[]): KeyPost[] {
  const order = { none: 0, soon: 1, ready: 2 } as const;
  return [...posts].sort(
    (a, b) => order[a.status] - order[b.status] || (a.opensOn ?? '9999') .localeCompare(b.opensOn ?? '9999') || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** The title Mutasi writes in A1 of its own sheet (Indonesian; the English one is recognised too). */
export function ownTitle(which: 'talenta' | 'suksesi'): string {
  return which === 'talenta' ? W.id.talentaTitle : W.id.suksesiTitle;
}

export function isOwnSheet(a1: CellValue | undefined, which: 'talenta' | 'suksesi'): boolean {
  if (typeof a1 !== 'string') return false;
  const titles = which === 'talenta' ? [W.id.talentaTitle, W.en.talentaTitle] : [W.id.suksesiTitle, W.en.suksesiTitle];
  return titles.some((t) => a1.startsWith(t));
}

/**
 * The name to write to: `base` when free or ours (A1 holds our title), else `base Mutasi` (2, 3, …) —
 * the first that is free or ours. `a1Of` gives a sheet's A1 value (undefined when the sheet is absent).
 */
export function ownSheetName(base: string, names: string[], a1Of: (name: string) => CellValue | undefined, which: 'talenta' | 'suksesi'): string {
  const lower = names.map((n) => n.toLowerCase());
  const candidates = [base, `${base} Mutasi`, ...Array.from({ length: 20 }, (_, i) => `${base} Mutasi ${i + 2}`)];
  for (const c of candidates) {
    if (!lower.includes(c.toLowerCase())) return c;
    if (isOwnSheet(a1Of(names[lower.indexOf(c.toLowerCase())]!), which)) return names[lower.indexOf(c.toLowerCase())]!;
  }
  return `${base} ${Date.now() % 100000}`;
}

/** Rows of the title; the table's header is on row 3. */
export const TALENTA_HEADER_ROW = 3;

export function talentaSheet(r: SuccessionResult, lang: Lang = 'id'): SheetSpec {
  const w = W[lang];
  const named = new Map<string, string[]>();
  for (const p of r.posts) {
    for (const s of p.successors) {
      const l = named.get(s.nip) ?? [];
      l.push(`${p.code} (${s.rank}, ${w.readiness[s.readiness]})`);
      named.set(s.nip, l);
    }
  }
  const rows: (CellInput | undefined)[][] = [
    [bold(w.talentaTitle), null, null, { value: w.rewritten(r.asOf) }],
    [],
    w.talentHeaders.map((h) => ({ value: h, bold: true, fill: COLORS.header })),
  ];
  for (const t of r.talent.people) {
    rows.push([
      { value: t.nip, numFmt: '@' },
      text(t.name),
      text(t.rank),
      text(t.positionCode),
      text(t.positionName),
      text(t.unit),
      text(t.skpLast),
      text(t.skpBefore),
      text(t.potential),
      t.box === null ? null : { value: t.box, numFmt: '0' },
      { value: t.group === null ? w.noBox : w.group[t.group], fill: t.group === null ? null : COLORS[t.group] },
      text((named.get(t.nip) ?? []).join('; ')),
    ]);
  }
  const tableCols = w.talentHeaders.length;
  const lastRow = TALENTA_HEADER_ROW + Math.max(1, r.talent.people.length);
  if (r.talent.people.length === 0) rows.push([{ value: '' }]);

  // The 9-box to the right of the table: potential top to bottom (Tinggi first), performance left to right.
  const g = tableCols + 2; // one empty column between
  const put = (row: number, col: number, cell: CellInput) => {
    const i = row - 1;
    while (rows.length <= i) rows.push([]);
    const line = rows[i]!;
    while (line.length < col - 1) line.push(undefined);
    line[col - 1] = cell;
  };
  put(TALENTA_HEADER_ROW, g, bold(w.grid));
  w.perf.forEach((h, j) => put(TALENTA_HEADER_ROW + 1, g + 1 + j, { value: h, bold: true, wrap: true, align: 'center', fill: COLORS.header }));
  const BOXES = [[6, 8, 9], [3, 5, 7], [1, 2, 4]];
  BOXES.forEach((line, i) => {
    put(TALENTA_HEADER_ROW + 2 + i, g, { value: w.pot[i]!, bold: true, fill: COLORS.header });
    line.forEach((box, j) => {
      const group: TalentGroup = box >= 7 ? 'suksesi' : box >= 4 ? 'rotasi' : 'pembinaan';
      put(TALENTA_HEADER_ROW + 2 + i, g + 1 + j, { value: r.talent.byBox[box - 1]!, numFmt: w.box(box), fill: COLORS[group], bold: true, align: 'center', vertical: 'center' });
    });
  });
  let at = TALENTA_HEADER_ROW + 6;
  put(at, g, { value: w.unboxed });
  put(at, g + 1, { value: r.talent.unboxed, numFmt: '0' });
  at++;
  for (const grp of ['suksesi', 'rotasi', 'pembinaan'] as TalentGroup[]) {
    put(at, g, { value: w.group[grp], fill: COLORS[grp] });
    put(at, g + 1, { value: r.talent.groups[grp], numFmt: '0' });
    at++;
  }
  at++;
  put(at, g, bold(w.perUnit));
  at++;
  put(at, g, { value: w.unit, bold: true, fill: COLORS.header });
  for (let b = 1; b <= 9; b++) put(at, g + b, { value: String(b), bold: true, align: 'center', fill: COLORS.header });
  put(at, g + 10, { value: w.total, bold: true, fill: COLORS.header });
  put(at, g + 11, { value: w.unboxed, bold: true, fill: COLORS.header, wrap: true });
  for (const u of r.talent.byUnit) {
    at++;
    put(at, g, text(u.unit) ?? { value: '—' });
    u.boxes.forEach((n, b) => put(at, g + 1 + b, { value: n, numFmt: '0' }));
    put(at, g + 10, { value: u.total, numFmt: '0', bold: true });
    put(at, g + 11, { value: u.unboxed, numFmt: '0' });
  }

  const widths: (number | null)[] = [21, 30, 9, 18, 32, 30, 14, 14, 11, 7, 26, 40, null, 30, 16, 16, 16];
  return {
    rows,
    columnWidths: widths,
    freezeRows: TALENTA_HEADER_ROW,
    table: { name: TALENTA_TABLE, ref: `A${TALENTA_HEADER_ROW}:${colLetter(tableCols)}${lastRow}`, style: 'TableStyleMedium2' },
  };
}

export function suksesiSheet(r: SuccessionResult, lang: Lang = 'id'): SheetSpec {
  const w = W[lang];
  const rows: (CellInput | undefined)[][] = [
    [bold(w.suksesiTitle), null, null, { value: w.rewritten(r.asOf) }],
    [{ value: w.summary(r) }],
    [],
  ];
  if (r.posts.length === 0) rows.push([{ value: w.noPosts }]);
  const compNames = lang === 'en' ? COMPETENCIES_EN : COMPETENCIES;
  const compName = (c: string) => compNames[COMPETENCIES.indexOf(c as (typeof COMPETENCIES)[number])] ?? c;
  for (const p of postsByAttention(r.posts)) {
    rows.push([
      { value: p.code, bold: true, numFmt: '@', fill: COLORS.post },
      { value: p.name, bold: true, fill: COLORS.post },
      { value: p.unit, fill: COLORS.post },
      { value: `${p.type === 'Fungsional' ? `Fungsional ${p.level ?? ''}`.trim() : (p.type ?? '')} · ${w.reason[p.reason]}`, fill: COLORS.post },
      { value: w.status[p.status], bold: true, fill: STATUS_FILL[p.status] },
    ]);
    const holders = p.holders.length ? p.holders.map((h) => `${h.name} (${h.nip}, ${w.retires(h.retiresOn)})`).join('; ') : w.none;
    rows.push([{ value: w.holders }, { value: holders, numFmt: '@' }, null, { value: w.opens }, p.opensOn ? { value: new Date(`${p.opensOn}T00:00:00Z`), numFmt: 'dd/mm/yyyy', bold: true, fill: STATUS_FILL.soon } : { value: w.notOpening }]);
    rows.push([{ value: w.candidates(p) }]);
    if (p.successors.length === 0) {
      rows.push([{ value: w.noSuccessor }]);
    } else {
      rows.push(w.succHeaders.map((h) => ({ value: h, bold: true, fill: COLORS.header })));
      for (const s of p.successors) rows.push(successorRow(s, w, compName));
    }
    rows.push([]);
  }
  return {
    rows,
    columnWidths: [24, 21, 30, 34, 30, 9, 7, 10, 22, 8, 9, 40, 60, 60, 30],
    freezeRows: 2,
  };
}

function successorRow(s: Successor, w: (typeof W)['id'] | (typeof W)['en'], compName: (c: string) => string): CellInput[] {
  const readiness = w.readiness[s.readiness] + (s.emergency ? w.emergency : '');
  const blockers = s.plan.blockers.map((b) => `${b.rule}: ${b.message}`);
  if (s.plan.tenureReachedOn) blockers.push(w.tenure(s.plan.tenureReachedOn));
  return [
    { value: s.rank, numFmt: '0' },
    { value: s.nip, numFmt: '@' },
    { value: s.name, numFmt: '@' },
    { value: `${s.positionCode} ${s.positionName}`.trim(), numFmt: '@' },
    { value: s.unit, numFmt: '@' },
    { value: s.rankGolongan ?? '', numFmt: '@' },
    { value: s.box, numFmt: '0' },
    { value: s.outsidePool ? w.yes : w.no },
    { value: readiness, fill: s.readiness === 'now' ? STATUS_FILL.ready : s.readiness === 'soon' ? STATUS_FILL.soon : STATUS_FILL.none },
    { value: Math.round(s.score * 100) / 100, numFmt: '0.00' },
    s.jpm === null ? null : { value: Math.round(s.jpm * 100) / 10000, numFmt: '0.00%' },
    { value: s.plan.gaps.map((g) => `${compName(g.competency)} ${g.actual}/${g.standard}`).join('; '), wrap: true, numFmt: '@' },
    { value: blockers.join(' · '), wrap: true, numFmt: '@' },
    { value: s.plan.warnings.map((x) => `${x.rule}: ${x.message}`).join(' · '), wrap: true, numFmt: '@' },
    { value: s.plan.missingTrainings.join('; '), numFmt: '@' },
  ];
}

function colLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
