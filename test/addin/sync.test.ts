/**
 * Sinkron against a stand-in server (fetch stubbed) on the browser gateway (exceljs, in Node): an
 * unreachable server keeps the approval queued with its mutationId already in the workbook; the next
 * push sends that same id; answers are written back on the row; rejections land in Hasil Sinkron.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserGateway } from '../../addin/gateway/browser';
import type { CellValue } from '../../shared/workbook/gateway';
import { runPeriksa } from '../../addin/services/periksa';
import { pushApproved, queuedCount } from '../../addin/services/sync';
import { decide, reviewItems } from '../../addin/services/tinjau';
import { writeE2eWorkbook } from './support/e2e-workbook';

const conn = { server: 'https://mutasi.test', token: 'secret' };

async function openBook(): Promise<BrowserGateway> {
  const file = join(mkdtempSync(join(tmpdir(), 'mutasi-sync-')), 'kantor.xlsx');
  await writeE2eWorkbook(file);
  const buf = readFileSync(file);
  return BrowserGateway.open(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, 'kantor.xlsx');
}

/** A co-author inserting rows at `at` (what Excel's Insert does): the rows below move down. */
async function insertRows(gw: BrowserGateway, sheet: string, at: number, rows: CellValue[][]): Promise<void> {
  const [s] = await gw.readSheets([sheet]);
  const below = s!.values.slice(at - 1);
  const width = Math.max(...below.map((r) => r.length), ...rows.map((r) => r.length));
  const pad = (r: CellValue[]) => [...r, ...Array<CellValue>(width - r.length).fill(null)];
  await gw.writeValues([{ sheet, row: at, col: 1, values: [...rows, ...below].map(pad) }]);
}

async function usulanRow(gw: BrowserGateway, row: number): Promise<Record<string, unknown>> {
  const [s] = await gw.readSheets(['Usulan']);
  const head = s!.values[0]!.map(String);
  return Object.fromEntries(head.map((h, i) => [h, s!.values[row - 1]?.[i] ?? null]));
}

