/**
 * The task pane's words, Indonesian first (the users' language) with English by the switch in
 * Pengaturan. Messages of findings come translated from the shared engine (its `lang` option); only the
 * pane's own labels live here. Numbers follow Indonesian habits in both languages' id mode
 * (`83,33 %`, `1.200 pegawai`), English habits in en mode.
 */
import type { Lang, RuleId, Severity } from '../shared/rules/types';

const STRINGS = {
  appTitle: ['Mutasi ASN', 'Mutasi ASN'],
  paneCheck: ['Periksa', 'Check'],
  panePropose: ['Usulkan', 'Propose'],
  paneReview: ['Tinjau', 'Review'],
  paneSync: ['Sinkron', 'Sync'],
  paneSettings: ['Pengaturan', 'Settings'],
  panePantau: ['Pantau', 'Monitor'],
  pantauLoad: ['Memuat daftar pantau', 'Loading the follow-up list'],
  pantauSend: ['Mengirim tindak lanjut', 'Sending the follow-up'],
  pantauWrite: ['Menulis sheet Pantau', 'Writing sheet Pantau'],
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
  chartNotHere: [
    'Grafik belum ada: mode peramban tidak dapat membuat grafik Excel. Buka berkas ini di Excel lalu jalankan Periksa untuk menambahkannya.',
    'No chart yet: browser mode cannot create Excel charts. Open this file in Excel and run Check to add it.',
  ],
  summaryIn: ['Tabel ini juga ditulis di lembar', 'This table is also written to sheet'],
  chartInExcel: ['dengan grafik Excel.', 'with an Excel chart.'],
  chartPaneOnly: [
    'tanpa grafik: mode peramban tidak dapat membuat grafik Excel (grafik batang di sini hanya di panel). Jalankan Periksa di Excel untuk grafiknya.',
    'without a chart: browser mode cannot create Excel charts (the bars here are in the pane only). Run Check in Excel to add it.',
  ],
  legend: ['Keterangan grafik', 'Chart legend'],
  checkedIn: ['Diperiksa dalam', 'Checked in'],
  roundTrips: ['panggilan ke buku kerja', 'workbook round trips'],
  showMore: ['Tampilkan lebih banyak', 'Show more'],
  showAllUnits: ['Tampilkan semua unit', 'Show all units'],
  filter: ['Tampilkan', 'Show'],
  filterAll: ['Semua', 'All'],
  filterOk: ['Memenuhi aturan', 'Meets the rules'],
  filterWarning: ['Dengan peringatan', 'With warnings'],
  filterError: ['Dengan kesalahan', 'With errors'],
  filterOpen: ['Belum diputuskan', 'Not decided yet'],
  find: ['Cari (No Usulan, NIP, nama)', 'Find (No Usulan, NIP, name)'],
  nothingMatches: ['Tidak ada usulan yang cocok.', 'No proposal matches.'],
  // Usulkan
  vacancies: ['Lowongan', 'Vacancies'],
  computePlan: ['Hitung rencana optimal', 'Compute optimal plan'],
  withoutWarnings: ['Hanya mutasi tanpa peringatan (tidak perlu Catatan untuk disetujui)', 'Only transfers without warnings (no Catatan needed to approve)'],
  movesWithWarnings: ['usulan membawa peringatan: penyetuju perlu mengisi Catatan', 'proposals carry warnings: the approver must give a Catatan'],
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
  talentBox: ['Kotak talenta', 'Talent box'],
  boxSuccession: ['suksesi', 'succession'],
  boxRotation: ['rotasi', 'rotation'],
  boxDevelop: ['pembinaan', 'development'],
  monthsInPost: ['bulan di jabatan', 'months in position'],
  fieldMatches: ['jurusan sesuai', 'field matches'],
  fieldDiffers: ['jurusan tidak sesuai', 'field differs'],
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
  staleRow: ['Baris usulan ini sudah bergeser atau berubah sejak Periksa; tidak ada yang ditulis. Jalankan Periksa lagi, lalu putuskan.', 'This proposal row moved or changed since the check; nothing was written. Run Check again, then decide.'],
  noStatusColumn: ['Lembar Usulan tidak punya kolom Status; keputusan tidak dapat ditulis.', 'Sheet Usulan has no Status column; the decision cannot be written.'],
  rejected: ['Ditolak', 'Rejected'],
  candidate: ['Profil kandidat', 'Candidate profile'],
  competencyGaps: ['Kesenjangan kompetensi', 'Competency gaps'],
  runCheckFirst: ['Jalankan Periksa dahulu.', 'Run Check first.'],
  approverByToken: [
    'Siapa yang menyetujui dicatat server dari token yang dipakai saat Kirim (kolom Disetujui Oleh), bukan dari nama yang diketik.',
    'Who approved is recorded by the server from the token used to push (column Disetujui Oleh), never from a typed name.',
  ],
  decisionStatus: ['Status', 'Status'],
  // Sinkron
  push: ['Kirim yang disetujui', 'Push approved'],
  pull: ['Tarik data resmi', 'Pull official record'],
  queued: ['Antrean di komputer ini', 'Queue on this computer'],
  queuedHelp: ['keputusan yang belum sampai ke server; terkirim pada Kirim berikutnya, dengan ID Mutasi yang sama.', 'decisions that have not reached the server yet; they go out on the next push, with the same ID Mutasi.'],
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
  approvedBy: ['Disetujui oleh', 'Approved by'],
  notInWorkbook: ['tidak ada di buku kerja ini', 'not in this workbook'],
  // Pengaturan
  server: ['Alamat server', 'Server address'],
  token: ['Token', 'Token'],
  tokenHelp: ['Disimpan hanya di komputer ini, tidak pernah di buku kerja.', 'Kept on this computer only, never in the workbook.'],
  language: ['Bahasa', 'Language'],
  switchLanguage: ['Ganti bahasa ke English', 'Switch language to Bahasa Indonesia'],
  save: ['Simpan', 'Save'],
  saved: ['Tersimpan', 'Saved'],
  columnMapping: ['Pemetaan kolom', 'Column mapping'],
  columnMappingHelp: ['Judul kolom yang tidak dikenali. Pilih artinya; disimpan di buku kerja untuk seluruh kantor.', 'Headers that were not recognised. Choose their meaning; saved in the workbook for the whole office.'],
  ignore: ['(abaikan)', '(ignore)'],
  mappingNeedsCheck: ['Jalankan Periksa dahulu; judul kolom yang tidak dikenali akan muncul di sini.', 'Run Check first; headers that were not recognised will appear here.'],
  allHeadersKnown: ['Semua judul kolom dikenali.', 'Every header was recognised.'],
  requiredNotFound: ['Kolom wajib belum ditemukan di', 'Required columns not found in'],
  checkAgainAfterMapping: ['Jalankan Periksa lagi untuk memakai pemetaan ini.', 'Run Check again to use this mapping.'],
  makeTemplate: ['Buat Templat', 'Create template'],
  templateMade: ['Lembar templat dibuat (yang sudah ada tidak diubah).', 'Template sheets created (existing ones left as they are).'],
  error: ['Galat', 'Error'],
  row: ['Baris', 'Row'],
  verdictError: ['Kesalahan', 'Error'],
  verdictWarning: ['Peringatan', 'Warning'],
  verdictInfo: ['Info', 'Info'],
  verdictOk: ['Memenuhi aturan', 'Meets the rules'],
  verdictInactive: ['Riwayat', 'History'],
  // Issue 14 (helper rules): take back a decision; token check on save; pull marks other copies' decisions.
  takeBack: ['Batalkan keputusan', 'Take back decision'],
  takenBack: ['keputusan dibatalkan; usulan kembali Diajukan', 'decision taken back; the proposal is Diajukan again'],
  takeBackRecorded: ['Keputusan ini sudah tercatat di server (ada Nomor Catatan); tidak dapat dibatalkan. Mutasi yang tercatat dibatalkan dengan mutasi baru.', 'This decision is already recorded on the server (it has a Nomor Catatan); it cannot be taken back. A recorded move is undone by a new one.'],
  takeBackHint: ['Keputusan masih dapat dibatalkan sampai dikirim dan tercatat di server.', 'The decision can be taken back until it is pushed and recorded on the server.'],
  tokenChecking: ['Memeriksa token ke server…', 'Checking the token with the server…'],
  tokenUnknown: ['Tersimpan, tetapi server tidak mengenal token ini (401): minta token baru kepada admin server.', 'Saved, but the server does not know this token (401): ask the server administrator for a new one.'],
  tokenForbidden: ['Tersimpan, tetapi peran token ini tidak diizinkan untuk data pegawai (403).', 'Saved, but this token\'s role is not allowed to read employees (403).'],
  tokenOk: ['Tersimpan; server mengenal token ini.', 'Saved; the server knows this token.'],
  tokenOffline: ['Tersimpan; server belum dapat dihubungi, token belum diperiksa.', 'Saved; the server cannot be reached yet, the token is not checked.'],
  rowsMarkedRecorded: ['baris Draf ditandai Tercatat (keputusannya dicatat dari salinan lain)', 'Draf rows marked Tercatat (their decision was recorded from another copy)'],
  paneTalent: ['Talenta', 'Talent'],
  runTalent: ['Hitung talenta & suksesi', 'Compute talent & succession'],
  writeTalent: ['Tulis ke buku kerja', 'Write to workbook'],
} as const satisfies Record<string, readonly [string, string]>;

