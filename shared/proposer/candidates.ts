/**
 * Who may move where, and with what score: the solver's input.
 *
 * People: everyone in Pegawai (first row of each NIP) without an active proposal, whose Pegawai row has
 * no error (a plan built on a bad cell would be wrong) and whose move has no error finding. Positions:
 * those with a vacant seat (vacancies.ts) and no error on their Jabatan row.
 *
 * The engine's rules decide eligibility: personFindings once per person (a cheap prune: status, tenure,
 * performance, discipline and moratorium rule out most people before any position is looked at), then
 * the target rules once per person and group of positions they cannot tell apart, by the numeric gate
 * of prefilter.ts, which gives exactly the engine's error rules and LEVEL_DOWN and its JPM
 * (test/proposer/gate.test.ts). For a plan without warnings (withoutWarnings) the engine's
 * targetFindings judges each pair the gate passes, as the gate knows no warnings. Moves with
 * LEVEL_DOWN and into the person's own position are left out.
 *
 * Output is a column-major CSR (positions by code, people by NIP within each), with per-pair typed
 * arrays only; a person-by-person index of it is built when an explanation needs one.
 */
import type { Employee, Position, Settings } from '../model';
import { personFindings, targetFindings, type MoveContext, type MoveFinding } from '../rules/transfer';
import { RULE_IDS, type RuleId } from '../rules/types';
import type { Day } from '../values/dates';
import { GATED_RULES, GateTable, groupPositions, personGate, targetBlockMasks, type PersonGate } from './prefilter';
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
 * What the gate (and, for a plan without warnings, the engine) accepted, one record per (person,
 * group of positions): the person and the JPM part of the score, which are the same for every
 * position of the group. The pairs themselves are expanded from these records once their number is
 * known, into arrays of exactly that size: on a 40,000-staff workbook there are some 10^5 records for
 * 10^7 pairs, and growing pair arrays by doubling allocated (and garbage-collected) several hundred
 * megabytes more than the final arrays.
 */
class RecordBuffer {
  person = new Int32Array(1 << 12);
  jpmPart = new Float64Array(1 << 12);
  n = 0;
  push(i: number, jpmPart: number): void {
    if (this.n === this.person.length) {
      const person = new Int32Array(this.n * 2);
      const part = new Float64Array(this.n * 2);
      person.set(this.person);
      part.set(this.jpmPart);
      this.person = person;
      this.jpmPart = part;
    }
    this.person[this.n] = i;
    this.jpmPart[this.n] = jpmPart;
    this.n++;
  }
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const NIP_DIGITS = /^\d{18}$/;

/**
 * People by NIP, as `byString` on the NIPs would order them (stable among equal NIPs). The pool's
 * NIPs are valid, i.e. 18 ASCII digits, whose string order is the order of the two 9-digit halves
 * as numbers: sorting by those is several times faster than 10^5 string comparisons of NIPs that
 * share their first digits (the birth date). Any other NIP falls back to comparing the strings.
 */
function sortByNip(input: Employee[]): Employee[] {
  const n = input.length;
  const hi = new Float64Array(n);
  const lo = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const nip = input[i]!.nip;
    if (!NIP_DIGITS.test(nip)) return [...input].sort((a, b) => byString(a.nip, b.nip));
    hi[i] = Number(nip.slice(0, 9));
    lo[i] = Number(nip.slice(9));
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => hi[a]! - hi[b]! || lo[a]! - lo[b]! || a - b);
  return order.map((i) => input[i]!);
}

/** A small-int id per distinct key (first seen, first numbered). */
function interner(): { ids: Map<string, number>; id(k: string): number } {
  const ids = new Map<string, number>();
  return {
    ids,
    id(k) {
      let v = ids.get(k);
      if (v === undefined) ids.set(k, (v = ids.size));
      return v;
    },
  };
}

