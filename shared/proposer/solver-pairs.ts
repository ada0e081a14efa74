/**
 * Collects eligible (person, position, score) pairs in whatever order the caller finds them — e.g.
 * vacancy by vacancy, candidate by candidate — and hands them to the solver as the CSR arrays it
 * takes, without an object per pair.
 *
 * The CSR is built with a counting sort that is stable in insertion order, so the same sequence of
 * `add` calls always gives the same arrays (and hence the same plan: see solver.ts, Determinism).
 */
import type { AssignmentProblem } from './solver';

export class PairsBuilder {
  private rows = new Int32Array(1024);
  private cols = new Int32Array(1024);
  private scores = new Float64Array(1024);
  private count = 0;

  constructor(
    readonly nRows: number,
    readonly nCols: number,
  ) {
    if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nCols) || nCols < 0) {
      throw new RangeError(`PairsBuilder: bad shape ${nRows} × ${nCols}`);
    }
  }

  /** Number of pairs added so far. */
  get size(): number {
    return this.count;
  }

  /** Adds a pair and returns its index: the solver's `rowToEdge` refers to pairs by this index. */
  add(row: number, col: number, score: number): number {
    if (!(row >= 0 && row < this.nRows && Number.isInteger(row))) throw new RangeError(`PairsBuilder: row ${row}`);
    if (!(col >= 0 && col < this.nCols && Number.isInteger(col))) throw new RangeError(`PairsBuilder: col ${col}`);
    if (this.count === this.rows.length) this.grow();
    const at = this.count++;
    this.rows[at] = row;
    this.cols[at] = col;
    this.scores[at] = score;
    return at;
  }

  /**
   * The row-major problem for `solveAssignment`, with `pairIndex` mapping the CSR position of each
   * pair back to the index `add` returned (so rowToEdge[i] → pairIndex[rowToEdge[i]]).
   */
  toProblem(capacity: Int32Array): AssignmentProblem & { pairIndex: Int32Array } {
    const n = this.count;
    const rowStart = new Int32Array(this.nRows + 1);
    for (let t = 0; t < n; t++) rowStart[this.rows[t]! + 1] = rowStart[this.rows[t]! + 1]! + 1;
    for (let i = 0; i < this.nRows; i++) rowStart[i + 1] = rowStart[i + 1]! + rowStart[i]!;
    const next = rowStart.slice(0, this.nRows);
    const col = new Int32Array(n);
    const score = new Float64Array(n);
    const pairIndex = new Int32Array(n);
    for (let t = 0; t < n; t++) {
      const at = next[this.rows[t]!]!;
      next[this.rows[t]!] = at + 1;
      col[at] = this.cols[t]!;
      score[at] = this.scores[t]!;
      pairIndex[at] = t;
    }
    return { nRows: this.nRows, nCols: this.nCols, capacity, rowStart, col, score, pairIndex };
  }

  private grow(): void {
    const size = this.rows.length * 2;
    const rows = new Int32Array(size);
    const cols = new Int32Array(size);
    const scores = new Float64Array(size);
    rows.set(this.rows);
    cols.set(this.cols);
    scores.set(this.scores);
    this.rows = rows;
    this.cols = cols;
    this.scores = scores;
  }
}
