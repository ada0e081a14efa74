/**
 * The manifest asks for ExcelApi 1.4 only. This runs every action the panes offer on a mock Excel that
 * has 1.4 and nothing newer — members of later sets (getRanges 1.9, freezePanes 1.7, delayForCellEdit
 * 1.11) throw there, as they do in an old Excel — so the manifest's claim is what the code really needs.
 * The same actions on a current host use the newer members (the test can tell the difference).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OfficeGateway } from '../../addin/gateway/office';
import { runPeriksa } from '../../addin/services/periksa';
import { pullOfficial, pushApproved } from '../../addin/services/sync';
import { makeTemplate } from '../../addin/services/template';
import { approvalRefusal, decide, reviewItems } from '../../addin/services/tinjau';
import { addMoves, computePlan } from '../../addin/services/usulkan';
import { readColumnMap, writeColumnMap } from '../../addin/workbook/column-map';
import { clearMarks } from '../../addin/workbook/marks';
import { FakeWorkbook } from './support/excel-mock';
import { syntheticBook } from './support/book';

const manifest = readFileSync(join(__dirname, '..', '..', 'manifest.xml'), 'utf8');
const declared = /<Set Name="ExcelApi" MinVersion="([\d.]+)"\/>/.exec(manifest)![1]!;

const conn = { server: 'https://mutasi.test', token: 'secret' };

/** A stand-in server: employee versions, every push recorded, one official change to pull. */
function stubServer(changedNip: string): typeof fetch {
  return (async (url: string | URL, init?: RequestInit) => {
    const u = new URL(String(url));
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    if (u.pathname.includes('/employees/')) return json({ version: 1 });
    if (u.pathname.endsWith('/decisions') && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { decisions: { mutationId: string }[] };
      return json({ results: body.decisions.map((d, i) => ({ mutationId: d.mutationId, status: 'recorded', recordNo: `MUT-2026-00000${i + 1}`, version: 2, findings: [] })) });
    }
    if (u.pathname.endsWith('/decisions')) return json({ decisions: [] });
    if (u.pathname.endsWith('/changes')) {
      return json({ cursor: 9, more: false, reset: false, changes: [{ version: 9, kind: 'employee', data: { nip: changedNip, name: 'Nama Resmi', rank: null, positionCode: 'POS-0', positionStart: null, version: 9 } }] });
    }
    throw new Error(`stub: ${u.pathname}`);
  }) as typeof fetch;
}

const movePlaceholder = {
  nip: '', name: '', fromCode: '', fromName: '', fromUnit: '', toCode: '', toName: '', toUnit: '', reason: 'Rotasi' as const,
  date: '2027-01-02', jpm: null, score: 0, parts: { jpm: 0, performance: 0, rotation: 0, preference: 0, major: 0, newVacancy: 0 }, notes: [], explanation: 'uji',
};

/** Every pane action, in the order an office would use them — each one Excel.run, as ADDIN.md asks. */
async function everyAction(book: FakeWorkbook): Promise<void> {
  const gw = new OfficeGateway({ run: book.run as typeof Excel.run, isSetSupported: book.isSetSupported });
  const one = async <T>(what: string, action: () => Promise<T>): Promise<T> => {
    const before = book.runs;
    const out = await action();
    assert.equal(book.runs - before, 1, `${what}: one Excel.run`);
    return out;
  };
  await one('Buat Templat', () => makeTemplate(gw)); // nothing missing here, but the action runs
  await one('Simpan pemetaan', () => writeColumnMap(gw, { pegawai: { 'Nama Lengkap': 'name' } }));
  assert.deepEqual(await readColumnMap(gw), { pegawai: { 'Nama Lengkap': 'name' } });
  const check = await one('Periksa', () => runPeriksa(gw, { lang: 'id' }));
  await one('Buka sel', () => gw.selectCell(check.result.findings[0]!.sheet, check.result.findings[0]!.cell));
  const plan = await one('Hitung rencana', () => computePlan(gw, 'id'));
  // The synthetic staff have no competency levels, so the proposer may find nobody to move: add a
  // plain move then, the writer is what this exercises (new Draf rows, NIP as Text, dates).
  const e = plan.state.parsed.book!.employees[3]!;
  const to = plan.state.parsed.book!.positions.find((p) => p.code !== e.positionCode)!;
  const moves = plan.run.plan.moves.length > 0 ? plan.run.plan.moves.slice(0, 2) : [{ ...movePlaceholder, nip: e.nip, toCode: to.code }];
  const added = await one('Tambahkan', () => addMoves(gw, plan.state, moves));
  assert.equal(book.sheets.get('Usulan')!.numberFormats.get(`${added.firstRow},2`), '@', 'NIP written as Text');
  const again = await one('Periksa', () => runPeriksa(gw, { lang: 'id' }));
  const item = reviewItems(again).find((i) => approvalRefusal(i, 'alasan') === null)!;
  assert.ok(item, 'an approvable row');
  assert.equal((await one('Setujui', () => decide(gw, again, item, 'Disetujui', 'alasan'))).refusal, null);
  const realFetch = globalThis.fetch;
  globalThis.fetch = stubServer(item.proposal.nip);
  try {
    assert.equal((await one('Kirim', () => pushApproved(gw, conn, 'id'))).recorded, 1);
    assert.equal((await one('Tarik data resmi', () => pullOfficial(gw, conn, 'id'))).rowsUpdated, 1);
  } finally {
    globalThis.fetch = realFetch;
  }
  await one('Bersihkan tanda', () => clearMarks(gw));
}