export function buildCandidates(input: CandidateInput): CandidateGraph {
  const { ctx, settings: s, date } = input;
  const w = s.weights;
  const people = sortByNip(input.people);
  const positions = [...input.positions].sort((a, b) => byString(a.code, b.code));
  const nRows = people.length;
  const nCols = positions.length;
  const colOf = new Map<string, number>();
  positions.forEach((p, j) => colOf.set(p.code, j));
  const capacity = Int32Array.from(positions, (p) => input.vacant(p.code));

  // Unit keys (listKey) of units and Unit Diminati: many people and positions share a few hundred.
  const keyCache = new Map<string, string>();
  const keyOf = (u: string): string => {
    let k = keyCache.get(u);
    if (k === undefined) keyCache.set(u, (k = unitKey(u)));
    return k;
  };
  // Per position: unit id (for Unit Diminati) and majors-list id (for Rumpun Jurusan), as small ints.
  const units = interner();
  const unitOf = Int32Array.from(positions, (p) => {
    const k = keyOf(p.unit);
    const id = units.id(k);
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

  const groups = groupPositions(positions, input.withoutWarnings === true);
  const nGroups = groups.length;
  const groupCols = groups.map((g) => Int32Array.from(g.positions, (p) => colOf.get(p.code)!));
  const groupOfCol = new Int32Array(nCols);
  groupCols.forEach((cols, gi) => cols.forEach((c) => (groupOfCol[c] = gi)));

  const terms: PersonTerms[] = new Array(nRows);
  const personBlocks = new Map<string, MoveFinding[]>();
  // Near candidates per group and rule (expanded to positions at the end: a group may hold thousands).
  const NR = RULE_IDS.length;
  const nearCount = new Int32Array(nGroups * NR);
  const ruleIndex = new Map<RuleId, number>(RULE_IDS.map((r, k) => [r, k]));
  const gatedIndex = GATED_RULES.map((r) => ruleIndex.get(r)!);

  // Per person, what the pairs' scores need: own column, the score terms, Unit Diminati as unit ids
  // (flat: prefStart[i] ≤ x < prefStart[i+1]) and the Jurusan as an id.
  const ownColOf = new Int32Array(nRows);
  const perf = new Float64Array(nRows);
  const rot = new Float64Array(nRows);
  const newVac = new Float64Array(nRows);
  const prefStart = new Int32Array(nRows + 1);
  const prefFlat: number[] = [];
  const majors = interner();
  const majorOf = new Int32Array(nRows);
  // Whether moving someone out of a position opens no vacancy, per position code (people share positions).
  const overFull = new Map<string, boolean>();

  // Pass 1a: person by person, the score terms and the person-level rules (the engine's personFindings).
  const opts = { date, reason: null } as const;
  const strict = input.withoutWarnings === true;
  const gates: (PersonGate | null)[] = new Array(nRows).fill(null);
  const movableRows: number[] = [];
  let engineCalls = 0;
  const progressEvery = Math.max(1, Math.floor(nRows / 200));

  for (let i = 0; i < nRows; i++) {
    const e = people[i]!;
    let over = overFull.get(e.positionCode);
    if (over === undefined) overFull.set(e.positionCode, (over = input.originOverFull(e.positionCode)));
    const t = personTerms(e, w, s.tenureMaxMonths, date, over, keyOf);
    terms[i] = t;
    const ownCol = colOf.get(e.positionCode) ?? -1;
    ownColOf[i] = ownCol;
    perf[i] = t.performance;
    rot[i] = t.rotation;
    newVac[i] = t.newVacancy;
    for (const u of t.preferredUnits) {
      const id = units.ids.get(u);
      if (id !== undefined) prefFlat.push(id);
    }
    prefStart[i + 1] = prefFlat.length;
    majorOf[i] = majors.id(e.educationMajor);
    if (input.onProgress && i % progressEvery === 0) input.onProgress(i, nRows);

    const blocks = personFindings(ctx, e, opts).filter((f) => f.severity === 'error' || (strict && f.severity === 'warning'));
    if (blocks.length > 0) {
      personBlocks.set(e.nip, blocks);
      continue;
    }
    movableRows.push(i);
    gates[i] = personGate(e, ctx.positions);
  }
  const movable = movableRows.length;
  const movableList = Int32Array.from(movableRows);

  // Pass 1b: group by group, the gate over every movable person at once (typed arrays: GateTable);
  // one record per accepted (person, group), so the records come grouped, in NIP order within a group.
  const table = new GateTable(gates);
  const maskOf = new Uint8Array(nRows);
  const jpmOf = new Float64Array(nRows);
  const records = new RecordBuffer();
  const groupStart = new Int32Array(nGroups + 1);
  const ownHit = new Int32Array(nCols);
  for (let gi = 0; gi < nGroups; gi++) {
    const g = groups[gi]!;
    groupStart[gi] = records.n;
    targetBlockMasks(table, movableList, g, s, date, maskOf, jpmOf);
    for (let q = 0; q < movableList.length; q++) {
      const i = movableList[q]!;
      const mask = maskOf[i]!;
      if (mask !== 0) {
        if ((mask & (mask - 1)) === 0) nearCount[gi * NR + gatedIndex[31 - Math.clz32(mask)]!]!++;
        continue;
      }
      let jpm = jpmOf[i]!;
      if (strict) {
        // A plan without warnings: the engine judges the warnings (the gate knows only the errors),
        // and the JPM it reports is the one scored.
        engineCalls++;
        const r = targetFindings(ctx, people[i]!, g.representative, opts);
        let blocked: RuleId | null = null;
        let nBlocked = 0;
        for (const f of r.findings) {
          if (f.severity === 'error' || f.rule === 'LEVEL_DOWN' || f.severity === 'warning') {
            blocked = f.rule;
            nBlocked++;
          }
        }
        if (nBlocked > 0) {
          if (nBlocked === 1) nearCount[gi * NR + ruleIndex.get(blocked!)!]!++;
          continue;
        }
        jpm = r.jpm ?? 0;
      } else if (jpm !== jpm) {
        jpm = 0; // no competency data (NaN): JPM part 0
      }
      // Otherwise the gate's mask is exactly the engine's error rules and LEVEL_DOWN, and its JPM the
      // engine's (test/proposer/gate.test.ts checks both for every pair of random workbooks): an
      // empty mask is a move the engine allows, and calling it would only build its warnings' texts.
      records.push(i, (w.jpm * jpm) / 100); // records of group gi: groupStart[gi] ≤ q < groupStart[gi + 1]
      const own = ownColOf[i]!;
      if (own >= 0 && groupOfCol[own] === gi) ownHit[own]!++; // never into their own position (SAME_POSITION)
    }
  }
  groupStart[nGroups] = records.n;
  input.onProgress?.(nRows, nRows);

  // Pass 2: the pairs, position by position, in arrays of their exact size (one buffer: one large
  // allocation, hence at most one garbage collection it triggers). A position's pairs are its group's
  // records less its own holder, written in sequence. The score's six terms are added in scoreOf's
  // order (score.ts), so that explanations add up exactly.
  const recPerson = records.person;
  const recPart = records.jpmPart;
  const colStart = new Int32Array(nCols + 1);
  for (let c = 0; c < nCols; c++) {
    const g = groupOfCol[c]!;
    colStart[c + 1] = colStart[c]! + (groupStart[g + 1]! - groupStart[g]!) - ownHit[c]!;
  }
  const nPairs = colStart[nCols]!;
  const buffer = new ArrayBuffer(nPairs * 12);
  const score = new Float64Array(buffer, 0, nPairs);
  const row = new Int32Array(buffer, nPairs * 8, nPairs);
  // Whether a Jurusan matches a majors list, per distinct Jurusan and list (-1: not yet known).
  const nLists = majorLists.length;
  const majorNames = [...majors.ids.keys()];
  const majorMatch = new Int8Array(majorNames.length * nLists).fill(-1);
  fillPairs(
    { groupCols, colStart, unitOf, majorsOf, nUnits: units.ids.size },
    { groupStart, person: recPerson, jpmPart: recPart, n: records.n },
    { ownColOf, prefStart, prefFlat: Int32Array.from(prefFlat), majorOf, perf, rot, newVac },
    { wPref: w.preference, wMajor: w.major },
    { table: majorMatch, nLists, matches: (k, mid) => majorMatchesAny(majorLists[mid]!, majorNames[k]!) },
    row,
    score,
  );
  let byRow: RowPairs | null = null;
  const rowPairs = (): RowPairs => (byRow ??= transposePairs(nRows, colStart, row));

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

/**
 * Pass 2: every position's pairs. A position's pairs are its group's records less its own holders,
 * and their scores differ between the positions of a group only by the Unit Diminati term (the
 * position's unit) and the Rumpun Jurusan term (its majors list). So per group and majors list the
 * scores with no Unit Diminati term are worked out once (a template), each position copies the
 * template and the records' people (typed-array copies, in runs between its own holders), then the
 * few people who prefer the position's unit get their score with that term. Each score is still
 * added in scoreOf's order, jpm + performance + rotation + preference + major + new vacancy, so every
 * pair's score is bit for bit the one a pair-by-pair loop gives (on the benchmark workbook 7.7 M
 * pairs from 72 groups: the loop was a quarter of the candidate phase).
 */
function fillPairs(
  cols: { groupCols: Int32Array[]; colStart: Int32Array; unitOf: Int32Array; majorsOf: Int32Array; nUnits: number },
  rec: { groupStart: Int32Array; person: Int32Array; jpmPart: Float64Array; n: number },
  ppl: { ownColOf: Int32Array; prefStart: Int32Array; prefFlat: Int32Array; majorOf: Int32Array; perf: Float64Array; rot: Float64Array; newVac: Float64Array },
  wt: { wPref: number; wMajor: number },
  major: { table: Int8Array; nLists: number; matches: (major: number, list: number) => boolean },
  row: Int32Array,
  score: Float64Array,
): void {
  const { groupCols, colStart, unitOf, majorsOf, nUnits } = cols;
  const { groupStart, person: recPerson, jpmPart, n: nRec } = rec;
  const { ownColOf, prefStart, prefFlat, majorOf, perf, rot, newVac } = ppl;
  const nRows = ownColOf.length;
  // The first three terms per record (the same for every position of its group).
  const base = new Float64Array(nRec);
  for (let q = 0; q < nRec; q++) {
    const i = recPerson[q]!;
    base[q] = jpmPart[q]! + perf[i]! + rot[i]!;
  }
  // Who prefers each unit (by row, ascending), and who holds each position (by row, ascending).
  const prefers = csrOf(nUnits, nRows, (i, add) => {
    for (let x = prefStart[i]!, xEnd = prefStart[i + 1]!; x < xEnd; x++) add(prefFlat[x]!);
  });
  const nCols = colStart.length - 1;
  const holders = csrOf(nCols, nRows, (i, add) => {
    if (ownColOf[i]! >= 0) add(ownColOf[i]!);
  });
  const majorPart = (i: number, mid: number): number => {
    if (mid < 0) return 0;
    const k = majorOf[i]! * major.nLists + mid;
    let m = major.table[k]!;
    if (m < 0) major.table[k] = m = major.matches(majorOf[i]!, mid) ? 1 : 0;
    return m === 1 ? wt.wMajor : 0;
  };
  let template = new Float64Array(0);
  const skip: number[] = [];
  for (let g = 0; g < groupCols.length; g++) {
    const gs = groupStart[g]!;
    const len = groupStart[g + 1]! - gs;
    const people = recPerson.subarray(gs, gs + len);
    if (template.length < len) template = new Float64Array(len);
    // The group's positions by majors list, so each list's template is computed once.
    const list = [...groupCols[g]!].sort((a, b) => majorsOf[a]! - majorsOf[b]! || a - b);
    let mid = -2;
    for (const c of list) {
      if (majorsOf[c] !== mid) {
        mid = majorsOf[c]!;
        for (let k = 0; k < len; k++) {
          const i = people[k]!;
          template[k] = base[gs + k]! + 0 + majorPart(i, mid) + newVac[i]!;
        }
      }
      // Copy in runs between the position's own holders (never a candidate for their own position).
      skip.length = 0;
      for (let h = holders.start[c]!, hEnd = holders.start[c + 1]!; h < hEnd; h++) {
        const k = indexIn(people, holders.item[h]!);
        if (k >= 0) skip.push(k);
      }
      let at = colStart[c]!;
      let from = 0;
      for (let s = 0; s <= skip.length; s++) {
        const to = s < skip.length ? skip[s]! : len;
        row.set(people.subarray(from, to), at);
        score.set(template.subarray(from, to), at);
        at += to - from;
        from = to + 1;
      }
      // Unit Diminati: the people who prefer this position's unit.
      const u = unitOf[c]!;
      if (u < 0) continue;
      for (let x = prefers.start[u]!, xEnd = prefers.start[u + 1]!; x < xEnd; x++) {
        const i = prefers.item[x]!;
        const k = indexIn(people, i);
        if (k < 0 || ownColOf[i] === c) continue;
        let before = 0;
        while (before < skip.length && skip[before]! < k) before++;
        score[colStart[c]! + k - before] = base[gs + k]! + wt.wPref + majorPart(i, mid) + newVac[i]!;
      }
    }
  }
}

/** Index of `v` in the ascending `a`, or -1. */
function indexIn(a: Int32Array, v: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const m = (lo + hi) >>> 1;
    const x = a[m]!;
    if (x < v) lo = m + 1;
    else if (x > v) hi = m - 1;
    else return m;
  }
  return -1;
}

/** For each key < nKeys, the rows (ascending, each once) that `each(row, add)` adds it for. */
function csrOf(nKeys: number, nRows: number, each: (row: number, add: (key: number) => void) => void): { start: Int32Array; item: Int32Array } {
  const start = new Int32Array(nKeys + 1);
  const last = new Int32Array(nKeys).fill(-1);
  for (let i = 0; i < nRows; i++) {
    each(i, (k) => {
      if (last[k] !== i) {
        last[k] = i;
        start[k + 1]!++;
      }
    });
  }
  for (let k = 0; k < nKeys; k++) start[k + 1]! += start[k]!;
  const next = start.slice(0, nKeys);
  const item = new Int32Array(start[nKeys]!);
  last.fill(-1);
  for (let i = 0; i < nRows; i++) {
    each(i, (k) => {
      if (last[k] !== i) {
        last[k] = i;
        item[next[k]!++] = i;
      }
    });
  }
  return { start, item };
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
