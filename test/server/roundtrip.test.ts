/**
 * Round trip through real files: `demo` → `import` (refused while the demo's deliberate data
 * mistakes are there; accepted once they are fixed) → push the approvable proposals → `export` →
 * the exported workbook shows the new positions, NIPs as text, the decisions, and `check` on it
 * finds no error.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { checkSheets } from '../../shared/engine';
import { readRoster, recordedMoves } from '../../sync-server/server/roster/read-roster';
import { isoDate } from '../../shared/values/dates';
import { sheetsToRead } from '../../shared/workbook/reader';
import type { SheetData } from '../../shared/workbook/gateway';
import { generateDemo } from '../../sync-server/xlsx/demo';
import { XlsxGateway } from '../../sync-server/xlsx/exceljs-gateway';
import { createApp } from '../../sync-server/server/app';
import { countRows } from '../../sync-server/db/queries';
import { importFile } from '../../sync-server/server/roster/import-file';
import type { DecisionInput, PushResult } from '../../sync-server/server/push/types';
import { eachDatabase } from './support/databases';
import { token } from './support/fixtures';
import { listen, postJson } from './support/http';
import { runCli } from './support/child';

async function sheetsOf(wb: ExcelJS.Workbook): Promise<SheetData[]> {
  const gw = new XlsxGateway(wb);
  return gw.readSheets(sheetsToRead(await gw.listSheets()));
}

eachDatabase('round trip: demo → import → push → export → check', (ctx) => {
  it('records every approvable proposal and exports a consistent workbook', async function () {
    this.timeout(120_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-rt-'));
    const demoFile = path.join(dir, 'demo.xlsx');
    const fixedFile = path.join(dir, 'diperbaiki.xlsx');
    const outFile = path.join(dir, 'ekspor.xlsx');

    const demo = generateDemo({ employees: 300, seed: 7 });
    await demo.xlsx.writeFile(demoFile);

    // The demo carries typical data mistakes: import refuses and writes nothing.
    const refused = runCli(['import', demoFile, '--db', ctx.url]);
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /Tidak diimpor/);
    assert.equal(await countRows(ctx.db, 'employees'), 0);
    assert.equal(await countRows(ctx.db, 'positions'), 0);

    // Fix them as an office would: drop the Pegawai/Jabatan rows that have an error.
    const { result: first } = checkSheets(await sheetsOf(demo));
    for (const sheet of ['Pegawai', 'Jabatan']) {
      const rows = [...new Set(first.findings.filter((f) => f.sheet === sheet && f.severity === 'error').map((f) => f.row))].sort((x, y) => y - x);
      assert.ok(sheet === 'Jabatan' || rows.length > 0);
      for (const r of rows) demo.getWorksheet(sheet)!.spliceRows(r, 1);
    }
    await demo.xlsx.writeFile(fixedFile);
    // (The CLI's refusal was run above; the accepted import goes through the same function in-process.)
    const imported = await importFile(ctx.db, fixedFile, 'test');
    assert.ok(imported.ok, JSON.stringify(!imported.ok && imported.errors.slice(0, 3)));
    assert.equal(imported.report.employees, await countRows(ctx.db, 'employees'));

    // Approvable: active rows whose verdict is ok, or warning (the approver writes a justification).
    const { result, book } = checkSheets(await sheetsOf(demo));
    assert.ok(book);
    const byRow = new Map(book.proposals.map((p) => [p.row, p]));
    const approvable = result.proposals.filter((p) => p.verdict === 'ok' || p.verdict === 'warning').map((p) => byRow.get(p.row)!);
    assert.ok(approvable.length >= 10, `only ${approvable.length} approvable proposals`);

    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    const server = await listen(app);
    try {
      const staff = await token(ctx.db, 'staff');
      const approver = await token(ctx.db, 'approver', null, 'Kepala BKPSDM Demo');
      const snap = await (await fetch(`${server.url}/api/v1/changes?cursor=999999999`, { headers: { Authorization: `Bearer ${staff}` } })).json();
      const official = new Map((snap.snapshot.employees as { nip: string; version: number; positionCode: string }[]).map((e) => [e.nip, e]));
      const asOf = book.settings.asOf;
      const decisions: DecisionInput[] = approvable.map((p) => {
        const e = official.get(p.nip)!;
        return {
          mutationId: randomUUID(), proposalId: p.id, nip: p.nip, fromPositionCode: e.positionCode, toPositionCode: p.toCode,
          reason: p.reason ?? 'Rotasi', effectiveDate: isoDate(p.effectiveDate ?? asOf),
          note: p.note || 'Disetujui dengan pertimbangan kebutuhan organisasi', mendagriApproval: p.mendagriApproval || null,
          baseVersion: e.version,
        };
      });
      const res = await postJson(`${server.url}/api/v1/decisions`, approver, { workbookId: randomUUID(), decisions });
      assert.equal(res.status, 200);
      const results = res.body.results as PushResult[];
      const notRecorded = results.filter((r) => r.status !== 'recorded');
      assert.deepEqual(notRecorded, [], 'every approvable proposal is recorded');

      const exported = runCli(['export', outFile, '--db', ctx.url]);
      assert.equal(exported.status, 0, exported.stderr);
      const out = new ExcelJS.Workbook();
      await out.xlsx.readFile(outFile);
      assert.deepEqual(out.worksheets.map((w) => w.name), ['Pegawai', 'Jabatan', 'Aturan', 'Keputusan']);

      // The new positions and TMTs, NIPs stored as text.
      const peg = out.getWorksheet('Pegawai')!;
      const header = (peg.getRow(1).values as string[]).slice(1);
      const col = (h: string) => header.indexOf(h) + 1;
      const rowsByNip = new Map<string, ExcelJS.Row>();
      peg.eachRow((row, n) => {
        if (n === 1) return;
        const nip = row.getCell(col('NIP'));
        assert.equal(typeof nip.value, 'string', `NIP on row ${n} is text`);
        assert.equal(nip.numFmt, '@');
        rowsByNip.set(nip.value as string, row);
      });
      for (const d of decisions) {
        const row = rowsByNip.get(d.nip)!;
        assert.equal(row.getCell(col('Kode Jabatan')).value, d.toPositionCode);
        assert.equal(isoDate(Math.round((row.getCell(col('TMT Jabatan')).value as Date).getTime() / 86_400_000)), d.effectiveDate);
      }
      const kep = out.getWorksheet('Keputusan')!;
      assert.equal(kep.actualRowCount - 1, decisions.length);
      const numbers = new Set<string>();
      kep.eachRow((row, n) => n > 1 && numbers.add(String(row.getCell(1).value)));
      for (const r of results) assert.ok(numbers.has((r as { recordNo: string }).recordNo));

      // `check` on the export at the workbook's own as-of date: no error, though most TMTs lie ahead of
      // it (decisions recorded before they take effect: the Keputusan sheet explains them).
      const ahead = decisions.filter((d) => Math.round(Date.parse(d.effectiveDate) / 86_400_000) > asOf);
      assert.ok(ahead.length >= 5, `${ahead.length} decisions with a TMT ahead of the as-of date`);
      const { result: again } = checkSheets(await sheetsOf(out), { asOf });
      assert.deepEqual(again.findings.filter((f) => f.severity === 'error'), []);
      assert.equal(again.counts.employees, rowsByNip.size);
      // …and the export imports again as it is (nothing changed: the record is the same).
      const reimported = await importFile(ctx.db, outFile, 'test');
      assert.ok(reimported.ok, JSON.stringify(!reimported.ok && reimported.errors.slice(0, 3)));
      assert.equal(reimported.report.employeesChanged, 0);
      // A workbook that pulled the record has the moved rows but maybe not the decisions (another
      // office recorded them): the server's own record is the evidence, for a file or POST /roster.
      const bare = (await sheetsOf(out)).filter((x) => x.name !== 'Keputusan');
      assert.ok(readRoster(bare).errors.some((f) => f.rule === 'DATE_IN_FUTURE'), 'without any evidence the TMTs ahead are errors');
      assert.deepEqual(readRoster(bare, await recordedMoves(ctx.db)).errors, []);
    } finally {
      await server.close();
    }
  });
});
