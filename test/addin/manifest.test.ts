/**
 * manifest.xml validated offline against the Office add-in XSDs (vendored in schemas/office-manifest, see its README for source and licence),
 * plus what the schema cannot say: every string has an English override, the ribbon buttons open the
 * right panes, the icons exist at the sizes the manifest claims.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { openDatabase, type Db } from '../../sync-server/db/connect';
import { createApp } from '../../sync-server/server/app';

const root = join(__dirname, '..', '..');
const xsd = join(root, 'schemas', 'office-manifest', 'OfficeAppManifestV1_1.xsd');
const manifestPath = join(root, 'manifest.xml');

function xmllint(file: string) {
  return spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('ascii'), 'PNG', `${file} is not a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('addin: manifest.xml', () => {
  const xml = readFileSync(manifestPath, 'utf8');

  it('validates against the Office manifest schemas (xmllint, offline)', () => {
    const r = xmllint(manifestPath);
    assert.equal(r.status, 0, r.stderr);
  });

  it('is refused by the same validation when broken (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mutasi-manifest-'));
    const bad = join(dir, 'manifest.xml');
    // DefaultLocale must come before DisplayName: swapping the order breaks the sequence.
    writeFileSync(bad, xml.replace('<DefaultLocale>id-ID</DefaultLocale>', '').replace('</ProviderName>', '</ProviderName><Bogus/>'));
    const r = xmllint(bad);
    assert.notEqual(r.status, 0);
  });

  it('defaults to Indonesian with an en-US override for every user-visible string', () => {
    assert.match(xml, /<DefaultLocale>id-ID<\/DefaultLocale>/);
    const strings = [...xml.matchAll(/<bt:String id="([^"]+)" DefaultValue="[^"]*">\s*<bt:Override Locale="en-US" Value="[^"]+"\/>/g)].map((m) => m[1]);
    const all = [...xml.matchAll(/<bt:String id="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(all.length >= 6);
    assert.deepEqual(strings, all, 'a bt:String lacks its en-US override');
    assert.match(xml, /<DisplayName DefaultValue="Mutasi ASN">\s*<Override Locale="en-US"/);
    assert.match(xml, /<Description DefaultValue="[^"]+">\s*<Override Locale="en-US"/);
  });

  it('puts a Mutasi ASN group on the Home tab with Periksa and Sinkron opening the task pane there', () => {
    assert.match(xml, /<OfficeTab id="TabHome">/);
    assert.match(xml, /<bt:String id="Group.Label" DefaultValue="Mutasi ASN">/);
    assert.match(xml, /id="Taskpane.Periksa.Url" DefaultValue="https:\/\/localhost:3000\/taskpane.html\?pane=periksa"/);
    assert.match(xml, /id="Taskpane.Sinkron.Url" DefaultValue="https:\/\/localhost:3000\/taskpane.html\?pane=sinkron"/);
    assert.match(xml, /<SourceLocation DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/);
    // Both buttons share one pane, so the second click re-targets it instead of stacking panes.
    assert.equal([...xml.matchAll(/<TaskpaneId>Mutasi.Pane<\/TaskpaneId>/g)].length, 2);
  });

  it('asks for no more than ExcelApi 1.4', () => {
    assert.match(xml, /<Set Name="ExcelApi" MinVersion="1.4"\/>/);
  });

  it('ships every icon it names, at the size it names', () => {
    for (const m of xml.matchAll(/<bt:Image id="Icon\.(\d+)" DefaultValue="https:\/\/localhost:3000\/(assets\/icon-(\d+)\.png)"/g)) {
      const size = Number(m[1]);
      assert.equal(Number(m[3]), size);
      assert.deepEqual(pngSize(join(root, m[2]!)), [size, size]);
    }
    for (const size of [16, 32, 64, 80]) assert.deepEqual(pngSize(join(root, 'assets', `icon-${size}.png`)), [size, size]);
  });
});

describe('addin: manifest.xml served by the sync server for its own address', () => {
  let dir: string;
  let db: Db;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mutasi-served-manifest-'));
    copyFileSync(manifestPath, join(dir, 'manifest.xml'));
    db = openDatabase(':memory:');
  });
  after(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const app = (trustProxy: boolean) => createApp({ db, config: { logLevel: 'silent', addinDir: dir, trustProxy } });

  it('behind the agency\'s TLS proxy: every address is the one the browser used, downloaded as a file, still valid', async () => {
    const res = await request(app(true))
      .get('/manifest.xml')
      .set('Host', 'mutasi.bkpsdm.example.go.id')
      .set('X-Forwarded-Proto', 'https')
      .expect(200);
    assert.match(String(res.headers['content-type']), /^application\/xml/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="manifest.xml"/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const served = res.text;
    assert.doesNotMatch(served, /localhost:3000/);
    assert.match(served, /<SourceLocation DefaultValue="https:\/\/mutasi\.bkpsdm\.example\.go\.id\/taskpane\.html"\/>/);
    assert.match(served, /<AppDomain>https:\/\/mutasi\.bkpsdm\.example\.go\.id<\/AppDomain>/);
    assert.match(served, /id="Taskpane\.Sinkron\.Url" DefaultValue="https:\/\/mutasi\.bkpsdm\.example\.go\.id\/taskpane\.html\?pane=sinkron"/);
    // Only the addresses changed: the rest is the repository's manifest, and it still validates.
    assert.equal(served.split('https://mutasi.bkpsdm.example.go.id').join('https://localhost:3000'), readFileSync(manifestPath, 'utf8'));
    const file = join(dir, 'served.xml');
    writeFileSync(file, served);
    const r = xmllint(file);
    assert.equal(r.status, 0, r.stderr);
  });

  it('on its own port, without a proxy: that host and port', async () => {
    const res = await request(app(false)).get('/manifest.xml').set('Host', 'localhost:3100').expect(200);
    assert.match(res.text, /<SourceLocation DefaultValue="http:\/\/localhost:3100\/taskpane\.html"\/>/);
  });

  it('a Host header that is not a host name is refused (nothing of it is written into the XML)', async () => {
    for (const host of ['evil.example"/><x y="', 'a b', 'x<y>']) {
      const res = await request(app(true)).get('/manifest.xml').set('Host', host);
      assert.equal(res.status, 400, host);
      assert.doesNotMatch(res.text, /<OfficeApp/);
      assert.match(res.text, /Host tidak sah/);
    }
  });
});
