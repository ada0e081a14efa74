/**
 * The rule catalogue's words: one Indonesian and one English message per rule, naming the value found,
 * the value required and, where RULES.md gives one, the regulation.
 */
import { describeGaps, type Gap } from '../jpm';
import type { Lang, RuleId } from './types';

/**
 * A finding's facts: values found and required, dates, counts, and keys into the word tables below
 * (VALUE_INVALID's `expected`, REQUIRED_MISSING's `why`). The rules state facts; only this module words them.
 */
export type Params = Record<string, string | number | null | undefined | readonly Gap[]>;
type Msg = (p: Params) => string;
type Words = string | Msg;
const say = (w: Words, p: Params): string => (typeof w === 'string' ? w : w(p));

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
  functionalField: 'PermenPAN-RB 1/2023 tentang Jabatan Fungsional (pengangkatan melalui perpindahan: kualifikasi JF); untuk tenaga kesehatan juga UU 17/2023 tentang Kesehatan (STR, dalam profesinya)',
  functionalFieldEn: 'PermenPAN-RB 1/2023 on functional positions (appointment by transfer: the position\'s qualification); for health professions also UU 17/2023 on health (registration, STR, in one\'s own profession)',
  equivalentRung: 'PermenPAN-RB 17/2021 (penyetaraan jabatan administrasi ke jabatan fungsional)',
  equivalentRungEn: 'PermenPAN-RB 17/2021 (equalisation of administrative into functional positions)',
};

/** Names of characters a reader cannot see, shown in their place inside quoted values. */
const INVISIBLE: Record<string, string> = {
  '\u200B': 'ZWSP', '\u200C': 'ZWNJ', '\u200D': 'ZWJ', '\u2060': 'WJ', '\uFEFF': 'BOM', '\u00AD': 'SHY',
  '\u200E': 'LRM', '\u200F': 'RLM', '\u202A': 'LRE', '\u202B': 'RLE', '\u202C': 'PDF', '\u202D': 'LRO', '\u202E': 'RLO',
  '\u2066': 'LRI', '\u2067': 'RLI', '\u2068': 'FSI', '\u2069': 'PDI', '\u180E': 'MVS',
};
const INVISIBLE_RE = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u00AD\u180E]/g;

/**
 * A value as it can be quoted in a message: characters one cannot see (a zero-width space pasted from
 * a web page or a chat, a byte-order mark) are shown as ⟨ZWSP⟩, ⟨BOM⟩ …, so the user sees what to delete.
 */
export function visible(v: unknown): string {
  return String(v ?? '').replace(INVISIBLE_RE, (c) => `⟨${INVISIBLE[c] ?? `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`}⟩`);
}
const hasInvisible = (v: unknown) => typeof v === 'string' && /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u00AD\u180E]/.test(v);

