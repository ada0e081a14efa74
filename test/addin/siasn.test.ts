/**
 * Sinkron's "Status SIASN": the record numbers of the workbook's Tercatat rows go to a real server
 * (SQLite) through the add-in's API client; the server's SIASN state (sent against the local stand-in,
 * NOT BKN) comes back in words — Indonesian first, English by the switch — for every row asked, one the
 * server does not know included; a staff token is told it needs an approver or admin.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserGateway } from '../../addin/gateway/browser';
import { loadSiasnStatus, siasnErrorText, siasnLines, siasnSummary, wib, workbookSiasn } from '../../addin/services/siasn';
import { openDatabase } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { createToken } from '../../sync-server/db/tokens';
import { issueDocuments } from '../../sync-server/documents/issue';
import { createApp } from '../../sync-server/server/app';
import { SiasnService } from '../../sync-server/siasn/service';
import { seedDecisions } from '../server/support/documents';
import { listen } from '../server/support/http';
import { oauthConfig, standIn } from '../siasn/support/stand-in';
import { writeE2eWorkbook } from './support/e2e-workbook';

describe('addin: Sinkron — SIASN state of the recorded rows', function () {
  this.timeout(60_000);

  it('shows each Tercatat row\'s SIASN state in Indonesian, in English by the switch; 403 in words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mutasi-addin-siasn-'));
    const db = openDatabase(join(dir, 'mutasi.sqlite'));
    await migrateLatest(db);
    const si = await standIn();
    const a = await seedDecisions(db, 4);
    const ds = a.decisions;
    await db.knex('positions').where('code', 'like', 'T-%').update({ siasn_unor_id: 'UNOR-X', siasn_jfu_id: 'JFU-1' });
    for (const [i, id] of ['PNS-OK-0', 'PNS-REFUSE-1', 'PNS-FLAKY-2'].entries()) await db.knex('employees').where({ nip: ds[i]!.nip }).update({ siasn_pns_id: id });
    await issueDocuments(db, { kinds: ['sk'], recordNos: ds.map((d) => d.recordNo) }, { actor: 'uji', baseUrl: 'http://127.0.0.1:1' });
    const approver = (await createToken(db, { name: 'Kepala BKPSDM', role: 'approver' }, 'test')).token;
    const staff = (await createToken(db, { name: 'Staf', role: 'staff' }, 'test')).token;
    const svc = new SiasnService(db, oauthConfig(si.url));
    const server = await listen(createApp({ db, config: { logLevel: 'silent' }, siasn: svc }));
    try {
      assert.equal((await svc.round()).error, null);
      const file = join(dir, 'kantor.xlsx');
      await writeE2eWorkbook(file);
      const buf = readFileSync(file);
      const gw = await BrowserGateway.open(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, 'kantor.xlsx');
      // Rows 2–4 (the workbook's three proposals) recorded, as a push writes them back; row 4's number
      // the server does not have.
      const [usulan] = await gw.readSheets(['Usulan']);
      const header = usulan!.values[0]!;
      const statusCol = usulan!.startCol + header.findIndex((v) => v === 'Status');
      const noCol = usulan!.startCol + header.length;
      const nos = [ds[0]!.recordNo, ds[1]!.recordNo, 'MUT-2027-999999'];
      await gw.writeValues([
        { sheet: 'Usulan', row: 1, col: noCol, values: [['Nomor Catatan']] },
        ...nos.flatMap((no, i) => [
          { sheet: 'Usulan', row: i + 2, col: statusCol, values: [['Tercatat']] },
          { sheet: 'Usulan', row: i + 2, col: noCol, values: [[no]] },
        ]),
      ]);
      const conn = { server: server.url, token: approver };

      const id = await workbookSiasn(gw, conn, 'id');
      assert.deepEqual(id.asked, nos);
      assert.deepEqual(id.lines.map((l) => l.state), ['sent', 'refused', 'unknown']);
      const [sent, refused, unknown] = id.lines as [typeof id.lines[0], typeof id.lines[0], typeof id.lines[0]];
      assert.equal(sent.label, 'Terkirim');
      assert.equal(sent.detail, 'rwJabatanId RW-PNS-OK-0 · jawaban SIASN: Data berhasil disimpan');
      assert.equal(sent.name, ds[0]!.name);
      assert.equal(refused.label, 'Ditolak SIASN');
      assert.equal(refused.detail, 'pesan SIASN: Unor tidak sesuai dengan instansi');
      assert.match(unknown.label, /Tidak ada di catatan server/);
      assert.equal(siasnSummary(id.status, 'id'), 'Terkirim: 1 · Ditolak SIASN: 1');
      // The other states, asked by record number.
      const more = [ds[2]!.recordNo, ds[3]!.recordNo];
      const st2 = await loadSiasnStatus(conn, more);
      const [retry, incomplete] = siasnLines(st2, more, 'id') as [typeof id.lines[0], typeof id.lines[0]];
      assert.deepEqual([retry.state, retry.label], ['retrying', 'Gagal sementara, dicoba lagi']);
      const next = (await db.knex('siasn_pushes').where({ record_no: ds[2]!.recordNo }).first()).next_at as string;
      assert.equal(retry.detail, `percobaan berikutnya ${wib(next)} · Service Unavailable`);
      assert.match(incomplete.detail, /^kurang pnsId \(kolom ID PNS SIASN pada Pegawai \d+\)$/);
      assert.equal(incomplete.tone, 'warning');
      assert.equal(siasnSummary(st2, 'id'), 'Gagal sementara, dicoba lagi: 1 · Data kurang: 1');

      const en = await workbookSiasn(gw, conn, 'en');
      assert.deepEqual(en.lines.map((l) => l.label), ['Sent', 'Refused by SIASN', 'Not in the server\'s record (or outside this token\'s unit)']);
      assert.equal(en.lines[0]!.detail, 'rwJabatanId RW-PNS-OK-0 · SIASN answered: Data berhasil disimpan');
      assert.equal(en.lines[1]!.detail, 'SIASN says: Unor tidak sesuai dengan instansi');
      const en2 = siasnLines(st2, more, 'en');
      assert.equal(en2[0]!.detail, `next attempt ${wib(next)} · Service Unavailable`);
      assert.match(en2[1]!.detail, /^missing pnsId \(column ID PNS SIASN on Pegawai \d+\)$/);
      assert.match(siasnSummary(en.status, 'en'), /^Sent: 1 · Refused by SIASN: 1/);

      // Not configured on the server: said above the lines.
      const bare = await listen(createApp({ db, config: { logLevel: 'silent' } }));
      try {
        const st = await loadSiasnStatus({ server: bare.url, token: approver }, [ds[3]!.recordNo]);
        assert.match(siasnSummary(st, 'id'), /^SIASN belum dikonfigurasi di server/);
      } finally {
        await bare.close();
      }

      const e = await loadSiasnStatus({ server: server.url, token: staff }, nos).then(() => null, (x: unknown) => x);
      assert.equal(siasnErrorText(e, 'id'), 'Status SIASN butuh token approver atau admin.');
      assert.equal(siasnErrorText(e, 'en'), 'The SIASN status needs an approver or admin token.');
    } finally {
      await server.close();
      await si.close();
      await db.close();
    }
  });
});
