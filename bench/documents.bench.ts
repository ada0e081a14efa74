/**
 * Decision documents: 500 recorded decisions (SQLite) → one SK with a 500-row Lampiran + 500 petikan +
 * 500 Surat Penjelasan + 500 SPMT, numbered, QR-coded, hashed and audited, as `mutasi surat` and the API
 * make them. Prints the time (goal ≤ 10 s on the project machine) and the peak memory.
 *
 * The engine was chosen by measurement: the same petikan (simple tags only) filled 100 times by
 * docxtemplater + pizzip and by docx-templates, same run, same machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import Docxtemplater from 'docxtemplater';
import { createReport } from 'docx-templates';
import PizZip from 'pizzip';
import { openDatabase } from '../sync-server/db/connect';
import { migrateLatest } from '../sync-server/db/migrate';
import { issueDocuments } from '../sync-server/documents/issue';
import { threadsFor } from '../sync-server/documents/render-pool';
import { renderDocxFresh, renderDocxSync, type RenderInput } from '../sync-server/documents/render';
import { defaultTemplate } from '../sync-server/documents/templates';
import { seedDecisions } from '../test/server/support/documents';

const N = 500;

function peakSampler(): { stop(): { rss: number; heap: number } } {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const t = setInterval(sample, 20);
  return {
    stop() {
      clearInterval(t);
      sample();
      return { rss, heap };
    },
  };
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

/** The petikan with its sections taken out, so both engines fill the same plain tags. */
function plainPetikan(): Buffer {
  const zip = new PizZip(defaultTemplate('petikan'));
  for (const name of Object.keys(zip.files).filter((n) => /^word\/[^/]+\.xml$/.test(n))) {
    zip.file(name, zip.file(name)!.asText().replace(/\{[#/^](draf|verifikasi)\}/g, '').replace(/DRAF · /g, ''));
  }
  return zip.generate({ type: 'nodebuffer' }) as Buffer;
}

async function engines(): Promise<number> {
  const template = plainPetikan();
  const data = (i: number) => ({
    nomor: `800.1.3.3/${i}/BKPSDM/2027`, tanggal: '2 Januari 2027', tahun: '2027', nomorCatatan: `MUT-2027-${String(i).padStart(6, '0')}`, tautanVerifikasi: 'https://contoh/verifikasi/x',
    nama: `Pegawai ${i}, S.E.`, nip: '198001012005011001', pangkat: 'Penata Muda Tingkat I', golongan: 'III/b', pangkatGolongan: 'Penata Muda Tingkat I (III/b)',
    jabatanLama: 'Analis', unitLama: 'Dinas A', jabatanBaru: 'Perencana', unitBaru: 'Bappeda', tmt: '2 Januari 2027', jenisMutasi: 'Rotasi', catatan: '', izinMendagri: '', nomorSk: 'x', tanggalSk: 'y',
  });
  const runs = 100;
  let t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true, errorLogging: false, nullGetter: () => '' });
    doc.render(data(i));
    doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
  }
  const dxt = (performance.now() - t0) / runs;
  t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    await createReport({ template, data: data(i), cmdDelimiter: ['{', '}'], failFast: false, rejectNullish: false });
  }
  const dt = (performance.now() - t0) / runs;
  console.log(`engine, one petikan: docxtemplater+pizzip ${dxt.toFixed(1)} ms · docx-templates ${dt.toFixed(1)} ms · ratio ${(dt / dxt).toFixed(2)} (docx-templates / docxtemplater)`);
  return dxt;
}

/**
 * The fix measured back to back in this run: the same 300 letters (petikan, penjelasan, SPMT) filled the
 * plain way (a new docxtemplater, which parses the template, and every part deflated, per document) and
 * on the template prepared once (render.ts), on this thread.
 */
