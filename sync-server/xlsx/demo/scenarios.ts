/**
 * Sheet Usulan's teaching rows: for every transfer rule of RULES.md, a person and a move that trigger
 * it (and, as far as possible, nothing else). The people are made here, pinned to what their rule
 * needs; their posts are reserved so the generated clean proposals never share seats with them, and
 * each target's holders are later set so that exactly the intended rows claim its seats (FORMATION_FULL
 * follows row order: the second of two rows for the last seat is refused).
 */
import { COMPETENCIES, golonganIndex, typeDefaults, type Education, type Golongan } from '../../../shared/domain';
import { addMonths, dayFromYmd, ymd, type Day } from '../../../shared/values/dates';
import type { DemoCalendar } from './calendar';
import { makeEmployee, makeNip, type Overrides, type StaffContext } from './employees';
import { standardsOf } from './eligibility';
import { golonganAt } from './positions';
import type { DemoEmployee, DemoPosition, DemoProposal } from './types';

type Pred = (p: DemoPosition) => boolean;

const plain = (p: DemoPosition) => !p.standards && !p.minRank && !p.maxRank && p.majors.length === 0;
const PENGADM: Pred = (p) => p.code.endsWith('-PENGADM');
const ADMINISTRATOR: Pred = (p) => p.type === 'Administrator' && plain(p);
const PENGAWAS: Pred = (p) => p.type === 'Pengawas' && plain(p);
const level = (l: string): Pred => (p) => p.type === 'Fungsional' && p.level === l && plain(p) && !p.minEducation;

/** Posts matching `pred` that have another matching post of the same family to move to. */
function pairable(positions: DemoPosition[], pred: Pred): Pred {
  const count = new Map<string, number>();
  for (const p of positions) if (pred(p)) count.set(p.family, (count.get(p.family) ?? 0) + 1);
  return (p) => pred(p) && (count.get(p.family) ?? 0) >= 2;
}

export interface ScenarioPlan {
  employees: DemoEmployee[];
  proposals: DemoProposal[];
  /** Posts of scenario people: never a target here, never touched by clean proposals. */
  origins: Set<DemoPosition>;
  /** Scenario targets and how many scenario rows claim a seat in each. */
  claims: Map<DemoPosition, number>;
}

class Planner {
  readonly plan: ScenarioPlan = { employees: [], proposals: [], origins: new Set(), claims: new Map() };
  private cursor = new Map<string, number>();

  constructor(readonly positions: DemoPosition[], readonly ctx: StaffContext, readonly cal: DemoCalendar) {}

  /** Targets whose seat count a FORMATION_FULL pair depends on: never shared with another row. */
  private sealed = new Set<DemoPosition>();

  /**
   * Round-robin over the matching posts not used in the other role, so repetitions spread out.
   * A target is shared with earlier scenario rows only when no unused one is left (never a sealed one).
   */
  private choose(label: string, pred: Pred, role: 'origin' | 'target', exclusive = false): DemoPosition {
    const other = (p: DemoPosition) => (role === 'origin' ? this.plan.claims.has(p) : this.plan.origins.has(p));
    let list = this.positions.filter((p) => pred(p) && !other(p) && !this.sealed.has(p));
    if (role === 'target') {
      const unused = list.filter((p) => !this.plan.claims.has(p));
      if (unused.length || exclusive) list = unused;
    }
    if (list.length === 0) throw new Error(`demo: no position for scenario ${label} (${role})`);
    const i = this.cursor.get(label + role) ?? this.ctx.rng.int(0, list.length - 1);
    this.cursor.set(label + role, i + 1);
    return list[i % list.length]!;
  }

  origin(label: string, pred: Pred): DemoPosition {
    const p = this.choose(label, pred, 'origin');
    this.plan.origins.add(p);
    return p;
  }

  /** `exclusive`: a post no other scenario row targets (FORMATION_FULL counts on its seats). */
  target(label: string, pred: Pred, exclusive = false): DemoPosition {
    const p = this.choose(label, pred, 'target', exclusive);
    if (!this.plan.claims.has(p)) this.plan.claims.set(p, 0);
    if (exclusive) this.sealed.add(p);
    return p;
  }

