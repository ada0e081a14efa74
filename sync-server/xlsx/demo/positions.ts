/**
 * The peta jabatan: for each unit its structural posts (head, secretary, bidang, subbagian/seksi), its
 * Pelaksana posts and its functional posts at every jenjang the family has; then trimmed or extended
 * (kecamatan, puskesmas, schools) to the requested number of positions, and Kebutuhan (ABK) shared out.
 */
import {
  COMPETENCIES, GOLONGAN, type Education, type FunctionalLevel, type Golongan, type PositionType, typeDefaults,
} from '../../../shared/domain';
import { FAMILIES, LEVEL_CLASS, LEVEL_CODE, LEVEL_RANKS, LEVEL_WEIGHT } from './families';
import type { Rng } from './prng';
import type { DemoPosition, DemoUnit } from './types';
import { CORE_UNITS, satelliteRound, type UnitPlan } from './units';

interface PelaksanaSpec { name: string; class: number; minEducation: Education | null; minRank: Golongan | null; maxRank: Golongan | null; weight: number; keep: number }

/** Pelaksana posts (Permenpan RB 45/2024 nomenclature); some with explicit limits, as ABK documents write them. */
export const PELAKSANA: Record<string, PelaksanaSpec> = {
  PENGADM: { name: 'Pengadministrasi Perkantoran', class: 5, minEducation: null, minRank: null, maxRank: null, weight: 4, keep: 70 },
  OPERATOR: { name: 'Operator Layanan Operasional', class: 5, minEducation: null, minRank: null, maxRank: 'III/b', weight: 2, keep: 20 },
  PENGELOLA: { name: 'Pengelola Layanan Operasional', class: 6, minEducation: 'D3', minRank: null, maxRank: null, weight: 2, keep: 20 },
  PENATA: { name: 'Penata Layanan Operasional', class: 7, minEducation: 'S1', minRank: null, maxRank: null, weight: 2, keep: 25 },
  PRAMU: { name: 'Pramu Bakti', class: 1, minEducation: 'SD', minRank: 'I/a', maxRank: null, weight: 1.5, keep: 10 },
};

export const TRAINING_FOR: Partial<Record<PositionType, string>> = {
  'JPT Pratama': 'PKN II', Administrator: 'PKA', Pengawas: 'PKP',
};

const SATELLITE = new Set(['kecamatan', 'puskesmas', 'sd', 'smp']);

