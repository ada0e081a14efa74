/**
 * The sparse core: successive shortest augmenting paths with node potentials (primal–dual min-cost
 * flow), one unit of supply at a time, Dijkstra on an indexed binary heap. See solver.ts for the
 * model and the argument; this file is the hot loop and is written for speed: typed arrays only,
 * no objects or closures per edge.
 *
 * Network. Left nodes L (the side we augment from) have an integer supply; right nodes R have an
 * integer capacity; an edge L→R with score s > 0 has cost −s and carries at most one unit (one side
 * always has capacity 1, so that holds without bookkeeping). Every left unit may also go to "nobody"
 * (an implicit edge L→sink of cost 0): that is how a seat stays empty or a person stays put, and it
 * is why the search never fails. Edges with s ≤ 0 are never used: they cannot raise the total.
 *
 * Reduced costs rc(u,v) = c(u,v) + π(u) − π(v) stay ≥ 0 on every residual edge (π(sink) ≡ 0):
 * initially π(L) = max(0, max score of L's edges), π(R) = 0; after each search every node settled
 * at distance d ≤ D (D = distance of the sink) gets π += d − D, the Jonker–Volgenant update that
 * touches only the settled nodes. Two consequences the loop relies on:
 *  - a right node with spare capacity always has π = 0 (if it had been settled below D the sink
 *    would have been nearer), so reaching it at distance d ends a path of length exactly d: it is
 *    never pushed on the heap, it just lowers D;
 *  - a relaxation at distance ≥ D can never lead to a shorter path (rc ≥ 0), so it is dropped,
 *    which keeps the heap small once a good free node has been seen.
 *
 * Scans in score order. Right potentials are ≤ 0, so an edge's new distance is at least
 * base − s (base = d(u) + π(u)): every edge with base − s ≥ D is dropped unread but for its score.
 * A left node reached again and again in later searches (a seat whose favourites were taken, in a
 * proposer instance with thousands of candidates per seat) would still read every score each time.
 * So the second time a left node is scanned, its usable edges (s > 0, right capacity > 0) are put
 * in descending score order, bucketed: a counting sort on ⌊(max − s) / w⌋ with K buckets of
 * width w = (max − min) / K. Scores later in that order are below s + w (+ a bucket's worth of
 * rounding), so once base − s − D ≥ 2w (+ a rounding margin) every edge left would be dropped
 * too and the scan stops. The order within a bucket is the input's (stable), and which node is
 * sorted when depends only on the input: the plan stays a function of the input. Edge ids
 * (slotEdge, predEdge) always refer to the core's CSR: reordered in place (when `owned`), the
 * slots are re-pointed; in a copy, each sorted edge carries its id along.
 *
 * Also, a scan ends at a tight edge (reduced cost 0) to a right node with spare capacity: no path
 * through the node being scanned can be shorter.
 */
import { IndexedMinHeap } from './solver-heap';

export interface CoreProblem {
  nLeft: number;
  nRight: number;
  /** Units each left node sends (capacity 1 for a person, vacancies for a position). */
  supply: Int32Array;
  /** Units each right node accepts. */
  capacity: Int32Array;
  /** Left-major CSR: edges of left node i are start[i] ≤ e < start[i+1]. */
  start: Int32Array;
  adj: Int32Array;
  score: Float64Array;
  /** max(0, largest score of each left node's edges): its initial potential (callers compute it
   *  in a pass they make anyway, which saves one pass over the edges here). */
  leftBest: Float64Array;
  /** True when each left node's list in start/adj/score may be reordered in place (the solver's own
   *  transposed copy, or a caller's arrays it allowed that for) instead of copied. */
  owned?: boolean;
}

export interface CoreResult {
  /** Slots of right node j are slotStart[j] ≤ k < slotStart[j] + load[j]. */
  slotStart: Int32Array;
  load: Int32Array;
  /** The left node and the edge (index into the CSR) filling each slot. */
  slotLeft: Int32Array;
  slotEdge: Int32Array;
}

const enum State {
  Unseen = 0,
  InHeap = 1,
  Settled = 2,
}

