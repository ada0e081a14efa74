/**
 * The perangkat daerah of the fictional Kabupaten Sukamaju (after PP 18/2016): secretariats, inspectorate,
 * badan and dinas with their bidang, then kecamatan, puskesmas and schools, which are added in rounds
 * until the requested number of positions is reached.
 */
export const PEMDA = 'Pemerintah Kabupaten Sukamaju';

export type UnitKind = 'setda' | 'setwan' | 'inspektorat' | 'badan' | 'dinas' | 'satpol' | 'rsud' | 'kecamatan' | 'puskesmas' | 'sd' | 'smp';

export interface UnitPlan {
  code: string;
  name: string;
  kind: UnitKind;
  /** Bidang (Administrator posts under the head): [code, name]. */
  bidang: [string, string][];
  /** Functional families working here. */
  families: string[];
  /** Pelaksana posts here (keys of PELAKSANA in positions.ts). */
  pelaksana: string[];
}

const u = (code: string, name: string, kind: UnitKind, bidang: [string, string][], families: string[], pelaksana = ['PENGADM', 'PENATA', 'PENGELOLA']): UnitPlan => ({
  code, name, kind, bidang, families, pelaksana,
});

export const CORE_UNITS: UnitPlan[] = [
  u('SETDA', 'Sekretariat Daerah', 'setda', [
    ['PEM', 'Bagian Pemerintahan'], ['HUKUM', 'Bagian Hukum'], ['ORG', 'Bagian Organisasi'], ['EKO', 'Bagian Perekonomian dan Sumber Daya Alam'],
    ['PBJ', 'Bagian Pengadaan Barang dan Jasa'], ['UMUM', 'Bagian Umum'], ['PROKOPIM', 'Bagian Protokol dan Komunikasi Pimpinan'],
  ], ['ANJAK', 'PERANCANG', 'PPBJ', 'ARSIPARIS'], ['PENGADM', 'PENATA', 'OPERATOR', 'PRAMU']),
  u('SETWAN', 'Sekretariat DPRD', 'setwan', [['PERSIDANGAN', 'Bagian Persidangan dan Perundang-undangan'], ['KEUANGAN', 'Bagian Keuangan'], ['UMUM', 'Bagian Umum']], ['ANJAK', 'PERANCANG'], ['PENGADM', 'PENATA', 'PRAMU']),
  u('INSPEKTORAT', 'Inspektorat Daerah', 'inspektorat', [['IRBAN1', 'Inspektur Pembantu Wilayah I'], ['IRBAN2', 'Inspektur Pembantu Wilayah II'], ['IRBAN3', 'Inspektur Pembantu Wilayah III']], ['AUDITOR', 'P2UPD']),
  u('BAPPEDA', 'Badan Perencanaan Pembangunan Daerah', 'badan', [['PPM', 'Bidang Perencanaan Pemerintahan dan Pembangunan Manusia'], ['EKONOMI', 'Bidang Perekonomian dan Sumber Daya Alam'], ['INFRA', 'Bidang Infrastruktur dan Kewilayahan'], ['LITBANG', 'Bidang Penelitian dan Pengembangan']], ['PERENCANA', 'STATISTISI']),
  u('BPKAD', 'Badan Pengelolaan Keuangan dan Aset Daerah', 'badan', [['ANGGARAN', 'Bidang Anggaran'], ['PERBEND', 'Bidang Perbendaharaan'], ['AKUNTANSI', 'Bidang Akuntansi'], ['ASET', 'Bidang Aset']], ['AKPD', 'PRAKOM'], ['PENGADM', 'PENATA', 'PENGELOLA', 'OPERATOR']),
  u('BAPENDA', 'Badan Pendapatan Daerah', 'badan', [['PENDATAAN', 'Bidang Pendataan dan Penetapan'], ['PENAGIHAN', 'Bidang Penagihan dan Keberatan']], ['AKPD']),
  u('BKPSDM', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'badan', [['MUTASI', 'Bidang Mutasi dan Promosi'], ['PENGADAAN', 'Bidang Pengadaan, Pemberhentian dan Informasi'], ['PKA', 'Bidang Pengembangan Kompetensi Aparatur']], ['ASDMA', 'PSDMA', 'PRAKOM']),
  u('BPBD', 'Badan Penanggulangan Bencana Daerah', 'badan', [['PK', 'Bidang Pencegahan dan Kesiapsiagaan'], ['KL', 'Bidang Kedaruratan dan Logistik'], ['RR', 'Bidang Rehabilitasi dan Rekonstruksi']], ['ANJAK'], ['PENGADM', 'OPERATOR']),
  u('KESBANGPOL', 'Badan Kesatuan Bangsa dan Politik', 'badan', [['IDEOLOGI', 'Bidang Ideologi dan Wawasan Kebangsaan'], ['POLDAGRI', 'Bidang Politik Dalam Negeri']], ['ANJAK']),
  u('DISDIKBUD', 'Dinas Pendidikan dan Kebudayaan', 'dinas', [['SD', 'Bidang Pembinaan Sekolah Dasar'], ['SMP', 'Bidang Pembinaan Sekolah Menengah Pertama'], ['PAUD', 'Bidang PAUD dan Pendidikan Nonformal'], ['BUDAYA', 'Bidang Kebudayaan']], ['PENGAWASSEKOLAH', 'PAMONGBELAJAR', 'PERENCANA']),
  u('DINKES', 'Dinas Kesehatan', 'dinas', [['P2P', 'Bidang Pencegahan dan Pengendalian Penyakit'], ['KESMAS', 'Bidang Kesehatan Masyarakat'], ['YANKES', 'Bidang Pelayanan Kesehatan'], ['SDK', 'Bidang Sumber Daya Kesehatan']], ['EPIDEMIOLOG', 'PROMKES', 'SANITARIAN', 'APOTEKER', 'NUTRISIONIS']),
  u('RSUD', 'RSUD Sukamaju', 'rsud', [['YANMED', 'Bidang Pelayanan Medik'], ['KEPERAWATAN', 'Bidang Keperawatan'], ['PENUNJANG', 'Bidang Penunjang']], ['DOKTER', 'DRG', 'PERAWAT', 'BIDAN', 'APOTEKER', 'TTK', 'PLK', 'NUTRISIONIS'], ['PENGADM', 'PENGELOLA', 'OPERATOR', 'PRAMU']),
  u('DPUPR', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'dinas', [['BM', 'Bidang Bina Marga'], ['SDA', 'Bidang Sumber Daya Air'], ['TARU', 'Bidang Penataan Ruang'], ['CK', 'Bidang Cipta Karya']], ['TJJ', 'PENATARUANG', 'PPBJ']),
  u('DPRKP', 'Dinas Perumahan, Kawasan Permukiman dan Pertanahan', 'dinas', [['PERUMAHAN', 'Bidang Perumahan'], ['KAWASAN', 'Bidang Kawasan Permukiman']], ['TJJ']),
  u('SATPOLPP', 'Satuan Polisi Pamong Praja', 'satpol', [['GAKDA', 'Bidang Penegakan Perda'], ['TRANTIB', 'Bidang Ketenteraman dan Ketertiban Umum'], ['DAMKAR', 'Bidang Pemadam Kebakaran']], ['POLPP', 'DAMKAR'], ['PENGADM', 'OPERATOR']),
  u('DINSOS', 'Dinas Sosial', 'dinas', [['REHSOS', 'Bidang Rehabilitasi Sosial'], ['LINJAMSOS', 'Bidang Perlindungan dan Jaminan Sosial'], ['DAYASOS', 'Bidang Pemberdayaan Sosial']], ['PEKSOS']),
  u('DISNAKER', 'Dinas Tenaga Kerja', 'dinas', [['PENTA', 'Bidang Penempatan Tenaga Kerja'], ['HI', 'Bidang Hubungan Industrial']], ['MEDIATOR']),
  u('DP3AKB', 'Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana', 'dinas', [['PPPA', 'Bidang Perlindungan Perempuan dan Anak'], ['KB', 'Bidang Keluarga Berencana']], ['PENYULUHKB']),
  u('DLH', 'Dinas Lingkungan Hidup', 'dinas', [['PPLH', 'Bidang Pengendalian Pencemaran'], ['PERSAMPAHAN', 'Bidang Pengelolaan Sampah']], ['PDL'], ['PENGADM', 'OPERATOR', 'PRAMU']),
  u('DISDUKCAPIL', 'Dinas Kependudukan dan Pencatatan Sipil', 'dinas', [['DAFDUK', 'Bidang Pelayanan Pendaftaran Penduduk'], ['CAPIL', 'Bidang Pelayanan Pencatatan Sipil'], ['PIAK', 'Bidang Pengelolaan Informasi Administrasi Kependudukan']], ['ADBKEP', 'PRAKOM']),
  u('DPMD', 'Dinas Pemberdayaan Masyarakat dan Desa', 'dinas', [['PEMDES', 'Bidang Pemerintahan Desa'], ['PM', 'Bidang Pemberdayaan Masyarakat']], ['ANJAK']),
  u('DISHUB', 'Dinas Perhubungan', 'dinas', [['LLAJ', 'Bidang Lalu Lintas dan Angkutan Jalan'], ['SARPRAS', 'Bidang Sarana dan Prasarana']], ['PENGUJI'], ['PENGADM', 'OPERATOR']),
  u('DISKOMINFO', 'Dinas Komunikasi dan Informatika', 'dinas', [['IKP', 'Bidang Informasi dan Komunikasi Publik'], ['APTIKA', 'Bidang Aplikasi Informatika'], ['STATISTIK', 'Bidang Statistik dan Persandian']], ['PRAKOM', 'HUMAS', 'STATISTISI']),
  u('DKUKMP', 'Dinas Koperasi, Usaha Kecil, Menengah dan Perdagangan', 'dinas', [['KOPERASI', 'Bidang Koperasi dan UKM'], ['PERDAGANGAN', 'Bidang Perdagangan']], ['ANJAK']),
  u('DPMPTSP', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'dinas', [['PM', 'Bidang Penanaman Modal'], ['PERIZINAN', 'Bidang Pelayanan Perizinan']], ['PKPM']),
  u('DISPARPORA', 'Dinas Pariwisata, Pemuda dan Olahraga', 'dinas', [['PARIWISATA', 'Bidang Pariwisata'], ['PORA', 'Bidang Kepemudaan dan Olahraga']], ['ANJAK']),
  u('DISPERTAN', 'Dinas Pertanian dan Ketahanan Pangan', 'dinas', [['TPH', 'Bidang Tanaman Pangan dan Hortikultura'], ['PETERNAKAN', 'Bidang Peternakan dan Kesehatan Hewan'], ['KP', 'Bidang Ketahanan Pangan']], ['PENYULUHTAN', 'MEDVET']),
  u('DISKAN', 'Dinas Perikanan', 'dinas', [['BUDIDAYA', 'Bidang Perikanan Budidaya'], ['TANGKAP', 'Bidang Perikanan Tangkap']], ['PENYULUHKAN']),
  u('DISARPUS', 'Dinas Perpustakaan dan Kearsipan', 'dinas', [['PERPUS', 'Bidang Perpustakaan'], ['ARSIP', 'Bidang Kearsipan']], ['PUSTAKAWAN', 'ARSIPARIS']),
];