  /** A person with a clean record for a move from `from` to `to`, then `o` on top. */
  person(scenario: string, from: DemoPosition, to: DemoPosition | null, o: Overrides = {}): DemoEmployee {
    const d = (p: DemoPosition) => typeDefaults(p.type, p.level);
    const minRank = Math.max(golonganIndex(from.minRank ?? d(from).minRank), to ? golonganIndex(to.minRank ?? d(to).minRank) : 0, golonganIndex('II/c'));
    const eduFloor: Education[] = [from.minEducation ?? d(from).minEducation, ...(to ? [to.minEducation ?? d(to).minEducation] : [])];
    const education: Education = eduFloor.some((e) => e === 'S1' || e === 'D4') || minRank >= golonganIndex('III/a') ? 'S1' : eduFloor.includes('D3') ? 'D3' : 'SMA';
    const std = [standardsOf(from), ...(to ? [standardsOf(to)] : [])];
    const comps = COMPETENCIES.map((_, i) => Math.max(...std.map((s) => s[i]!)));
    const birthYear = ymd(this.cal.asOf).y - this.ctx.rng.int(36, 46);
    const trainings = ['Latsar CPNS', ...new Set([...from.requiredTrainings, ...(to?.requiredTrainings ?? [])])];
    const e = makeEmployee(this.ctx, from, {
      status: 'PNS', rank: golonganAt(minRank), education, skpLast: 'Baik', skpBefore: 'Baik', discipline: 'Tidak Ada',
      disciplineUntil: null, competencies: comps, trainings, tenureMonths: this.ctx.rng.int(30, 54),
      birth: dayFromYmd(birthYear, this.ctx.rng.int(1, 12), this.ctx.rng.int(1, 28))!, preferences: [], scenario,
      ...(to && to.majors.length ? { major: to.majors[0]! } : {}),
      ...o,
    });
    this.plan.employees.push(e);
    return e;
  }

  propose(expect: string, e: { nip: string }, to: DemoPosition | string, claims: boolean, fields: Partial<DemoProposal> = {}): void {
    if (claims && typeof to !== 'string') this.plan.claims.set(to, (this.plan.claims.get(to) ?? 0) + 1);
    this.plan.proposals.push({
      id: '', nip: e.nip, toCode: typeof to === 'string' ? to : to.code, reason: 'Rotasi', effectiveDate: this.cal.tmt,
      status: this.ctx.rng.pick(['Draf', 'Diajukan'] as const), note: '', mendagriApproval: '', approvedBy: '', recordNo: '', expect,
      ...fields,
    });
  }
}

