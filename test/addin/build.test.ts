/** The production build: pages, manifest and icons in place; the task pane within its 200 KB gzip budget. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildAddin } from './support/build';

describe('addin: production build', function () {
  this.timeout(120_000);

  it('emits the task pane, the commands page, the manifest and the icons', async () => {
    const { dir } = await buildAddin();
    for (const f of ['taskpane.html', 'commands.html', 'manifest.xml', 'assets/icon-16.png', 'assets/icon-80.png']) assert.ok(existsSync(join(dir, f)), f);
    const html = readFileSync(join(dir, 'taskpane.html'), 'utf8');
    assert.match(html, /<script[^>]+src="taskpane\.[0-9a-f]{8}\.js"/);
    assert.doesNotMatch(html, /<script>(?!<\/script>)/, 'no inline script (the server CSP forbids it)');
  });

  it('keeps what the task pane loads within 200 KB gzipped, the browser host\'s .xlsx reader/writer in a chunk of its own, no exceljs', async () => {
    const { dir, size, output } = await buildAddin();
    assert.match(output, /task pane loads [\d.]+ KB gzipped/);
    assert.ok(size.gzipBytes <= 200 * 1024, `${size.gzipBytes} bytes gzipped`);
    assert.ok(!size.files.some((f) => f.startsWith('xlsx')), 'the .xlsx reader/writer must not be in the initial load');
    assert.ok(readdirSync(dir).some((f) => /^xlsx\.[0-9a-f]{8}\.js$/.test(f)), 'xlsx chunk emitted');
    assert.ok(!readdirSync(dir).some((f) => f.startsWith('exceljs')), 'exceljs is no longer shipped to the browser (issue 12)');
  });
});
