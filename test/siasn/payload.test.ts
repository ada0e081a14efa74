/**
 * Riwayat jabatan payloads (docs/siasn.md): the shape the public SIASN clients send, dates DD-MM-YYYY,
 * jenisJabatan by the position's type, only the id of the position's own kind; a decision missing an
 * id or its SK is listed with what it lacks and never given a payload. Then `mutasi siasn --out --xlsx`
 * on a real record (SQLite and PostgreSQL) with SK numbers issued by the documents feature.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPayload, buildPayloads, siasnDate, type SiasnDecision } from '../../shared/siasn/payload';
import { readXlsx } from '../../shared/xlsx/read';
import { issueDocuments } from '../../sync-server/documents/issue';
import { eachDatabase } from '../server/support/databases';
import { seedDecisions } from '../server/support/documents';
import { mutasi } from '../support/cli';

const base = (over: Partial<SiasnDecision> = {}, to: Partial<SiasnDecision['to']> = {}): SiasnDecision => ({
  recordNo: 'MUT-2027-000001', nip: '198001012005011001', name: 'Siti', effectiveDate: '2027-01-04', pnsId: 'PNS-1',
  to: { code: 'T-1', name: 'Analis', unit: 'Dinas', type: 'Pelaksana', unorId: 'UNOR-1', eselonId: 'E-1', jabatanFungsionalId: 'JF-1', jabatanFungsionalUmumId: 'JFU-1', ...to },
  sk: { number: '800/12/BKPSDM/2027', date: '2026-12-20' },
  ...over,
});

describe('SIASN riwayat jabatan payload', () => {
  it('has the fields of jabatan/save (+ jenisMutasiId, tmtMutasi), dates DD-MM-YYYY', () => {
    const r = buildPayload(base(), { instansiId: 'INST-9' });
    assert.equal(r.ok, true);
    if (!r.ok) return;
    assert.deepEqual(r.payload, {
      id: null, pnsId: 'PNS-1', jenisJabatan: '4', unorId: 'UNOR-1', eselonId: null, jabatanFungsionalId: null, jabatanFungsionalUmumId: 'JFU-1',
      nomorSk: '800/12/BKPSDM/2027', tanggalSk: '20-12-2026', tmtJabatan: '04-01-2027', tmtPelantikan: '04-01-2027',
      jenisMutasiId: 'MU', tmtMutasi: '04-01-2027', instansiId: 'INST-9', satuanKerjaId: 'INST-9',
    });
    assert.equal(siasnDate('2027-02-28'), '28-02-2027');
    assert.equal(siasnDate('2027-02-30'), null);
  });

  it('jenisJabatan 1 struktural (eselonId), 2 fungsional tertentu (jabatanFungsionalId), 4 pelaksana', () => {
    for (const [type, jenis, field] of [
      ['JPT Pratama', '1', 'eselonId'], ['Administrator', '1', 'eselonId'], ['Pengawas', '1', 'eselonId'],
      ['Fungsional', '2', 'jabatanFungsionalId'], ['Pelaksana', '4', 'jabatanFungsionalUmumId'],
    ] as const) {
      const r = buildPayload(base({}, { type }));
      assert.ok(r.ok);
      if (!r.ok) continue;
      assert.equal(r.payload.jenisJabatan, jenis, type);
      const ids = { eselonId: r.payload.eselonId, jabatanFungsionalId: r.payload.jabatanFungsionalId, jabatanFungsionalUmumId: r.payload.jabatanFungsionalUmumId };
      for (const [k, v] of Object.entries(ids)) assert.equal(v === null, k !== field, `${type} ${k}`);
    }
  });

  it('lists what is missing and gives no payload: pnsId, unorId, the id of its kind, the SK', () => {
    const r = buildPayload(base({ pnsId: null, sk: null }, { type: 'Fungsional', unorId: ' ', jabatanFungsionalId: null }));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.missing.map((m) => m.field), ['pnsId', 'unorId', 'jabatanFungsionalId', 'nomorSk', 'tanggalSk']);
    assert.match(r.missing[0]!.where.id, /ID PNS SIASN pada Pegawai 198001012005011001/);
    assert.match(r.missing[2]!.where.id, /ID Jabatan Fungsional SIASN pada Jabatan T-1/);
    // A structural post without its eselon id; a position without a type.
    const s = buildPayload(base({}, { type: 'Pengawas', eselonId: null }));
    assert.ok(!s.ok && s.missing.map((m) => m.field).join() === 'eselonId');
    const t = buildPayload(base({}, { type: null }));
    assert.ok(!t.ok && t.missing.map((m) => m.field).join() === 'jenisJabatan');
    const set = buildPayloads([base(), base({ recordNo: 'MUT-2027-000002', pnsId: '' })]);
    assert.deepEqual([set.payloads.length, set.incomplete.map((x) => x.recordNo)], [1, ['MUT-2027-000002']]);
  });
});

eachDatabase('mutasi siasn --out --xlsx', (ctx) => {
  it('payloads for decisions with ids and an SK; the others listed with what they lack; xlsx all text', async function () {
    this.timeout(180_000);
    const a = await seedDecisions(ctx.db, 4);
    const [d0, d1, d2, d3] = a.decisions as [typeof a.decisions[0], typeof a.decisions[0], typeof a.decisions[0], typeof a.decisions[0]];
    // ids: every target has its unor and JFU id (one written like a formula); d2's person has no ID PNS SIASN.
    await ctx.db.knex('positions').where('code', 'like', 'T-%').update({ siasn_unor_id: 'UNOR-X', siasn_jfu_id: '=JFU()' });
    for (const d of [d0, d1, d3]) await ctx.db.knex('employees').where({ nip: d.nip }).update({ siasn_pns_id: `PNS-${d.nip.slice(-4)}` });
    // SKs for d0..d2; d3 has none yet.
    await issueDocuments(ctx.db, { kinds: ['sk'], recordNos: [d0.recordNo, d1.recordNo, d2.recordNo] }, { actor: 'uji', baseUrl: 'http://127.0.0.1:1' });
    const sk = (await ctx.db.knex('documents').where({ kind: 'sk' }).first()) as { number: string; issued_on: string };

    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-siasn-'));
    const json = path.join(dir, 'payloads.json');
    const xlsx = path.join(dir, 'payloads.xlsx');
    const r = mutasi(['siasn', '--out', json, '--xlsx', xlsx, '--db', ctx.url]);
    assert.equal(r.code, 1, r.stdout + r.stderr); // some decisions lack data
    assert.match(r.stdout, /2 payload riwayat jabatan siap; 2 keputusan belum/);
    assert.match(r.stdout, new RegExp(`${d2.recordNo}.*kurang pnsId \\(kolom ID PNS SIASN pada Pegawai ${d2.nip}\\)`));
    assert.match(r.stdout, new RegExp(`${d3.recordNo}.*kurang nomorSk`));

    const out = JSON.parse(readFileSync(json, 'utf8'));
    assert.deepEqual(out.payloads.map((p: { recordNo: string }) => p.recordNo), [d0.recordNo, d1.recordNo]);
    const p0 = out.payloads[0].payload;
    const [y, m, d] = sk.issued_on.split('-');
    assert.deepEqual(
      [p0.pnsId, p0.jenisJabatan, p0.unorId, p0.jabatanFungsionalUmumId, p0.nomorSk, p0.tanggalSk, p0.tmtJabatan],
      [`PNS-${d0.nip.slice(-4)}`, '4', 'UNOR-X', '=JFU()', sk.number, `${d}-${m}-${y}`, '04-01-2027'],
    );
    assert.deepEqual(out.incomplete.map((x: { recordNo: string }) => x.recordNo), [d2.recordNo, d3.recordNo]);
    assert.equal(out.payloads.some((p: { recordNo: string }) => p.recordNo === d2.recordNo), false);

    // The manual-entry sheet: the same rows, every cell text (no formulas), read through the product's reader.
    const book = readXlsx(new Uint8Array(readFileSync(xlsx)), () => true);
    const sheet = book.sheets.find((s) => s.name === 'Riwayat Jabatan')!;
    assert.equal(sheet.values.length, 3);
    assert.equal(sheet.values[0]![3], 'pnsId');
    for (const row of sheet.values) for (const v of row) assert.ok(v === null || typeof v === 'string', JSON.stringify(v));
    const jfuCol = sheet.values[0]!.indexOf('jabatanFungsionalUmumId');
    assert.equal(sheet.values[1]![jfuCol], '=JFU()');
    const lacking = book.sheets.find((s) => s.name === 'Kurang Data')!;
    assert.deepEqual(lacking.values.slice(1).map((r) => [r[0], r[3]]), [[d2.recordNo, 'pnsId'], [d3.recordNo, 'nomorSk, tanggalSk']]);
    const zipText = readFileSync(xlsx).toString('latin1');
    assert.equal(/<f>/.test(zipText), false);
  });
});

describe('the manual-entry .xlsx in LibreOffice', () => {
  it('opens, and every value stays the text written: a formula-like id, leading zeros, a date', async function () {
    this.timeout(180_000);
    const { textWorkbook } = await import('../../sync-server/siasn/sheet');
    const { writeFileSync } = await import('node:fs');
    const { libreOfficeCsv } = await import('../support/libreoffice');
    const bytes = await textWorkbook([{ name: 'Riwayat Jabatan', rows: [['pnsId', 'eselonId', 'tmtJabatan', 'unorId'], ['=1+1', '0021', '04-01-2027', '+62']] }]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mutasi-siasn-lo-')), 'payloads.xlsx');
    writeFileSync(file, bytes);
    const csv = libreOfficeCsv(file).trim().split(/\r?\n/);
    assert.equal(csv[0], 'pnsId,eselonId,tmtJabatan,unorId');
    assert.equal(csv[1], '=1+1,0021,04-01-2027,+62');
  });
});
