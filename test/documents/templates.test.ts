/**
 * The shipped templates against the placeholder contract: each opens, uses only documented tags, has
 * the QR image; docs/documents.md lists every placeholder; the values' formats (dates, golongan).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { dayFromYmd } from '../../shared/values/dates';
import { pangkatGolongan, tanggalPanjang } from '../../sync-server/documents/data';
import { DOCUMENT_KINDS, PLACEHOLDERS } from '../../sync-server/documents/placeholders';
import { inspectTemplate, TemplateProblem } from '../../sync-server/documents/render';
import { formatNumber, patternProblem } from '../../sync-server/documents/settings';
import { defaultTemplate } from '../../sync-server/documents/templates';

describe('document templates and placeholders', () => {
  it('every shipped template opens, uses documented tags only and has the QR image', () => {
    for (const kind of DOCUMENT_KINDS) {
      const info = inspectTemplate(kind, `${kind}.docx`, defaultTemplate(kind));
      assert.ok(info.hasQr, kind);
      assert.ok(info.tags.includes('nomor'), `${kind} shows its number`);
    }
  });

  it('a template Word could not open is refused naming the broken part, even where the engine would pass over it', () => {
    const edited = (fn: (xml: string) => string) => {
      const zip = new PizZip(defaultTemplate('spmt'));
      zip.file('word/document.xml', fn(zip.file('word/document.xml')!.asText()));
      return zip.generate({ type: 'nodebuffer' }) as Buffer;
    };
    const refused = (bytes: Buffer, pattern: RegExp) =>
      assert.throws(() => inspectTemplate('spmt', 'spmt-kantor.docx', bytes), (e: unknown) => e instanceof TemplateProblem && /spmt-kantor\.docx/.test(e.message) && pattern.test(e.message));
    refused(edited((x) => x.replace('</w:body>', '')), /bukan XML yang sah: word\/document\.xml baris 1 kolom \d+/);
    refused(edited((x) => x.slice(0, x.length / 2)), /berkas rusak, Word tidak dapat membukanya/);
    refused(edited(() => 'bukan XML {nama}'), /word\/document\.xml/);
    const rels = new PizZip(defaultTemplate('spmt'));
    rels.file('word/_rels/document.xml.rels', '<Relationships><Relationship Id="rId1"</Relationships>');
    refused(rels.generate({ type: 'nodebuffer' }) as Buffer, /word\/_rels\/document\.xml\.rels/);
  });

  it('docs/documents.md documents every placeholder', () => {
    const doc = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'documents.md'), 'utf8');
    for (const kind of DOCUMENT_KINDS) {
      for (const p of PLACEHOLDERS[kind]) {
        assert.ok(doc.includes(p.section ? `{#${p.tag}}` : `{${p.tag}}`), `{${p.tag}} (${kind})`);
        for (const i of p.inner ?? []) assert.ok(doc.includes(`{${i.tag}}`), `{${i.tag}} in {#${p.tag}}`);
      }
    }
  });

  it('Indonesian dates, golongan with pangkat, numbering patterns', () => {
    assert.equal(tanggalPanjang(dayFromYmd(2027, 1, 2)!), '2 Januari 2027');
    assert.equal(tanggalPanjang(dayFromYmd(2026, 12, 31)!), '31 Desember 2026');
    assert.equal(pangkatGolongan('III/b'), 'Penata Muda Tingkat I (III/b)');
    assert.equal(pangkatGolongan('IV/a'), 'Pembina (IV/a)');
    assert.equal(pangkatGolongan('II/d'), 'Pengatur Tingkat I (II/d)');
    assert.equal(formatNumber('800.1.3.3/{nomor}/BKPSDM/{tahun}', 17, 2027, 1), '800.1.3.3/17/BKPSDM/2027');
    assert.equal(formatNumber('{nomor}/BKPSDM-{romawi}/{tahun}', 3, 2027, 11), '3/BKPSDM-XI/2027');
    assert.equal(patternProblem('800/{nomor}/{tahun}'), null);
    assert.match(patternProblem('800/{tahun}')!, /\{nomor\}/);
    assert.match(patternProblem('800/{nomor}/{x}')!, /\{x\}/);
    assert.match(patternProblem('800/{nomor}/}')!, /tidak berpasangan/);
  });
});
