/**
 * Makes the pictures in docs/documents/: five recorded decisions, their documents converted by
 * LibreOffice to PDF and rendered by pdftoppm (small PNGs), and the verification page in Chromium after a
 * file check (the genuine file, and one changed). Run: npx tsx test/documents/pictures.ts [--verifikasi]
 * (--verifikasi: only the page's pictures).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { issueDocuments } from '../../sync-server/documents/issue';
import { seedDecisions } from '../server/support/documents';
import { chromium } from 'playwright-core';
import { createApp } from '../../sync-server/server/app';
import { listen } from '../server/support/http';
import { convert } from './support';

const OUT = path.resolve(__dirname, '..', '..', 'docs', 'documents');

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-pictures-'));
  const db = openDatabase(path.join(dir, 'mutasi.sqlite'));
  await migrateLatest(db);
  const a = await seedDecisions(db, 5);
  const files = await issueDocuments(db, { kinds: ['sk', 'petikan', 'penjelasan', 'spmt'], recordNos: a.decisions.map((d) => d.recordNo) }, { actor: 'contoh', baseUrl: 'https://mutasi.contohkab.go.id' });
  // The verification page as a phone shows it (Chromium), for the same petikan: the file check of the
  // genuine file, and of a copy with one byte changed.
  const server = await listen(createApp({ db, config: { logLevel: 'silent' } }));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const petikan = files.find((f) => f.kind === 'petikan')!;
    const genuine = path.join(dir, 'Petikan.docx');
    const changed = Buffer.from(petikan.bytes);
    changed[changed.length - 30]! ^= 0xff;
    const edited = path.join(dir, 'Petikan (diubah).docx');
    writeFileSync(genuine, petikan.bytes);
    writeFileSync(edited, changed);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'id-ID' });
    await page.goto(`${server.url}/verifikasi/${petikan.token}`);
    mkdirSync(OUT, { recursive: true });
    await page.setInputFiles('#berkas', genuine);
    await page.locator('#hasil-berkas.ok').waitFor();
    await page.screenshot({ path: path.join(OUT, 'verifikasi.png'), fullPage: true });
    await page.setInputFiles('#berkas', edited);
    await page.locator('#hasil-berkas.tidak').waitFor();
    await page.locator('#periksa-berkas').screenshot({ path: path.join(OUT, 'verifikasi-tidak-cocok.png') });
  } finally {
    await browser.close();
    await server.close();
  }
  if (process.argv.includes('--verifikasi')) {
    await db.close();
    return;
  }
  await db.close();
  const pick = [files[0]!, files.find((f) => f.kind === 'petikan')!, files.find((f) => f.kind === 'penjelasan')!, files.find((f) => f.kind === 'spmt')!];
  const names = ['sk', 'petikan', 'penjelasan', 'spmt'];
  const docx = pick.map((f, i) => {
    const p = path.join(dir, `${names[i]}.docx`);
    writeFileSync(p, f.bytes);
    return p;
  });
  const pdfs = convert(docx, 'pdf');
  mkdirSync(OUT, { recursive: true });
  pdfs.forEach((pdf, i) => {
    const base = path.join(dir, `png-${names[i]}`);
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, base]);
  });
  // The pages the docs show: the decree's first page, its Lampiran (the last), each letter's first.
  const keep = new Set(['png-sk-1.png', `png-sk-${readdirSync(dir).filter((f) => f.startsWith('png-sk-')).length}.png`, 'png-petikan-1.png', 'png-penjelasan-1.png', 'png-spmt-1.png']);
  for (const f of readdirSync(dir).filter((f) => keep.has(f))) {
    copyFileSync(path.join(dir, f), path.join(OUT, f.replace(/^png-/, '').replace(/^sk-[2-9]\.png$/, 'sk-lampiran.png')));
  }
  process.stdout.write(`Ditulis ke ${OUT}: ${readdirSync(OUT).join(', ')}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
