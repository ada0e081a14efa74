/**
 * Tinjau's state outside the pane: the review filter (kind and search), and decisions as pure updates —
 * the check and item given are never changed; the pane keeps the new ones (issue 19).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserGateway } from '../../addin/gateway/browser';
import { runPeriksa, type PeriksaOutcome } from '../../addin/services/periksa';
import { afterDecision, decide, filterReview, reviewItems, startReview, takeBack, withStatus, type ReviewItem } from '../../addin/services/tinjau';
import { writeE2eWorkbook } from './support/e2e-workbook';

async function openBook(): Promise<BrowserGateway> {
  const file = join(mkdtempSync(join(tmpdir(), 'mutasi-tinjau-')), 'kantor.xlsx');
  await writeE2eWorkbook(file);
  const buf = readFileSync(file);
  return BrowserGateway.open(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, 'kantor.xlsx');
}

const rows = (items: ReviewItem[]) => items.map((i) => i.proposal.row);

describe('addin: Tinjau filter and pure decisions', () => {
  let gw: BrowserGateway;
  let check: PeriksaOutcome;
  let names: Map<string, string>;
  const nameOf = (nip: string) => names.get(nip);
  // The e2e workbook's Usulan: row 2 U-0001 Budi Santoso (meets the rules), row 3 U-0002 (error), row 4 U-0003 (warning).
  beforeEach(async () => {
    gw = await openBook();
    check = await runPeriksa(gw, { lang: 'id' });
    names = new Map(check.parsed.book!.employees.map((e) => [e.nip, e.name]));
  });

  it('filters by kind: errors, warnings, rows that meet the rules, not yet decided', () => {
    const items = reviewItems(check);
    assert.deepEqual(rows(filterReview(items, 'all', '', nameOf)), [2, 3, 4]);
    assert.deepEqual(rows(filterReview(items, 'error', '', nameOf)), [3]);
    assert.deepEqual(rows(filterReview(items, 'warning', '', nameOf)), [4]);
    assert.deepEqual(rows(filterReview(items, 'ok', '', nameOf)), [2]);
    assert.deepEqual(rows(filterReview(items, 'open', '', nameOf)), [2, 3, 4]);
    const decided = items.map((i) => (i.proposal.row === 3 ? withStatus(check, i, 'Disetujui').item : i));
    assert.deepEqual(rows(filterReview(decided, 'open', '', nameOf)), [2, 4]);
  });

  it('an info-only row counts as meeting the rules', () => {
    const [first] = reviewItems(check);
    const info: ReviewItem = { ...first!, result: { ...first!.result, verdict: 'info' } };
    assert.deepEqual(rows(filterReview([info], 'ok', '', nameOf)), [2]);
    assert.deepEqual(rows(filterReview([info], 'warning', '', nameOf)), []);
  });

  it('finds by No Usulan, NIP or name, case-insensitively, with the kind applied too', () => {
    const items = reviewItems(check);
    assert.deepEqual(rows(filterReview(items, 'all', '  budi ', nameOf)), [2], 'name, trimmed');
    assert.deepEqual(rows(filterReview(items, 'all', 'u-0002', nameOf)), [3], 'No Usulan');
    assert.deepEqual(rows(filterReview(items, 'all', '199001', nameOf)), [4], 'part of an NIP');
    assert.deepEqual(rows(filterReview(items, 'error', 'budi', nameOf)), [], 'kind and search together');
    assert.deepEqual(rows(filterReview(items, 'all', 'tidak ada', nameOf)), []);
  });

  it('withStatus returns the new check and item and changes neither given', () => {
    const item = reviewItems(check).find((i) => i.proposal.row === 4)!;
    const before = structuredClone({ proposals: check.parsed.book!.proposals, item, headerWrites: check.own!.headerWrites });
    const next = withStatus(check, item, 'Disetujui', '  mendesak ');
    assert.deepEqual({ proposals: check.parsed.book!.proposals, item, headerWrites: check.own!.headerWrites }, before);
    assert.equal(next.item.proposal.status, 'Disetujui');
    assert.equal(next.item.proposal.note, 'mendesak');
    assert.equal(next.check.parsed.book!.proposals.find((p) => p.row === 4), next.item.proposal);
    assert.deepEqual(next.check.own!.headerWrites, [], 'the own headers are written with the first decision');
    // The other rows, people and results are shared, not copied.
    assert.equal(next.check.parsed.book!.proposals.find((p) => p.row === 2), check.parsed.book!.proposals.find((p) => p.row === 2));
    assert.equal(next.check.parsed.book!.employees, check.parsed.book!.employees);
    assert.equal(next.check.result, check.result);
    // No note: the row's Catatan stays as it was.
    const withNote = { ...item, proposal: { ...item.proposal, note: 'dari kepala dinas' } };
    assert.equal(withStatus(check, withNote, 'Ditolak').item.proposal.note, 'dari kepala dinas');
  });

  it('decide and takeBack answer the new state; a decided Ditolak stays listed to be taken back', async () => {
    const start = startReview(check);
    const item = start.items.find((i) => i.proposal.row === 2)!;
    const refused = await decide(gw, check, start.items.find((i) => i.proposal.row === 3)!, 'Disetujui', '');
    assert.equal(refused.refusal, 'error');
    assert.equal(refused.check, check, 'a refusal answers the state given');

    const rejected = await decide(gw, check, item, 'Ditolak', 'Formasi dialihkan');
    assert.equal(rejected.refusal, null);
    assert.equal(item.proposal.status, 'Diajukan', 'the item given is not changed');
    const after = afterDecision(start, rejected);
    assert.equal(after.from, check);
    assert.equal(after.check, rejected.check);
    assert.deepEqual(rows(after.items), [2, 3, 4], 'the Ditolak row stays in the pane');
    assert.equal(after.items[0]!.proposal.status, 'Ditolak');
    assert.equal(after.items[1], start.items[1], 'the other items are the same objects');
    assert.deepEqual(rows(reviewItems(rejected.check)), [3, 4], 'a new review (after a new Periksa) lists it no more');

    const back = await takeBack(gw, after.check, after.items[0]!);
    assert.equal(back.refusal, null);
    assert.equal(after.items[0]!.proposal.status, 'Ditolak', 'unchanged');
    assert.equal(afterDecision(after, back).items[0]!.proposal.status, 'Diajukan');
  });
});
