/**
 * The proposer on small random workbooks (fast-check): every proposed row passes `check` without an
 * error, no position goes over its Kebutuhan, nobody moves twice, the same input gives the same plan,
 * the plan's total is the brute-force optimum, explanations add up, and the why-not of every eligible
 * person who was not chosen names someone who scored higher or the seat being full.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkSheets } from '../../shared/engine';
import { isActiveStatus } from '../../shared/domain';
import { proposeSheets, type ProposerRun } from '../../shared/proposer';
import { personTerms, scoreOf, scoreParts } from '../../shared/proposer/score';
import { opensVacancy } from '../../shared/proposer/vacancies';
import { evaluateMove } from '../../shared/rules/transfer';
import type { SheetData } from '../../shared/workbook/gateway';
import { writeProposals } from '../../sync-server/xlsx/write-proposals';
import { bookShape, buildBook } from './support/random-book';
import { MemoryGateway } from './support/memory-gateway';

const RUNS = 200;

function propose(sheets: SheetData[]): ProposerRun {
  const { run } = proposeSheets(sheets, {});
  assert.ok(run, 'the workbook is readable');
  return run;
}

/** The plan written into a copy of the sheets, as `mutasi propose` does. */
async function writePlan(sheets: SheetData[], run: ProposerRun): Promise<{ gw: MemoryGateway; firstRow: number; lastRow: number }> {
  const gw = new MemoryGateway(sheets);
  const book = run.context.book;
  const usulan = gw.sheets.find((s) => s.name === book.layout.usulan.name) ?? null;
  const w = await writeProposals(
    gw,
    { sheet: usulan, layout: usulan ? book.layout.usulan : null, existingIds: book.proposals.map((p) => p.id) },
    run.plan.moves.map((m) => ({ nip: m.nip, toCode: m.toCode, reason: m.reason, date: run.context.date, jpm: m.jpm, explanation: m.explanation })),
  );
  return { gw, firstRow: w.firstRow, lastRow: w.lastRow };
}

