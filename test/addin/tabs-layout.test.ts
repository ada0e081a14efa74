/**
 * The seven pane tabs in a narrow task pane (Chromium, the built add-in): from 320 px (about what Excel
 * opens a task pane at) to 420 px, in Indonesian and English, with the widest tab selected (bold), every
 * tab is in view — none cut off or behind a scroll bar — in at most two rows. Screenshots of the tab bar
 * at 320 px go to test-artifacts/addin/tabs-320-<lang>.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { buildAddin } from './support/build';
import { startTestServer, type TestServer } from './support/server';

const artifacts = join(__dirname, '..', '..', 'test-artifacts', 'addin');

describe('addin: the tab bar in a 320–420 px task pane (Chromium)', function () {
  this.timeout(180_000);
  let server: TestServer;
  let browser: Browser;
  let pg: Page;

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    server = await startTestServer((await buildAddin()).dir);
    browser = await launchChromium();
    pg = await browser.newPage({ viewport: { width: 420, height: 600 } });
    await pg.goto(`${server.url}/taskpane.html?pane=pengaturan`);
    await pg.getByRole('tab', { name: 'Pengaturan' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The nav's content box and each tab's box, at the page's current width. */
  const measure = () =>
    pg.locator('nav[role=tablist]').evaluate((n) => {
      const box = n.getBoundingClientRect();
      const style = getComputedStyle(n);
      const tabs = [...n.querySelectorAll('[role=tab]')].map((b) => {
        const r = b.getBoundingClientRect();
        return { text: b.textContent ?? '', left: r.left, right: r.right, top: Math.round(r.top) };
      });
      return { scroll: n.scrollWidth, client: n.clientWidth, left: box.left + parseFloat(style.paddingLeft), right: box.right - parseFloat(style.paddingRight), tabs };
    });

  for (const [lang, settings] of [['id', 'Pengaturan'], ['en', 'Settings']] as const) {
    it(`every tab in view, in at most two rows, at 320, 360 and 420 px (${lang}, the widest tab selected)`, async () => {
      if (lang === 'en') {
        await pg.locator('header button.lang').click();
        await pg.getByRole('tab', { name: settings }).waitFor();
      }
      assert.equal(await pg.getByRole('tab', { name: settings }).getAttribute('aria-selected'), 'true');
      for (const width of [320, 360, 420]) {
        await pg.setViewportSize({ width, height: 600 });
        const m = await measure();
        assert.equal(m.tabs.length, 7);
        assert.ok(m.scroll <= m.client, `${width} px: the tab bar scrolls (${m.scroll} > ${m.client})`);
        const out = m.tabs.filter((t) => t.left < m.left - 0.5 || t.right > m.right + 0.5).map((t) => t.text);
        assert.deepEqual(out, [], `${width} px: tabs cut off`);
        const rows = new Set(m.tabs.map((t) => t.top)).size;
        assert.ok(rows <= 2, `${width} px: ${rows} rows of tabs`);
        if (width === 320) await pg.locator('nav[role=tablist]').screenshot({ path: join(artifacts, `tabs-${width}-${lang}.png`) });
      }
    });
  }
});
