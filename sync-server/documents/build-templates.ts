/**
 * Builds the shipped default templates (sync-server/documents/templates/*.docx) with the `docx` library:
 * `npx tsx sync-server/documents/build-templates.ts`. The output is committed; the server never builds
 * WordprocessingML itself — it only fills these files (or the office's own, edited in Word) with
 * docxtemplater. Re-run after changing the text here; the test suite checks that every tag in the files
 * is a documented placeholder (placeholders.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  AlignmentType, BorderStyle, Document, Footer, ImageRun, PageOrientation, Packer, SectionType, Paragraph, Table, TableCell,
  TableRow, TextRun, WidthType, type ISectionOptions, type IParagraphOptions,
} from 'docx';
import QRCode from 'qrcode';
import { QR_ALT_TEXT } from './placeholders';

const FONT = 'Arial';
const SIZE = 22; // half-points: 11 pt

const run = (text: string, o: { bold?: boolean; size?: number; underline?: boolean; italics?: boolean } = {}) =>
  new TextRun({ text, bold: o.bold, size: o.size ?? SIZE, font: FONT, underline: o.underline ? {} : undefined, italics: o.italics });

function p(content: string | TextRun[], o: Omit<IParagraphOptions, 'children'> & { bold?: boolean; size?: number } = {}): Paragraph {
  const { bold, size, ...rest } = o;
  const children = typeof content === 'string' ? [run(content, { bold, size })] : content;
  return new Paragraph({ spacing: { after: 80 }, ...rest, children });
}
const center = (text: string, o: { bold?: boolean; size?: number; after?: number } = {}) =>
  p(text, { alignment: AlignmentType.CENTER, bold: o.bold, size: o.size, spacing: { after: o.after ?? 40 } });
const justify = (text: string | TextRun[], indent = 0) => p(text, { alignment: AlignmentType.JUSTIFIED, indent: indent ? { left: indent } : undefined });
const blank = () => p('');

/** The office's letterhead: edit it in Word (logo, name, address). */
function kop(): Paragraph[] {
  return [
    center('PEMERINTAH KABUPATEN CONTOH', { bold: true, size: 28 }),
    center('BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA', { bold: true, size: 24 }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.DOUBLE, size: 6, color: '000000', space: 4 } },
      spacing: { after: 200 },
      children: [run('Jalan Contoh Nomor 1, Kota Contoh 12345 · Telepon (0123) 456789 · bkpsdm@contohkab.go.id', { size: 18 })],
    }),
  ];
}

/** Shown only on drafts (from a workbook, before recording). */
const drafMark = () => [
  p('{#draf}', {}),
  center('DRAF — BELUM DITETAPKAN, TIDAK BERLAKU SEBAGAI KEPUTUSAN', { bold: true, size: 24, after: 160 }),
  p('{/draf}', {}),
];

/** Two-column layout without borders: label, text. */
function labelled(rows: [string, string | TextRun[]][], labelWidth = 22): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: rows.map(
      ([label, text]) =>
        new TableRow({
          children: [
            new TableCell({ width: { size: labelWidth, type: WidthType.PERCENTAGE }, borders, children: [p(label)] }),
            new TableCell({ width: { size: 3, type: WidthType.PERCENTAGE }, borders, children: [p(':')] }),
            new TableCell({ width: { size: 100 - labelWidth - 3, type: WidthType.PERCENTAGE }, borders, children: [justify(text)] }),
          ],
        }),
    ),
  });
}

function signature(title: string, o: { place?: boolean; withNip?: boolean } = {}): Paragraph[] {
  const indent = { left: 5200 };
  return [
    blank(),
    ...(o.place === false
      ? []
      : [p('Ditetapkan di Kota Contoh', { indent }), p('pada tanggal {tanggal}', { indent })]),
    p(title, { indent, bold: true }),
    blank(),
    blank(),
    blank(),
    p([run('NAMA PEJABAT', { bold: true, underline: true })], { indent }),
    ...(o.withNip ? [p('NIP 196501011990031001', { indent })] : []),
  ];
}