function structural(unit: UnitPlan): { suffix: string; name: string; type: PositionType; class: number; keep: number }[] {
  const out: { suffix: string; name: string; type: PositionType; class: number; keep: number }[] = [];
  const sub = (suffix: string, name: string, keep = 25) => out.push({ suffix, name, type: 'Pengawas', class: 9, keep });
  const bidang = (prefix: string) => unit.bidang.forEach(([c, n], i) => out.push({
    suffix: `${prefix}-${c}`, name: `Kepala ${n}`, type: 'Administrator', class: 12, keep: i === 0 ? 45 : i === 1 ? 30 : 12,
  }));
  switch (unit.kind) {
    case 'setda':
      out.push({ suffix: 'SEKDA', name: 'Sekretaris Daerah', type: 'JPT Pratama', class: 15, keep: 1000 });
      ['Asisten Pemerintahan dan Kesejahteraan Rakyat', 'Asisten Perekonomian dan Pembangunan', 'Asisten Administrasi Umum']
        .forEach((n, i) => out.push({ suffix: `ASISTEN${i + 1}`, name: n, type: 'JPT Pratama', class: 14, keep: 90 - i }));
      unit.bidang.forEach(([c, n], i) => out.push({ suffix: `KABAG-${c}`, name: `Kepala ${n}`, type: 'Administrator', class: 12, keep: i < 3 ? 45 : 12 }));
      sub('KASUBBAG-TU', 'Kepala Subbagian Tata Usaha Pimpinan');
      sub('KASUBBAG-RT', 'Kepala Subbagian Rumah Tangga');
      break;
    case 'setwan':
      out.push({ suffix: 'SEKWAN', name: 'Sekretaris DPRD', type: 'JPT Pratama', class: 14, keep: 1000 });
      unit.bidang.forEach(([c, n]) => out.push({ suffix: `KABAG-${c}`, name: `Kepala ${n}`, type: 'Administrator', class: 12, keep: 40 }));
      sub('KASUBBAG-RAPAT', 'Kepala Subbagian Rapat dan Risalah');
      break;
    case 'inspektorat':
      out.push({ suffix: 'INSPEKTUR', name: 'Inspektur', type: 'JPT Pratama', class: 14, keep: 1000 });
      out.push({ suffix: 'SEKRETARIS', name: 'Sekretaris Inspektorat', type: 'Administrator', class: 12, keep: 80 });
      unit.bidang.forEach(([c, n]) => out.push({ suffix: c, name: n, type: 'Administrator', class: 12, keep: 40 }));
      sub('KASUBBAG-UMPEG', 'Kepala Subbagian Umum dan Kepegawaian');
      break;
    case 'rsud':
      out.push({ suffix: 'DIREKTUR', name: 'Direktur RSUD Sukamaju', type: 'JPT Pratama', class: 14, keep: 1000 });
      out.push({ suffix: 'KABAG-TU', name: 'Kepala Bagian Tata Usaha', type: 'Administrator', class: 12, keep: 80 });
      bidang('KABID');
      sub('KASUBBAG-UMUM', 'Kepala Subbagian Umum dan Kepegawaian');
      sub('KASUBBAG-KEU', 'Kepala Subbagian Keuangan');
      break;
    case 'kecamatan': {
      const place = unit.name.replace(/^Kecamatan /, '');
      out.push({ suffix: 'CAMAT', name: `Camat ${place}`, type: 'Administrator', class: 12, keep: 1000 });
      out.push({ suffix: 'SEKCAM', name: `Sekretaris Kecamatan ${place}`, type: 'Administrator', class: 11, keep: 60 });
      sub('KASI-PEM', 'Kepala Seksi Pemerintahan', 50);
      sub('KASI-TRANTIB', 'Kepala Seksi Ketenteraman dan Ketertiban Umum');
      sub('KASI-PM', 'Kepala Seksi Pemberdayaan Masyarakat');
      sub('KASUBBAG-UMPEG', 'Kepala Subbagian Umum dan Kepegawaian');
      break;
    }
    case 'puskesmas':
      sub('KASUBBAG-TU', `Kepala Subbagian Tata Usaha ${unit.name.replace(/^UPTD /, '')}`, 1000);
      break;
    case 'sd':
    case 'smp':
      break;
    default: // badan, dinas, satpol
      out.push({ suffix: 'KEPALA', name: `Kepala ${unit.name}`, type: 'JPT Pratama', class: 14, keep: 1000 });
      out.push({ suffix: 'SEKRETARIS', name: `Sekretaris ${unit.name}`, type: 'Administrator', class: 12, keep: 80 });
      bidang('KABID');
      sub('KASUBBAG-UMPEG', 'Kepala Subbagian Umum dan Kepegawaian', 48);
      sub('KASUBBAG-KEU', 'Kepala Subbagian Perencanaan dan Keuangan', 14);
  }
  return out;
}

/** Explicit standards for a few posts: the type's default, one level higher on integrity and decisions. */
function explicitStandards(type: PositionType, level: FunctionalLevel | null): number[] {
  const base = typeDefaults(type, level).standard;
  return COMPETENCIES.map((c) => (c === 'Integritas' || c === 'Pengambilan Keputusan' ? Math.min(5, base + 1) : base));
}

