/**
 * An indexed binary min-heap of node ids for the sparse solver's Dijkstra searches.
 *
 * The keys live outside the heap (the solver's `dist` array), so lowering a key is "write the new
 * distance, then call `pushOrDecrease`". Ties on the key are broken by the lower node id: the order
 * in which nodes leave the heap then depends only on their distances, never on the history of
 * pushes, which keeps the solver's choice among equal-cost paths a plain function of its input.
 */
export class IndexedMinHeap {
  private readonly heap: Int32Array;
  /** Where each node sits in `heap`, or -1 when it is not in the heap. */
  private readonly pos: Int32Array;
  private size = 0;

  constructor(
    capacity: number,
    private readonly key: Float64Array,
  ) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  get length(): number {
    return this.size;
  }

  /** The node with the smallest key; only valid when the heap is not empty. */
  peek(): number {
    return this.heap[0]!;
  }

  pop(): number {
    const heap = this.heap;
    const top = heap[0]!;
    this.pos[top] = -1;
    const last = heap[--this.size]!;
    if (this.size > 0) this.siftDown(last, 0);
    return top;
  }

  /** Inserts `node`, or restores the heap order after its key was lowered. */
  pushOrDecrease(node: number): void {
    const at = this.pos[node]!;
    this.siftUp(node, at < 0 ? this.size++ : at);
  }

  /** Empties the heap in time proportional to what it holds, not to its capacity. */
  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.heap[i]!] = -1;
    this.size = 0;
  }

  private siftUp(node: number, at: number): void {
    const heap = this.heap;
    const pos = this.pos;
    const key = this.key;
    const k = key[node]!;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = heap[parentAt]!;
      const kp = key[parent]!;
      if (kp < k || (kp === k && parent < node)) break;
      heap[at] = parent;
      pos[parent] = at;
      at = parentAt;
    }
    heap[at] = node;
    pos[node] = at;
  }

  private siftDown(node: number, at: number): void {
    const heap = this.heap;
    const pos = this.pos;
    const key = this.key;
    const size = this.size;
    const k = key[node]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      let c = heap[child]!;
      let kc = key[c]!;
      const right = child + 1;
      if (right < size) {
        const r = heap[right]!;
        const kr = key[r]!;
        if (kr < kc || (kr === kc && r < c)) {
          child = right;
          c = r;
          kc = kr;
        }
      }
      if (k < kc || (k === kc && node < c)) break;
      heap[at] = c;
      pos[c] = at;
      at = child;
    }
    heap[at] = node;
    pos[node] = at;
  }
}
