/**
 * Issue 14: after "Tarik data resmi", rows whose decision was recorded from another copy of the workbook
 * (the pulled decision carries proposalId; this copy never had its ID Mutasi) are marked Tercatat with
 * their record number, instead of showing SAME_POSITION once the employee's move is pulled.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserGateway } from '../../addin/gateway/browser';
import { runPeriksa } from '../../addin/services/periksa';
import { pullOfficial } from '../../addin/services/sync';
import { writeE2eWorkbook } from './support/e2e-workbook';

const conn = { server: 'https://mutasi.test', token: 'secret' };
const BUDI = '198503122010011002';
const SITI = '198707152011012003';

async function openBook(): Promise<BrowserGateway> {
  const file = join(mkdtempSync(join(tmpdir(), 'mutasi-othercopy-')), 'salinan.xlsx');
  await writeE2eWorkbook(file);
  const buf = readFileSync(file);
  return BrowserGateway.open(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, 'salinan.xlsx');
}
async function usulanRow(gw: BrowserGateway, row: number): Promise<Record<string, unknown>> {
  const [s] = await gw.readSheets(['Usulan']);
  const head = s!.values[0]!.map(String);
  return Object.fromEntries(head.map((h, i) => [h, s!.values[row - 1]?.[i] ?? null]));
}

/** Budi's U-0001 (to KES-PEL) recorded from another copy; a decision for U-0002 of someone else (no match). */
function stubServer(): typeof fetch {
  const changes = [
    { version: 1, kind: 'employee', data: { nip: BUDI, name: 'Budi Santoso', rank: 'III/a', positionCode: 'KES-PEL', positionStart: '2026-11-02', version: 5 } },
    { version: 2, kind: 'decision', data: { recordNo: 'MUT-2026-000077', mutationId: '0a9c2a1e-0b7d-4c3e-9a8f-1d2e3f4a5b6c', proposalId: 'U-0001', approvedBy: 'Kepala BKPSDM', nip: BUDI, toPositionCode: 'KES-PEL', effectiveDate: '2026-11-02' } },
    { version: 3, kind: 'decision', data: { recordNo: 'MUT-2026-000078', mutationId: '1b9c2a1e-0b7d-4c3e-9a8f-1d2e3f4a5b6c', proposalId: 'U-0002', approvedBy: 'Kepala BKPSDM', nip: '199999999999999999', toPositionCode: 'BAP-PEL', effectiveDate: '2026-11-02' } },
  ];
  return (async () => new Response(JSON.stringify({ cursor: changes.length, more: false, reset: false, changes }), { status: 200, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;
}

describe('addin: a pull marks rows recorded from another copy', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('U-0001 becomes Tercatat with its number and ID Mutasi; no SAME_POSITION; U-0002 (another person) untouched', async () => {
    const gw = await openBook();
    const before = await runPeriksa(gw, { lang: 'id' });
    assert.deepEqual(before.result.findings.filter((f) => f.rule === 'SAME_POSITION'), []);
    globalThis.fetch = stubServer();
    const s = await pullOfficial(gw, conn, 'id');
    assert.equal(s.markedRecorded, 1);
    const row = await usulanRow(gw, 2);
    assert.equal(row.Status, 'Tercatat');
    assert.equal(row['Nomor Catatan'], 'MUT-2026-000077');
    assert.equal(row['ID Mutasi'], '0a9c2a1e-0b7d-4c3e-9a8f-1d2e3f4a5b6c');
    assert.equal(row['Disetujui Oleh'], 'Kepala BKPSDM');
    const other = await usulanRow(gw, 3);
    assert.equal(other.Status, 'Diajukan');
    assert.equal(other['Nomor Catatan'], null);
    assert.equal((await usulanRow(gw, 3)).NIP, SITI);

    const after = await runPeriksa(gw, { lang: 'id' });
    assert.deepEqual(after.result.findings.filter((f) => f.rule === 'SAME_POSITION').map((f) => f.cell), [], 'the pulled move does not turn U-0001 into SAME_POSITION');
    assert.equal(after.result.proposals.find((p) => p.row === 2)!.verdict, 'inactive');
  });
});
