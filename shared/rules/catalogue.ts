/**
 * The rule table as data: every rule id with its severity, the condition that raises it and its source,
 * in Indonesian and English. docs/rules.md is generated from it (scripts/docs-rules.ts), and
 * test/shared/catalogue.test.ts checks it against the engine (every id of RULE_IDS, no other; every
 * severity the engine reports is the one written here), so the reference cannot drift from the code.
 */
import type { RuleId, Severity } from './types';

export interface RuleEntry {
  id: RuleId;
  kind: 'data' | 'transfer';
  /** The severities the engine may report; for "error / warning" rules the first unless `relaxedWhen`. */
  severities: Severity[];
  /** When the second severity applies (Indonesian, English). */
  relaxedWhen?: [string, string];
  /** When the rule is raised (Indonesian, English). */
  when: [string, string];
  /** Regulation or other source; '' when the rule is a data-quality check. */
  source: string;
}

const d = (id: RuleId, severities: Severity[], when: [string, string], source = '', relaxedWhen?: [string, string]): RuleEntry => ({ id, kind: 'data', severities, when, source, relaxedWhen });
const t = (id: RuleId, severities: Severity[], when: [string, string], source = '', relaxedWhen?: [string, string]): RuleEntry => ({ id, kind: 'transfer', severities, when, source, relaxedWhen });

