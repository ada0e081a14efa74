/**
 * Issue 14: the push answer names the approver, so the add-in writes Disetujui Oleh without a GET; and
 * Tinjau's approver can take an approval back until it is recorded (the row is Diajukan again, its ID
 * Mutasi cleared and the decision out of the push queue), never after (Nomor Catatan written).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserGateway } from '../../addin/gateway/browser';
import { runPeriksa } from '../../addin/services/periksa';
import { dequeueDecision, pushApproved, queuedCount } from '../../addin/services/sync';
import { decide, reviewItems, takeBack } from '../../addin/services/tinjau';
import { writeE2eWorkbook } from './support/e2e-workbook';

const conn = { server: 'https://mutasi.test', token: 'secret' };

async function openBook(): Promise<BrowserGateway> {
  const file = join(mkdtempSync(join(tmpdir(), 'mutasi-takeback-')), 'kantor.xlsx');
  await writeE2eWorkbook(file);
  const buf = readFileSync(file);
  return BrowserGateway.open(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, 'kantor.xlsx');
}
async function usulanRow(gw: BrowserGateway, row: number): Promise<Record<string, unknown>> {
  const [s] = await gw.readSheets(['Usulan']);
  const head = s!.values[0]!.map(String);
  return Object.fromEntries(head.map((h, i) => [h, s!.values[row - 1]?.[i] ?? null]));
}

describe('addin: push answer with the approver; Tinjau take-back', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('writes Disetujui Oleh from the push answer, with no GET /decisions', async () => {
    const gw = await openBook();
    const check = await runPeriksa(gw, { lang: 'id' });
    assert.equal((await decide(gw, check, reviewItems(check).find((i) => i.proposal.row === 2)!, 'Disetujui', '')).refusal, null);
    const calls: string[] = [];
    globalThis.fetch = (async (url: string | URL, init?: RequestInit) => {
      const u = String(url);
      calls.push(`${init?.method ?? 'GET'} ${u.replace(conn.server, '')}`);
      if (u.includes('/employees/')) return new Response(JSON.stringify({ nip: '198503122010011002', version: 3 }), { status: 200 });
      if (!init?.method) return new Response(JSON.stringify({ decisions: [] }), { status: 200 });
      const body = JSON.parse(String(init.body));
      return new Response(JSON.stringify({ results: body.decisions.map((d: { mutationId: string }) => ({ mutationId: d.mutationId, status: 'recorded', recordNo: 'MUT-2026-000043', version: 4, findings: [], approvedBy: 'Plt. Kepala BKPSDM' })) }), { status: 200 });
    }) as typeof fetch;
    const out = await pushApproved(gw, conn, 'id');
    assert.equal(out.recorded, 1);
    const row = await usulanRow(gw, 2);
    assert.equal(row['Disetujui Oleh'], 'Plt. Kepala BKPSDM');
    assert.equal(row['Nomor Catatan'], 'MUT-2026-000043');
    assert.deepEqual(calls.filter((c) => c.startsWith('GET') && c.includes('/decisions')), [], 'no extra GET after the push');
  });

  it('takes an approval back before the push: Diajukan again, no ID Mutasi, out of the queue, nothing sent', async () => {
    const gw = await openBook();
    const check = await runPeriksa(gw, { lang: 'id' });
    const approved = await decide(gw, check, reviewItems(check).find((i) => i.proposal.row === 2)!, 'Disetujui', '');
    assert.equal(approved.refusal, null);
    assert.equal(approved.item.proposal.status, 'Disetujui', 'the pane sees the decision');
    const id = String((await usulanRow(gw, 2))['ID Mutasi']);
    // Offline push: the decision waits in this computer's queue.
    globalThis.fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    assert.equal((await pushApproved(gw, conn, 'id')).queued, 1);
    assert.equal(await queuedCount(gw), 1);

    const back = await takeBack(gw, approved.check, approved.item, (m) => dequeueDecision(gw, m));
    assert.equal(back.refusal, null);
    const row = await usulanRow(gw, 2);
    assert.equal(row.Status, 'Diajukan');
    assert.equal(row['ID Mutasi'], null);
    assert.equal(back.item.proposal.status, 'Diajukan', 'the pane can decide again');
    assert.equal(back.check.parsed.book!.proposals.find((p) => p.row === 2)!.status, 'Diajukan');
    assert.equal(await queuedCount(gw), 0, `${id} left the queue`);

    const sent: unknown[] = [];
    globalThis.fetch = (async (_u: string | URL, init?: RequestInit) => {
      if (init?.method) sent.push(JSON.parse(String(init.body)));
      return new Response(JSON.stringify({ results: [] }), { status: 200 });
    }) as typeof fetch;
    assert.equal((await pushApproved(gw, conn, 'id')).sent, 0);
    assert.deepEqual(sent, []);

    // Decided again: a new ID Mutasi, never the withdrawn one.
    assert.equal((await decide(gw, back.check, back.item, 'Disetujui', '')).refusal, null);
    assert.notEqual(String((await usulanRow(gw, 2))['ID Mutasi']), id);
  });

  it('refuses to take back a recorded decision (Nomor Catatan on the row), changing nothing', async () => {
    const gw = await openBook();
    const check = await runPeriksa(gw, { lang: 'id' });
    const approved = await decide(gw, check, reviewItems(check).find((i) => i.proposal.row === 2)!, 'Disetujui', '');
    assert.equal(approved.refusal, null);
    globalThis.fetch = (async (url: string | URL, init?: RequestInit) => {
      if (String(url).includes('/employees/')) return new Response(JSON.stringify({ version: 3 }), { status: 200 });
      const body = JSON.parse(String(init!.body));
      return new Response(JSON.stringify({ results: body.decisions.map((d: { mutationId: string }) => ({ mutationId: d.mutationId, status: 'recorded', recordNo: 'MUT-2026-000044', version: 4, findings: [], approvedBy: 'Kepala' })) }), { status: 200 });
    }) as typeof fetch;
    assert.equal((await pushApproved(gw, conn, 'id')).recorded, 1);
    const before = await usulanRow(gw, 2);
    assert.equal((await takeBack(gw, approved.check, approved.item)).refusal, 'recorded');
    assert.deepEqual(await usulanRow(gw, 2), before);
  });

  it('after a new Periksa the approved row (not yet recorded) is still in Tinjau and can be taken back', async () => {
    const gw = await openBook();
    const check = await runPeriksa(gw, { lang: 'id' });
    assert.equal((await decide(gw, check, reviewItems(check).find((i) => i.proposal.row === 2)!, 'Disetujui', '')).refusal, null);
    const again = await runPeriksa(gw, { lang: 'id' });
    const item = reviewItems(again).find((i) => i.proposal.row === 2);
    assert.ok(item, 'listed after the re-check');
    assert.equal(item.proposal.status, 'Disetujui');
    assert.equal((await takeBack(gw, again, item)).refusal, null);
    assert.equal((await usulanRow(gw, 2)).Status, 'Diajukan');
  });

  it('a Ditolak can be taken back too; an undecided row cannot', async () => {
    const gw = await openBook();
    const check = await runPeriksa(gw, { lang: 'id' });
    const item = reviewItems(check).find((i) => i.proposal.row === 2)!;
    assert.equal((await takeBack(gw, check, item)).refusal, 'undecided');
    const rejected = await decide(gw, check, item, 'Ditolak', 'Formasi dialihkan');
    assert.equal(rejected.refusal, null);
    assert.equal((await usulanRow(gw, 2)).Status, 'Ditolak');
    assert.equal((await takeBack(gw, rejected.check, rejected.item)).refusal, null);
    assert.equal((await usulanRow(gw, 2)).Status, 'Diajukan');
  });
});
