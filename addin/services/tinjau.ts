/**
 * Tinjau (review): supervisors step through the Diajukan rows and set Disetujui or Ditolak. The verdict
 * is the engine's (from the last Periksa): a row with an error cannot be approved, a row with warnings
 * needs a Catatan. Approval writes the row's mutationId (ID Mutasi) at once, so whoever pushes it later
 * — from any computer — sends the same id and the server records it once.
 */
import type { Finding, ProposalResult } from '../../shared/rules/types';
import type { Proposal } from '../../shared/model';
import type { CellValue, SheetData, ValueWrite } from '../../shared/workbook/gateway';
import type { WorkbookHost } from '../host/types';
import type { PeriksaOutcome } from './periksa';

export interface ReviewItem {
  proposal: Proposal;
  result: ProposalResult;
  findings: Finding[];
}

export function reviewItems(check: PeriksaOutcome): ReviewItem[] {
  const book = check.parsed.book;
  if (!book) return [];
  const sheet = book.layout.usulan.name;
  const byRow = new Map(check.result.proposals.map((p) => [p.row, p]));
  return book.proposals
    // Approved rows not yet recorded stay listed, so the approver can still take the approval back.
    .filter((p) => (p.status === 'Diajukan' || (p.status === 'Disetujui' && !p.recordNo)) && byRow.has(p.row))
    .map((p) => ({
      proposal: p,
      result: byRow.get(p.row)!,
      findings: check.result.findings.filter((f) => f.sheet === sheet && f.row === p.row),
    }));
}

export type ReviewFilter = 'all' | 'open' | 'ok' | 'warning' | 'error';

/**
 * The items a supervisor with 1.675 rows to review asks for: by kind ('open': not decided yet; 'ok'
 * takes the info-only rows too) and by a search on No Usulan, NIP or name (case-insensitive).
 */
export function filterReview(items: ReviewItem[], show: ReviewFilter, query: string, nameOf: (nip: string) => string | undefined): ReviewItem[] {
  const q = query.trim().toLowerCase();
  return items.filter((it) => {
    if (show === 'open' && it.proposal.status !== 'Diajukan') return false;
    if (show !== 'all' && show !== 'open' && it.result.verdict !== show && !(show === 'ok' && it.result.verdict === 'info')) return false;
    if (!q) return true;
    return it.proposal.id.toLowerCase().includes(q) || it.proposal.nip.includes(q) || (nameOf(it.proposal.nip)?.toLowerCase().includes(q) ?? false);
  });
}

/**
 * What Tinjau shows: the review items of one Periksa (`from`), with the decisions made since then
 * applied to `check` and `items`. A decided row stays in the list (a Ditolak too, so it can be taken
 * back) until the next Periksa.
 */
export interface ReviewState {
  from: PeriksaOutcome;
  check: PeriksaOutcome;
  items: ReviewItem[];
}

export function startReview(check: PeriksaOutcome): ReviewState {
  return { from: check, check, items: reviewItems(check) };
}

/** The check and the item as they read after `item`'s row was given `status` (and `note`). Changes neither. */
export function withStatus(check: PeriksaOutcome, item: ReviewItem, status: Proposal['status'], note = ''): { check: PeriksaOutcome; item: ReviewItem } {
  const proposal: Proposal = { ...item.proposal, status, ...(note.trim() ? { note: note.trim() } : {}) };
  const book = check.parsed.book!;
  const proposals = book.proposals.map((p) => (p.row === proposal.row ? proposal : p));
  return {
    // The own columns' headers are in the workbook now: later decisions need not write them again.
    check: { ...check, parsed: { ...check.parsed, book: { ...book, proposals } }, own: check.own && { ...check.own, headerWrites: [] } },
    item: { ...item, proposal },
  };
}

/** The state after a decision (or a take-back) on one row. */
export function afterDecision(state: ReviewState, done: { check: PeriksaOutcome; item: ReviewItem }): ReviewState {
  const row = done.item.proposal.row;
  return { from: state.from, check: done.check, items: state.items.map((it) => (it.proposal.row === row ? done.item : it)) };
}

/** A decision's answer: on success (`refusal` null) the new check and item (withStatus); on refusal the ones given. */
export interface Decided<R> {
  refusal: R | null;
  check: PeriksaOutcome;
  item: ReviewItem;
}

export type Refusal = 'error' | 'needNote' | 'noColumns' | 'stale';

/** Why this row cannot be approved with this note, or null when it can. */
export function approvalRefusal(item: ReviewItem, note: string): Refusal | null {
  if (item.result.verdict === 'error') return 'error';
  if (item.result.verdict === 'warning' && note.trim() === '') return 'needNote';
  return null;
}

export function newMutationId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Older WebViews (Excel 2016 on Windows 7): RFC 4122 v4 from getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The writes for a decision on one row: Status (the workflow column the add-in moves), Catatan when the
 * reviewer typed one, and on approval the ID Mutasi. Returns null when the decision is refused.
 */
