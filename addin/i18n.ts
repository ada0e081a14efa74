/**
 * The task pane's words, Indonesian first (the users' language) with English by the switch in
 * Pengaturan. Messages of findings come translated from the shared engine (its `lang` option); only the
 * pane's own labels live here. Numbers follow Indonesian habits in both languages' id mode
 * (`83,33 %`, `1.200 pegawai`), English habits in en mode.
 */
import type { Lang } from '../shared/rules/types';

const STRINGS = {
  appTitle: ['Mutasi ASN', 'Mutasi ASN'],
  paneCheck: ['Periksa', 'Check'],
  panePropose: ['Usulkan', 'Propose'],
  paneReview: ['Tinjau', 'Review'],
  paneSync: ['Sinkron', 'Sync'],
  paneSettings: ['Pengaturan', 'Settings'],
  browserHost: ['Mode peramban: buka berkas .xlsx, kerjakan, lalu simpan (unduh).', 'Browser mode: open an .xlsx file, work on it, then save (download).'],
  openFile: ['Buka berkas .xlsx', 'Open .xlsx file'],
  saveFile: ['Simpan (unduh)', 'Save (download)'],
  noFile: ['Belum ada berkas dibuka.', 'No file open yet.'],
  opened: ['Terbuka', 'Open'],
  working: ['Sedang bekerja…', 'Working…'],
  runCheck: ['Periksa buku kerja', 'Check workbook'],
  clearMarks: ['Bersihkan tanda', 'Clear marks'],
  marksCleared: ['Tanda dibersihkan', 'Marks cleared'],
  errors: ['Kesalahan', 'Errors'],
  warnings: ['Peringatan', 'Warnings'],
  infos: ['Info', 'Info'],
  employees: ['Pegawai', 'Employees'],
  positions: ['Jabatan', 'Positions'],
  proposals: ['Usulan', 'Proposals'],
  openCell: ['Buka sel', 'Go to cell'],
  noFindings: ['Tidak ada temuan. Semua data sesuai aturan.', 'No findings. All data follows the rules.'],
  asOf: ['Tanggal acuan', 'As-of date'],
  units: ['Ringkasan per unit', 'Summary per unit'],
  unit: ['Unit Kerja', 'Unit'],
  needed: ['Kebutuhan', 'Needed'],
  today: ['Pemangku Saat Ini', 'Holders today'],
  after: ['Setelah Usulan', 'After proposals'],
  balance: ['Selisih', 'Balance'],
  summarySheet: ['Lembar Ringkasan ditulis.', 'Ringkasan sheet written.'],
  chartTitle: ['Kebutuhan vs pemangku jabatan', 'Needed vs holders'],
  checkedIn: ['Diperiksa dalam', 'Checked in'],
  roundTrips: ['panggilan ke buku kerja', 'workbook round trips'],
  showMore: ['Tampilkan lebih banyak', 'Show more'],
  // Usulkan
  vacancies: ['Lowongan', 'Vacancies'],
  computePlan: ['Hitung rencana optimal', 'Compute optimal plan'],
  addChosen: ['Tambahkan yang dipilih', 'Add selected'],
  addAll: ['Tambahkan seluruh rencana', 'Add whole plan'],
  added: ['ditambahkan ke Usulan sebagai Draf', 'added to Usulan as Draf'],
  emergency: ['Darurat', 'Emergency'],
  emergencyHelp: ['Cari orang terbaik untuk satu jabatan, masa jabatan minimal dilonggarkan (tanggap bencana).', 'Find the best people for one position with the minimum tenure relaxed (disaster response).'],
  positionCode: ['Kode jabatan', 'Position code'],
  count: ['Jumlah', 'Count'],
  search: ['Cari', 'Search'],
  why: ['Alasan', 'Why'],
  unfilled: ['tidak terisi', 'unfilled'],
  alternatives: ['Calon berikutnya', 'Next candidates'],
  totalScore: ['skor total', 'total score'],
  // Tinjau
  submitted: ['Usulan berstatus Diajukan', 'Proposals with status Diajukan'],
  noSubmitted: ['Tidak ada usulan berstatus Diajukan.', 'No proposals with status Diajukan.'],
  approve: ['Setujui', 'Approve'],
  reject: ['Tolak', 'Reject'],
  note: ['Catatan', 'Note'],
  previous: ['Sebelumnya', 'Previous'],
  next: ['Berikutnya', 'Next'],
  cannotApproveError: ['Baris dengan kesalahan tidak dapat disetujui.', 'A row with an error cannot be approved.'],
  needNote: ['Baris dengan peringatan perlu Catatan (justifikasi) untuk disetujui.', 'A row with warnings needs a Catatan (justification) to be approved.'],
  approved: ['Disetujui', 'Approved'],
  rejected: ['Ditolak', 'Rejected'],
  candidate: ['Profil kandidat', 'Candidate profile'],
  competencyGaps: ['Kesenjangan kompetensi', 'Competency gaps'],
  runCheckFirst: ['Jalankan Periksa dahulu.', 'Run Check first.'],
  // Sinkron
  push: ['Kirim yang disetujui', 'Push approved'],
  pull: ['Tarik data resmi', 'Pull official record'],
  queued: ['Antrean di komputer ini', 'Queue on this computer'],
  recorded: ['Tercatat', 'Recorded'],
  duplicate: ['Sudah tercatat sebelumnya', 'Already recorded'],
  conflict: ['Konflik', 'Conflict'],
  rejectedByServer: ['Ditolak server', 'Rejected by server'],
  nothingToPush: ['Tidak ada baris Disetujui yang perlu dikirim.', 'No approved rows to push.'],
  serverUnreachable: ['Server tidak dapat dihubungi; usulan tetap di antrean dan dikirim pada percobaan berikutnya.', 'Server unreachable; the proposals stay queued and go out on the next try.'],
  needServer: ['Isi alamat server dan token di Pengaturan.', 'Fill in the server address and token in Settings.'],
  pulled: ['Data resmi ditarik', 'Official record pulled'],
  rowsUpdated: ['baris Pegawai diperbarui', 'Pegawai rows updated'],
  changes: ['perubahan', 'changes'],
  // Pengaturan
  server: ['Alamat server', 'Server address'],
  token: ['Token', 'Token'],
  tokenHelp: ['Disimpan hanya di komputer ini, tidak pernah di buku kerja.', 'Kept on this computer only, never in the workbook.'],
  language: ['Bahasa', 'Language'],
  save: ['Simpan', 'Save'],
  saved: ['Tersimpan', 'Saved'],
  columnMapping: ['Pemetaan kolom', 'Column mapping'],
  columnMappingHelp: ['Judul kolom yang tidak dikenali. Pilih artinya; disimpan di buku kerja untuk seluruh kantor.', 'Headers that were not recognised. Choose their meaning; saved in the workbook for the whole office.'],
  ignore: ['(abaikan)', '(ignore)'],
  makeTemplate: ['Buat Templat', 'Create template'],
  templateMade: ['Lembar templat dibuat (yang sudah ada tidak diubah).', 'Template sheets created (existing ones left as they are).'],
  error: ['Galat', 'Error'],
  row: ['Baris', 'Row'],
  verdictError: ['Kesalahan', 'Error'],
  verdictWarning: ['Peringatan', 'Warning'],
  verdictInfo: ['Info', 'Info'],
  verdictOk: ['Memenuhi aturan', 'Meets the rules'],
  verdictInactive: ['Riwayat', 'History'],
} as const satisfies Record<string, readonly [string, string]>;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang === 'en' ? 1 : 0];
}

const nf = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-US') };
const pf = { id: new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }), en: new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) };

/** 1200 → "1.200" (id) / "1,200" (en). */
export function num(lang: Lang, n: number): string {
  return nf[lang].format(n);
}
/** 83.333 → "83,33 %" (id) / "83.33 %" (en). */
export function pct(lang: Lang, n: number): string {
  return `${pf[lang].format(n)} %`;
}