/** VALUE_INVALID's `expected`: what a value must be, in Indonesian and English, with the facts it names. */
const EXPECTED = {
  // Coded columns of Pegawai, Jabatan and Usulan.
  nip: ['harus 18 digit angka sebagai teks', 'must be 18 digits stored as text'],
  status: ['harus PNS, CPNS, PPPK atau Tugas Belajar', 'must be PNS, CPNS, PPPK or Tugas Belajar'],
  rank: ['harus golongan I/a sampai IV/e (mis. III/a)', 'must be a rank from I/a to IV/e (e.g. III/a)'],
  date: ['harus tanggal (dd/mm/yyyy, 1 Maret 2019, atau tanggal Excel)', 'must be a date (dd/mm/yyyy, 1 Maret 2019, or an Excel date)'],
  education: ['harus SD, SMP, SMA, D1, D2, D3, D4, S1, S2 atau S3', 'must be SD, SMP, SMA, D1, D2, D3, D4, S1, S2 or S3'],
  skp: ['harus Sangat Baik, Baik, Butuh Perbaikan, Kurang atau Sangat Kurang', 'must be Sangat Baik, Baik, Butuh Perbaikan, Kurang or Sangat Kurang'],
  potential: ['harus Tinggi, Menengah atau Rendah', 'must be Tinggi, Menengah or Rendah'],
  discipline: ['harus Tidak Ada, Ringan, Sedang atau Berat', 'must be Tidak Ada, Ringan, Sedang or Berat'],
  level15: ['harus bilangan bulat 1–5', 'must be a whole number from 1 to 5'],
  type: ['harus JPT Utama, JPT Madya, JPT Pratama, Administrator, Pengawas, Pelaksana atau Fungsional', 'must be JPT Utama, JPT Madya, JPT Pratama, Administrator, Pengawas, Pelaksana or Fungsional'],
  level: ['harus Ahli Utama, Ahli Madya, Ahli Muda, Ahli Pertama, Penyelia, Mahir, Terampil atau Pemula', 'must be Ahli Utama, Ahli Madya, Ahli Muda, Ahli Pertama, Penyelia, Mahir, Terampil or Pemula'],
  class: ['harus bilangan bulat 1–17', 'must be a whole number from 1 to 17'],
  needed: ['harus bilangan bulat 0 sampai 1.000.000 (jumlah orang menurut ABK)', 'must be a whole number from 0 to 1,000,000 (people the workload analysis needs)'],
  reason: ['harus Rotasi, Promosi, Kebutuhan Organisasi, Darurat atau Permintaan Sendiri', 'must be Rotasi, Promosi, Kebutuhan Organisasi, Darurat or Permintaan Sendiri'],
  proposalStatus: ['harus Draf, Diajukan, Disetujui, Ditolak atau Tercatat', 'must be Draf, Diajukan, Disetujui, Ditolak or Tercatat'],
  text: ['sel berisi nilai galat Excel', 'the cell holds an Excel error value'],
  uniqueId: ['nomor usulan harus unik', 'proposal numbers must be unique'],
  yesNo: ['harus Ya atau Tidak (kosong = Tidak)', 'must be Ya or Tidak (empty = Tidak)'],
  // A cell whose value is an error rather than data (issue 14): `error` is the Excel error, e.g. #REF!.
  noCachedValue: [
    'rumus ini belum dihitung (berkas disimpan tanpa nilai hasil rumus); buka dan simpan ulang di Excel atau LibreOffice, atau isi nilainya',
    'this formula has not been calculated (the file holds no result for it); open and save it again in Excel or LibreOffice, or type the value',
  ],
  cellError: [
    (p) => `sel berisi galat Excel ${p.error}, biasanya hasil rumus yang gagal; perbaiki rumusnya atau isi nilainya`,
    (p) => `the cell holds the Excel error ${p.error}, usually a formula that failed; fix the formula or type the value`,
  ],
  // Dates against the NIP and the current post (RULES.md VALUE_INVALID, 2026-12-07).
  transferBeforePositionStart: [
    (p) => `TMT mutasi tidak boleh sebelum TMT jabatan pegawai saat ini (${p.positionStart})`,
    (p) => `the transfer date cannot be before the employee's current position start (${p.positionStart})`,
  ],
  positionStartBeforeCpns: [
    (p) => `TMT jabatan tidak boleh sebelum bulan TMT CPNS dalam NIP (digit 9–14: ${p.cpns}); tahun saja (mis. 2019) dibaca Excel sebagai tanggal tahun 1905, ketik tanggal lengkap`,
    (p) => `the position start cannot be before the CPNS start month in the NIP (digits 9–14: ${p.cpns}); a year alone (e.g. 2019) is read by Excel as a date in 1905, type the full date`,
  ],
  // The Aturan sheet's values.
  wholeNumberRange: [(p) => `harus bilangan bulat ${p.min}–${p.max}`, (p) => `must be a whole number ${p.min}–${p.max}`],
  numberRange: [(p) => `harus angka ${p.min}–${p.max}`, (p) => `must be a number ${p.min}–${p.max}`],
  monthList: ['harus daftar bulan bilangan bulat 1–120 dipisah titik koma (mis. 6; 12)', 'must be a list of whole months 1–120 separated by semicolons (e.g. 6; 12)'],
  settingDate: ['harus tanggal (dd/mm/yyyy)', 'must be a date (dd/mm/yyyy)'],
  moratoriumToWithoutFrom: ['harus didahului baris Larangan Mutasi Mulai', 'must follow a Larangan Mutasi Mulai row'],
  moratoriumToBeforeFrom: [(p) => `tidak boleh sebelum Larangan Mutasi Mulai ${p.from}`, (p) => `must not be before Larangan Mutasi Mulai ${p.from}`],
  moratoriumFromWithoutTo: ['perlu baris Larangan Mutasi Selesai sesudahnya', 'needs a Larangan Mutasi Selesai row after it'],
  jpmMinAboveOk: [
    (p) => `JPM Minimal (${p.jpmMin}) tidak boleh di atas JPM Memenuhi Syarat (${p.jpmOk}); dipakai ${p.usedMin} dan ${p.usedOk}`,
    (p) => `JPM Minimal (${p.jpmMin}) must not be above JPM Memenuhi Syarat (${p.jpmOk}); ${p.usedMin} and ${p.usedOk} are used`,
  ],
} satisfies Record<string, [Words, Words]>;
export type Expected = keyof typeof EXPECTED;

