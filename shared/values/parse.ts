/**
 * What people really type (WORKBOOK.md "Values people really type"), turned into canonical values.
 * Each parser returns the value, `null` for an empty cell, or INVALID. Callers decide whether an
 * empty cell is allowed (REQUIRED_MISSING) and report INVALID as VALUE_INVALID with the raw text.
 */
import {
  DISCIPLINE, EDUCATION, EMPLOYEE_STATUS, FUNCTIONAL_LEVELS, GOLONGAN, PANGKAT, POSITION_TYPES, POTENTIAL,
  PROPOSAL_REASONS, PROPOSAL_STATUS, SKP,
  type Discipline, type Education, type EmployeeStatus, type FunctionalLevel, type Golongan, type PositionType,
  type Potential, type ProposalReason, type ProposalStatus, type Skp,
} from '../domain';
import { cellErrorText, type CellValue } from '../workbook/gateway';
import { dateToDay, parseDateSerial, parseDateText, type Day } from './dates';

export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;
export type Parsed<T> = T | null | Invalid;

/** Trimmed text of a cell (non-breaking spaces count as spaces); '' when empty. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return (v.indexOf('\u00a0') >= 0 ? v.replace(/\u00a0/g, ' ') : v).trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return v.error;
}

export function isEmptyCell(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && cellText(v) === '');
}

/** Lower-case, single spaces, no dots or hyphens: the key for matching coded values. */
function key(s: string): string {
  return s.toLowerCase().replace(/[.\-_/]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function enumParser<T extends string>(canon: readonly T[], extra: Record<string, T> = {}): (v: CellValue | undefined) => Parsed<T> {
  const map = new Map<string, T>();
  for (const c of canon) map.set(key(c), c);
  for (const [k, c] of Object.entries(extra)) map.set(key(k), c);
  const memo = new Map<string, T | Invalid>();
  return (v) => {
    if (isEmptyCell(v)) return null;
    if (typeof v === 'string') {
      let r = memo.get(v);
      if (r === undefined) {
        r = cellErrorText(v) ? INVALID : (map.get(key(cellText(v))) ?? INVALID);
        if (memo.size < 10_000) memo.set(v, r);
      }
      return r;
    }
    if (cellErrorText(v ?? null)) return INVALID;
    return map.get(key(cellText(v))) ?? INVALID;
  };
}

export const parseStatus = enumParser<EmployeeStatus>(EMPLOYEE_STATUS, { 'Tugas Belajar': 'Tugas Belajar', TB: 'Tugas Belajar', 'P3K': 'PPPK' });
export const parseSkp = enumParser<Skp>(SKP);
export const parsePotential = enumParser<Potential>(POTENTIAL);
export const parseDiscipline = enumParser<Discipline>(DISCIPLINE, {
  Tidak: 'Tidak Ada', Nihil: 'Tidak Ada', '-': 'Tidak Ada', Tidak_ada: 'Tidak Ada',
  'Hukuman Disiplin Ringan': 'Ringan', 'Hukuman Disiplin Sedang': 'Sedang', 'Hukuman Disiplin Berat': 'Berat',
});
export const parseLevel = enumParser<FunctionalLevel>(FUNCTIONAL_LEVELS);
export const parseReason = enumParser<ProposalReason>(PROPOSAL_REASONS, { 'Mutasi Darurat': 'Darurat', 'Atas Permintaan Sendiri': 'Permintaan Sendiri', APS: 'Permintaan Sendiri' });
export const parseProposalStatus = enumParser<ProposalStatus>(PROPOSAL_STATUS, { Draft: 'Draf', Diusulkan: 'Diajukan' });
export const parsePositionType = enumParser<PositionType>(POSITION_TYPES, {
  'Jabatan Pimpinan Tinggi Utama': 'JPT Utama', 'Pimpinan Tinggi Utama': 'JPT Utama',
  'Jabatan Pimpinan Tinggi Madya': 'JPT Madya', 'Pimpinan Tinggi Madya': 'JPT Madya',
  'Jabatan Pimpinan Tinggi Pratama': 'JPT Pratama', 'Pimpinan Tinggi Pratama': 'JPT Pratama',
  'Jabatan Administrator': 'Administrator', 'Jabatan Pengawas': 'Pengawas', 'Jabatan Pelaksana': 'Pelaksana',
  'Jabatan Fungsional': 'Fungsional', JF: 'Fungsional', JFT: 'Fungsional', JFU: 'Pelaksana',
});

const EDUCATION_ALIASES: Record<string, Education> = {
  SD: 'SD', 'Sekolah Dasar': 'SD', MI: 'SD',
  SMP: 'SMP', SLTP: 'SMP', MTs: 'SMP',
  SMA: 'SMA', SLTA: 'SMA', SMK: 'SMA', SMU: 'SMA', MA: 'SMA', STM: 'SMA', SMEA: 'SMA',
  D1: 'D1', 'D I': 'D1', DI: 'D1', 'Diploma I': 'D1', 'Diploma 1': 'D1',
  D2: 'D2', 'D II': 'D2', DII: 'D2', 'Diploma II': 'D2', 'Diploma 2': 'D2',
  D3: 'D3', 'D III': 'D3', DIII: 'D3', 'Diploma III': 'D3', 'Diploma 3': 'D3', 'Sarjana Muda': 'D3',
  D4: 'D4', 'D IV': 'D4', DIV: 'D4', 'Diploma IV': 'D4', 'Diploma 4': 'D4', 'Sarjana Terapan': 'D4',
  S1: 'S1', 'S 1': 'S1', Sarjana: 'S1', 'Strata 1': 'S1', 'Strata I': 'S1',
  S2: 'S2', 'S 2': 'S2', Magister: 'S2', Master: 'S2', Pascasarjana: 'S2', 'Strata 2': 'S2', 'Strata II': 'S2',
  S3: 'S3', 'S 3': 'S3', Doktor: 'S3', Doktoral: 'S3', 'Strata 3': 'S3', 'Strata III': 'S3',
};
const educationMap = new Map<string, Education>();
for (const e of EDUCATION) educationMap.set(key(e), e);
for (const [k, v] of Object.entries(EDUCATION_ALIASES)) educationMap.set(key(k), v);

const educationMemo = new Map<CellValue | undefined, Parsed<Education>>();

/** `S-1`, `S1`, `Sarjana` → S1; `D-III`, `D3`, `Diploma III` → D3; `SLTA`, `SMK` → SMA; `D-IV` → D4. */
export function parseEducation(v: CellValue | undefined): Parsed<Education> {
  if (typeof v !== 'string') return parseEducationUncached(v);
  let r = educationMemo.get(v);
  if (r === undefined) {
    r = parseEducationUncached(v);
    if (educationMemo.size < 10_000) educationMemo.set(v, r);
  }
  return r;
}

function parseEducationUncached(v: CellValue | undefined): Parsed<Education> {
  if (isEmptyCell(v)) return null;
  if (cellErrorText(v ?? null)) return INVALID;
  const k = key(cellText(v));
  const direct = educationMap.get(k);
  if (direct) return direct;
  // "S-1 Ekonomi", "D-III Keperawatan": the level followed by a field.
  const m = /^(s ?[123]|d ?(?:iv|iii|ii|i|[1-4])|sma|smk|slta|smp|sltp|sd)\b/.exec(k);
  if (m) return educationMap.get(m[1]!.replace(' ', '')) ?? educationMap.get(m[1]!) ?? INVALID;
  return INVALID;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
/** Group, then any separator (none, spaces, `/ - . _ , \\`), then the letter; neither glued to other letters. */
const RE_GOL = /(?:^|[^a-z0-9])(iv|iii|ii|i|[1-4])(?:\s*[/\\\-._,]\s*|\s*)([a-e])(?![a-z0-9])/i;
const pangkatMap = new Map<string, Golongan>(PANGKAT.map((p, i) => [key(p), GOLONGAN[i]!]));
pangkatMap.set(key('Juru Muda Tingkat I'), 'I/b');
pangkatMap.set(key('Juru Tingkat I'), 'I/d');
pangkatMap.set(key('Pengatur Muda Tingkat I'), 'II/b');
pangkatMap.set(key('Pengatur Tingkat I'), 'II/d');
pangkatMap.set(key('Penata Muda Tingkat I'), 'III/b');
pangkatMap.set(key('Penata Tingkat I'), 'III/d');
pangkatMap.set(key('Pembina Tingkat I'), 'IV/b');

/**
 * `III/a`, `III/A`, `III-a`, `IIIa`, `3a`, `3/a`, `Penata Muda (III/a)`, `Penata Muda, III/a` → III/a:
 * a group I–IV (or 1–4) and a letter a–e with any separator, optionally with the rank's name around it.
 * Group I and II stop at d (I/e and II/e do not exist).
 */
const golonganMemo = new Map<string, Parsed<Golongan>>();

export function parseGolongan(v: CellValue | undefined): Parsed<Golongan> {
  if (isEmptyCell(v)) return null;
  if (typeof v !== 'string') return INVALID;
  let r = golonganMemo.get(v);
  if (r === undefined) {
    r = parseGolonganText(v);
    if (golonganMemo.size < 10_000) golonganMemo.set(v, r);
  }
  return r;
}

function parseGolonganText(v: string): Parsed<Golongan> {
  const s = cellText(v);
  const m = RE_GOL.exec(s);
  if (m) {
    const g = ROMAN[m[1]!.toLowerCase()]!;
    const letter = m[2]!.toLowerCase();
    const label = `${['I', 'II', 'III', 'IV'][g - 1]}/${letter}` as Golongan;
    return (GOLONGAN as readonly string[]).includes(label) ? label : INVALID;
  }
  return pangkatMap.get(key(s)) ?? INVALID;
}

/** A date in any accepted form (Excel serial, Date, dd/mm/yyyy, dd-mm-yyyy, d mmmm yyyy, ISO). */
export function parseDate(v: CellValue | undefined): Parsed<Day> {
  if (isEmptyCell(v)) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? INVALID : dateToDay(v);
  if (typeof v === 'number') return parseDateSerial(v) ?? INVALID;
  if (typeof v === 'string') return parseDateText(v) ?? INVALID;
  return INVALID;
}

/** A whole number within [min, max]; "3" and 3.0 are fine, 3.5 and "tiga" are not. */
export function parseInteger(v: CellValue | undefined, min: number, max: number): Parsed<number> {
  if (isEmptyCell(v)) return null;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const t = cellText(v).replace(/,0+$/, '').replace(/\.0+$/, '');
    if (!/^[+-]?\d+$/.test(t)) return INVALID;
    n = Number(t);
  } else return INVALID;
  if (!Number.isInteger(n) || n < min || n > max) return INVALID;
  return n;
}

/** A number that may be written with an Indonesian decimal comma or a percent sign. */
export function parseNumber(v: CellValue | undefined, min: number, max: number): Parsed<number> {
  if (isEmptyCell(v)) return null;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    let t = cellText(v).replace(/%$/, '').trim();
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, '');
    t = t.replace(',', '.');
    if (!/^[+-]?\d+(\.\d+)?$/.test(t)) return INVALID;
    n = Number(t);
  } else return INVALID;
  if (!Number.isFinite(n) || n < min || n > max) return INVALID;
  return n;
}

/** `PKA; PKP` → ['PKA', 'PKP']. `separators` is a regex class body. */
const splitters = new Map<string, RegExp>();

export function parseList(v: CellValue | undefined, separators = ';'): string[] {
  const t = cellText(v);
  if (!t || cellErrorText(v ?? null)) return [];
  let re = splitters.get(separators);
  if (!re) {
    re = new RegExp(`[${separators}\\n]`);
    splitters.set(separators, re);
  }
  return t
    .split(re)
    .map((x) => x.trim().replace(/\s+/g, ' '))
    .filter((x) => x.length > 0);
}

/** For comparing list entries (training names, unit names) the way people expect: case and spacing ignored. */
export function listKey(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}
