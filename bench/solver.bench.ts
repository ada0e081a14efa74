/**
 * The proposer's solver against scipy, on identical instances (issue 4):
 *  - dense n × n (1,000², 2,000², 4,000²): our solveDense vs scipy.optimize.linear_sum_assignment;
 *  - sparse 5,000 single-seat positions × 40,000 people at 10 % eligibility: our
 *    solveAssignmentByColumn vs scipy.sparse.csgraph.min_weight_full_bipartite_matching (LAPJVsp).
 * Costs are random integers, uniform in 1..1,000,000 on both (scipy's sparse matching wants non-zero
 * weights, so 0 is left out everywhere). Instances come from a seeded PRNG and reach python as raw
 * little-endian arrays in a temp directory; each side times only its solve, best of N runs, after a
 * warm-up (ours: a few small solves that let V8 compile the hot loops; scipy's C++ needs none).
 * Also, ours only, a proposer-shaped instance given person by person.
 *
 * Same problem on the sparse instance: scipy finds the cheapest matching that fills every seat. Our
 * solver maximises a score and may leave seats empty, so it gets score = B − cost with
 * B = (seats + 2) × 10^6 > (seats + 1) × (max cost − min cost): one more filled seat then always
 * outweighs any cost difference, so its optimum fills every seat (the instance guarantees a full
 * matching: seat k is always eligible for person 8k) at minimum cost. Integer data (totals < 2^53)
 * keep both sides exact; totals are compared after converting ours back to cost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveAssignment, solveAssignmentByColumn, solveDense } from '../shared/proposer/solver';

// tsx runs this file as CommonJS (package.json has no "type": "module"), hence __dirname.
const SCRIPT = join(__dirname, 'scipy_ref.py');
const MAX_COST = 1_000_000;

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

/** Uniform integer cost in 1..MAX_COST. */
const costOf = (rand: () => number): number => 1 + Math.floor(rand() * MAX_COST);

type Reference = { seconds: number; runs: number[]; total: number; scipy: string } | { skipped: string };

/** Runs scipy_ref.py; a missing python3 or scipy is a skip, not a failure. */
function scipy(args: string[]): Reference {
  const run = spawnSync('python3', [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.error) return { skipped: `python3 not available (${run.error.message})` };
  if (run.status === 3) return { skipped: `scipy not available: ${run.stdout.trim()}` };
  if (run.status !== 0) return { skipped: `scipy_ref.py failed: ${run.stderr.trim().split('\n').pop()}` };
  return JSON.parse(run.stdout) as Reference;
}

function write(dir: string, name: string, a: Float64Array | Int32Array): string {
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return path;
}

/** Best of `repeats` runs of f (f must not depend on earlier runs: the solvers never modify input). */
function bestOf<T>(repeats: number, f: () => T): { seconds: number; runs: number[]; value: T } {
  const runs: number[] = [];
  let value!: T;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    value = f();
    runs.push((performance.now() - t0) / 1000);
  }
  return { seconds: Math.min(...runs), runs, value };
}

const secs = (x: number) => x.toFixed(3).padStart(6);
const list = (runs: number[]) => runs.map((x) => x.toFixed(3)).join('/');

function report(label: string, ours: { seconds: number; runs: number[] }, oursTotal: number, ref: Reference): void {
  console.log(`  ${label}`);
  console.log(`    ours  ${secs(ours.seconds)} s  (best of ${list(ours.runs)})`);
  if ('skipped' in ref) {
    console.log(`    scipy skipped: ${ref.skipped} — comparison not made`);
    return;
  }
  const agree = oursTotal === ref.total || Math.abs(oursTotal - ref.total) <= 1e-9 * Math.max(1, Math.abs(ref.total));
  console.log(`    scipy ${secs(ref.seconds)} s  (best of ${list(ref.runs)})`);
  const ratio = ours.seconds / ref.seconds;
  console.log(
    `    ratio ours/scipy ${ratio.toFixed(2)} ${ratio <= 1 ? '(goal ≤ 1.0 met)' : '(goal ≤ 1.0 NOT met)'}   ` +
      `total ${oursTotal} vs ${ref.total} ${agree ? 'OK' : 'MISMATCH'}`,
  );
}

function denseCase(dir: string, n: number, repeats: number): void {
  const rand = prng(1000 + n);
  const cost = new Float64Array(n * n);
  for (let t = 0; t < cost.length; t++) cost[t] = costOf(rand);
  const ours = bestOf(repeats, () => solveDense(n, n, cost));
  const ref = scipy(['dense', write(dir, `dense-${n}.f64`, cost), String(n), String(n), String(repeats)]);
  report(`dense ${n} × ${n}, integer costs 1..${MAX_COST} (linear_sum_assignment)`, ours, ours.value.total, ref);
}

/**
 * Position-major CSR (what the proposer builds: candidates per vacancy). Each of the seats × people
 * pairs is eligible with probability `density`, drawn by geometric skips (one random number per
 * eligible pair, not per pair), plus pair (k, k × people/seats) always, so a full matching exists.
 */