/** REQUIRED_MISSING's `why`: when an optional cell is required, with the facts it names. */
const WHY = {
  pnsRank: ['wajib untuk PNS', 'required for PNS'],
  disciplineUntil: [(p) => `wajib untuk hukuman disiplin ${p.level}`, (p) => `required with a ${p.level} penalty`],
  fungsionalLevel: ['wajib untuk jabatan Fungsional', 'required for a Fungsional position'],
  allCompetencies: ['isi kesembilan level kompetensi atau kosongkan semuanya', 'fill all nine competency levels or none'],
  /** An empty cell right under a filled one: `mergedWith` is the filled row. */
  merged: [
    (p) => `mungkin sel digabung (merge) dengan baris ${p.mergedWith} di atasnya: sel gabungan menyimpan nilainya hanya di baris pertama; pisahkan gabungan sel dan isi setiap baris`,
    (p) => `the cells may be merged with row ${p.mergedWith} above: a merged cell keeps its value in its first row only; unmerge the cells and fill every row`,
  ],
} satisfies Record<string, [Words, Words]>;
export type Why = keyof typeof WHY;

/** VALUE_INVALID's parameters: the value found and what it must be (a key of EXPECTED and its facts). */
export function invalidParams(value: string, expected: Expected, facts: Params = {}): Params {
  return { value, expected, ...facts };
}
/** REQUIRED_MISSING's parameters: why the cell is required here (a key of WHY and its facts), if it is not always. */
export function requiredParams(why?: Why, facts: Params = {}): Params {
  return why ? { why, ...facts } : {};
}

/** One word table's entry in one language; a key the table lacks reads as itself (nothing is lost). */
function lookup(table: Record<string, [Words, Words]>, key: Params[string], p: Params, lang: 0 | 1): string {
  const w = typeof key === 'string' ? table[key] : undefined;
  return w ? say(w[lang], p) : String(key ?? '');
}
const gaps = (p: Params, lang: Lang): string => describeGaps(Array.isArray(p.gaps) ? p.gaps : [], lang);
/** Which SKP year a PERFORMANCE_* finding is about (`yearsAgo`: 1 = last year, 2 = the year before). */
const YEAR_ID: Record<string, string> = { 1: 'tahun lalu', 2: 'dua tahun lalu' };
const YEAR_EN: Record<string, string> = { 1: 'last year', 2: 'two years ago' };

