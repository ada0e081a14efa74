/**
 * Talenta & Suksesi as plain data (RULES.md "Succession"): the talent pool by 9-box and a succession
 * plan for every key post. This is the JSON contract of `mutasi talenta --json` (docs/talenta.md) and
 * what the add-in's Talenta pane and the sheets Talenta / Suksesi are drawn from.
 */
import type { Gap } from '../jpm';
import type { RuleId, Severity } from '../rules/types';
import type { ScoreParts } from '../proposer/score';

/** RULES.md: Siap sekarang / Siap 1–2 tahun / Belum siap. */
export type Readiness = 'now' | 'soon' | 'notYet';
export const READINESS_ORDER: Record<Readiness, number> = { now: 0, soon: 1, notYet: 2 };
export const READINESS_BY_ORDER: Readiness[] = ['now', 'soon', 'notYet'];

/** 7–9 succession pool, 4–6 rotation and development, 1–3 coaching (RULES.md "Talent box"). */
export type TalentGroup = 'suksesi' | 'rotasi' | 'pembinaan';

export interface TalentPerson {
  nip: string;
  name: string;
  /** Worksheet row in Pegawai. */
  row: number;
  positionCode: string;
  positionName: string;
  unit: string;
  rank: string | null;
  skpLast: string | null;
  skpBefore: string | null;
  potential: string | null;
  /** 1–9, or null when SKP or Potensi is empty (the person cannot be placed). */
  box: number | null;
  group: TalentGroup | null;
}

export interface UnitBoxes {
  unit: string;
  /** People per box: boxes[0] is box 1 … boxes[8] box 9. */
  boxes: number[];
  /** PNS of the unit with a box. */
  total: number;
  /** PNS of the unit without a box (SKP or Potensi empty). */
  unboxed: number;
}

export interface TalentPool {
  /** Every PNS, by NIP: with a box, or box null when SKP / Potensi is missing. */
  people: TalentPerson[];
  /** People per box: byBox[0] is box 1 … byBox[8] box 9. */
  byBox: number[];
  groups: Record<TalentGroup, number>;
  /** PNS without a box. */
  unboxed: number;
  byUnit: UnitBoxes[];
}

export interface PlanNote {
  rule: RuleId;
  severity: Severity;
  message: string;
}

/** What the successor has to gain before (or after) taking the post. */
export interface DevelopmentPlan {
  /** Competencies below the post's standard (the training and mentoring needs). */
  gaps: Gap[];
  /** The engine's error findings for the move today: what stands between the person and the post. */
  blockers: PlanNote[];
  /** The engine's warnings (never change readiness; each needs attention or a justification). */
  warnings: PlanNote[];
  /** Diklat Wajib of the post the person has not followed. */
  missingTrainings: string[];
  /** When the minimum tenure in the current post is reached (YYYY-MM-DD), where TENURE_MIN blocks today. */
  tenureReachedOn: string | null;
}

export interface Successor {
  /** 1 = first in line. */
  rank: number;
  nip: string;
  name: string;
  positionCode: string;
  positionName: string;
  unit: string;
  rankGolongan: string | null;
  box: number;
  /** A box 4–6 person, taken because the pool (7–9) had fewer than `Jumlah Suksesor` candidates. */
  outsidePool: boolean;
  readiness: Readiness;
  /** The proposal score of the move (RULES.md "Proposal score"), whatever its findings. */
  score: number;
  parts: ScoreParts;
  /** JPM for the post, or null without competency levels. */
  jpm: number | null;
  /** The first Siap sekarang of the post. */
  emergency: boolean;
  plan: DevelopmentPlan;
}

export interface Holder {
  nip: string;
  name: string;
  /** The day the holder reaches the post's retirement age (BUP), YYYY-MM-DD; null without a birth date. */
  retiresOn: string | null;
  /** retiresOn lies within `Horizon Pensiun (bulan)` of the as-of date (or has passed). */
  withinHorizon: boolean;
}

/** ready: the first successor is Siap sekarang; soon: Siap 1–2 tahun; none: no successor ready within two years. */
export type PostStatus = 'ready' | 'soon' | 'none';

export interface KeyPost {
  code: string;
  name: string;
  unit: string;
  type: string | null;
  level: string | null;
  /** Why it is a key post: structural (JPT, Administrator) or `Jabatan Kritikal` = Ya. */
  reason: 'jpt' | 'administrator' | 'critical';
  /** Worksheet row in Jabatan. */
  row: number;
  needed: number;
  holders: Holder[];
  /** "akan kosong": the earliest day a holder reaches BUP within the horizon, YYYY-MM-DD, else null. */
  opensOn: string | null;
  /** Fewer holders than Kebutuhan today. */
  vacantNow: boolean;
  /** Candidates considered: from the pool (boxes 7–9) and, where those were too few, from boxes 4–6. */
  candidates: { pool: number; outside: number };
  successors: Successor[];
  /** NIP of the emergency successor (the first Siap sekarang), or null. */
  emergency: string | null;
  /** No candidate is Siap sekarang (RULES.md: the flag reported per key post). */
  noReadySuccessor: boolean;
  status: PostStatus;
}

export interface SuccessionStats {
  people: number;
  keyPosts: number;
  /** Distinct requirement signatures among the key posts (each judged once per person). */
  groups: number;
  /** (person, post) pairs looked at by the cheap gate. */
  pairsScanned: number;
  /** Full rule-engine evaluations (evaluateMove). */
  engineCalls: number;
  ms: { context: number; pool: number; gate: number; select: number; total: number };
}

export interface SuccessionResult {
  asOf: string;
  /** The Aturan values used. */
  settings: { successorCount: number; horizonMonths: number; horizonEnd: string; jpmOk: number };
  talent: TalentPool;
  /** Every key post, by code. */
  posts: KeyPost[];
  counts: {
    keyPosts: number;
    /** Posts flagged noReadySuccessor. */
    withoutReady: number;
    /** Posts whose status is none (not even Siap 1–2 tahun). */
    withoutSuccessor: number;
    /** Posts with an "akan kosong" date within the horizon. */
    opening: number;
    vacantNow: number;
  };
  stats: SuccessionStats;
}
