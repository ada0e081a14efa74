/**
 * One civil servant for one seat: education that fits the post, a golongan that fits education and
 * years of service (entry golongan by diploma, a step about every four years), a birth date and TMT CPNS
 * that give a valid NIP, a TMT Jabatan, SKP, potensi, rare discipline, diklat, preferences and nine
 * competency levels around the post's standard.
 */
import {
  EDUCATION, golonganIndex, typeDefaults, type Education, type EmployeeStatus, type Golongan, type Skp,
} from '../../../shared/domain';
import { addMonths, anniversary, dayFromYmd, monthsBetween, ymd, type Day } from '../../../shared/values/dates';
import { FAMILIES, LEVEL_RANKS, levelEducation } from './families';
import { GENERAL_MAJORS, MAJORS, SCHOOL_MAJORS, type Major, type MajorKey } from './majors';
import { fullName, type Gender } from './names';
import { TRAINING_FOR, golonganAt } from './positions';
import type { Rng } from './prng';
import type { DemoEmployee, DemoPosition } from './types';

/** Golongan on appointment by diploma (PP 99/2000 as amended). */
const ENTRY_RANK: Record<Education, Golongan> = {
  SD: 'I/a', SMP: 'I/c', SMA: 'II/a', D1: 'II/a', D2: 'II/b', D3: 'II/c', D4: 'III/a', S1: 'III/a', S2: 'III/b', S3: 'III/c',
};
/** Highest golongan a Pelaksana with this education usually reaches. */
const PELAKSANA_CAP: Record<Education, Golongan> = {
  SD: 'II/b', SMP: 'II/d', SMA: 'III/b', D1: 'III/b', D2: 'III/b', D3: 'III/c', D4: 'III/d', S1: 'III/d', S2: 'IV/a', S3: 'IV/a',
};
const ENTRY_ORDER: Education[] = ['S3', 'S2', 'S1', 'D3', 'SMA', 'SMP', 'SD'];
const CPNS_AGE: Record<Education, [number, number]> = {
  SD: [19, 27], SMP: [19, 28], SMA: [19, 29], D1: [20, 29], D2: [21, 30], D3: [21, 31], D4: [22, 32], S1: [22, 33], S2: [25, 35], S3: [29, 38],
};