const NIP_PROBLEM_ID: Record<string, Msg> = {
  length: (p) => `NIP "${visible(p.value)}" berisi ${p.digits} digit; harus 18 digit`,
  characters: (p) => `NIP "${visible(p.value)}" berisi karakter selain angka${hasInvisible(p.value) ? ' (termasuk karakter tak terlihat, ditandai ⟨…⟩: hapus lalu ketik ulang NIP)' : ''}; harus 18 digit angka`,
  birth: (p) => `NIP "${visible(p.value)}": digit 1–8 bukan tanggal lahir yang sah (tttt bb hh)`,
  tmt: (p) => `NIP "${visible(p.value)}": digit 9–14 bukan tahun dan bulan TMT CPNS yang sah`,
  'tmt-before-18': (p) => `NIP "${visible(p.value)}": TMT CPNS (digit 9–14) sebelum pegawai berusia 18 tahun`,
  gender: (p) => `NIP "${visible(p.value)}": digit 15 bernilai ${p.digit}; harus 1 (pria) atau 2 (wanita)`,
  serial: (p) => `NIP "${p.value}": nomor urut (digit 16–18) tidak boleh 000`,
};
const NIP_PROBLEM_EN: Record<string, Msg> = {
  length: (p) => `NIP "${visible(p.value)}" has ${p.digits} digits; it must have 18`,
  characters: (p) => `NIP "${visible(p.value)}" contains characters other than digits${hasInvisible(p.value) ? ' (including invisible characters, shown as ⟨…⟩: delete them and retype the NIP)' : ''}; it must be 18 digits`,
  birth: (p) => `NIP "${visible(p.value)}": digits 1–8 are not a valid birth date (yyyymmdd)`,
  tmt: (p) => `NIP "${visible(p.value)}": digits 9–14 are not a valid CPNS start year and month`,
  'tmt-before-18': (p) => `NIP "${visible(p.value)}": the CPNS start (digits 9–14) is before the 18th birthday`,
  gender: (p) => `NIP "${visible(p.value)}": digit 15 is ${p.digit}; it must be 1 (male) or 2 (female)`,
  serial: (p) => `NIP "${p.value}": the serial number (digits 16–18) must not be 000`,
};