export function solveCore(p: CoreProblem): CoreResult {
  const { nLeft, nRight, supply, capacity, start, adj, score } = p;
  const nNodes = nLeft + nRight;

  const slotStart = new Int32Array(nRight + 1);
  for (let j = 0; j < nRight; j++) slotStart[j + 1] = slotStart[j]! + capacity[j]!;
  const load = new Int32Array(nRight);
  const slotLeft = new Int32Array(slotStart[nRight]!);
  const slotEdge = new Int32Array(slotStart[nRight]!);
  // How many slots each left node fills (its units placed so far).
  const placed = new Int32Array(nLeft);

  // Node ids: left i is i, right j is nLeft + j.
  const pi = new Float64Array(nNodes);
  pi.set(p.leftBest);
  const dist = new Float64Array(nNodes).fill(Infinity);
  const state = new Uint8Array(nNodes);
  const heap = new IndexedMinHeap(nNodes, dist);
  // How each node was reached: a right node by edge predEdge from left predLeft; a left node by
  // giving up the slot predSlot of right node predRight.
  const predEdge = new Int32Array(nRight);
  const predLeft = new Int32Array(nRight);
  const predSlot = new Int32Array(nLeft);
  const predRight = new Int32Array(nLeft);
  const touched = new Int32Array(nNodes);
  const settled = new Int32Array(nNodes);
  const order = new ScoreOrder(nLeft, start, adj, score, capacity, supply, p.owned === true ? { slotStart, load, slotLeft, slotEdge, placed } : null);

  for (let source = 0; source < nLeft; source++) {
    for (let unit = supply[source]!; unit > 0; unit--) {
      // ---- Dijkstra from `source` until the sink is the nearest unsettled node.
      let nTouched = 0;
      let nSettled = 0;
      dist[source] = 0;
      state[source] = State.Settled;
      touched[nTouched++] = source;
      settled[nSettled++] = source;
      let D = pi[source]!; // the source's own "nobody" edge
      let endNode = source;
      let u = source;
      for (;;) {
        const du = dist[u]!;
        if (u < nLeft) {
          // Left node: its "nobody" edge, then its unused edges to right nodes.
          const viaNobody = du + pi[u]!;
          if (viaNobody < D) {
            D = viaNobody;
            endNode = u;
          }
          const base = du + pi[u]!;
          // The input's edges, or (from the node's second scan on) its usable edges by score.
          const sorted = order.scanned(u);
          const eAdj = sorted ? order.adj : adj;
          const eScore = sorted ? order.score : score;
          const margin = sorted ? order.margin[u]! : Infinity;
          for (let t = sorted ? order.start[u]! : start[u]!, end = sorted ? order.end[u]! : start[u + 1]!; t < end; t++) {
            const s = eScore[t]!;
            if (!(s > 0)) continue;
            // Right potentials are ≤ 0 (they start at 0 and only decrease), so base − s bounds the
            // new distance from below: most edges are dropped here, reading only their score;
            // in score order, once the bound clears D by the margin, so would every later edge.
            const gap = base - s - D;
            if (gap >= 0) {
              if (gap >= margin) break;
              continue;
            }
            const j = eAdj[t]!;
            const v = nLeft + j;
            const nd = base - s - pi[v]!;
            if (nd >= D || nd >= dist[v]! || state[v] === State.Settled || capacity[j] === 0) continue;
            // u's own matched pairs are not residual edges: skip a right node u already fills a
            // slot of (a duplicate pair to it included). One check for a capacity-1 right node.
            let mine = false;
            for (let k = slotStart[j]!, kEnd = k + load[j]!; k < kEnd; k++) {
              if (slotLeft[k] === u) {
                mine = true;
                break;
              }
            }
            if (mine) continue;
            predEdge[j] = sorted && order.copy ? order.edge[t]! : t;
            predLeft[j] = u;
            if (load[j]! < capacity[j]!) {
              D = nd;
              endNode = v;
              // A tight edge (reduced cost 0) to a free node: no path through u can be shorter, as
              // reduced costs are ≥ 0. Typical of early searches, where it halves the first scan.
              if (nd <= du) break;
              continue;
            }
            if (state[v] === State.Unseen) {
              state[v] = State.InHeap;
              touched[nTouched++] = v;
            }
            dist[v] = nd;
            heap.pushOrDecrease(v);
          }
        } else {
          // Full right node: a path may continue by moving one of its current units elsewhere.
          const j = u - nLeft;
          const base = du + pi[u]!;
          for (let k = slotStart[j]!, end = k + load[j]!; k < end; k++) {
            const w = slotLeft[k]!;
            const nd = base + score[slotEdge[k]!]! - pi[w]!;
            if (nd >= D || nd >= dist[w]! || state[w] === State.Settled) continue;
            predSlot[w] = k;
            predRight[w] = j;
            if (state[w] === State.Unseen) {
              state[w] = State.InHeap;
              touched[nTouched++] = w;
            }
            dist[w] = nd;
            heap.pushOrDecrease(w);
          }
        }
        if (heap.length === 0 || dist[heap.peek()]! >= D) break;
        u = heap.pop();
        state[u] = State.Settled;
        settled[nSettled++] = u;
      }

      // ---- Potentials: the JV update on settled nodes keeps every reduced cost ≥ 0.
      for (let t = 0; t < nSettled; t++) {
        const v = settled[t]!;
        const delta = dist[v]! - D;
        if (delta < 0) pi[v] = pi[v]! + delta;
      }
      for (let t = 0; t < nTouched; t++) {
        const v = touched[t]!;
        dist[v] = Infinity;
        state[v] = State.Unseen;
      }
      heap.clear();

      // ---- Augment along the path, from its end back to the source.
      let j: number;
      let k: number;
      if (endNode >= nLeft) {
        j = endNode - nLeft;
        k = slotStart[j]! + load[j]!;
        load[j] = load[j]! + 1;
      } else {
        // The path ends with a left node sending its unit to nobody.
        if (endNode === source) break; // this source's remaining units go to nobody too (see solver.ts)
        k = predSlot[endNode]!;
        j = predRight[endNode]!;
        placed[endNode] = placed[endNode]! - 1;
      }
      // Every left node between gives up one slot and takes another; the source gains one.
      placed[source] = placed[source]! + 1;
      for (;;) {
        const e = predEdge[j]!;
        const i = predLeft[j]!;
        slotLeft[k] = i;
        slotEdge[k] = e;
        if (i === source) break;
        k = predSlot[i]!;
        j = predRight[i]!;
      }
    }
  }
  return { slotStart, load, slotLeft, slotEdge };
}

