/**
 * Sinkron's "Dokumen keputusan": the record numbers of the workbook's Tercatat rows go to a real server
 * (SQLite) for a 10-minute link; in Excel the link is opened in the browser (Office.context.ui), and
 * that address gives the documents without a token.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { BrowserGateway } from '../../addin/gateway/browser';
import type { WorkbookHost } from '../../addin/host/types';
import { deliver, documentsLink, recordedNumbers } from '../../addin/services/documents';
import { openDatabase } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { createToken } from '../../sync-server/db/tokens';
import { createApp } from '../../sync-server/server/app';
import { seedDecisions } from '../server/support/documents';
import { listen } from '../server/support/http';
import { writeE2eWorkbook } from './support/e2e-workbook';

describe('addin: Sinkron — decision documents of the recorded rows', function () {
  this.timeout(60_000);

  it('sends the Tercatat rows\' record numbers, opens the link in the browser (Excel), and the link gives the documents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mutasi-addin-docs-'));
    const db = openDatabase(join(dir, 'mutasi.sqlite'));
    await migrateLatest(db);
    const a = await seedDecisions(db, 3);
    const approver = (await createToken(db, { name: 'Kepala BKPSDM', role: 'approver' }, 'test')).token;
    const staff = (await createToken(db, { name: 'Staf', role: 'staff' }, 'test')).token;
    const server = await listen(createApp({ db, config: { logLevel: 'silent' } }));
    const realOffice = (globalThis as { Office?: unknown }).Office;
    try {
      const file = join(dir, 'kantor.xlsx');
      await writeE2eWorkbook(file);
      const buf = readFileSync(file);
      const gw = await BrowserGateway.open(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, 'kantor.xlsx');
      assert.deepEqual(await recordedNumbers(gw, 'id'), [], 'nothing recorded yet');
      // Rows 2 and 3 recorded (as a push writes them back).
      const [usulan] = await gw.readSheets(['Usulan']);
      const header = usulan!.values[0]!;
      const statusCol = usulan!.startCol + header.findIndex((v) => v === 'Status');
      const noCol = usulan!.startCol + header.length;
      await gw.writeValues([
        { sheet: 'Usulan', row: 1, col: noCol, values: [['Nomor Catatan']] },
        ...([[2, a.decisions[0]!], [3, a.decisions[1]!]] as const).flatMap(([row, d]) => [
          { sheet: 'Usulan', row, col: statusCol, values: [['Tercatat']] },
          { sheet: 'Usulan', row, col: noCol, values: [[d.recordNo]] },
        ]),
      ]);
      const nums = await recordedNumbers(gw, 'id');
      assert.deepEqual(nums, [a.decisions[0]!.recordNo, a.decisions[1]!.recordNo]);

      await assert.rejects(documentsLink({ server: server.url, token: staff }, nums, ['sk']), /Peran staff/);
      const link = await documentsLink({ server: server.url, token: approver }, nums, ['sk', 'petikan']);
      assert.equal(link.files, 3);
      let opened = '';
      (globalThis as { Office?: unknown }).Office = { context: { ui: { openBrowserWindow: (u: string) => (opened = u) } } };
      assert.equal(await deliver({ kind: 'office' } as WorkbookHost, link), 'browser');
      assert.equal(opened, link.url);
      const res = await fetch(opened);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /zip/);
      const zip = new PizZip(Buffer.from(await res.arrayBuffer()));
      const docs = Object.keys(zip.files).filter((n) => n.endsWith('.docx'));
      assert.equal(docs.length, 3);
      assert.ok(docs.some((n) => n.includes(a.decisions[1]!.nip)));
    } finally {
      (globalThis as { Office?: unknown }).Office = realOffice;
      await server.close();
      await db.close();
    }
  });
});
