import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  PairsBuilder,
  solveAssignment,
  solveAssignmentByColumn,
  solveDense,
  type Assignment,
  type AssignmentProblem,
} from '../../shared/proposer/solver';

// ---------------------------------------------------------------------------------------------
// Instances and independent references
// ---------------------------------------------------------------------------------------------

interface Pair {
  row: number;
  col: number;
  score: number;
}

interface Instance {
  nRows: number;
  nCols: number;
  capacity: number[];
  pairs: Pair[];
}

function toProblem(x: Instance): AssignmentProblem {
  const byRow = [...x.pairs].sort((a, b) => a.row - b.row);
  const rowStart = new Int32Array(x.nRows + 1);
  for (const p of byRow) rowStart[p.row + 1]!++;
  for (let i = 0; i < x.nRows; i++) rowStart[i + 1]! += rowStart[i]!;
  return {
    nRows: x.nRows,
    nCols: x.nCols,
    capacity: Int32Array.from(x.capacity),
    rowStart,
    col: Int32Array.from(byRow, (p) => p.col),
    score: Float64Array.from(byRow, (p) => p.score),
  };
}

function solveByColumn(x: Instance): Assignment {
  const byCol = [...x.pairs].sort((a, b) => a.col - b.col);
  const colStart = new Int32Array(x.nCols + 1);
  for (const p of byCol) colStart[p.col + 1]!++;
  for (let j = 0; j < x.nCols; j++) colStart[j + 1]! += colStart[j]!;
  return solveAssignmentByColumn({
    nRows: x.nRows,
    nCols: x.nCols,
    capacity: Int32Array.from(x.capacity),
    colStart,
    row: Int32Array.from(byCol, (p) => p.row),
    score: Float64Array.from(byCol, (p) => p.score),
  });
}

