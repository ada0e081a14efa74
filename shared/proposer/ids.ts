/**
 * New No Usulan values: `U-0001` style (the workbook's own convention), continuing after the highest
 * such number already present, never equal to an existing id (including the ids the reader gives rows
 * whose No Usulan is empty, which are `U-` + their row number).
 */
export function newProposalIds(existing: Iterable<string>, count: number): string[] {
  const taken = new Set<string>();
  let max = 0;
  for (const id of existing) {
    const key = id.trim().toUpperCase();
    taken.add(key);
    const m = /^U-(\d+)$/.exec(key);
    if (m) max = Math.max(max, Number(m[1]));
  }
  const out: string[] = [];
  for (let n = max + 1; out.length < count; n++) {
    const id = `U-${String(n).padStart(4, '0')}`;
    if (!taken.has(id)) out.push(id);
  }
  return out;
}
