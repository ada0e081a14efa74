/**
 * Why the plan is what it is: each move's score in parts with the engine's warnings, the next best
 * people for each seat, why seats stay open, which seats the plan opens, units before and after, and
 * `whyNot` for any person. Everything here reads the candidate graph and the solver's assignment; the
 * only rules consulted are the engine's (evaluateMove), for the few moves that are explained.
 */
import { rungOf, rungStep } from '../domain';
import type { Employee, Position } from '../model';
import { ruleMessage } from '../rules/messages';
import { evaluateMove } from '../rules/transfer';
import type { Lang, RuleId, UnitSummary } from '../rules/types';
import { unitSummary } from '../summary';
import { isoDate, type Day } from '../values/dates';
import type { CandidateGraph } from './candidates';
import type { ProposerContext } from './context';
import { personTerms, scoreParts, scoreOf } from './score';
import type { Assignment } from './solver';
import type { Alternative, MoveNote, OpenedVacancy, ProposedMove, SeatPlan, SeatWhy, UnfilledWhy, WhyNot } from './types';
import { opensVacancy } from './vacancies';
import { W, describeScore, int, num, ruleList } from './words';

/** Scores within this of each other count as equal (the solver is exact up to float rounding). */
const EPS = 1e-9;

/**
 * Promosi for a move one rung up (LEVEL_SKIP already excluded): within a ladder by its order, between
 * ladders by the equivalent rung (Pelaksana → Ahli Pertama); Rotasi otherwise.
 */
export function reasonFor(from: Position | undefined, to: Position): 'Rotasi' | 'Promosi' {
  if (!from?.type || !to.type) return 'Rotasi';
  const a = rungOf(from.type, from.level);
  const b = rungOf(to.type, to.level);
  return a && b && rungStep(a, b).up > 0 ? 'Promosi' : 'Rotasi';
}

/** A move as the plan lists it, with the engine's findings for it at its reason and date. */
export function describeMove(c: ProposerContext, e: Employee, p: Position, reason: ProposedMove['reason'], date: Day, darurat = false): ProposedMove {
  const from = c.idx.positions.get(e.positionCode);
  const r = evaluateMove(c.move, e, p, { date, reason });
  const errors = r.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    // The candidates were chosen by the same engine: reaching this is a bug, never a user's problem.
    throw new Error(`proposer: move ${e.nip} → ${p.code} has errors ${errors.map((f) => f.rule).join(', ')}`);
  }
  const notes: MoveNote[] = r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: ruleMessage(f.rule, f.params, c.lang) }));
  const terms = personTerms(e, c.settings.weights, c.settings.tenureMaxMonths, date, !opensVacancy(c.counts, e.positionCode));
  const parts = scoreParts(e, p, r.jpm, c.settings.weights, terms);
  const score = scoreOf(parts);
  const w = W[c.lang];
  const line = (darurat ? w.daruratLine : w.moveLine)(describeScore(score, parts, c.lang), notes.map((n) => `${n.rule}: ${n.message}`).join(' '));
  return {
    nip: e.nip,
    name: e.name,
    fromCode: e.positionCode,
    fromName: from?.name ?? '',
    fromUnit: from?.unit ?? '',
    toCode: p.code,
    toName: p.name,
    toUnit: p.unit,
    reason,
    date: isoDate(date),
    jpm: r.jpm,
    score,
    parts,
    notes,
    explanation: line,
  };
}

/** Per column, the best three eligible people not proposed there (score desc, then NIP: a column lists its rows in NIP order). */
export function alternatives(g: CandidateGraph, a: Assignment, k = 3): Alternative[][] {
  const n = g.positions.length;
  const topRow = new Int32Array(n * k).fill(-1);
  const topScore = new Float64Array(n * k).fill(-Infinity);
  for (let c = 0; c < n; c++) {
    for (let e = g.colStart[c]!, end = g.colStart[c + 1]!; e < end; e++) {
      const i = g.row[e]!;
      if (a.rowToCol[i] === c) continue;
      const s = g.score[e]!;
      const base = c * k;
      if (!(s > topScore[base + k - 1]!)) continue;
      let at = k - 1;
      while (at > 0 && s > topScore[base + at - 1]!) {
        topScore[base + at] = topScore[base + at - 1]!;
        topRow[base + at] = topRow[base + at - 1]!;
        at--;
      }
      topScore[base + at] = s;
      topRow[base + at] = i;
    }
  }
  const out: Alternative[][] = [];
  for (let c = 0; c < n; c++) {
    const list: Alternative[] = [];
    for (let q = 0; q < k; q++) {
      const i = topRow[c * k + q]!;
      if (i < 0) break;
      const to = a.rowToCol[i]!;
      list.push({ nip: g.people[i]!.nip, name: g.people[i]!.name, score: topScore[c * k + q]!, proposedTo: to >= 0 ? g.positions[to]!.code : null });
    }
    out.push(list);
  }
  return out;
}