/** The core's matching, which an in-place reorder must keep pointing at the right edges. */
interface Matching {
  slotStart: Int32Array;
  load: Int32Array;
  slotLeft: Int32Array;
  slotEdge: Int32Array;
  /** Slots each left node fills. */
  placed: Int32Array;
}

/**
 * Per left node, from its second scan on: its usable edges in descending score order by buckets
 * (see the file comment). When the solver owns the CSR (a transposed copy), the node's list is
 * reordered in place and the edges it currently uses are re-pointed; otherwise (the caller's arrays)
 * it is copied into a pool that grows with the nodes sorted — on an easy instance most nodes are
 * never scanned twice, so the pool stays far smaller than the input. Either way no array the size
 * of the input is allocated here: on a large workbook every such allocation costs a full garbage
 * collection over the workbook's object heap.
 */
class ScoreOrder {
  /** Whether sorted lists are copies (pool) rather than the core's own arrays. */
  readonly copy: boolean;
  /** Sorted lists: right node, score and (pool only) input edge id of each. */
  adj: Int32Array;
  score: Float64Array;
  edge: Int32Array = new Int32Array(0);
  /** Node u's sorted list is start[u] ≤ t < end[u] (pool, or the core's arrays in place). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Break when base − s − D ≥ margin[u]: 2 bucket widths + rounding. */
  readonly margin: Float64Array;
  /** 0: never scanned; 1: scanned once (input order); 2: sorted. */
  private readonly state: Uint8Array;
  private used = 0;
  private bucketOf: Int32Array = new Int32Array(1024);
  private tmpAdj: Int32Array = new Int32Array(0);
  private tmpScore: Float64Array = new Float64Array(0);
  /** (slot, new edge index) pairs being re-pointed: at most one per unit of the node's supply. */
  private moved: Int32Array;
  private readonly count = new Int32Array(MAX_BUCKETS + 1);

  constructor(
    nLeft: number,
    private readonly inStart: Int32Array,
    private readonly inAdj: Int32Array,
    private readonly inScore: Float64Array,
    private readonly capacity: Int32Array,
    supply: Int32Array,
    private readonly matching: Matching | null,
  ) {
    this.copy = matching === null;
    let maxSupply = 0;
    for (let u = 0; u < nLeft; u++) if (supply[u]! > maxSupply) maxSupply = supply[u]!;
    this.moved = new Int32Array(2 * maxSupply);
    this.adj = this.copy ? new Int32Array(1024) : inAdj;
    this.score = this.copy ? new Float64Array(1024) : inScore;
    if (this.copy) this.edge = new Int32Array(1024);
    this.start = new Int32Array(nLeft);
    this.end = new Int32Array(nLeft);
    this.margin = new Float64Array(nLeft);
    this.state = new Uint8Array(nLeft);
  }

  /** Whether to scan u's sorted list (sorting it now on its second scan). */
  scanned(u: number): boolean {
    const st = this.state[u]!;
    if (st === 2) return true;
    if (st === 0) {
      this.state[u] = 1;
      return false;
    }
    const from = this.inStart[u]!;
    const to = this.inStart[u + 1]!;
    if (to - from < MIN_SORTED) return false; // short lists: plain scans cost as little
    this.sort(u, from, to);
    this.state[u] = 2;
    return true;
  }

