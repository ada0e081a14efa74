/**
 * The task pane end to end in headless Chromium, in the browser host, against a real sync server (temp
 * SQLite) serving the built add-in: import the roster, create an approver token, open the workbook,
 * Periksa (same counts as `mutasi check --json`), Tinjau (approve a clean row, refuse an error row),
 * Sinkron (Nomor Catatan shown; a second push of the same approval from an older copy is a duplicate),
 * and the downloaded workbook holds the record number and status Tercatat. Screenshots of every pane
 * go to test-artifacts/addin/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { allStrings } from '../../addin/i18n';
import { createToken } from '../../sync-server/db/tokens';
import { importFile } from '../../sync-server/server/roster/import-file';
import { launchChromium } from './support/browser';
import { buildAddin } from './support/build';
import { writeE2eWorkbook } from './support/e2e-workbook';
import { startTestServer, type TestServer } from './support/server';

const root = join(__dirname, '..', '..');
const artifacts = join(root, 'test-artifacts', 'addin');

function cliCheck(file: string): { counts: Record<string, number>; proposals: { row: number; verdict: string }[] } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'mutasi.cjs'), 'check', file, '--json'], { encoding: 'utf8', cwd: root });
  assert.ok(r.status === 0 || r.status === 1, `mutasi check exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function tab(page: Page, name: RegExp) {
  await page.getByRole('tab', { name }).click();
}

async function shot(page: Page, name: string) {
  // The pictures go into the user guide: no keyboard focus ring left on them.
  await page.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()');
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

async function openWorkbook(page: Page, file: string) {
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForSelector('[data-testid=file-name]');
}

/** Pane words of the other language on screen (English leaking into the Indonesian pane, or back). */
async function otherLanguageWords(page: Page, lang: 'id' | 'en'): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return allStrings(lang)
    .filter((s) => s.other !== s.text && s.other.length >= 8 && !s.text.includes(s.other))
    .map((s) => s.other)
    .filter((w) => text.includes(w));
}

/**
 * What a screen reader and a keyboard need: every control named, labels for fields, no duplicate ids,
 * tabs wired to their panel, and a visible focus ring on the focused control.
 */
async function accessibilityProblems(page: Page): Promise<string[]> {
  // A string, not a function: tsx's name helpers do not exist in the page.
  return page.evaluate(`(() => {
    const problems = [];
    const labelled = (el) => {
      const by = el.getAttribute('aria-labelledby');
      const aria = el.getAttribute('aria-label') || (by && document.getElementById(by)?.textContent);
      if (aria && aria.trim()) return true;
      if (el.innerText && el.innerText.trim()) return true;
      if (el.closest('label')?.textContent?.trim()) return true;
      return !!(el.id && document.querySelector('label[for="' + el.id + '"]')?.textContent?.trim());
    };
    for (const el of document.querySelectorAll('button, [role=tab], input, select, textarea, summary, a[href]')) {
      if (!labelled(el)) problems.push('unnamed ' + el.outerHTML.slice(0, 80));
    }
    for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('img without alt ' + img.src);
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) problems.push('duplicate id ' + id);
    for (const tab of document.querySelectorAll('[role=tab]')) {
      const panel = document.getElementById(tab.getAttribute('aria-controls') || '');
      if (!panel || panel.getAttribute('role') !== 'tabpanel') problems.push('tab ' + tab.id + ' controls no tabpanel');
    }
    return problems;
  })()`);
}

/** The focused element's outline as drawn (a keyboard user must see where they are). */
async function focusRing(page: Page): Promise<{ tag: string; text: string; outline: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    return { tag: el.tagName.toLowerCase(), text: el.innerText ?? '', outline: `${cs.outlineStyle} ${cs.outlineWidth}` };
  });
}

async function download(page: Page, to: string) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Simpan \(unduh\)/ }).click()]);
  await dl.saveAs(to);
}

