/**
 * The rule catalogue's words: one Indonesian and one English message per rule, naming the value found,
 * the value required and, where RULES.md gives one, the regulation.
 */
import type { Lang, RuleId } from './types';

export type Params = Record<string, string | number | null | undefined>;
type Msg = (p: Params) => string;

const fmtId = (n: unknown): string => (typeof n === 'number' ? n.toLocaleString('id-ID', { maximumFractionDigits: 2 }) : String(n ?? ''));
const fmtEn = (n: unknown): string => (typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(n ?? ''));

/** Regulation references, quoted once. */
export const REG = {
  tenure: 'PP 11/2017 Pasal 190 ayat 3; Perban BKN 5/2019 Pasal 2 ayat 3',
  tenureJpt: 'UU 5/2014 Pasal 116',
  status: 'Perban BKN 5/2019 Pasal 3; Permenpan RB 6/2024 Pasal 59',
  rank: 'PP 100/2000 Pasal 5',
  eduJpt: 'PP 11/2017 Pasal 107',
  performance: 'Perban BKN 5/2019 Pasal 3',
  discipline: 'PP 94/2021; Perban BKN 5/2019 Pasal 3',
  retirement: 'PP 11/2017 Pasal 239; UU 20/2023 Pasal 55',
  demotion: 'PP 94/2021 Pasal 8',
  moratorium: 'UU 10/2016 Pasal 71 ayat 2 dan Pasal 162 ayat 3',
  rotation: 'PP 11/2017 Pasal 190 ayat 3',
};

const NIP_PROBLEM_ID: Record<string, Msg> = {
  length: (p) => `NIP "${p.value}" berisi ${p.digits} digit; harus 18 digit`,
  characters: (p) => `NIP "${p.value}" berisi karakter selain angka; harus 18 digit angka`,
  birth: (p) => `NIP "${p.value}": digit 1–8 bukan tanggal lahir yang sah (tttt bb hh)`,
  tmt: (p) => `NIP "${p.value}": digit 9–14 bukan tahun dan bulan TMT CPNS yang sah`,
  'tmt-before-18': (p) => `NIP "${p.value}": TMT CPNS (digit 9–14) sebelum pegawai berusia 18 tahun`,
  gender: (p) => `NIP "${p.value}": digit 15 bernilai ${p.digit}; harus 1 (pria) atau 2 (wanita)`,
  serial: (p) => `NIP "${p.value}": nomor urut (digit 16–18) tidak boleh 000`,
};
const NIP_PROBLEM_EN: Record<string, Msg> = {
  length: (p) => `NIP "${p.value}" has ${p.digits} digits; it must have 18`,
  characters: (p) => `NIP "${p.value}" contains characters other than digits; it must be 18 digits`,
  birth: (p) => `NIP "${p.value}": digits 1–8 are not a valid birth date (yyyymmdd)`,
  tmt: (p) => `NIP "${p.value}": digits 9–14 are not a valid CPNS start year and month`,
  'tmt-before-18': (p) => `NIP "${p.value}": the CPNS start (digits 9–14) is before the 18th birthday`,
  gender: (p) => `NIP "${p.value}": digit 15 is ${p.digit}; it must be 1 (male) or 2 (female)`,
  serial: (p) => `NIP "${p.value}": the serial number (digits 16–18) must not be 000`,
};

