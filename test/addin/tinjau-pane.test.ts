/**
 * The Tinjau pane in Chromium (browser host, no server): a decision updates the pane from the state
 * decide/takeBack answer (no forced re-render). The decided card stays in view — with its take-back —
 * until the filter, the search or the Periksa changes; a Ditolak row can be taken back while it shows.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { buildAddin } from './support/build';
import { writeE2eWorkbook } from './support/e2e-workbook';
import { startTestServer, type TestServer } from './support/server';

describe('addin: Tinjau pane decisions in Chromium', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  let file: string;

  before(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'mutasi-tinjau-pane-')), 'kantor.xlsx');
    await writeE2eWorkbook(file);
    server = await startTestServer((await buildAddin()).dir);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const card = (pg: Page) => pg.getByTestId('review-card');
  const stepper = (pg: Page) => pg.locator('.stepper span').innerText();
  const notice = (pg: Page, text: string) => pg.locator('.notice', { hasText: text }).waitFor();

  it('a decided card stays until the filter changes; take-back and a Ditolak in place; a new visit lists afresh', async () => {
    const pg = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await pg.goto(`${server.url}/taskpane.html?pane=tinjau`);
    await pg.setInputFiles('[data-testid=file-input]', file);
    await pg.waitForSelector('[data-testid=file-name]');
    await pg.getByRole('button', { name: 'Periksa buku kerja' }).click();
    await card(pg).waitFor();

    // Not decided yet: U-0001 (row 2) first of three.
    await pg.getByLabel('Tampilkan').selectOption({ label: 'Belum diputuskan' });
    assert.equal(await card(pg).getAttribute('data-row'), '2');
    assert.match(await stepper(pg), /^1 \/ 3 · /);
    await pg.getByRole('button', { name: 'Setujui' }).click();
    await notice(pg, 'U-0001: Disetujui');
    // Still in view, decided, with its take-back; the list is as it was.
    assert.equal(await card(pg).getAttribute('data-row'), '2');
    await pg.getByTestId('take-back').waitFor();
    assert.ok(await pg.getByRole('button', { name: 'Setujui' }).isDisabled());
    assert.match(await stepper(pg), /^1 \/ 3 · /);
    // The filter asked again: the approved row is decided, so it is not listed.
    await pg.getByLabel('Tampilkan').selectOption({ label: 'Semua' });
    await pg.getByLabel('Tampilkan').selectOption({ label: 'Belum diputuskan' });
    await pg.locator('[data-testid=review-card][data-row="3"]').waitFor();
    assert.match(await stepper(pg), /^1 \/ 2 · /);

    // All rows: the approval taken back, then the row rejected — it stays to be taken back too.
    await pg.getByLabel('Tampilkan').selectOption({ label: 'Semua' });
    await pg.locator('[data-testid=review-card][data-row="2"]').waitFor();
    await pg.getByTestId('take-back').click();
    await notice(pg, 'U-0001: keputusan dibatalkan');
    assert.equal(await pg.getByRole('button', { name: 'Setujui' }).isDisabled(), false, 'Diajukan again: can be decided');
    assert.equal(await pg.getByTestId('take-back').count(), 0);
    await pg.getByRole('button', { name: 'Tolak' }).click();
    await notice(pg, 'U-0001: Ditolak');
    assert.equal(await card(pg).getAttribute('data-row'), '2');
    await pg.getByTestId('take-back').waitFor();

    // Back to Tinjau from another pane: the list is built from the shell's state, where the row is
    // Ditolak — no longer up for review.
    await pg.getByRole('tab', { name: 'Periksa' }).click();
    await pg.getByRole('tab', { name: 'Tinjau' }).click();
    await card(pg).waitFor();
    assert.equal(await card(pg).getAttribute('data-row'), '3');
    assert.match(await stepper(pg), /^1 \/ 2 · /);
    await pg.close();
  });
});
