/**
 * `mutasi surat` — decision documents (docs/documents.md):
 *   from the official record:  mutasi surat --out DIR|x.zip [--jenis …] (--nomor … | --dari … --sampai … | --unit …)
 *   drafts from a workbook:    mutasi surat --buku usulan.xlsx --out DIR|x.zip [--jenis …] [--usulan U-1,U-2] [--unit …]
 *   settings:                  mutasi surat --pola "800.1.3.3/{nomor}/BKPSDM/{tahun}" | --alamat-publik https://…
 *   templates:                 mutasi surat --templat sk (--pasang f.docx | --ambil f.docx | --hapus) | --templat-daftar
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { isoDate, type Day } from '../../../shared/values/dates';
import type { Db } from '../../db/connect';
import { draftDocuments } from '../../documents/drafts';
import { DocumentRequestProblem, issueDay, issueDocuments, type GeneratedFile } from '../../documents/issue';
import { DOCUMENT_KINDS, KIND_TITLE, type DocumentKind } from '../../documents/placeholders';
import { TemplateProblem } from '../../documents/render';
import { readDocumentSettings, SettingsProblem, writeDocumentSettings } from '../../documents/settings';
import { defaultTemplate, installTemplate, loadTemplate, removeTemplate } from '../../documents/templates';
import { zipOf } from '../../server/routes/documents';
import { openOfficialRecord } from '../../server/env';
import { readKnownSheetsAndNames } from '../../xlsx/exceljs-gateway';
import { parseAsOf } from '../options';
import { UserError } from '../user-error';

interface Options {
  out?: string;
  jenis: DocumentKind[];
  nomor?: string[];
  dari?: Day;
  sampai?: Day;
  unit?: string;
  buku?: string;
  usulan?: string[];
  db?: string;
  oleh?: string;
  alamat?: string;
  force?: boolean;
  pola?: string;
  alamatPublik?: string;
  templat?: DocumentKind;
  pasang?: string;
  ambil?: string;
  hapus?: boolean;
  templatDaftar?: boolean;
}

function parseKinds(v: string): DocumentKind[] {
  const parts = v.split(/[,;\s]+/).filter(Boolean).map((s) => s.toLowerCase());
  if (parts.includes('semua')) return [...DOCUMENT_KINDS];
  const bad = parts.filter((p) => !(DOCUMENT_KINDS as readonly string[]).includes(p));
  if (bad.length > 0 || parts.length === 0) throw new InvalidArgumentError(`jenis dokumen harus sk, petikan, penjelasan, spmt atau semua (dipisah koma), bukan "${bad.join(', ') || v}"`);
  return parts as DocumentKind[];
}

function parseKind(v: string): DocumentKind {
  if (!(DOCUMENT_KINDS as readonly string[]).includes(v)) throw new InvalidArgumentError(`templat harus sk, petikan, penjelasan atau spmt, bukan "${v}"`);
  return v as DocumentKind;
}

const list = (v: string) => v.split(/[,;\s]+/).filter(Boolean);

/** Writes the files into a folder, or one .zip (with daftar.csv); nothing is overwritten unless --force. */
function writeOut(out: string, files: GeneratedFile[], force: boolean): string {
  if (/\.zip$/i.test(out)) {
    if (existsSync(out) && !force) throw new UserError(`${out} sudah ada; pakai --force untuk menimpanya`);
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, zipOf(files));
    return out;
  }
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UserError(`${out} bukan folder; untuk satu berkas zip pakai nama berakhiran .zip`);
  const clash = files.map((f) => path.join(out, f.path)).filter((p) => existsSync(p));
  if (clash.length > 0 && !force) throw new UserError(`${clash.length} berkas sudah ada di ${out} (mis. ${clash[0]}); pakai --force untuk menimpanya`);
  for (const f of files) {
    const p = path.join(out, f.path);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, f.bytes);
  }
  const daftar = ['Berkas,Jenis,Nomor,Nomor Catatan,SHA-256', ...files.map((f) => [f.path, f.kind, f.number, f.recordNos.join(' '), f.sha256].join(','))];
  writeFileSync(path.join(out, 'daftar.csv'), '\uFEFF' + daftar.join('\r\n') + '\r\n');
  return out;
}

function summary(files: GeneratedFile[]): string {
  const byKind = new Map<DocumentKind, GeneratedFile[]>();
  for (const f of files) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  return [...byKind].map(([k, fs]) => {
    const numbers = [...new Set(fs.map((f) => f.number))];
    return `  ${KIND_TITLE[k]}: ${fs.length.toLocaleString('id-ID')} berkas${numbers.length <= 2 ? `, nomor ${numbers.join(', ')}` : `, nomor ${numbers[0]} … ${numbers[numbers.length - 1]}`}`;
  }).join('\n');
}