const ID: Record<RuleId, Msg> = {
  SHEET_MISSING: (p) => `Lembar ${p.sheet} tidak ditemukan (nama lain yang diterima: ${p.aliases}).${p.found ? ` Lembar di buku kerja ini: ${p.found}; ganti nama lembar yang dimaksud.` : ''}`,
  HEADER_MISSING: (p) =>
    `Kolom "${p.header}" tidak ditemukan di ${p.row ? `${p.scanned ? 'baris judul kolom yang paling mirip' : 'baris judul kolom'} (baris ${p.row}) ` : ''}lembar ${p.sheet} (nama lain yang diterima: ${p.aliases}).` +
    (p.scanned ? ` Judul kolom dicari di ${p.scanned} baris pertama.` : '') +
    (p.below ? ` Baris judul kolom yang cocok ada di baris ${p.below}, di bawah baris ${p.scanned}: hapus baris kosong atau judul di atasnya.` : ''),
  REQUIRED_MISSING: (p) => `${p.header} wajib diisi${p.why ? ` (${p.why})` : ''}.`,
  VALUE_INVALID: (p) => `${p.header} "${p.value}" tidak sah; ${p.expected}.`,
  NIP_FORMAT: (p) => `${(NIP_PROBLEM_ID[String(p.kind)] ?? NIP_PROBLEM_ID.length!)(p)}.`,
  NIP_PRECISION: (p) =>
    `NIP tersimpan sebagai angka (${p.value}): Excel sudah mengganti digit setelah digit ke-15 dengan nol. Format kolom NIP sebagai Teks, lalu ketik ulang NIP dari dokumen sumber (SK/kartu pegawai).`,
  NIP_DUPLICATE: (p) => `NIP ${p.nip} sudah ada di baris ${p.firstRow} (${p.firstName}); satu NIP hanya boleh satu baris.`,
  BIRTHDATE_MISMATCH: (p) => `Tanggal lahir ${p.found} berbeda dengan tanggal lahir dalam NIP (digit 1–8): ${p.required}.`,
  POSITION_DUPLICATE: (p) => `Kode jabatan ${p.code} sudah ada di baris ${p.firstRow}; kode jabatan harus unik.`,
  POSITION_UNKNOWN: (p) =>
    p.ambiguous
      ? `Nama jabatan "${p.code}" cocok dengan ${p.count} jabatan di lembar ${p.sheet}${p.unit ? ` (unit ${p.unit})` : ''}: ${p.ambiguous}; tulis kode jabatannya atau isi unit kerjanya.`
      : `Kode jabatan "${p.code}" tidak ada di lembar ${p.sheet}, juga tidak sebagai nama jabatan${p.unit ? ` di unit ${p.unit}` : ''}.${p.closest ? ` Yang paling mirip: ${p.closest}.` : ''}`,
  EMPLOYEE_UNKNOWN: (p) => `NIP ${p.nip} tidak ada di lembar ${p.sheet}.`,
  DATE_IN_FUTURE: (p) => `TMT jabatan ${p.found} sesudah tanggal acuan ${p.asOf}.`,
  OVER_FORMATION: (p) => `Jabatan ${p.code} diisi ${p.holders} orang; kebutuhan ABK ${p.needed} (kelebihan ${p.surplus}).`,
  ROTATION_DUE: (p) => `Masa jabatan ${p.months} bulan; lebih dari ${p.max} bulan, pegawai sudah waktunya dirotasi (${REG.rotation}).`,
  SAME_POSITION: (p) => `Jabatan tujuan ${p.code} sama dengan jabatan pegawai saat ini.`,
  PROPOSAL_DUPLICATE: (p) => `Pegawai ${p.nip} sudah diusulkan di baris ${p.firstRow} (${p.firstId}); satu pegawai hanya boleh satu usulan aktif.`,
  STATUS_INELIGIBLE: (p) => `Status pegawai ${p.status}; mutasi hanya untuk PNS (${REG.status}).`,
  TENURE_MIN: (p) =>
    `Masa jabatan ${p.months} bulan; minimal ${p.min} bulan (${p.jpt ? `${REG.tenure}; ${REG.tenureJpt}` : REG.tenure})${p.darurat ? '. Dilonggarkan karena mutasi Darurat' : ''}.`,
  RANK_BELOW_MIN: (p) => `Golongan ${p.found}; minimal ${p.required} untuk jabatan ${p.code} (${REG.rank})${p.oneStep ? '. Kurang satu tingkat pada jabatan struktural: perlu justifikasi' : ''}.`,
  RANK_ABOVE_MAX: (p) => `Golongan ${p.found}; maksimal ${p.required} untuk jabatan ${p.code}.`,
  EDUCATION_BELOW_MIN: (p) => `Pendidikan ${p.found}; minimal ${p.required} untuk jabatan ${p.code}${p.jpt ? ` (${REG.eduJpt})` : ''}.`,
  EDUCATION_FIELD_MISMATCH: (p) => `Jurusan "${p.found || '(kosong)'}" tidak sesuai rumpun jurusan jabatan ${p.code}: ${p.required}.`,
  COMPETENCY_FIT_LOW: (p) => `JPM ${fmtId(p.jpm)}%; minimal ${fmtId(p.min)}% (Kurang Memenuhi Syarat). Kesenjangan: ${p.gaps}.`,
  COMPETENCY_FIT_MARGINAL: (p) => `JPM ${fmtId(p.jpm)}%; memenuhi syarat mulai ${fmtId(p.ok)}% (Masih Memenuhi Syarat). Kebutuhan pengembangan: ${p.gaps}.`,
  COMPETENCY_DATA_MISSING: () => `Pegawai belum memiliki data level kompetensi, sehingga JPM tidak dapat dihitung.`,
  PERFORMANCE_LOW: (p) => `Predikat SKP ${p.found} (${p.year}); dua tahun terakhir harus minimal Baik (${REG.performance}).`,
  PERFORMANCE_MISSING: (p) => `Predikat SKP ${p.year} kosong; dua tahun terakhir harus minimal Baik (${REG.performance}).`,
  DISCIPLINE_ACTIVE: (p) => `Hukuman disiplin ${p.level} berlaku sampai ${p.until}, pada atau sesudah TMT mutasi ${p.tmt} (${REG.discipline}).`,
  RETIREMENT_PASSED: (p) => `Pegawai mencapai batas usia pensiun ${p.bup} tahun pada ${p.date}, pada atau sebelum TMT mutasi ${p.tmt} (${REG.retirement}).`,
  RETIREMENT_NEAR: (p) => `Pegawai mencapai batas usia pensiun ${p.bup} tahun pada ${p.date}, dalam ${p.months} bulan sesudah TMT mutasi ${p.tmt}.`,
  FORMATION_FULL: (p) => `Jabatan ${p.code} penuh: kebutuhan ABK ${p.needed}, sudah terisi ${p.count} (pemegang saat ini ${p.holders}${p.claims ? `; usulan sebelumnya: ${p.claims}` : ''}).`,
  LEVEL_SKIP: (p) => `Lompat jabatan: dari ${p.from} ke ${p.to} melewati ${p.skipped} jenjang; hanya boleh naik satu jenjang.`,
  LEVEL_DOWN: (p) => `Jabatan tujuan (${p.to}) lebih rendah dari jabatan saat ini (${p.from}): ini penurunan jabatan, bukan mutasi (${REG.demotion}).`,
  ELECTION_MORATORIUM: (p) =>
    p.approved
      ? `TMT mutasi ${p.tmt} dalam masa larangan mutasi ${p.from} s.d. ${p.to}; ada izin Mendagri ${p.approved} (${REG.moratorium}).`
      : `TMT mutasi ${p.tmt} dalam masa larangan mutasi ${p.from} s.d. ${p.to}; perlu izin tertulis Mendagri (${REG.moratorium}).`,
  TRAINING_MISSING: (p) => `Diklat wajib jabatan ${p.code} belum diikuti: ${p.missing}.`,
};

