/**
 * A large batch is filled on worker threads: the same bytes as filled on the main thread, in the same
 * order; a template the engine refuses is the same TemplateProblem from a thread.
 */
import assert from 'node:assert/strict';
import PizZip from 'pizzip';
import { TemplateProblem, type RenderInput } from '../../sync-server/documents/render';
import { renderAll, threadsFor } from '../../sync-server/documents/render-pool';
import { defaultTemplate } from '../../sync-server/documents/templates';
import { qrInDocx } from './support';

describe('filling documents on worker threads', function () {
  this.timeout(120_000);
  const inputs: RenderInput[] = Array.from({ length: 12 }, (_, i) => ({
    kind: i % 2 ? 'spmt' : 'petikan', fileName: 'bawaan', template: defaultTemplate(i % 2 ? 'spmt' : 'petikan'),
    values: { nomor: `800/${i}/2027`, nama: `Pegawai ${i} <b>`, nip: '198001012005011001', verifikasi: true, draf: false },
    qrUrl: `https://contoh.invalid/verifikasi/${String(i).padStart(22, 'x')}`, date: new Date('2027-01-02T00:00:00Z'),
  }));

  it('threads give the same bytes, in order, as the main thread', async () => {
    const here = await renderAll(inputs, 0);
    const threads = await renderAll(inputs, 2);
    assert.equal(threads.length, inputs.length);
    threads.forEach((b, i) => assert.ok(b.equals(here[i]!), `document ${i}`));
    assert.equal(qrInDocx(threads[5]!)[0], inputs[5]!.qrUrl);
    assert.match(new PizZip(threads[3]!).file('word/document.xml')!.asText(), /Pegawai 3 &lt;b&gt;/);
  });

  it('a refused template is a TemplateProblem from a thread too', async () => {
    const zip = new PizZip(defaultTemplate('petikan'));
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{nip}', '{nip'));
    const broken = zip.generate({ type: 'nodebuffer' }) as Buffer;
    await assert.rejects(renderAll([...inputs, { ...inputs[0]!, template: broken, fileName: 'kantor.docx' }], 2), (e: unknown) => e instanceof TemplateProblem && /kantor\.docx/.test(e.message));
  });

  it('threads only for a batch worth it', () => {
    assert.equal(threadsFor(100, '4'), 0);
    assert.equal(threadsFor(1501, '4'), 4);
    assert.equal(threadsFor(1501, '0'), 0);
    assert.equal(threadsFor(400, '8'), 2);
  });
});