describe('addin: end to end in the browser host (Chromium + real server)', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  let dir: string;

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'mutasi-e2e-'));
    const built = await buildAddin();
    server = await startTestServer(built.dir);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  let page: Page | null = null;
  afterEach(async function () {
    // A failing run leaves a picture of where it stopped.
    if (this.currentTest?.state === 'failed' && page) await page.screenshot({ path: join(artifacts, 'failure.png'), fullPage: true }).catch(() => {});
  });

  it('checks, reviews, pushes once, and records the transfer in the workbook', async () => {
    const workbook = join(dir, 'kantor.xlsx');
    await writeE2eWorkbook(workbook);
    const imported = await importFile(server.db, workbook, 'e2e');
    assert.ok(imported.ok, JSON.stringify(imported));
    const { token } = await createToken(server.db, { name: 'Kepala BKPSDM', role: 'approver' }, 'e2e');

    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 420, height: 900 } });
    const pg = await context.newPage();
    page = pg;
    const errors: string[] = [];
    pg.on('pageerror', (e) => errors.push(e.message));
    await pg.goto(`${server.url}/taskpane.html?pane=pengaturan`);
    await pg.waitForSelector('body[data-ready=browser]');

    // Pengaturan: the token goes into this browser's storage only.
    await openWorkbook(pg, workbook);
    await pg.getByLabel('Token').fill(token);
    await pg.getByRole('button', { name: 'Simpan', exact: true }).click();
    await pg.getByText('Tersimpan').waitFor();

    // Keyboard only: arrows move between the tabs, Tab goes on into the pane, Enter presses a button.
    await pg.focus('#tab-pengaturan');
    await pg.keyboard.press('ArrowLeft');
    await pg.locator('#tab-pantau[aria-selected=true]').waitFor();
    assert.equal(await pg.evaluate(() => document.activeElement?.id), 'tab-pantau');
    await pg.keyboard.press('Home');
    await pg.locator('#tab-periksa[aria-selected=true]').waitFor();
    await pg.keyboard.press('Tab');
    const ring = await focusRing(pg);
    assert.equal(ring.text, 'Periksa buku kerja', 'after the tabs, focus goes to the pane\'s first button');
    assert.match(ring.outline, /^solid [1-9]/, `visible focus: ${ring.outline}`);
    await pg.keyboard.press('Enter');

    // Periksa: the same counts as the command line.
    await pg.waitForSelector('[data-testid=counts]');
    const shown = Object.fromEntries(
      await Promise.all(['error', 'warning', 'info'].map(async (k) => [k, Number((await pg.locator(`[data-count=${k}] b`).innerText()).replace(/\./g, ''))])),
    );
    const cli = cliCheck(workbook);
    assert.deepEqual(shown, { error: cli.counts.error, warning: cli.counts.warning, info: cli.counts.info });
    // Space opens a group of findings; its heading is the rule's name, not its id alone.
    await pg.locator('details.group').first().locator('summary').focus();
    await pg.keyboard.press('Space');
    assert.equal(await pg.locator('details.group').first().getAttribute('open'), '');
    assert.match(await pg.locator('details.group summary').first().innerText(), /^Kesalahan\s+Masa jabatan minimal \(1\) · TENURE_MIN$/);
    assert.match(await pg.getByTestId('summary-sheet').innerText(), /lembar Ringkasan tanpa grafik: mode peramban/);
    assert.deepEqual(await accessibilityProblems(pg), []);
    assert.deepEqual(await otherLanguageWords(pg, 'id'), []);
    await shot(pg, '1-periksa');

    // Pengaturan after the check: the header the office added itself is offered for mapping (and ignored
    // unless someone maps it); the choice would be saved in the workbook for everyone.
    await tab(pg, /Pengaturan/);
    const mapping = pg.getByRole('combobox', { name: /Usulan · “Keterangan Internal”/ });
    assert.equal(await mapping.inputValue(), '');
    assert.ok((await mapping.locator('option').allInnerTexts()).includes('Catatan'));
    await shot(pg, '5-pengaturan');

    // Usulkan: the optimal plan for the vacancies, added as Draf rows below the existing ones.
    await tab(pg, /Usulkan/);
    // Only warning-free moves first (nothing that would need a Catatan), then the whole optimal plan.
    const strict = pg.getByRole('checkbox', { name: /Hanya mutasi tanpa peringatan/ });
    await strict.check();
    await pg.getByRole('button', { name: 'Hitung rencana optimal' }).click();
    await pg.waitForSelector('[data-testid=plan]');
    assert.equal(await pg.getByTestId('plan-warned').count(), 0, 'no move with a warning');
    assert.equal(await pg.locator('li.move .dot.warning').count(), 0);
    await strict.uncheck();
    await pg.getByRole('button', { name: 'Hitung rencana optimal' }).click();
    await pg.waitForSelector('[data-testid=plan]');
    const planned = await pg.locator('li.move').count();
    assert.ok(planned > 0, 'the plan proposes someone');
    // Why each candidate: the score's parts and the facts (SKP, talent box, months in post, education).
    assert.match(await pg.locator('li.move').first().innerText(), /skor [\d.,]+ = JPM [\d,]+/);
    assert.match(await pg.getByTestId('facts').first().innerText(), /^SKP Sangat Baik \/ Baik · Kotak talenta 7 \(suksesi\) · \d+ bulan di jabatan · S1 Administrasi Publik$/);
    await shot(pg, '2-usulkan');
    await pg.getByRole('button', { name: 'Tambahkan seluruh rencana' }).click();
    await pg.getByText(`${planned} ditambahkan ke Usulan sebagai Draf (Usulan!5–${4 + planned})`).waitFor();

    // Tinjau: the clean row is approved; the error row cannot be.
    await tab(pg, /Tinjau/);
    await pg.getByRole('button', { name: 'Periksa buku kerja' }).click(); // the workbook changed: check again
    const card = pg.getByTestId('review-card');
    await assert.doesNotReject(card.waitFor());
    assert.equal(await card.getAttribute('data-row'), '2');
    await pg.getByRole('button', { name: 'Setujui' }).click();
    await pg.getByText('U-0001: Disetujui').waitFor();
    await pg.getByRole('button', { name: 'Berikutnya' }).click();
    await pg.locator('[data-testid=review-card][data-row="3"]').waitFor();
    assert.ok(await pg.getByRole('button', { name: 'Setujui' }).isDisabled(), 'an error row cannot be approved');
    await pg.getByText('Baris dengan kesalahan tidak dapat disetujui.').waitFor();
    assert.deepEqual(await accessibilityProblems(pg), []);
    await shot(pg, '3-tinjau');
    await pg.getByRole('button', { name: 'Berikutnya' }).click();
    await pg.locator('[data-testid=review-card][data-row="4"]').waitFor();
    assert.ok(await pg.getByRole('button', { name: 'Setujui' }).isDisabled(), 'a warning row needs a Catatan first');
    // Straight to the rows that need attention, or to one proposal.
    await pg.getByLabel('Tampilkan').selectOption({ label: 'Dengan kesalahan' });
    await pg.locator('[data-testid=review-card][data-row="3"]').waitFor();
    assert.match(await pg.locator('.stepper span').innerText(), /^1 \/ 1 · /);
    await pg.getByLabel('Tampilkan').selectOption({ label: 'Semua' });
    await pg.getByLabel('Cari (No Usulan, NIP, nama)').fill('agus');
    await pg.locator('[data-testid=review-card][data-row="4"]').waitFor();
    await pg.getByLabel('Cari (No Usulan, NIP, nama)').fill('');

    // A copy saved after approval, before the push (a co-author's file, or a retry from an older copy).
    const older = join(dir, 'salinan-lama.xlsx');
    await download(pg, older);

    // Sinkron: pushed and recorded.
    await tab(pg, /Sinkron/);
    // A slow server: the progress bar shows, named after the action, and the buttons wait.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await pg.route('**/api/v1/decisions', async (route) => {
      await held;
      await route.continue();
    });
    await pg.getByRole('button', { name: 'Kirim yang disetujui' }).click();
    const bar = pg.getByRole('progressbar', { name: 'Kirim yang disetujui' });
    await bar.waitFor({ state: 'visible' });
    assert.ok(await pg.getByRole('button', { name: 'Tarik data resmi' }).isDisabled(), 'no second action while one runs');
    assert.match(await pg.locator('.notice').innerText(), /Kirim yang disetujui — Sedang bekerja/);
    release();
    await pg.waitForSelector('[data-testid=push-results]');
    await bar.waitFor({ state: 'hidden' });
    await pg.unroute('**/api/v1/decisions');
    assert.equal(await pg.locator('[data-count=recorded]').innerText(), '1');
    const recordNo = await pg.locator('.record-no').first().innerText();
    assert.match(recordNo, /^MUT-\d{4}-\d{6}$/);
    // Tarik data resmi: the transfer is official now, so Budi's Pegawai row moves to KES-PEL (highlighted).
    await pg.getByRole('button', { name: 'Tarik data resmi' }).click();
    await pg.getByTestId('pull-result').waitFor();
    assert.match(await pg.getByTestId('pull-result').innerText(), /· 1 baris Pegawai diperbarui/);
    assert.match((await pg.locator('[data-testid=push-results] li').first().innerText()).trim(), /^U-0001 · Budi Santoso \(Baris 2\) · MUT-/);
    // Status SIASN of the recorded row: this server has no SIASN settings and the row no ID PNS SIASN.
    await pg.getByRole('button', { name: 'Lihat status SIASN' }).click();
    await pg.getByTestId('siasn-result').waitFor();
    assert.match(await pg.getByTestId('siasn-result').innerText(), /^SIASN belum dikonfigurasi di server[^\n]*Data kurang: 1\s+MUT-\d{4}-\d{6} · Budi Santoso · Data kurang — kurang pnsId/);
    assert.deepEqual(await otherLanguageWords(pg, 'id'), []);
    await shot(pg, '4-sinkron');
    const after = join(dir, 'kantor-tercatat.xlsx');
    await download(pg, after);

    // The older copy pushes the same mutationId again: a duplicate with the same number, not a second record.
    await openWorkbook(pg, older);
    await pg.getByRole('button', { name: 'Kirim yang disetujui' }).click();
    await pg.locator('[data-count=duplicate]').getByText('1').waitFor();
    assert.equal(await pg.locator('[data-count=recorded]').innerText(), '0');
    assert.equal(await pg.locator('.record-no').first().innerText(), recordNo);
    const res = await fetch(`${server.url}/api/v1/decisions`, { headers: { Authorization: `Bearer ${token}` } });
    const { decisions } = (await res.json()) as { decisions: { recordNo: string; approvedBy: string }[] };
    assert.equal(decisions.length, 1);
    assert.equal(decisions[0]!.recordNo, recordNo);
    assert.equal(decisions[0]!.approvedBy, 'Kepala BKPSDM');

    // The downloaded workbook: record number and Tercatat on the row, and the CLI agrees it is history now.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(after);
    const usulan = wb.getWorksheet('Usulan')!;
    const head = (usulan.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    assert.equal(usulan.getCell(2, head.indexOf('Status')).value, 'Tercatat');
    assert.equal(usulan.getCell(2, head.indexOf('Nomor Catatan')).value, recordNo);
    assert.equal(usulan.getCell(2, head.indexOf('Disetujui Oleh')).value, 'Kepala BKPSDM', "the token's holder, from the server");
    assert.equal(usulan.getCell(2, head.indexOf('Keterangan Internal')).value, 'rapat 12 Nov', 'a user column is untouched');
    assert.equal(usulan.getCell(3, head.indexOf('Status')).value, 'Diajukan');
    const pegawai = wb.getWorksheet('Pegawai')!;
    assert.equal(pegawai.getCell('E2').value, 'KES-PEL');
    assert.equal((pegawai.getCell('E2').fill as { fgColor?: { argb?: string } }).fgColor?.argb, 'FFDEECF9');
    assert.equal(pegawai.getCell('E3').value, 'BKP-PEL', 'rows that did not change stay as they were');
    const checked = cliCheck(after);
    assert.equal(checked.proposals.find((p) => p.row === 2)!.verdict, 'inactive');
    // The proposer's Draf rows: NIP kept as text, and the engine finds no error on any of them.
    const drafts = checked.proposals.filter((p) => p.row >= 5);
    assert.equal(drafts.length, planned);
    assert.ok(drafts.every((p) => p.verdict !== 'error'), JSON.stringify(drafts));
    assert.equal(usulan.getCell(5, head.indexOf('Status')).value, 'Draf');
    assert.equal(typeof usulan.getCell(5, head.indexOf('NIP')).value, 'string');
    // English by the switch: every pane label changes, the engine's messages too, no Indonesian label left.
    await pg.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
    await pg.getByRole('tab', { name: 'Check' }).waitFor();
    assert.deepEqual(await pg.getByRole('tab').allInnerTexts(), ['Check', 'Propose', 'Talent', 'Review', 'Sync', 'Monitor', 'Settings']);
    await pg.waitForFunction(() => document.documentElement.lang === 'en'); // set in an effect after the render
    await tab(pg, /Check/);
    await pg.getByRole('button', { name: 'Check workbook' }).click();
    await pg.waitForSelector('[data-testid=counts]');
    await pg.locator('details.group').first().locator('summary').click();
    assert.match(await pg.locator('details.group li').first().innerText(), /months/);
    assert.deepEqual(await otherLanguageWords(pg, 'en'), []);
    assert.deepEqual(await accessibilityProblems(pg), []);
    await shot(pg, '6-english');
    await pg.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
    await pg.getByRole('tab', { name: 'Periksa', selected: true }).waitFor();

    assert.deepEqual(errors, []);
    await context.close();
  });
});