function sparseInstance(seats: number, people: number, density: number) {
  const rand = prng(77);
  const spacing = Math.floor(people / seats);
  const logQ = Math.log(1 - density);
  const capacityGuess = Math.ceil(seats * people * density * 1.02) + seats;
  let row = new Int32Array(capacityGuess);
  let cost = new Float64Array(capacityGuess);
  const colStart = new Int32Array(seats + 1);
  let e = 0;
  const push = (p: number) => {
    if (e === row.length) {
      row = grow(row, new Int32Array(row.length * 2));
      cost = grow(cost, new Float64Array(cost.length * 2));
    }
    row[e] = p;
    cost[e] = costOf(rand);
    e++;
  };
  for (let s = 0; s < seats; s++) {
    const forced = s * spacing;
    let forcedDone = false;
    for (let p = -1; ; ) {
      p += 1 + Math.floor(Math.log(1 - rand()) / logQ); // geometric gap: next eligible person
      if (!forcedDone && p >= forced) {
        if (p !== forced) push(forced);
        forcedDone = true;
      }
      if (p >= people) break;
      push(p);
    }
    colStart[s + 1] = e;
  }
  return { colStart, row: row.slice(0, e), cost: cost.slice(0, e), pairs: e };
}

function sparseCase(dir: string, seats: number, people: number, density: number, repeats: number): void {
  const { colStart, row, cost, pairs } = sparseInstance(seats, people, density);
  const B = (seats + 2) * MAX_COST;
  const score = new Float64Array(pairs);
  for (let t = 0; t < pairs; t++) score[t] = B - cost[t]!;
  const capacity = new Int32Array(seats).fill(1);

  const ours = bestOf(repeats, () => solveAssignmentByColumn({ nRows: people, nCols: seats, capacity, colStart, row, score }));
  const r = ours.value;
  const oursCost = r.placed === seats ? r.placed * B - r.total : NaN; // NaN: not a full matching, MISMATCH
  const ref = scipy([
    'sparse',
    write(dir, 'sp-indptr.i32', colStart),
    write(dir, 'sp-indices.i32', row),
    write(dir, 'sp-data.f64', cost),
    String(seats),
    String(people),
    String(repeats),
  ]);
  const label = `sparse ${seats} seats × ${people} people @${density * 100}% (${(pairs / 1e6).toFixed(1)}M pairs), costs 1..${MAX_COST} (min_weight_full_bipartite_matching)`;
  report(label, ours, oursCost, ref);
}

/** Ours only: a proposer-shaped instance, person-major input, multi-seat positions, float scores. */
function proposerShaped(people: number, positions: number, density: number): void {
  const rand = prng(99);
  const capacity = Int32Array.from({ length: positions }, () => 1 + Math.floor(rand() * 5));
  const rowStart = new Int32Array(people + 1);
  const cols: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < people; i++) {
    for (let j = 0; j < positions; j++) {
      if (rand() >= density) continue;
      cols.push(j);
      // The shape of RULES.md's score: 60 × JPM/100 + bonuses − a 20 penalty, in steps of 0.05.
      scores.push(Math.round((60 * rand() + 15 * Math.floor(rand() * 3) * 0.5 + 10 * (rand() < 0.3 ? 1 : 0) - 20 * (rand() < 0.5 ? 1 : 0)) * 20) / 20);
    }
    rowStart[i + 1] = cols.length;
  }
  const seats = capacity.reduce((a, b) => a + b, 0);
  const problem = { nRows: people, nCols: positions, capacity, rowStart, col: Int32Array.from(cols), score: Float64Array.from(scores) };
  const run = bestOf(3, () => solveAssignment(problem));
  console.log(`  proposer-shaped ${people} people × ${positions} positions (${seats} seats) @${density * 100}%, ${(cols.length / 1e6).toFixed(1)}M pairs, float scores`);
  console.log(`    ours  ${secs(run.seconds)} s  (best of ${list(run.runs)})   placed ${run.value.placed}, total ${run.value.total.toFixed(2)}`);
}

function grow<T extends Int32Array | Float64Array>(a: T, b: T): T {
  b.set(a);
  return b;
}

/**
 * Compiles the hot loops before anything is timed, as scipy's C++ is compiled before it runs: a few
 * small dense and sparse solves (well under a second, once per process).
 */
function warmUp(): void {
  const rand = prng(5);
  for (let r = 0; r < 3; r++) {
    const n = 400;
    solveDense(n, n, Float64Array.from({ length: n * n }, () => costOf(rand)));
    const { colStart, row, cost } = sparseInstance(500, 4000, 0.1);
    const B = 502 * MAX_COST;
    solveAssignmentByColumn({ nRows: 4000, nCols: 500, capacity: new Int32Array(500).fill(1), colStart, row, score: cost.map((c) => B - c) });
  }
}

export default async function solverBench(): Promise<void> {
  console.log('solver: ours vs scipy on identical instances (time of the solve only; ratio = ours / scipy, goal ≤ 1.0)');
  const version = spawnSync('python3', ['-c', 'import scipy, numpy; print(scipy.__version__, numpy.__version__)'], { encoding: 'utf8' });
  console.log(
    version.status === 0
      ? `  reference: scipy ${version.stdout.trim().replace(' ', ', numpy ')}`
      : '  note: python3 with scipy not found — our times are printed, the comparison with scipy is skipped',
  );
  warmUp();
  const dir = mkdtempSync(join(tmpdir(), 'mutasi-solver-bench-'));
  try {
    denseCase(dir, 1000, 5);
    denseCase(dir, 2000, 3);
    denseCase(dir, 4000, 3);
    sparseCase(dir, 5000, 40000, 0.1, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  proposerShaped(40000, 2000, 0.02);
}
