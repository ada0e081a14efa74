/**
 * A fast gate in front of the rule engine for the proposer's 40,000 × 8,000 pair space.
 *
 * targetFindings (rules/transfer.ts) is the authority on whether a move is allowed, but it builds
 * finding objects and message parameters (competency gap texts) for every pair it sees; calling it
 * for every person × position would take minutes. Two observations make it cheap:
 *  1. its error findings depend on the position only through its *signature* (type, level and the
 *     effective requirements: minimum golongan and pendidikan, retirement age, competency standards),
 *     so positions are grouped by signature and each person is judged once per group, and
 *  2. each error rule is a numeric comparison that can be tested on plain numbers first.
 * `targetBlockMask` evaluates those comparisons and returns the set of error rules (plus LEVEL_DOWN,
 * which the proposer never proposes) as a bit mask. Only pairs with an empty mask go on to
 * targetFindings, whose verdict decides; a test checks on random workbooks that the mask equals the
 * engine's error rules for every pair, so the gate can neither let a bad move through (the engine
 * would catch it) nor silently drop a good one (the test would fail).
 */
import { educationRank, golonganIndex, isStructural, rungOf, type RungPosition } from '../domain';
import { jpmValue } from '../jpm';
import type { Employee, Position, Settings } from '../model';
import { requirements, type Requirements } from '../requirements';
import { majorMatchesAny } from '../rules/transfer';
import type { RuleId } from '../rules/types';
import { anniversary, type Day } from '../values/dates';

/** The rules the gate knows, in bit order. */
export const GATED_RULES = ['RANK_BELOW_MIN', 'EDUCATION_BELOW_MIN', 'COMPETENCY_FIT_LOW', 'RETIREMENT_PASSED', 'LEVEL_SKIP', 'LEVEL_DOWN', 'EDUCATION_FIELD_MISMATCH'] as const satisfies readonly RuleId[];
const RANK = 1;
const EDUCATION = 2;
const JPM_LOW = 4;
const RETIRED = 8;
const SKIP = 16;
const DOWN = 32;
const FIELD = 64;

export function maskRules(mask: number): RuleId[] {
  const out: RuleId[] = [];
  for (let i = 0; i < GATED_RULES.length; i++) if (mask & (1 << i)) out.push(GATED_RULES[i]!);
  return out;
}

/** One group of positions that the target rules cannot tell apart (same signature). */
export interface PositionGroup {
  /** The first position of the group (by code): the one handed to targetFindings. */
  representative: Position;
  positions: Position[];
  req: Requirements;
  structural: boolean;
  ladder: RungPosition | null;
  /** ladder as plain numbers (ladderNumbers): the gate reads these, never the object. */
  ladderId: number;
  rung: number;
  equivalent: number;
  /** Rumpun Jurusan of a functional group (a mismatch is an error there), else null. */
  fieldMajors: string[] | null;
  /** Whether a Jurusan matches fieldMajors, per distinct Jurusan (many people share one). */
  fieldCache: Map<string, boolean>;
}

/**
 * What the target rules' errors depend on (for a functional position its Rumpun Jurusan too). With `warnings`, also what their warnings depend on (the
 * maximum golongan, Rumpun Jurusan, Diklat Wajib), for a plan that admits no warning.
 */
export function signature(p: Position, warnings = false): string {
  const r = requirements(p);
  const sig = [p.type ?? '', p.level ?? '', r.minRankIndex, r.minEducationRank, r.retirementAge, r.standards.join('')];
  // Rumpun Jurusan of a functional position gives an error (EDUCATION_FIELD_MISMATCH, RULES.md 2026-12-07):
  // part of the error signature there, of the warning signature elsewhere.
  if (p.type === 'Fungsional' && !warnings) sig.push(p.majors.join('\u0000'));
  if (warnings) sig.push(r.maxRankIndex ?? '', p.majors.join('\u0000'), p.requiredTrainings.join('\u0000'));
  return sig.join('|');
}

