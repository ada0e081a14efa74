/**
 * The Talenta pane end to end in headless Chromium, in the browser host, with the keyboard only: compute
 * (the 9-box counts are the command line's), a box opened by arrows and Enter shows its people, the key
 * posts filtered to those without a ready successor, one post opened → its successors and a development
 * plan; "Tulis ke buku kerja" writes Talenta and Suksesi, a second write replaces them, and the saved file
 * holds each sheet once with one table. Screenshots go to test-artifacts/addin/ (talenta-*.png).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { successionSheets } from '../../shared/succession';
import { readXlsx } from '../../shared/xlsx/read';
import { entryData, readZip } from '../../shared/xlsx/zip';
import { buildDemo, demoWorkbook } from '../../sync-server/xlsx/demo';
import { launchChromium } from './support/browser';
import { buildAddin } from './support/build';
import { startTestServer, type TestServer } from './support/server';

const root = join(__dirname, '..', '..');
const artifacts = join(root, 'test-artifacts', 'addin');

async function shot(page: Page, name: string) {
  await page.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()');
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** Presses Tab until the focused element's text matches (at most 40 times). */
async function tabTo(page: Page, text: RegExp): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const t = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');
    if (text.test(t)) return;
  }
  throw new Error(`no focusable element matching ${text}`);
}

async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, select, summary')) {
      const name = el.getAttribute('aria-label') || el.innerText || el.closest('label')?.textContent || '';
      if (!name.trim()) out.push(el.outerHTML.slice(0, 80));
    }
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) out.push('duplicate id ' + id);
    return out;
  })()`);
}

describe('addin: Talenta pane in Chromium (browser host, keyboard)', function () {
  this.timeout(180_000);
  let server: TestServer;
  let browser: Browser;
  let dir: string;
  let page: Page | null = null;

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'mutasi-talenta-e2e-'));
    const built = await buildAddin();
    server = await startTestServer(built.dir);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await page.screenshot({ path: join(artifacts, 'talenta-failure.png'), fullPage: true }).catch(() => {});
  });

  it('grid, a box, the flagged posts, a post opened, and the two sheets written twice without duplicates', async () => {
    const file = join(dir, 'kantor.xlsx');
    const data = buildDemo({ employees: 400, seed: 2 });
    await demoWorkbook(data, 2).workbook.xlsx.writeFile(file);
    const want = successionSheets(readXlsx(new Uint8Array(readFileSync(file)), () => true).sheets).result!;

    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 420, height: 900 } });
    const pg = await context.newPage();
    page = pg;
    const errors: string[] = [];
    pg.on('pageerror', (e) => errors.push(e.message));
    await pg.goto(`${server.url}/taskpane.html?pane=talenta`);
    await pg.waitForSelector('body[data-ready=browser]');
    await pg.setInputFiles('[data-testid=file-input]', file);
    await pg.waitForSelector('[data-testid=file-name]');

    // Keyboard: from the Talenta tab, Tab to the compute button, Enter.
    await pg.focus('#tab-talenta');
    await tabTo(pg, /^Hitung talenta & suksesi$/);
    await pg.keyboard.press('Enter');
    await pg.waitForSelector('[data-testid=talenta-summary]');
    assert.match(await pg.getByTestId('talenta-summary').innerText(), new RegExp(`${want.counts.keyPosts} jabatan kunci · ${want.counts.withoutReady} tanpa suksesor siap sekarang`));
    // The grid shows the core's counts, box by box.
    for (let b = 1; b <= 9; b++) {
      assert.equal(Number((await pg.locator(`button.box[data-box="${b}"] b`).innerText()).replace(/\./g, '')), want.talent.byBox[b - 1], `box ${b}`);
    }

    // Box 6 is the grid's first cell; arrows move to box 9 (top right), Enter opens its people.
    await pg.focus('button.box[data-box="6"]');
    await pg.keyboard.press('ArrowRight');
    await pg.keyboard.press('ArrowRight');
    assert.equal(await pg.evaluate(() => (document.activeElement as HTMLElement).dataset.box), '9');
    await pg.keyboard.press('Enter');
    await pg.waitForSelector('[data-testid=box-people]');
    assert.equal(await pg.locator('button.box[data-box="9"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await pg.locator('[data-testid=box-people] tbody tr').count(), Math.min(40, want.talent.byBox[8]!));

    // Only the posts without a ready successor; the first one opened with Enter.
    await pg.getByLabel('Tampilkan').selectOption('flagged');
    const flagged = want.posts.filter((p) => p.noReadySuccessor);
    assert.ok(flagged.length > 0);
    assert.equal(await pg.locator('[data-testid=posts] > li').count(), flagged.length);
    const head = pg.locator('[data-testid=posts] > li button.post-head').first();
    await head.focus();
    await pg.keyboard.press('Enter');
    assert.equal(await head.getAttribute('aria-expanded'), 'true');
    await pg.waitForSelector('[data-testid=post-detail]');
    const detail = await pg.getByTestId('post-detail').innerText();
    assert.match(detail, /Pemangku: /);
    assert.match(detail, /Suksesor|Tidak ada kandidat/);
    if ((await pg.locator('details.plan').count()) > 0) {
      await pg.locator('details.plan summary').first().focus();
      await pg.keyboard.press('Space');
      assert.match(await pg.locator('details.plan').first().innerText(), /Kesenjangan kompetensi: /);
    }
    assert.deepEqual(await unnamedControls(pg), []);
    await shot(pg, 'talenta-1-post');

    // Back to every post, with the grid's box closed: the overview picture for the guide.
    await pg.getByLabel('Tampilkan').selectOption('all');
    await pg.locator('button.box[data-box="9"]').click();
    await shot(pg, 'talenta-2-ringkas');

    // Tulis ke buku kerja, twice; the download holds each sheet once and one table.
    for (let i = 0; i < 2; i++) {
      await pg.getByTestId('write-talenta').click();
      await pg.getByText(/Lembar Talenta dan Suksesi ditulis/).waitFor();
    }
    const out = join(dir, 'hasil.xlsx');
    const [dl] = await Promise.all([pg.waitForEvent('download'), pg.getByRole('button', { name: /Simpan \(unduh\)/ }).click()]);
    await dl.saveAs(out);
    const bytes = new Uint8Array(readFileSync(out));
    const read = readXlsx(bytes, () => true);
    assert.equal(read.names.filter((n) => n === 'Talenta').length, 1);
    assert.equal(read.names.filter((n) => n === 'Suksesi').length, 1);
    assert.equal(read.names.filter((n) => /Mutasi/.test(n)).length, 0, read.names.join());
    assert.equal(readZip(bytes).filter((e) => e.name.startsWith('xl/tables/')).length, 1);
    const talenta = read.sheets.find((s) => s.name === 'Talenta')!;
    assert.equal(talenta.values[2]![0], 'NIP');
    const suksesi = read.sheets.find((s) => s.name === 'Suksesi')!;
    assert.match(String(suksesi.values[0]![0]), /^Rencana Suksesi — dibuat oleh Mutasi/);
    // The people in the table are the talent pool's.
    const nips = talenta.values.slice(3).map((r) => r[0]).filter((v) => typeof v === 'string' && v !== '');
    assert.equal(nips.length, want.talent.people.length);
    const tableXml = Buffer.from(entryData(readZip(bytes).find((e) => e.name.startsWith('xl/tables/'))!)).toString('utf8');
    assert.match(tableXml, /ref="A3:L\d+"/);
    assert.deepEqual(errors, []);
  });
});
