/** The Pantau pane's words, Indonesian first, English by the switch (kept beside the pane: one place to translate it). */
import type { Lang } from '../../../shared/rules/types';

const WORDS = {
  intro: ['Sesudah mutasi: SPMT dan evaluasi berkala (sheet Aturan) untuk unit Anda.', 'After the move: SPMT and the periodic reviews (sheet Aturan) for your unit.'],
  asOf: ['Per tanggal', 'As of'],
  refresh: ['Muat daftar', 'Load list'],
  writeSheet: ['Tulis ke sheet Pantau', 'Write to sheet Pantau'],
  sendQueue: ['Kirim antrean', 'Send queue'],
  waiting: ['Menunggu dikirim', 'Waiting to be sent'],
  waitingHelp: ['tersimpan di komputer ini, dikirim ulang dengan ID yang sama (tidak akan tercatat dua kali).', 'kept on this computer, sent again with the same ID (never recorded twice).'],
  overdue: ['Terlambat', 'Overdue'],
  due: ['Jatuh tempo', 'Due'],
  daysLate: ['hari', 'days'],
  nothingDue: ['Tidak ada yang jatuh tempo atau terlambat.', 'Nothing is due or overdue.'],
  spmt: ['SPMT', 'SPMT'],
  review: ['Evaluasi bulan ke-', 'Review at month '],
  dueOn: ['jatuh tempo', 'due'],
  fill: ['Isi', 'Fill in'],
  close: ['Tutup', 'Close'],
  spmtDate: ['Tanggal SPMT', 'SPMT date'],
  spmtNote: ['Keterangan (opsional)', 'Note (optional)'],
  reviewDate: ['Tanggal evaluasi', 'Review date'],
  skp: ['Predikat SKP di jabatan baru', 'SKP predicate in the new post'],
  adaptation: ['Catatan adaptasi', 'Adaptation note'],
  action: ['Tindak lanjut', 'Follow-up action'],
  training: ['Pelatihan apa', 'Which training'],
  mentor: ['Mentor (oleh siapa)', 'Mentor (by whom)'],
  save: ['Simpan dan kirim', 'Save and send'],
  saved: ['Tercatat', 'Recorded'],
  alreadySaved: ['Sudah tercatat', 'Already recorded'],
  queuedOffline: ['Server tidak terjangkau: disimpan di antrean komputer ini', 'Server unreachable: kept in this computer\'s queue'],
  conflict: ['Konflik', 'Conflict'],
  rejected: ['Ditolak server', 'Rejected by the server'],
  report: ['Laporan per unit', 'Report per unit'],
  unit: ['Unit Kerja', 'Unit'],
  moves: ['Mutasi', 'Moves'],
  spmtOnTime: ['SPMT tepat', 'SPMT on time'],
  spmtLate: ['SPMT telat', 'SPMT late'],
  spmtMissing: ['SPMT belum', 'SPMT missing'],
  reviewsDone: ['Evaluasi selesai', 'Reviews done'],
  reviewsOverdue: ['Evaluasi terlambat', 'Reviews overdue'],
  skpHigher: ['SKP naik', 'SKP higher'],
  skpSame: ['SKP sama', 'SKP same'],
  skpLower: ['SKP turun', 'SKP lower'],
  total: ['Jumlah', 'Total'],
  spmtColumns: ['SPMT tepat / telat / belum', 'SPMT on time / late / missing'],
  reviewColumns: ['Evaluasi selesai / terlambat', 'Reviews done / overdue'],
  skpColumns: ['SKP naik / sama / turun', 'SKP higher / same / lower'],
  skpLegend: ['SKP sesudah mutasi dibanding dua tahun sebelumnya', 'SKP after the move against the two years before'],
  written: ['Ditulis ke sheet', 'Written to sheet'],
  withChart: ['dengan grafik', 'with a chart'],
  noChartHere: ['tanpa grafik (mode peramban); grafik dibuat saat ditulis dari Excel', 'without a chart (browser mode); the chart is made when written from Excel'],
  loaded: ['Dimuat', 'Loaded'],
  tmt: ['TMT', 'TMT'],
  settingsLine: ['Batas SPMT {d} hari; evaluasi bulan ke-{m}', 'SPMT due in {d} days; reviews at month {m}'],
} as const satisfies Record<string, readonly [string, string]>;

export type PantauWord = keyof typeof WORDS;

export function w(lang: Lang, key: PantauWord): string {
  return WORDS[key][lang === 'en' ? 1 : 0];
}

export function allPantauWords(lang: Lang): { text: string; other: string }[] {
  const i = lang === 'en' ? 1 : 0;
  return Object.values(WORDS).map((v) => ({ text: v[i]!, other: v[1 - i]! }));
}