/** Groups positions by signature; groups and their positions in code order (input order is kept otherwise). */
export function groupPositions(positions: Position[], warnings = false): PositionGroup[] {
  const bySig = new Map<string, PositionGroup>();
  for (const p of positions) {
    const sig = signature(p, warnings);
    let g = bySig.get(sig);
    if (!g) {
      const ladder = p.type ? rungOf(p.type, p.level) : null;
      g = {
        representative: p,
        positions: [],
        req: requirements(p),
        structural: p.type !== null && isStructural(p.type),
        ladder,
        ...ladderNumbers(ladder),
        fieldMajors: p.type === 'Fungsional' && p.majors.length > 0 ? p.majors : null,
        fieldCache: new Map(),
      };
      bySig.set(sig, g);
    }
    g.positions.push(p);
  }
  return [...bySig.values()];
}

const LADDER_IDS = new Map<string, number>();
/**
 * A rung as numbers kept on the gate's own objects (ladderId −1: no ladder). Reading a second object
 * per pair (the RungPosition) cost more than the rest of the gate on a large workbook: the pairs
 * visit tens of thousands of people's objects in turn, and each extra object is a cache miss.
 */
function ladderNumbers(r: RungPosition | null): { ladderId: number; rung: number; equivalent: number } {
  if (!r) return { ladderId: -1, rung: 0, equivalent: 0 };
  let id = LADDER_IDS.get(r.ladder);
  if (id === undefined) LADDER_IDS.set(r.ladder, (id = LADDER_IDS.size));
  return { ladderId: id, rung: r.rung, equivalent: r.equivalent };
}

/** A person's numbers for the gate, computed once. */
export interface PersonGate {
  rankIndex: number;
  eduRank: number;
  competencies: number[] | null;
  birth: Day | null;
  ladder: RungPosition | null;
  /** ladder as plain numbers (ladderNumbers). */
  ladderId: number;
  rung: number;
  equivalent: number;
  major: string;
  /** Retirement day per retirement age, filled lazily (there are only a few ages). */
  bup: Map<number, Day>;
  /** The retirement age last looked up and its day (-1: none yet). */
  lastAge: number;
  lastBup: Day;
}

export function personGate(e: Employee, positions: Map<string, Position>): PersonGate {
  const cur = positions.get(e.positionCode);
  const ladder = cur?.type ? rungOf(cur.type, cur.level) : null;
  const n = ladderNumbers(ladder);
  return {
    rankIndex: e.rank === null ? -1 : golonganIndex(e.rank),
    eduRank: e.educationLevel === null ? -1 : educationRank(e.educationLevel),
    competencies: e.competencies,
    birth: e.birthDate,
    ladder,
    ladderId: n.ladderId,
    rung: n.rung,
    equivalent: n.equivalent,
    major: e.educationMajor,
    bup: new Map(),
    lastAge: -1,
    lastBup: 0,
  };
}

/**
 * The error rules (and LEVEL_DOWN) targetFindings would report for this person and any position of the
 * group, as a bit mask; `jpmOut[0]` receives the JPM (NaN without competency data).
 */
export function targetBlockMask(pg: PersonGate, g: PositionGroup, s: Settings, date: Day, jpmOut: Float64Array): number {
  let mask = 0;
  const req = g.req;
  if (pg.rankIndex >= 0) {
    const below = req.minRankIndex - pg.rankIndex;
    if (below > 1 || (below === 1 && !g.structural)) mask |= RANK;
  }
  if (pg.eduRank >= 0 && pg.eduRank < req.minEducationRank) mask |= EDUCATION;
  const jpm = jpmValue(pg.competencies, req.standards, req.standardSum);
  jpmOut[0] = jpm === null ? NaN : jpm;
  if (jpm !== null && jpm < s.jpmMin) mask |= JPM_LOW;
  if (pg.birth !== null) {
    // The last retirement age asked for, then the map (a person meets only a few ages).
    let bup: Day | undefined;
    if (pg.lastAge === req.retirementAge) bup = pg.lastBup;
    else {
      bup = pg.bup.get(req.retirementAge);
      if (bup === undefined) {
        bup = anniversary(pg.birth, req.retirementAge);
        pg.bup.set(req.retirementAge, bup);
      }
      pg.lastAge = req.retirementAge;
      pg.lastBup = bup;
    }
    if (bup <= date) mask |= RETIRED;
  }
  if (pg.ladderId >= 0 && g.ladderId >= 0) {
    // rungStep(pg.ladder, g.ladder).up, from the numbers.
    const up = pg.ladderId === g.ladderId ? g.rung - pg.rung : g.equivalent - pg.equivalent;
    if (up > 1) mask |= SKIP;
    else if (up < 0) mask |= DOWN;
  }
  if (g.fieldMajors) {
    let ok = g.fieldCache.get(pg.major);
    if (ok === undefined) g.fieldCache.set(pg.major, (ok = majorMatchesAny(g.fieldMajors, pg.major)));
    if (!ok) mask |= FIELD;
  }
  return mask;
}

