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
  const used = new Uint8Array(adj.length);

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
          for (let e = start[u]!, end = start[u + 1]!; e < end; e++) {
            const s = score[e]!;
            // Right potentials are ≤ 0 (they start at 0 and only decrease), so base − s bounds the
            // new distance from below: most edges are dropped here, reading only their score.
            if (!(s > 0) || base - s >= D || used[e] === 1) continue;
            const j = adj[e]!;
            const v = nLeft + j;
            const nd = base - s - pi[v]!;
            if (nd >= D || nd >= dist[v]! || state[v] === State.Settled || capacity[j] === 0) continue;
            predEdge[j] = e;
            predLeft[j] = u;
            if (load[j]! < capacity[j]!) {
              D = nd;
              endNode = v;
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
        used[slotEdge[k]!] = 0;
      }
      for (;;) {
        const e = predEdge[j]!;
        const i = predLeft[j]!;
        slotLeft[k] = i;
        slotEdge[k] = e;
        used[e] = 1;
        if (i === source) break;
        k = predSlot[i]!;
        j = predRight[i]!;
        used[slotEdge[k]!] = 0;
      }
    }
  }
  return { slotStart, load, slotLeft, slotEdge };
}