/** Kecamatan names: Sundanese/Javanese place-name stems and endings (up to 16 × 12 distinct names). */
const STEMS = ['Suka', 'Karang', 'Sindang', 'Marga', 'Tanjung', 'Mekar', 'Pasir', 'Bojong', 'Jati', 'Sumber', 'Wana', 'Giri', 'Banyu', 'Cipta', 'Rawa', 'Ci'];
const ENDINGS = ['maju', 'sari', 'jaya', 'mulya', 'rahayu', 'asih', 'wangi', 'harja', 'makmur', 'laya', 'mekar', 'raja'];

export function kecamatanName(i: number): string {
  const stem = STEMS[i % STEMS.length]!;
  const end = ENDINGS[(i + Math.floor(i / STEMS.length)) % ENDINGS.length]!;
  const base = `${stem}${end}`;
  const round = Math.floor(i / (STEMS.length * ENDINGS.length));
  return round === 0 ? base : `${base} ${['Utara', 'Selatan', 'Timur', 'Barat'][(round - 1) % 4]}${round > 4 ? ` ${round}` : ''}`;
}

const codeOf = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, '');

/** The n-th round of satellite units: a kecamatan (the first 40 rounds), its puskesmas, three SD and one SMP. */
export function satelliteRound(n: number): UnitPlan[] {
  const kec = kecamatanName(n % 40);
  const kc = codeOf(kec);
  const out: UnitPlan[] = [];
  if (n < 40) {
    out.push(u(`KEC-${kc}`, `Kecamatan ${kec}`, 'kecamatan', [], [], ['PENGADM', 'PENATA', 'OPERATOR']));
  }
  if (n < 80) {
    const pkm = n < 40 ? `Puskesmas ${kec}` : `Puskesmas ${kec} II`;
    out.push(u(`PKM-${kc}${n < 40 ? '' : '2'}`, `UPTD ${pkm}`, 'puskesmas', [], ['DOKTER', 'DRG', 'PERAWAT', 'BIDAN', 'NUTRISIONIS', 'SANITARIAN', 'PLK', 'TTK', 'PROMKES'], ['PENGADM', 'OPERATOR']));
  }
  for (let k = 1; k <= 3; k++) {
    const no = (Math.floor(n / 40) * 3) + k;
    out.push(u(`SDN${no}-${kc}`, `SD Negeri ${no} ${kec}`, 'sd', [], ['GURU'], ['PENGADM']));
  }
  const smp = Math.floor(n / 40) + 1;
  out.push(u(`SMPN${smp}-${kc}`, `SMP Negeri ${smp} ${kec}`, 'smp', [], ['GURU'], ['PENGADM', 'PENGELOLA']));
  return out;
}
