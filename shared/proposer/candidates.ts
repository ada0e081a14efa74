/**
 * Who may move where, and with what score: the solver's input.
 *
 * People: everyone in Pegawai (first row of each NIP) without an active proposal, whose Pegawai row has
 * no error (a plan built on a bad cell would be wrong) and whose move has no error finding. Positions:
 * those with a vacant seat (vacancies.ts) and no error on their Jabatan row.
 *
 * The engine decides eligibility: personFindings once per person (a cheap prune: status, tenure,
 * performance, discipline and moratorium rule out most people before any position is looked at), then
 * targetFindings once per person and group of positions the target rules cannot tell apart, behind the
 * numeric gate of prefilter.ts. Moves with LEVEL_DOWN and into the person's own position are left out.
 *
 * Output is a column-major CSR (positions by code, people by NIP within each), with per-pair typed
 * arrays only; a person-by-person index of it is built when an explanation needs one.
 */
import type { Employee, Position, Settings } from '../model';
import { personFindings, targetFindings, type MoveContext, type MoveFinding } from '../rules/transfer';
import { RULE_IDS, type RuleId } from '../rules/types';
import type { Day } from '../values/dates';
import { GATED_RULES, groupPositions, personGate, targetBlockMask } from './prefilter';
import { personTerms, unitKey, type PersonTerms } from './score';
import { majorMatchesAny } from '../rules/transfer';

export interface CandidateInput {
  ctx: MoveContext;
  settings: Settings;
  /** TMT Mutasi of every proposed move. */
  date: Day;
  /** People who may be considered (already filtered for active proposals and data errors), any order. */
  people: Employee[];
  /** Positions with seats to fill (vacant > 0, no data errors), any order. */
  positions: Position[];
  /** Vacant seats per position code. */
  vacant: (code: string) => number;
  /** Whether moving someone out of this position does not open a new vacancy. */
  originOverFull: (code: string) => boolean;
  onProgress?: (done: number, total: number) => void;
  /** A warning rules a move out too (ProposerOptions.withoutWarnings). */
  withoutWarnings?: boolean;
}

export interface CandidateGraph {
  /** Rows, by NIP. */
  people: Employee[];
  terms: PersonTerms[];
  /** Person-level errors of people who are not candidates at all (by NIP); empty for movable people. */
  personBlocks: Map<string, MoveFinding[]>;
  /** Columns, by code. */
  positions: Position[];
  capacity: Int32Array;
  /**
   * The eligible pairs, position by position (column-major CSR, what the solver augments from
   * without a transposed copy): position j's pairs are colStart[j] ≤ e < colStart[j+1], person
   * row[e] with score[e]. Built in NIP order within a position; the plan's solve then reorders a
   * position's pairs by score, stably (equal scores stay in NIP order).
   */
  colStart: Int32Array;
  row: Int32Array;
  score: Float64Array;
  /**
   * The same pairs person by person (indices into row/score, with their position), built on first
   * use and kept: call it only after the solve, which may reorder the pairs (plan.ts does).
   */
  rowPairs(): RowPairs;
  /**
   * Per position: how many movable people are blocked from it by exactly one target rule, by rule —
   * the "near candidates" that explain an unfilled seat. (Positions of one group share the map.)
   */
  nearBlocks: Map<string, Map<RuleId, number>>;
  /** People who passed personFindings. */
  movable: number;
  /** targetFindings calls made (for the benchmark). */
  engineCalls: number;
}

export interface RowPairs {
  /** Person i's pairs are rowStart[i] ≤ k < rowStart[i+1], in position order. */
  rowStart: Int32Array;
  /** Index of the pair in the column-major arrays. */
  pair: Int32Array;
  /** Its position. */
  col: Int32Array;
}

/**
 * What the engine accepted, one record per (person, group of positions): the group and the JPM part
 * of the score, which are the same for every position of the group. The pairs themselves are
 * expanded from these records once their number is known, into arrays of exactly that size: on a
 * 40,000-staff workbook there are some 10^5 records for 10^7 pairs, and growing pair arrays by
 * doubling allocated (and garbage-collected) several hundred megabytes more than the final arrays.
 */