/** The verification block: the QR (an image whose alt text the server looks for) and the record numbers. */
async function verification(qrPng: Buffer): Promise<(Paragraph | Table)[]> {
  return [
    blank(),
    p('{#verifikasi}'),
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: qrPng,
          transformation: { width: 90, height: 90 },
          altText: { name: QR_ALT_TEXT, title: QR_ALT_TEXT, description: QR_ALT_TEXT },
        }),
      ],
    }),
    p([run('Nomor catatan resmi: {nomorCatatan}. Periksa keaslian dokumen ini dengan memindai kode QR atau membuka {tautanVerifikasi}', { size: 16 })]),
    p('{/verifikasi}'),
  ];
}

const footer = () =>
  new Footer({ children: [p([run('{#draf}DRAF · {/draf}Dokumen dibuat oleh Mutasi dari catatan resmi kepegawaian.', { size: 14, italics: true })], { alignment: AlignmentType.CENTER })] });

const A4 = { width: 11906, height: 16838 };
const portrait = (children: ISectionOptions['children']): ISectionOptions => ({
  properties: { page: { size: A4, margin: { top: 1134, bottom: 1134, left: 1418, right: 1134 } } },
  footers: { default: footer() },
  children,
});

async function sk(qr: Buffer): Promise<Document> {
  const menimbang: [string, string][] = [
    ['Menimbang', 'a.  bahwa dalam rangka pembinaan karier, peningkatan kinerja dan pemenuhan kebutuhan organisasi, dipandang perlu memindahkan Pegawai Negeri Sipil yang namanya tercantum dalam Lampiran Keputusan ini;'],
    ['', 'b.  bahwa Pegawai Negeri Sipil tersebut telah memenuhi syarat untuk dipindahkan sesuai ketentuan peraturan perundang-undangan;'],
    ['', 'c.  bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan Bupati tentang Pemindahan Pegawai Negeri Sipil;'],
    ['Mengingat', '1.  Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;'],
    ['', '2.  Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;'],
    ['', '3.  Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi;'],
  ];
  const diktum: [string, string][] = [
    ['KESATU', 'Memindahkan Pegawai Negeri Sipil sebanyak {jumlah} orang yang namanya tercantum dalam Lampiran Keputusan ini dari jabatan lama ke jabatan baru sebagaimana tercantum dalam Lampiran tersebut, terhitung mulai tanggal masing-masing.'],
    ['KEDUA', 'Kepada Pegawai Negeri Sipil sebagaimana dimaksud dalam Diktum KESATU diberikan penghasilan sesuai ketentuan peraturan perundang-undangan, dan yang bersangkutan wajib melaporkan diri kepada pimpinan unit kerja yang baru dengan Surat Pernyataan Melaksanakan Tugas.'],
    ['KETIGA', 'Apabila di kemudian hari terdapat kekeliruan dalam Keputusan ini, akan diadakan perbaikan sebagaimana mestinya.'],
    ['KEEMPAT', 'Keputusan ini mulai berlaku pada tanggal ditetapkan.'],
  ];
  const head = ['No', 'Nama / NIP', 'Pangkat / Golongan', 'Jabatan dan Unit Lama', 'Jabatan dan Unit Baru', 'TMT', 'No. Catatan'];
  const widths = [5, 20, 15, 21, 21, 10, 8];
  const cell = (text: string, w: number, bold = false) =>
    new TableCell({ width: { size: w, type: WidthType.PERCENTAGE }, children: [p([run(text, { bold, size: 18 })], { spacing: { after: 0 } })] });
  const lampiran = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, widths[i]!, true)) }),
      new TableRow({
        cantSplit: true,
        children: [
          cell('{#pegawai}{no}', widths[0]!),
          new TableCell({ width: { size: widths[1]!, type: WidthType.PERCENTAGE }, children: [p([run('{nama}', { size: 18, bold: true })], { spacing: { after: 0 } }), p([run('NIP {nip}', { size: 18 })], { spacing: { after: 0 } })] }),
          cell('{pangkatGolongan}', widths[2]!),
          new TableCell({ width: { size: widths[3]!, type: WidthType.PERCENTAGE }, children: [p([run('{jabatanLama}', { size: 18 })], { spacing: { after: 0 } }), p([run('{unitLama}', { size: 18, italics: true })], { spacing: { after: 0 } })] }),
          new TableCell({ width: { size: widths[4]!, type: WidthType.PERCENTAGE }, children: [p([run('{jabatanBaru}', { size: 18 })], { spacing: { after: 0 } }), p([run('{unitBaru}', { size: 18, italics: true })], { spacing: { after: 0 } })] }),
          cell('{tmt}', widths[5]!),
          cell('{nomorCatatan}{/pegawai}', widths[6]!),
        ],
      }),
    ],
  });
  return new Document({
    creator: 'Mutasi',
    title: 'Keputusan Pemindahan PNS',
    sections: [
      portrait([
        ...kop(),
        ...drafMark(),
        center('KEPUTUSAN BUPATI CONTOH', { bold: true }),
        center('NOMOR {nomor}', { bold: true }),
        blank(),
        center('TENTANG', { bold: true }),
        center('PEMINDAHAN PEGAWAI NEGERI SIPIL', { bold: true }),
        center('DI LINGKUNGAN PEMERINTAH KABUPATEN CONTOH', { bold: true, after: 200 }),
        center('BUPATI CONTOH,', { bold: true, after: 200 }),
        labelled(menimbang, 16),
        center('MEMUTUSKAN:', { bold: true, after: 120 }),
        labelled([['Menetapkan', 'KEPUTUSAN BUPATI TENTANG PEMINDAHAN PEGAWAI NEGERI SIPIL DI LINGKUNGAN PEMERINTAH KABUPATEN CONTOH.'], ...diktum], 16),
        ...signature('BUPATI CONTOH,'),
        blank(),
        p([run('Tembusan: 1. Kepala Kantor Regional BKN; 2. Inspektur Daerah; 3. Kepala Perangkat Daerah terkait; 4. Yang bersangkutan.', { size: 18 })]),
        ...(await verification(qr)),
        // The section's last paragraph carries its page settings (portrait): never one the engine removes.
        blank(),
      ]),
      {
        properties: { type: SectionType.NEXT_PAGE, page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } },
        footers: { default: footer() },
        children: [
          p('LAMPIRAN KEPUTUSAN BUPATI CONTOH', { indent: { left: 8000 } }),
          p('NOMOR {nomor}', { indent: { left: 8000 } }),
          p('TANGGAL {tanggal}', { indent: { left: 8000 }, spacing: { after: 200 } }),
          center('DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN', { bold: true, after: 160 }),
          lampiran,
          ...signature('BUPATI CONTOH,', { place: false }),
        ],
      },
    ],
  });
}

