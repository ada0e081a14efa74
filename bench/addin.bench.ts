/**
 * The add-in's figures (issue 5): the task pane's bundle size (gzipped), its first render in headless
 * Chromium, and Periksa on the 40,000-staff benchmark workbook in the browser host — the time to open
 * the .xlsx (the product's reader in the page), the time of the check itself (read, engine, write-back, fills,
 * Ringkasan) and the number of gateway round trips it made. Prints figures; asserts nothing.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { OfficeGateway } from '../addin/gateway/office';
import { runPeriksa } from '../addin/services/periksa';
import { launchChromium } from '../test/addin/support/browser';
import { syntheticBook } from '../test/addin/support/book';
import { FakeWorkbook } from '../test/addin/support/excel-mock';
import { buildAddin } from '../test/addin/support/build';
import { benchWorkbook } from './workbook-cache';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.png': 'image/png', '.xml': 'application/xml', '.json': 'application/json' };

/** The built files over http, as the sync server would serve them (no API needed here). */
function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent((req.url ?? '/').split('?')[0]!));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** "1.234" (Indonesian thousands) → 1234. */
const idNumber = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));

export default async function addinBench(): Promise<void> {
  const t0 = performance.now();
  const built = await buildAddin();
  console.log(`  production build: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`  task pane bundle: ${(built.size.gzipBytes / 1024).toFixed(1)} KB gzipped (budget ${built.size.budget / 1024} KB; the .xlsx reader/writer on demand in its own chunk)`);

  const { url, server } = await serve(built.dir);
  const browser = await launchChromium();
  try {
    // First render: a cold page (fresh context, empty cache) until the shell with its tabs is on screen.
    const renders: number[] = [];
    for (let i = 0; i < 5; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${url}/taskpane.html`);
      await page.waitForSelector('body[data-ready] [role=tablist]');
      renders.push(await page.evaluate(() => performance.now()));
      await ctx.close();
    }
    console.log(`  first render (navigation → panes on screen): median ${median(renders).toFixed(0)} ms of ${renders.length} cold loads`);

    const file = await benchWorkbook();
    const ctx = await browser.newContext({ viewport: { width: 420, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${url}/taskpane.html`);
    await page.waitForSelector('body[data-ready]');
    const o0 = performance.now();
    await page.setInputFiles('[data-testid=file-input]', file);
    await page.waitForSelector('[data-testid=file-name]', { timeout: 300_000 });
    const openMs = performance.now() - o0;
    const c0 = performance.now();
    await page.getByRole('button', { name: 'Periksa buku kerja' }).click();
    await page.waitForSelector('[data-testid=counts]', { timeout: 300_000 });
    const wallMs = performance.now() - c0;
    const notice = await page.locator('.notice').innerText();
    const m = /dalam ([\d.]+) ms · ([\d.]+) panggilan/.exec(notice);
    const counts = await page.locator('[data-testid=counts]').innerText();
    console.log(`  open ${path.basename(file)} (${(statSync(file).size / 1e6).toFixed(1)} MB) in the browser host: ${(openMs / 1000).toFixed(1)} s (shared/xlsx in the page)`);
    console.log(`  Periksa on 40,000 staff: ${m ? (idNumber(m[1]!) / 1000).toFixed(2) : '?'} s in the pane (${(wallMs / 1000).toFixed(2)} s wall, with rendering), ${m ? idNumber(m[2]!) : '?'} gateway round trips`);
    console.log(`  findings: ${counts.replace(/\s+/g, ' ')}`);
    await ctx.close();
    // The Office gateway's round trips (context.sync) for the same action, on office-addin-mock: desktop
    // Excel (one request however large) and Excel on the web (blocks of 150,000 cells under its 5 MB limit).
    for (const n of [100, 40_000]) {
      const desk = new FakeWorkbook(syntheticBook(n));
      await runPeriksa(new OfficeGateway({ run: desk.run as typeof Excel.run, isSetSupported: () => true }), { lang: 'id' });
      const web = new FakeWorkbook(syntheticBook(n), { payloadLimitCells: 150_000 });
      await runPeriksa(new OfficeGateway({ run: web.run as typeof Excel.run, isSetSupported: () => true, cellBudget: 150_000 }), { lang: 'id' });
      console.log(`  Periksa via the Office gateway (mock), ${n.toLocaleString('en-US')} staff: ${desk.syncs} context.sync() in ${desk.runs} Excel.run (desktop); ${web.syncs} in blocks (Excel on the web)`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}