export function decisionWrites(check: PeriksaOutcome, item: ReviewItem, decision: 'Disetujui' | 'Ditolak', note: string): { writes: ValueWrite[]; refusal: Refusal | null; mutationId?: string } {
  const book = check.parsed.book!;
  const own = check.own;
  const lay = book.layout.usulan;
  const statusCol = lay.columns.status?.col;
  if (!own || statusCol === undefined) return { writes: [], refusal: 'noColumns' };
  if (decision === 'Disetujui') {
    const refusal = approvalRefusal(item, note);
    if (refusal) return { writes: [], refusal };
  }
  const row = item.proposal.row;
  const one = (col: number, v: CellValue): ValueWrite => ({ sheet: lay.name, row, col, values: [[v]] });
  const writes: ValueWrite[] = [...own.headerWrites, one(statusCol, decision)];
  const noteCol = lay.columns.note?.col;
  if (note.trim() && noteCol !== undefined) writes.push(one(noteCol, note.trim()));
  let mutationId: string | undefined;
  if (decision === 'Disetujui') {
    mutationId = newMutationId();
    writes.push(one(own.col.mutationId, mutationId));
  }
  return { writes, refusal: null, ...(mutationId ? { mutationId } : {}) };
}

/** Text of a cell as people read it (an NIP typed as a number still compares equal). */
const cellText = (v: CellValue | undefined) => (v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v).trim());

/**
 * Whether the row still holds the proposal the reviewer is looking at. The last Periksa may be minutes
 * old; a row inserted, deleted or a sort since then (by this user or a co-author) would otherwise put
 * the decision on someone else's row.
 */
export function sameProposal(sheet: SheetData, check: PeriksaOutcome, item: ReviewItem): boolean {
  const lay = check.parsed.book!.layout.usulan;
  const at = (field: string) => {
    const col = lay.columns[field]?.col;
    return col === undefined ? undefined : sheet.values[item.proposal.row - sheet.startRow]?.[col - sheet.startCol];
  };
  const id = cellText(at('id'));
  // An empty No Usulan gets a generated id from the reader: then NIP and target must do.
  return (id === '' || id === item.proposal.id) && cellText(at('nip')) === item.proposal.nip && cellText(at('toCode')) === item.proposal.toCode;
}

export async function decide(host: WorkbookHost, check: PeriksaOutcome, item: ReviewItem, decision: 'Disetujui' | 'Ditolak', note: string): Promise<Decided<Refusal>> {
  const { writes, refusal } = decisionWrites(check, item, decision, note);
  if (refusal) return { refusal, check, item };
  const sheetName = check.parsed.book!.layout.usulan.name;
  const stale = await host.action(async () => {
    // Read and write in one action: nothing can move the row in between.
    const [now] = await host.readSheets([sheetName]);
    if (!now || !sameProposal(now, check, item)) return true;
    await host.writeValues(writes);
    return false;
  });
  if (stale) return { refusal: 'stale', check, item };
  // The pane's copy in step without a full re-check.
  return { refusal: null, ...withStatus(check, item, decision, note) };
}

export type TakeBackRefusal = 'recorded' | 'noColumns' | 'stale' | 'undecided';

/**
 * Takes back an approval (or a rejection) made in Tinjau, as long as it has not been recorded: the row
 * goes back to Diajukan, its ID Mutasi and Hasil Sinkron are cleared, and the decision leaves this
 * computer's push queue, so nothing of it reaches the server. Once the row has a Nomor Catatan the
 * server holds the decision: then it is refused ('recorded') — a recorded move is undone by a new one.
 */
export async function takeBack(host: WorkbookHost, check: PeriksaOutcome, item: ReviewItem, dequeue: (mutationId: string) => void | Promise<void> = () => {}): Promise<Decided<TakeBackRefusal>> {
  const book = check.parsed.book!;
  const own = check.own;
  const lay = book.layout.usulan;
  const statusCol = lay.columns.status?.col;
  if (!own || statusCol === undefined) return { refusal: 'noColumns', check, item };
  if (item.proposal.status !== 'Disetujui' && item.proposal.status !== 'Ditolak') return { refusal: 'undecided', check, item };
  const row = item.proposal.row;
  const one = (col: number, v: CellValue): ValueWrite => ({ sheet: lay.name, row, col, values: [[v]] });
  const out = await host.action(async (): Promise<TakeBackRefusal | { mutationId: string }> => {
    const [now] = await host.readSheets([lay.name]);
    if (!now || !sameProposal(now, check, item)) return 'stale';
    const at = (col: number) => now.values[row - now.startRow]?.[col - now.startCol];
    if (cellText(at(own.col.recordNo))) return 'recorded';
    const mutationId = cellText(at(own.col.mutationId));
    await host.writeValues([...own.headerWrites, one(statusCol, 'Diajukan'), one(own.col.mutationId, null), one(own.col.syncResult, null)]);
    return { mutationId };
  });
  if (typeof out === 'string') return { refusal: out, check, item };
  if (out.mutationId) await dequeue(out.mutationId);
  return { refusal: null, ...withStatus(check, item, 'Diajukan') };
}
