/**
 * Positions by name (WORKBOOK.md, 2026-12-07). A position reference — Pegawai's Kode Jabatan, Usulan's
 * Kode Jabatan Tujuan — is first a code; when no code matches, it is the position's name, compared as
 * headers are (case, spaces, dots, slashes, hyphens and annotations ignored), within the row's unit
 * when the sheet has a unit column. A name that matches no Jabatan row, or several, stays unresolved
 * and the rules report POSITION_UNKNOWN with the closest candidates (positionUnknownParams).
 */
import type { Position } from '../model';
import type { Params } from '../rules/messages';
import type { Book } from '../rules/types';
import { headerKey } from './schema';

/**
 * Levenshtein edit distance (insertions, deletions, substitutions), two rows of the table. Written here
 * because shared/ bundles nothing from outside it (test/shared/browser.test.ts); the keys compared are
 * short (a position's name), so the plain dynamic programme is fast enough.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > max) return max + 1;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1; // no later row can come back under the bound
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Two rows of the banded table of editDistanceWithin, grown as needed and reused. */
let bandPrev = new Int32Array(64);
let bandCur = new Int32Array(64);

/**
 * editDistance(a, b) when it is at most `max`, otherwise max + 1: the same answer for every caller that
 * only keeps distances ≤ max. Only the diagonal band |i − j| ≤ max of the table is computed (a cell
 * outside it is more than max edits away, and no path of at most max edits leaves it), in two reused
 * rows: the closest-candidate search compares an unknown reference with every position's name and
 * code, 16,000 comparisons each on the 8,000-position benchmark workbook, where the full table with
 * two fresh arrays per comparison took 3 ms per unknown reference.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (a.length < b.length) [a, b] = [b, a];
  const n = a.length;
  const m = b.length;
  const big = max + 1;
  if (n - m > max) return big;
  if (m === 0) return n; // n ≤ max here
  if (bandPrev.length < m + 1) {
    bandPrev = new Int32Array(2 * (m + 1));
    bandCur = new Int32Array(2 * (m + 1));
  }
  let prev = bandPrev;
  let cur = bandCur;
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= n; i++) {
    const lo = i - max > 1 ? i - max : 1;
    const hi = i + max < m ? i + max : m;
    const left = lo === 1 ? (i <= max ? i : big) : big;
    cur[lo - 1] = left;
    let rowMin = left;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      let v = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const up = prev[j]! + 1;
      if (up < v) v = up;
      const l = cur[j - 1]! + 1;
      if (l < v) v = l;
      if (v > big) v = big;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = big; // the next row's band reaches one further
    if (rowMin > max) return big;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]! <= max ? prev[m]! : big;
}

/** The key positions' names and units are compared by. */
export const nameKey = (s: string): string => headerKey(s);

export type Resolution =
  | { kind: 'code'; position: Position }
  | { kind: 'name'; position: Position }
  | { kind: 'ambiguous'; positions: Position[] }
  | { kind: 'none' };

export class PositionIndex {
  private readonly byCode = new Map<string, Position>();
  private readonly byName = new Map<string, Position[]>();
  /** Codes by their compared key; null when two codes share one key. */
  private readonly byCodeKey = new Map<string, Position | null>();
  /** Each position with a code and its compared keys, for the closest-candidate search. */
  readonly keyed: { p: Position; name: string; code: string; unit: string }[] = [];
  /** How many positions the list had when indexed. */
  readonly size: number;
  constructor(readonly positions: readonly Position[]) {
    this.size = positions.length;
    for (const p of positions) {
      if (p.code) this.keyed.push({ p, name: p.name ? nameKey(p.name) : '', code: nameKey(p.code), unit: nameKey(p.unit) });
      if (p.code && !this.byCode.has(p.code)) {
        this.byCode.set(p.code, p);
        const ck = nameKey(p.code);
        this.byCodeKey.set(ck, this.byCodeKey.has(ck) ? null : p);
      }
      if (!p.name) continue;
      const k = nameKey(p.name);
      const list = this.byName.get(k);
      if (list) list.push(p);
      else this.byName.set(k, [p]);
    }
  }

  /** `ref` as a code, then as a name within `unit` (when given), then as a name anywhere if no unit was given. */
  resolve(ref: string, unit = ''): Resolution {
    const exact = this.byCode.get(ref);
    if (exact) return { kind: 'code', position: exact };
    const k = nameKey(ref);
    if (!k) return { kind: 'none' };
    // A code typed in another case or with other separators ("bkd prakom") is still a code.
    const codeLike = this.byCodeKey.get(k);
    if (codeLike) return { kind: 'code', position: codeLike };
    let named = (this.byName.get(k) ?? []).filter((p) => p.code);
    if (unit) {
      const u = nameKey(unit);
      named = named.filter((p) => nameKey(p.unit) === u);
    }
    // The same post twice in one unit under one code cannot happen (codes are unique); two codes can.
    if (named.length === 1) return { kind: 'name', position: named[0]! };
    if (named.length > 1) return { kind: 'ambiguous', positions: named };
    return { kind: 'none' };
  }