class RecordBuffer {
  group = new Int32Array(1 << 12);
  jpmPart = new Float64Array(1 << 12);
  n = 0;
  push(g: number, jpmPart: number): void {
    if (this.n === this.group.length) {
      const group = new Int32Array(this.n * 2);
      const part = new Float64Array(this.n * 2);
      group.set(this.group);
      part.set(this.jpmPart);
      this.group = group;
      this.jpmPart = part;
    }
    this.group[this.n] = g;
    this.jpmPart[this.n] = jpmPart;
    this.n++;
  }
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildCandidates(input: CandidateInput): CandidateGraph {
  const { ctx, settings: s, date } = input;
  const w = s.weights;
  const people = [...input.people].sort((a, b) => byString(a.nip, b.nip));
  const positions = [...input.positions].sort((a, b) => byString(a.code, b.code));
  const colOf = new Map<string, number>();
  positions.forEach((p, j) => colOf.set(p.code, j));
  const capacity = Int32Array.from(positions, (p) => input.vacant(p.code));

  // Per position: unit id (for Unit Diminati) and majors-list id (for Rumpun Jurusan), as small ints.
  const unitIds = new Map<string, number>();
  const unitOf = Int32Array.from(positions, (p) => {
    const k = unitKey(p.unit);
    let id = unitIds.get(k);
    if (id === undefined) unitIds.set(k, (id = unitIds.size));
    return k === '' ? -1 : id;
  });
  const majorLists: string[][] = [];
  const majorIds = new Map<string, number>();
  const majorsOf = Int32Array.from(positions, (p) => {
    if (p.majors.length === 0) return -1;
    const k = p.majors.join('\u0000');
    let id = majorIds.get(k);
    if (id === undefined) {
      majorIds.set(k, (id = majorLists.length));
      majorLists.push(p.majors);
    }
    return id;
  });
  // Whether a Jurusan matches a majors list, per distinct Jurusan (many people share one).
  const majorMatch = new Map<string, Int8Array>();

  const groups = groupPositions(positions, input.withoutWarnings === true);
  const groupCols = groups.map((g) => Int32Array.from(g.positions, (p) => colOf.get(p.code)!));

  const terms: PersonTerms[] = [];
  const personBlocks = new Map<string, MoveFinding[]>();
  // Near candidates per group and rule (expanded to positions at the end: a group may hold thousands).
  const NR = RULE_IDS.length;
  const nearCount = new Int32Array(groups.length * NR);
  const ruleIndex = new Map<RuleId, number>(RULE_IDS.map((r, k) => [r, k]));
  const gatedIndex = GATED_RULES.map((r) => ruleIndex.get(r)!);

  const groupOfCol = new Int32Array(positions.length);
  groupCols.forEach((cols, gi) => cols.forEach((c) => (groupOfCol[c] = gi)));
  // Pass 1: the engine's verdicts, one record per accepted (person, group); pairs counted per person.
  const records = new RecordBuffer();
  const recStart = new Int32Array(people.length + 1);
  const jpmBox = new Float64Array(1);
  const opts = { date, reason: null } as const;
  const strict = input.withoutWarnings === true;
  let movable = 0;
  let engineCalls = 0;
  let nPairs = 0;
  const progressEvery = Math.max(1, Math.floor(people.length / 200));

  for (let i = 0; i < people.length; i++) {
    const e = people[i]!;
    recStart[i] = records.n;
    const t = personTerms(e, w, s.tenureMaxMonths, date, input.originOverFull(e.positionCode));
    terms.push(t);
    if (input.onProgress && i % progressEvery === 0) input.onProgress(i, people.length);

    const blocks = personFindings(ctx, e, opts).filter((f) => f.severity === 'error' || (strict && f.severity === 'warning'));
    if (blocks.length > 0) {
      personBlocks.set(e.nip, blocks);
      continue;
    }
    movable++;
    const gate = personGate(e, ctx.positions);
    const ownCol = colOf.get(e.positionCode) ?? -1;
    const ownGroup = ownCol >= 0 ? groupOfCol[ownCol]! : -1;

    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi]!;
      const mask = targetBlockMask(gate, g, s, date, jpmBox);
      if (mask !== 0) {
        if ((mask & (mask - 1)) === 0) nearCount[gi * NR + gatedIndex[31 - Math.clz32(mask)]!]!++;
        continue;
      }
      // The engine has the last word (and the JPM it reports is the one scored).
      engineCalls++;
      const r = targetFindings(ctx, e, g.representative, opts);
      let blocked: RuleId | null = null;
      let nBlocked = 0;
      for (const f of r.findings) {
        if (f.severity === 'error' || f.rule === 'LEVEL_DOWN' || (strict && f.severity === 'warning')) {
          blocked = f.rule;
          nBlocked++;
        }
      }
      if (nBlocked > 0) {
        if (nBlocked === 1) nearCount[gi * NR + ruleIndex.get(blocked!)!]!++;
        continue;
      }
      records.push(gi, (w.jpm * (r.jpm ?? 0)) / 100);
      nPairs += groupCols[gi]!.length - (gi === ownGroup ? 1 : 0); // never into their own position (SAME_POSITION)
    }
  }
  recStart[people.length] = records.n;
  input.onProgress?.(people.length, people.length);

  // Pass 2: the pairs, position by position, in arrays of their exact size (one buffer: one large
  // allocation, hence at most one garbage collection it triggers). Counted per position first;
  // then filled person by person, so each position lists its people in NIP order. The score's six
  // terms are added in scoreOf's order (score.ts), so that explanations add up exactly.
  const nCols = positions.length;
  const ownColOf = (e: Employee): number => colOf.get(e.positionCode) ?? -1;
  const colStart = new Int32Array(nCols + 1);
  for (let i = 0; i < people.length; i++) {
    if (recStart[i] === recStart[i + 1]) continue;
    const ownCol = ownColOf(people[i]!);
    for (let q = recStart[i]!, qEnd = recStart[i + 1]!; q < qEnd; q++) {
      const cols = groupCols[records.group[q]!]!;
      for (let k = 0; k < cols.length; k++) if (cols[k] !== ownCol) colStart[cols[k]! + 1]!++;
    }
  }
  for (let c = 0; c < nCols; c++) colStart[c + 1]! += colStart[c]!;
  const next = colStart.slice(0, nCols);
  const buffer = new ArrayBuffer(nPairs * 12);
  const score = new Float64Array(buffer, 0, nPairs);
  const row = new Int32Array(buffer, nPairs * 8, nPairs);
  const prefUnits: number[] = [];
  for (let i = 0; i < people.length; i++) {
    if (recStart[i] === recStart[i + 1]) continue;
    const e = people[i]!;
    const t = terms[i]!;
    prefUnits.length = 0;
    for (const u of t.preferredUnits) {
      const id = unitIds.get(u);
      if (id !== undefined) prefUnits.push(id);
    }
    let matches = majorMatch.get(e.educationMajor);
    if (!matches) majorMatch.set(e.educationMajor, (matches = new Int8Array(majorLists.length).fill(-1)));
    const base = t.performance;
    const ownCol = ownColOf(e);
    for (let q = recStart[i]!, qEnd = recStart[i + 1]!; q < qEnd; q++) {
      const jpmPart = records.jpmPart[q]!;
      const cols = groupCols[records.group[q]!]!;
      for (let k = 0; k < cols.length; k++) {
        const c = cols[k]!;
        if (c === ownCol) continue;
        const u = unitOf[c]!;
        let pref = 0;
        if (u >= 0) for (let x = 0; x < prefUnits.length; x++) if (prefUnits[x] === u) pref = w.preference;
        let maj = 0;
        const mid = majorsOf[c]!;
        if (mid >= 0) {
          let m = matches[mid]!;
          if (m < 0) matches[mid] = m = majorMatchesAny(majorLists[mid]!, e.educationMajor) ? 1 : 0;
          if (m === 1) maj = w.major;
        }
        const at = next[c]!;
        next[c] = at + 1;
        row[at] = i;
        score[at] = jpmPart + base + t.rotation + pref + maj + t.newVacancy;
      }
    }
  }

  let byRow: RowPairs | null = null;
  const rowPairs = (): RowPairs => (byRow ??= transposePairs(people.length, colStart, row));

  const near = new Map<string, Map<RuleId, number>>();
  groups.forEach((g, gi) => {
    const m = new Map<RuleId, number>();
    for (let r = 0; r < NR; r++) if (nearCount[gi * NR + r]! > 0) m.set(RULE_IDS[r]!, nearCount[gi * NR + r]!);
    for (const p of g.positions) near.set(p.code, m);
  });

  return {
    people,
    terms,
    personBlocks,
    positions,
    capacity,
    colStart,
    row,
    score,
    rowPairs,
    nearBlocks: near,
    movable,
    engineCalls,
  };
}

/** The person-by-person index of the column-major pairs (for explanations of one person). */
function transposePairs(nRows: number, colStart: Int32Array, row: Int32Array): RowPairs {
  const n = row.length;
  const rowStart = new Int32Array(nRows + 1);
  for (let e = 0; e < n; e++) rowStart[row[e]! + 1]!++;
  for (let i = 0; i < nRows; i++) rowStart[i + 1]! += rowStart[i]!;
  const next = rowStart.slice(0, nRows);
  const pair = new Int32Array(n);
  const col = new Int32Array(n);
  for (let c = 0; c + 1 < colStart.length; c++) {
    for (let e = colStart[c]!, end = colStart[c + 1]!; e < end; e++) {
      const at = next[row[e]!]!;
      next[row[e]!] = at + 1;
      pair[at] = e;
      col[at] = c;
    }
  }
  return { rowStart, pair, col };
}