const EN: Record<RuleId, Msg> = {
  SHEET_MISSING: (p) => `Sheet ${p.sheet} not found (accepted names: ${p.aliases}).${p.found ? ` Sheets in this workbook: ${p.found}; rename the one meant.` : ''}`,
  HEADER_MISSING: (p) =>
    `Column "${p.header}" not found ${p.row ? `in the ${p.scanned ? 'closest header row' : 'header row'} (row ${p.row}) ` : ''}on sheet ${p.sheet} (accepted names: ${p.aliases}).` +
    (p.scanned ? ` Headers are looked for in the first ${p.scanned} rows.` : '') +
    (p.below ? ` A matching header row is on row ${p.below}, below row ${p.scanned}: delete the empty or title rows above it.` : ''),
  REQUIRED_MISSING: (p) => `${p.header} is required${p.why ? ` (${p.whyEn ?? p.why})` : ''}.`,
  VALUE_INVALID: (p) => `${p.header} "${p.value}" is not valid; ${p.expectedEn ?? p.expected}.`,
  NIP_FORMAT: (p) => `${(NIP_PROBLEM_EN[String(p.kind)] ?? NIP_PROBLEM_EN.length!)(p)}.`,
  NIP_PRECISION: (p) =>
    `The NIP is stored as a number (${p.value}): Excel has already replaced the digits after the 15th with zeros. Format the NIP column as Text and re-enter the NIP from the source document.`,
  NIP_DUPLICATE: (p) => `NIP ${p.nip} is already on row ${p.firstRow} (${p.firstName}); one row per NIP.`,
  BIRTHDATE_MISMATCH: (p) => `Birth date ${p.found} differs from the birth date in the NIP (digits 1–8): ${p.required}.`,
  POSITION_DUPLICATE: (p) => `Position code ${p.code} is already on row ${p.firstRow}; codes must be unique.`,
  POSITION_UNKNOWN: (p) =>
    p.ambiguous
      ? `Position name "${p.code}" matches ${p.count} positions on sheet ${p.sheet}${p.unit ? ` (unit ${p.unit})` : ''}: ${p.ambiguous}; write the position code or fill in the unit.`
      : `Position code "${p.code}" is not on sheet ${p.sheet}, nor is it a position name${p.unit ? ` in unit ${p.unit}` : ''}.${p.closest ? ` Closest: ${p.closest}.` : ''}`,
  EMPLOYEE_UNKNOWN: (p) => `NIP ${p.nip} is not on sheet ${p.sheet}.`,
  DATE_IN_FUTURE: (p) => `Position start ${p.found} is after the as-of date ${p.asOf}.`,
  OVER_FORMATION: (p) => `Position ${p.code} has ${p.holders} holders; the workload analysis needs ${p.needed} (surplus ${p.surplus}).`,
  ROTATION_DUE: (p) => `${p.months} months in post; more than ${p.max} months, due for rotation (${REG.rotation}).`,
  SAME_POSITION: (p) => `Target position ${p.code} is the employee's current position.`,
  PROPOSAL_DUPLICATE: (p) => `Employee ${p.nip} is already proposed on row ${p.firstRow} (${p.firstId}); one active proposal per person.`,
  STATUS_INELIGIBLE: (p) => `Employee status ${p.status}; transfers are for PNS only (${REG.status}).`,
  TENURE_MIN: (p) =>
    `${p.months} months in post; at least ${p.min} required (${p.jpt ? `${REG.tenure}; ${REG.tenureJpt}` : REG.tenure})${p.darurat ? '. Relaxed for an emergency (Darurat) transfer' : ''}.`,
  RANK_BELOW_MIN: (p) => `Rank ${p.found}; at least ${p.required} required for ${p.code} (${REG.rank})${p.oneStep ? '. One step below on a structural position: needs a justification' : ''}.`,
  RANK_ABOVE_MAX: (p) => `Rank ${p.found}; at most ${p.required} for ${p.code}.`,
  EDUCATION_BELOW_MIN: (p) => `Education ${p.found}; at least ${p.required} required for ${p.code}${p.jpt ? ` (${REG.eduJpt})` : ''}.`,
  EDUCATION_FIELD_MISMATCH: (p) => `Major "${p.found || '(empty)'}" does not match the fields required for ${p.code}: ${p.required}.`,
  COMPETENCY_FIT_LOW: (p) => `JPM ${fmtEn(p.jpm)}%; at least ${fmtEn(p.min)}% required (below requirements). Gaps: ${p.gapsEn ?? p.gaps}.`,
  COMPETENCY_FIT_MARGINAL: (p) => `JPM ${fmtEn(p.jpm)}%; fully qualified from ${fmtEn(p.ok)}% (marginally qualified). Development needs: ${p.gapsEn ?? p.gaps}.`,
  COMPETENCY_DATA_MISSING: () => `The employee has no competency levels, so no JPM can be computed.`,
  PERFORMANCE_LOW: (p) => `Performance rating ${p.found} (${p.yearEn ?? p.year}); the last two years must be at least Baik (${REG.performance}).`,
  PERFORMANCE_MISSING: (p) => `Performance rating for ${p.yearEn ?? p.year} is empty; the last two years must be at least Baik (${REG.performance}).`,
  DISCIPLINE_ACTIVE: (p) => `Discipline penalty ${p.level} runs until ${p.untilEn ?? p.until}, on or after the transfer date ${p.tmt} (${REG.discipline}).`,
  RETIREMENT_PASSED: (p) => `The employee reaches the retirement age of ${p.bup} on ${p.date}, on or before the transfer date ${p.tmt} (${REG.retirement}).`,
  RETIREMENT_NEAR: (p) => `The employee reaches the retirement age of ${p.bup} on ${p.date}, within ${p.months} months after the transfer date ${p.tmt}.`,
  FORMATION_FULL: (p) => `Position ${p.code} is full: needs ${p.needed}, already ${p.count} (holders today ${p.holders}${p.claims ? `; earlier proposals: ${p.claims}` : ''}).`,
  LEVEL_SKIP: (p) => `Level skip: from ${p.from} to ${p.to} skips ${p.skipped} level(s); only one step up is allowed.`,
  LEVEL_DOWN: (p) => `The target (${p.to}) is below the current position (${p.from}): a demotion, not a transfer (${REG.demotion}).`,
  ELECTION_MORATORIUM: (p) =>
    p.approved
      ? `Transfer date ${p.tmt} is inside the election moratorium ${p.from} to ${p.to}; the Minister of Home Affairs approved it (${p.approved}) (${REG.moratorium}).`
      : `Transfer date ${p.tmt} is inside the election moratorium ${p.from} to ${p.to}; written approval of the Minister of Home Affairs is required (${REG.moratorium}).`,
  TRAINING_MISSING: (p) => `Required training for ${p.code} not taken: ${p.missing}.`,
};

export function ruleMessage(rule: RuleId, params: Params, lang: Lang): string {
  return (lang === 'en' ? EN : ID)[rule](params);
}
