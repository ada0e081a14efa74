/**
 * The succession plan for every key post (RULES.md "Succession"), in one pass over a parsed workbook.
 *
 * Who is a candidate, how ready, and in what order is decided by the rule engine and the proposer's
 * score, never re-implemented here: the move of a candidate into a post is judged by evaluateMove
 * (shared/rules/transfer.ts) at the as-of date, and ranked by the proposal score (scoreParts / scoreOf,
 * shared/proposer/score.ts). readiness.ts only sorts the engine's errors into the three classes.
 *
 * Speed (40,000 staff × 2,000 key posts is 10^7 to 10^8 pairs; the full engine costs microseconds a
 * pair and builds message parameters, far too slow for all of them). Three cheap steps come first:
 *  1. Person-level rules (status, tenure, SKP, discipline, moratorium) run once per person
 *     (personFindings): they are the same for every post.
 *  2. Key posts are grouped by requirement signature (the proposer's prefilter.groupPositions, with
 *     the warning fields too): the target rules cannot tell two posts of a group apart, so each person is
 *     judged once per group by the proposer's numeric gate (targetBlockMask), which gives the JPM and the
 *     gated error rules — a subset of the engine's errors (test/proposer/gate.test.ts holds it equal to
 *     the engine on the rules it knows). A class from a subset of the errors is an optimistic bound
 *     (more errors never make a candidate readier), and the score is exact (same terms, same order).
 *  3. Per post, one typed-array scan keeps the best few by that optimistic key (class, −score, NIP).
 * Only then does the engine judge, in optimistic order, until the `Jumlah Suksesor` best exact keys are
 * known to beat every optimistic key not yet judged (a threshold stop: if the gate were exact it judges
 * N + 1 people a post). So some 10^4 engine calls replace 10^7+, and the result is the engine's.
 */
import { isJpt } from '../domain';
import { computeJpm } from '../jpm';
import type { Employee, Position, Settings } from '../model';
import { countVacancies, type PositionCount } from '../proposer/vacancies';
import { FindingSink } from '../rules/emit';
import { walkProposals } from '../rules/proposals';
import { indexRoster, type RosterIndex } from '../rules/roster';
import { createMoveContext, type MoveContext } from '../rules/transfer';
import { GATED_RULES, GateTable, groupPositions, maskRules, personGate, targetBlockMasks, type PersonGate } from '../proposer/prefilter';
import { personTerms, scoreOf, scoreParts, unitKey, type PersonTerms } from '../proposer/score';
import { opensVacancy } from '../proposer/vacancies';
import { ruleMessage } from '../rules/messages';
import { evaluateMove, majorMatchesAny, personFindings, type MoveFinding } from '../rules/transfer';
import type { Book, Lang, RuleId } from '../rules/types';
import { addMonths, anniversary, isoDate, type Day } from '../values/dates';
import { listKey } from '../values/parse';
import { requirements } from '../requirements';
import { readinessOf } from './readiness';
import { talentPool } from './talent';
import {
  READINESS_BY_ORDER, READINESS_ORDER, type Holder, type KeyPost, type PlanNote, type Readiness, type Successor, type SuccessionResult,
} from './types';

export interface SuccessionOptions {
  lang?: Lang;
}

/** `Jumlah Suksesor` and `Horizon Pensiun (bulan)` (Aturan; defaults 3 and 24). */
export function successionSettings(s: Settings): { successorCount: number; horizonMonths: number } {
  return { successorCount: s.successorCount, horizonMonths: s.retirementHorizonMonths };
}