const ID: Record<RuleId, Msg> = {
  SHEET_MISSING: (p) => `Lembar ${p.sheet} tidak ditemukan (nama lain yang diterima: ${p.aliases}).${p.found ? ` Lembar di buku kerja ini: ${p.found}; ganti nama lembar yang dimaksud.` : ''}`,
  HEADER_MISSING: (p) =>
    `Kolom "${p.header}" tidak ditemukan di ${p.row ? `${p.scanned ? 'baris judul kolom yang paling mirip' : 'baris judul kolom'} (baris ${p.row}) ` : ''}lembar ${p.sheet} (nama lain yang diterima: ${p.aliases}).` +
    (p.scanned ? ` Judul kolom dicari di ${p.scanned} baris pertama.` : '') +
    (p.below ? ` Baris judul kolom yang cocok ada di baris ${p.below}, di bawah baris ${p.scanned}: hapus baris kosong atau judul di atasnya.` : ''),
  REQUIRED_MISSING: (p) => `${p.header} wajib diisi${p.why ? ` (${lookup(WHY, p.why, p, 0)})` : ''}.`,
  VALUE_INVALID: (p) => `${p.header} "${visible(p.value)}" tidak sah; ${lookup(EXPECTED, p.expected, p, 0)}.`,
  NIP_FORMAT: (p) => `${(NIP_PROBLEM_ID[String(p.kind)] ?? NIP_PROBLEM_ID.length!)(p)}.`,
  NIP_PRECISION: (p) =>
    `NIP tersimpan sebagai angka (${p.value}): Excel sudah mengganti digit setelah digit ke-15 dengan nol. Format kolom NIP sebagai Teks, lalu ketik ulang NIP dari dokumen sumber (SK/kartu pegawai).`,
  NIP_DUPLICATE: (p) => `NIP ${p.nip} sudah ada di baris ${p.firstRow} (${p.firstName}); satu NIP hanya boleh satu baris.`,
  BIRTHDATE_MISMATCH: (p) => `Tanggal lahir ${p.found} berbeda dengan tanggal lahir dalam NIP (digit 1–8): ${p.required}.`,
  POSITION_DUPLICATE: (p) => `Kode jabatan ${p.code} sudah ada di baris ${p.firstRow}; kode jabatan harus unik.`,
  POSITION_UNKNOWN: (p) =>
    p.ambiguous
      ? `Nama jabatan "${visible(p.code)}" cocok dengan ${p.count} jabatan di lembar ${p.sheet}${p.unit ? ` (unit ${p.unit})` : ''}: ${p.ambiguous}; tulis kode jabatannya atau isi unit kerjanya.`
      : `Kode jabatan "${visible(p.code)}" tidak ada di lembar ${p.sheet}, juga tidak sebagai nama jabatan${p.unit ? ` di unit ${p.unit}` : ''}.${p.closest ? ` Yang paling mirip: ${p.closest}.` : ''}`,
  EMPLOYEE_UNKNOWN: (p) => `NIP ${visible(p.nip)} tidak ada di lembar ${p.sheet}.`,
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
  EDUCATION_FIELD_MISMATCH: (p) =>
    `Jurusan "${p.found || '(kosong)'}" tidak sesuai rumpun jurusan jabatan ${p.code}: ${p.required}.${p.functional ? ` Jabatan fungsional hanya dapat diisi melalui perpindahan oleh pegawai yang memenuhi kualifikasinya (${REG.functionalField}).` : ''}`,
  COMPETENCY_FIT_LOW: (p) => `JPM ${fmtId(p.jpm)}%; minimal ${fmtId(p.min)}% (Kurang Memenuhi Syarat). Kesenjangan: ${gaps(p, 'id')}.`,
  COMPETENCY_FIT_MARGINAL: (p) => `JPM ${fmtId(p.jpm)}%; memenuhi syarat mulai ${fmtId(p.ok)}% (Masih Memenuhi Syarat). Kebutuhan pengembangan: ${gaps(p, 'id')}.`,
  COMPETENCY_DATA_MISSING: () => `Pegawai belum memiliki data level kompetensi, sehingga JPM tidak dapat dihitung.`,
  PERFORMANCE_LOW: (p) => `Predikat SKP ${p.found} (${YEAR_ID[String(p.yearsAgo)]}); dua tahun terakhir harus minimal Baik (${REG.performance}).`,
  PERFORMANCE_MISSING: (p) => `Predikat SKP ${YEAR_ID[String(p.yearsAgo)]} kosong; dua tahun terakhir harus minimal Baik (${REG.performance}).`,
  DISCIPLINE_ACTIVE: (p) => `Hukuman disiplin ${p.level} berlaku sampai ${p.until ?? '(tanpa tanggal)'}, pada atau sesudah TMT mutasi ${p.tmt} (${REG.discipline}).`,
  RETIREMENT_PASSED: (p) => `Pegawai mencapai batas usia pensiun ${p.bup} tahun pada ${p.date}, pada atau sebelum TMT mutasi ${p.tmt} (${REG.retirement}).`,
  RETIREMENT_NEAR: (p) => `Pegawai mencapai batas usia pensiun ${p.bup} tahun pada ${p.date}, dalam ${p.months} bulan sesudah TMT mutasi ${p.tmt}.`,
  FORMATION_FULL: (p) => `Jabatan ${p.code} penuh: kebutuhan ABK ${p.needed}, sudah terisi ${p.count} (pemegang saat ini ${p.holders}${p.claims ? `; usulan sebelumnya: ${p.claims}` : ''}).`,
  LEVEL_SKIP: (p) =>
    `Lompat jabatan: dari ${p.from} ke ${p.to} melewati ${p.skipped} jenjang${p.between ? ' setara' : ''}; hanya boleh naik satu jenjang${p.between ? ` (antarjalur jabatan dibandingkan menurut jenjang setara; ${REG.equivalentRung})` : ''}.`,
  LEVEL_DOWN: (p) =>
    `Jabatan tujuan (${p.to}) lebih rendah dari jabatan saat ini (${p.from})${p.between ? ' menurut jenjang setara' : ''}: ini penurunan jabatan, bukan mutasi (${REG.demotion}${p.between ? `; ${REG.equivalentRung}` : ''}).`,
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
  REQUIRED_MISSING: (p) => `${p.header} is required${p.why ? ` (${lookup(WHY, p.why, p, 1)})` : ''}.`,
  VALUE_INVALID: (p) => `${p.header} "${visible(p.value)}" is not valid; ${lookup(EXPECTED, p.expected, p, 1)}.`,
  NIP_FORMAT: (p) => `${(NIP_PROBLEM_EN[String(p.kind)] ?? NIP_PROBLEM_EN.length!)(p)}.`,
  NIP_PRECISION: (p) =>
    `The NIP is stored as a number (${p.value}): Excel has already replaced the digits after the 15th with zeros. Format the NIP column as Text and re-enter the NIP from the source document.`,
  NIP_DUPLICATE: (p) => `NIP ${p.nip} is already on row ${p.firstRow} (${p.firstName}); one row per NIP.`,
  BIRTHDATE_MISMATCH: (p) => `Birth date ${p.found} differs from the birth date in the NIP (digits 1–8): ${p.required}.`,
  POSITION_DUPLICATE: (p) => `Position code ${p.code} is already on row ${p.firstRow}; codes must be unique.`,
  POSITION_UNKNOWN: (p) =>
    p.ambiguous
      ? `Position name "${visible(p.code)}" matches ${p.count} positions on sheet ${p.sheet}${p.unit ? ` (unit ${p.unit})` : ''}: ${p.ambiguous}; write the position code or fill in the unit.`
      : `Position code "${visible(p.code)}" is not on sheet ${p.sheet}, nor is it a position name${p.unit ? ` in unit ${p.unit}` : ''}.${p.closest ? ` Closest: ${p.closest}.` : ''}`,
  EMPLOYEE_UNKNOWN: (p) => `NIP ${visible(p.nip)} is not on sheet ${p.sheet}.`,
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
  EDUCATION_FIELD_MISMATCH: (p) =>
    `Major "${p.found || '(empty)'}" does not match the fields required for ${p.code}: ${p.required}.${p.functional ? ` A functional position can be entered by transfer only with its qualification (${REG.functionalFieldEn}).` : ''}`,
  COMPETENCY_FIT_LOW: (p) => `JPM ${fmtEn(p.jpm)}%; at least ${fmtEn(p.min)}% required (below requirements). Gaps: ${gaps(p, 'en')}.`,
  COMPETENCY_FIT_MARGINAL: (p) => `JPM ${fmtEn(p.jpm)}%; fully qualified from ${fmtEn(p.ok)}% (marginally qualified). Development needs: ${gaps(p, 'en')}.`,
  COMPETENCY_DATA_MISSING: () => `The employee has no competency levels, so no JPM can be computed.`,
  PERFORMANCE_LOW: (p) => `Performance rating ${p.found} (${YEAR_EN[String(p.yearsAgo)]}); the last two years must be at least Baik (${REG.performance}).`,
  PERFORMANCE_MISSING: (p) => `Performance rating for ${YEAR_EN[String(p.yearsAgo)]} is empty; the last two years must be at least Baik (${REG.performance}).`,
  DISCIPLINE_ACTIVE: (p) => `Discipline penalty ${p.level} runs until ${p.until ?? '(no end date)'}, on or after the transfer date ${p.tmt} (${REG.discipline}).`,
  RETIREMENT_PASSED: (p) => `The employee reaches the retirement age of ${p.bup} on ${p.date}, on or before the transfer date ${p.tmt} (${REG.retirement}).`,
  RETIREMENT_NEAR: (p) => `The employee reaches the retirement age of ${p.bup} on ${p.date}, within ${p.months} months after the transfer date ${p.tmt}.`,
  FORMATION_FULL: (p) => `Position ${p.code} is full: needs ${p.needed}, already ${p.count} (holders today ${p.holders}${p.claims ? `; earlier proposals: ${p.claims}` : ''}).`,
  LEVEL_SKIP: (p) =>
    `Level skip: from ${p.from} to ${p.to} skips ${p.skipped} ${p.between ? 'equivalent ' : ''}level(s); only one step up is allowed${p.between ? ` (between ladders, compared by equivalent rung; ${REG.equivalentRungEn})` : ''}.`,
  LEVEL_DOWN: (p) =>
    `The target (${p.to}) is below the current position (${p.from})${p.between ? ' by equivalent rung' : ''}: a demotion, not a transfer (${REG.demotion}${p.between ? `; ${REG.equivalentRungEn}` : ''}).`,
  ELECTION_MORATORIUM: (p) =>
    p.approved
      ? `Transfer date ${p.tmt} is inside the election moratorium ${p.from} to ${p.to}; the Minister of Home Affairs approved it (${p.approved}) (${REG.moratorium}).`
      : `Transfer date ${p.tmt} is inside the election moratorium ${p.from} to ${p.to}; written approval of the Minister of Home Affairs is required (${REG.moratorium}).`,
  TRAINING_MISSING: (p) => `Required training for ${p.code} not taken: ${p.missing}.`,
};

export function ruleMessage(rule: RuleId, params: Params, lang: Lang): string {
  return (lang === 'en' ? EN : ID)[rule](params);
}