function preparedVsPlain(): void {
  const kinds = ['petikan', 'penjelasan', 'spmt'] as const;
  const inputs: RenderInput[] = Array.from({ length: 300 }, (_, i) => ({
    kind: kinds[i % 3]!, fileName: 'bawaan', template: defaultTemplate(kinds[i % 3]!), date: new Date('2027-01-02T00:00:00Z'),
    qrUrl: `https://mutasi.contohkab.go.id/verifikasi/${String(i).padStart(22, 'x')}`,
    values: {
      nomor: `800.1.3.3/${i}/BKPSDM/2027`, tanggal: '2 Januari 2027', tahun: '2027', nomorCatatan: `MUT-2027-${String(i).padStart(6, '0')}`, verifikasi: true, draf: false,
      nama: `Pegawai ${i}, S.E.`, nip: '198001012005011001', pangkatGolongan: 'Penata Muda Tingkat I (III/b)', jabatanLama: 'Analis', unitLama: 'Dinas A', jabatanBaru: 'Perencana', unitBaru: 'Bappeda',
      tmt: '4 Januari 2027', jenisMutasi: 'Rotasi', nomorSk: '800.1.3.3/1/BKPSDM/2027', tanggalSk: '2 Januari 2027', alasan: 'Sesuai kebutuhan organisasi', adaJpm: true, jpm: '92,86 %',
      kategoriJpm: 'Memenuhi Syarat', kesenjangan: [{ kompetensi: 'Komunikasi', level: 2, standar: 4, rencana: 'pelatihan' }], diklatBelum: [], adaMinat: true, unitDiminati: 'Bappeda',
    },
  }));
  for (const i of inputs.slice(0, 6)) {
    renderDocxFresh(i);
    renderDocxSync(i);
  }
  const time = (fill: (i: RenderInput) => Buffer) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const i of inputs) fill(i);
    return { ms: (performance.now() - t0) / inputs.length, cpu: cpuSeconds(c0) * 1000 / inputs.length };
  };
  const plain = time(renderDocxFresh);
  const once = time(renderDocxSync);
  const plain2 = time(renderDocxFresh);
  const p = { ms: (plain.ms + plain2.ms) / 2, cpu: (plain.cpu + plain2.cpu) / 2 };
  console.log(`fill, back to back on one thread (300 letters): plain ${p.ms.toFixed(1)} ms (CPU ${p.cpu.toFixed(1)}) · template prepared once ${once.ms.toFixed(1)} ms (CPU ${once.cpu.toFixed(1)}) a document — ${(p.cpu / once.cpu).toFixed(2)} × less CPU`);
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-bench-docs-'));
  const db = openDatabase(path.join(dir, 'mutasi.sqlite'));
  try {
    await migrateLatest(db);
    await seedDecisions(db, N);
    const recordNos = ((await db.knex('decisions').select('record_no').orderBy('record_no')) as { record_no: string }[]).map((r) => r.record_no);
    const reference = await engines();
    preparedVsPlain();
    if (global.gc) global.gc();
    const peak = peakSampler();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const files = await issueDocuments(db, { kinds: ['sk', 'petikan', 'penjelasan', 'spmt'], recordNos }, { actor: 'bench', baseUrl: 'https://mutasi.contohkab.go.id' });
    const first = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(c0);
    const m = peak.stop();
    const bytes = files.reduce((s, f) => s + f.bytes.length, 0);
    console.log(`${N} decisions → ${files.length} documents (1 SK + ${N} petikan + ${N} letters + ${N} SPMT), first issue: ${first.toFixed(2)} s (goal ≤ 10 s), ${(files.length / first).toFixed(0)} documents/s, ${mb(bytes)} of .docx`);
    console.log(`peak memory: rss ${mb(m.rss)}, heap ${mb(m.heap)}`);
    // CPU time of the whole process (worker threads included): what the batch costs whatever the load.
    console.log(`CPU time: ${cpu.toFixed(2)} s (${((cpu * 1000) / files.length).toFixed(1)} ms a document) — on an idle machine the time is about this divided by the threads used`);
    // The machine's speed cancels out: the whole pipeline (numbering, QR, rendering, hashing, audit) per
    // document against one plain docxtemplater fill of the petikan, measured just before in this run.
    console.log(`per document: ${((first * 1000) / files.length).toFixed(1)} ms = ${((first * 1000) / files.length / reference).toFixed(2)} × one plain docxtemplater petikan (reference, same run)`);
    console.log(`machine load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min) on ${require('node:os').cpus().length} cores — figures scale with it`);
    // The same batch again, filled on the main thread only: what the worker threads bring (render-pool.ts).
    process.env.MUTASI_RENDER_THREADS = '0';
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    const again = await issueDocuments(db, { kinds: ['sk', 'petikan', 'penjelasan', 'spmt'], recordNos }, { actor: 'bench', baseUrl: 'https://mutasi.contohkab.go.id' });
    const single = (performance.now() - t1) / 1000;
    const singleCpu = cpuSeconds(c1);
    delete process.env.MUTASI_RENDER_THREADS;
    const same = again.every((f, i) => f.sha256 === files[i]!.sha256);
    console.log(`re-issue of the same batch on one thread: ${single.toFixed(2)} s (same numbers${same ? ', same bytes' : ', BYTES DIFFER'}); threads (${threadsFor(files.length)}) / one thread: ${(first / single).toFixed(2)}; CPU ${singleCpu.toFixed(2)} s (${((singleCpu * 1000) / again.length).toFixed(1)} ms a document)`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