const personRows = (): [string, string][] => [
  ['Nama', '{nama}'],
  ['NIP', '{nip}'],
  ['Pangkat / Golongan', '{pangkatGolongan}'],
  ['Jabatan lama', '{jabatanLama}, {unitLama}'],
  ['Jabatan baru', '{jabatanBaru}, {unitBaru}'],
  ['Jenis mutasi', '{jenisMutasi}'],
  ['Terhitung mulai tanggal', '{tmt}'],
];

async function petikan(qr: Buffer): Promise<Document> {
  return new Document({
    creator: 'Mutasi',
    title: 'Petikan Keputusan',
    sections: [
      portrait([
        ...kop(),
        ...drafMark(),
        center('PETIKAN', { bold: true }),
        center('KEPUTUSAN BUPATI CONTOH', { bold: true }),
        center('NOMOR {nomor}', { bold: true }),
        blank(),
        center('TENTANG', { bold: true }),
        center('PEMINDAHAN PEGAWAI NEGERI SIPIL', { bold: true, after: 200 }),
        center('BUPATI CONTOH,', { bold: true, after: 120 }),
        justify('Menimbang dan seterusnya; Mengingat dan seterusnya;'),
        center('MEMUTUSKAN:', { bold: true, after: 120 }),
        justify('Menetapkan:'),
        justify('KESATU: Memindahkan Pegawai Negeri Sipil:'),
        labelled(personRows(), 30),
        justify('KEDUA: Kepada yang bersangkutan diberikan penghasilan sesuai ketentuan peraturan perundang-undangan dan wajib melaporkan diri kepada pimpinan unit kerja yang baru.'),
        justify('KETIGA dan seterusnya.'),
        justify('KEEMPAT: Keputusan ini mulai berlaku pada tanggal ditetapkan.'),
        p([run('PETIKAN Keputusan ini disampaikan kepada yang bersangkutan untuk diketahui dan dipergunakan sebagaimana mestinya.', { italics: true })]),
        ...signature('BUPATI CONTOH,'),
        ...(await verification(qr)),
      ]),
    ],
  });
}