/** Why each position with open seats after the plan stays (partly) empty. */
export function unfilledReasons(c: ProposerContext, g: CandidateGraph, a: Assignment): Map<number, UnfilledWhy> {
  const n = g.positions.length;
  const eligible = new Int32Array(n);
  const elsewhere = new Int32Array(n);
  const nonPositive = new Int32Array(n);
  for (let col = 0; col < n; col++) {
    // Counted only where seats stay open (the few positions that get a reason): a full pass over
    // every pair cost 80 ms on the benchmark workbook's 7.7 M pairs.
    if (g.capacity[col]! - a.filled[col]! <= 0) continue;
    for (let e = g.colStart[col]!, end = g.colStart[col + 1]!; e < end; e++) {
      const own = a.rowToCol[g.row[e]!]!;
      eligible[col]!++;
      if (!(g.score[e]! > 0)) nonPositive[col]!++;
      else if (own >= 0 && own !== col) elsewhere[col]!++;
    }
  }
  const w = W[c.lang];
  const out = new Map<number, UnfilledWhy>();
  for (let col = 0; col < n; col++) {
    const open = g.capacity[col]! - a.filled[col]!;
    if (open <= 0) continue;
    const p = g.positions[col]!;
    const nearMap = g.nearBlocks.get(p.code) ?? new Map<RuleId, number>();
    const nearBlocks = [...nearMap].map(([rule, count]) => ({ rule, count })).sort((x, y) => y.count - x.count || (x.rule < y.rule ? -1 : 1)).slice(0, 3);
    const head = eligible[col] === 0 ? w.unfilledNone : w.unfilledEligible(int(eligible[col]!, c.lang), int(elsewhere[col]!, c.lang), int(nonPositive[col]!, c.lang));
    const tail = nearBlocks.length ? w.near(ruleList(nearBlocks, c.lang)) : w.noNear;
    out.set(col, { open, eligible: eligible[col]!, proposedElsewhere: elsewhere[col]!, nonPositive: nonPositive[col]!, nearBlocks, message: `${head}; ${tail}.` });
  }
  return out;
}

export function seatPlans(c: ProposerContext, g: CandidateGraph, a: Assignment): SeatPlan[] {
  const alts = alternatives(g, a);
  const why = unfilledReasons(c, g, a);
  const chosen: string[][] = g.positions.map(() => []);
  for (let i = 0; i < g.people.length; i++) if (a.rowToCol[i]! >= 0) chosen[a.rowToCol[i]!]!.push(g.people[i]!.nip);
  return g.positions.map((p, col) => {
    const seat: SeatPlan = { code: p.code, name: p.name, unit: p.unit, vacant: g.capacity[col]!, filled: a.filled[col]!, chosen: chosen[col]!, alternatives: alts[col]! };
    const u = why.get(col);
    if (u) seat.unfilled = u;
    return seat;
  });
}

/** Seats the plan empties below Kebutuhan: moves out of a position beyond its surplus after the active proposals. */
export function openedVacancies(c: ProposerContext, moves: ProposedMove[]): OpenedVacancy[] {
  const out = new Map<string, number>();
  for (const m of moves) out.set(m.fromCode, (out.get(m.fromCode) ?? 0) + 1);
  const list: OpenedVacancy[] = [];
  for (const [code, leaving] of [...out].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const pc = c.counts.get(code);
    if (!pc) continue;
    const surplus = Math.max(0, pc.holdersAfter - pc.position.needed);
    const count = leaving - surplus;
    if (count > 0) list.push({ code, name: pc.position.name, unit: pc.position.unit, count });
  }
  return list;
}

/** The per-unit summary after the active proposals (before) and after the plan's moves too. */
export function unitsBeforeAfter(c: ProposerContext, moves: { fromCode: string; toCode: string }[]): { before: UnitSummary[]; after: UnitSummary[] } {
  const before = unitSummary(c.idx.positions.values(), c.idx.holders, c.walk.after);
  const afterPlan = new Map(c.walk.after);
  for (const m of moves) {
    afterPlan.set(m.toCode, (afterPlan.get(m.toCode) ?? 0) + 1);
    if (c.idx.positions.has(m.fromCode)) afterPlan.set(m.fromCode, (afterPlan.get(m.fromCode) ?? 0) - 1);
  }
  // Both against today's holders: `holdersAfter` is after the active proposals, then also after the plan.
  return { before, after: unitSummary(c.idx.positions.values(), c.idx.holders, afterPlan) };
}

/**
 * Why a person is not in the plan (or, with `code`, not proposed for that position): the blocking
 * rules with their messages, who scored higher for the seats they are eligible for, or the seat being
 * full or unavailable.
 */
