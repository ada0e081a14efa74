/**
 * The add-in's Pantau: the sheet `Pantau` through the Office gateway (office-addin-mock: the table,
 * one native chart, the sync count independent of the list's length, a person's own sheet of that name
 * never overwritten, text from the record never a formula), and the follow-up queue against a real
 * server: offline keeps the entry, the retry re-sends the same mutationId, a lost answer comes back as
 * `duplicate`, an entry the server cannot take leaves the queue named instead of blocking it.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OfficeGateway } from '../../addin/gateway/office';
import {
  loadDue, loadFollowupQueue, loadReport, pantauSheet, pantauWrites, saveFollowup, saveFollowupQueue, sendFollowups, writePantauSheet,
  type DueItem, type DueList, type Report, type UnitReport,
} from '../../addin/services/pantau';
import { createApp } from '../../sync-server/server/app';
import { openDatabase, type Db } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { freshDatabase, type FreshDatabase } from '../server/support/databases';
import { agency, loadAgency, token } from '../server/support/fixtures';
import { daysFromToday, recordMoves } from '../server/support/followups';
import { FakeWorkbook } from './support/excel-mock';

const office = (book: FakeWorkbook) => new OfficeGateway({ run: book.run as typeof Excel.run, isSetSupported: book.isSetSupported });

const unit = (name: string, higher: number, same: number, lower: number): UnitReport => ({
  unit: name, moves: higher + same + lower + 1, spmt: { onTime: 2, late: 1, missing: 1, pending: 0 },
  reviews: { done: higher + same + lower, due: 1, overdue: 2, upcoming: 3 }, skp: { higher, same, lower, unknown: 1 },
});
const report = (units: UnitReport[]): Report => ({
  at: '2027-08-15', from: '2025-08-15', to: '2027-08-15', unit: null, settings: { spmtDays: 30, reviewMonths: [6, 12] },
  units, total: units.reduce((t, u) => ({ ...t, moves: t.moves + u.moves, skp: { ...t.skp, higher: t.skp.higher + u.skp.higher } }), unit('', 0, 0, 0)),
});
const item = (i: number, over: Partial<DueItem> = {}): DueItem => ({
  recordNo: `MUT-2027-${String(i).padStart(6, '0')}`, nip: '198503122010011002', name: `Pegawai ${i}`, unit: 'Dinas Kesehatan',
  toPositionCode: 'DINKES-01', toPosition: 'Analis Kebijakan', effectiveDate: '2027-01-04', kind: i % 2 ? 'spmt' : 'review', month: i % 2 ? null : 6,
  dueDate: '2027-02-03', status: 'overdue', daysLate: 12, version: 0, ...over,
});
const dueList = (n: number): DueList => ({
  at: '2027-08-15', unit: null, settings: { spmtDays: 30, reviewMonths: [6, 12] }, overdue: n, due: 0, items: Array.from({ length: n }, (_, i) => item(i + 1)),
});

describe('addin: sheet Pantau', function () {
  this.timeout(30_000);

  it('lays out the report (chart columns first), the total and the list; the chart plots the unit rows A–D', () => {
    const { writes, chart, rows } = pantauWrites(report([unit('Dinas A', 3, 1, 0), unit('Dinas B', 0, 2, 2)]), dueList(2), 'id', 0);
    const [rep, list] = writes as unknown as [{ values: unknown[][]; numberFormat: string; row: number }, { values: unknown[][]; numberFormat: string; row: number }];
    assert.deepEqual(rep.values[1]!.slice(0, 5), ['Unit Kerja', 'SKP Naik', 'SKP Sama', 'SKP Turun', 'Mutasi']);
    assert.deepEqual(rep.values[2]!.slice(0, 4), ['Dinas A', 3, 1, 0]);
    assert.equal(rep.values[4]![0], 'Jumlah');
    assert.equal(rep.numberFormat, 'General');
    assert.equal(list.numberFormat, '@', 'NIPs stay text');
    assert.equal(list.values[2]![4], '198503122010011002');
    assert.equal(list.values[2]![0], 'Terlambat');
    assert.equal(chart.source, 'A2:D4');
    assert.match(chart.title, /SKP sesudah mutasi/);
    assert.equal(rows, 1 + 1 + 2 + 1 + 1 + 2 + 2);
    const en = pantauWrites(report([unit('Dinas A', 1, 0, 0)]), dueList(1), 'en', 0);
    assert.equal((en.writes[0]!.values[1] as unknown[])[1], 'SKP Higher');
  });

  it('text from the record never becomes a formula in Excel', () => {
    const due = dueList(1);
    due.items[0] = item(1, { name: '=HYPERLINK("http://x")', unit: '+Unit', toPosition: '@SUM(A1)' });
    const { writes } = pantauWrites(report([unit('=1+1', 1, 0, 0)]), due, 'id', 0);
    const cells = writes.flatMap((w) => w.values.flat()).filter((v): v is string => typeof v === 'string');
    assert.ok(cells.includes(`'=HYPERLINK("http://x")`) && cells.includes("'+Unit") && cells.includes("'@SUM(A1)") && cells.includes("'=1+1"));
    assert.ok(!cells.some((c) => /^[=+@]/.test(c)));
  });

  it('in Excel: the sheet, one native chart, the same syncs for 5 or 500 items; a shorter list blanks what the longer left', async () => {
    const syncsFor = async (n: number) => {
      const book = new FakeWorkbook({ Pegawai: [['NIP']] });
      const before = book.syncs;
      const out = await writePantauSheet(office(book), report([unit('Dinas A', 2, 1, 1), unit('Dinas B', 1, 1, 0)]), dueList(n), 'id');
      assert.deepEqual(out, { sheet: 'Pantau', chart: true });
      assert.equal(book.log.filter((l) => l.kind === 'chart').length, 1);
      return { book, syncs: book.syncs - before };
    };
    const small = await syncsFor(5);
    const large = await syncsFor(500);
    assert.equal(small.syncs, large.syncs, `syncs ${small.syncs} vs ${large.syncs}`);
    assert.ok(small.syncs <= 8, `${small.syncs} syncs`);
    const book = large.book;
    assert.equal(book.cell('Pantau', 2, 2), 'SKP Naik');
    assert.equal(book.cell('Pantau', 3, 1), 'Dinas A');
    assert.equal(book.cell('Pantau', 3, 2), 2);
    const height = book.sheets.get('Pantau')!.values.length;
    // Again with a short list: the same sheet, the rows below blanked, one chart replaced.
    await writePantauSheet(office(book), report([unit('Dinas A', 2, 1, 1)]), dueList(1), 'id');
    assert.equal(book.log.filter((l) => l.kind === 'addSheet').length, 1);
    assert.equal(book.cell('Pantau', height, 1), '');
    assert.equal(book.cell('Pantau', 3, 1), 'Dinas A');
  });

  it("never overwrites a person's own sheet called Pantau", async () => {
    const book = new FakeWorkbook({ Pantau: [['Catatan pribadi Pak Budi'], ['jangan dihapus']] });
    const out = await writePantauSheet(office(book), report([unit('Dinas A', 1, 0, 0)]), dueList(2), 'id');
    assert.equal(out.sheet, 'Pantau Mutasi');
    assert.deepEqual(book.sheets.get('Pantau')!.values, [['Catatan pribadi Pak Budi'], ['jangan dihapus']]);
    assert.deepEqual(pantauSheet(['Pantau', 'Pantau Mutasi'], {}), { name: 'Pantau Mutasi 2', owned: false });
    assert.deepEqual(pantauSheet(['Pantau Mutasi'], { 'mutasi.lembarPantau': 'Pantau Mutasi' }), { name: 'Pantau Mutasi', owned: true });
  });
});

describe('addin: Pantau queue against a real server', function () {
  this.timeout(60_000);
  let fresh: FreshDatabase;
  let db: Db;
  let server: Server;
  let url = '';
  let supervisor = '';
  let moves: { recordNo: string }[];

  before(async () => {
    fresh = await freshDatabase('sqlite');
    db = openDatabase(fresh.url);
    await migrateLatest(db);
    const a = agency({ people: 8, targets: 2, seats: 2 });
    await loadAgency(db, a);
    moves = await recordMoves(db, a, daysFromToday(-100), 4);
    supervisor = await token(db, 'supervisor');
    server = createApp({ db, config: { logLevel: 'silent' } }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await db.close();
    await fresh.drop();
  });

  const spmtDraft = (recordNo: string) => ({ recordNo, kind: 'spmt' as const, spmtDate: daysFromToday(-90), note: '', baseVersion: null });

  it('offline: the entry stays queued; the retry sends the same mutationId; a lost answer comes back as duplicate', async () => {
    const down = { server: 'http://127.0.0.1:1', token: supervisor };
    const first = await saveFollowup(down, spmtDraft(moves[0]!.recordNo));
    assert.equal(first.offline, true);
    assert.equal(first.queued, 1);
    // The queue is per server address: move it to the reachable one, as if the same server came back.
    const up = { server: url, token: supervisor };
    saveFollowupQueue(up, loadFollowupQueue(down));
    saveFollowupQueue(down, []);
    const queued = loadFollowupQueue(up)[0]!;
    assert.equal(queued.mutationId, first.mutationId);
    const sent = await sendFollowups(up);
    assert.equal(sent.results[0]!.status, 'recorded');
    assert.equal(sent.results[0]!.mutationId, first.mutationId);
    assert.equal(loadFollowupQueue(up).length, 0);
    // The answer was lost (timeout): the same entry is sent again and recorded once.
    saveFollowupQueue(up, [queued]);
    const again = await sendFollowups(up);
    assert.equal(again.results[0]!.status, 'duplicate');
    assert.equal(Number(((await db.knex('followup_mutations').count({ n: '*' }).first()) as { n: string }).n), 1);
    const due = await loadDue(up);
    assert.ok(!due.items.some((i) => i.recordNo === moves[0]!.recordNo && i.kind === 'spmt'));
    const rep = await loadReport(up);
    assert.equal(rep.total.spmt.onTime, 1);
  });

  it('an entry the server cannot take leaves the queue named; the others are sent', async () => {
    const up = { server: url, token: supervisor };
    saveFollowupQueue(up, [
      { ...spmtDraft(moves[1]!.recordNo), mutationId: crypto.randomUUID() },
      { ...spmtDraft('MUT-27-1'), mutationId: crypto.randomUUID() },
      { ...spmtDraft(moves[2]!.recordNo), mutationId: crypto.randomUUID() },
    ]);
    const out = await sendFollowups(up);
    assert.deepEqual(out.results.map((r) => r.status).sort(), ['recorded', 'recorded', 'rejected']);
    const bad = out.results.find((r) => r.status === 'rejected') as { field: string; message: string };
    assert.equal(bad.field, 'entries.1.recordNo');
    assert.equal(loadFollowupQueue(up).length, 0);
  });
});