function userErrorOf(e: unknown): never {
  if (e instanceof DocumentRequestProblem || e instanceof SettingsProblem) throw new UserError(e.message);
  if (e instanceof TemplateProblem) throw new UserError(e.message);
  throw e;
}

async function withDb<T>(flag: string | undefined, fn: (db: Db) => Promise<T>, opts: { readOnly?: boolean } = {}): Promise<T> {
  const db = await openOfficialRecord(flag, { existing: true, readOnly: opts.readOnly });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function registerSurat(program: Command): void {
  program
    .command('surat')
    .description('buat dokumen keputusan: SK kolektif + Lampiran, petikan, surat penjelasan, SPMT (bernomor dan dapat diverifikasi)')
    .option('--out <folder|berkas.zip>', 'tempat dokumen ditulis: sebuah folder, atau satu berkas .zip')
    .option('--jenis <daftar>', 'sk, petikan, penjelasan, spmt atau semua (dipisah koma)', parseKinds, [...DOCUMENT_KINDS])
    .option('--nomor <daftar>', 'nomor catatan keputusan (dipisah koma), mis. MUT-2027-000001,MUT-2027-000002', list)
    .option('--dari <YYYY-MM-DD>', 'TMT paling awal', parseAsOf)
    .option('--sampai <YYYY-MM-DD>', 'TMT paling akhir', parseAsOf)
    .option('--unit <nama>', 'keputusan ke atau dari unit ini')
    .option('--buku <usulan.xlsx>', 'DRAF dari baris Usulan berstatus Disetujui di buku kerja ini (tanpa nomor, tanpa QR)')
    .option('--usulan <daftar>', 'dengan --buku: hanya No Usulan ini (dipisah koma)', list)
    .option('--db <url>', 'berkas SQLite atau URL PostgreSQL (bawaan: DATABASE_URL atau ./data/mutasi.sqlite)')
    .option('--oleh <nama>', 'nama yang dicatat di rantai audit sebagai penerbit (bawaan: nama pengguna sistem)')
    .option('--alamat <url>', 'alamat server untuk kode QR (bawaan: pengaturan alamat publik, atau https://localhost:3000)')
    .option('--force', 'timpa berkas yang sudah ada')
    .option('--pola <pola>', 'atur pola penomoran, mis. "800.1.3.3/{nomor}/BKPSDM/{tahun}"')
    .option('--alamat-publik <url>', 'atur alamat publik server yang dipakai kode QR')
    .option('--templat <jenis>', 'templat yang dikelola: sk, petikan, penjelasan, spmt', parseKind)
    .option('--pasang <berkas.docx>', 'dengan --templat: pasang templat kantor (diperiksa dulu)')
    .option('--ambil <berkas.docx>', 'dengan --templat: simpan templat yang sedang dipakai ke berkas ini')
    .option('--hapus', 'dengan --templat: kembali ke templat bawaan')
    .option('--templat-daftar', 'tampilkan templat yang dipakai untuk setiap jenis')
    .addHelpText(
      'after',
      `
Contoh:
  npx mutasi surat --nomor MUT-2027-000001,MUT-2027-000002 --out surat/
  npx mutasi surat --dari 2027-01-01 --sampai 2027-01-31 --jenis sk,petikan --out januari.zip
  npx mutasi surat --buku usulan.xlsx --out draf-baperjakat.zip
  npx mutasi surat --pola "800.1.3.3/{nomor}/BKPSDM/{tahun}"
  npx mutasi surat --templat sk --ambil sk-kantor.docx   (sunting di Word, lalu:)
  npx mutasi surat --templat sk --pasang sk-kantor.docx
Penanda templat: docs/documents.md.`,
    )
    .action(async (o: Options) => {
      const actor = `${o.oleh ?? process.env.USER ?? 'cli'} (cli)`;
      if (o.pola !== undefined || o.alamatPublik !== undefined) {
        const s = await withDb(o.db, (db) => writeDocumentSettings(db, { ...(o.pola !== undefined ? { pattern: o.pola } : {}), ...(o.alamatPublik !== undefined ? { publicUrl: o.alamatPublik } : {}) }, actor).catch(userErrorOf));
        process.stdout.write(`Pola nomor: ${s.pattern}\nAlamat publik: ${s.publicUrl ?? '(belum diatur; kode QR memakai alamat permintaan atau https://localhost:3000)'}\n`);
        return;
      }
      if (o.templatDaftar) {
        await withDb(o.db, async (db) => {
          for (const k of DOCUMENT_KINDS) {
            const t = await loadTemplate(db, k);
            process.stdout.write(`${k.padEnd(11)} ${t.source === 'kantor' ? `kantor: ${t.fileName}, dipasang ${t.installedAt} oleh ${t.actor}` : 'bawaan'}  sha256 ${t.sha256.slice(0, 16)}…\n`);
          }
        }, { readOnly: true });
        return;
      }
      if (o.templat) {
        const kind = o.templat;
        if (o.pasang) {
          if (!existsSync(o.pasang)) throw new UserError(`berkas ${o.pasang} tidak ada`);
          const info = await withDb(o.db, (db) => installTemplate(db, kind, path.basename(o.pasang!), readFileSync(o.pasang!), actor).catch(userErrorOf));
          process.stdout.write(`Templat ${kind} dipasang (${path.basename(o.pasang)}, sha256 ${info.sha256.slice(0, 16)}…); penanda: ${info.tags.map((t) => `{${t}}`).join(' ')}\n`);
        } else if (o.ambil) {
          if (existsSync(o.ambil) && !o.force) throw new UserError(`${o.ambil} sudah ada; pakai --force untuk menimpanya`);
          // The template in use (the office's when there is a record to ask), else the shipped one.
          let t: { bytes: Buffer; source: string };
          try {
            t = await withDb(o.db, (db) => loadTemplate(db, kind), { readOnly: true });
          } catch (e) {
            if (o.db || !(e instanceof UserError)) throw e;
            t = { bytes: defaultTemplate(kind), source: 'bawaan' };
          }
          writeFileSync(o.ambil, t.bytes);
          process.stdout.write(`Ditulis ${o.ambil} (templat ${kind}, ${t.source}). Sunting di Word, lalu pasang dengan --templat ${kind} --pasang ${o.ambil}\n`);
        } else if (o.hapus) {
          const removed = await withDb(o.db, (db) => removeTemplate(db, kind, actor));
          process.stdout.write(removed ? `Templat ${kind} kembali ke bawaan.\n` : `Templat ${kind} memang bawaan; tidak ada yang diubah.\n`);
        } else {
          throw new UserError('dengan --templat pakai --pasang <berkas.docx>, --ambil <berkas.docx> atau --hapus');
        }
        return;
      }
      if (!o.out) throw new UserError('sebutkan --out <folder> atau --out <berkas.zip>');
      const from = o.dari === undefined ? undefined : isoDate(o.dari);
      const to = o.sampai === undefined ? undefined : isoDate(o.sampai);
      let files: GeneratedFile[];
      if (o.buku) {
        if (o.nomor) throw new UserError('--nomor memilih keputusan tercatat; untuk draf dari buku kerja pakai --usulan');
        if (!existsSync(o.buku)) throw new UserError(`berkas ${o.buku} tidak ada`);
        const { sheets, names } = await readKnownSheetsAndNames(o.buku);
        const templates = new Map<DocumentKind, { bytes: Buffer; fileName: string }>();
        if (o.db) await withDb(o.db, async (db) => { for (const k of o.jenis) templates.set(k, await loadTemplate(db, k)); }, { readOnly: true });
        const r = await draftDocuments(sheets, names, { kinds: o.jenis, proposalIds: o.usulan, from, to, unit: o.unit }, {
          get: (k) => templates.get(k) ?? { bytes: defaultTemplate(k), fileName: `${k}.docx (bawaan)` },
        }, issueDay()).catch(userErrorOf);
        for (const s of r.skipped) process.stderr.write(`Dilewati: Usulan ${s.id} (baris ${s.row}) — ${s.rules.join(', ')}\n`);
        files = r.files;
      } else {
        if (o.usulan) throw new UserError('--usulan hanya bersama --buku (draf dari buku kerja); keputusan tercatat dipilih dengan --nomor');
        files = await withDb(o.db, async (db) => {
          const s = await readDocumentSettings(db);
          const baseUrl = o.alamat ?? s.publicUrl ?? 'https://localhost:3000';
          if (!o.alamat && !s.publicUrl) process.stderr.write('Catatan: alamat publik server belum diatur; kode QR menunjuk https://localhost:3000 (atur dengan mutasi surat --alamat-publik https://…)\n');
          return issueDocuments(db, { kinds: o.jenis, recordNos: o.nomor, from, to, unit: o.unit }, { actor, baseUrl }).catch(userErrorOf);
        });
      }
      const where = writeOut(o.out, files, o.force === true);
      process.stdout.write(`${o.buku ? 'DRAF ' : ''}Ditulis ${files.length.toLocaleString('id-ID')} dokumen ke ${where}:\n${summary(files)}\n`);
    });
}