export const RULE_CATALOGUE: RuleEntry[] = [
  d('SHEET_MISSING', ['error'], ['lembar Pegawai atau Jabatan tidak ditemukan', 'sheet Pegawai or Jabatan cannot be found']),
  d('HEADER_MISSING', ['error'], ['kolom wajib suatu lembar tidak ditemukan (satu temuan per kolom, di baris judul)', 'a required column of a sheet cannot be found (one finding per column, on the header row)']),
  d('REQUIRED_MISSING', ['error'], ['sel wajib kosong', 'a required cell is empty']),
  d('VALUE_INVALID', ['error'], [
    'nilai di luar daftar atau rentangnya, tanggal yang tidak terbaca, nilai galat Excel (`#N/A`); juga (2026-12-07) TMT Jabatan sebelum bulan TMT CPNS dalam NIP digit 9–14 (tahun saja, `2019`, dibaca Excel sebagai 11 Juli 1905), dan TMT Mutasi sebelum TMT Jabatan pegawai (temuan di sel TMT Mutasi; TENURE_MIN tidak dilaporkan)',
    'a value outside its set or range, an unparseable date, an Excel error value (`#N/A`); also (2026-12-07) a TMT Jabatan before the month of TMT CPNS in NIP digits 9–14 (a year typed alone, `2019`, is Excel\'s 11 July 1905), and a TMT Mutasi before the employee\'s TMT Jabatan (finding on the TMT Mutasi cell; no TENURE_MIN then)',
  ]),
  d('NIP_FORMAT', ['error'], [
    'NIP bukan 18 digit; digit 1–8 bukan tanggal lahir; digit 9–14 bukan tahun+bulan TMT CPNS atau sebelum usia 18; digit 15 bukan 1 atau 2; digit 16–18 = 000 (tidak dilaporkan bila ada NIP_PRECISION)',
    'not 18 digits; digits 1–8 not a real birth date; digits 9–14 not a real year+month (TMT CPNS) or before the 18th birthday; digit 15 not 1 or 2; digits 16–18 = 000 (not reported where NIP_PRECISION is)',
  ]),
  d('NIP_PRECISION', ['error'], [
    'sel NIP berisi angka, bukan teks: Excel sudah mengganti digit setelah digit ke-15 dengan nol',
    'the NIP cell holds a number, not text: Excel has already replaced digits after the 15th with zeros',
  ]),
  d('NIP_DUPLICATE', ['error'], ['NIP yang sama di dua baris Pegawai (temuan di baris kemudian)', 'the same NIP on two rows of Pegawai (finding on the later row)']),
  d('BIRTHDATE_MISMATCH', ['warning'], ['Tanggal Lahir diisi dan berbeda dengan NIP digit 1–8', 'Tanggal Lahir is given and differs from NIP digits 1–8']),
  d('POSITION_DUPLICATE', ['error'], ['Kode Jabatan yang sama di dua baris Jabatan', 'the same Kode Jabatan on two rows of Jabatan']),
  d('POSITION_UNKNOWN', ['error'], ['Kode Jabatan (Pegawai) atau Kode Jabatan Tujuan (Usulan) tidak ada di Jabatan', 'a Kode Jabatan (Pegawai) or Kode Jabatan Tujuan (Usulan) not in Jabatan']),
  d('EMPLOYEE_UNKNOWN', ['error'], ['NIP di Usulan tidak ada di Pegawai', 'an Usulan NIP not in Pegawai']),
  d('DATE_IN_FUTURE', ['error'], ['TMT Jabatan sesudah tanggal acuan (kecuali mutasi yang sudah tercatat)', 'TMT Jabatan after the as-of date (unless a recorded move explains it)']),
  d('OVER_FORMATION', ['info'], ['jabatan diisi lebih banyak orang daripada Kebutuhan (satu temuan per jabatan, di sel Kebutuhan)', 'a position holds more people than its Kebutuhan today (one finding per position, on its Kebutuhan cell)']),
  d('ROTATION_DUE', ['info'], ['lebih dari `Masa Jabatan Maksimal (bulan)` = 60 pada jabatan yang sama', 'more than `Masa Jabatan Maksimal (bulan)` = 60 months in the same position'], 'PP 11/2017 Pasal 190 ayat 3'),

  t('SAME_POSITION', ['error'], ['jabatan tujuan = jabatan saat ini', 'target = current position']),
  t('PROPOSAL_DUPLICATE', ['error'], ['pegawai juga ada di usulan aktif sebelumnya', 'the employee is in an earlier active proposal too']),
  t('STATUS_INELIGIBLE', ['error'], ['status CPNS, PPPK atau Tugas Belajar', 'status CPNS, PPPK or Tugas Belajar'], 'Perban BKN 5/2019 Pasal 3; Permenpan RB 6/2024 Pasal 59'),
  t('TENURE_MIN', ['error', 'warning'], ['kurang dari `Masa Jabatan Minimal (bulan)` = 24 bulan pada jabatan saat ini pada TMT Mutasi', 'fewer than `Masa Jabatan Minimal (bulan)` = 24 months in the current position at TMT Mutasi'],
    'PP 11/2017 Pasal 190 ayat 3; Perban BKN 5/2019 Pasal 2 ayat 3; untuk JPT juga UU 5/2014 Pasal 116', ['Jenis Mutasi Darurat', 'Jenis Mutasi is Darurat']),
  t('RANK_BELOW_MIN', ['error', 'warning'], ['golongan di bawah minimal jabatan tujuan', 'golongan below the target\'s minimum'], 'PP 100/2000 Pasal 5',
    ['kurang tepat satu tingkat dan jabatan tujuan struktural (JPT, Administrator, Pengawas)', 'exactly one step below and the target is structural (JPT, Administrator, Pengawas)']),
  t('RANK_ABOVE_MAX', ['warning'], ['golongan di atas maksimal jabatan tujuan', 'golongan above the target\'s maximum']),
  t('EDUCATION_BELOW_MIN', ['error'], ['pendidikan di bawah minimal jabatan tujuan', 'pendidikan below the target\'s minimum'], 'JPT: S1/D4 (PP 11/2017 Pasal 107)'),
  t('EDUCATION_FIELD_MISMATCH', ['error', 'warning'], [
    'jabatan tujuan mencantumkan Rumpun Jurusan dan tidak satu pun cocok dengan Jurusan pegawai (cocok bila setiap katanya ada sebagai kata di Jurusan); **galat bila jabatan tujuan Fungsional** (diubah 2026-12-07: sebelumnya selalu peringatan)',
    'the target lists Rumpun Jurusan and no entry matches the employee\'s Jurusan (an entry matches when each of its words occurs as a word in the Jurusan); **an error when the target is Fungsional** (changed 2026-12-07: was a warning for every target)',
  ], 'PermenPAN-RB 1/2023 (pengangkatan JF melalui perpindahan: kualifikasi JF); tenaga kesehatan: UU 17/2023 (STR, dalam profesinya)',
  ['jabatan tujuan bukan Fungsional', 'the target is not Fungsional']),
  t('COMPETENCY_FIT_LOW', ['error'], ['JPM di bawah `JPM Minimal (%)` = 68 ("Kurang Memenuhi Syarat")', 'JPM below `JPM Minimal (%)` = 68 ("Kurang Memenuhi Syarat")']),
  t('COMPETENCY_FIT_MARGINAL', ['warning'], ['JPM minimal 68 tetapi di bawah `JPM Memenuhi Syarat (%)` = 80 ("Masih Memenuhi Syarat")', 'JPM at least 68 but below `JPM Memenuhi Syarat (%)` = 80 ("Masih Memenuhi Syarat")']),
  t('COMPETENCY_DATA_MISSING', ['warning'], ['pegawai tidak memiliki level kompetensi, sehingga tidak ada JPM', 'the employee has no competency levels, so no JPM']),
  t('PERFORMANCE_LOW', ['error'], ['SKP Tahun Lalu atau SKP Dua Tahun Lalu Butuh Perbaikan, Kurang atau Sangat Kurang', 'SKP Tahun Lalu or SKP Dua Tahun Lalu is Butuh Perbaikan, Kurang or Sangat Kurang'], 'Perban BKN 5/2019 Pasal 3'),
  t('PERFORMANCE_MISSING', ['warning'], ['salah satu predikat SKP kosong', 'either SKP predicate is empty']),
  t('DISCIPLINE_ACTIVE', ['error', 'warning'], ['hukuman disiplin yang berakhir pada atau sesudah TMT Mutasi (tanpa tanggal berakhir: masih berlaku)', 'a discipline penalty whose end date is on or after TMT Mutasi (no end date: still running)'],
    'PP 94/2021; Perban BKN 5/2019 Pasal 3', ['hukuman Ringan', 'the penalty is Ringan']),
  t('RETIREMENT_PASSED', ['error'], ['pegawai mencapai BUP jabatan tujuan pada atau sebelum TMT Mutasi', 'the employee reaches the target\'s retirement age (BUP) on or before TMT Mutasi'], 'PP 11/2017 Pasal 239; UU 20/2023 Pasal 55'),
  t('RETIREMENT_NEAR', ['warning'], ['BUP dalam `Batas Dekat Pensiun (bulan)` = 12 bulan sesudah TMT Mutasi', 'BUP within `Batas Dekat Pensiun (bulan)` = 12 months after TMT Mutasi']),
  t('FORMATION_FULL', ['error'], [
    'menurut urutan baris usulan aktif, dengan hitungan per jabatan mulai dari pemegang saat ini: hitungan jabatan tujuan + 1 melebihi Kebutuhan',
    'walking the active proposals in row order with a count per position that starts at today\'s holders: the target\'s count + 1 would exceed its Kebutuhan',
  ], 'ABK (analisis beban kerja)'),
  t('LEVEL_SKIP', ['error'], [
    'jabatan tujuan lebih dari satu jenjang di atas jabatan saat ini; dalam satu jalur menurut urutannya, antarjalur menurut jenjang setara (diubah 2026-12-07)',
    'the target is more than one rung above the current position; within one ladder by its order, between ladders by the equivalent rung (changed 2026-12-07)',
  ], 'lompat jabatan, ditolak I-MUT BKN; jenjang setara: PermenPAN-RB 17/2021'),
  t('LEVEL_DOWN', ['warning'], [
    'jabatan tujuan pada jenjang lebih rendah dalam jalur yang sama, atau antarjalur pada jenjang setara yang lebih rendah; perencana usulan tidak pernah mengusulkannya',
    'the target is on a lower rung of the same ladder, or, between ladders, on a lower equivalent rung; the proposer never proposes one',
  ], 'penurunan jabatan adalah hukuman disiplin (PP 94/2021 Pasal 8), bukan mutasi'),
  t('ELECTION_MORATORIUM', ['error', 'warning'], ['TMT Mutasi di dalam masa `Larangan Mutasi Mulai`…`Selesai`', 'TMT Mutasi inside a `Larangan Mutasi Mulai`…`Selesai` window'],
    'UU 10/2016 Pasal 71 ayat 2 dan Pasal 162 ayat 3', ['Izin Mendagri diisi', 'Izin Mendagri is filled']),
  t('TRAINING_MISSING', ['warning'], ['Diklat Wajib jabatan tujuan tidak ada di Diklat pegawai', 'a Diklat Wajib of the target is not in the employee\'s Diklat']),
];

