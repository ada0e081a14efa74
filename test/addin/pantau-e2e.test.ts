/**
 * The Pantau pane end to end in headless Chromium (browser host) against a real sync server serving
 * the built add-in: a supervisor token of one unit sees that unit's overdue SPMT and reviews, records
 * an SPMT and a review (the form names a missing field first), saves one while the server cannot be
 * reached (it waits in the queue and goes with "Kirim antrean", recorded once), and writes the report
 * to the sheet Pantau of the workbook it then downloads. Screenshot: test-artifacts/addin/pantau.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { createToken } from '../../sync-server/db/tokens';
import { writeFollowups } from '../../sync-server/server/followups/write';
import { FollowupBody } from '../../sync-server/server/followups/schemas';
import { agency, loadAgency } from '../server/support/fixtures';
import { daysFromToday, recordMoves, review } from '../server/support/followups';
import { allPantauWords } from '../../addin/ui/panes/pantau-words';
import { launchChromium } from './support/browser';
import { buildAddin } from './support/build';
import { writeE2eWorkbook } from './support/e2e-workbook';
import { startTestServer, type TestServer } from './support/server';

const artifacts = join(__dirname, '..', '..', 'test-artifacts', 'addin');

describe('addin: Pantau pane end to end (Chromium + real server)', function () {
  this.timeout(180_000);
  let server: TestServer;
  let browser: Browser;
  let dir: string;
  let page: Page | null = null;

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'mutasi-pantau-e2e-'));
    const built = await buildAddin();
    server = await startTestServer(built.dir);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await page.screenshot({ path: join(artifacts, 'pantau-failure.png'), fullPage: true }).catch(() => {});
  });

  it('lists what is overdue for the unit, records SPMT and a review (also offline, then sent), writes the sheet Pantau', async () => {
    const a = agency({ people: 12, targets: 2, seats: 3 });
    await loadAgency(server.db, a);
    const moves = await recordMoves(server.db, a, daysFromToday(-200), 6);
    const unitA = moves.filter((m) => m.unit === 'Unit A');
    const { info: kabid } = await createToken(server.db, { name: 'Kabid Unit A', role: 'supervisor', unit: null }, 'e2e');
    // One earlier review (SKP up) so the report has something to compare.
    const earlier = FollowupBody.parse({ entries: [review(unitA[2]!.recordNo, 6, daysFromToday(-10), { skp: 'Sangat Baik' })] }).entries;
    assert.equal((await writeFollowups(server.db, earlier, { token: kabid }))[0]!.status, 'recorded');
    const { token } = await createToken(server.db, { name: 'Kasubag Unit A', role: 'supervisor', unit: 'Unit A' }, 'e2e');

    const workbook = join(dir, 'kantor.xlsx');
    await writeE2eWorkbook(workbook);
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 420, height: 1000 }, locale: 'id-ID' });
    const pg = await context.newPage();
    page = pg;
    const errors: string[] = [];
    pg.on('pageerror', (e) => errors.push(e.message));
    await pg.goto(`${server.url}/taskpane.html?pane=pengaturan`);
    await pg.waitForSelector('body[data-ready=browser]');
    await pg.setInputFiles('[data-testid=file-input]', workbook);
    await pg.waitForSelector('[data-testid=file-name]');
    await pg.getByLabel('Token').fill(token);
    await pg.getByRole('button', { name: 'Simpan', exact: true }).click();
    await pg.getByText('Tersimpan').waitFor();

    await pg.getByRole('tab', { name: /Pantau/ }).click();
    await pg.getByRole('button', { name: 'Muat daftar' }).click();
    await pg.waitForSelector('[data-testid=pantau-due]');
    // Unit A only (the token's unit): 3 SPMT and 2 six-month reviews overdue (one review is done).
    const items = pg.locator('ul.followups > li');
    assert.equal(await items.count(), unitA.length + unitA.length - 1);
    const text = await pg.getByTestId('pantau-due').innerText();
    assert.ok(!text.includes('Unit B'), 'nothing of Unit B');
    assert.match(text, /Terlambat 170 hari/);
    assert.equal(await pg.locator('[data-count=overdue]').innerText(), String(unitA.length * 2 - 1));

    // SPMT of the first move.
    const spmtItem = pg.locator(`li[data-item="${unitA[0]!.recordNo}-spmt-0"]`);
    await spmtItem.getByRole('button', { name: /Isi SPMT/ }).click();
    await spmtItem.getByLabel('Tanggal SPMT').fill(daysFromToday(-185));
    await spmtItem.getByRole('button', { name: 'Simpan dan kirim' }).click();
    await pg.locator('.notice.success', { hasText: `Tercatat ${unitA[0]!.recordNo}` }).waitFor();
    await pg.locator(`li[data-item="${unitA[0]!.recordNo}-spmt-0"]`).waitFor({ state: 'detached' });

    // A review: Pelatihan without saying which is named on the form, nothing sent.
    const reviewItem = pg.locator(`li[data-item="${unitA[0]!.recordNo}-review-6"]`);
    await reviewItem.getByRole('button', { name: /Isi Evaluasi/ }).click();
    await reviewItem.getByLabel('Predikat SKP di jabatan baru').selectOption('Butuh Perbaikan');
    await reviewItem.getByLabel('Catatan adaptasi').fill('Masih menyesuaikan diri dengan aplikasi perencanaan unit');
    await reviewItem.getByLabel('Tindak lanjut').selectOption('Pelatihan');
    await reviewItem.getByRole('button', { name: 'Simpan dan kirim' }).click();
    await reviewItem.getByText('Pelatihan apa?').waitFor();
    await reviewItem.getByLabel('Pelatihan apa').fill('Diklat Perencanaan Anggaran');
    await reviewItem.getByRole('button', { name: 'Simpan dan kirim' }).click();
    await pg.locator('.notice.success', { hasText: 'Tercatat' }).waitFor();
    await pg.locator(`li[data-item="${unitA[0]!.recordNo}-review-6"]`).waitFor({ state: 'detached' });

    // The server cannot be reached: the SPMT waits in the queue; "Kirim antrean" sends it, recorded once.
    await pg.route('**/api/v1/followups', (route) => route.abort('connectionrefused'));
    const second = pg.locator(`li[data-item="${unitA[1]!.recordNo}-spmt-0"]`);
    await second.getByRole('button', { name: /Isi SPMT/ }).click();
    await second.getByLabel('Tanggal SPMT').fill(daysFromToday(-150));
    await second.getByRole('button', { name: 'Simpan dan kirim' }).click();
    await pg.getByTestId('pantau-queue').waitFor();
    assert.match(await pg.getByTestId('pantau-queue').innerText(), /Menunggu dikirim: 1/);
    await pg.unroute('**/api/v1/followups');
    await pg.getByRole('button', { name: 'Kirim antrean' }).click();
    await pg.getByTestId('pantau-queue').waitFor({ state: 'detached' });
    await pg.locator('.notice.success', { hasText: `Tercatat ${unitA[1]!.recordNo}` }).waitFor();
    const rows = await server.db.knex('followups').where({ record_no: unitA[1]!.recordNo }).first();
    assert.equal(rows.spmt_date, daysFromToday(-150));
    assert.equal(Number(((await server.db.knex('followup_mutations').count({ n: '*' }).first()) as { n: string }).n), 4);

    // The report: Unit A only; one SKP higher, one lower.
    await pg.getByRole('button', { name: 'Muat daftar' }).click();
    await pg.waitForSelector('[data-testid=pantau-report]');
    // The report shown before this load stays on screen until the new one arrives: wait for the reload
    // (the queued SPMT, now late, moves from missing to late) instead of reading the old row.
    const expected = /^Unit A\t3\t1 \/ 1 \/ 1\t2 \/ 1\t\s*1 \/ 0 \/ 1$/;
    const firstRow = pg.locator('[data-testid=pantau-report] tbody tr').first();
    let reportRow = await firstRow.innerText();
    for (let i = 0; i < 100 && !expected.test(reportRow); i++) {
      await pg.waitForTimeout(100);
      reportRow = await firstRow.innerText();
    }
    assert.match(reportRow, expected);
    // The pane fits the task pane's width (no sideways scrolling).
    assert.ok(await pg.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), 'no horizontal overflow');

    // Every control named, no duplicate ids (a screen reader's minimum).
    const problems = await pg.evaluate(`(() => {
      const out = [];
      for (const el of document.querySelectorAll('button, input, select, textarea')) {
        const named = (el.getAttribute('aria-label') || el.innerText || el.closest('label')?.textContent || '').trim();
        if (!named) out.push(el.outerHTML.slice(0, 80));
      }
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) out.push('duplicate id ' + id);
      return out;
    })()`);
    assert.deepEqual(problems, []);

    // The sheet Pantau, in the workbook that is downloaded.
    await pg.getByRole('button', { name: 'Tulis ke sheet Pantau' }).click();
    await pg.locator('.notice.success', { hasText: 'Ditulis ke sheet Pantau' }).waitFor();
    await pg.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()');
    await pg.screenshot({ path: join(artifacts, 'pantau.png'), fullPage: true });
    const [dl] = await Promise.all([pg.waitForEvent('download'), pg.getByRole('button', { name: /Simpan \(unduh\)/ }).click()]);
    const saved = join(dir, 'unduhan.xlsx');
    await dl.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const ws = wb.getWorksheet('Pantau')!;
    assert.ok(ws, 'sheet Pantau');
    assert.equal(ws.getCell('A2').value, 'Unit Kerja');
    assert.equal(ws.getCell('A3').value, 'Unit A');
    assert.equal(ws.getCell('B3').value, 1);
    assert.match(String(ws.getCell('M1').value), /mode peramban tidak dapat membuat grafik Excel/);
    assert.ok(wb.getWorksheet('Pegawai'), 'the office\'s sheets are still there');
    // English by the switch: the pane's own words all change (names and units from the record stay).
    await pg.getByRole('button', { name: /English|Bahasa/ }).first().click();
    await pg.getByRole('button', { name: 'Load list' }).waitFor();
    const body = await pg.locator('[aria-label="Monitor"]').innerText();
    const left = allPantauWords('en').filter((x) => x.other !== x.text && x.other.length >= 8 && !x.text.includes(x.other)).map((x) => x.other).filter((x) => body.includes(x));
    assert.deepEqual(left, []);
    assert.match(body, /Overdue 170 days SPMT/);
    await pg.screenshot({ path: join(artifacts, 'pantau-en.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