async function penjelasan(qr: Buffer): Promise<Document> {
  return new Document({
    creator: 'Mutasi',
    title: 'Surat Penjelasan Mutasi',
    sections: [
      portrait([
        ...kop(),
        ...drafMark(),
        labelled([['Nomor', '{nomor}'], ['Perihal', 'Penjelasan mutasi Saudara'], ['Lampiran', '-']], 15),
        blank(),
        p('Kota Contoh, {tanggal}', { alignment: AlignmentType.RIGHT }),
        p('Yth. Sdr. {nama}'),
        p('NIP {nip}'),
        p('di tempat'),
        blank(),
        justify('Dengan hormat,'),
        justify('Berdasarkan Keputusan Bupati Contoh Nomor {nomorSk}, Saudara dipindahkan dari jabatan {jabatanLama} pada {unitLama} ke jabatan {jabatanBaru} pada {unitBaru}, terhitung mulai tanggal {tmt} ({jenisMutasi}). Melalui surat ini kami menjelaskan mengapa pemindahan ini dilakukan dan apa yang kami siapkan untuk mendukung Saudara.'),
        p('1. Alasan pemindahan', { bold: true }),
        justify('{alasan}'),
        p('2. Kesesuaian kompetensi', { bold: true }),
        justify('{#adaJpm}Hasil perbandingan kompetensi Saudara dengan standar kompetensi jabatan baru (Job Person Match) adalah {jpm}, termasuk kategori {kategoriJpm}.{/adaJpm}{^adaJpm}Data tingkat kompetensi Saudara belum tercatat, sehingga kesesuaian kompetensi (Job Person Match) belum dapat dihitung. Penilaian kompetensi akan dijadwalkan setelah Saudara bertugas.{/adaJpm}'),
        p('3. Rencana pengembangan', { bold: true }),
        p('{#kesenjangan}'),
        justify('•  {kompetensi}: level Saudara {level}, standar jabatan {standar} — {rencana}', 300),
        p('{/kesenjangan}'),
        p('{#diklatBelum}'),
        justify('•  Diklat wajib jabatan yang belum Saudara ikuti: {diklat} — akan diusulkan dalam rencana pengembangan kompetensi tahun berjalan.', 300),
        p('{/diklatBelum}'),
        justify('{#tanpaRencana}Kompetensi Saudara telah memenuhi standar jabatan baru dan seluruh diklat wajibnya telah diikuti; pengembangan berikutnya disusun bersama atasan langsung.{/tanpaRencana}'),
        p('4. Minat penempatan', { bold: true }),
        justify('{#minatDipenuhi}Penempatan ini sesuai dengan unit yang Saudara minati ({unitDiminati}).{/minatDipenuhi}{^minatDipenuhi}{#adaMinat}Unit yang Saudara minati ({unitDiminati}) telah kami catat dan tetap menjadi bahan pertimbangan pada penempatan berikutnya.{/adaMinat}{^adaMinat}Saudara belum mencatatkan unit yang diminati; minat penempatan dapat disampaikan kepada BKPSDM untuk pertimbangan berikutnya.{/adaMinat}{/minatDipenuhi}'),
        p('5. Mutasi sebagai pengembangan karier', { bold: true }),
        justify('Sesuai Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil, mutasi merupakan bagian dari pengembangan karier untuk memperluas pengalaman dan kompetensi, bukan hukuman. Pemindahan ini didasarkan pada kualifikasi, kompetensi, kinerja dan kebutuhan organisasi.'),
        p('6. Tempat bertanya', { bold: true }),
        justify('Apabila ada hal yang ingin Saudara tanyakan, silakan menghubungi Bidang Mutasi dan Promosi BKPSDM Kabupaten Contoh, telepon (0123) 456789, pada hari dan jam kerja, dengan menyebutkan nomor catatan {nomorCatatan}.'),
        blank(),
        justify('Kami ucapkan selamat bertugas di tempat yang baru.'),
        ...signature('KEPALA BKPSDM,', { place: false, withNip: true }),
        ...(await verification(qr)),
      ]),
    ],
  });
}

