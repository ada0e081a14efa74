/**
 * "Tarik data resmi" keeps the recorded decisions it pulls (workbook settings), so an employee the
 * record already moved, with a TMT Jabatan still ahead of the as-of date, is no DATE_IN_FUTURE even in a
 * workbook that never had that decision's Usulan row (a supervisor's copy, another office's list).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserGateway } from '../../addin/gateway/browser';
import { runPeriksa } from '../../addin/services/periksa';
import { pullOfficial } from '../../addin/services/sync';
import { mergeRecorded, parseRecorded, RECORDED_KEY, serializeRecorded } from '../../addin/workbook/recorded';
import { parseDateText } from '../../shared/values/dates';
import { writeE2eWorkbook } from './support/e2e-workbook';

const conn = { server: 'https://mutasi.test', token: 'secret' };
const day = (iso: string) => parseDateText(iso)!;

async function openBook(): Promise<BrowserGateway> {
  const file = join(mkdtempSync(join(tmpdir(), 'mutasi-recorded-')), 'salinan.xlsx');
  await writeE2eWorkbook(file);
  const buf = readFileSync(file);
  return BrowserGateway.open(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, 'salinan.xlsx');
}

/** A server whose change log moves Wulan Sari (no Usulan row in the workbook) to SOS-PEL from 4 January 2027. */
function stubServer(withDecision: boolean): typeof fetch {
  const nip = '198912252013031006';
  const changes = [
    { version: 1, kind: 'employee', data: { nip, name: 'Wulan Sari', rank: 'III/a', positionCode: 'SOS-PEL', positionStart: '2027-01-04', version: 7 } },
    ...(withDecision
      ? [{ version: 2, kind: 'decision', data: { recordNo: 'MUT-2026-000042', mutationId: '6f9c2a1e-0b7d-4c3e-9a8f-1d2e3f4a5b6c', approvedBy: 'Kepala BKPSDM', nip, toPositionCode: 'SOS-PEL', effectiveDate: '2027-01-04' } }]
      : []),
  ];
  return (async (url: string | URL) => {
    assert.match(String(url), /\/api\/v1\/changes\?cursor=0/);
    return new Response(JSON.stringify({ cursor: changes.length, more: false, reset: false, changes }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
}

describe('addin: recorded decisions kept by a pull', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  for (const withDecision of [true, false]) {
    it(withDecision ? 'a pulled move recorded ahead of its TMT: no DATE_IN_FUTURE on that row' : 'the same row without the decision in the record: DATE_IN_FUTURE (the control)', async () => {
      const gw = await openBook();
      globalThis.fetch = stubServer(withDecision);
      const pulled = await pullOfficial(gw, conn, 'id');
      assert.equal(pulled.rowsUpdated, 1);
      const check = await runPeriksa(gw, { lang: 'id' });
      const future = check.result.findings.filter((f) => f.rule === 'DATE_IN_FUTURE');
      if (withDecision) {
        assert.deepEqual(future, []);
        const kept = parseRecorded((await gw.readSettings([RECORDED_KEY]))[RECORDED_KEY]);
        assert.deepEqual(kept, [{ recordNo: 'MUT-2026-000042', nip: '198912252013031006', toCode: 'SOS-PEL', effectiveDate: day('2027-01-04') }]);
      } else {
        assert.deepEqual(future.map((f) => `${f.sheet}!${f.cell}`), ['Pegawai!F7']);
      }
    });
  }

  it('the kept list: merged by record number, old TMTs dropped, replaced on a reset, bad settings read as none', () => {
    const today = day('2026-12-02');
    const kept = [
      { recordNo: 'MUT-2025-000001', nip: '1', toCode: 'A', effectiveDate: day('2025-01-06') }, // over 400 days ago
      { recordNo: 'MUT-2026-000002', nip: '2', toCode: 'B', effectiveDate: day('2026-12-01') },
    ];
    const pulled = [
      { recordNo: 'MUT-2026-000002', nip: '2', toPositionCode: 'C', effectiveDate: '2027-01-04' }, // the same decision, its latest state
      { recordNo: 'MUT-2026-000003', nip: '3', toPositionCode: 'D', effectiveDate: '2027-02-01' },
      { recordNo: 'MUT-2026-000004', nip: '4' }, // an older server without the target: skipped
    ];
    const merged = mergeRecorded(kept, pulled, today, false);
    assert.deepEqual(merged.map((m) => `${m.recordNo} ${m.toCode}`), ['MUT-2026-000003 D', 'MUT-2026-000002 C']);
    assert.deepEqual(parseRecorded(serializeRecorded(merged)), merged);
    assert.deepEqual(mergeRecorded(kept, [pulled[1]!], today, true).map((m) => m.recordNo), ['MUT-2026-000003']);
    for (const bad of [undefined, '', 'not json', '{"a":1}', '[["x"]]', 42]) assert.deepEqual(parseRecorded(bad), []);
  });
});