export interface StaffContext {
  asOf: Day;
  rng: Rng;
  /** Serial numbers (NIP digits 16–18) used per birth date + TMT CPNS + gender. */
  serials: Map<string, number>;
  unitNames: string[];
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function makeNip(ctx: StaffContext, birth: Day, tmtCpns: Day, gender: Gender): string {
  const b = ymd(birth);
  const t = ymd(tmtCpns);
  const head = `${b.y}${pad(b.m, 2)}${pad(b.d, 2)}${t.y}${pad(t.m, 2)}${gender === 'L' ? 1 : 2}`;
  const serial = (ctx.serials.get(head) ?? ctx.rng.int(0, 4)) + 1;
  if (serial > 999) throw new Error('NIP serials exhausted');
  ctx.serials.set(head, serial);
  return head + pad(serial, 3);
}

function educationFor(p: DemoPosition, rng: Rng): Education {
  switch (p.type) {
    case 'JPT Utama': case 'JPT Madya': case 'JPT Pratama':
      return rng.weighted([['S2', 80], ['S3', 10], ['S1', 10]] as const);
    case 'Administrator':
      return rng.weighted([['S1', 45], ['S2', 55]] as const);
    case 'Pengawas':
      return rng.weighted([['S1', 65], ['S2', 25], ['D3', 10]] as const);
    case 'Pelaksana':
      switch (p.minEducation) {
        case 'SD': return rng.weighted([['SD', 40], ['SMP', 40], ['SMA', 20]] as const);
        case 'D3': return rng.weighted([['D3', 70], ['S1', 30]] as const);
        case 'S1': return rng.weighted([['S1', 90], ['S2', 10]] as const);
        default: return rng.weighted([['SMA', 55], ['D3', 15], ['S1', 30]] as const);
      }
    default: {
      const base = levelEducation(p.level ?? 'Terampil');
      if (base === 'S1') {
        if (p.family === 'DOKTER' || p.family === 'DRG' || p.family === 'MEDVET') return p.level === 'Ahli Pertama' ? 'S1' : rng.weighted([['S1', 50], ['S2', 50]] as const);
        return p.level === 'Ahli Madya' || p.level === 'Ahli Utama' ? rng.weighted([['S1', 40], ['S2', 55], ['S3', 5]] as const) : rng.weighted([['S1', 85], ['S2', 12], ['D4', 3]] as const);
      }
      return base === 'D3' ? rng.weighted([['D3', 85], ['S1', 15]] as const) : 'SMA';
    }
  }
}

function majorFor(p: DemoPosition, education: Education, rng: Rng): Major | null {
  const fam = FAMILIES[p.family];
  if (fam) {
    const key = rng.pick(fam.majors);
    if (education === 'SMA') return null;
    return MAJORS[key];
  }
  if (educationRank(education) < educationRank('D3')) return null;
  // A diploma (D1–D3) only in a field that has one.
  const table = educationRank(education) < educationRank('D4') ? GENERAL_MAJORS.filter(([k]) => MAJORS[k].d3 !== undefined) : GENERAL_MAJORS;
  return MAJORS[rng.weighted(table as readonly (readonly [MajorKey, number])[])];
}

const educationRank = (e: Education) => EDUCATION.indexOf(e);

/** The golongan range of people in this post. */
function rankRange(p: DemoPosition, education: Education): [number, number] {
  const min = golonganIndex(p.minRank ?? typeDefaults(p.type, p.level).minRank);
  let lo = min;
  let hi: number;
  switch (p.type) {
    case 'JPT Utama': case 'JPT Madya': case 'JPT Pratama': hi = golonganIndex('IV/d'); lo = Math.max(lo, golonganIndex('IV/b')); break;
    case 'Administrator': hi = golonganIndex('IV/b'); break;
    case 'Pengawas': hi = golonganIndex('IV/a'); break;
    case 'Pelaksana': hi = golonganIndex(PELAKSANA_CAP[education]); break;
    default: {
      const [a, b] = LEVEL_RANKS[p.level ?? 'Terampil'];
      lo = Math.max(lo, golonganIndex(a));
      hi = golonganIndex(b);
    }
  }
  if (p.maxRank) hi = Math.min(hi, golonganIndex(p.maxRank));
  return [lo, Math.max(lo, hi)];
}

const SKP_TABLE: readonly (readonly [Skp | null, number])[] = [
  ['Sangat Baik', 20], ['Baik', 72], ['Butuh Perbaikan', 3.5], ['Kurang', 1.2], ['Sangat Kurang', 0.3], [null, 3],
];
const TECHNICAL = ['Pelatihan Pengadaan Barang/Jasa', 'Bimtek SIPD', 'Pelatihan Pelayanan Prima', 'Pelatihan Kearsipan', 'Bimtek SIASN', 'Pelatihan Kepemimpinan Desa'];

export interface Overrides extends Partial<Omit<DemoEmployee, 'position'>> {
  /** Months in the current post at the as-of date. */
  tenureMonths?: number;
}

/** One person for a seat in `p`; `o` pins what a rule scenario needs. */
export function makeEmployee(ctx: StaffContext, p: DemoPosition, o: Overrides = {}): DemoEmployee {
  const { rng, asOf } = ctx;
  const fam = FAMILIES[p.family];
  const female = fam ? fam.female : p.type === 'Pelaksana' ? 0.5 : 0.35;
  const gender: Gender = o.gender ?? (rng.chance(female) ? 'P' : 'L');
  const status: EmployeeStatus = o.status ?? pickStatus(p, rng);
  const education = o.education ?? educationFor(p, rng);
  const major = majorFor(p, education, rng);
  const bup = typeDefaults(p.type, p.level).retirementAge;
  const now = ymd(asOf);

  let rank: Golongan | null;
  let tmtCpns: Day;
  let birth: Day;
  if (status === 'CPNS') {
    rank = o.rank ?? ENTRY_RANK[education];
    tmtCpns = dayFromYmd(now.y - 1, 6, 1)!;
    birth = dayFromYmd(now.y - 1 - rng.int(CPNS_AGE[education][0], CPNS_AGE[education][0] + 6), rng.int(1, 12), rng.int(1, 28))!;
  } else if (status === 'PPPK') {
    rank = null;
    tmtCpns = dayFromYmd(now.y - rng.int(2, 4), rng.pick([1, 3, 7]), 1)!;
    birth = dayFromYmd(ymd(tmtCpns).y - rng.int(24, 45), rng.int(1, 12), rng.int(1, 28))!;
  } else {
    const [lo, hi] = rankRange(p, education);
    let r = o.rank ? golonganIndex(o.rank) : lo + Math.floor(rng.next() ** 1.4 * (hi - lo + 1));
    // Appointed with the highest diploma whose entry golongan is not above today's; a higher one
    // came later (a degree while in service), which takes some years.
    const entryEdu = ENTRY_ORDER.find((x) => educationRank(x) <= educationRank(education) && golonganIndex(ENTRY_RANK[x]) <= r) ?? 'SD';
    const entry = golonganIndex(ENTRY_RANK[entryEdu]);
    const cpnsAge = rng.int(...CPNS_AGE[entryEdu]);
    const maxYears = bup - cpnsAge - 2;
    let years = (r - entry) * 4 + rng.int(0, 3) + (r === hi ? rng.int(0, 8) : 0) + (entryEdu === education ? 0 : rng.int(4, 8));
    if (years > maxYears) {
      years = Math.max(1, maxYears);
      if (!o.rank) r = Math.min(r, entry + Math.floor(years / 4));
    }
    rank = golonganAt(r);
    tmtCpns = dayFromYmd(now.y - Math.max(1, years), rng.int(1, 12), 1)!;
    if (tmtCpns > addMonths(asOf, -13)) tmtCpns = addMonths(tmtCpns, -12);
    birth = dayFromYmd(ymd(tmtCpns).y - cpnsAge, rng.int(1, 12), rng.int(1, 28))!;
    // Nobody who would already have retired.
    while (anniversary(birth, bup) <= addMonths(asOf, 2)) birth = addMonths(birth, 12);
  }
  if (o.birth !== undefined) {
    // A pinned birth date (retirement scenarios): appointed in their twenties, as people are.
    birth = o.birth;
    if (status === 'PNS') {
      const at = ymd(anniversary(birth, rng.int(...CPNS_AGE[education])));
      tmtCpns = dayFromYmd(at.y, at.m, 1)!;
      if (tmtCpns > addMonths(asOf, -13)) tmtCpns = dayFromYmd(now.y - 2, at.m, 1)!;
    }
  }
  // TMT CPNS at least 18 years after birth (NIP_FORMAT otherwise).
  if (anniversary(birth, 19) > tmtCpns && status === 'PNS') {
    const n = ymd(anniversary(birth, 19));
    tmtCpns = dayFromYmd(n.m === 12 ? n.y + 1 : n.y, (n.m % 12) + 1, 1)!;
  }
  while (anniversary(birth, 18) > tmtCpns) birth = addMonths(birth, -12);

  const sinceCpns = monthsBetween(tmtCpns, asOf);
  // Structural posts come after years of service; other first posts may start at TMT CPNS.
  const served = p.weight === 0 && status === 'PNS' && o.tenureMonths === undefined ? sinceCpns - 48 : sinceCpns;
  const tenure = Math.min(o.tenureMonths ?? pickTenure(rng), Math.max(sinceCpns > 12 ? 1 : 0, served));
  const startMonth = addMonths(dayFromYmd(now.y, now.m, 1)!, -tenure);
  const positionStart = o.positionStart ?? (status === 'CPNS' ? tmtCpns : rng.chance(0.7) || tenure === 0 ? startMonth : startMonth + rng.int(1, 20));

  const newcomer = status === 'CPNS';
  const skpLast = o.skpLast !== undefined ? o.skpLast : rng.weighted(SKP_TABLE);
  const skpBefore = o.skpBefore !== undefined ? o.skpBefore : newcomer ? null : rng.weighted(SKP_TABLE);
  const discipline = o.discipline ?? rng.weighted([['Tidak Ada', 96.5], ['Ringan', 2], ['Sedang', 1], ['Berat', 0.5]] as const);
  const disciplineUntil = o.disciplineUntil !== undefined ? o.disciplineUntil
    : discipline === 'Tidak Ada' ? null
      : addMonths(asOf, discipline === 'Ringan' ? rng.int(-8, 5) : rng.int(-30, 18));

  const std = p.standards ?? Array(9).fill(typeDefaults(p.type, p.level).standard);
  const competencies = o.competencies !== undefined ? o.competencies
    : rng.chance(newcomer ? 0.3 : 0.07) ? null
      : std.map((s: number) => Math.max(1, Math.min(5, s + rng.weighted([[-1, 10], [0, 50], [1, 33], [2, 7]] as const))));

  return {
    nip: o.nip ?? makeNip(ctx, birth, tmtCpns, gender),
    name: o.name ?? fullName(rng, gender, education, major, ymd(birth).y),
    gender, status, rank: o.rank !== undefined ? o.rank : rank, position: p, positionStart, birth, tmtCpns, education,
    major: o.major ?? (major ? major.name : education === 'SMA' && rng.chance(0.7) ? rng.pick(SCHOOL_MAJORS) : ''),
    skpLast, skpBefore, potential: o.potential !== undefined ? o.potential : rng.weighted([['Tinggi', 25], ['Menengah', 55], ['Rendah', 15], [null, 5]] as const),
    discipline, disciplineWritten: rng.chance(0.7), disciplineUntil,
    trainings: o.trainings ?? trainingsFor(p, tmtCpns, status, rng),
    preferences: o.preferences ?? preferencesFor(ctx, p),
    competencies, scenario: o.scenario,
  };
}

/** Three in ten people name one or two other units where they would like to work. */
function preferencesFor(ctx: StaffContext, p: DemoPosition): string[] {
  if (!ctx.rng.chance(0.3)) return [];
  const out = new Set<string>();
  const want = ctx.rng.int(1, 2);
  for (let i = 0; i < 6 && out.size < want; i++) {
    const u = ctx.rng.pick(ctx.unitNames);
    if (u !== p.unit.name) out.add(u);
  }
  return [...out];
}

function pickStatus(p: DemoPosition, rng: Rng): EmployeeStatus {
  const entryLevel = p.type === 'Pelaksana' || p.level === 'Ahli Pertama' || p.level === 'Terampil' || p.level === 'Pemula';
  if (entryLevel && rng.chance(0.03)) return 'CPNS';
  if (p.type === 'Fungsional' && entryLevel && ['GURU', 'PERAWAT', 'BIDAN', 'PENYULUHTAN', 'NUTRISIONIS'].includes(p.family) && rng.chance(0.15)) return 'PPPK';
  if (p.type === 'Fungsional' && rng.chance(0.006)) return 'Tugas Belajar';
  return 'PNS';
}

/** Months in the current post: most under five years, some (due for rotation) longer. */
function pickTenure(rng: Rng): number {
  return rng.weighted([[0, 30], [1, 55], [2, 15]] as const) === 0 ? rng.int(1, 23) : rng.next() < 0.8 ? rng.int(24, 60) : rng.int(61, 130);
}

function trainingsFor(p: DemoPosition, tmtCpns: Day, status: EmployeeStatus, rng: Rng): string[] {
  const out: string[] = [];
  if (status !== 'PPPK') out.push(ymd(tmtCpns).y >= 2014 ? 'Latsar CPNS' : 'Prajabatan');
  const t = TRAINING_FOR[p.type];
  if (p.type === 'JPT Pratama') out.push('PKA', 'PKN II');
  else if (p.type === 'Administrator') { if (rng.chance(0.7)) out.push('PKP'); out.push('PKA'); }
  else if (p.type === 'Pengawas') { out.push('PKP'); if (rng.chance(0.3)) out.push('PKA'); }
  else if (t) out.push(t);
  const fam = FAMILIES[p.family];
  if (fam && rng.chance(0.6)) out.push(`Diklat Fungsional ${fam.name}`);
  if (rng.chance(0.2)) out.push(rng.pick(TECHNICAL));
  if (p.type === 'JPT Pratama' && rng.chance(0.05)) return out.filter((x) => x !== 'PKN II'); // appointed before finishing PKN II
  return out;
}