async function spmt(qr: Buffer): Promise<Document> {
  return new Document({
    creator: 'Mutasi',
    title: 'Surat Pernyataan Melaksanakan Tugas',
    sections: [
      portrait([
        ...kop(),
        ...drafMark(),
        center('SURAT PERNYATAAN MELAKSANAKAN TUGAS', { bold: true, size: 24 }),
        center('NOMOR {nomor}', { bold: true, after: 240 }),
        justify('Yang bertanda tangan di bawah ini:'),
        labelled([['Nama', '............................................................'], ['NIP', '............................................................'], ['Jabatan', 'Kepala {unitBaru}']], 30),
        blank(),
        justify('dengan ini menyatakan dengan sesungguhnya bahwa:'),
        labelled(personRows(), 30),
        blank(),
        justify('berdasarkan Keputusan Bupati Contoh Nomor {nomorSk} tanggal {tanggalSk}, telah nyata melaksanakan tugas sebagai {jabatanBaru} pada {unitBaru} terhitung mulai tanggal ........................................ .'),
        justify('Demikian Surat Pernyataan ini dibuat dengan sesungguhnya untuk dipergunakan sebagaimana mestinya, termasuk pembayaran penghasilan pada jabatan yang baru.'),
        blank(),
        p('Kota Contoh, ....................................', { indent: { left: 5200 } }),
        p('Kepala {unitBaru},', { indent: { left: 5200 }, bold: true }),
        blank(),
        blank(),
        blank(),
        p('............................................', { indent: { left: 5200 } }),
        p('NIP ......................................', { indent: { left: 5200 } }),
        ...(await verification(qr)),
      ]),
    ],
  });
}

export async function buildTemplates(outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  // A stand-in QR the server swaps for the document's own (found by its alt text).
  const qr = await QRCode.toBuffer('https://contoh.invalid/verifikasi/contoh', { type: 'png', margin: 1, width: 240 });
  const docs: [string, Document][] = [['sk', await sk(qr)], ['petikan', await petikan(qr)], ['penjelasan', await penjelasan(qr)], ['spmt', await spmt(qr)]];
  const written: string[] = [];
  for (const [name, doc] of docs) {
    const file = path.join(outDir, `${name}.docx`);
    writeFileSync(file, await Packer.toBuffer(doc));
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  buildTemplates(path.join(__dirname, 'templates')).then(
    (files) => process.stdout.write(`Ditulis: ${files.join(', ')}\n`),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack}\n`);
      process.exitCode = 1;
    },
  );
}