  /**
   * Up to `n` positions whose name or code is closest to `ref` by edit distance (on the compared keys),
   * within `unit` first; only those a few edits away (at most a quarter of the text, at least 2).
   */
  closest(ref: string, unit = '', n = 3): Position[] {
    const memo = `${ref}\u0000${unit}\u0000${n}`;
    const known = this.closestMemo.get(memo);
    if (known) return known;
    const found = this.closestUncached(ref, unit, n);
    this.closestMemo.set(memo, found);
    return found;
  }

  private readonly closestMemo = new Map<string, Position[]>();
  /**
   * Comparisons left for closest-candidate searches on this sheet: a roster whose every row names an
   * unknown post (the wrong Jabatan sheet) must not make a check take minutes; past the budget the
   * findings simply name no candidates.
   */
  private budget = 2_000_000;
  private unitMembers: Map<string, PositionIndex['keyed']> | null = null;

  private closestUncached(ref: string, unit: string, n: number): Position[] {
    const k = nameKey(ref);
    if (!k) return [];
    const limit = Math.max(2, Math.floor(k.length / 4));
    const u = unit ? nameKey(unit) : '';
    if (u && !this.unitMembers) {
      this.unitMembers = new Map();
      for (const x of this.keyed) {
        const list = this.unitMembers.get(x.unit);
        if (list) list.push(x);
        else this.unitMembers.set(x.unit, [x]);
      }
    }
    // The row's unit first; the whole sheet only when nothing there is close.
    const inUnit = u ? this.search(k, limit, this.unitMembers!.get(u) ?? []) : [];
    const scored = inUnit.length ? inUnit : this.search(k, limit, this.keyed);
    scored.sort((a, b) => a.d - b.d || a.p.row - b.p.row);
    return scored.slice(0, n).map((x) => x.p);
  }

  private search(k: string, limit: number, among: PositionIndex['keyed']): { p: Position; d: number }[] {
    if (this.budget <= 0) return [];
    this.budget -= among.length;
    const out: { p: Position; d: number }[] = [];
    for (const x of among) {
      const d = Math.min(x.name ? editDistanceWithin(k, x.name, limit) : Infinity, editDistanceWithin(k, x.code, limit));
      if (d <= limit) out.push({ p: x.p, d });
    }
    return out;
  }

  /** Positions whose name is `ref` (compared as headers are), in any unit. */
  named(ref: string): Position[] {
    return (this.byName.get(nameKey(ref)) ?? []).filter((p) => p.code);
  }

  /** Memo of positionUnknownParams by reference and unit. */
  readonly paramsMemo = new Map<string, Params>();
}

const describe = (p: Position): string => `${p.code} "${p.name}"${p.unit ? ` (${p.unit})` : ''}`;

const indexes = new WeakMap<readonly Position[], PositionIndex>();
/**
 * The index of a list of positions, built once per list: the reader's name resolution and the rules'
 * POSITION_UNKNOWN findings share it (building it twice cost 60 ms on 8,000 positions).
 */
export function positionIndex(positions: readonly Position[]): PositionIndex {
  let idx = indexes.get(positions);
  // A long-lived list (the server's) that grew since is indexed afresh.
  if (!idx || idx.size !== positions.length) {
    idx = new PositionIndex(positions);
    indexes.set(positions, idx);
  }
  return idx;
}
const indexOf = (book: Pick<Book, 'positions'>): PositionIndex => positionIndex(book.positions);

/**
 * The parameters of a POSITION_UNKNOWN finding for a reference `ref` (as written) on a row whose unit
 * is `unit`: the Jabatan sheet, the unit searched, and either the positions the name matches (several:
 * write the code or the unit) or the closest candidates.
 */
export function positionUnknownParams(book: Pick<Book, 'positions' | 'layout'>, ref: string, unit = ''): Params {
  const idx = indexOf(book);
  const memo = `${book.layout.jabatan.name}\u0000${ref}\u0000${unit}`;
  let params = idx.paramsMemo.get(memo);
  if (!params) {
    params = unknownParams(idx, book.layout.jabatan.name, ref, unit);
    idx.paramsMemo.set(memo, params);
  }
  return { ...params };
}

function unknownParams(idx: PositionIndex, sheet: string, ref: string, unit: string): Params {
  const base: Params = { code: ref, sheet, ...(unit ? { unit } : {}) };
  const r = idx.resolve(ref, unit);
  if (r.kind === 'ambiguous') return { ...base, ambiguous: r.positions.slice(0, 5).map(describe).join('; '), count: r.positions.length };
  let near = idx.closest(ref, unit);
  // A name that exists, but in another unit than the row's, is the closest there is.
  const elsewhere = unit ? idx.named(ref) : [];
  if (elsewhere.length) near = [...elsewhere, ...near.filter((p) => !elsewhere.includes(p))].slice(0, 3);
  return near.length ? { ...base, closest: near.map(describe).join('; ') } : base;
}