export function whyNot(
  c: ProposerContext,
  g: CandidateGraph,
  a: Assignment,
  moves: Map<string, ProposedMove>,
  holdersOf: (col: number) => number[],
  nipRaw: string,
  code?: string,
): WhyNot {
  const nip = nipRaw.replace(/\s+/g, '');
  const w = W[c.lang];
  const e = c.idx.employees.get(nip);
  const base = { nip, name: e?.name ?? '', blocks: [] as MoveNote[], seats: [] as SeatWhy[] };
  if (!e) return { ...base, status: 'unknown', message: w.unknown(nip) };
  const move = moves.get(nip);
  const proposedMsg = move ? w.proposed(move.toCode, describeScore(move.score, move.parts, c.lang)) : '';
  if (move && code === move.toCode) return { ...base, status: 'proposed', move, message: proposedMsg };
  const pr = c.activeProposal.get(nip);
  if (pr) return { ...base, status: 'active-proposal', message: w.active(pr.id, pr.row) };
  const dataErrors = c.employeeErrors.get(e.row);
  if (dataErrors) return { ...base, status: 'data-error', message: w.dataError, blocks: dataErrors.map((d) => ({ rule: d.rule, severity: 'error', message: `${d.cell}: ${d.message}` })) };
  const personal = g.personBlocks.get(nip);
  // For one position, the full move is judged below (person-level and target rules together).
  if (personal && code === undefined) return { ...base, status: 'blocked', message: w.blocked, blocks: personal.map((f) => ({ rule: f.rule, severity: f.severity, message: ruleMessage(f.rule, f.params, c.lang) })) };

  const row = binarySearchNip(g.people, nip);
  const own = row >= 0 ? a.rowToCol[row]! : -1;
  const ownCode = own >= 0 ? g.positions[own]!.code : '';

  if (code !== undefined) {
    const p = c.idx.positions.get(code);
    if (!p) return { ...base, status: 'no-vacancy', message: w.targetUnknown(code) };
    if (p.code === e.positionCode) return { ...base, status: 'blocked', message: w.targetSame(code), blocks: [{ rule: 'SAME_POSITION', severity: 'error', message: w.targetSame(code) }] };
    if (c.positionErrors.has(code)) return { ...base, status: 'data-error', message: w.targetBad(code), blocks: c.positionErrors.get(code)!.map((d) => ({ rule: d.rule, severity: 'error', message: `${d.cell}: ${d.message}` })) };
    const r = evaluateMove(c.move, e, p, { date: c.date, reason: null });
    const blocks = r.findings.filter((f) => f.severity === 'error' || f.rule === 'LEVEL_DOWN' || (c.withoutWarnings && f.severity === 'warning'));
    if (blocks.length) return { ...base, status: 'blocked', message: `${w.targetBlocked(code)}`, blocks: blocks.map((f) => ({ rule: f.rule, severity: f.severity, message: ruleMessage(f.rule, f.params, c.lang) })) };
    const pc = c.counts.get(code)!;
    if (pc.vacant === 0) return { ...base, status: 'no-vacancy', message: w.targetNoSeat(code, p.needed, pc.holdersAfter) };
  }

  const seats: SeatWhy[] = [];
  if (row >= 0) {
    const rp = g.rowPairs();
    for (let k = rp.rowStart[row]!, end = rp.rowStart[row + 1]!; k < end; k++) {
      const ed = rp.pair[k]!;
      const col = rp.col[k]!;
      const p = g.positions[col]!;
      if (col === own || (code !== undefined && p.code !== code)) continue;
      const mine = g.score[ed]!;
      const holders = holdersOf(col).map((i) => ({ nip: g.people[i]!.nip, name: g.people[i]!.name, score: g.score[a.rowToEdge[i]!]! }));
      holders.sort((x, y) => y.score - x.score || (x.nip < y.nip ? -1 : 1));
      const full = a.filled[col]! >= g.capacity[col]!;
      const kind: SeatWhy['kind'] = !(mine > 0) ? 'nonPositive' : full && holders.every((h) => h.score >= mine - EPS) ? 'outscored' : full ? 'full' : 'elsewhere';
      const r = targetJpm(c, e, p);
      const parts = scoreParts(e, p, r, c.settings.weights, g.terms[row]!);
      seats.push({ code: p.code, name: p.name, score: mine, parts, kind, by: kind === 'outscored' ? holders : [] });
    }
  }
  if (seats.length === 0) return move ? { ...base, status: 'proposed', move, message: proposedMsg } : { ...base, status: 'no-vacancy', message: w.noVacancy };
  const lines = seats.map((s) => {
    const mine = num(s.score, c.lang);
    switch (s.kind) {
      case 'outscored': return w.seatOutscored(s.code, mine, s.by.map((b) => `${b.name || b.nip} ${num(b.score, c.lang)}`).join(', '));
      case 'full': return w.seatFull(s.code, mine, ownCode);
      case 'elsewhere': return w.seatElsewhere(s.code, mine, ownCode);
      case 'nonPositive': return w.seatNonPositive(s.code, mine);
    }
  });
  const head = move ? proposedMsg + ' ' : '';
  return { ...base, status: own >= 0 ? 'proposed' : 'not-chosen', ...(move ? { move } : {}), seats, message: `${head}${w.notChosen(int(seats.length, c.lang))} ${lines.join(' ')}` };
}

function targetJpm(c: ProposerContext, e: Employee, p: Position): number | null {
  return evaluateMove(c.move, e, p, { date: c.date, reason: null }).jpm;
}

function binarySearchNip(people: Employee[], nip: string): number {
  let lo = 0;
  let hi = people.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = people[mid]!.nip;
    if (v === nip) return mid;
    if (v < nip) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