export type StringKey = keyof typeof STRINGS;

/** Every pane label in one language (the end-to-end test looks for words of the other one). */
export function allStrings(lang: Lang): { key: StringKey; text: string; other: string }[] {
  const i = lang === 'en' ? 1 : 0;
  return (Object.entries(STRINGS) as [StringKey, readonly [string, string]][]).map(([key, v]) => ({ key, text: v[i]!, other: v[1 - i]! }));
}

/**
 * Short names of the catalogue's rules for headings, so people read "Masa jabatan minimal" and not
 * TENURE_MIN (the id stays beside it: it is what Hasil Pemeriksaan cells hold and what people filter on).
 */
const RULE_TITLE: Record<RuleId, readonly [string, string]> = {
  SHEET_MISSING: ['Lembar tidak ditemukan', 'Sheet missing'],
  HEADER_MISSING: ['Kolom tidak ditemukan', 'Column missing'],
  REQUIRED_MISSING: ['Isian wajib kosong', 'Required cell empty'],
  VALUE_INVALID: ['Nilai tidak sah', 'Invalid value'],
  NIP_FORMAT: ['Format NIP salah', 'Malformed NIP'],
  NIP_PRECISION: ['NIP tersimpan sebagai angka', 'NIP stored as a number'],
  NIP_DUPLICATE: ['NIP ganda', 'Duplicate NIP'],
  BIRTHDATE_MISMATCH: ['Tanggal lahir berbeda dengan NIP', 'Birth date differs from the NIP'],
  POSITION_DUPLICATE: ['Kode jabatan ganda', 'Duplicate position code'],
  POSITION_UNKNOWN: ['Kode jabatan tidak dikenal', 'Unknown position code'],
  EMPLOYEE_UNKNOWN: ['NIP tidak ada di Pegawai', 'NIP not in Pegawai'],
  DATE_IN_FUTURE: ['TMT jabatan sesudah tanggal acuan', 'Position start after the as-of date'],
  OVER_FORMATION: ['Pemangku melebihi kebutuhan', 'More holders than needed'],
  ROTATION_DUE: ['Sudah waktunya rotasi', 'Rotation due'],
  SAME_POSITION: ['Jabatan tujuan sama dengan sekarang', 'Same position as now'],
  PROPOSAL_DUPLICATE: ['Usulan ganda untuk satu pegawai', 'Two proposals for one person'],
  STATUS_INELIGIBLE: ['Status kepegawaian tidak memenuhi', 'Ineligible employment status'],
  TENURE_MIN: ['Masa jabatan minimal', 'Minimum time in position'],
  RANK_BELOW_MIN: ['Golongan di bawah syarat', 'Rank below the minimum'],
  RANK_ABOVE_MAX: ['Golongan di atas batas', 'Rank above the maximum'],
  EDUCATION_BELOW_MIN: ['Pendidikan di bawah syarat', 'Education below the minimum'],
  EDUCATION_FIELD_MISMATCH: ['Jurusan tidak sesuai', 'Field of study does not match'],
  COMPETENCY_FIT_LOW: ['JPM kurang memenuhi syarat', 'Competency fit too low'],
  COMPETENCY_FIT_MARGINAL: ['JPM masih memenuhi syarat', 'Competency fit marginal'],
  COMPETENCY_DATA_MISSING: ['Data kompetensi kosong', 'Competency data missing'],
  PERFORMANCE_LOW: ['Kinerja (SKP) kurang', 'Performance (SKP) too low'],
  PERFORMANCE_MISSING: ['Kinerja (SKP) belum diisi', 'Performance (SKP) missing'],
  DISCIPLINE_ACTIVE: ['Hukuman disiplin masih berlaku', 'Discipline penalty in force'],
  RETIREMENT_PASSED: ['Sudah mencapai batas usia pensiun', 'Past retirement age'],
  RETIREMENT_NEAR: ['Mendekati batas usia pensiun', 'Close to retirement age'],
  FORMATION_FULL: ['Formasi penuh', 'No seat left'],
  LEVEL_SKIP: ['Lompat jenjang jabatan', 'Skips a level'],
  LEVEL_DOWN: ['Turun jenjang jabatan', 'Moves down a level'],
  ELECTION_MORATORIUM: ['Larangan mutasi masa pilkada', 'Election-period moratorium'],
  TRAINING_MISSING: ['Diklat wajib belum ada', 'Required training missing'],
};

export function ruleTitle(lang: Lang, rule: RuleId): string {
  return RULE_TITLE[rule]?.[lang === 'en' ? 1 : 0] ?? rule;
}

const SEVERITY: Record<Severity, StringKey> = { error: 'verdictError', warning: 'verdictWarning', info: 'verdictInfo' };
export function severityLabel(lang: Lang, s: Severity): string {
  return t(lang, SEVERITY[s]);
}

/** "2026-11-23" → "23/11/2026", the way dates are written in the workbooks. */
export function dateText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

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
