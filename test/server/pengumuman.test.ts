/**
 * The public announcement: HTML in Indonesian readable on a phone, CSV and JSON; the NIP's middle
 * digits hidden everywhere. The page is opened in headless Chromium (Debian's chromium through
 * playwright-core) and a screenshot kept in test-artifacts/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { chromium } from 'playwright-core';
import type { Express } from 'express';
import { createApp } from '../../sync-server/server/app';
import { getEmployee } from '../../sync-server/db/queries';
import { recordDecision } from '../../sync-server/server/push/group-commit';
import { createToken } from '../../sync-server/db/tokens';
import { maskNip } from '../../sync-server/server/pengumuman/mask';
import { eachDatabase } from './support/databases';
import { agency, decision, loadAgency } from './support/fixtures';
import { listen } from './support/http';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const MASKED = /^\d{4}\*{10}\d{4}$/;

eachDatabase('pengumuman', (ctx) => {
  let app: Express;
  const a = agency({ people: 8, targets: 2, seats: 3 });
  const moved = a.employees.slice(0, 3);

  before(async () => {
    a.employees[0]!.name = 'Siti Rahmawati, S.K.M.';
    a.employees[1]!.name = 'Budi <Santoso> & Rekan';
    await loadAgency(ctx.db, a);
    const approver = (await createToken(ctx.db, { name: 'Kepala BKPSDM', role: 'approver' }, 'test')).info;
    for (const e of moved) {
      const cur = (await getEmployee(ctx.db.knex, e.nip))!;
      const r = await recordDecision(ctx.db, decision(e.nip, cur.positionCode, cur.positionCode === 'POOL-A' ? 'T-A-0' : 'T-B-0', cur.version), { workbookId: 'wb', token: approver });
      assert.equal(r.status, 'recorded');
    }
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
  });

  it('masks the middle of the NIP', () => {
    assert.equal(maskNip('198503122010011002'), '1985**********1002');
  });

  it('HTML: Indonesian, a table of the recorded moves, names escaped, no full NIP', async () => {
    const res = await request(app).get('/pengumuman');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /text\/html/);
    assert.match(res.text, /<html lang="id">/);
    assert.match(res.text, /<meta name="viewport" content="width=device-width/);
    assert.match(res.text, /Pengumuman Mutasi Pegawai/);
    assert.match(res.text, /Budi &lt;Santoso&gt; &amp; Rekan/);
    for (const e of moved) {
      assert.ok(!res.text.includes(e.nip), 'full NIP must not appear');
      assert.ok(res.text.includes(maskNip(e.nip)));
    }
    assert.equal((res.text.match(/<tr>/g) ?? []).length, 1 + moved.length);
  });

  it('CSV and JSON carry the same entries, masked', async () => {
    const csv = await request(app).get('/pengumuman?format=csv');
    assert.match(csv.headers['content-type'] ?? '', /text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'No. Catatan,Nama,NIP,Kode Jabatan Asal,Jabatan Asal,Unit Asal,Kode Jabatan Tujuan,Jabatan Tujuan,Unit Tujuan,TMT');
    assert.equal(lines.length, 1 + moved.length);
    assert.match(csv.text, /"Siti Rahmawati, S.K.M."/);
    const json = await request(app).get('/pengumuman?format=json');
    assert.equal(json.body.entries.length, moved.length);
    for (const e of json.body.entries) assert.match(e.nip, MASKED);
    for (const m of moved) assert.ok(!csv.text.includes(m.nip) && !JSON.stringify(json.body).includes(m.nip));
  });

  it('filters by unit and TMT; unknown parameters are refused', async () => {
    const a = await request(app).get('/pengumuman?format=json&unit=Unit%20A');
    assert.ok(a.body.entries.length > 0 && a.body.entries.every((e: { toUnit: string; fromUnit: string }) => e.toUnit === 'Unit A' || e.fromUnit === 'Unit A'));
    assert.equal((await request(app).get('/pengumuman?format=json&from=2030-01-01')).body.entries.length, 0);
    assert.equal((await request(app).get('/pengumuman?nip=1')).status, 400);
  });

  it('a wrong link (a day not in the calendar) gets a page in Indonesian, not JSON; csv / json callers get JSON', async () => {
    const page = await request(app).get('/pengumuman?from=2026-02-31&unit=%3Cb%3E');
    assert.equal(page.status, 400);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.text, /<html lang="id">/);
    assert.match(page.text, /Alamat pengumuman tidak sah/);
    assert.match(page.text, /<b>from<\/b>: harus tanggal YYYY-MM-DD yang ada di kalender/);
    assert.match(page.text, /<a href="\/pengumuman">/);
    const json = await request(app).get('/pengumuman?format=json&from=2026-02-31');
    assert.equal(json.status, 400);
    assert.deepEqual(json.body.issues, [{ path: 'from', message: 'harus tanggal YYYY-MM-DD yang ada di kalender (mis. 2027-01-04)' }]);
  });

  it('opens in headless Chromium on a phone-sized screen: table there, NIP masked, no sideways scroll', async function () {
    this.timeout(60_000);
    const server = await listen(app);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${server.url}/pengumuman`);
      assert.equal(await page.locator('h1').innerText(), 'Pengumuman Mutasi Pegawai');
      const rows = page.locator('table tbody tr');
      assert.equal(await rows.count(), moved.length);
      const nips = await page.locator('td.nip').allInnerTexts();
      assert.equal(nips.length, moved.length);
      for (const n of nips) assert.match(n.trim(), MASKED);
      const content = await page.content();
      for (const e of moved) assert.ok(!content.includes(e.nip));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
      assert.deepEqual(errors, [], 'no console errors (CSP included)');
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, ctx.dialect === 'sqlite' ? 'pengumuman.png' : `pengumuman-${ctx.dialect}.png`), fullPage: true });
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
