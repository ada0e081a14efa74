/**
 * The transfer rules of RULES.md for one move (a person into a position at a date). The workbook check,
 * the sync server and the proposer all call these; FORMATION_FULL and PROPOSAL_DUPLICATE depend on the
 * other proposals and live in proposals.ts.
 */
import { educationRank, golonganIndex, isJpt, isStructural, rungOf, rungStep, type ProposalReason } from '../domain';
import { jpmCategory, jpmValue } from '../jpm';
import type { Employee, Position, Settings } from '../model';
import { requirements } from '../requirements';
import { addMonths, anniversary, isoDate, monthsBetween, type Day } from '../values/dates';
import { positionStartPlausible } from '../values/nip';
import { listKey } from '../values/parse';
import { COMPETENCIES } from '../domain';
import { invalidParams, type Params } from './messages';
import type { RuleId, Severity } from './types';

export interface MoveFinding {
  rule: RuleId;
  severity: Severity;
  /** The Usulan field the finding points at. */
  field: 'toCode' | 'nip' | 'effectiveDate' | 'reason' | 'mendagriApproval';
  params: Params;
}

export interface MoveOptions {
  /** TMT Mutasi. */
  date: Day;
  reason: ProposalReason | null;
  mendagriApproval?: string;
}

export interface MoveContext {
  settings: Settings;
  positions: Map<string, Position>;
}

export function createMoveContext(settings: Settings, positions: Iterable<Position>): MoveContext {
  const map = new Map<string, Position>();
  for (const p of positions) if (p.code && !map.has(p.code)) map.set(p.code, p);
  return { settings, positions: map };
}

const LOW_SKP = new Set(['Butuh Perbaikan', 'Kurang', 'Sangat Kurang']);

/**
 * Rules that depend on the person and the date but not on the target: status, minimum tenure,
 * performance, discipline, election moratorium. The proposer prunes candidates with these.
 */
export function personFindings(ctx: MoveContext, e: Employee, opts: MoveOptions): MoveFinding[] {
  const out: MoveFinding[] = [];
  const s = ctx.settings;
  if (e.status !== 'PNS') out.push({ rule: 'STATUS_INELIGIBLE', severity: 'error', field: 'nip', params: { status: e.status } });

  if (e.positionStart !== null && opts.date < e.positionStart) {
    // A TMT Mutasi before the TMT Jabatan (RULES.md VALUE_INVALID, 2026-12-07): a mistyped date, not a
    // short tenure, so no TENURE_MIN with negative months.
    out.push({
      rule: 'VALUE_INVALID', severity: 'error', field: 'effectiveDate',
      params: invalidParams(isoDate(opts.date), 'transferBeforePositionStart', { positionStart: isoDate(e.positionStart) }),
    });
  } else if (e.positionStart !== null && positionStartPlausible(e.nip, e.positionStart)) {
    const months = monthsBetween(e.positionStart, opts.date);
    if (months < s.tenureMinMonths) {
      const cur = ctx.positions.get(e.positionCode);
      const darurat = opts.reason === 'Darurat';
      out.push({
        rule: 'TENURE_MIN', severity: darurat ? 'warning' : 'error', field: 'effectiveDate',
        params: { months, min: s.tenureMinMonths, darurat: darurat ? 1 : 0, jpt: cur?.type && isJpt(cur.type) ? 1 : 0 },
      });
    }
  }

  const years: [keyof Employee & ('skpLast' | 'skpBefore'), number][] = [
    ['skpLast', 1],
    ['skpBefore', 2],
  ];
  for (const [k, yearsAgo] of years) {
    const v = e[k];
    if (v === null) out.push({ rule: 'PERFORMANCE_MISSING', severity: 'warning', field: 'nip', params: { yearsAgo } });
    else if (LOW_SKP.has(v)) out.push({ rule: 'PERFORMANCE_LOW', severity: 'error', field: 'nip', params: { found: v, yearsAgo } });
  }

  // A penalty without an end date is taken as still running: nobody can show it has ended.
  if (e.discipline !== 'Tidak Ada' && (e.disciplineUntil === null || e.disciplineUntil >= opts.date)) {
    out.push({
      rule: 'DISCIPLINE_ACTIVE', severity: e.discipline === 'Ringan' ? 'warning' : 'error', field: 'nip',
      params: {
        level: e.discipline, tmt: isoDate(opts.date),
        until: e.disciplineUntil === null ? null : isoDate(e.disciplineUntil),
      },
    });
  }

  for (const w of s.moratoria) {
    if (opts.date >= w.from && opts.date <= w.to) {
      const approved = (opts.mendagriApproval ?? '').trim();
      out.push({
        rule: 'ELECTION_MORATORIUM', severity: approved ? 'warning' : 'error', field: approved ? 'mendagriApproval' : 'effectiveDate',
        params: { tmt: isoDate(opts.date), from: isoDate(w.from), to: isoDate(w.to), approved },
      });
      break;
    }
  }
  return out;
}

/** Does one Rumpun Jurusan entry match a Jurusan? Each of its words must occur as a word of the Jurusan. */
export function majorMatches(entry: string, major: string): boolean {
  const words = listKey(entry).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  const have = new Set(listKey(major).split(' '));
  return words.every((w) => have.has(w));
}

export function majorMatchesAny(entries: string[], major: string): boolean {
  return entries.some((m) => majorMatches(m, major));
}

function describePosition(p: Position): string {
  return p.type === 'Fungsional' ? `Fungsional ${p.level ?? ''}`.trim() : (p.type ?? '?');
}

/**
 * Rules that depend on the target: rank, education, field, competency fit, retirement, ladder,
 * training. Returns the JPM too (null without competency data).
 */
