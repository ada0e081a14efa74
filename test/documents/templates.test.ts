/**
 * The shipped templates against the placeholder contract: each opens, uses only documented tags, has
 * the QR image; docs/documents.md lists every placeholder; the values' formats (dates, golongan).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dayFromYmd } from '../../shared/values/dates';
import { pangkatGolongan, tanggalPanjang } from '../../sync-server/documents/data';
import { DOCUMENT_KINDS, PLACEHOLDERS } from '../../sync-server/documents/placeholders';
import { inspectTemplate } from '../../sync-server/documents/render';
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
