/**
 * The proposer's solver against scipy, on identical instances (issue 4):
 *  - dense n × n, uniform [0, 1) costs: our solveDense vs scipy.optimize.linear_sum_assignment;
 *  - sparse 5,000 single-seat positions × 40,000 people at 10 % eligibility, integer costs 1..1000:
 *    our solveAssignmentByColumn vs scipy.sparse.csgraph.min_weight_full_bipartite_matching.
 * Instances come from a seeded PRNG and reach python as raw arrays in a temp directory; each side
 * times only its solve. Also, ours only, a proposer-shaped instance given person by person.
 *
 * Same problem on the sparse instance: scipy finds the cheapest matching that fills every seat. Our
 * solver maximises a score and may leave seats empty, so it gets score = B − cost with
 * B = 10^7 > (seats + 1) × (max cost − min cost): one more filled seat then always outweighs any cost
 * difference, so its optimum fills every seat (the instance guarantees a full matching: seat k is
 * always eligible for person 8k) at minimum cost. Integer data keep both sides exact; totals are
 * compared after converting ours back to cost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveAssignment, solveAssignmentByColumn, solveDense } from '../shared/proposer/solver';

// tsx runs this file as CommonJS (package.json has no "type": "module"), hence __dirname.
const SCRIPT = join(__dirname, 'scipy_ref.py');

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

type Reference = { seconds: number; total: number } | { skipped: string };

/** Runs scipy_ref.py; a missing python3 or scipy is a skip, not a failure. */
function scipy(args: string[]): Reference {
  const run = spawnSync('python3', [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.error) return { skipped: `python3 not available (${run.error.message})` };
  if (run.status === 3) return { skipped: `scipy not available: ${run.stdout.trim()}` };
  if (run.status !== 0) return { skipped: `scipy_ref.py failed: ${run.stderr.trim().split('\n').pop()}` };
  return JSON.parse(run.stdout) as { seconds: number; total: number };
}

function write(dir: string, name: string, a: Float64Array | Int32Array): string {
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return path;
}

function timed<T>(f: () => T): { seconds: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { seconds: (performance.now() - t0) / 1000, value };
}

function report(label: string, ours: number, oursTotal: number, ref: Reference): void {
  const head = `${label.padEnd(44)} ours ${ours.toFixed(3).padStart(7)} s`;
  if ('skipped' in ref) {
    console.log(`${head}   scipy: skipped (${ref.skipped})`);
    return;
  }
  const agree = Math.abs(oursTotal - ref.total) <= 1e-9 * Math.max(1, Math.abs(ref.total));
  console.log(
    `${head}   scipy ${ref.seconds.toFixed(3).padStart(7)} s   ratio ${(ours / ref.seconds).toFixed(2)}   ` +
      `total ${oursTotal.toPrecision(12)} vs ${ref.total.toPrecision(12)} ${agree ? 'OK' : 'MISMATCH'}`,
  );
}

function denseCase(dir: string, n: number): void {
  const rand = prng(1000 + n);
  const cost = new Float64Array(n * n);
  for (let t = 0; t < cost.length; t++) cost[t] = rand();
  const ours = timed(() => solveDense(n, n, cost));
  const ref = scipy(['dense', write(dir, `dense-${n}.f64`, cost), String(n), String(n)]);
  report(`dense ${n} × ${n} (linear_sum_assignment)`, ours.seconds, ours.value.total, ref);
}

function sparseCase(dir: string, seats: number, people: number, density: number): void {
  const rand = prng(77);
  const B = 1e7;
  const spacing = Math.floor(people / seats);
  // Position-major CSR (what the proposer builds: candidates per vacancy), costs 1..1000.
  const expected = Math.ceil(seats * people * density * 1.01) + seats;
  let row: Int32Array = new Int32Array(expected);
  let cost: Float64Array = new Float64Array(expected);
  const colStart = new Int32Array(seats + 1);
  let e = 0;
  for (let s = 0; s < seats; s++) {
    for (let p = 0; p < people; p++) {
      if (p !== s * spacing && rand() >= density) continue;
      if (e === row.length) {
        row = growInt(row);
        cost = growFloat(cost);
      }
      row[e] = p;
      cost[e] = 1 + Math.floor(rand() * 1000);
      e++;
    }
    colStart[s + 1] = e;
  }
  row = row.slice(0, e);
  cost = cost.slice(0, e);
  const score = new Float64Array(e);
  for (let t = 0; t < e; t++) score[t] = B - cost[t]!;
  const capacity = new Int32Array(seats).fill(1);

  const ours = timed(() => solveAssignmentByColumn({ nRows: people, nCols: seats, capacity, colStart, row, score }));
  const r = ours.value;
  const oursCost = r.placed === seats ? r.placed * B - r.total : NaN; // NaN: not a full matching, MISMATCH
  const ref = scipy([
    'sparse',
    write(dir, 'sp-indptr.i32', colStart),
    write(dir, 'sp-indices.i32', row),
    write(dir, 'sp-data.f64', cost),
    String(seats),
    String(people),
  ]);
  const label = `sparse ${seats} seats × ${people} people @${density * 100}% (${(e / 1e6).toFixed(1)}M pairs)`;
  report(label, ours.seconds, oursCost, ref);
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
  const run = timed(() =>
    solveAssignment({ nRows: people, nCols: positions, capacity, rowStart, col: Int32Array.from(cols), score: Float64Array.from(scores) }),
  );
  const label = `proposer-shaped ${people} × ${positions} (${seats} seats) @${density * 100}%`;
  console.log(
    `${label.padEnd(44)} ours ${run.seconds.toFixed(3).padStart(7)} s   placed ${run.value.placed}, total ${run.value.total.toFixed(2)}, ${(cols.length / 1e6).toFixed(1)}M pairs`,
  );
}

function growInt(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function growFloat(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Compiles the hot loops before anything is timed, as scipy's C++ is compiled before it runs: one
 * small dense and one small sparse solve (a few milliseconds, once per process).
 */
function warmUp(): void {
  const rand = prng(5);
  solveDense(300, 300, Float64Array.from({ length: 300 * 300 }, rand));
  const n = 2000;
  const colStart = Int32Array.from({ length: 201 }, (_, j) => j * 100);
  const row = Int32Array.from({ length: 20000 }, () => Math.floor(rand() * n));
  const score = Float64Array.from({ length: 20000 }, rand);
  solveAssignmentByColumn({ nRows: n, nCols: 200, capacity: new Int32Array(200).fill(2), colStart, row, score });
}

export default async function solverBench(): Promise<void> {
  console.log('solver: ours vs scipy (time of the solve only; ratio = ours / scipy, goal ≤ 1.0)');
  warmUp();
  const dir = mkdtempSync(join(tmpdir(), 'mutasi-solver-bench-'));
  try {
    for (const n of [1000, 2000, 4000]) denseCase(dir, n);
    sparseCase(dir, 5000, 40000, 0.1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  proposerShaped(40000, 2000, 0.02);
}