/** The equivalent rungs of RULES.md (2026-12-07), for the reference. */
export const EQUIVALENT_RUNGS: [number, string, string, string][] = [
  [0, 'Pelaksana', '—', 'Pemula, Terampil, Mahir'],
  [1, 'Pengawas', 'Ahli Pertama', 'Penyelia'],
  [2, 'Administrator', 'Ahli Muda', '—'],
  [3, 'JPT Pratama', 'Ahli Madya', '—'],
  [4, 'JPT Madya', 'Ahli Utama', '—'],
  [5, 'JPT Utama', '—', '—'],
];

const SEV_ID: Record<Severity, string> = { error: 'galat', warning: 'peringatan', info: 'info' };
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** docs/rules.md, as text. */
export function rulesMarkdown(): string {
  const out: string[] = [];
  out.push('# Aturan pemeriksaan · Rule reference');
  out.push('');
  out.push('<!-- Generated by `npx tsx scripts/docs-rules.ts` from shared/rules/catalogue.ts; test/shared/catalogue.test.ts fails when it is stale or drifts from the engine. Do not edit by hand. -->');
  out.push('');
  out.push('Setiap temuan membawa kode aturan, tingkat (severity) dan sel yang dimaksud. **Galat** (error) menghalangi');
  out.push('persetujuan dan server sinkron menolak mencatatnya; **peringatan** (warning) hanya boleh disetujui dengan');
  out.push('justifikasi di `Catatan`; **info** adalah saran. "galat / peringatan": yang pertama berlaku kecuali syarat di');
  out.push('kolom *dilonggarkan bila* terpenuhi. Parameter dalam `backtick` berasal dari lembar `Aturan` (nilai bawaan ditulis).');
  out.push('');
  out.push('*Every finding carries a rule id, a severity and its cell. **error** blocks approval and the sync server refuses');
  out.push('it; **warning** needs a justification in `Catatan`; **info** is advice. For "error / warning" the first applies');
  out.push('unless the "relaxed when" condition holds. Parameters in `backticks` come from sheet `Aturan` (defaults shown).*');
  for (const kind of ['data', 'transfer'] as const) {
    out.push('');
    out.push(kind === 'data' ? '## Aturan data · Data rules (a bad cell, not a bad transfer)' : '## Aturan mutasi · Transfer rules (every active Usulan row, at its TMT Mutasi)');
    out.push('');
    out.push('| kode · id | tingkat · severity | kapan | when | dilonggarkan bila · relaxed when | dasar · source |');
    out.push('|---|---|---|---|---|---|');
    for (const r of RULE_CATALOGUE.filter((x) => x.kind === kind)) {
      const sev = `${r.severities.map((s) => SEV_ID[s]).join(' / ')} · ${r.severities.join(' / ')}`;
      const relaxed = r.relaxedWhen ? `${r.relaxedWhen[0]} · *${r.relaxedWhen[1]}*` : '';
      out.push(`| \`${r.id}\` | ${sev} | ${cell(r.when[0])} | ${cell(r.when[1])} | ${cell(relaxed)} | ${cell(r.source)} |`);
    }
  }
  out.push('');
  out.push('## Jenjang setara · Equivalent rungs (LEVEL_SKIP / LEVEL_DOWN antarjalur, 2026-12-07)');
  out.push('');
  out.push('Dalam satu jalur berlaku urutan jalur itu (Pemula → Mahir adalah LEVEL_SKIP). Antarjalur: LEVEL_SKIP bila jenjang');
  out.push('setara tujuan lebih dari satu di atas jenjang setara saat ini, LEVEL_DOWN bila lebih rendah (PermenPAN-RB 17/2021:');
  out.push('Administrator setara Ahli Muda, Pengawas setara Ahli Pertama).');
  out.push('');
  out.push('*Within one ladder the ladder\'s own order counts. Between ladders: LEVEL_SKIP when the target\'s equivalent rung');
  out.push('exceeds the current one by more than 1, LEVEL_DOWN when it is lower.* Contoh · examples: Pelaksana → Ahli Pertama');
  out.push('boleh · allowed (0 → 1); Pelaksana → Ahli Muda LEVEL_SKIP (0 → 2); Ahli Muda → Administrator setara · lateral;');
  out.push('JPT Pratama → Ahli Muda LEVEL_DOWN (3 → 2); Penyelia → Pelaksana LEVEL_DOWN (1 → 0).');
  out.push('');
  out.push('| jenjang · rung | struktural · structural | Ahli (keahlian · expertise) | keterampilan · skill |');
  out.push('|---|---|---|---|');
  for (const [n, s, a, k] of EQUIVALENT_RUNGS) out.push(`| ${n} | ${s} | ${a} | ${k} |`);
  out.push('');
  return out.join('\n');
}