  private sort(u: number, from: number, to: number): void {
    const { inAdj, inScore, capacity } = this;
    let max = -Infinity;
    let min = Infinity;
    let d = 0;
    for (let e = from; e < to; e++) {
      const s = inScore[e]!;
      if (!(s > 0) || capacity[inAdj[e]!] === 0) continue;
      d++;
      if (s > max) max = s;
      if (s < min) min = s;
    }
    const k = Math.max(1, Math.min(MAX_BUCKETS, d >> 2));
    let w = d > 0 ? (max - min) / k : 0;
    if (!(w > 0 && Number.isFinite(w))) w = 0;
    const n = to - from;
    if (this.bucketOf.length < n) this.bucketOf = new Int32Array(Math.max(n, this.bucketOf.length * 2));
    const bucketOf = this.bucketOf;
    const count = this.count;
    count.fill(0, 0, k + 1);
    for (let e = from; e < to; e++) {
      const s = inScore[e]!;
      let b = -1;
      if (s > 0 && capacity[inAdj[e]!] !== 0) {
        b = w > 0 ? Math.min(k - 1, Math.floor((max - s) / w)) : 0;
        count[b + 1]!++;
      }
      bucketOf[e - from] = b;
    }
    for (let b = 0; b < k; b++) count[b + 1]! += count[b]!;
    if (this.copy) {
      const at0 = this.reserve(d);
      const { adj, score, edge } = this;
      for (let e = from; e < to; e++) {
        const b = bucketOf[e - from]!;
        if (b < 0) continue;
        const at = at0 + count[b]!++;
        adj[at] = inAdj[e]!;
        score[at] = inScore[e]!;
        edge[at] = e;
      }
      this.start[u] = at0;
      this.end[u] = at0 + d;
    } else {
      this.sortInPlace(u, from, to, d);
      this.start[u] = from;
      this.end[u] = from + d;
    }
    // 2w covers the bucket and a floor() rounded across a bucket boundary; the relative term covers
    // the rounding of base − s − D itself.
    this.margin[u] = 2 * w + 1e-9 * Math.max(Math.abs(max), Math.abs(min), 1);
  }

  /** Reorders u's list in the core's arrays (usable edges by bucket, then the rest), keeping the
   *  matching on the same pairs: the slots u fills get their edge's new index. */
  private sortInPlace(u: number, from: number, to: number, d: number): void {
    const { inAdj, inScore, bucketOf, count } = this;
    const m = this.matching!;
    const n = to - from;
    if (this.tmpAdj.length < n) {
      this.tmpAdj = new Int32Array(Math.max(n, this.tmpAdj.length * 2));
      this.tmpScore = new Float64Array(this.tmpAdj.length);
    }
    const { tmpAdj, tmpScore } = this;
    // bucketOf[x] becomes the new offset of edge from + x.
    let rest = d;
    for (let x = 0; x < n; x++) {
      const b = bucketOf[x]!;
      const at = b >= 0 ? count[b]!++ : rest++;
      tmpAdj[at] = inAdj[from + x]!;
      tmpScore[at] = inScore[from + x]!;
      bucketOf[x] = at;
    }
    // The slots u fills: point each at its edge's new index. Collected first and written after,
    // as old and new indices of the list overlap.
    const moved = this.moved;
    let nMoved = 0;
    // Stops once all of u's slots are found (none: nothing to re-point).
    const want = 2 * m.placed[u]!;
    for (let x = 0; x < n && nMoved < want; x++) {
      const e = from + x;
      const j = inAdj[e]!;
      for (let k = m.slotStart[j]!, end = k + m.load[j]!; k < end; k++) {
        if (m.slotEdge[k] === e && m.slotLeft[k] === u) {
          moved[nMoved++] = k;
          moved[nMoved++] = from + bucketOf[x]!;
          break;
        }
      }
    }
    for (let q = 0; q < nMoved; q += 2) m.slotEdge[moved[q]!] = moved[q + 1]!;
    inAdj.set(tmpAdj.subarray(0, n), from);
    inScore.set(tmpScore.subarray(0, n), from);
  }

  /** Room for n more entries in the pool; returns where they start. */
  private reserve(n: number): number {
    const at = this.used;
    if (at + n > this.adj.length) {
      const size = Math.max(at + n, this.adj.length * 2);
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a.subarray(0, at));
        return b;
      };
      this.adj = grow(this.adj, new Int32Array(size));
      this.score = grow(this.score, new Float64Array(size));
      this.edge = grow(this.edge, new Int32Array(size));
    }
    this.used = at + n;
    return at;
  }
}

/** Buckets per node: at most this many, and about one per 4 usable edges. */
const MAX_BUCKETS = 1024;
/** Nodes with fewer edges are always scanned in input order. */
const MIN_SORTED = 64;
