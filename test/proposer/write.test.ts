/** Writing proposals into sheet Usulan: new rows only, real types and formats, unique ids. */
import { strict as assert } from 'node:assert';
import { checkSheets } from '../../shared/engine';
import { newProposalIds } from '../../shared/proposer/ids';
import { dayFromYmd } from '../../shared/values/dates';
import type { SheetData } from '../../shared/workbook/gateway';
import { USULAN, canonicalHeaders } from '../../shared/workbook/schema';
import { DATE_FORMAT, JPM_FORMAT, NIP_FORMAT, writeProposals, type ProposalRow } from '../../sync-server/xlsx/write-proposals';
import { NIP_A, NIP_B, employee, proposal, sheet, workbook } from '../support/book';
import { MemoryGateway } from './support/memory-gateway';

const TMT = dayFromYmd(2026, 11, 23)!;
const row = (over: Partial<ProposalRow> = {}): ProposalRow => ({ nip: NIP_A, toCode: 'DINKES-KASI', reason: 'Rotasi', date: TMT, jpm: 83.33, explanation: 'skor 70', ...over });

describe('proposer: writing Usulan rows', () => {
  it('new ids continue after the highest U-number and never repeat one', () => {
    assert.deepEqual(newProposalIds([], 2), ['U-0001', 'U-0002']);
    assert.deepEqual(newProposalIds(['U-0007', 'u-0003', 'SK-12', 'U-0009X'], 2), ['U-0008', 'U-0009']);
    assert.deepEqual(newProposalIds(['U-9999'], 1), ['U-10000']);
  });

  it('appends below the last used row of an existing sheet, leaving every existing cell as it was', async () => {
    const usulan = sheet('Rencana Mutasi', [...canonicalHeaders(USULAN), 'Keterangan Kantor'], [proposal({ 'No Usulan': 'U-0041' })], [['USULAN MUTASI 2026'], []]);
    usulan.values.push([], [null, null, null, null, null, null, 'catatan lepas di bawah tabel']);
    const sheets: SheetData[] = [...workbook({ employees: [employee(), employee({ NIP: NIP_B, 'Tanggal Lahir': null })] }).filter((s) => s.name !== 'Usulan'), usulan];
    const before = JSON.stringify(sheets);
    const { book } = checkSheets(sheets);
    const gw = new MemoryGateway(sheets);
    const w = await writeProposals(gw, { sheet: gw.sheets.find((s) => s.name === 'Rencana Mutasi')!, layout: book!.layout.usulan, existingIds: book!.proposals.map((p) => p.id) }, [row({ nip: NIP_B }), row({ nip: '199001012015032009', jpm: null, reason: 'Promosi' })]);
    assert.equal(JSON.stringify(sheets), before, 'the caller’s sheets are untouched');
    assert.deepEqual([w.sheet, w.firstRow, w.lastRow, w.ids, w.addedHeaders], ['Rencana Mutasi', 7, 8, ['U-0042', 'U-0043'], []]);
    const out = gw.sheets.find((s) => s.name === 'Rencana Mutasi')!;
    // rows 1–6 (title, blank, header, the proposal, blank, the loose note) are exactly as before
    assert.deepEqual(out.values.slice(0, 6), usulan.values);
    const cols = book!.layout.usulan.columns;
    const at = (r: number, f: string) => gw.cell('Rencana Mutasi', r, cols[f]!.col);
    const fmt = (r: number, f: string) => gw.formats.get(`Rencana Mutasi!${r},${cols[f]!.col}`);
    assert.equal(at(7, 'nip'), NIP_B);
    assert.equal(fmt(7, 'nip'), NIP_FORMAT);
    assert.ok(at(7, 'effectiveDate') instanceof Date);
    assert.equal((at(7, 'effectiveDate') as Date).toISOString(), '2026-11-23T00:00:00.000Z');
    assert.equal(fmt(7, 'effectiveDate'), DATE_FORMAT);
    assert.equal(at(7, 'fit'), 0.8333);
    assert.equal(fmt(7, 'fit'), JPM_FORMAT);
    assert.equal(at(8, 'fit'), null);
    assert.equal(at(7, 'status'), 'Draf');
    assert.equal(at(8, 'reason'), 'Promosi');
    assert.equal(at(7, 'result'), 'skor 70');
    assert.ok(at(7, 'note') == null, 'Catatan is the supervisor’s justification: the tool leaves it empty');

    const r = checkSheets(gw.sheets).result;
    const p6 = r.proposals.find((p) => p.row === 7)!;
    assert.deepEqual([p6.id, p6.nip, p6.to], ['U-0042', NIP_B, 'DINKES-KASI']);
    assert.ok(!r.findings.some((f) => f.row === 7 && f.sheet === 'Rencana Mutasi' && ['VALUE_INVALID', 'REQUIRED_MISSING', 'NIP_PRECISION'].includes(f.rule)));
  });

  it('creates sheet Usulan with the canonical headers when the workbook has none', async () => {
    const sheets = workbook().filter((s) => s.name !== 'Usulan');
    const gw = new MemoryGateway(sheets);
    const w = await writeProposals(gw, { sheet: null, layout: null, existingIds: [] }, [row()]);
    assert.deepEqual([w.sheet, w.firstRow, w.ids], ['Usulan', 2, ['U-0001']]);
    assert.deepEqual(gw.sheets.find((s) => s.name === 'Usulan')!.values[0], canonicalHeaders(USULAN));
    const r = checkSheets(gw.sheets).result;
    assert.deepEqual(r.proposals.map((p) => [p.row, p.nip, p.to]), [[2, NIP_A, 'DINKES-KASI']]);
  });

  it('adds the tool’s missing columns at the right end of the header row, in empty cells only', async () => {
    const usulan = sheet('Usulan', ['NIP', 'Kode Jabatan Tujuan', 'Catatan'], [{ NIP: NIP_A, 'Kode Jabatan Tujuan': 'DINKES-KASI', Catatan: 'lama' }]);
    const sheets = [...workbook().filter((s) => s.name !== 'Usulan'), usulan];
    const { book } = checkSheets(sheets);
    const gw = new MemoryGateway(sheets);
    const w = await writeProposals(gw, { sheet: gw.sheets.find((s) => s.name === 'Usulan')!, layout: book!.layout.usulan, existingIds: book!.proposals.map((p) => p.id) }, [row({ nip: NIP_B })]);
    assert.deepEqual(w.addedHeaders, ['No Usulan', 'Jenis Mutasi', 'TMT Mutasi', 'Status', 'Skor JPM', 'Hasil Pemeriksaan']);
    const out = gw.sheets.find((s) => s.name === 'Usulan')!;
    assert.deepEqual(out.values[0], ['NIP', 'Kode Jabatan Tujuan', 'Catatan', 'No Usulan', 'Jenis Mutasi', 'TMT Mutasi', 'Status', 'Skor JPM', 'Hasil Pemeriksaan']);
    assert.deepEqual(out.values[1]!.slice(0, 3), [NIP_A, 'DINKES-KASI', 'lama']);
    assert.deepEqual(w.ids, ['U-0003'], 'the existing row without a number is U-0002 to the reader');
    const r = checkSheets(gw.sheets).result;
    assert.equal(r.proposals.find((p) => p.row === 3)!.id, 'U-0003');
  });
});