/** RULES.md: every JPT and Administrator position, and any position with `Jabatan Kritikal` = Ya. */
export function keyPostReason(p: Position): KeyPost['reason'] | null {
  if (p.type && isJpt(p.type)) return 'jpt';
  if (p.type === 'Administrator') return 'administrator';
  return p.critical === true ? 'critical' : null;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const DOWN = 1 << GATED_RULES.indexOf('LEVEL_DOWN');
/** The gated error rules of each mask value (LEVEL_DOWN is a warning, never an error). */
const MASK_ERRORS: RuleId[][] = Array.from({ length: 1 << GATED_RULES.length }, (_, m) => maskRules(m & ~DOWN));

/**
 * readinessOf (readiness.ts) asks three things of an error list: is it empty, is every rule one a
 * person can outgrow (TENURE_MIN, RANK_BELOW_MIN, COMPETENCY_FIT_LOW), and is RANK_BELOW_MIN among
 * them (then the golongan may be at most two steps short). As bits, per person and per gate mask,
 * so the gate's loop classifies a pair without walking lists.
 */
const KIND_NONE = 0;
const KIND_SOON = 1;
const KIND_SOON_RANK = 2;
const KIND_NOT_YET = 3;
function errorKind(list: readonly RuleId[]): number {
  if (list.length === 0) return KIND_NONE;
  let rank = false;
  for (const r of list) {
    if (r !== 'TENURE_MIN' && r !== 'RANK_BELOW_MIN' && r !== 'COMPETENCY_FIT_LOW') return KIND_NOT_YET;
    if (r === 'RANK_BELOW_MIN') rank = true;
  }
  return rank ? KIND_SOON_RANK : KIND_SOON;
}
/** soonErrors of readiness.ts for a list of this kind. */
function soonKind(kind: number, rankStepsBelow: number): boolean {
  return kind === KIND_NONE || kind === KIND_SOON || (kind === KIND_SOON_RANK && rankStepsBelow <= 2);
}
const MASK_KIND = Uint8Array.from(MASK_ERRORS, errorKind);
const NOW = READINESS_ORDER.now;
const SOON = READINESS_ORDER.soon;
const NOT_YET = READINESS_ORDER.notYet;

/** One person the plan may name: box 4–9, PNS. Index order = NIP order (the last tie-break). */
interface Cand {
  e: Employee;
  box: number;
  inPool: boolean;
  /** Person-level error rules at the as-of date (the same for every post). */
  errors: RuleId[];
  gate: PersonGate;
  terms: PersonTerms;
  /** Unit ids of Unit Diminati that are some key post's unit. */
  prefUnits: number[];
}

interface Ctx {
  idx: RosterIndex;
  counts: Map<string, PositionCount>;
  move: MoveContext;
  settings: Settings;
}

/** A finding sink that keeps nothing (the walk's findings are check's to report). */
class QuietSink extends FindingSink {
  override at(): void {}
  override push(): void {}
}

interface Exact {
  k: number;
  cls: number;
  score: number;
  findings: MoveFinding[];
  jpm: number | null;
}

export function successionOf(book: Book, opts: SuccessionOptions = {}): SuccessionResult {
  const t0 = performance.now();
  const lang = opts.lang ?? 'id';
  // What the proposer starts from (its context.ts, less what only the solver needs): the roster indexed,
  // the active proposals walked — the holders after them, for the score's new-vacancy term — and the
  // engine's move context. The walk's findings are check's business: a sink that keeps none of them
  // (formatting 5,000 proposals' messages nobody reads was a third of this step).
  const idx = indexRoster(book, null);
  const walk = walkProposals(book, idx, new QuietSink(lang, book.layout));
  const c: Ctx = { idx, counts: countVacancies(idx.positions.values(), idx.holders, walk.after), move: createMoveContext(book.settings, idx.positions.values()), settings: book.settings };
  const s = book.settings;
  const w = s.weights;
  const asOf = s.asOf;
  const { successorCount: N, horizonMonths } = successionSettings(s);
  const horizonEnd = addMonths(asOf, horizonMonths);
  const moveOpts = { date: asOf, reason: null } as const;
  const tContext = performance.now();

  const everyone = [...c.idx.employees.values()];
  const pns = everyone.filter((e) => e.status === 'PNS').sort((a, b) => byString(a.nip, b.nip));
  const talent = talentPool(pns, c.idx.positions);

  const keyPosts = [...c.idx.positions.values()].filter((p) => keyPostReason(p) !== null).sort((a, b) => byString(a.code, b.code));
  const unitIds = new Map<string, number>();
  for (const p of keyPosts) {
    const k = unitKey(p.unit);
    if (k && !unitIds.has(k)) unitIds.set(k, unitIds.size);
  }

  const unitKeys = new Map<string, string>();
  const unitKeyOf = (u: string) => {
    let k = unitKeys.get(u);
    if (k === undefined) unitKeys.set(u, (k = unitKey(u)));
    return k;
  };
  const cands: Cand[] = [];
  pns.forEach((e, i) => {
    const box = talent.people[i]!.box;
    if (box === null || box < 4) return;
    const prefUnits: number[] = [];
    for (const u of e.preferences) {
      const id = unitIds.get(unitKeyOf(u));
      if (id !== undefined && !prefUnits.includes(id)) prefUnits.push(id);
    }
    cands.push({ e, box, inPool: box >= 7, errors: [], gate: null!, terms: null!, prefUnits });
  });
  const nC = cands.length;
  const newVacancy = new Float64Array(nC);
  // What readiness needs of each person's errors (errorKind), filled with them.
  const personKind = new Uint8Array(nC);
  const perfTerm = new Float64Array(nC);
  const rotTerm = new Float64Array(nC);
  // The gate's numbers as typed arrays (made once the pool's gates are; later rows are set as made).
  let table: GateTable | null = null;
  // The person-level work, once per person and only for people some post may need: the pool (7–9)
  // always, boxes 4–6 only where a post has fewer pool candidates than `Jumlah Suksesor` (rare in a
  // real agency, and they are more than half of the people).
  const ensure = (k: number) => {
    const x = cands[k]!;
    if (x.gate) return;
    const e = x.e;
    x.errors = personFindings(c.move, e, moveOpts).filter((f) => f.severity === 'error').map((f) => f.rule);
    personKind[k] = errorKind(x.errors);
    x.gate = personGate(e, c.move.positions);
    x.terms = personTerms(e, w, s.tenureMaxMonths, asOf, !opensVacancy(c.counts, e.positionCode));
    newVacancy[k] = x.terms.newVacancy;
    perfTerm[k] = x.terms.performance;
    rotTerm[k] = x.terms.rotation;
    table?.set(k, x.gate);
  };
  const poolIdx: number[] = [];
  const outIdx: number[] = [];
  cands.forEach((x, k) => (x.inPool ? poolIdx : outIdx).push(k));
  if (keyPosts.length > 0) for (const k of poolIdx) ensure(k);
  const poolList = Int32Array.from(poolIdx);
  table = new GateTable(cands.map((x) => x.gate ?? null));
  const { rankIndex, hasComp, comp } = table;
  const maskOf = new Uint8Array(nC);
  const jpmOf = new Float64Array(nC);
  const outList = Int32Array.from(outIdx);
  const candOf = new Map<string, number>();
  cands.forEach((x, k) => candOf.set(x.e.nip, k));
  // Who prefers which key-post unit (to add `Bobot Minat` per post without a per-pair search).
  const prefersUnit: number[][] = Array.from({ length: unitIds.size }, () => []);
  cands.forEach((x, k) => x.prefUnits.forEach((u) => prefersUnit[u]!.push(k)));
  const holdersOf = new Map<string, Employee[]>();
  for (const e of everyone) {
    const l = holdersOf.get(e.positionCode);
    if (l) l.push(e);
    else holdersOf.set(e.positionCode, [e]);
  }
  const tPool = performance.now();

  // Grouped by the signature of the target rules' *errors* (the proposer's grouping): what can change a
  // readiness class. Rumpun Jurusan (its score term) and Unit Diminati vary within a group; they are
  // handled per post below as a bonus that only some people get.
  const groups = groupPositions(keyPosts, false);
  // Per-candidate numbers as typed arrays: the scans below touch nothing else.
  const inPool = Uint8Array.from(cands, (x) => (x.inPool ? 1 : 0));
  const majorIds = new Map<string, number>();
  const majorOf = Int32Array.from(cands, (x) => {
    let id = majorIds.get(x.e.educationMajor);
    if (id === undefined) majorIds.set(x.e.educationMajor, (id = majorIds.size));
    return id;
  });
  const majorNames = [...majorIds.keys()];
  // Per distinct Rumpun Jurusan list of the key posts: which candidates' Jurusan matches it.
  const majorMatch = new Map<string, { flags: Uint8Array; list: Int32Array }>();
  const matchesOf = (majors: string[]): { flags: Uint8Array; list: Int32Array } | null => {
    if (majors.length === 0) return null;
    const key = majors.join('\u0000');
    let m = majorMatch.get(key);
    if (!m) {
      const byMajor = new Uint8Array(majorNames.length);
      for (let j = 0; j < majorNames.length; j++) byMajor[j] = majorMatchesAny(majors, majorNames[j]!) ? 1 : 0;
      const flags = new Uint8Array(nC);
      const list: number[] = [];
      for (let k = 0; k < nC; k++) {
        if (byMajor[majorOf[k]!]) {
          flags[k] = 1;
          list.push(k);
        }
      }
      majorMatch.set(key, (m = { flags, list: Int32Array.from(list) }));
    }
    return m;
  };
  const cls = new Int8Array(nC);
  // jpm + performance + rotation: the first three terms of the score in scoreOf's order (the preference,
  // major and new-vacancy terms are added in that order per post), so every score here is bit for bit
  // the score the plan reports.
  const head = new Float64Array(nC);
  const prefFlag = new Uint8Array(nC);
  const noMajor = { flags: new Uint8Array(nC), list: new Int32Array(0) };
  const prefLists = prefersUnit.map((l) => Int32Array.from(l));
  const jpmOk = s.jpmOk;
  const M0 = Math.max(8, N + 4);
  let pairsScanned = 0;
  let engineCalls = 0;
  let gateMs = 0;
  let selectMs = 0;
  const posts: KeyPost[] = [];
  const arrays: ScanArrays = { cls, head, newVacancy, prefFlag, majFlag: noMajor.flags, inPool, wPref: w.preference, wMajor: w.major };

  for (const g of groups) {
    const tg = performance.now();
    const req = g.req;
    let poolAll = 0;
    let outsideAll = 0;
    const judgeGroup = (list: Int32Array) => {
      // The gate's masks and JPMs for the whole list at once (typed arrays), then each pair classified.
      targetBlockMasks(table, list, g, s, asOf, maskOf, jpmOf);
      const minRank = req.minRankIndex;
      const st = req.standards;
      const wJpm = w.jpm;
      for (let q = 0; q < list.length; q++) {
        const k = list[q]!;
        const mask = maskOf[k]!;
        if (mask & DOWN) {
          cls[k] = -1; // LEVEL_DOWN: not a candidate (RULES.md)
          continue;
        }
        const jpm = jpmOf[k]!; // NaN: no competency levels
        // readinessOf(x.errors, MASK_ERRORS[mask], facts), from the two lists' precomputed kinds.
        const ri = rankIndex[k]!;
        const stepsBelow = ri < 0 ? 0 : minRank - ri;
        const pk = personKind[k]!;
        const mk = MASK_KIND[mask]!;
        let order: number;
        if (pk === KIND_NONE && mk === KIND_NONE && jpm >= jpmOk) order = NOW;
        else if (!soonKind(pk, stepsBelow) || !soonKind(mk, stepsBelow)) order = NOT_YET;
        else if (!hasComp[k]) order = NOT_YET; // competencyShortfall null
        else {
          // competencyShortfall(levels, standards) > 1
          let short = -Infinity;
          for (let i = 0; i < 9; i++) {
            const d = st[i]! - comp[k * 9 + i]!;
            if (d > short) short = d;
          }
          order = short > 1 ? NOT_YET : SOON;
        }
        cls[k] = order;
        head[k] = (wJpm * (jpm === jpm ? jpm : 0)) / 100 + perfTerm[k]! + rotTerm[k]!;
        if (inPool[k]) poolAll++;
        else outsideAll++;
      }
      pairsScanned += list.length;
    };
    judgeGroup(poolList);
    // Boxes 4–6 only when a post of the group has too few pool candidates (its holders do not count).
    const needOutside = g.positions.some((p) => {
      let n = poolAll;
      for (const h of holdersOf.get(p.code) ?? []) {
        const k = candOf.get(h.nip);
        if (k !== undefined && inPool[k] && cls[k]! >= 0 && cands[k]!.e === h) n--;
      }
      return n < N;
    });
    if (needOutside) {
      for (const k of outIdx) ensure(k);
      judgeGroup(outList);
    } else {
      for (const k of outIdx) cls[k] = -1;
    }
    const ts = performance.now();
    gateMs += ts - tg;

    // The group's best without any bonus (an exact key for everyone who gets no bonus at a post), made
    // with nobody hidden: M + the most holders a post of the group has. Per (unit, Rumpun Jurusan), the
    // best of those who get a bonus there. A post's best M are among the two lists (minus its holders).
    let maxHolders = 0;
    for (const p of g.positions) maxHolders = Math.max(maxHolders, (holdersOf.get(p.code) ?? []).length);
    const groupTop = new Map<string, Top>();
    // Upper bounds for the people who may get a bonus: both bonuses counted (re-scored per post below).
    const bonusTop = new Map<string, Top>();
    const bound = (key: string, list: Int32Array, M: number, withOutside: boolean): Top => {
      let t = bonusTop.get(key);
      if (!t) bonusTop.set(key, (t = selectTop(M + maxHolders, list, arrays, withOutside, 'both')));
      return t;
    };

    for (const p of g.positions) {
      const holders = holdersOf.get(p.code) ?? [];
      // Holders are not candidates for their own post.
      let poolN = poolAll;
      let outsideN = outsideAll;
      const own: number[] = [];
      for (const h of holders) {
        const k = candOf.get(h.nip);
        if (k === undefined || cls[k]! < 0 || cands[k]!.e !== h) continue;
        own.push(k);
        if (inPool[k]) poolN--;
        else outsideN--;
      }
      const withOutside = poolN < N;
      const unit = unitIds.get(unitKeyOf(p.unit));
      const prefList = unit === undefined ? noMajor.list : prefLists[unit]!;
      const majors = matchesOf(p.majors) ?? noMajor;
      arrays.majFlag = majors.flags;

      let exact: Exact[] = [];
      for (const k of prefList) prefFlag[k] = 1;
      for (let M = M0; ; M *= 4) {
        const gKey = `${withOutside ? 1 : 0}|${M}`;
        let gt = groupTop.get(gKey);
        if (!gt) groupTop.set(gKey, (gt = selectTop(M + maxHolders, allIndices(nC), arrays, withOutside, 'none')));
        const ut = bound(`u${unit}|${gKey}`, prefList, M, withOutside);
        const mt = bound(`m${p.majors.join('\u0000')}|${gKey}`, majors.list, M, withOutside);
        // The merge, scored exactly for this post: people without a bonus here from the group's list, the
        // others from the bonus lists; the post's holders hidden (cls < 0) for this selection only.
        for (const k of own) cls[k] = -cls[k]! - 2;
        const seen = new Set<number>();
        for (const k of gt.ks) if (!prefFlag[k] && !majors.flags[k]) seen.add(k);
        for (const k of ut.ks) seen.add(k);
        for (const k of mt.ks) seen.add(k);
        const merged = selectTop(M, Int32Array.from(seen), arrays, withOutside, 'post');
        for (const k of own) cls[k] = -cls[k]! - 2;
        exact = judge(merged.ks, merged.cls, merged.score, N, (k) => {
          engineCalls++;
          return evaluateMove(c.move, cands[k]!.e, p, moveOpts);
        }, cands, p, s);
        // Everyone not judged has an optimistic key above the last key of some truncated list: done when
        // the N-th exact key is at most each such bound (or nobody is left unseen).
        const bounds = [gt, ut, mt, merged].filter((t) => t.truncated && t.ks.length > 0);
        if (bounds.length === 0 || M > nC) break;
        if (exact.length >= N && bounds.every((t) => {
          const l = t.ks.length - 1;
          return cmpKey(exact[N - 1]!, t.cls[l]!, t.score[l]!, t.ks[l]!) <= 0;
        })) break;
      }
      for (const k of prefList) prefFlag[k] = 0;

      posts.push(describePost(p, holders, exact.slice(0, N), { pool: poolN, outside: withOutside ? outsideN : 0 }, cands, c, lang, horizonEnd));
    }
    selectMs += performance.now() - ts;
  }
  posts.sort((a, b) => byString(a.code, b.code));
  const t1 = performance.now();

  return {
    asOf: isoDate(asOf),
    settings: { successorCount: N, horizonMonths, horizonEnd: isoDate(horizonEnd), jpmOk: s.jpmOk },
    talent,
    posts,
    counts: {
      keyPosts: posts.length,
      withoutReady: posts.filter((p) => p.noReadySuccessor).length,
      withoutSuccessor: posts.filter((p) => p.status === 'none').length,
      opening: posts.filter((p) => p.opensOn !== null).length,
      vacantNow: posts.filter((p) => p.vacantNow).length,
    },
    stats: {
      people: pns.length,
      keyPosts: keyPosts.length,
      groups: groups.length,
      pairsScanned,
      engineCalls,
      ms: { context: tContext - t0, pool: tPool - tContext, gate: gateMs, select: selectMs, total: t1 - t0 },
    },
  };
}

/** (class, −score, index) ascending: a negative result means a ranks before b. */
function cmpKey(a: { cls: number; score: number; k: number }, bCls: number, bScore: number, bK: number): number {
  return a.cls - bCls || (a.score > bScore ? -1 : a.score < bScore ? 1 : 0) || a.k - bK;
}

interface Top {
  ks: Int32Array;
  cls: Int8Array;
  score: Float64Array;
  /** More eligible people than M were seen. */
  truncated: boolean;
}

interface ScanArrays {
  cls: Int8Array;
  head: Float64Array;
  newVacancy: Float64Array;
  prefFlag: Uint8Array;
  majFlag: Uint8Array;
  inPool: Uint8Array;
  wPref: number;
  wMajor: number;
}

let indexCache: Int32Array | null = null;
function allIndices(n: number): Int32Array {
  if (!indexCache || indexCache.length !== n) indexCache = Int32Array.from({ length: n }, (_, i) => i);
  return indexCache;
}

/**
 * The best M of the given candidates by optimistic key (class, −score, NIP order), sorted: one pass with a
 * small sorted buffer; a candidate is usually compared only against the buffer's last entry. The score:
 * 'none' without `Bobot Minat` and `Bobot Jurusan`, 'post' with them where the person's flags for this
 * post say so (exact), 'both' with both for everyone (an upper bound for the people of a bonus list).
 */
function selectTop(M: number, from: Int32Array, a: ScanArrays, withOutside: boolean, bonus: 'none' | 'post' | 'both'): Top {
  const ks = new Int32Array(M);
  const kc = new Int8Array(M);
  const sc = new Float64Array(M);
  let n = 0;
  let eligible = 0;
  for (let q = 0; q < from.length; q++) {
    const k = from[q]!;
    const ck = a.cls[k]!;
    if (ck < 0) continue;
    if (!withOutside && !a.inPool[k]) continue;
    eligible++;
    const score = bonus === 'post'
      ? a.head[k]! + (a.prefFlag[k] ? a.wPref : 0) + (a.majFlag[k] ? a.wMajor : 0) + a.newVacancy[k]!
      : bonus === 'both' ? a.head[k]! + a.wPref + a.wMajor + a.newVacancy[k]! : a.head[k]! + 0 + 0 + a.newVacancy[k]!;
    if (n === M) {
      const lc = kc[M - 1]!;
      if (ck > lc || (ck === lc && (score < sc[M - 1]! || (score === sc[M - 1]! && k > ks[M - 1]!)))) continue;
    }
    let at = n < M ? n++ : M - 1;
    while (at > 0 && (kc[at - 1]! > ck || (kc[at - 1] === ck && (sc[at - 1]! < score || (sc[at - 1] === score && ks[at - 1]! > k))))) {
      ks[at] = ks[at - 1]!;
      kc[at] = kc[at - 1]!;
      sc[at] = sc[at - 1]!;
      at--;
    }
    ks[at] = k;
    kc[at] = ck;
    sc[at] = score;
  }
  return { ks: ks.subarray(0, n), cls: kc.subarray(0, n), score: sc.subarray(0, n), truncated: eligible > M };
}

/**
 * The engine's verdicts in optimistic order, until the N best exact keys are known. Returns the exact
 * keys found, sorted (the first N are the plan when the stop held or everyone was judged).
 */
function judge(
  ks: Int32Array, kc: Int8Array, sc: Float64Array, N: number,
  evaluate: (k: number) => { findings: MoveFinding[]; jpm: number | null },
  cands: Cand[], p: Position, s: Settings,
): Exact[] {
  const req = requirements(p);
  const out: Exact[] = [];
  for (let i = 0; i < ks.length; i++) {
    if (out.length >= N && cmpKey(out[N - 1]!, kc[i]!, sc[i]!, ks[i]!) <= 0) break;
    const k = ks[i]!;
    const x = cands[k]!;
    const r = evaluate(k);
    // The engine has the last word: a demotion the gate did not see is no candidate.
    if (r.findings.some((f) => f.rule === 'LEVEL_DOWN')) continue;
    const errors = r.findings.filter((f) => f.severity === 'error').map((f) => f.rule);
    const cls = READINESS_ORDER[readinessOf(errors, [], {
      jpm: r.jpm,
      jpmOk: s.jpmOk,
      rankStepsBelow: x.gate.rankIndex < 0 ? 0 : req.minRankIndex - x.gate.rankIndex,
      levels: x.e.competencies,
      standards: req.standards,
    })];
    const e: Exact = { k, cls, score: sc[i]!, findings: r.findings, jpm: r.jpm };
    let at = out.length;
    out.push(e);
    while (at > 0 && cmpKey(e, out[at - 1]!.cls, out[at - 1]!.score, out[at - 1]!.k) < 0) {
      out[at] = out[at - 1]!;
      at--;
    }
    out[at] = e;
  }
  return out;
}

function describePost(
  p: Position, holders: Employee[], best: Exact[], candidates: KeyPost['candidates'], cands: Cand[],
  c: Ctx, lang: Lang, horizonEnd: Day,
): KeyPost {
  const req = requirements(p);
  const hs: (Holder & { bup: Day | null })[] = holders
    .map((h) => {
      const bup = h.birthDate === null ? null : anniversary(h.birthDate, req.retirementAge);
      return { nip: h.nip, name: h.name, retiresOn: bup === null ? null : isoDate(bup), withinHorizon: bup !== null && bup <= horizonEnd, bup };
    })
    .sort((a, b) => byString(a.nip, b.nip));
  const opening = hs.filter((h) => h.withinHorizon).map((h) => h.bup!);
  const successors: Successor[] = best.map((x, i) => successor(x, i, p, cands, c, lang));
  const first = successors[0];
  const emergency = first && first.readiness === 'now' ? first : null;
  if (emergency) emergency.emergency = true;
  return {
    code: p.code,
    name: p.name,
    unit: p.unit,
    type: p.type,
    level: p.level,
    reason: keyPostReason(p)!,
    row: p.row,
    needed: p.needed,
    holders: hs.map((h): Holder => ({ nip: h.nip, name: h.name, retiresOn: h.retiresOn, withinHorizon: h.withinHorizon })),
    opensOn: opening.length ? isoDate(Math.min(...opening)) : null,
    vacantNow: holders.length < p.needed,
    candidates,
    successors,
    emergency: emergency?.nip ?? null,
    noReadySuccessor: !emergency,
    status: !first ? 'none' : first.readiness === 'now' ? 'ready' : first.readiness === 'soon' ? 'soon' : 'none',
  };
}

function successor(x: Exact, i: number, p: Position, cands: Cand[], c: Ctx, lang: Lang): Successor {
  const cand = cands[x.k]!;
  const e = cand.e;
  const s = c.settings;
  const parts = scoreParts(e, p, x.jpm, s.weights, cand.terms);
  const note = (f: MoveFinding): PlanNote => ({ rule: f.rule, severity: f.severity, message: ruleMessage(f.rule, f.params, lang) });
  const have = new Set(e.trainings.map(listKey));
  const from = c.idx.positions.get(e.positionCode);
  const readiness: Readiness = READINESS_BY_ORDER[x.cls]!;
  return {
    rank: i + 1,
    nip: e.nip,
    name: e.name,
    positionCode: e.positionCode,
    positionName: from?.name ?? '',
    unit: from?.unit ?? '',
    rankGolongan: e.rank,
    box: cand.box,
    outsidePool: !cand.inPool,
    readiness,
    score: scoreOf(parts),
    parts,
    jpm: x.jpm,
    emergency: false,
    plan: {
      gaps: computeJpm(e, p)?.gaps ?? [],
      blockers: x.findings.filter((f) => f.severity === 'error').map(note),
      warnings: x.findings.filter((f) => f.severity === 'warning').map(note),
      missingTrainings: x.findings.some((f) => f.rule === 'TRAINING_MISSING') ? p.requiredTrainings.filter((t) => !have.has(listKey(t))) : [],
      tenureReachedOn: x.findings.some((f) => f.rule === 'TENURE_MIN' && f.severity === 'error') && e.positionStart !== null
        ? isoDate(addMonths(e.positionStart, s.tenureMinMonths))
        : null,
    },
  };
}
