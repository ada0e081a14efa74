/**
 * Decision documents from the official record, on SQLite and PostgreSQL: every generated file opened by
 * LibreOffice (text and PDF), names with gelar, NIPs, TMTs, numbers and Indonesian dates asserted; the
 * QR code read back by jsQR (from the file's image and from the PDF page) gives the verification URL the
 * server answers; numbering unique and gap-free under 20 concurrent requests (and two connections pools
 * on one database); re-issue = same number and bytes; each issue in the audit chain; hostile values stay
 * text; broken templates refused by name; /verifikasi in Chromium with a screenshot; a changed file's hash
 * does not match.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import PizZip from 'pizzip';
import request from 'supertest';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import { openDatabase } from '../../sync-server/db/connect';
import { createToken } from '../../sync-server/db/tokens';
import { tanggalPanjang } from '../../sync-server/documents/data';
import { issueDay, issueDocuments, verificationUrl, type GeneratedFile } from '../../sync-server/documents/issue';
import { TemplateProblem } from '../../sync-server/documents/render';
import { writeDocumentSettings } from '../../sync-server/documents/settings';
import { defaultTemplate, installTemplate, removeTemplate } from '../../sync-server/documents/templates';
import { createApp } from '../../sync-server/server/app';
import { eachDatabase } from '../server/support/databases';
import { seedDecisions, type DocumentsAgency } from '../server/support/documents';
import { listen } from '../server/support/http';
import { convert, decodeQrPng, flat, pageImage, qrInDocx, textsOf } from './support';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const BASE = 'https://mutasi.contohkab.go.id';
const HOSTILE = '<b>Tebal</b> =HYPERLINK("http://contoh.invalid","klik") & Co';
/** What `propose` writes into Hasil Pemeriksaan (shared/proposer/words.ts), carried by the push of the second decision. */
const PROPOSER_LINE =
  'Usulan otomatis (mutasi propose): skor 71,50 = JPM 40,00 + kinerja 15,00 + rotasi 10,00 + minat 6,50 − lowongan baru 0,00. Perlu perhatian: TENURE_SHORT: masa jabatan kurang dari 24 bulan.';

