/**
 * What goes into a document: one `MoveFacts` per decision (from the official record or from an approved
 * Usulan row of a workbook), turned into the placeholders' values (placeholders.ts) in Indonesian:
 * dates "2 Januari 2027", golongan "Penata Muda Tingkat I (III/b)", names exactly as written.
 */
import { GOLONGAN, PANGKAT, type Golongan } from '../../shared/domain';
import { computeJpm } from '../../shared/jpm';
import { plainExplanation } from '../../shared/proposer/explanation-text';
import type { Employee, Position } from '../../shared/model';
import { parseDateText, ymd, type Day } from '../../shared/values/dates';

const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "2 Januari 2027". */
export function tanggalPanjang(day: Day): string {
  const { y, m, d } = ymd(day);
  return `${d} ${BULAN[m - 1]} ${y}`;
}

export function tanggalIso(iso: string): string {
  const d = parseDateText(iso);
  return d === null ? iso : tanggalPanjang(d);
}

/** "Penata Muda Tingkat I" for III/b (the list abbreviates "Tk I"; a decree writes it out). */
export function pangkatOf(g: Golongan | null): string {
  if (!g) return '';
  return PANGKAT[GOLONGAN.indexOf(g)]!.replace(/\bTk I\b/, 'Tingkat I');
}

export function pangkatGolongan(g: Golongan | null): string {
  return g ? `${pangkatOf(g)} (${g})` : '';
}

/** One move, whatever its source. */
export interface MoveFacts {
  /** The record number; '' for a draft (a workbook row not yet recorded). */
  recordNo: string;
  /** For drafts: the Usulan row's number. */
  proposalId: string;
  employee: Employee;
  from: Position | null;
  fromCode: string;
  to: Position;
  reason: string;
  effectiveDate: string;
  note: string;
  /**
   * The proposer's explanation, when the source has one: the Usulan row's Hasil Pemeriksaan as `propose`
   * wrote it (a draft), or what the push carried (a recorded decision, migration 0007).
   */
  explanation: string;
  mendagriApproval: string;
  jpmCut: { min: number; ok: number };
}

const key = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s.,/_-]+/g, ' ').trim();

const GENERIC_REASON: Record<string, string> = {
  Rotasi:
    'Pemindahan ini adalah rotasi untuk pengembangan karier dan penyegaran tugas: Saudara telah cukup lama pada jabatan sebelumnya, dan pengalaman di unit kerja baru memperluas kompetensi Saudara sekaligus memenuhi kebutuhan jabatan di sana.',
  Promosi: 'Saudara dinilai memenuhi syarat jabatan dan menunjukkan kinerja yang baik, sehingga dipromosikan ke jabatan yang lebih tinggi.',
  'Kebutuhan Organisasi': 'Unit kerja baru membutuhkan pegawai dengan kualifikasi dan kompetensi seperti yang Saudara miliki untuk mengisi kebutuhan jabatan menurut analisis beban kerja.',
  Darurat: 'Penugasan ini diperlukan segera untuk menangani keadaan darurat pada unit kerja baru, dengan mempertimbangkan kompetensi dan pendidikan Saudara.',
  'Permintaan Sendiri': 'Pemindahan ini memenuhi permohonan Saudara sendiri, setelah dipastikan sesuai dengan kebutuhan organisasi dan syarat jabatan.',
};

/** A gap's development plan: one level short is closed on the job, more needs a course as well. */
function plan(competency: string, short: number): string {
  return short >= 2
    ? `pelatihan kompetensi ${competency} dalam tahun pertama, disertai mentoring oleh atasan langsung`
    : `mentoring oleh atasan langsung dan penugasan yang melatih ${competency}`;
}

export type Values = Record<string, unknown>;

/** The placeholders about the person and the move (PERSON in placeholders.ts). */
export function personValues(m: MoveFacts): Values {
  return {
    nama: m.employee.name,
    nip: m.employee.nip,
    pangkat: pangkatOf(m.employee.rank),
    golongan: m.employee.rank ?? '',
    pangkatGolongan: pangkatGolongan(m.employee.rank),
    jabatanLama: m.from?.name ?? m.fromCode,
    unitLama: m.from?.unit ?? '',
    jabatanBaru: m.to.name,
    unitBaru: m.to.unit,
    tmt: tanggalIso(m.effectiveDate),
    jenisMutasi: m.reason,
    catatan: m.note,
    izinMendagri: m.mendagriApproval,
    nomorCatatan: m.recordNo,
  };
}

/** The Surat Penjelasan's own placeholders: why, the competency fit, the development plan, preferences. */
export function explanationValues(m: MoveFacts): Values {
  const jpm = computeJpm(m.employee, m.to, m.jpmCut);
  const have = new Set(m.employee.trainings.map(key));
  const missing = m.to.requiredTrainings.filter((t) => !have.has(key(t)));
  const gaps = (jpm?.gaps ?? []).map((g) => ({
    kompetensi: g.competency,
    level: g.actual,
    standar: g.standard,
    rencana: plan(g.competency, g.standard - g.actual),
  }));
  const prefs = m.employee.preferences;
  const honoured = prefs.some((u) => key(u) === key(m.to.unit));
  // Why: the proposer's explanation (in plain words), else the row's Catatan, else the kind of move's.
  const why = plainExplanation(m.explanation) || m.note.trim() || GENERIC_REASON[m.reason] || GENERIC_REASON.Rotasi!;
  return {
    alasan: why,
    adaJpm: jpm !== null,
    jpm: jpm ? `${jpm.jpm.toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %` : '',
    kategoriJpm: jpm?.category ?? '',
    kesenjangan: gaps,
    diklatBelum: missing.map((d) => ({ diklat: d })),
    tanpaRencana: jpm !== null && gaps.length === 0 && missing.length === 0,
    minatDipenuhi: honoured,
    adaMinat: prefs.length > 0,
    unitDiminati: prefs.join('; '),
  };
}
