/**
 * Real-sounding Indonesian names (Javanese, Sundanese, Batak, Balinese, Malay, Islamic given names)
 * with the titles a nominatif list shows: H./Hj. after the hajj, dr./drg. in front, degrees behind.
 */
import type { Education } from '../../../shared/domain';
import type { Major } from './majors';
import type { Rng } from './prng';

const MALE_FIRST = [
  'Agus', 'Budi', 'Dedi', 'Eko', 'Hendra', 'Joko', 'Rudi', 'Slamet', 'Bambang', 'Wahyu', 'Andi', 'Arif', 'Fajar',
  'Rizky', 'Dimas', 'Yusuf', 'Ahmad', 'Muhammad', 'Irfan', 'Teguh', 'Hadi', 'Sutrisno', 'Supriyadi', 'Asep', 'Ujang',
  'Dadang', 'Cecep', 'Iwan', 'Yudi', 'Rahmat', 'Hasan', 'Taufik', 'Imam', 'Bayu', 'Galih', 'Fauzi', 'Heru',
  'Gunawan', 'Wawan', 'Aditya', 'Fikri', 'Reza', 'Gilang', 'Ilham', 'Lukman', 'Ridwan', 'Syahrul', 'Zulkifli',
  'Darmawan', 'Edi', 'Sigit', 'Anton', 'Yoga', 'Hendro', 'Bagus', 'Danang', 'Nanang', 'Ade', 'Mulyadi', 'Suparman',
  'Sudirman', 'Rohmat', 'Erwin', 'Ferry', 'Doni', 'Rizal', 'Aris', 'Yanto', 'Kurnia', 'Dodi', 'Haris', 'Fahmi',
];
const FEMALE_FIRST = [
  'Siti', 'Sri', 'Dewi', 'Rina', 'Ratna', 'Yuni', 'Endang', 'Ani', 'Dian', 'Fitri', 'Ayu', 'Indah', 'Mega',
  'Putri', 'Rini', 'Nurul', 'Lina', 'Nining', 'Euis', 'Neneng', 'Iis', 'Yanti', 'Eka', 'Novi', 'Desi', 'Wulan',
  'Kartika', 'Anisa', 'Nabila', 'Ika', 'Maya', 'Tuti', 'Titin', 'Yati', 'Nia', 'Rosa', 'Fatimah', 'Aisyah',
  'Hana', 'Intan', 'Lilis', 'Rahma', 'Santi', 'Tri', 'Wiwik', 'Yeni', 'Zahra', 'Cahya', 'Erna', 'Heni', 'Irma',
  'Laras', 'Melati', 'Nadia', 'Purwati', 'Retno', 'Sari', 'Tika', 'Umi', 'Vina', 'Widya', 'Yulia', 'Elis', 'Oktavia',
];
const MALE_LAST = [
  'Santoso', 'Wibowo', 'Pratama', 'Saputra', 'Hidayat', 'Kurniawan', 'Setiawan', 'Nugroho', 'Wijaya', 'Hartono',
  'Suryadi', 'Rahman', 'Hakim', 'Prasetyo', 'Permana', 'Firmansyah', 'Maulana', 'Ramadhan', 'Susanto', 'Purnomo',
  'Siregar', 'Nasution', 'Lubis', 'Harahap', 'Simanjuntak', 'Sitorus', 'Sinaga', 'Tanjung', 'Syahputra', 'Sulistyo',
  'Hermawan', 'Kusuma', 'Rachmat', 'Sudrajat', 'Supriatna', 'Effendi', 'Iskandar', 'Aritonang', 'Pangaribuan', 'Sembiring',
];
const FEMALE_LAST = [
  'Rahayu', 'Lestari', 'Wulandari', 'Handayani', 'Puspitasari', 'Anggraini', 'Pertiwi', 'Kusumawati', 'Susanti',
  'Yuliani', 'Rahmawati', 'Safitri', 'Maharani', 'Novitasari', 'Fitriani', 'Damayanti', 'Utami', 'Wahyuni',
  'Suryani', 'Hasanah', 'Nurhayati', 'Kurniasih', 'Mulyani', 'Agustina', 'Permatasari', 'Sulastri', 'Herawati',
  'Siregar', 'Nasution', 'Lubis', 'Sihombing', 'Setiawati', 'Andriani', 'Oktaviani', 'Pratiwi', 'Ningsih',
];
const MIDDLE = ['Nur', 'Dwi', 'Tri', 'Eka', 'Adi', 'Putra', 'Sri', 'Indra', 'Dian', 'Ayu'];
/** Balinese birth-order names, for a little of Bali's transmigrant families. */
const BALI_MALE = ['I Wayan', 'I Made', 'I Nyoman', 'I Ketut', 'I Putu', 'I Kadek', 'I Gede'];
const BALI_FEMALE = ['Ni Wayan', 'Ni Made', 'Ni Nyoman', 'Ni Ketut', 'Ni Putu', 'Ni Kadek', 'Ni Luh'];
const BALI_LAST = ['Suardana', 'Sudarsana', 'Astawa', 'Wirawan', 'Ariani', 'Sukerti', 'Artini', 'Widiastuti'];

export type Gender = 'L' | 'P';

function personalName(rng: Rng, gender: Gender): string {
  if (rng.chance(0.03)) return `${rng.pick(gender === 'L' ? BALI_MALE : BALI_FEMALE)} ${rng.pick(BALI_LAST)}`;
  const first = rng.pick(gender === 'L' ? MALE_FIRST : FEMALE_FIRST);
  const last = rng.pick(gender === 'L' ? MALE_LAST : FEMALE_LAST);
  const shape = rng.next();
  if (shape < 0.12) return first === 'Siti' || first === 'Muhammad' ? `${first} ${last}` : first; // one-word names exist
  if (shape < 0.3) return `${first} ${rng.pick(MIDDLE)} ${last}`;
  return `${first} ${last}`;
}

/** The full name as HR writes it: `H. Ahmad Santoso, S.E., M.M.`, `dr. Rina Lestari`, `Dra. Sri Wahyuni, M.Si.`. */
export function fullName(rng: Rng, gender: Gender, education: Education, major: Major | null, birthYear: number): string {
  let name = personalName(rng, gender);
  const before: string[] = [];
  const after: string[] = [];
  if (birthYear < 1975 && rng.chance(0.25)) before.push(gender === 'L' ? 'H.' : 'Hj.');
  if (major) {
    const sarjana = education === 'S1' || education === 'D4' || education === 'S2' || education === 'S3';
    if (education === 'S3') before.push('Dr.');
    if (major.prefix && sarjana) before.push(major.prefix);
    else if (sarjana && major.oldPrefix && birthYear < 1972 && rng.chance(0.6)) {
      before.push(major.oldPrefix === 'Drs.' && gender === 'P' ? 'Dra.' : major.oldPrefix);
    } else if (sarjana && major.s1) after.push(major.s1);
    if ((education === 'S2' || education === 'S3') && major.s2) after.push(major.s2);
    if ((education === 'D3' || education === 'D2' || education === 'D1') && major.d3) after.push(major.d3);
  }
  if (before.length) name = `${before.join(' ')} ${name}`;
  return after.length ? `${name}, ${after.join(', ')}` : name;
}
