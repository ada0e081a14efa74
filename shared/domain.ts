/**
 * The vocabulary of Indonesian civil-service HR (BKN / Permenpan RB) as the rules need it:
 * golongan, education levels, position types and levels, competencies, defaults by position type.
 * Values here are canonical spellings; parsing of what people type is in values/.
 */

export const GOLONGAN = [
  'I/a', 'I/b', 'I/c', 'I/d',
  'II/a', 'II/b', 'II/c', 'II/d',
  'III/a', 'III/b', 'III/c', 'III/d',
  'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e',
] as const;
export type Golongan = (typeof GOLONGAN)[number];

/** Pangkat (rank names) in golongan order. */
export const PANGKAT = [
  'Juru Muda', 'Juru Muda Tk I', 'Juru', 'Juru Tk I',
  'Pengatur Muda', 'Pengatur Muda Tk I', 'Pengatur', 'Pengatur Tk I',
  'Penata Muda', 'Penata Muda Tk I', 'Penata', 'Penata Tk I',
  'Pembina', 'Pembina Tk I', 'Pembina Utama Muda', 'Pembina Utama Madya', 'Pembina Utama',
] as const;

export function golonganIndex(g: Golongan): number {
  return GOLONGAN.indexOf(g);
}

export const EDUCATION = ['SD', 'SMP', 'SMA', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'] as const;
export type Education = (typeof EDUCATION)[number];
/** D4 = S1 (both are sarjana-level for appointment). */
const EDU_RANK: Record<Education, number> = { SD: 0, SMP: 1, SMA: 2, D1: 3, D2: 4, D3: 5, D4: 6, S1: 6, S2: 7, S3: 8 };
export function educationRank(e: Education): number {
  return EDU_RANK[e];
}

export const EMPLOYEE_STATUS = ['PNS', 'CPNS', 'PPPK', 'Tugas Belajar'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUS)[number];

export const SKP = ['Sangat Baik', 'Baik', 'Butuh Perbaikan', 'Kurang', 'Sangat Kurang'] as const;
export type Skp = (typeof SKP)[number];

export const POTENTIAL = ['Tinggi', 'Menengah', 'Rendah'] as const;
export type Potential = (typeof POTENTIAL)[number];

export const DISCIPLINE = ['Tidak Ada', 'Ringan', 'Sedang', 'Berat'] as const;
export type Discipline = (typeof DISCIPLINE)[number];

export const POSITION_TYPES = ['JPT Utama', 'JPT Madya', 'JPT Pratama', 'Administrator', 'Pengawas', 'Pelaksana', 'Fungsional'] as const;
export type PositionType = (typeof POSITION_TYPES)[number];

export const FUNCTIONAL_LEVELS = ['Ahli Utama', 'Ahli Madya', 'Ahli Muda', 'Ahli Pertama', 'Penyelia', 'Mahir', 'Terampil', 'Pemula'] as const;
export type FunctionalLevel = (typeof FUNCTIONAL_LEVELS)[number];

export const PROPOSAL_REASONS = ['Rotasi', 'Promosi', 'Kebutuhan Organisasi', 'Darurat', 'Permintaan Sendiri'] as const;
export type ProposalReason = (typeof PROPOSAL_REASONS)[number];

export const PROPOSAL_STATUS = ['Draf', 'Diajukan', 'Disetujui', 'Ditolak', 'Tercatat'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUS)[number];
export function isActiveStatus(s: ProposalStatus): boolean {
  return s === 'Draf' || s === 'Diajukan' || s === 'Disetujui';
}

/** The nine competencies of Permenpan RB 38/2017, in this order everywhere. */
export const COMPETENCIES = [
  'Integritas', 'Kerja Sama', 'Komunikasi', 'Orientasi pada Hasil', 'Pelayanan Publik',
  'Pengembangan Diri dan Orang Lain', 'Mengelola Perubahan', 'Pengambilan Keputusan', 'Perekat Bangsa',
] as const;
export const COMPETENCIES_EN = [
  'Integrity', 'Teamwork', 'Communication', 'Results orientation', 'Public service',
  'Developing self and others', 'Managing change', 'Decision making', 'National cohesion',
] as const;

export function isStructural(t: PositionType): boolean {
  return t !== 'Pelaksana' && t !== 'Fungsional';
}
export function isJpt(t: PositionType): boolean {
  return t === 'JPT Utama' || t === 'JPT Madya' || t === 'JPT Pratama';
}

export interface TypeDefaults {
  minRank: Golongan;
  minEducation: Education;
  /** Batas Usia Pensiun in years. */
  retirementAge: number;
  standard: number;
}

const D = (minRank: Golongan, minEducation: Education, retirementAge: number, standard: number): TypeDefaults => ({ minRank, minEducation, retirementAge, standard });

const STRUCTURAL_DEFAULTS: Record<Exclude<PositionType, 'Fungsional'>, TypeDefaults> = {
  'JPT Utama': D('IV/d', 'S1', 60, 5),
  'JPT Madya': D('IV/c', 'S1', 60, 5),
  'JPT Pratama': D('IV/a', 'S1', 60, 4),
  Administrator: D('III/c', 'S1', 58, 3),
  Pengawas: D('III/b', 'D3', 58, 2),
  Pelaksana: D('II/a', 'SMA', 58, 1),
};
const FUNCTIONAL_DEFAULTS: Record<FunctionalLevel, TypeDefaults> = {
  'Ahli Utama': D('IV/d', 'S1', 65, 4),
  'Ahli Madya': D('IV/a', 'S1', 60, 3),
  'Ahli Muda': D('III/c', 'S1', 58, 2),
  'Ahli Pertama': D('III/a', 'S1', 58, 1),
  Penyelia: D('III/a', 'D3', 58, 2),
  Mahir: D('II/c', 'D3', 58, 1),
  Terampil: D('II/a', 'SMA', 58, 1),
  Pemula: D('II/a', 'SMA', 58, 1),
};

/** RULES.md "Defaults by position type". A Fungsional without a level takes the Terampil / Pemula row. */
export function typeDefaults(type: PositionType, level: FunctionalLevel | null): TypeDefaults {
  if (type === 'Fungsional') return FUNCTIONAL_DEFAULTS[level ?? 'Terampil'];
  return STRUCTURAL_DEFAULTS[type];
}

/** Career ladders for LEVEL_SKIP / LEVEL_DOWN: a ladder name and the rung on it. */
export type Ladder = 'struktural' | 'fungsional-keterampilan' | 'fungsional-keahlian';
export function ladderOf(type: PositionType, level: FunctionalLevel | null): { ladder: Ladder; rung: number } | null {
  switch (type) {
    case 'Pelaksana': return { ladder: 'struktural', rung: 0 };
    case 'Pengawas': return { ladder: 'struktural', rung: 1 };
    case 'Administrator': return { ladder: 'struktural', rung: 2 };
    case 'JPT Pratama': return { ladder: 'struktural', rung: 3 };
    case 'JPT Madya': return { ladder: 'struktural', rung: 4 };
    case 'JPT Utama': return { ladder: 'struktural', rung: 5 };
    case 'Fungsional':
      switch (level) {
        case 'Pemula': return { ladder: 'fungsional-keterampilan', rung: 0 };
        case 'Terampil': return { ladder: 'fungsional-keterampilan', rung: 1 };
        case 'Mahir': return { ladder: 'fungsional-keterampilan', rung: 2 };
        case 'Penyelia': return { ladder: 'fungsional-keterampilan', rung: 3 };
        case 'Ahli Pertama': return { ladder: 'fungsional-keahlian', rung: 0 };
        case 'Ahli Muda': return { ladder: 'fungsional-keahlian', rung: 1 };
        case 'Ahli Madya': return { ladder: 'fungsional-keahlian', rung: 2 };
        case 'Ahli Utama': return { ladder: 'fungsional-keahlian', rung: 3 };
        default: return null;
      }
  }
}

/**
 * The equivalent rung of RULES.md's table "Equivalent rungs" (2026-12-07), for moves between ladders:
 * structural Pelaksana 0 … JPT Utama 5; Ahli Pertama 1 … Ahli Utama 4 (PermenPAN-RB 17/2021:
 * Administrator = Ahli Muda, Pengawas = Ahli Pertama); the skill ladder at Pelaksana level, Penyelia at
 * Pengawas level.
 */
export function equivalentRung(type: PositionType, level: FunctionalLevel | null): number | null {
  switch (type) {
    case 'Pelaksana': return 0;
    case 'Pengawas': return 1;
    case 'Administrator': return 2;
    case 'JPT Pratama': return 3;
    case 'JPT Madya': return 4;
    case 'JPT Utama': return 5;
    case 'Fungsional':
      switch (level) {
        case 'Pemula': case 'Terampil': case 'Mahir': return 0;
        case 'Penyelia': return 1;
        case 'Ahli Pertama': return 1;
        case 'Ahli Muda': return 2;
        case 'Ahli Madya': return 3;
        case 'Ahli Utama': return 4;
        default: return null;
      }
  }
}

/** Where a position stands for LEVEL_SKIP / LEVEL_DOWN: its ladder and rung, and its equivalent rung. */
export interface RungPosition {
  ladder: Ladder;
  rung: number;
  equivalent: number;
}

export function rungOf(type: PositionType, level: FunctionalLevel | null): Readonly<RungPosition> | null {
  // One frozen object per (type, level): the rules ask for it per move and the proposer per person.
  let byLevel = RUNGS.get(type);
  if (byLevel === undefined) RUNGS.set(type, (byLevel = new Map()));
  let r = byLevel.get(level);
  if (r === undefined) {
    const l = ladderOf(type, level);
    const eq = equivalentRung(type, level);
    r = l && eq !== null ? Object.freeze({ ...l, equivalent: eq }) : null;
    byLevel.set(level, r);
  }
  return r;
}
const RUNGS = new Map<PositionType, Map<FunctionalLevel | null, Readonly<RungPosition> | null>>();

/**
 * The step of a move (RULES.md LEVEL_SKIP / LEVEL_DOWN): within one ladder by the ladder's own order,
 * between ladders by the equivalent rung. `up` is how many rungs the move climbs (negative: down).
 */
export function rungStep(from: RungPosition, to: RungPosition): { up: number; sameLadder: boolean } {
  const same = from.ladder === to.ladder;
  return { up: same ? to.rung - from.rung : to.equivalent - from.equivalent, sameLadder: same };
}

/** Talent box (9-box), RULES.md. perf: 0 below, 1 meets, 2 above; pot: 0 low, 1 medium, 2 high. */
const BOX: number[][] = [
  /* below */ [1, 3, 6],
  /* meets */ [2, 5, 8],
  /* above */ [4, 7, 9],
];
export function talentBox(skpLast: Skp | null, skpBefore: Skp | null, potential: Potential | null): number | null {
  const skp = skpLast ?? skpBefore; // the later year counts
  if (!skp || !potential) return null;
  const perf = skp === 'Sangat Baik' ? 2 : skp === 'Baik' ? 1 : 0;
  const pot = potential === 'Tinggi' ? 2 : potential === 'Menengah' ? 1 : 0;
  return BOX[perf]![pot]!;
}
export function talentGroup(box: number): 'suksesi' | 'rotasi' | 'pembinaan' {
  return box >= 7 ? 'suksesi' : box >= 4 ? 'rotasi' : 'pembinaan';
}