/**
 * The gate's numbers of many people as typed arrays (one array per number, indexed by the caller's
 * person index): targetBlockMasks reads these, so a group's scan over tens of thousands of people
 * touches a few contiguous arrays instead of each person's objects (each object a likely cache miss).
 * Built from the people's PersonGate; rows without a gate (null) are never scanned.
 */
export class GateTable {
  readonly n: number;
  readonly rankIndex: Int32Array;
  readonly eduRank: Int32Array;
  /** 1 when the person has the nine competency levels (comp[9k .. 9k+8]). */
  readonly hasComp: Uint8Array;
  readonly comp: Float64Array;
  readonly hasBirth: Uint8Array;
  readonly ladderId: Int32Array;
  readonly rung: Int32Array;
  readonly equivalent: Int32Array;
  /** Id of the person's Jurusan in `majors`. */
  readonly majorId: Int32Array;
  readonly majors: string[] = [];
  private readonly births: Float64Array;
  private readonly bups = new Map<number, Float64Array>();

  constructor(gates: readonly (PersonGate | null)[]) {
    const n = (this.n = gates.length);
    this.rankIndex = new Int32Array(n);
    this.eduRank = new Int32Array(n);
    this.hasComp = new Uint8Array(n);
    this.comp = new Float64Array(n * 9);
    this.hasBirth = new Uint8Array(n);
    this.births = new Float64Array(n);
    this.ladderId = new Int32Array(n).fill(-1);
    this.rung = new Int32Array(n);
    this.equivalent = new Int32Array(n);
    this.majorId = new Int32Array(n);
    const majorIds = new Map<string, number>();
    for (let k = 0; k < n; k++) {
      const pg = gates[k];
      if (!pg) continue;
      this.set(k, pg, majorIds);
    }
  }

  /** (Re)fills row k from a gate (a row whose gate is made later, e.g. on demand). */
  set(k: number, pg: PersonGate, majorIds?: Map<string, number>): void {
    this.rankIndex[k] = pg.rankIndex;
    this.eduRank[k] = pg.eduRank;
    if (pg.competencies) {
      this.hasComp[k] = 1;
      for (let i = 0; i < 9; i++) this.comp[k * 9 + i] = pg.competencies[i]!;
    }
    if (pg.birth !== null) {
      this.hasBirth[k] = 1;
      this.births[k] = pg.birth;
      for (const [age, days] of this.bups) days[k] = anniversary(pg.birth, age);
    }
    this.ladderId[k] = pg.ladderId;
    this.rung[k] = pg.rung;
    this.equivalent[k] = pg.equivalent;
    const ids = majorIds ?? this.majorIdMap();
    let id = ids.get(pg.major);
    if (id === undefined) {
      ids.set(pg.major, (id = this.majors.length));
      this.majors.push(pg.major);
    }
    this.majorId[k] = id;
  }

  private majorIdMap(): Map<string, number> {
    return new Map(this.majors.map((m, i) => [m, i]));
  }