/** Exhaustive search over every plan (memoised on the remaining capacities). */
function bruteForce(x: Instance): number {
  const options: Pair[][] = Array.from({ length: x.nRows }, () => []);
  for (const p of x.pairs) options[p.row]!.push(p);
  const memo = new Map<string, number>();
  const left = [...x.capacity];
  const best = (i: number): number => {
    if (i === x.nRows) return 0;
    const key = `${i}|${left.join(',')}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let value = best(i + 1); // person i stays
    for (const p of options[i]!) {
      if (left[p.col]! === 0) continue;
      left[p.col]!--;
      value = Math.max(value, p.score + best(i + 1));
      left[p.col]!++;
    }
    memo.set(key, value);
    return value;
  };
  return best(0);
}

/**
 * Textbook Hungarian algorithm (potentials + shortest augmenting path, O(n²m)) on a dense n × m
 * matrix with n ≤ m, deliberately written in the plainest form (arrays of arrays, no heap, no
 * pruning). Returns the minimum cost of assigning every row.
 */
function hungarian(n: number, m: number, cost: (i: number, j: number) => number): number {
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  const p = new Array<number>(m + 1).fill(0); // p[j] = row (1-based) assigned to column j
  const way = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(m + 1).fill(Infinity);
    const usedCol = new Array<boolean>(m + 1).fill(false);
    do {
      usedCol[j0] = true;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (usedCol[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (usedCol[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= m; j++) if (p[j]! > 0) total += cost(p[j]! - 1, j - 1);
  return total;
}

/**
 * The assignment instance as a square min-cost matrix for `hungarian`: rows = people + one dummy
 * per seat, columns = seats + one dummy per person. A person's dummy column means "stays", a seat's
 * dummy row means "stays empty"; ineligible pairs cost BIG. Returns the maximum total score.
 */
function hungarianReference(x: Instance): number {
  const seatCol: number[] = [];
  x.capacity.forEach((c, j) => {
    for (let k = 0; k < c; k++) seatCol.push(j);
  });
  const S = seatCol.length;
  const N = x.nRows + S;
  const BIG = 1e9;
  const best = new Map<number, number>(); // duplicate pairs: the better score counts
  for (const p of x.pairs) {
    const key = p.row * x.nCols + p.col;
    best.set(key, Math.max(best.get(key) ?? -Infinity, p.score));
  }
  const a = new Float64Array(N * N); // dummy rows and columns cost 0
  for (let i = 0; i < x.nRows; i++) {
    for (let s = 0; s < S; s++) {
      const sc = best.get(i * x.nCols + seatCol[s]!);
      a[i * N + s] = sc === undefined ? BIG : -sc;
    }
  }
  const cost = hungarian(N, N, (i, j) => a[i * N + j]!);
  assert.ok(cost < BIG / 2, 'reference used an ineligible pair');
  return -cost;
}

/** Reference for solveDense: min cost with every row of the smaller side assigned. */
function denseReference(n: number, m: number, cost: Float64Array): number {
  return n <= m ? hungarian(n, m, (i, j) => cost[i * m + j]!) : hungarian(m, n, (i, j) => cost[j * m + i]!);
}

/** Minimum cost of assigning every row of the smaller side: DP over subsets of the larger side. */
function exhaustiveDense(n: number, m: number, cost: Float64Array): number {
  const at = (i: number, j: number): number => cost[i * m + j]!;
  // Let the smaller side be `a` (assigned in order) and the larger `b` (tracked as a bitmask).
  const [na, nb, c] = n <= m ? [n, m, at] : [m, n, (i: number, j: number) => at(j, i)];
  let layer = new Map<number, number>([[0, 0]]);
  for (let i = 0; i < na; i++) {
    const next = new Map<number, number>();
    for (const [mask, value] of layer) {
      for (let j = 0; j < nb; j++) {
        if (mask & (1 << j)) continue;
        const key = mask | (1 << j);
        const v = value + c(i, j);
        if (v < (next.get(key) ?? Infinity)) next.set(key, v);
      }
    }
    layer = next;
  }
  return Math.min(...layer.values());
}

/** The invariants every plan must satisfy, whatever its total. */
function assertValidPlan(x: Instance, problem: AssignmentProblem, r: Assignment): void {
  const filled = new Array<number>(x.nCols).fill(0);
  let total = 0;
  let placed = 0;
  for (let i = 0; i < x.nRows; i++) {
    const j = r.rowToCol[i]!;
    const e = r.rowToEdge[i]!;
    if (j < 0) {
      assert.equal(e, -1, `row ${i} unassigned but has an edge`);
      continue;
    }
    assert.ok(e >= problem.rowStart[i]! && e < problem.rowStart[i + 1]!, `row ${i}: edge ${e} is not one of its pairs`);
    assert.equal(problem.col[e], j, `row ${i}: edge ${e} does not go to column ${j}`);
    assert.ok(problem.score[e]! > 0, `row ${i}: chosen pair has score ${problem.score[e]} ≤ 0`);
    filled[j]!++;
    total += problem.score[e]!;
    placed++;
  }
  for (let j = 0; j < x.nCols; j++) {
    assert.ok(filled[j]! <= x.capacity[j]!, `column ${j} over capacity: ${filled[j]} > ${x.capacity[j]}`);
    assert.equal(r.filled[j], filled[j], `filled[${j}]`);
  }
  assert.equal(r.placed, placed);
  assert.ok(Math.abs(r.total - total) < 1e-9, `total ${r.total} ≠ Σ chosen scores ${total}`);
}

const close = (a: number, b: number, what: string): void =>
  assert.ok(Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(b)), `${what}: ${a} ≠ ${b}`);

/** Seeded PRNG (mulberry32) for the larger instances. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInstance(
  rand: () => number,
  nRows: number,
  nCols: number,
  density: number,
  maxCap: number,
  scoreOf: () => number,
): Instance {
  const capacity = Array.from({ length: nCols }, () => Math.floor(rand() * (maxCap + 1)));
  const pairs: Pair[] = [];
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) if (rand() < density) pairs.push({ row: i, col: j, score: scoreOf() });
  }
  return { nRows, nCols, capacity, pairs };
}

// Small instances: up to 8 × 8, multi-seat positions, ineligible pairs, negative/zero scores and
// ties (scores on a coarse grid), occasionally duplicated pairs.
const smallInstance = fc
  .record({ nRows: fc.integer({ min: 0, max: 8 }), nCols: fc.integer({ min: 0, max: 8 }) })
  .chain(({ nRows, nCols }) =>
    fc.record({
      nRows: fc.constant(nRows),
      nCols: fc.constant(nCols),
      capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: nCols, maxLength: nCols }),
      pairs:
        nRows === 0 || nCols === 0
          ? fc.constant([] as Pair[])
          : fc.array(
              fc.record({
                row: fc.integer({ min: 0, max: nRows - 1 }),
                col: fc.integer({ min: 0, max: nCols - 1 }),
                score: fc.oneof(
                  fc.integer({ min: -5, max: 20 }),
                  fc.double({ min: -10, max: 100, noNaN: true, noDefaultInfinity: true }),
                ),
              }),
              { maxLength: nRows * nCols },
            ),
    }),
  );

// ---------------------------------------------------------------------------------------------

describe('proposer solver: exactness', () => {
  it('equals brute force on random small instances (≤ 8 × 8, multi-seat, negative/zero scores)', () => {
    fc.assert(
      fc.property(smallInstance, (x) => {
        const problem = toProblem(x);
        const r = solveAssignment(problem);
        assertValidPlan(x, problem, r);
        close(r.total, bruteForce(x), 'total vs brute force');
        close(solveByColumn(x).total, r.total, 'column-major input');
      }),
      { numRuns: 600, seed: 20261123 },
    );
  });

  it('equals the Hungarian reference on 60 × 60 dense instances with float scores', () => {
    const rand = prng(7);
    for (let run = 0; run < 4; run++) {
      const x = randomInstance(rand, 60, 60, 1, 1, () => rand() * 100 - 10);
      x.capacity.fill(1);
      const problem = toProblem(x);
      const r = solveAssignment(problem);
      assertValidPlan(x, problem, r);
      close(r.total, hungarianReference(x), `run ${run}`);
    }
  });

  it('equals the Hungarian reference on sparse instances with capacities, from either side', () => {
    const rand = prng(11);
    // Shapes chosen so that both sides get to be the augmenting side: few seats for many people,
    // and many seats for few people.
    const shapes: Array<[number, number, number, number]> = [
      [120, 30, 0.15, 2],
      [40, 30, 0.2, 5],
      [90, 45, 0.08, 3],
      [25, 70, 0.3, 1],
    ];
    for (const [nRows, nCols, density, maxCap] of shapes) {
      for (let run = 0; run < 2; run++) {
        // Integer scores with a narrow range: many ties, many equal-length augmenting paths.
        const x = randomInstance(rand, nRows, nCols, density, maxCap, () => Math.floor(rand() * 12) - 2);
        const problem = toProblem(x);
        const r = solveAssignment(problem);
        assertValidPlan(x, problem, r);
        close(r.total, hungarianReference(x), `${nRows}×${nCols} run ${run}`);
        close(solveByColumn(x).total, r.total, `${nRows}×${nCols} column-major`);
      }
    }
  });

  it('equals the Hungarian reference on structured instances where everyone wants the same seats', () => {
    // Scores shaped like the proposal score: a person's strength times a position's weight, or a
    // few popular positions everybody ranks first. Long chains of displacements are then optimal.
    const rand = prng(29);
    const scoreBy: Record<string, (a: number, b: number) => number> = {
      product: (a, b) => Math.round(40 * a * b) / 4 - 1,
      popular: (_a, b) => Math.round(40 * b + 4 * rand()) - 3,
    };
    for (const [name, f] of Object.entries(scoreBy)) {
      for (const [nRows, nCols, density, maxCap] of [
        [70, 25, 0.4, 3],
        [30, 40, 0.5, 2],
        [60, 20, 0.3, 3],
        [20, 60, 0.3, 2],
        [40, 40, 0.2, 1],
        [40, 40, 0.2, 1],
      ] as const) {
        const a = Array.from({ length: nRows }, rand);
        const b = Array.from({ length: nCols }, rand);
        const capacity = Array.from({ length: nCols }, () => Math.floor(rand() * (maxCap + 1)));
        const pairs: Pair[] = [];
        for (let i = 0; i < nRows; i++) {
          for (let j = 0; j < nCols; j++) if (rand() < density) pairs.push({ row: i, col: j, score: f(a[i]!, b[j]!) });
        }
        const x: Instance = { nRows, nCols, capacity, pairs };
        const problem = toProblem(x);
        const r = solveAssignment(problem);
        assertValidPlan(x, problem, r);
        close(r.total, hungarianReference(x), `${name} ${nRows}×${nCols}`);
        close(solveByColumn(x).total, r.total, `${name} ${nRows}×${nCols} column-major`);
      }
    }
  });

  it('equals the Hungarian reference when nodes have long candidate lists (scans in score order, early stop)', () => {
    // From its second scan on, a node with 64 or more pairs is scanned in bucketed score order and
    // the scan stops early (solver-sparse.ts, ScoreOrder): these instances give the augmenting side
    // hundreds of pairs, popular people or seats (long displacement chains, so nodes are scanned
    // again and again), coarse scores (ties across bucket boundaries), a few huge or all-equal
    // scores (degenerate buckets), non-positive scores, seatless positions and duplicated pairs.
    const rand = prng(41);
    const scoreBy: Record<string, (a: number, b: number) => number> = {
      popular: (a, b) => Math.round(30 * a + 30 * b + 3 * rand()) - 4,
      product: (a, b) => Math.round(400 * a * b) / 8 - 2,
      float: (a, b) => 100 * a * b + rand(),
      equal: () => 7,
      outlier: (a, b) => (rand() < 0.01 ? 1e6 : Math.round(20 * a * b)),
    };
    for (const [name, f] of Object.entries(scoreBy)) {
      for (const [nRows, nCols, density, maxCap] of [
        [260, 24, 0.6, 3], // seats are the augmenting side, ~150 pairs each
        [36, 220, 0.55, 1], // people are the augmenting side, ~120 pairs each
        [30, 200, 0.5, 3], // people augment into multi-seat positions, ~100 pairs each
      ] as const) {
        const a = Array.from({ length: nRows }, rand);
        const b = Array.from({ length: nCols }, rand);
        const capacity = Array.from({ length: nCols }, () => Math.floor(rand() * (maxCap + 1)));
        const pairs: Pair[] = [];
        for (let i = 0; i < nRows; i++) {
          for (let j = 0; j < nCols; j++) {
            if (rand() >= density) continue;
            pairs.push({ row: i, col: j, score: f(a[i]!, b[j]!) });
            if (rand() < 0.02) pairs.push({ row: i, col: j, score: f(a[i]!, b[j]!) }); // listed twice
          }
        }
        const x: Instance = { nRows, nCols, capacity, pairs };
        const problem = toProblem(x);
        const r = solveAssignment(problem);
        assertValidPlan(x, problem, r);
        const ref = hungarianReference(x);
        close(r.total, ref, `${name} ${nRows}×${nCols}`);
        close(solveByColumn(x).total, ref, `${name} ${nRows}×${nCols} column-major`);
      }
    }
  });

  it('with reorder, permutes each position\'s pairs in place (stable by score) and gives the same total', () => {
    const rand = prng(53);
    // Positions augment (their lists are re-sorted in place), or people do (a transposed copy is
    // sorted and the input stays as it was).
    for (const [nRows, nCols, density, maxCap, inPlace] of [
      [260, 24, 0.6, 3, true],
      [30, 200, 0.5, 3, false],
    ] as const) {
      const x = randomInstance(rand, nRows, nCols, density, maxCap, () => Math.floor(rand() * 40) - 5);
      const byCol = [...x.pairs].sort((a, b) => a.col - b.col);
      const colStart = new Int32Array(nCols + 1);
      for (const p of byCol) colStart[p.col + 1]!++;
      for (let j = 0; j < nCols; j++) colStart[j + 1]! += colStart[j]!;
      const row = Int32Array.from(byCol, (p) => p.row);
      const score = Float64Array.from(byCol, (p) => p.score);
      const before = { row: row.slice(), score: score.slice() };
      const r = solveAssignmentByColumn({ nRows, nCols, capacity: Int32Array.from(x.capacity), colStart, row, score, reorder: true });
      close(r.total, hungarianReference(x), `${nRows}×${nCols}`);
      // Each position keeps the same pairs; the usable ones of a re-sorted position come first, and
      // pairs with equal scores keep their order.
      for (let j = 0; j < nCols; j++) {
        const a = colStart[j]!;
        const b = colStart[j + 1]!;
        const key = (rs: Int32Array, ss: Float64Array) => Array.from({ length: b - a }, (_, t) => `${rs[a + t]}:${ss[a + t]}`).sort().join();
        assert.equal(key(row, score), key(before.row, before.score), `position ${j} keeps its pairs`);
        const order = (rs: Int32Array, ss: Float64Array, s: number) => Array.from({ length: b - a }, (_, t) => a + t).filter((e) => ss[e] === s).map((e) => rs[e]).join();
        for (const s of new Set(score.subarray(a, b))) assert.equal(order(row, score, s), order(before.row, before.score, s), `position ${j}: equal scores ${s} keep their order`);
      }
      // The assignment refers to the arrays as they are now.
      let total = 0;
      for (let i = 0; i < nRows; i++) {
        const e = r.rowToEdge[i]!;
        if (e < 0) continue;
        assert.equal(row[e], i);
        assert.ok(e >= colStart[r.rowToCol[i]!]! && e < colStart[r.rowToCol[i]! + 1]!);
        total += score[e]!;
      }
      close(total, r.total, 'Σ chosen scores');
      assert.equal([...row].some((v, t) => v !== before.row[t]), inPlace, inPlace ? 'the instance is hard enough that some list was reordered' : 'the input is not touched');
    }
  });

  it('moves a person along a chain when that raises the total (greedy would not)', () => {
    // Person 0 likes X (10) and Y (9); person 1 can only take X (8). Greedy: 0→X, total 10.
    const x: Instance = {
      nRows: 2,
      nCols: 2,
      capacity: [1, 1],
      pairs: [
        { row: 0, col: 0, score: 10 },
        { row: 0, col: 1, score: 9 },
        { row: 1, col: 0, score: 8 },
      ],
    };
    const r = solveAssignment(toProblem(x));
    assert.deepEqual([...r.rowToCol], [1, 0]);
    assert.equal(r.total, 17);
  });

  it('leaves a seat empty rather than take a negative score, and never chooses a zero score', () => {
    const x: Instance = {
      nRows: 3,
      nCols: 2,
      capacity: [2, 1],
      pairs: [
        { row: 0, col: 0, score: -3 },
        { row: 1, col: 0, score: 0 },
        { row: 2, col: 1, score: 4 },
        { row: 2, col: 0, score: 1 },
      ],
    };
    const r = solveAssignment(toProblem(x));
    assert.deepEqual([...r.rowToCol], [-1, -1, 1]);
    assert.deepEqual([...r.filled], [0, 1]);
    assert.equal(r.total, 4);
  });
});

describe('proposer solver: edge cases', () => {
  const empty = (nRows: number, nCols: number, capacity: number[]): AssignmentProblem => ({
    nRows,
    nCols,
    capacity: Int32Array.from(capacity),
    rowStart: new Int32Array(nRows + 1),
    col: new Int32Array(0),
    score: new Float64Array(0),
  });

  it('solves empty instances', () => {
    for (const [n, m] of [
      [0, 0],
      [3, 0],
      [0, 4],
      [3, 4],
    ] as const) {
      const r = solveAssignment(empty(n, m, new Array(m).fill(2)));
      assert.equal(r.rowToCol.length, n);
      assert.ok(r.rowToCol.every((j) => j === -1));
      assert.equal(r.total, 0);
      assert.equal(r.placed, 0);
    }
  });

  it('never fills a position with capacity 0 and skips a row with no pairs', () => {
    const x: Instance = {
      nRows: 3,
      nCols: 2,
      capacity: [0, 1],
      pairs: [
        { row: 0, col: 0, score: 50 },
        { row: 0, col: 1, score: 1 },
        { row: 2, col: 0, score: 60 },
      ],
    };
    const problem = toProblem(x);
    const r = solveAssignment(problem);
    assertValidPlan(x, problem, r);
    assert.deepEqual([...r.rowToCol], [1, -1, -1]);
    assert.deepEqual([...r.rowToEdge], [1, -1, -1]);
  });

  it('fills all seats of a multi-seat position when enough people qualify, and no more', () => {
    const pairs: Pair[] = [];
    for (let i = 0; i < 7; i++) pairs.push({ row: i, col: 0, score: 10 + i });
    const x: Instance = { nRows: 7, nCols: 1, capacity: [4], pairs };
    const r = solveAssignment(toProblem(x));
    assert.deepEqual([...r.rowToCol], [-1, -1, -1, 0, 0, 0, 0]);
    assert.equal(r.total, 13 + 14 + 15 + 16);
  });

  it('rejects malformed input with a RangeError', () => {
    const good = toProblem({ nRows: 1, nCols: 1, capacity: [1], pairs: [{ row: 0, col: 0, score: 1 }] });
    assert.throws(() => solveAssignment({ ...good, capacity: Int32Array.from([-1]) }), RangeError);
    assert.throws(() => solveAssignment({ ...good, col: Int32Array.from([1]) }), RangeError);
    assert.throws(() => solveAssignment({ ...good, rowStart: Int32Array.from([0]) }), RangeError);
    assert.throws(() => solveAssignment({ ...good, score: Float64Array.from([Infinity]) }), RangeError);
  });
});

describe('proposer solver: PairsBuilder', () => {
  it('builds the same plan from pairs added in any order, and maps edges back to add() indices', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer(), (x, seed) => {
        const rand = prng(seed);
        const order = x.pairs.map((p, t) => ({ p, t, key: rand() })).sort((a, b) => a.key - b.key);
        const builder = new PairsBuilder(x.nRows, x.nCols);
        const added = order.map(({ p }) => builder.add(p.row, p.col, p.score));
        assert.deepEqual(added, order.map((_, k) => k));
        const problem = builder.toProblem(Int32Array.from(x.capacity));
        const r = solveAssignment(problem);
        close(r.total, bruteForce(x), 'total');
        for (let i = 0; i < x.nRows; i++) {
          if (r.rowToEdge[i]! < 0) continue;
          const p = order[problem.pairIndex[r.rowToEdge[i]!]!]!.p;
          assert.equal(p.row, i);
          assert.equal(p.col, r.rowToCol[i]);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('keeps insertion order within a row and grows past its initial size', () => {
    const builder = new PairsBuilder(3, 2000);
    for (let j = 1999; j >= 0; j--) builder.add(1, j, j);
    builder.add(0, 5, 1);
    const problem = builder.toProblem(new Int32Array(2000).fill(1));
    assert.deepEqual([...problem.rowStart], [0, 1, 2001, 2001]);
    assert.equal(problem.col[1], 1999);
    assert.equal(problem.col[2000], 0);
    assert.throws(() => builder.add(3, 0, 1), RangeError);
    assert.throws(() => builder.add(0, -1, 1), RangeError);
  });
});

describe('proposer solver: determinism', () => {
  it('gives the identical assignment for the same input, solved twice and from copies', () => {
    const rand = prng(3);
    // Integer scores in a tiny range: lots of equally good plans to choose between.
    const x = randomInstance(rand, 150, 40, 0.2, 3, () => 1 + Math.floor(rand() * 3));
    const problem = toProblem(x);
    const a = solveAssignment(problem);
    const b = solveAssignment(problem);
    const c = solveAssignment({
      ...problem,
      capacity: problem.capacity.slice(),
      rowStart: problem.rowStart.slice(),
      col: problem.col.slice(),
      score: problem.score.slice(),
    });
    assert.deepEqual(a, b);
    assert.deepEqual(a, c);
  });

  it('does not modify its input', () => {
    const rand = prng(5);
    const problem = toProblem(randomInstance(rand, 50, 20, 0.3, 2, () => rand() * 10 - 1));
    const before = structuredClone(problem);
    solveAssignment(problem);
    assert.deepEqual(problem, before);
  });
});

describe('dense solver (linear_sum_assignment)', () => {
  const randomCost = (rand: () => number, n: number, m: number, value: () => number): Float64Array =>
    Float64Array.from({ length: n * m }, value);

  function assertValidDense(n: number, m: number, cost: Float64Array, r: ReturnType<typeof solveDense>): void {
    const seen = new Set<number>();
    let total = 0;
    for (let i = 0; i < n; i++) {
      const j = r.rowToCol[i]!;
      if (j < 0) continue;
      assert.ok(j < m && !seen.has(j), `row ${i}: column ${j} invalid or taken twice`);
      seen.add(j);
      total += cost[i * m + j]!;
    }
    assert.equal(seen.size, Math.min(n, m), 'every row of the smaller side assigned');
    close(r.total, total, 'dense total');
  }

  it('equals the reference on square matrices, floats and heavily tied integers', () => {
    const rand = prng(17);
    for (const [n, value] of [
      [1, () => rand()],
      [7, () => Math.floor(rand() * 3)],
      [40, () => rand() * 1000],
      [40, () => Math.floor(rand() * 4)],
      [60, () => Math.floor(rand() * 100) - 50],
      // Larger than the candidate lists: the pruning bounds are exercised.
      [200, () => rand()],
      [200, () => Math.floor(rand() * 5)],
      [200, () => Math.floor(rand() * 2000)],
    ] as Array<[number, () => number]>) {
      const cost = randomCost(rand, n, n, value);
      const r = solveDense(n, n, cost);
      assertValidDense(n, n, cost, r);
      close(r.total, denseReference(n, n, cost), `square ${n}`);
    }
  });

  it('equals the reference on wide and tall matrices', () => {
    const rand = prng(19);
    // Wider than the solver's candidate lists (48), so pruned scans and full scans both happen.
    for (const [n, m, range] of [
      [10, 35, 20],
      [35, 10, 20],
      [1, 9, 20],
      [9, 1, 20],
      [80, 260, 1000],
      [260, 80, 7],
    ] as const) {
      const cost = randomCost(rand, n, m, () => Math.floor(rand() * range));
      const r = solveDense(n, m, cost);
      assertValidDense(n, m, cost, r);
      close(r.total, denseReference(n, m, cost), `${n}×${m}`);
    }
  });

  it('equals brute force on every permutation for small square matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.integer({ min: -3, max: 5 }), { minLength: n * n, maxLength: n * n })),
        ),
        ([n, values]) => {
          const cost = Float64Array.from(values);
          const r = solveDense(n, n, cost);
          assertValidDense(n, n, cost, r);
          let best = Infinity;
          const perm = Array.from({ length: n }, (_, i) => i);
          const visit = (k: number, acc: number): void => {
            if (k === n) {
              best = Math.min(best, acc);
              return;
            }
            for (let t = k; t < n; t++) {
              [perm[k], perm[t]] = [perm[t]!, perm[k]!];
              visit(k + 1, acc + cost[k * n + perm[k]!]!);
              [perm[k], perm[t]] = [perm[t]!, perm[k]!];
            }
          };
          visit(0, 0);
          assert.equal(r.total, best);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('equals the reference on structured matrices where the cheap columns are shared', () => {
    // Random matrices are easy: every row's best columns are its few cheapest. These are not:
    // products, 1-D distances and popular columns make rows compete for the same cheap columns,
    // so prices move a lot and the solver's pruning bounds are tight.
    const rand = prng(23);
    const generators: Record<string, (n: number, m: number) => Float64Array> = {
      product: (n, m) => {
        const a = Array.from({ length: n }, rand);
        const b = Array.from({ length: m }, rand);
        return Float64Array.from({ length: n * m }, (_, t) => a[Math.floor(t / m)]! * b[t % m]!);
      },
      distance: (n, m) => {
        const a = Array.from({ length: n }, rand);
        const b = Array.from({ length: m }, rand);
        return Float64Array.from({ length: n * m }, (_, t) => Math.abs(a[Math.floor(t / m)]! - b[t % m]!));
      },
      popular: (n, m) => {
        const b = Array.from({ length: m }, () => rand() * 10);
        return Float64Array.from({ length: n * m }, (_, t) => b[t % m]! + rand());
      },
    };
    for (const [name, generate] of Object.entries(generators)) {
      for (let run = 0; run < 8; run++) {
        const n = 60 + Math.floor(rand() * 100);
        const m = [n, n + 70, n - 40][run % 3]!;
        const cost = generate(n, m);
        const r = solveDense(n, m, cost);
        assertValidDense(n, m, cost, r);
        close(r.total, denseReference(n, m, cost), `${name} ${n}×${m}`);
      }
    }
  });

  it('equals an exhaustive search on small rectangular matrices (wide and tall, many ties)', () => {
    fc.assert(
      fc.property(
        fc.record({ n: fc.integer({ min: 1, max: 8 }), m: fc.integer({ min: 1, max: 8 }) }).chain(({ n, m }) =>
          fc.tuple(fc.constant(n), fc.constant(m), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n * m, maxLength: n * m })),
        ),
        ([n, m, values]) => {
          const cost = Float64Array.from(values);
          const r = solveDense(n, m, cost);
          assertValidDense(n, m, cost, r);
          assert.equal(r.total, exhaustiveDense(n, m, cost));
        },
      ),
      { numRuns: 1500, seed: 4242 },
    );
  });

  it('handles empty shapes and rejects non-finite costs', () => {
    assert.equal(solveDense(0, 0, new Float64Array(0)).total, 0);
    assert.deepEqual([...solveDense(2, 0, new Float64Array(0)).rowToCol], [-1, -1]);
    assert.throws(() => solveDense(1, 1, Float64Array.from([NaN])), RangeError);
    assert.throws(() => solveDense(2, 2, new Float64Array(3)), RangeError);
  });
});