function unitPositions(plan: UnitPlan, rng: Rng): DemoPosition[] {
  const unit: DemoUnit = { code: plan.code, name: plan.name };
  const satellite = SATELLITE.has(plan.kind);
  const out: DemoPosition[] = [];
  const base = (code: string, name: string, type: PositionType, level: FunctionalLevel | null, cls: number, family: string, weight: number, keep: number): DemoPosition => ({
    code: `${plan.code}-${code}`, name, type, level, unit, class: rng.chance(0.92) ? cls : null, needed: 1,
    minRank: null, maxRank: null, minEducation: null, majors: [], requiredTrainings: TRAINING_FOR[type] ? [TRAINING_FOR[type]!] : [],
    standards: null, family, weight, keep: keep + 10 * rng.next(),
  });
  for (const s of structural(plan)) {
    const p = base(s.suffix, s.name, s.type, null, s.class, 'STRUKTURAL', 0, s.keep);
    if (rng.chance(0.1)) p.standards = explicitStandards(s.type, null);
    out.push(p);
  }
  for (const key of plan.pelaksana) {
    const spec = PELAKSANA[key]!;
    const p = base(key, spec.name, 'Pelaksana', null, spec.class, 'PELAKSANA', spec.weight, spec.keep);
    p.minEducation = spec.minEducation;
    p.minRank = spec.minRank;
    p.maxRank = spec.maxRank;
    out.push(p);
  }
  for (const fk of plan.families) {
    const fam = FAMILIES[fk]!;
    fam.levels.forEach((level, i) => {
      if (satellite && fk !== 'GURU' && (level === 'Ahli Madya' || level === 'Ahli Utama')) return;
      if (level === 'Ahli Utama' && plan.kind !== 'rsud' && plan.code !== 'BAPPEDA') return;
      const p = base(`${fk}-${LEVEL_CODE[level]}`, `${fam.name} ${level}`, 'Fungsional', level, LEVEL_CLASS[level], fk,
        fam.weight * LEVEL_WEIGHT[level], i === 0 ? 50 : i === 1 ? 40 : 20);
      // Regulated professions (health, teaching) always list their education, as every ABK does; the
      // others do about half the time.
      // (The draw is made either way, so the rest of a seed's agency stays as it was.)
      if (fam.rumpun.length && (rng.chance(satellite ? 0.3 : 0.5) || PROFESSIONS.has(fk))) p.majors = [...fam.rumpun];
      if (rng.chance(0.25)) [p.minRank, p.maxRank] = LEVEL_RANKS[level];
      if (rng.chance(0.06)) p.standards = explicitStandards('Fungsional', level);
      out.push(p);
    });
  }
  return out;
}

/** Functional families one can only hold with the profession's education (a licence or a teaching certificate). */
const PROFESSIONS = new Set(['DOKTER', 'DRG', 'PERAWAT', 'BIDAN', 'APOTEKER', 'TTK', 'PLK', 'NUTRISIONIS', 'SANITARIAN', 'EPIDEMIOLOG', 'PROMKES', 'MEDVET', 'GURU', 'PENGAWASSEKOLAH']);

/** Positions the rule scenarios of sheet Usulan rely on: never trimmed away. */
const SCENARIO_CODES = new Set([
  'SETDA-PENATA', 'SETDA-OPERATOR', 'INSPEKTORAT-AUDITOR-AP', 'SETDA-ANJAK-AP', 'SETDA-ANJAK-AM', 'KESBANGPOL-ANJAK-AP',
  'DPMD-ANJAK-AP', 'BAPPEDA-PERENCANA-AP', 'BAPPEDA-PERENCANA-AMD',
]);

/**
 * About `target` positions: the core units (trimmed by keep-priority when there are too many), then
 * rounds of kecamatan/puskesmas/schools until the target is reached. Every type and jenjang stays.
 */