  /** Each person's retirement day at a retirement age (rows without a birth date: unused). */
  retirementDays(age: number): Float64Array {
    let days = this.bups.get(age);
    if (!days) {
      days = new Float64Array(this.n);
      for (let k = 0; k < this.n; k++) if (this.hasBirth[k]) days[k] = anniversary(this.births[k]!, age);
      this.bups.set(age, days);
    }
    return days;
  }

  /** Per Jurusan id, whether it matches the group's field (1/0); null when the group has none. */
  fieldMatches(g: PositionGroup): Uint8Array | null {
    if (!g.fieldMajors) return null;
    const out = new Uint8Array(this.majors.length);
    for (let m = 0; m < this.majors.length; m++) {
      const major = this.majors[m]!;
      let ok = g.fieldCache.get(major);
      if (ok === undefined) g.fieldCache.set(major, (ok = majorMatchesAny(g.fieldMajors, major)));
      out[m] = ok ? 1 : 0;
    }
    return out;
  }
}

/**
 * targetBlockMask for the people `list` (indices into the table) and one group, at once: person k's
 * mask in maskOut[k] and JPM in jpmOut[k] (NaN without competency data). The same comparisons in the
 * same order, the JPM by jpmValue's arithmetic (test/proposer/gate.test.ts holds both equal to
 * targetBlockMask and the engine).
 */
export function targetBlockMasks(t: GateTable, list: Int32Array, g: PositionGroup, s: Settings, date: Day, maskOut: Uint8Array, jpmOut: Float64Array): void {
  const req = g.req;
  const minRank = req.minRankIndex;
  const structural = g.structural;
  const minEdu = req.minEducationRank;
  const st = req.standards;
  const t0 = st[0]!, t1 = st[1]!, t2 = st[2]!, t3 = st[3]!, t4 = st[4]!, t5 = st[5]!, t6 = st[6]!, t7 = st[7]!, t8 = st[8]!;
  const sum = req.standardSum;
  const jpmMin = s.jpmMin;
  const bup = t.retirementDays(req.retirementAge);
  const gLadder = g.ladderId;
  const gRung = g.rung;
  const gEq = g.equivalent;
  const field = t.fieldMatches(g);
  const { rankIndex, eduRank, hasComp, comp, hasBirth, ladderId, rung, equivalent, majorId } = t;
  for (let q = 0; q < list.length; q++) {
    const k = list[q]!;
    let mask = 0;
    const ri = rankIndex[k]!;
    if (ri >= 0) {
      const below = minRank - ri;
      if (below > 1 || (below === 1 && !structural)) mask |= RANK;
    }
    const er = eduRank[k]!;
    if (er >= 0 && er < minEdu) mask |= EDUCATION;
    let jpm = NaN;
    if (hasComp[k]) {
      const c = k * 9;
      let x = 0;
      let a = comp[c]!;
      x += a < t0 ? a : t0;
      a = comp[c + 1]!;
      x += a < t1 ? a : t1;
      a = comp[c + 2]!;
      x += a < t2 ? a : t2;
      a = comp[c + 3]!;
      x += a < t3 ? a : t3;
      a = comp[c + 4]!;
      x += a < t4 ? a : t4;
      a = comp[c + 5]!;
      x += a < t5 ? a : t5;
      a = comp[c + 6]!;
      x += a < t6 ? a : t6;
      a = comp[c + 7]!;
      x += a < t7 ? a : t7;
      a = comp[c + 8]!;
      x += a < t8 ? a : t8;
      jpm = Math.round((10000 * x) / sum) / 100;
      if (jpm < jpmMin) mask |= JPM_LOW;
    }
    jpmOut[k] = jpm;
    if (hasBirth[k] && bup[k]! <= date) mask |= RETIRED;
    const li = ladderId[k]!;
    if (li >= 0 && gLadder >= 0) {
      const up = li === gLadder ? gRung - rung[k]! : gEq - equivalent[k]!;
      if (up > 1) mask |= SKIP;
      else if (up < 0) mask |= DOWN;
    }
    if (field && !field[majorId[k]!]) mask |= FIELD;
    maskOut[k] = mask;
  }
}