describe('addin: Sinkron push queue and write-back', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('keeps an unsent approval queued, re-sends the same mutationId, writes the record number back', async () => {
    const gw = await openBook();
    const check = await runPeriksa(gw, { lang: 'id' });
    const items = reviewItems(check);
    assert.equal((await decide(gw, check, items.find((i) => i.proposal.row === 3)!, 'Disetujui', '')).refusal, 'error', 'an error row is refused');
    assert.equal((await decide(gw, check, items.find((i) => i.proposal.row === 4)!, 'Disetujui', '')).refusal, 'needNote', 'a warning row needs a note');
    assert.equal((await decide(gw, check, items.find((i) => i.proposal.row === 2)!, 'Disetujui', '')).refusal, null);
    const approved = await usulanRow(gw, 2);
    assert.equal(approved.Status, 'Disetujui');
    assert.match(String(approved['ID Mutasi']), /^[0-9a-f-]{36}$/);

    // Offline: nothing lost, the id stays in the workbook and in this computer's queue.
    globalThis.fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const offline = await pushApproved(gw, conn, 'id');
    assert.equal(offline.offline, true);
    assert.equal(offline.queued, 1);
    assert.equal(await queuedCount(gw), 1, 'the pane shows what waits on this computer');
    assert.equal((await usulanRow(gw, 2)).Status, 'Disetujui');

    // Back online: the same id goes out, based on the official version, and the answer is written back.
    // The fake only answers and records; the assertions run after the push (a throw inside fetch would
    // read as "offline" to the client and surface as some later, unrelated mismatch).
    const requests: { method: string; url: string; authorization: string | undefined }[] = [];
    const bodies: { workbookId: string; decisions: { mutationId: string; baseVersion: number; fromPositionCode: string; effectiveDate: string }[] }[] = [];
    globalThis.fetch = (async (url: string | URL, init?: RequestInit) => {
      const u = String(url);
      requests.push({ method: init?.method ?? 'GET', url: u.replace(conn.server, ''), authorization: (init?.headers as Record<string, string> | undefined)?.Authorization });
      if (u.includes('/employees/')) return new Response(JSON.stringify({ nip: '198503122010011002', version: 3 }), { status: 200 });
      if (!init?.method) {
        // GET /decisions: who approved, as the server recorded it from the token.
        return new Response(JSON.stringify({ decisions: bodies.flatMap((b) => b.decisions.map((x) => ({ mutationId: x.mutationId, recordNo: 'MUT-2026-000042', approvedBy: 'Kepala BKPSDM', nip: '198503122010011002' }))) }), { status: 200 });
      }
      const body = JSON.parse(String(init.body));
      bodies.push(body);
      return new Response(JSON.stringify({ results: body.decisions.map((d: { mutationId: string }) => ({ mutationId: d.mutationId, status: 'recorded', recordNo: 'MUT-2026-000042', version: 4, findings: [] })) }), { status: 200 });
    }) as typeof fetch;
    const online = await pushApproved(gw, conn, 'id');
    assert.equal(online.offline, false, 'the stand-in answered (a throw inside it reads as offline)');
    assert.deepEqual(requests.map((r) => `${r.method} ${r.url.replace(/\?.*/, '')}`), [
      'GET /api/v1/employees/198503122010011002',
      'POST /api/v1/decisions',
      'GET /api/v1/decisions',
    ], 'the base version, the push, then who approved (this answer names nobody)');
    assert.deepEqual(requests.filter((r) => r.authorization !== 'Bearer secret'), [], 'every request carries the token');
    assert.match(requests[2]!.url, /\/decisions\?from=2027-01-02&to=2027-01-02$/);
    assert.equal(online.recorded, 1);
    assert.equal(await queuedCount(gw), 0);
    assert.equal(bodies.length, 1);
    assert.equal(bodies[0]!.decisions.length, 1, 'queued once, sent once');
    const d = bodies[0]!.decisions[0]!;
    assert.equal(d.mutationId, approved['ID Mutasi']);
    assert.equal(d.baseVersion, 3);
    assert.equal(d.fromPositionCode, 'BKP-PEL');
    assert.equal(d.effectiveDate, '2027-01-02');
    const recorded = await usulanRow(gw, 2);
    assert.equal(recorded.Status, 'Tercatat');
    assert.equal(recorded['Nomor Catatan'], 'MUT-2026-000042');
    assert.equal(recorded['Disetujui Oleh'], 'Kepala BKPSDM', "the token holder, as the server recorded it");
    assert.equal(online.results[0]!.proposalId, 'U-0001');
    assert.equal(online.results[0]!.name, 'Budi Santoso');
    assert.equal(recorded['Keterangan Internal'], 'rapat 12 Nov');

    // Nothing left to send.
    const again = await pushApproved(gw, conn, 'id');
    assert.equal(again.sent, 0);
    assert.equal(bodies.length, 1);
  });

  it('keeps the proposer\'s explanation through Periksa and sends it with the decision', async () => {
    const gw = await openBook();
    await runPeriksa(gw, { lang: 'id' }); // adds the Hasil Pemeriksaan column this workbook lacks
    // The row as propose left it: its explanation in Hasil Pemeriksaan.
    const [s] = await gw.readSheets(['Usulan']);
    const col = s!.values[0]!.map(String).indexOf('Hasil Pemeriksaan') + 1;
    assert.ok(col > 0);
    const line = 'Usulan otomatis (mutasi propose): skor 61,50 = JPM 40,00 + kinerja 15,00 + rotasi 6,50.';
    await gw.writeValues([{ sheet: 'Usulan', row: 2, col, values: [[line]] }]);
    let check = await runPeriksa(gw, { lang: 'id' });
    check = await runPeriksa(gw, { lang: 'id' });
    const after = String((await usulanRow(gw, 2))['Hasil Pemeriksaan']);
    assert.ok(after.endsWith(` — ${line}`) && !after.startsWith('Usulan'), `the verdict first, the explanation kept once: ${after}`);
    assert.equal((await decide(gw, check, reviewItems(check).find((i) => i.proposal.row === 2)!, 'Disetujui', '')).refusal, null);
    const sent: { explanation?: string }[] = [];
    globalThis.fetch = (async (url: string | URL, init?: RequestInit) => {
      if (String(url).includes('/employees/')) return new Response(JSON.stringify({ version: 3 }), { status: 200 });
      if (!init?.method) return new Response(JSON.stringify({ decisions: [] }), { status: 200 });
      const body = JSON.parse(String(init.body));
      sent.push(...body.decisions);
      return new Response(JSON.stringify({ results: body.decisions.map((d: { mutationId: string }) => ({ mutationId: d.mutationId, status: 'recorded', recordNo: 'MUT-2026-000043', version: 4, findings: [], approvedBy: 'Kepala BKPSDM' })) }), { status: 200 });
    }) as typeof fetch;
    await pushApproved(gw, conn, 'id');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.explanation, line);
  });

  it('writes a rejection on the row and leaves it approved for a fix', async () => {
    const gw = await openBook();
    const check = await runPeriksa(gw, { lang: 'id' });
    const warning = reviewItems(check).find((i) => i.proposal.row === 4)!;
    assert.equal((await decide(gw, check, warning, 'Disetujui', 'Kebutuhan mendesak di Dinas Sosial')).refusal, null);
    assert.equal((await usulanRow(gw, 4)).Catatan, 'Kebutuhan mendesak di Dinas Sosial');
    globalThis.fetch = (async (url: string | URL, init?: RequestInit) => {
      if (String(url).includes('/employees/')) return new Response(JSON.stringify({ version: 1 }), { status: 200 });
      const body = JSON.parse(String(init!.body));
      return new Response(JSON.stringify({ results: body.decisions.map((x: { mutationId: string }) => ({ mutationId: x.mutationId, status: 'rejected', message: 'SKP tahun lalu kosong', findings: [{ rule: 'PERFORMANCE_MISSING' }] })) }), { status: 200 });
    }) as typeof fetch;
    const out = await pushApproved(gw, conn, 'id');
    assert.equal(out.offline, false, 'the stand-in answered (a throw inside it reads as offline)');
    assert.equal(out.rejected, 1);
    const row = await usulanRow(gw, 4);
    assert.equal(row.Status, 'Disetujui');
    assert.equal(row['Hasil Sinkron'], 'Ditolak server: SKP tahun lalu kosong (PERFORMANCE_MISSING)');
    assert.equal(row['Nomor Catatan'], null);
  });

  it('refuses a decision when the row moved since the check (a co-author inserted a row), writing nothing', async () => {
    const gw = await openBook();
    const check = await runPeriksa(gw, { lang: 'id' });
    const clean = reviewItems(check).find((i) => i.proposal.row === 2)!;
    await insertRows(gw, 'Usulan', 2, [['U-0099', '199103082015012007', 'KES-PEL', 'Rotasi', '02/01/2027', 'Diajukan']]);
    assert.equal((await decide(gw, check, clean, 'Disetujui', '')).refusal, 'stale');
    assert.equal((await usulanRow(gw, 2)).Status, 'Diajukan', 'the inserted row keeps its status');
    assert.equal((await usulanRow(gw, 3)).Status, 'Diajukan', 'and so does the row that moved');
    // After a new check the same decision lands on the right row.
    const again = await runPeriksa(gw, { lang: 'id' });
    const moved = reviewItems(again).find((i) => i.proposal.id === 'U-0001')!;
    assert.equal(moved.proposal.row, 3);
    assert.equal((await decide(gw, again, moved, 'Disetujui', '')).refusal, null);
    assert.equal((await usulanRow(gw, 3)).Status, 'Disetujui');
  });

  it('writes each answer on the row that holds its ID Mutasi now, even if rows moved while the push was out', async () => {
    const gw = await openBook();
    const check = await runPeriksa(gw, { lang: 'id' });
    assert.equal((await decide(gw, check, reviewItems(check).find((i) => i.proposal.row === 2)!, 'Disetujui', '')).refusal, null);
    globalThis.fetch = (async (url: string | URL, init?: RequestInit) => {
      if (String(url).includes('/employees/')) return new Response(JSON.stringify({ version: 1 }), { status: 200 });
      if (!init?.method) return new Response(JSON.stringify({ decisions: [] }), { status: 200 });
      // While the request is out, someone inserts two rows at the top of Usulan.
      await insertRows(gw, 'Usulan', 2, [['U-0098'], ['U-0099']]);
      const body = JSON.parse(String(init.body));
      return new Response(JSON.stringify({ results: body.decisions.map((x: { mutationId: string }) => ({ mutationId: x.mutationId, status: 'recorded', recordNo: 'MUT-2026-000007', version: 2, findings: [] })) }), { status: 200 });
    }) as typeof fetch;
    const out = await pushApproved(gw, conn, 'id');
    assert.equal(out.offline, false, 'the stand-in answered (a throw inside it reads as offline)');
    assert.equal(out.recorded, 1);
    assert.equal(out.results[0]!.row, 4);
    const row = await usulanRow(gw, 4);
    assert.equal(row['No Usulan'], 'U-0001');
    assert.equal(row['Nomor Catatan'], 'MUT-2026-000007');
    assert.equal(row.Status, 'Tercatat');
    assert.equal((await usulanRow(gw, 2))['Nomor Catatan'], null, 'not on the row that used to be there');
  });
});
