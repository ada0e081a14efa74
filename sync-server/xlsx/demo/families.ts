/**
 * Functional position families (jabatan fungsional) found in a kabupaten, with the jenjang each has,
 * the majors of the people who hold them and the Rumpun Jurusan an ABK document lists for them.
 */
import type { Education, FunctionalLevel, Golongan } from '../../../shared/domain';
import type { MajorKey } from './majors';

export interface Family {
  key: string;
  name: string;
  levels: FunctionalLevel[];
  majors: MajorKey[];
  /** Rumpun Jurusan entries (each entry's words must all occur in the Jurusan). */
  rumpun: string[];
  /** Share of women among holders. */
  female: number;
  /** Relative size of the workforce in this family. */
  weight: number;
}

const L: Record<string, FunctionalLevel> = {
  AU: 'Ahli Utama', AMD: 'Ahli Madya', AM: 'Ahli Muda', AP: 'Ahli Pertama',
  PNY: 'Penyelia', MHR: 'Mahir', TRM: 'Terampil', PML: 'Pemula',
};
export const LEVEL_CODE: Record<FunctionalLevel, string> = {
  'Ahli Utama': 'AU', 'Ahli Madya': 'AMD', 'Ahli Muda': 'AM', 'Ahli Pertama': 'AP',
  Penyelia: 'PNY', Mahir: 'MHR', Terampil: 'TRM', Pemula: 'PML',
};

const fam = (key: string, name: string, levels: string, majors: MajorKey[], rumpun: string[], female: number, weight: number): Family => ({
  key, name, levels: levels.split(' ').map((c) => L[c]!), majors, rumpun, female, weight,
});

export const FAMILIES: Record<string, Family> = Object.fromEntries([
  fam('DOKTER', 'Dokter', 'AP AM AMD AU', ['kedokteran'], ['Kedokteran'], 0.55, 1.5),
  fam('DRG', 'Dokter Gigi', 'AP AM', ['kedokteranGigi'], ['Kedokteran Gigi'], 0.7, 0.6),
  fam('PERAWAT', 'Perawat', 'TRM MHR PNY AP AM AMD', ['keperawatan'], ['Keperawatan'], 0.65, 4),
  fam('BIDAN', 'Bidan', 'TRM MHR PNY AP AM', ['kebidanan'], ['Kebidanan'], 1, 3),
  fam('APOTEKER', 'Apoteker', 'AP AM', ['farmasi'], ['Farmasi'], 0.7, 0.6),
  fam('TTK', 'Asisten Apoteker', 'TRM MHR', ['farmasi'], ['Farmasi'], 0.7, 0.8),
  fam('PLK', 'Pranata Laboratorium Kesehatan', 'TRM MHR AP', ['laboratorium'], ['Laboratorium'], 0.6, 0.8),
  fam('NUTRISIONIS', 'Nutrisionis', 'TRM AP', ['gizi'], ['Gizi'], 0.85, 0.8),
  fam('EPIDEMIOLOG', 'Epidemiolog Kesehatan', 'AP AM', ['kesmas'], ['Kesehatan Masyarakat'], 0.5, 0.5),
  fam('PROMKES', 'Penyuluh Kesehatan Masyarakat', 'AP AM', ['kesmas'], ['Kesehatan Masyarakat'], 0.6, 0.7),
  fam('SANITARIAN', 'Tenaga Sanitasi Lingkungan', 'TRM AP', ['kesling'], ['Kesehatan Lingkungan', 'Kesehatan Masyarakat'], 0.5, 0.7),
  fam('GURU', 'Guru', 'AP AM AMD', ['pgsd', 'pMatematika', 'pBahasa', 'pInggris', 'pBiologi', 'pJasmani', 'pAgama'], ['Pendidikan'], 0.65, 7),
  fam('PENGAWASSEKOLAH', 'Pengawas Sekolah', 'AM AMD', ['pMatematika', 'pBahasa', 'pgsd'], ['Pendidikan'], 0.45, 0.6),
  fam('PAMONGBELAJAR', 'Pamong Belajar', 'AP AM', ['pgsd', 'pBahasa'], ['Pendidikan'], 0.5, 0.5),
  fam('AUDITOR', 'Auditor', 'AP AM AMD', ['akuntansi', 'ekonomi', 'manajemen'], ['Akuntansi', 'Ekonomi', 'Manajemen'], 0.5, 1.2),
  fam('P2UPD', 'Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah', 'AP AM AMD', ['pemerintahan', 'adminNegara', 'hukum'], [], 0.4, 1),
  fam('PERENCANA', 'Perencana', 'AP AM AMD AU', ['planologi', 'ekonomi', 'adminNegara'], ['Perencanaan Wilayah', 'Ekonomi Pembangunan', 'Administrasi'], 0.45, 1),
  fam('ASDMA', 'Analis Sumber Daya Manusia Aparatur', 'AP AM AMD', ['adminNegara', 'psikologi', 'manajemen', 'hukum'], ['Administrasi', 'Psikologi', 'Manajemen', 'Hukum'], 0.55, 1),
  fam('PSDMA', 'Pranata Sumber Daya Manusia Aparatur', 'TRM MHR PNY', ['adminNegara', 'perkantoran', 'manajemen'], [], 0.55, 0.8),
  fam('PRAKOM', 'Pranata Komputer', 'TRM AP AM', ['informatika', 'sisfo'], ['Informatika', 'Sistem Informasi', 'Ilmu Komputer'], 0.35, 0.8),
  fam('ARSIPARIS', 'Arsiparis', 'TRM AP AM', ['kearsipan', 'adminNegara', 'perkantoran'], [], 0.6, 0.8),
  fam('PUSTAKAWAN', 'Pustakawan', 'TRM AP AM', ['perpustakaan'], ['Perpustakaan'], 0.65, 0.6),
  fam('ANJAK', 'Analis Kebijakan', 'AP AM', ['adminNegara', 'pemerintahan', 'ekonomi', 'hukum'], [], 0.45, 0.8),
  fam('PERANCANG', 'Perancang Peraturan Perundang-undangan', 'AP AM', ['hukum'], ['Hukum'], 0.5, 0.5),
  fam('PPBJ', 'Pengelola Pengadaan Barang/Jasa', 'AP AM', ['manajemen', 'sipil', 'akuntansi'], [], 0.35, 0.6),
  fam('PENYULUHTAN', 'Penyuluh Pertanian', 'TRM MHR PNY AP AM', ['agribisnis', 'agroteknologi'], ['Pertanian', 'Agribisnis', 'Agroteknologi'], 0.35, 2.5),
  fam('MEDVET', 'Medik Veteriner', 'AP AM', ['kedokteranHewan'], ['Kedokteran Hewan'], 0.5, 0.4),
  fam('PENYULUHKAN', 'Penyuluh Perikanan', 'TRM AP', ['perikanan'], ['Perairan', 'Perikanan'], 0.35, 0.7),
  fam('POLPP', 'Polisi Pamong Praja', 'TRM MHR PNY AP AM', ['hukum', 'pemerintahan'], [], 0.15, 2.5),
  fam('DAMKAR', 'Pemadam Kebakaran', 'PML TRM MHR PNY', ['mesin'], [], 0.05, 1.5),
  fam('PENGUJI', 'Penguji Kendaraan Bermotor', 'PML TRM MHR PNY', ['mesin'], ['Teknik Mesin', 'Otomotif'], 0.05, 0.8),
  fam('PEKSOS', 'Pekerja Sosial', 'TRM AP AM', ['kesos', 'sosiologi'], ['Kesejahteraan Sosial', 'Sosiologi'], 0.6, 1),
  fam('TJJ', 'Teknik Jalan dan Jembatan', 'TRM AP AM', ['sipil'], ['Teknik Sipil'], 0.15, 1.2),
  fam('PENATARUANG', 'Penata Ruang', 'AP AM', ['planologi', 'sipil'], ['Perencanaan Wilayah', 'Teknik Sipil'], 0.35, 0.5),
  fam('PDL', 'Pengendali Dampak Lingkungan', 'AP AM', ['lingkungan', 'kesling'], ['Lingkungan'], 0.45, 0.7),
  fam('ADBKEP', 'Administrator Database Kependudukan', 'TRM AP', ['informatika', 'sisfo'], [], 0.5, 0.8),
  fam('AKPD', 'Analis Keuangan Pusat dan Daerah', 'AP AM AMD', ['akuntansi', 'ekonomi', 'manajemen'], ['Akuntansi', 'Ekonomi', 'Manajemen'], 0.55, 0.8),
  fam('PKPM', 'Penata Kelola Penanaman Modal', 'AP AM', ['ekonomi', 'manajemen', 'hukum'], [], 0.45, 0.5),
  fam('HUMAS', 'Pranata Hubungan Masyarakat', 'TRM AP', ['komunikasi'], ['Komunikasi'], 0.55, 0.5),
  fam('STATISTISI', 'Statistisi', 'AP AM', ['statistika'], ['Statistika'], 0.5, 0.4),
  fam('MEDIATOR', 'Mediator Hubungan Industrial', 'AP AM', ['hukum', 'psikologi'], [], 0.4, 0.4),
  fam('PENYULUHKB', 'Penyuluh Keluarga Berencana', 'AP AM', ['kesmas', 'sosiologi'], [], 0.6, 1),
].map((f) => [f.key, f]));