describe('proposer: properties on random workbooks', () => {
  it('check finds no error on any proposed row; no position over Kebutuhan; nobody moved twice', async () => {
    await fc.assert(
      fc.asyncProperty(bookShape(), async (shape) => {
        const sheets = buildBook(shape);
        const run = propose(sheets);
        const { gw, firstRow, lastRow } = await writePlan(sheets, run);
        const after = checkSheets(gw.sheets).result;
        const newRows = after.proposals.filter((p) => p.row >= firstRow && p.row <= lastRow);
        assert.equal(newRows.length, run.plan.moves.length);
        for (const p of newRows) assert.notEqual(p.verdict, 'error', `row ${p.row}: ${p.rules.join(', ')}`);
        // Other rows keep the verdicts they had.
        const before = checkSheets(sheets).result;
        for (const p of before.proposals) assert.equal(after.proposals.find((q) => q.row === p.row)!.verdict, p.verdict);

        const nips = run.plan.moves.map((m) => m.nip);
        assert.equal(new Set(nips).size, nips.length, 'nobody moved twice');
        const book = run.context.book;
        for (const pr of book.proposals) if (isActiveStatus(pr.status)) assert.ok(!nips.includes(pr.nip), `${pr.nip} already has an active proposal`);

        const count = new Map(run.context.walk.after);
        for (const m of run.plan.moves) count.set(m.toCode, (count.get(m.toCode) ?? 0) + 1);
        for (const m of run.plan.moves) assert.ok(count.get(m.toCode)! <= run.context.idx.positions.get(m.toCode)!.needed, `${m.toCode} over Kebutuhan`);
      }),
      { numRuns: RUNS },
    );
  });

  it('the same input gives the same plan', () => {
    fc.assert(
      fc.property(bookShape(), (shape) => {
        const strip = (r: ProposerRun) => JSON.stringify({ ...r.plan, stats: { ...r.plan.stats, ms: null } });
        assert.equal(strip(propose(buildBook(shape))), strip(propose(buildBook(shape))));
      }),
      { numRuns: 60 },
    );
  });

  it('explanations add up to the score, and the total is the sum of the moves', () => {
    fc.assert(
      fc.property(bookShape(), (shape) => {
        const run = propose(buildBook(shape));
        let total = 0;
        for (const m of run.plan.moves) {
          assert.equal(scoreOf(m.parts), m.score);
          const p = m.parts;
          assert.ok(Math.abs(p.jpm + p.performance + p.rotation + p.preference + p.major + p.newVacancy - m.score) < 1e-9);
          assert.ok(m.score > 0, 'a move that gains nothing is never proposed');
          assert.ok(m.notes.every((n) => n.severity !== 'error'));
          total += m.score;
        }
        assert.ok(Math.abs(total - run.plan.totalScore) < 1e-6);
      }),
      { numRuns: RUNS },
    );
  });

  for (const strict of [false, true]) {
  it(`the total equals the brute-force optimum over all feasible plans (eligibility and score straight from the engine)${strict ? ', with --tanpa-peringatan (no warning at all)' : ''}`, () => {
    fc.assert(
      fc.property(bookShape(4, 6), (shape) => {
        const sheets = buildBook(shape);
        const { result, book } = checkSheets(sheets);
        const run = strict ? proposeSheets(sheets, { withoutWarnings: true }).run! : propose(sheets);
        const c = run.context;
        const badRows = new Set(result.findings.filter((f) => f.severity === 'error' && f.sheet === 'Pegawai').map((f) => f.row));
        const active = new Set(book!.proposals.filter((p) => isActiveStatus(p.status)).map((p) => p.nip));
        const people = [...c.idx.employees.values()].filter((e) => !badRows.has(e.row) && !active.has(e.nip));
        const seats = [...c.counts.values()].filter((x) => x.vacant > 0);
        // pairs[i] = [seat index, score] for every move the engine allows
        const pairs = people.map((e) => {
          const out: [number, number][] = [];
          const terms = personTerms(e, c.settings.weights, c.settings.tenureMaxMonths, c.date, !opensVacancy(c.counts, e.positionCode));
          seats.forEach((s, j) => {
            if (s.position.code === e.positionCode) return;
            const r = evaluateMove(c.move, e, s.position, { date: c.date, reason: null });
            if (r.findings.some((f) => f.severity === 'error' || f.rule === 'LEVEL_DOWN' || (strict && f.severity === 'warning'))) return;
            out.push([j, scoreOf(scoreParts(e, s.position, r.jpm, c.settings.weights, terms))]);
          });
          return out;
        });
        const left = seats.map((s) => s.vacant);
        const best = (i: number): number => {
          if (i === people.length) return 0;
          let b = best(i + 1);
          for (const [j, s] of pairs[i]!) {
            if (left[j] === 0) continue;
            left[j]!--;
            b = Math.max(b, s + best(i + 1));
            left[j]!++;
          }
          return b;
        };
        const optimum = best(0);
        const planned = run.plan.moves.reduce((a, m) => a + m.score, 0);
        assert.ok(Math.abs(optimum - planned) < 1e-6, `brute force ${optimum} vs plan ${planned}`);
        assert.ok(Math.abs(optimum - run.plan.totalScore) < 1e-6);
        const eligiblePairs = pairs.reduce((a, p) => a + p.length, 0);
        assert.equal(run.plan.stats.pairs, eligiblePairs, 'the gate keeps exactly the pairs the engine allows');
        assert.equal(run.plan.withoutWarnings, strict);
        if (strict) for (const m of run.plan.moves) assert.deepEqual(m.notes.filter((x) => x.severity === 'warning'), [], `${m.nip} → ${m.toCode}`);
      }),
      { numRuns: RUNS },
    );
  });
  }

  it('the why-not of every eligible person not chosen for a seat names someone who scored higher, or the seat being full', () => {
    fc.assert(
      fc.property(bookShape(), (shape) => {
        const run = propose(buildBook(shape));
        const g = run.graph;
        const a = run.assignment;
        // Every pair, person by person, straight from the column-major arrays (not g.rowPairs()).
        const pairsOf = g.people.map(() => [] as { e: number; col: number }[]);
        for (let col = 0; col < g.positions.length; col++) {
          for (let e = g.colStart[col]!; e < g.colStart[col + 1]!; e++) pairsOf[g.row[e]!]!.push({ e, col });
        }
        for (let i = 0; i < g.people.length; i++) {
          const nip = g.people[i]!.nip;
          const why = run.whyNot(nip);
          assert.equal(why.seats.length, pairsOf[i]!.filter((x) => x.col !== a.rowToCol[i]).length, `${nip}: one explanation per eligible seat not taken`);
          for (const { e, col } of pairsOf[i]!) {
            if (a.rowToCol[i] === col) continue;
            const code = g.positions[col]!.code;
            const s = why.seats.find((x) => x.code === code);
            assert.ok(s, `${nip}: no explanation for ${code}`);
            assert.equal(s.score, g.score[e]);
            assert.equal(scoreOf(s.parts), s.score);
            if (s.kind === 'outscored') {
              assert.ok(s.by.length > 0 && s.by.every((b) => b.score >= s.score - 1e-9), `${nip} → ${code}: ${JSON.stringify(s)}`);
              assert.equal(a.filled[col], g.capacity[col], 'outscored means every seat is taken');
            } else if (s.kind === 'full') {
              assert.equal(a.filled[col], g.capacity[col]);
              assert.ok(a.rowToCol[i]! >= 0, 'only someone proposed elsewhere loses a seat to a lower score');
            } else if (s.kind === 'elsewhere') assert.ok(a.rowToCol[i]! >= 0);
            else assert.ok(s.score <= 0);
            // Somebody left out entirely with a positive score can only have been outscored (optimality).
            if (a.rowToCol[i]! < 0 && s.score > 0) assert.equal(s.kind, 'outscored');
          }
          assert.ok(why.message.length > 10);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