/** Every transfer rule, `repeat` times (more copies for big workbooks keep them a few percent of the rows). */
export function planScenarios(positions: DemoPosition[], ctx: StaffContext, cal: DemoCalendar, repeat: number): ScenarioPlan {
  const pl = new Planner(positions, ctx, cal);
  const rank = (g: Golongan): Partial<Overrides> => ({ rank: g });
  for (let r = 0; r < repeat; r++) {
    // Picked first: FORMATION_FULL needs a target no other row shares.
    const ffTarget = pl.target('ff', PENGADM, true);
    // SAME_POSITION: the target is where the person already is.
    { const o = pl.origin('same', PENGADM); pl.propose('SAME_POSITION', pl.person('SAME_POSITION', o, o), o, false); }
    // PROPOSAL_DUPLICATE: the same person in two active rows; the second is refused.
    {
      const o = pl.origin('dup', PENGADM); const t1 = pl.target('dup1', PENGADM); const t2 = pl.target('dup2', PENGADM);
      const e = pl.person('PROPOSAL_DUPLICATE', o, t1);
      pl.propose('', e, t1, true);
      pl.propose('PROPOSAL_DUPLICATE', e, t2, false);
    }
    // STATUS_INELIGIBLE: a CPNS (also under the minimum tenure, as every CPNS is) and a PPPK.
    {
      const o = pl.origin('cpns', PENGADM); const t = pl.target('cpns', PENGADM);
      pl.propose('STATUS_INELIGIBLE', pl.person('STATUS_INELIGIBLE', o, t, { status: 'CPNS', rank: 'II/a', education: 'SMA' }), t, true);
      const o2 = pl.origin('pppk', pairable(positions, level('Ahli Pertama'))); const t2 = pl.target('pppk', (p) => level('Ahli Pertama')(p) && p.family === o2.family);
      pl.propose('STATUS_INELIGIBLE', pl.person('STATUS_INELIGIBLE', o2, t2, { status: 'PPPK', rank: null }), t2, true);
    }
    // TENURE_MIN: 14 months in post (error); 10 months with Jenis Mutasi Darurat (warning).
    {
      const o = pl.origin('tenure', PENGADM); const t = pl.target('tenure', PENGADM);
      pl.propose('TENURE_MIN', pl.person('TENURE_MIN', o, t, { tenureMonths: 12 }), t, true);
      const o2 = pl.origin('tenure2', PENGADM); const t2 = pl.target('tenure2', PENGADM);
      pl.propose('TENURE_MIN', pl.person('TENURE_MIN', o2, t2, { tenureMonths: 8 }), t2, true, {
        reason: 'Darurat', note: 'Pengisian mendesak: pejabat pengelola keuangan berhalangan tetap',
      });
    }
    // RANK_BELOW_MIN: III/a into an Ahli Muda post (III/c: error); III/b Pengawas into Administrator (one step: warning).
    {
      const o = pl.origin('rank', PENGADM); const t = pl.target('rank', level('Ahli Muda'));
      pl.propose('RANK_BELOW_MIN', pl.person('RANK_BELOW_MIN', o, t, { ...rank('III/a'), education: 'S1' }), t, true, { reason: 'Kebutuhan Organisasi' });
      const o2 = pl.origin('rank2', PENGAWAS); const t2 = pl.target('rank2', ADMINISTRATOR);
      pl.propose('RANK_BELOW_MIN', pl.person('RANK_BELOW_MIN', o2, t2, { rank: 'III/b', trainings: ['Latsar CPNS', 'PKP', 'PKA'] }), t2, true, {
        reason: 'Promosi', status: 'Disetujui', approvedBy: 'Kepala BKPSDM',
        note: 'Satu-satunya kandidat lulus uji kompetensi; kenaikan pangkat ke III/c diproses periode April',
      });
    }
    // RANK_ABOVE_MAX: III/d into Operator Layanan Operasional (Golongan Maksimal III/b).
    {
      const o = pl.origin('rankmax', PENGADM); const t = pl.target('rankmax', (p) => p.code.endsWith('-OPERATOR'));
      pl.propose('RANK_ABOVE_MAX', pl.person('RANK_ABOVE_MAX', o, t, { rank: 'III/d', education: 'S1' }), t, true);
    }
    // EDUCATION_BELOW_MIN: an SMA graduate into Penata Layanan Operasional (Pendidikan Minimal S1).
    {
      const o = pl.origin('edu', PENGADM); const t = pl.target('edu', (p) => p.code.endsWith('-PENATA'));
      pl.propose('EDUCATION_BELOW_MIN', pl.person('EDUCATION_BELOW_MIN', o, t, { education: 'SMA', rank: 'II/c', major: 'IPS' }), t, true);
    }
    // EDUCATION_FIELD_MISMATCH: Ilmu Pemerintahan into an Auditor post that asks for Akuntansi / Ekonomi / Manajemen
    // (an error since RULES.md 2026-12-07: Auditor is a functional position).
    {
      const o = pl.origin('major', level('Ahli Pertama'));
      const t = pl.target('major', (p) => p.family === 'AUDITOR' && p.level === 'Ahli Pertama' && p.majors.length > 0 && !p.standards);
      pl.propose('EDUCATION_FIELD_MISMATCH', pl.person('EDUCATION_FIELD_MISMATCH', o, t, { major: 'Ilmu Pemerintahan', rank: 'III/b' }), t, true, { reason: 'Kebutuhan Organisasi' });
    }
    // COMPETENCY_FIT_LOW / _MARGINAL: Administrator standard 3 everywhere; levels giving 66.67 % and 77.78 %.
    {
      const o = pl.origin('jpm', ADMINISTRATOR); const t = pl.target('jpm', ADMINISTRATOR);
      pl.propose('COMPETENCY_FIT_LOW', pl.person('COMPETENCY_FIT_LOW', o, t, { competencies: [2, 2, 2, 2, 2, 2, 2, 2, 2] }), t, true);
      const o2 = pl.origin('jpm2', ADMINISTRATOR); const t2 = pl.target('jpm2', ADMINISTRATOR);
      pl.propose('COMPETENCY_FIT_MARGINAL', pl.person('COMPETENCY_FIT_MARGINAL', o2, t2, { competencies: [3, 3, 3, 2, 2, 2, 2, 2, 2] }), t2, true);
    }
    // COMPETENCY_DATA_MISSING: nobody assessed this person yet.
    { const o = pl.origin('nocomp', PENGADM); const t = pl.target('nocomp', PENGADM); pl.propose('COMPETENCY_DATA_MISSING', pl.person('COMPETENCY_DATA_MISSING', o, t, { competencies: null }), t, true); }
    // PERFORMANCE_LOW / _MISSING.
    {
      const o = pl.origin('skp', PENGADM); const t = pl.target('skp', PENGADM);
      pl.propose('PERFORMANCE_LOW', pl.person('PERFORMANCE_LOW', o, t, { skpLast: 'Butuh Perbaikan' }), t, true);
      const o2 = pl.origin('skp2', PENGADM); const t2 = pl.target('skp2', PENGADM);
      pl.propose('PERFORMANCE_MISSING', pl.person('PERFORMANCE_MISSING', o2, t2, { skpBefore: null }), t2, true);
    }
    // DISCIPLINE_ACTIVE: a Sedang penalty running past TMT (error), a Ringan one (warning).
    {
      const o = pl.origin('hukdis', PENGADM); const t = pl.target('hukdis', PENGADM);
      pl.propose('DISCIPLINE_ACTIVE', pl.person('DISCIPLINE_ACTIVE', o, t, { discipline: 'Sedang', disciplineUntil: addMonths(cal.tmt, 8) }), t, true);
      const o2 = pl.origin('hukdis2', PENGADM); const t2 = pl.target('hukdis2', PENGADM);
      pl.propose('DISCIPLINE_ACTIVE', pl.person('DISCIPLINE_ACTIVE', o2, t2, { discipline: 'Ringan', disciplineUntil: addMonths(cal.tmt, 2) }), t2, true);
    }
    // RETIREMENT_PASSED: turns 58 three weeks before TMT (and has been in post seven years: ROTATION_DUE).
    // RETIREMENT_NEAR: turns 58 six months after TMT.
    {
      const o = pl.origin('bup', PENGADM); const t = pl.target('bup', PENGADM);
      const bup = typeDefaults(t.type, t.level).retirementAge;
      const born = (day: Day) => { const x = ymd(day); return dayFromYmd(x.y - bup, x.m, Math.min(x.d, 28))!; };
      pl.propose('RETIREMENT_PASSED', pl.person('RETIREMENT_PASSED', o, t, { birth: born(cal.tmt - 21), tenureMonths: 84 }), t, true);
      const o2 = pl.origin('bup2', PENGADM); const t2 = pl.target('bup2', PENGADM);
      pl.propose('RETIREMENT_NEAR', pl.person('RETIREMENT_NEAR', o2, t2, { birth: born(addMonths(cal.tmt, 6)) }), t2, true);
    }
    // FORMATION_FULL: two rows for the last seat of one post; the first claims it, the second is refused.
    {
      const t = ffTarget;
      const a = pl.person('FORMATION_FULL', pl.origin('ff1', PENGADM), t);
      const b = pl.person('FORMATION_FULL', pl.origin('ff2', PENGADM), t);
      pl.propose('', a, t, true);
      pl.propose('FORMATION_FULL', b, t, false);
    }
    // LEVEL_SKIP: Pelaksana straight to Administrator; Ahli Pertama straight to Ahli Madya.
    {
      const o = pl.origin('skip', PENGADM); const t = pl.target('skip', ADMINISTRATOR);
      pl.propose('LEVEL_SKIP', pl.person('LEVEL_SKIP', o, t, { rank: 'III/c', education: 'S1', trainings: ['Latsar CPNS', 'PKP', 'PKA'] }), t, true, { reason: 'Promosi' });
      const madya = new Set(positions.filter((q) => level('Ahli Madya')(q) && !pl.plan.origins.has(q)).map((q) => q.family));
      const o2 = pl.origin('skip2', (p) => level('Ahli Pertama')(p) && madya.has(p.family));
      const t2 = pl.target('skip2', (p) => level('Ahli Madya')(p) && p.family === o2.family);
      pl.propose('LEVEL_SKIP', pl.person('LEVEL_SKIP', o2, t2, { rank: 'IV/a' }), t2, true, { reason: 'Promosi' });
    }
    // LEVEL_DOWN: an Administrator asking for a Pengawas post.
    {
      const o = pl.origin('down', ADMINISTRATOR); const t = pl.target('down', PENGAWAS);
      pl.propose('LEVEL_DOWN', pl.person('LEVEL_DOWN', o, t, { rank: 'III/d' }), t, true, { reason: 'Permintaan Sendiri', note: 'Permohonan sendiri, alasan kesehatan' });
    }
    // ELECTION_MORATORIUM: TMT inside the window, without (error) and with (warning) the Minister's approval.
    {
      const o = pl.origin('pilkada', PENGADM); const t = pl.target('pilkada', PENGADM);
      pl.propose('ELECTION_MORATORIUM', pl.person('ELECTION_MORATORIUM', o, t), t, true, { effectiveDate: cal.tmtInMoratorium });
      const o2 = pl.origin('pilkada2', PENGADM); const t2 = pl.target('pilkada2', PENGADM);
      pl.propose('ELECTION_MORATORIUM', pl.person('ELECTION_MORATORIUM', o2, t2), t2, true, {
        effectiveDate: cal.tmtInMoratorium, mendagriApproval: `100.2.2.6/${1200 + r}/OTDA`, note: 'Izin tertulis Mendagri terlampir',
      });
    }
    // TRAINING_MISSING: a Pengawas promoted to Administrator before attending PKA.
    {
      const o = pl.origin('pka', PENGAWAS); const t = pl.target('pka', ADMINISTRATOR);
      pl.propose('TRAINING_MISSING', pl.person('TRAINING_MISSING', o, t, { rank: 'III/d', trainings: ['Latsar CPNS', 'PKP'] }), t, true, { reason: 'Promosi' });
    }
    // EMPLOYEE_UNKNOWN: an NIP that is not in Pegawai (retired and removed from the roster).
    {
      const t = pl.target('ghost', PENGADM);
      const birth = dayFromYmd(1967, ctx.rng.int(1, 12), ctx.rng.int(1, 28))!;
      pl.propose('EMPLOYEE_UNKNOWN', { nip: makeNip(ctx, birth, dayFromYmd(1992, 3, 1)!, 'L') }, t, false);
    }
    // POSITION_UNKNOWN: a code from the old organisation chart.
    {
      const o = pl.origin('oldcode', PENGADM);
      pl.propose('POSITION_UNKNOWN', pl.person('POSITION_UNKNOWN', o, null), `${o.unit.code}-KASI-LAMA`, false);
    }
  }
  return pl.plan;
}

/** True for a post the scenarios use in either role. */
export function reserved(plan: ScenarioPlan, p: DemoPosition): boolean {
  return plan.origins.has(p) || plan.claims.has(p);
}