export function buildPositions(target: number, rng: Rng): DemoPosition[] {
  const core = CORE_UNITS.flatMap((u) => unitPositions(u, rng));
  // Two rounds of kecamatan, puskesmas and schools always: a kabupaten without them is not one.
  const all = [...core, ...satelliteRound(0).concat(satelliteRound(1)).flatMap((u) => unitPositions(u, rng))];
  const byCode = new Map(all.map((p) => [p.code, p]));
  const auditor = byCode.get('INSPEKTORAT-AUDITOR-AP');
  if (auditor) { // EDUCATION_FIELD_MISMATCH needs a Rumpun Jurusan here, and nothing else in the way
    auditor.majors = [...FAMILIES.AUDITOR!.rumpun];
    auditor.standards = null;
  }
  for (const code of ['SETDA-ANJAK-AP', 'SETDA-ANJAK-AM', 'KESBANGPOL-ANJAK-AP', 'DPMD-ANJAK-AP', 'BAPPEDA-PERENCANA-AMD', 'BAPPEDA-PERENCANA-AP']) {
    const p = byCode.get(code);
    if (p) { p.majors = []; p.minRank = null; p.maxRank = null; p.standards = null; }
  }
  // The scenarios' Pelaksana moves happen between the core units' Pengadministrasi Perkantoran posts.
  for (const p of all) if (SCENARIO_CODES.has(p.code) || (p.code.endsWith('-PENGADM') && CORE_UNITS.some((u) => u.code === p.unit.code))) p.keep = 2000;
  // At least two of every type and jenjang survive trimming (the best-kept ones).
  const kinds = new Map<string, DemoPosition[]>();
  for (const p of all) {
    const k = `${p.type}|${p.level ?? ''}`;
    const list = kinds.get(k);
    if (list) list.push(p);
    else kinds.set(k, [p]);
  }
  for (const list of kinds.values()) {
    // Structural scenarios move people between several Pengawas / Administrator posts: keep six.
    const n = list[0]!.type === 'Pengawas' || list[0]!.type === 'Administrator' ? 6 : 2;
    list.sort((a, b) => b.keep - a.keep).slice(0, n).forEach((p) => { p.keep = Math.max(p.keep, 1500); });
  }

  if (all.length > target) {
    const ranked = [...all].sort((a, b) => b.keep - a.keep);
    const kept = new Set(ranked.slice(0, Math.max(target, ranked.filter((p) => p.keep >= 1000).length)));
    return all.filter((p) => kept.has(p));
  }
  for (let round = 2; all.length < target; round++) {
    for (const unit of satelliteRound(round)) {
      const ps = unitPositions(unit, rng);
      const room = target - all.length;
      if (room <= 0) break;
      all.push(...(ps.length <= room ? ps : ps.sort((a, b) => b.keep - a.keep).slice(0, room)));
    }
  }
  return all;
}

/**
 * Kebutuhan: one seat for each structural post; the other seats (about `seats` in all) shared by
 * weight, at least one each.
 */
export function assignNeeds(positions: DemoPosition[], seats: number, rng: Rng): void {
  const shared = positions.filter((p) => p.weight > 0);
  const fixed = positions.length - shared.length;
  const pool = Math.max(shared.length, seats - fixed);
  const totalWeight = shared.reduce((s, p) => s + p.weight, 0);
  let given = 0;
  for (const p of shared) {
    const exact = (pool * p.weight) / totalWeight;
    p.needed = Math.max(1, Math.floor(exact * (0.85 + 0.3 * rng.next())));
    given += p.needed;
  }
  // Hand out what rounding left over, one seat at a time, to random shared posts.
  for (let i = given; i < pool && shared.length; i++) rng.pick(shared).needed += 1;
}

export function golonganAt(i: number): Golongan {
  return GOLONGAN[Math.max(0, Math.min(GOLONGAN.length - 1, i))]!;
}

export function unitsOf(positions: DemoPosition[]): DemoUnit[] {
  const seen = new Map<string, DemoUnit>();
  for (const p of positions) if (!seen.has(p.unit.code)) seen.set(p.unit.code, p.unit);
  return [...seen.values()];
}