/** Education of the holders of a level: Ahli = sarjana, Terampil/Mahir/Penyelia = diploma, Pemula = SMA. */
export function levelEducation(level: FunctionalLevel): Education {
  if (level.startsWith('Ahli')) return 'S1';
  return level === 'Pemula' ? 'SMA' : 'D3';
}

/** The golongan range of each jenjang (Permenpan RB 1/2023), used for the people and some explicit limits. */
export const LEVEL_RANKS: Record<FunctionalLevel, [Golongan, Golongan]> = {
  'Ahli Utama': ['IV/d', 'IV/e'], 'Ahli Madya': ['IV/a', 'IV/c'], 'Ahli Muda': ['III/c', 'III/d'], 'Ahli Pertama': ['III/a', 'III/b'],
  Penyelia: ['III/c', 'III/d'], Mahir: ['III/a', 'III/b'], Terampil: ['II/b', 'II/d'], Pemula: ['II/a', 'II/a'],
};

/** Kelas jabatan (Perpres on tunjangan kinerja) by jenjang. */
export const LEVEL_CLASS: Record<FunctionalLevel, number> = {
  'Ahli Utama': 14, 'Ahli Madya': 12, 'Ahli Muda': 10, 'Ahli Pertama': 8, Penyelia: 8, Mahir: 7, Terampil: 6, Pemula: 5,
};

/** How many people a jenjang has relative to the others of its family. */
export const LEVEL_WEIGHT: Record<FunctionalLevel, number> = {
  'Ahli Utama': 0.15, 'Ahli Madya': 0.5, 'Ahli Muda': 1, 'Ahli Pertama': 1.3, Penyelia: 0.5, Mahir: 0.9, Terampil: 1.3, Pemula: 0.5,
};