export function targetFindings(ctx: MoveContext, e: Employee, p: Position, opts: MoveOptions): { findings: MoveFinding[]; jpm: number | null } {
  const out: MoveFinding[] = [];
  const s = ctx.settings;
  const req = requirements(p);
  const code = p.code;

  if (e.rank !== null) {
    const ri = golonganIndex(e.rank);
    const below = req.minRankIndex - ri;
    if (below > 0) {
      const oneStep = below === 1 && p.type !== null && isStructural(p.type);
      out.push({ rule: 'RANK_BELOW_MIN', severity: oneStep ? 'warning' : 'error', field: 'toCode', params: { found: e.rank, required: req.minRank, code, oneStep: oneStep ? 1 : 0 } });
    }
    if (req.maxRankIndex !== null && ri > req.maxRankIndex) {
      out.push({ rule: 'RANK_ABOVE_MAX', severity: 'warning', field: 'toCode', params: { found: e.rank, required: p.maxRank, code } });
    }
  }

  if (e.educationLevel !== null && educationRank(e.educationLevel) < req.minEducationRank) {
    out.push({ rule: 'EDUCATION_BELOW_MIN', severity: 'error', field: 'toCode', params: { found: e.educationLevel, required: req.minEducation, code, jpt: p.type && isJpt(p.type) ? 1 : 0 } });
  }

  if (p.majors.length > 0 && !majorMatchesAny(p.majors, e.educationMajor)) {
    // An error into a functional position (RULES.md, 2026-12-07): entering it by transfer needs its
    // qualification; a warning into any other position.
    const functional = p.type === 'Fungsional';
    out.push({ rule: 'EDUCATION_FIELD_MISMATCH', severity: functional ? 'error' : 'warning', field: 'toCode', params: { found: e.educationMajor, required: p.majors.join('; '), code, functional: functional ? 1 : 0 } });
  }

  const jpm = jpmValue(e.competencies, req.standards, req.standardSum);
  if (jpm === null) {
    out.push({ rule: 'COMPETENCY_DATA_MISSING', severity: 'warning', field: 'nip', params: {} });
  } else if (jpm < s.jpmOk) {
    const low = jpm < s.jpmMin;
    out.push({
      rule: low ? 'COMPETENCY_FIT_LOW' : 'COMPETENCY_FIT_MARGINAL', severity: low ? 'error' : 'warning', field: 'toCode',
      params: { jpm, min: s.jpmMin, ok: s.jpmOk, category: jpmCategory(jpm, s.jpmMin, s.jpmOk), gaps: gapList(e.competencies!, req.standards) },
    });
  }

  if (e.birthDate !== null) {
    const bupDay = anniversary(e.birthDate, req.retirementAge);
    if (bupDay <= opts.date) {
      out.push({ rule: 'RETIREMENT_PASSED', severity: 'error', field: 'effectiveDate', params: { bup: req.retirementAge, date: isoDate(bupDay), tmt: isoDate(opts.date) } });
    } else if (bupDay <= addMonths(opts.date, s.retirementNearMonths)) {
      out.push({ rule: 'RETIREMENT_NEAR', severity: 'warning', field: 'effectiveDate', params: { bup: req.retirementAge, date: isoDate(bupDay), tmt: isoDate(opts.date), months: s.retirementNearMonths } });
    }
  }

  const cur = ctx.positions.get(e.positionCode);
  if (cur && cur.type && p.type) {
    const a = rungOf(cur.type, cur.level);
    const b = rungOf(p.type, p.level);
    if (a && b) {
      // Within one ladder by its own order; between ladders by the equivalent rung (RULES.md table
      // "Equivalent rungs", 2026-12-07).
      const step = rungStep(a, b);
      const between = step.sameLadder ? 0 : 1;
      if (step.up > 1) {
        out.push({ rule: 'LEVEL_SKIP', severity: 'error', field: 'toCode', params: { from: describePosition(cur), to: describePosition(p), skipped: step.up - 1, between } });
      } else if (step.up < 0) {
        out.push({ rule: 'LEVEL_DOWN', severity: 'warning', field: 'toCode', params: { from: describePosition(cur), to: describePosition(p), between } });
      }
    }
  }

  if (p.requiredTrainings.length > 0) {
    const have = new Set(e.trainings.map(listKey));
    const missing = p.requiredTrainings.filter((t) => !have.has(listKey(t)));
    if (missing.length > 0) out.push({ rule: 'TRAINING_MISSING', severity: 'warning', field: 'toCode', params: { code, missing: missing.join(', ') } });
  }
  return { findings: out, jpm };
}

function gapList(levels: number[], standards: number[]) {
  const gaps = [];
  for (let i = 0; i < 9; i++) if (levels[i]! < standards[i]!) gaps.push({ competency: COMPETENCIES[i]!, actual: levels[i]!, standard: standards[i]! });
  return gaps;
}

/** Every rule of one move that does not depend on other proposals. */
export function evaluateMove(ctx: MoveContext, e: Employee, p: Position, opts: MoveOptions): { findings: MoveFinding[]; jpm: number | null } {
  const person = personFindings(ctx, e, opts);
  const target = targetFindings(ctx, e, p, opts);
  return { findings: [...person, ...target.findings], jpm: target.jpm };
}

export function monthsInPost(e: Employee, at: Day): number | null {
  // A TMT Jabatan before TMT CPNS (VALUE_INVALID) is no tenure at all: no rotation bonus for 1905.
  if (e.positionStart === null || !positionStartPlausible(e.nip, e.positionStart)) return null;
  return monthsBetween(e.positionStart, at);
}
