/**
 * renderDocx parses a template once and renders every document on a view of it (render.ts): the bytes
 * must be exactly those of the plain way (a new docxtemplater per document), for every kind, with
 * sections on and off, loops of other lengths, drafts, hostile values and an office's own template, in
 * one interleaved sequence (so state left behind by one document would show in the next).
 */
import assert from 'node:assert/strict';
import PizZip from 'pizzip';
import { renderDocx, renderDocxFresh, TemplateProblem, type RenderInput } from '../../sync-server/documents/render';
import { defaultTemplate } from '../../sync-server/documents/templates';
import type { DocumentKind } from '../../sync-server/documents/placeholders';
import { qrInDocx } from './support';

const HOSTILE = '<b>Tebal</b> =HYPERLINK("http://contoh.invalid","klik") & Co {nama} $& ]]>';

function person(i: number, name = `Pegawai ${i}, S.E.`) {
  return {
    nama: name, nip: `19800101200501${String(1000 + i)}`, pangkat: 'Penata Muda Tingkat I', golongan: 'III/b', pangkatGolongan: 'Penata Muda Tingkat I (III/b)',
    jabatanLama: `Analis ${i}`, unitLama: 'Dinas Kesehatan', jabatanBaru: `Perencana ${i}`, unitBaru: 'Bappeda', tmt: '4 Januari 2027', jenisMutasi: i % 2 ? 'Promosi' : 'Rotasi',
    catatan: i % 3 ? '' : `Catatan ${i}`, izinMendagri: i % 4 ? '' : `100.2.2.6/${i}`, nomorCatatan: `MUT-2027-${String(i).padStart(6, '0')}`,
  };
}

function values(kind: DocumentKind, i: number, draft: boolean, name?: string): Record<string, unknown> {
  const common = {
    nomor: draft ? 'DRAF' : `800.1.3.3/${i}/BKPSDM/2027`, tanggal: '2 Januari 2027', tahun: '2027', nomorCatatan: `MUT-2027-${String(i).padStart(6, '0')}`,
    tautanVerifikasi: draft ? '' : `https://mutasi.contohkab.go.id/verifikasi/${String(i).padStart(22, 'a')}`, draf: draft, verifikasi: !draft,
  };
  if (kind === 'sk') {
    const n = 1 + ((i * 7) % 9);
    return { ...common, jumlah: n, pegawai: Array.from({ length: n }, (_, k) => ({ no: k + 1, ...person(i * 10 + k, k === 1 ? name : undefined) })) };
  }
  const base = { ...common, ...person(i, name), nomorSk: `800.1.3.3/1/BKPSDM/2027`, tanggalSk: '2 Januari 2027' };
  if (kind !== 'penjelasan') return base;
  const gaps = i % 3;
  return {
    ...base, alasan: i % 2 ? `Alasan pengusul ${i}: kinerja dan minat` : 'Sesuai kebutuhan organisasi', adaJpm: i % 5 !== 0, jpm: '92,86 %', kategoriJpm: 'Memenuhi Syarat',
    kesenjangan: Array.from({ length: gaps }, (_, k) => ({ kompetensi: `Kompetensi ${k}`, level: 2, standar: 3 + k, rencana: `rencana ${k}` })),
    diklatBelum: i % 2 ? [{ diklat: 'Pelatihan Pelayanan Prima' }] : [], tanpaRencana: gaps === 0 && i % 2 === 0, minatDipenuhi: i % 2 === 0, adaMinat: i % 3 !== 2,
    unitDiminati: 'Bappeda; Dinas Pendidikan',
  };
}

/** The petikan as an office might have edited it (other text, the same tags). */
function officeTemplate(): Buffer {
  const zip = new PizZip(defaultTemplate('petikan'));
  zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('PEMERINTAH KABUPATEN CONTOH', 'PEMERINTAH KABUPATEN SUKAMAJU'));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}

describe('filling a template parsed once', function () {
  this.timeout(120_000);

  it('gives the same bytes as a new engine per document, for every kind, in an interleaved sequence', async () => {
    const kinds: DocumentKind[] = ['sk', 'petikan', 'penjelasan', 'spmt'];
    const office = officeTemplate();
    const inputs: RenderInput[] = [];
    for (let i = 1; i <= 24; i++) {
      const kind = kinds[i % 4]!;
      const draft = i % 7 === 0;
      const name = i % 5 === 0 ? HOSTILE : undefined;
      inputs.push({
        kind, fileName: 'bawaan', template: kind === 'petikan' && i % 3 === 0 ? office : defaultTemplate(kind), values: values(kind, i, draft, name),
        qrUrl: draft ? null : `https://mutasi.contohkab.go.id/verifikasi/${String(i).padStart(22, 'q')}`, date: new Date(Date.UTC(2027, 0, 1 + (i % 3))),
      });
    }
    for (const [i, input] of inputs.entries()) {
      const once = await renderDocx(input);
      const fresh = renderDocxFresh(input);
      assert.ok(once.equals(fresh), `document ${i} (${input.kind}${input.qrUrl ? '' : ', draft'}) differs from the plain fill`);
    }
    // And what is in them: escaped values, the QR, the office's text.
    const hostile = await renderDocx(inputs[4]!);
    const hx = new PizZip(hostile).file('word/document.xml')!.asText();
    assert.ok(hx.includes('&lt;b&gt;Tebal&lt;/b&gt; =HYPERLINK(&quot;http://contoh.invalid&quot;,&quot;klik&quot;) &amp; Co {nama} $&amp; ]]&gt;'));
    assert.deepEqual(qrInDocx(await renderDocx(inputs[1]!)), [inputs[1]!.qrUrl]);
    assert.ok(new PizZip(await renderDocx(inputs[8]!)).file('word/document.xml')!.asText().includes('SUKAMAJU'));
  });

  it('a template the engine refuses is a TemplateProblem naming it, each time it is asked for', async () => {
    const zip = new PizZip(defaultTemplate('spmt'));
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{nip}', '{nip'));
    const broken = zip.generate({ type: 'nodebuffer' }) as Buffer;
    const input: RenderInput = { kind: 'spmt', fileName: 'spmt-kantor.docx', template: broken, values: values('spmt', 1, false), qrUrl: null, date: new Date(0) };
    for (let k = 0; k < 2; k++) await assert.rejects(renderDocx(input), (e: unknown) => e instanceof TemplateProblem && /spmt-kantor\.docx/.test(e.message) && /tidak ditutup/.test(e.message));
  });
});
