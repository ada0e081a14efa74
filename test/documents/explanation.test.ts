/**
 * The Surat Penjelasan's "why this move": the proposer's explanation where there is one (the Usulan row's
 * Hasil Pemeriksaan as `propose` wrote it, told in plain words), else the row's Catatan. Drafts from a
 * workbook here; recorded decisions (the explanation carried by the push) in documents.test.ts.
 */
import assert from 'node:assert/strict';
import PizZip from 'pizzip';
import { explanationParts, isProposerExplanation, plainExplanation, proposerExplanationIn, withProposerExplanation } from '../../shared/proposer/explanation-text';
import { W, describeScore } from '../../shared/proposer/words';
import { draftDocuments } from '../../sync-server/documents/drafts';
import { defaultTemplate } from '../../sync-server/documents/templates';
import { parseDateText } from '../../shared/values/dates';
import { demoBook } from '../support/writers';

/** The visible text of a .docx's body (runs joined, paragraphs on lines). */
const bodyText = (bytes: Buffer) =>
  new PizZip(bytes).file('word/document.xml')!.asText().replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');

describe('the proposer\'s explanation in the Surat Penjelasan', function () {
  this.timeout(60_000);
  const parts = { jpm: 40, performance: 15, rotation: 0, preference: 6.5, major: 5, newVacancy: -20 };

  it('recognises what propose writes, in both languages, and tells what weighed, largest first', () => {
    const id = W.id.moveLine(describeScore(46.5, parts, 'id'), 'TENURE_SHORT: masa jabatan kurang dari 24 bulan');
    const en = W.en.moveLine(describeScore(46.5, parts, 'en'), '');
    const darurat = W.id.daruratLine(describeScore(1234.5, { ...parts, jpm: 1200 }, 'id'), '');
    for (const line of [id, en, darurat]) assert.ok(isProposerExplanation(line), line);
    assert.deepEqual(explanationParts(id)!.parts, [
      { part: 'jpm', value: 40 }, { part: 'performance', value: 15 }, { part: 'preference', value: 6.5 }, { part: 'major', value: 5 }, { part: 'newVacancy', value: -20 },
    ]);
    assert.deepEqual(explanationParts(en)!.parts.map((p) => p.value), [40, 15, 6.5, 5, -20]);
    assert.equal(explanationParts(darurat)!.parts[0]!.value, 1200, 'Indonesian thousands: 1.200,00');
    const plain = plainExplanation(id)!;
    assert.equal(
      plain,
      'Saudara diusulkan untuk jabatan ini melalui penilaian kesesuaian yang sama bagi semua pegawai, terutama karena kompetensi Saudara sesuai dengan standar kompetensi jabatan ini, kinerja Saudara dinilai baik, unit kerja ini termasuk unit yang Saudara minati, dan jurusan pendidikan Saudara sesuai dengan jabatan ini.',
    );
    assert.equal(plainExplanation(en), plain, 'the letter is Indonesian whatever language propose spoke');
    assert.match(plainExplanation(darurat)!, /^Penugasan ini diperlukan segera untuk menangani keadaan darurat/);
    // Not the proposer's: a check's verdict is no explanation; a person's explanation is kept as written.
    assert.equal(isProposerExplanation('OK'), false);
    assert.equal(isProposerExplanation('Galat: NIP_FORMAT …'), false);
    assert.equal(plainExplanation('Diminta Kepala Bappeda'), 'Diminta Kepala Bappeda');
    assert.equal(plainExplanation('   '), null);
    assert.equal(plainExplanation(null), null);
    // A check keeps it after its verdict, once, however often it runs.
    const kept = withProposerExplanation('Peringatan: TENURE_SHORT', withProposerExplanation('Memenuhi aturan', id));
    assert.equal(kept, `Peringatan: TENURE_SHORT — ${id}`);
    assert.equal(proposerExplanationIn(kept), id);
    assert.equal(proposerExplanationIn('Memenuhi aturan'), null);
    assert.equal(withProposerExplanation('Memenuhi aturan', 'Memenuhi aturan'), 'Memenuhi aturan');
  });

  it('drafts from a workbook: the proposer\'s Hasil Pemeriksaan where propose wrote it, else the row\'s Catatan', async () => {
    const { sheets } = await demoBook();
    const copy = sheets.map((s) => ({ ...s, values: s.values.map((r) => [...r]) }));
    const usulan = copy.find((s) => s.name === 'Usulan')!;
    // U-0003 (row 4) as propose left it; U-0011 (row 12) checked since (a verdict, not an explanation).
    const header = usulan.values[0]!.map((v) => String(v ?? ''));
    const col = header.indexOf('Hasil Pemeriksaan');
    assert.ok(col >= 0);
    const line = W.id.moveLine(describeScore(61.5, { ...parts, preference: 0, major: 0, rotation: 10 }, 'id'), 'TENURE_SHORT: masa jabatan kurang dari 24 bulan');
    usulan.values[4 - usulan.startRow]![col] = line;
    usulan.values[12 - usulan.startRow]![col] = 'OK';
    // U-0016 (row 17): proposed, then checked in the add-in (the verdict first, the explanation kept).
    usulan.values[17 - usulan.startRow]![col] = withProposerExplanation('Memenuhi aturan', W.id.moveLine(describeScore(20, { ...parts, jpm: 0, performance: 0, major: 0, preference: 20 }, 'id'), ''));
    const r = await draftDocuments(copy, copy.map((s) => s.name), { kinds: ['penjelasan'], proposalIds: ['U-0003', 'U-0011', 'U-0016'] }, { get: (k) => ({ bytes: defaultTemplate(k), fileName: 'bawaan' }) }, parseDateText('2027-01-02')!);
    assert.equal(r.files.length, 3);
    const [proposed, checked, keptByCheck] = r.files.map((f) => bodyText(f.bytes));
    assert.ok(proposed!.includes('terutama karena kompetensi Saudara sesuai dengan standar kompetensi jabatan ini, kinerja Saudara dinilai baik, dan Saudara sudah cukup lama pada jabatan sebelumnya sehingga perlu penyegaran tugas.'), proposed);
    assert.ok(!proposed!.includes('Mengisi kekosongan jabatan'), 'the explanation, not the Catatan');
    assert.ok(!/skor|TENURE_SHORT/.test(proposed!));
    assert.ok(checked!.includes('Atas permintaan sendiri (alasan keluarga)'), 'no explanation: the Catatan');
    assert.ok(keptByCheck!.includes('terutama karena unit kerja ini termasuk unit yang Saudara minati.'), keptByCheck);
  });
});
