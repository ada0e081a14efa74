/**
 * Small random workbooks for the proposer's property tests: a handful of positions of mixed types and
 * levels (some full, some with several vacant seats, some listing Rumpun Jurusan or Diklat Wajib), a
 * handful of people who differ in everything the rules and the score look at, and a few proposals.
 * Built from test/support/book.ts rows, so they are ordinary SheetData workbooks.
 */
import fc from 'fast-check';
import type { CellValue, SheetData } from '../../../shared/workbook/gateway';
import { employee, position, proposal, workbook, type Row } from '../../support/book';

const TYPES: [string, string | null][] = [
  ['Pelaksana', null], ['Pengawas', null], ['Administrator', null], ['JPT Pratama', null],
  ['Fungsional', 'Ahli Pertama'], ['Fungsional', 'Ahli Muda'], ['Fungsional', 'Ahli Madya'], ['Fungsional', 'Terampil'], ['Fungsional', 'Mahir'],
  // Added with RULES.md 2026-12-07 (equivalent rungs between ladders): the skill ladder's ends.
  ['Fungsional', 'Penyelia'], ['Fungsional', 'Pemula'],
];
const UNITS = ['Dinas Kesehatan', 'BKPSDM', 'Dinas Pendidikan'];
const MAJORS = ['Kesehatan Masyarakat', 'Teknik Informatika', 'Ilmu Pemerintahan', 'Akuntansi'];
const RANKS = ['II/a', 'II/c', 'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b'];
const EDUS = ['SMA', 'D3', 'S1', 'S2'];
const SKPS = ['Sangat Baik', 'Baik', 'Butuh Perbaikan', null];

export interface BookShape {
  positions: { type: number; unit: number; needed: number; majors: number; training: boolean }[];
  people: {
    pos: number; rank: number; edu: number; major: number; tenureMonths: number; birthYear: number; skp: number; skp2: number;
    comp: number | null; prefs: number[]; discipline: boolean; status: number;
  }[];
  proposals: { person: number; to: number; status: number }[];
}

export const bookShape = (maxPositions = 5, maxPeople = 10): fc.Arbitrary<BookShape> =>
  fc.record({
    positions: fc.array(
      fc.record({
        type: fc.constantFrom(0, 0, 0, 1, 1, 2, 3, 4, 5, 5, 5, 6, 7, 8, 9, 10),
        unit: fc.nat(UNITS.length - 1),
        needed: fc.constantFrom(0, 1, 1, 2, 3, 4),
        majors: fc.nat(MAJORS.length), // == length: none
        training: fc.boolean(),
      }),
      { minLength: 2, maxLength: maxPositions },
    ),
    people: fc.array(
      fc.record({
        pos: fc.constantFrom(0, 0, 0, 1, 1, 2, 3, 4),
        rank: fc.integer({ min: 2, max: RANKS.length - 1 }),
        edu: fc.constantFrom(1, 2, 2, 2, 3),
        major: fc.nat(MAJORS.length - 1),
        // -1: a year typed alone (2019 = Excel's 11 July 1905), before TMT CPNS: VALUE_INVALID (RULES.md 2026-12-07)
        tenureMonths: fc.constantFrom(10, 30, 40, 61, 75, 75, -1),
        birthYear: fc.constantFrom(1967, 1975, 1980, 1985, 1990, 1995),
        skp: fc.constantFrom(0, 0, 0, 1, 1, 1, 1, 2, 3),
        skp2: fc.constantFrom(0, 1, 1, 1, 1, 1, 1, 2, 3),
        comp: fc.option(fc.constantFrom(2, 3, 3, 4, 4, 5), { nil: null, freq: 5 }),
        prefs: fc.array(fc.nat(UNITS.length - 1), { maxLength: 2 }),
        discipline: fc.constantFrom(false, false, false, true),
        status: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
      }),
      { minLength: 1, maxLength: maxPeople },
    ),
    proposals: fc.array(fc.record({ person: fc.nat(20), to: fc.nat(20), status: fc.constantFrom(0, 1, 3) }), { maxLength: 2 }),
  });

/** A valid NIP for person i born in `year`. */
function nipOf(i: number, year: number): string {
  return `${year}0101${year + 23}011${String(i + 1).padStart(3, '0')}`;
}

const AS_OF = { y: 2026, m: 11, d: 23 };
function monthsAgo(months: number): string {
  let y = AS_OF.y;
  let m = AS_OF.m - months;
  while (m < 1) {
    m += 12;
    y--;
  }
  return `01/${String(m).padStart(2, '0')}/${y}`;
}

export function buildBook(s: BookShape): SheetData[] {
  const codes = s.positions.map((_, j) => `P${j}`);
  const positions: Row[] = s.positions.map((p, j) => {
    const [type, level] = TYPES[p.type]!;
    return position({
      'Kode Jabatan': codes[j]!, 'Nama Jabatan': `Jabatan ${j}`, 'Jenis Jabatan': type, Jenjang: level, 'Unit Kerja': UNITS[p.unit]!,
      Kebutuhan: p.needed, 'Rumpun Jurusan': p.majors < MAJORS.length ? MAJORS[p.majors]! : null, 'Diklat Wajib': p.training ? 'PKA' : null,
    });
  });
  const people: Row[] = s.people.map((e, i) => {
    const levels = e.comp === null ? Array(9).fill(null) : Array.from({ length: 9 }, (_, k) => Math.min(5, e.comp! + (k % 3 === 0 ? 1 : 0)));
    const comps: Record<string, CellValue> = {};
    ['Integritas', 'Kerja Sama', 'Komunikasi', 'Orientasi pada Hasil', 'Pelayanan Publik', 'Pengembangan Diri dan Orang Lain', 'Mengelola Perubahan', 'Pengambilan Keputusan', 'Perekat Bangsa'].forEach((n, k) => (comps[n] = levels[k]));
    return employee({
      NIP: nipOf(i, e.birthYear), Nama: `Pegawai ${i}`, Status: e.status === 1 ? 'CPNS' : 'PNS', Golongan: RANKS[e.rank]!,
      'Kode Jabatan': codes[e.pos % codes.length]!, 'TMT Jabatan': e.tenureMonths < 0 ? 2019 : monthsAgo(e.tenureMonths), 'Tanggal Lahir': null,
      Pendidikan: EDUS[e.edu]!, Jurusan: MAJORS[e.major]!, 'SKP Tahun Lalu': SKPS[e.skp]!, 'SKP Dua Tahun Lalu': SKPS[e.skp2]!,
      'Hukuman Disiplin': e.discipline ? 'Ringan' : 'Tidak Ada', 'Hukdis Berakhir': e.discipline ? '01/01/2030' : null,
      Diklat: i % 2 ? 'PKA' : null, 'Unit Diminati': e.prefs.map((u) => UNITS[u]).join('; ') || null, ...comps,
    });
  });
  const proposals: Row[] = s.proposals.map((p, k) =>
    proposal({
      'No Usulan': `U-${String(k + 1).padStart(4, '0')}`, NIP: people[p.person % people.length]!.NIP!, 'Kode Jabatan Tujuan': codes[p.to % codes.length]!,
      Status: ['Draf', 'Diajukan', 'Ditolak', 'Ditolak'][p.status]!, 'TMT Mutasi': '23/11/2026',
    }),
  );
  return workbook({ employees: people, positions, proposals });
}
