/**
 * Fields of study (Jurusan) with the academic titles Indonesian civil servants carry in their names
 * (A.Md. for a diploma, S.x for a bachelor, M.x for a master, `dr.` in front for a physician …).
 */
export interface Major {
  name: string;
  d3?: string;
  s1?: string;
  s2?: string;
  /** Title written before the name (dr., drg., drh.) instead of an S1 suffix. */
  prefix?: string;
  /** Titles that came before the 1990s reform (Drs./Dra., Ir.) for older staff. */
  oldPrefix?: 'Drs.' | 'Ir.';
}

const m = (name: string, t: Omit<Major, 'name'>): Major => ({ name, ...t });

export const MAJORS = {
  adminNegara: m('Ilmu Administrasi Negara', { d3: 'A.Md.', s1: 'S.AP.', s2: 'M.AP.', oldPrefix: 'Drs.' }),
  pemerintahan: m('Ilmu Pemerintahan', { s1: 'S.IP.', s2: 'M.Si.', oldPrefix: 'Drs.' }),
  manajemen: m('Manajemen', { d3: 'A.Md.', s1: 'S.E.', s2: 'M.M.', oldPrefix: 'Drs.' }),
  akuntansi: m('Akuntansi', { d3: 'A.Md.Ak.', s1: 'S.Ak.', s2: 'M.Ak.', oldPrefix: 'Drs.' }),
  ekonomi: m('Ekonomi Pembangunan', { s1: 'S.E.', s2: 'M.E.', oldPrefix: 'Drs.' }),
  hukum: m('Ilmu Hukum', { s1: 'S.H.', s2: 'M.H.' }),
  sipil: m('Teknik Sipil', { d3: 'A.Md.T.', s1: 'S.T.', s2: 'M.T.', oldPrefix: 'Ir.' }),
  planologi: m('Perencanaan Wilayah dan Kota', { s1: 'S.T.', s2: 'M.T.', oldPrefix: 'Ir.' }),
  informatika: m('Teknik Informatika', { d3: 'A.Md.Kom.', s1: 'S.Kom.', s2: 'M.Kom.' }),
  sisfo: m('Sistem Informasi', { d3: 'A.Md.Kom.', s1: 'S.Kom.', s2: 'M.Kom.' }),
  kesmas: m('Kesehatan Masyarakat', { s1: 'S.KM.', s2: 'M.Kes.' }),
  keperawatan: m('Keperawatan', { d3: 'A.Md.Kep.', s1: 'S.Kep., Ners', s2: 'M.Kep.' }),
  kebidanan: m('Kebidanan', { d3: 'A.Md.Keb.', s1: 'S.Tr.Keb.', s2: 'M.Keb.' }),
  farmasi: m('Farmasi', { d3: 'A.Md.Farm.', s1: 'S.Farm., Apt.', s2: 'M.Farm.' }),
  gizi: m('Gizi', { d3: 'A.Md.Gz.', s1: 'S.Gz.', s2: 'M.Gz.' }),
  laboratorium: m('Teknologi Laboratorium Medis', { d3: 'A.Md.AK.', s1: 'S.Tr.Kes.' }),
  kesling: m('Kesehatan Lingkungan', { d3: 'A.Md.KL.', s1: 'S.KM.' }),
  kedokteran: m('Kedokteran', { prefix: 'dr.', s2: 'M.Kes.' }),
  kedokteranGigi: m('Kedokteran Gigi', { prefix: 'drg.', s2: 'M.Kes.' }),
  kedokteranHewan: m('Kedokteran Hewan', { prefix: 'drh.', s2: 'M.Si.' }),
  pgsd: m('Pendidikan Guru Sekolah Dasar', { s1: 'S.Pd.', s2: 'M.Pd.' }),
  pMatematika: m('Pendidikan Matematika', { s1: 'S.Pd.', s2: 'M.Pd.', oldPrefix: 'Drs.' }),
  pBahasa: m('Pendidikan Bahasa Indonesia', { s1: 'S.Pd.', s2: 'M.Pd.', oldPrefix: 'Drs.' }),
  pInggris: m('Pendidikan Bahasa Inggris', { s1: 'S.Pd.', s2: 'M.Pd.' }),
  pBiologi: m('Pendidikan Biologi', { s1: 'S.Pd.', s2: 'M.Pd.' }),
  pJasmani: m('Pendidikan Jasmani', { s1: 'S.Pd.', s2: 'M.Pd.' }),
  pAgama: m('Pendidikan Agama Islam', { s1: 'S.Pd.I.', s2: 'M.Pd.I.' }),
  agroteknologi: m('Agroteknologi', { s1: 'S.P.', s2: 'M.P.', oldPrefix: 'Ir.' }),
  agribisnis: m('Agribisnis', { d3: 'A.Md.P.', s1: 'S.P.', s2: 'M.Si.', oldPrefix: 'Ir.' }),
  perikanan: m('Budidaya Perairan', { d3: 'A.Md.Pi.', s1: 'S.Pi.', s2: 'M.Si.' }),
  komunikasi: m('Ilmu Komunikasi', { s1: 'S.I.Kom.', s2: 'M.I.Kom.' }),
  psikologi: m('Psikologi', { s1: 'S.Psi.', s2: 'M.Psi.' }),
  statistika: m('Statistika', { s1: 'S.Stat.', s2: 'M.Stat.' }),
  kesos: m('Kesejahteraan Sosial', { s1: 'S.Sos.', s2: 'M.Si.', oldPrefix: 'Drs.' }),
  sosiologi: m('Sosiologi', { s1: 'S.Sos.', s2: 'M.Si.', oldPrefix: 'Drs.' }),
  lingkungan: m('Teknik Lingkungan', { s1: 'S.T.', s2: 'M.T.' }),
  perpustakaan: m('Ilmu Perpustakaan', { d3: 'A.Md.', s1: 'S.I.Pust.' }),
  kearsipan: m('Kearsipan', { d3: 'A.Md.Ars.', s1: 'S.Tr.Ars.' }),
  perkantoran: m('Administrasi Perkantoran', { d3: 'A.Md.' }),
  mesin: m('Teknik Mesin', { d3: 'A.Md.T.', s1: 'S.T.' }),
} as const satisfies Record<string, Major>;

export type MajorKey = keyof typeof MAJORS;

/** Majors of people in general (structural and Pelaksana) positions, by how often they occur. */
export const GENERAL_MAJORS: readonly (readonly [MajorKey, number])[] = [
  ['adminNegara', 6], ['pemerintahan', 4], ['manajemen', 5], ['akuntansi', 3], ['ekonomi', 3], ['hukum', 3],
  ['sosiologi', 1], ['komunikasi', 1], ['informatika', 1], ['sisfo', 1], ['psikologi', 1], ['perkantoran', 1],
];

/** What an SMA / SMK graduate's Jurusan cell says. */
export const SCHOOL_MAJORS: readonly string[] = ['IPA', 'IPS', 'IPS', 'Akuntansi (SMK)', 'Administrasi Perkantoran (SMK)', 'Teknik Komputer dan Jaringan (SMK)'];