describe('addin: requirement sets (manifest vs code)', function () {
  this.timeout(60_000);

  it(`runs every action on a host with ExcelApi ${declared} and nothing newer`, async () => {
    assert.equal(declared, '1.4');
    const data = syntheticBook(120);
    const before = structuredClone(data);
    const book = new FakeWorkbook(data, { apiVersion: declared });
    await everyAction(book);
    assert.ok(book.runOptions.every((o) => o === undefined), 'no delayForCellEdit on 1.4');

    // And through all of it, nothing of the office's own was touched.
    for (const sheet of ['Jabatan', 'Aturan']) assert.deepEqual(book.sheets.get(sheet)!.values, before[sheet], sheet);
    const head = book.sheets.get('Usulan')!.values[0]!.map(String);
    const movable = new Set(['Status', 'Catatan', 'Skor JPM', 'Hasil Pemeriksaan', 'Disetujui Oleh', 'Nomor Catatan', 'ID Mutasi', 'Hasil Sinkron']);
    before.Usulan!.forEach((row, r) => {
      head.forEach((h, c) => {
        if (!movable.has(h)) assert.equal(book.sheets.get('Usulan')!.values[r]![c] ?? '', row[c] ?? '', `Usulan ${h} row ${r + 1}`);
      });
    });
    const pegHead = before.Pegawai![0]!.map(String);
    let changedRows = 0;
    before.Pegawai!.forEach((row, r) => {
      const now = book.sheets.get('Pegawai')!.values[r]!;
      const diff = pegHead.filter((_, c) => (now[c] ?? '') !== (row[c] ?? ''));
      if (diff.length > 0) changedRows++;
      assert.ok(diff.every((h) => ['Nama', 'Kode Jabatan'].includes(h)), `Pegawai row ${r + 1}: ${diff.join(', ')}`);
    });
    assert.equal(changedRows, 1, 'only the row the official record changed');
  });

  it('creates template sheets without freezing panes on ExcelApi 1.4, and freezes them where 1.7 exists', async () => {
    for (const [version, frozen] of [['1.4', false], ['1.7', true]] as const) {
      const book = new FakeWorkbook({ Blad1: [['']] }, { apiVersion: version });
      let froze = false;
      const real = book.require.bind(book);
      book.require = (m) => {
        real(m);
        if (m === 'freezePanes') froze = true;
      };
      await makeTemplate(new OfficeGateway({ run: book.run as typeof Excel.run, isSetSupported: book.isSetSupported }));
      assert.ok(['Pegawai', 'Jabatan', 'Usulan', 'Aturan'].every((s) => book.sheets.has(s)));
      assert.equal(book.sheets.get('Pegawai')!.numberFormats.get('2,1'), '@', 'NIP column is Text before anyone types');
      assert.equal(froze, frozen, `ExcelApi ${version}`);
    }
  });

  it('the 1.4 host really refuses newer members (the check can fail)', async () => {
    const book = new FakeWorkbook(syntheticBook(40), { apiVersion: '1.4' });
    // A gateway that wrongly believes in 1.9 uses getRanges and is refused.
    const gw = new OfficeGateway({ run: book.run as typeof Excel.run, isSetSupported: () => true });
    await assert.rejects(runPeriksa(gw, { lang: 'id' }), /ExcelApi 1\.(9|11)/);
  });
});
