/**
 * The placeholders a template may use, per kind of document: the contract between the office's Word
 * templates and the data Mutasi fills in (documented in docs/documents.md). A template using any other
 * tag is refused when it is installed, naming the tag.
 */

export const DOCUMENT_KINDS = ['sk', 'petikan', 'penjelasan', 'spmt'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const KIND_TITLE: Record<DocumentKind, string> = {
  sk: 'SK kolektif dengan Lampiran',
  petikan: 'Petikan SK',
  penjelasan: 'Surat Penjelasan Mutasi',
  spmt: 'SPMT (Surat Pernyataan Melaksanakan Tugas)',
};

/** The short name used in file names. */
export const KIND_FILE: Record<DocumentKind, string> = { sk: 'SK', petikan: 'Petikan', penjelasan: 'Penjelasan', spmt: 'SPMT' };

/** The image whose alternative text is this is replaced by the document's verification QR code. */
export const QR_ALT_TEXT = 'QR Verifikasi';

export interface Placeholder {
  tag: string;
  /** A section: `{#tag}…{/tag}` (a loop over a list, or a condition), `{^tag}…{/tag}` for its absence. */
  section?: boolean;
  /** Tags usable only inside this section. */
  inner?: Placeholder[];
  id: string;
  en: string;
}

const COMMON: Placeholder[] = [
  { tag: 'nomor', id: 'nomor dokumen (menurut pola penomoran); pada draf: "DRAF"', en: 'document number (from the numbering pattern); "DRAF" on drafts' },
  { tag: 'tanggal', id: 'tanggal penetapan, mis. 2 Januari 2027', en: 'date of issue, e.g. 2 Januari 2027' },
  { tag: 'tahun', id: 'tahun penetapan', en: 'year of issue' },
  { tag: 'nomorCatatan', id: 'nomor catatan resmi keputusan (dipisah koma bila lebih dari satu)', en: 'official record number(s), comma-separated' },
  { tag: 'tautanVerifikasi', id: 'alamat halaman verifikasi (/verifikasi/…)', en: 'verification page address' },
  { tag: 'draf', section: true, id: 'bagian yang hanya tampil pada draf', en: 'shown on drafts only' },
  { tag: 'verifikasi', section: true, id: 'bagian yang hanya tampil pada dokumen bernomor (kode QR)', en: 'shown on numbered documents only (QR code)' },
];

const PERSON: Placeholder[] = [
  { tag: 'nama', id: 'nama dengan gelar sebagaimana tertulis', en: 'name with titles as written' },
  { tag: 'nip', id: 'NIP 18 digit', en: '18-digit NIP' },
  { tag: 'pangkat', id: 'pangkat, mis. Penata Muda Tingkat I', en: 'rank name' },
  { tag: 'golongan', id: 'golongan ruang, mis. III/b', en: 'grade' },
  { tag: 'pangkatGolongan', id: 'mis. Penata Muda Tingkat I (III/b)', en: 'rank and grade' },
  { tag: 'jabatanLama', id: 'jabatan lama', en: 'former position' },
  { tag: 'unitLama', id: 'unit kerja lama', en: 'former unit' },
  { tag: 'jabatanBaru', id: 'jabatan baru', en: 'new position' },
  { tag: 'unitBaru', id: 'unit kerja baru', en: 'new unit' },
  { tag: 'tmt', id: 'TMT mutasi, mis. 2 Januari 2027', en: 'effective date' },
  { tag: 'jenisMutasi', id: 'Rotasi, Promosi, …', en: 'kind of transfer' },
  { tag: 'catatan', id: 'catatan usulan', en: 'the proposal\'s note' },
  { tag: 'izinMendagri', id: 'nomor izin Mendagri (bila ada)', en: 'Home Affairs approval letter number, if any' },
];

const SK_LINK: Placeholder[] = [
  { tag: 'nomorSk', id: 'nomor SK yang memuat keputusan ini', en: 'number of the decree this decision is in' },
  { tag: 'tanggalSk', id: 'tanggal SK tersebut', en: 'date of that decree' },
];

const GAP: Placeholder[] = [
  { tag: 'kompetensi', id: 'nama kompetensi', en: 'competency' },
  { tag: 'level', id: 'level pegawai', en: 'employee\'s level' },
  { tag: 'standar', id: 'standar jabatan', en: 'position\'s standard' },
  { tag: 'rencana', id: 'rencana pengembangan (pelatihan atau mentoring)', en: 'development plan' },
];

export const PLACEHOLDERS: Record<DocumentKind, Placeholder[]> = {
  sk: [
    ...COMMON,
    { tag: 'jumlah', id: 'jumlah pegawai dalam SK', en: 'number of employees' },
    { tag: 'pegawai', section: true, inner: [{ tag: 'no', id: 'nomor urut', en: 'row number' }, ...PERSON], id: 'baris lampiran, satu per pegawai', en: 'one annex row per employee' },
  ],
  petikan: [...COMMON, ...PERSON, ...SK_LINK],
  penjelasan: [
    ...COMMON,
    ...PERSON,
    ...SK_LINK,
    { tag: 'alasan', id: 'alasan pemindahan (penjelasan pengusul atau Catatan)', en: 'why this move' },
    { tag: 'adaJpm', section: true, id: 'ada data kompetensi', en: 'competency levels are known' },
    { tag: 'jpm', id: 'JPM, mis. 83,33 %', en: 'job-person match' },
    { tag: 'kategoriJpm', id: 'Memenuhi Syarat / Masih Memenuhi Syarat / Kurang Memenuhi Syarat', en: 'JPM category' },
    { tag: 'kesenjangan', section: true, inner: GAP, id: 'satu per kompetensi di bawah standar', en: 'one per competency below standard' },
    { tag: 'diklatBelum', section: true, inner: [{ tag: 'diklat', id: 'nama diklat wajib', en: 'required training' }], id: 'satu per diklat wajib yang belum diikuti', en: 'one per required training not taken' },
    { tag: 'tanpaRencana', section: true, id: 'tidak ada kesenjangan maupun diklat yang kurang', en: 'no gap and no missing training' },
    { tag: 'minatDipenuhi', section: true, id: 'unit baru termasuk Unit Diminati', en: 'the new unit is a preferred one' },
    { tag: 'adaMinat', section: true, id: 'pegawai mencatat Unit Diminati', en: 'the employee listed preferred units' },
    { tag: 'unitDiminati', id: 'Unit Diminati pegawai', en: 'preferred units' },
  ],
  spmt: [...COMMON, ...PERSON, ...SK_LINK],
};

/** Every tag allowed at the top level of a kind's template, and inside each section. */
export function allowedTags(kind: DocumentKind): { top: Set<string>; inner: Map<string, Set<string>> } {
  const top = new Set<string>();
  const inner = new Map<string, Set<string>>();
  for (const p of PLACEHOLDERS[kind]) {
    top.add(p.tag);
    if (p.inner) inner.set(p.tag, new Set(p.inner.map((i) => i.tag)));
  }
  return { top, inner };
}