eachDatabase('dokumen keputusan', (ctx) => {
  let a: DocumentsAgency;
  let files: GeneratedFile[];
  const today = tanggalPanjang(issueDay());

  before(async function () {
    this.timeout(120_000);
    a = await seedDecisions(ctx.db, 30, { extraNames: ['', '', '', '', '', HOSTILE], explanation: (i) => (i === 1 ? PROPOSER_LINE : i === 2 ? 'Diminta Kepala Bappeda untuk memperkuat tim perencanaan' : undefined) });
    files = await issueDocuments(ctx.db, { kinds: ['sk', 'petikan', 'penjelasan', 'spmt'], recordNos: a.decisions.slice(0, 6).map((d) => d.recordNo) }, { actor: 'Kepala BKPSDM (uji)', baseUrl: BASE });
  });

  it('SK with its Lampiran, a petikan, a letter and an SPMT per person, opened by LibreOffice: names with gelar, NIPs, TMTs, numbers, Indonesian dates', function () {
    this.timeout(240_000);
    assert.equal(files.length, 1 + 6 * 3);
    const texts = textsOf(files.map((f) => ({ name: path.basename(f.path), bytes: f.bytes }))).map(flat);
    const [sk, ...rest] = texts;
    const six = a.decisions.slice(0, 6);
    // SK: its number from the pattern (the first of the year), every person in the Lampiran.
    assert.match(sk!, /KEPUTUSAN BUPATI CONTOH NOMOR 800\.1\.3\.3\/1\/BKPSDM\/\d{4}/);
    assert.match(sk!, /sebanyak 6 orang/);
    assert.ok(sk!.includes(`pada tanggal ${today}`), 'date of issue written out');
    for (const d of six) {
      assert.ok(sk!.includes(d.name.replace(/\s+/g, ' ')), `Lampiran names ${d.name}`);
      assert.ok(sk!.includes(d.nip), `Lampiran has NIP ${d.nip}`);
      assert.ok(sk!.includes(d.recordNo));
    }
    assert.ok(sk!.includes('4 Januari 2027'), 'TMT as 4 Januari 2027');
    assert.ok(sk!.includes('Penata Muda Tingkat I (III/b)'), 'golongan written out');
    assert.ok(sk!.includes('Dr. Hj. Siti Aminah, S.Kep., M.Kes.'), 'gelar as written');
    assert.ok(sk!.includes(`${BASE}/verifikasi/`), 'the verification address');
    // Per person: petikan (the SK's number), letter and SPMT (numbers of their own, naming the SK).
    const petikan = rest.slice(0, 6);
    const letters = rest.slice(6, 12);
    const spmt = rest.slice(12, 18);
    six.forEach((d, i) => {
      for (const t of [petikan[i]!, letters[i]!, spmt[i]!]) {
        assert.ok(t.includes(d.name.replace(/\s+/g, ' ')), `${d.name} in each of their documents`);
        assert.ok(t.includes(d.nip));
        assert.ok(t.includes('4 Januari 2027'));
        assert.ok(t.includes(d.recordNo));
      }
      assert.match(petikan[i]!, /PETIKAN KEPUTUSAN BUPATI CONTOH NOMOR 800\.1\.3\.3\/1\/BKPSDM\//);
      assert.ok(letters[i]!.includes(`Nomor : 800.1.3.3/${2 + i}/BKPSDM/`) || letters[i]!.includes(`800.1.3.3/${2 + i}/BKPSDM/`), 'letters numbered 2…7');
      assert.ok(letters[i]!.includes('Keputusan Bupati Contoh Nomor 800.1.3.3/1/BKPSDM/'), 'the letter names its SK');
      assert.ok(spmt[i]!.includes(`NOMOR 800.1.3.3/${8 + i}/BKPSDM/`), 'SPMT numbered 8…13');
      assert.ok(spmt[i]!.includes(`tanggal ${today}`), 'SPMT names the SK date');
      assert.ok(!letters[i]!.includes('{'), 'no placeholder left');
    });
    // The letter: why, the fit, the development plan, the preference, PP 11/2017, whom to ask.
    const first = letters[0]!;
    assert.ok(first.includes('Penguatan layanan data kesehatan sesuai kebutuhan organisasi'), 'no explanation pushed: the Catatan as the reason');
    // The proposer's explanation, carried by the push and kept with the decision, in plain words (not the score).
    assert.ok(
      letters[1]!.includes('Saudara diusulkan untuk jabatan ini melalui penilaian kesesuaian yang sama bagi semua pegawai, terutama karena kompetensi Saudara sesuai dengan standar kompetensi jabatan ini, kinerja Saudara dinilai baik, Saudara sudah cukup lama pada jabatan sebelumnya sehingga perlu penyegaran tugas, dan unit kerja ini termasuk unit yang Saudara minati.'),
      letters[1],
    );
    assert.ok(!/skor 71|Perlu perhatian|TENURE_SHORT|Sesuai kebutuhan organisasi/.test(letters[1]!), 'neither the score, the reviewers\' notes nor the Catatan');
    assert.ok(letters[2]!.includes('Diminta Kepala Bappeda untuk memperkuat tim perencanaan'), 'an explanation written by a person, as written');
    assert.ok(first.includes('adalah 92,86 %, termasuk kategori Memenuhi Syarat'), 'JPM and category');
    assert.ok(first.includes('Komunikasi: level Saudara 2, standar jabatan 4 — pelatihan kompetensi Komunikasi'), 'gap with a training plan');
    assert.ok(!first.includes('Pelatihan Pelayanan Prima —'), 'a training already taken is not listed');
    assert.ok(letters[1]!.includes('Diklat wajib jabatan yang belum Saudara ikuti: Pelatihan Pelayanan Prima'), 'Diklat Wajib not taken');
    assert.ok(first.includes('sesuai dengan unit yang Saudara minati (Badan Perencanaan Pembangunan Daerah)'), 'Unit Diminati honoured');
    assert.ok(letters[1]!.includes('Unit yang Saudara minati (Dinas Pendidikan) telah kami catat'), 'a preference not met is acknowledged');
    assert.ok(first.includes('Peraturan Pemerintah Nomor 11 Tahun 2017'), 'PP 11/2017');
    assert.ok(first.includes('bukan hukuman'));
    assert.ok(first.includes('Bidang Mutasi dan Promosi'), 'whom to ask');
    assert.ok(!first.includes('DRAF'), 'a recorded document is no draft');
  });

  it('hostile values come out as text: <b>, =HYPERLINK(…) and & in a name', function () {
    this.timeout(120_000);
    const hostile = a.decisions.find((d) => d.name === HOSTILE)!;
    return issueDocuments(ctx.db, { kinds: ['petikan'], recordNos: [hostile.recordNo] }, { actor: 'uji', baseUrl: BASE }).then(([f]) => {
      const xml = new PizZip(f!.bytes).file('word/document.xml')!.asText();
      assert.ok(xml.includes('&lt;b&gt;Tebal&lt;/b&gt;'), 'escaped in the XML');
      assert.ok(!/<w:fldSimple|<w:instrText/.test(xml), 'no field made from the value');
      const [text] = textsOf([{ name: 'hostile.docx', bytes: f!.bytes }]);
      assert.ok(flat(text!).includes(HOSTILE), 'the name exactly as given, as text');
      // And on the public page the QR opens, text again.
      const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
      return request(app).get(`/verifikasi/${f!.token}`).expect(200);
    }).then((res) => {
      assert.ok(res.text.includes('&lt;b&gt;Tebal&lt;/b&gt; =HYPERLINK(&quot;http://contoh.invalid&quot;,&quot;klik&quot;) &amp; Co'), 'escaped on /verifikasi');
      assert.ok(!res.text.includes('<b>Tebal'));
    });
  });

  it('the QR code, read from the file and from the printed page, is the URL the server answers', async function () {
    this.timeout(180_000);
    const sk = files[0]!;
    const [fromFile] = qrInDocx(sk.bytes);
    assert.equal(fromFile, verificationUrl(BASE, sk.token!));
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-qr-'));
    const docx = path.join(dir, 'petikan.docx');
    writeFileSync(docx, files[1]!.bytes);
    const skDocx = path.join(dir, 'sk.docx');
    writeFileSync(skDocx, sk.bytes);
    const [pdf, skPdf] = convert([docx, skDocx], 'pdf');
    // The decree in portrait, its Lampiran on a landscape page of its own.
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', '99', skPdf!], { encoding: 'utf8' }).match(/Page\s+\d+ size:\s+[\d.]+ x [\d.]+/g)!.map((l) => l.replace(/.*size:\s+/, '').split(' x ').map(Number));
    assert.ok(sizes[0]![0]! < sizes[0]![1]!, 'the SK is portrait');
    assert.ok(sizes[sizes.length - 1]![0]! > sizes[sizes.length - 1]![1]!, 'its Lampiran is landscape');
    const fromPage = decodeQrPng(readFileSync(pageImage(pdf!, 1, 150)));
    assert.equal(fromPage, verificationUrl(BASE, files[1]!.token!), 'jsQR reads the printed QR');
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    const res = await request(app).get(new URL(fromPage!).pathname).query({ format: 'json' }).expect(200);
    assert.equal(res.body.number, files[1]!.number);
    assert.equal(res.body.kind, 'petikan');
    assert.equal(res.body.decisions.length, 1);
    assert.match(res.body.decisions[0].nip, /^\d{4}\*{10}\d{4}$/, 'NIP masked as on /pengumuman');
    assert.equal(res.body.decisions[0].stands, true);
    assert.deepEqual(res.body.issues.map((i: { sha256: string }) => i.sha256), [files[1]!.sha256]);
  });

  it('re-issuing the same document gives the same number, token and bytes; every issue is in the audit chain', async function () {
    this.timeout(60_000);
    const numbersBefore = await ctx.db.knex('audit').where('action', 'document.number').count({ n: '*' }).first().then((r) => Number((r as { n: number }).n));
    const again = await issueDocuments(ctx.db, { kinds: ['sk', 'penjelasan'], recordNos: a.decisions.slice(0, 6).map((d) => d.recordNo) }, { actor: 'uji ulang', baseUrl: BASE });
    assert.equal(again[0]!.number, files[0]!.number);
    assert.equal(again[0]!.token, files[0]!.token);
    assert.equal(again[0]!.sha256, files[0]!.sha256, 'same template, same bytes');
    assert.deepEqual(again.slice(1).map((f) => f.number), files.slice(7, 13).map((f) => f.number));
    const audit = (await ctx.db.knex('audit').whereIn('action', ['document.number', 'document.issue']).orderBy('seq')) as { actor: string; action: string; payload: string }[];
    const issues = audit.filter((e) => e.action === 'document.issue').map((e) => ({ actor: e.actor, ...(JSON.parse(e.payload) as { sha256: string; number: string; recordNos: string[] }) }));
    const skIssues = issues.filter((i) => i.sha256 === files[0]!.sha256);
    assert.deepEqual(skIssues.map((i) => i.actor), ['Kepala BKPSDM (uji)', 'uji ulang'], 'who issued it, each time');
    assert.equal(skIssues[0]!.recordNos.length, 6, 'which decisions');
    assert.ok((await verifyAudit(ctx.db)).ok, 'the chain still verifies');
    assert.equal(audit.filter((e) => e.action === 'document.number').length, numbersBefore, 're-issue takes no new number');
    const seqs = audit.filter((e) => e.action === 'document.number').map((e) => (JSON.parse(e.payload) as { seq: number | null }).seq).filter((x) => x !== null);
    assert.equal(new Set(seqs).size, seqs.length, 'each number given once');
  });

  it('20 concurrent numberings (two connection pools on one database) give unique consecutive numbers', async function () {
    this.timeout(120_000);
    const second = openDatabase(ctx.url);
    try {
      const twenty = a.decisions.slice(6, 26);
      const before = Number(((await ctx.db.knex('document_numbers').first()) as { last: number }).last);
      const results = await Promise.all(
        twenty.map((d, i) => issueDocuments(i % 2 ? second : ctx.db, { kinds: ['spmt'], recordNos: [d.recordNo] }, { actor: `uji ${i}`, baseUrl: BASE })),
      );
      const spmt = results.map((r) => r.find((f) => f.kind === 'spmt')!);
      const seqs = (await ctx.db.knex('documents').where('kind', 'spmt').whereIn('doc_key', twenty.map((d) => `spmt:${d.recordNo}`)).select('seq')).map((r: { seq: number }) => Number(r.seq));
      const skSeqs = (await ctx.db.knex('documents').where('kind', 'sk').where('seq', '>', before).select('seq')).map((r: { seq: number }) => Number(r.seq));
      const all = [...seqs, ...skSeqs].sort((x, y) => x - y);
      assert.equal(new Set(spmt.map((f) => f.number)).size, 20, 'unique');
      assert.deepEqual(all, Array.from({ length: all.length }, (_, i) => before + 1 + i), 'consecutive, no gap, no repeat');
      const last = Number(((await ctx.db.knex('document_numbers').first()) as { last: number }).last);
      assert.equal(last, before + all.length);
    } finally {
      await second.close();
    }
  });

  it('the verification page: masked, the decision still stands or not, and a changed file does not match', async function () {
    this.timeout(120_000);
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    const petikan = files[1]!;
    const url = `/verifikasi/${petikan.token}`;
    // The file as issued matches; one byte changed does not (a paste of its hash, or the file itself).
    const changed = Buffer.from(petikan.bytes);
    changed.writeUInt8(changed.readUInt8(changed.length - 30) ^ 0xff, changed.length - 30); // throws if the file were shorter
    const { createHash } = await import('node:crypto');
    const changedHash = createHash('sha256').update(changed).digest('hex');
    let res = await request(app).get(url).query({ sha256: changedHash, format: 'json' }).expect(200);
    assert.equal(res.body.check.matches, false);
    res = await request(app).get(url).query({ sha256: petikan.sha256.toUpperCase() });
    assert.match(res.text, /Cocok\./);
    res = await request(app).get(url).query({ sha256: changedHash });
    assert.match(res.text, /Tidak cocok\./);
    res = await request(app).post(url).set('Content-Type', 'application/octet-stream').send(changed).expect(200);
    assert.equal(res.body.matches, false);
    res = await request(app).post(url).set('Content-Type', 'application/octet-stream').send(petikan.bytes).expect(200);
    assert.equal(res.body.matches, true);
    // An unknown or malformed token reveals nothing.
    await request(app).get('/verifikasi/AAAAAAAAAAAAAAAAAAAAAA').expect(404);
    await request(app).get('/verifikasi/..%2F..%2Fetc').expect(404);
    res = await request(app).get(url).query({ sha256: 'zz' });
    assert.equal(res.status, 400);
    assert.match(res.text, /64 karakter/);
    // The page has its own strict CSP: no inline script, nothing can be sent from it.
    res = await request(app).get(url).expect(200);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /connect-src 'none'/);
    assert.match(csp, /style-src 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
    assert.ok(!/unsafe-inline/.test(csp), csp);
    assert.ok(!/<script>|\son[a-z]+=/i.test(res.text), 'no inline script or handler');
    res = await request(app).get('/verifikasi/periksa-berkas.js').expect(200);
    assert.match(String(res.headers['content-type']), /javascript/);
    res = await request(app).get(url).query({ lang: 'en', sha256: changedHash }).expect(200);
    assert.match(res.text, /<html lang="en">/);
    assert.match(res.text, /Does not match\./);
    assert.ok(res.text.includes(petikan.number));
    // The page in Chromium (one database is enough: the page is the same), with a screenshot to look at.
    if (ctx.dialect !== 'sqlite') return;
    const server = await listen(app);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-verifikasi-'));
    const genuine = path.join(dir, 'Petikan asli.docx');
    const edited = path.join(dir, 'Petikan diubah.docx');
    writeFileSync(genuine, petikan.bytes);
    writeFileSync(edited, changed);
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const page = await context.newPage();
      const errors: string[] = [];
      const sent: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => sent.push(`${r.method()} ${new URL(r.url()).pathname}`));
      await page.goto(`${server.url}${url}`);
      assert.equal(await page.locator('h1').innerText(), 'Verifikasi Dokumen Mutasi');
      const body = await page.locator('body').innerText();
      assert.ok(body.includes(petikan.number));
      assert.ok(body.includes(petikan.sha256));
      assert.ok(body.includes('Masih berlaku'));
      assert.ok(!body.includes(a.decisions[0]!.nip), 'the full NIP is not shown');
      // The file picker: the genuine file matches, a changed one does not — hashed in the browser.
      await page.locator('#periksa-berkas').waitFor({ state: 'visible' });
      await page.setInputFiles('#berkas', genuine);
      await page.locator('#hasil-berkas.ok').waitFor();
      const ok = await page.locator('#hasil-berkas').innerText();
      assert.match(ok, /^Cocok: berkas ini sama persis dengan dokumen yang diterbitkan\./);
      assert.ok(ok.includes('Petikan asli.docx') && ok.includes(petikan.sha256), ok);
      assert.equal(await page.inputValue('#sha256'), petikan.sha256, 'the computed hash fills the form');
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'verifikasi-cocok.png'), fullPage: true });
      await page.setInputFiles('#berkas', edited);
      await page.locator('#hasil-berkas.tidak').waitFor();
      const no = await page.locator('#hasil-berkas').innerText();
      assert.match(no, /^Tidak cocok: berkas ini BUKAN berkas yang diterbitkan\./);
      assert.ok(no.includes(changedHash), no);
      await page.screenshot({ path: path.join(ARTIFACTS, 'verifikasi-tidak-cocok.png'), fullPage: true });
      // The hash form (what works without JavaScript): paste a changed file's hash.
      await page.fill('#sha256', changedHash);
      await page.click('button[type=submit]');
      await page.waitForSelector('#hasil');
      assert.match(await page.locator('#hasil').innerText(), /Tidak cocok/);
      // English by the switch, and the file check speaks it too.
      await page.click('#bahasa');
      await page.waitForSelector('html[lang=en]');
      assert.equal(await page.locator('h1').innerText(), 'Verification of a transfer document');
      assert.match(await page.locator('#hasil').innerText(), /Does not match/);
      await page.setInputFiles('#berkas', genuine);
      await page.locator('#hasil-berkas.ok').waitFor();
      assert.match(await page.locator('#hasil-berkas').innerText(), /^Matches: this file is exactly the issued document\./);
      await page.click('#bahasa');
      await page.waitForSelector('html[lang=id]');
      assert.deepEqual(errors, [], 'no console errors (CSP included)');
      assert.ok(sent.every((r) => !r.startsWith('POST')), `the file is never sent: ${sent.join(', ')}`);
      await context.close();
      // Plain http on a LAN address has no crypto.subtle: the page's own SHA-256 gives the same answer.
      const noSubtle = await browser.newContext();
      await noSubtle.addInitScript(() => Object.defineProperty(window.crypto, 'subtle', { value: undefined }));
      const p2 = await noSubtle.newPage();
      await p2.goto(`${server.url}${url}`);
      await p2.setInputFiles('#berkas', genuine);
      await p2.locator('#hasil-berkas.ok').waitFor();
      await p2.setInputFiles('#berkas', edited);
      await p2.locator('#hasil-berkas.tidak').waitFor();
      assert.equal(await p2.inputValue('#sha256'), changedHash);
      await noSubtle.close();
      // Without JavaScript: no picker, the hash form still answers.
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const p3 = await noJs.newPage();
      await p3.goto(`${server.url}${url}`);
      assert.equal(await p3.locator('#periksa-berkas').isVisible(), false);
      await p3.fill('#sha256', petikan.sha256);
      await p3.click('button[type=submit]');
      await p3.waitForSelector('#hasil');
      assert.match(await p3.locator('#hasil').innerText(), /^Cocok\./);
      await noJs.close();
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('a decision superseded by a later one is shown as no longer standing; the push carries an explanation over HTTP', async function () {
    this.timeout(60_000);
    const d = a.decisions[2]!;
    const version = Number(((await ctx.db.knex('employees').where({ nip: d.nip }).first()) as { version: number }).version);
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    const approver = (await createToken(ctx.db, { name: 'Kepala BKPSDM', role: 'approver' }, 'test')).token;
    const push = (decision: Record<string, unknown>) => request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${approver}`).send({ workbookId: randomUUID(), decisions: [decision] });
    const decision = {
      mutationId: randomUUID(), proposalId: 'U-9999', nip: d.nip, fromPositionCode: d.to, toPositionCode: d.from, reason: 'Darurat',
      effectiveDate: '2027-03-01', note: 'Penugasan darurat kembali ke unit asal', mendagriApproval: null, baseVersion: version,
    };
    // A too long explanation is refused by name, and nothing is recorded.
    let res = await push({ ...decision, explanation: 'x'.repeat(4001) }).expect(400);
    assert.match(JSON.stringify(res.body), /explanation/);
    res = await push({ ...decision, explanation: PROPOSER_LINE.replace('Usulan otomatis (mutasi propose)', 'Usulan Darurat (mutasi propose --darurat)') }).expect(200);
    assert.equal(res.body.results[0].status, 'recorded', JSON.stringify(res.body));
    const recordNo = res.body.results[0].recordNo as string;
    res = await request(app).get('/api/v1/decisions').set('Authorization', `Bearer ${approver}`).query({ from: '2027-03-01', to: '2027-03-01' }).expect(200);
    const listed = (res.body.decisions as { recordNo: string; explanation?: string }[]).find((x) => x.recordNo === recordNo)!;
    assert.match(listed.explanation!, /^Usulan Darurat/, 'kept with the decision');
    const [letter] = await issueDocuments(ctx.db, { kinds: ['penjelasan'], recordNos: [recordNo] }, { actor: 'uji', baseUrl: BASE });
    assert.match(new PizZip(letter!.bytes).file('word/document.xml')!.asText(), /Penugasan ini diperlukan segera untuk menangani keadaan darurat pada unit kerja baru\. Saudara diusulkan/);
    assert.ok((await verifyAudit(ctx.db)).ok, 'the audit chain vouches for the explanation too');
    const petikan = files.find((f) => f.kind === 'petikan' && f.recordNos[0] === d.recordNo)!;
    res = await request(app).get(`/verifikasi/${petikan.token}`).query({ format: 'json' }).expect(200);
    assert.equal(res.body.decisions[0].stands, false);
    assert.match(res.body.decisions[0].why, /digantikan oleh keputusan MUT-/);
    assert.equal(res.body.decisions[0].supersededBy, recordNo);
    res = await request(app).get(`/verifikasi/${petikan.token}`).query({ lang: 'en' }).expect(200);
    assert.ok(res.text.includes(`No longer stands</span> — replaced by decision ${recordNo}`));
  });

  it('office templates: a broken one is refused naming the problem, nothing changes; an edited one is used', async function () {
    this.timeout(120_000);
    const base = defaultTemplate('petikan');
    const edit = (fn: (xml: string) => string) => {
      const zip = new PizZip(base);
      zip.file('word/document.xml', fn(zip.file('word/document.xml')!.asText()));
      return zip.generate({ type: 'nodebuffer' }) as Buffer;
    };
    const refused = async (bytes: Buffer, pattern: RegExp) => {
      await assert.rejects(installTemplate(ctx.db, 'petikan', 'kantor.docx', bytes, 'admin'), (e: unknown) => e instanceof TemplateProblem && pattern.test(e.message) && /kantor\.docx/.test(e.message));
    };
    await refused(edit((x) => x.replace('{nama}', '{namaa}')), /penanda tidak dikenal: \{namaa\}/);
    await refused(edit((x) => x.replace('{nip}', '{nip')), /tidak ditutup|unclosed/i);
    await refused(Buffer.from('bukan zip'), /tidak dapat dibuka sebagai dokumen Word/);
    await refused(edit((x) => x.replace(/descr="QR Verifikasi"/, 'descr="logo"').replace(/title="QR Verifikasi"/, 'title="logo"').replace(/name="QR Verifikasi"/, 'name="logo"')), /QR Verifikasi/);
    assert.equal(await ctx.db.knex('document_templates').count({ n: '*' }).first().then((r) => Number((r as { n: number }).n)), 0, 'nothing kept');
    // An office's own text (as if edited in Word) is kept and used.
    await installTemplate(ctx.db, 'petikan', 'petikan-kantor.docx', edit((x) => x.replace('PEMERINTAH KABUPATEN CONTOH', 'PEMERINTAH KABUPATEN SUKAMAJU')), 'admin');
    const [f] = await issueDocuments(ctx.db, { kinds: ['petikan'], recordNos: [a.decisions[3]!.recordNo] }, { actor: 'uji', baseUrl: BASE });
    const [text] = textsOf([{ name: 'kantor.docx', bytes: f!.bytes }]);
    assert.ok(text!.includes('PEMERINTAH KABUPATEN SUKAMAJU'));
    assert.ok(await removeTemplate(ctx.db, 'petikan', 'admin'));
  });

  it('API: approver gets one .docx or a zip; staff is refused; a link downloads without a token; settings and templates by admin', async function () {
    this.timeout(120_000);
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    const approver = (await createToken(ctx.db, { name: 'Sekda', role: 'approver' }, 'test')).token;
    const admin = (await createToken(ctx.db, { name: 'Admin', role: 'admin' }, 'test')).token;
    const staff = (await createToken(ctx.db, { name: 'Staf', role: 'staff' }, 'test')).token;
    const rec = a.decisions[4]!.recordNo;
    let res = await request(app).post('/api/v1/documents').set('Authorization', `Bearer ${approver}`).send({ kinds: ['penjelasan'], recordNos: [rec] }).buffer(true).parse(binary as never).expect(200);
    assert.match(String(res.headers['content-type']), /wordprocessingml/);
    assert.equal(res.headers['x-document-sha256'], (await import('node:crypto')).createHash('sha256').update(res.body as Buffer).digest('hex'));
    res = await request(app).post('/api/v1/documents').set('Authorization', `Bearer ${approver}`).send({ kinds: ['sk', 'petikan'], recordNos: a.decisions.slice(0, 3).map((d) => d.recordNo) }).buffer(true).parse(binary as never).expect(200);
    assert.match(String(res.headers['content-type']), /zip/);
    const zip = new PizZip(res.body as Buffer);
    assert.equal(Object.keys(zip.files).filter((n) => n.endsWith('.docx')).length, 4);
    assert.match(zip.file('daftar.csv')!.asText(), /SHA-256/);
    await request(app).post('/api/v1/documents').set('Authorization', `Bearer ${staff}`).send({ kinds: ['sk'], recordNos: [rec] }).expect(403);
    // A token limited to another unit may not issue documents of these moves.
    const otherUnit = (await createToken(ctx.db, { name: 'Approver Disdik', role: 'approver', unit: 'Dinas Pendidikan' }, 'test')).token;
    res = await request(app).post('/api/v1/documents').set('Authorization', `Bearer ${otherUnit}`).send({ kinds: ['petikan'], recordNos: [rec] }).expect(403);
    assert.match(res.body.error, /terbatas pada unit Dinas Pendidikan/);
    res = await request(app).post('/api/v1/documents').set('Authorization', `Bearer ${approver}`).send({ kinds: ['sk'], recordNos: ['MUT-2099-000999'] }).expect(404);
    assert.match(res.body.error, /MUT-2099-000999/);
    await request(app).post('/api/v1/documents').set('Authorization', `Bearer ${approver}`).send({ kinds: ['surat'], recordNos: [rec] }).expect(400);
    // The add-in's link (Excel opens it in the browser).
    res = await request(app).post('/api/v1/documents/link').set('Authorization', `Bearer ${approver}`).send({ kinds: ['spmt'], recordNos: [rec] }).expect(200);
    const link = new URL(res.body.url);
    res = await request(app).get(link.pathname).buffer(true).parse(binary as never).expect(200);
    assert.match(String(res.headers['content-type']), /wordprocessingml/);
    await request(app).get('/api/v1/documents/download/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
    // Settings and templates.
    await request(app).put('/api/v1/documents/settings').set('Authorization', `Bearer ${approver}`).send({ pattern: 'X/{nomor}' }).expect(403);
    res = await request(app).put('/api/v1/documents/settings').set('Authorization', `Bearer ${admin}`).send({ pattern: '800/{nomor}/{nomr}' }).expect(400);
    assert.match(res.body.error, /\{nomr\}/);
    res = await request(app).put('/api/v1/documents/templates/sk').set('Authorization', `Bearer ${admin}`).set('Content-Type', 'application/octet-stream').send(Buffer.from('rusak')).expect(422);
    assert.match(res.body.error, /tidak dapat dibuka/);
    res = await request(app).get('/api/v1/documents/templates').set('Authorization', `Bearer ${approver}`).expect(200);
    assert.deepEqual(res.body.templates.map((t: { kind: string }) => t.kind), ['sk', 'petikan', 'penjelasan', 'spmt']);
    const spec = (await request(app).get('/api/openapi.json').expect(200)).body;
    for (const p of ['/api/v1/documents', '/api/v1/documents/link', '/api/v1/documents/templates/{kind}', '/verifikasi/{token}']) assert.ok(spec.paths[p], `OpenAPI has ${p}`);
  });

  it('the numbering pattern is the office\'s: a new pattern numbers the next documents', async function () {
    this.timeout(60_000);
    await writeDocumentSettings(ctx.db, { pattern: '800.1.3.3/{nomor}/BKPSDM-{romawi}/{tahun}' }, 'admin');
    const [f] = await issueDocuments(ctx.db, { kinds: ['penjelasan'], recordNos: [a.decisions[27]!.recordNo] }, { actor: 'uji', baseUrl: BASE });
    assert.match(f!.number, /^800\.1\.3\.3\/\d+\/BKPSDM-(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\/\d{4}$/);
    await writeDocumentSettings(ctx.db, { pattern: '800.1.3.3/{nomor}/BKPSDM/{tahun}' }, 'admin');
  });
});

/** supertest: keep a binary body as a Buffer. */
function binary(res: NodeJS.ReadableStream & { setEncoding(e: string): void }, cb: (e: Error | null, b: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

