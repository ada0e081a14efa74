/**
 * NIP (Nomor Induk Pegawai), 18 digits: yyyymmdd birth · yyyymm TMT CPNS · gender (1/2) · serial (001–999).
 * An NIP cell that holds a number has already lost digits (Excel keeps 15 significant digits): that is
 * NIP_PRECISION, never silently "fixed".
 */
import { cellErrorText, type CellValue } from '../workbook/gateway';
import { anniversary, dayFromYmd, type Day } from './dates';

export type NipProblem =
  | { kind: 'length'; digits: number }
  | { kind: 'characters' }
  | { kind: 'birth' }
  | { kind: 'tmt' }
  | { kind: 'tmt-before-18' }
  | { kind: 'gender'; digit: string }
  | { kind: 'serial' };

export interface NipReading {
  /** The digits as they stand (spaces removed); '' when the cell is empty. */
  nip: string;
  /** The cell held a number: digits after the 15th are already lost. */
  precisionLost: boolean;
  /** Set when the NIP is not a valid 18-digit NIP (not reported where precisionLost is). */
  problem: NipProblem | null;
  /** Birth date from digits 1–8 when they are a real date. */
  birth: Day | null;
  isError: boolean;
}

export function readNip(v: CellValue | undefined): NipReading {
  if (v === null || v === undefined) return { nip: '', precisionLost: false, problem: null, birth: null, isError: false };
  if (cellErrorText(v)) return { nip: '', precisionLost: false, problem: null, birth: null, isError: true };
  if (typeof v === 'number') {
    const digits = excelDigits(v);
    return { nip: digits, precisionLost: true, problem: null, birth: birthOf(digits), isError: false };
  }
  const raw = typeof v === 'string' ? v : String(v);
  // Spaces (normal and non-breaking) people type for readability, and a leading apostrophe (Excel's
  // text prefix, or the typographic one Word and phones substitute).
  const nip = raw.replace(/[\s\u00a0]+/g, '').replace(/^['\u2018\u2019`]/, '');
  return { nip, precisionLost: false, problem: nipProblem(nip), birth: birthOf(nip), isError: false };
}

/** The digits Excel shows for a number: 15 significant digits, the rest zeros. */
function excelDigits(v: number): string {
  if (!Number.isFinite(v) || v < 0) return '';
  if (v < 1e15) return String(Math.round(v));
  const [mant, exp] = v.toExponential(14).split('e');
  const digits = mant!.replace('.', '');
  return digits.padEnd(Number(exp) + 1, '0');
}

/** Whether `s` starts with n ASCII digits (/^\d{n}/, without a regular expression: this runs several times per person). */
function leadingDigits(s: string, n: number): boolean {
  if (s.length < n) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function birthOf(nip: string): Day | null {
  if (!leadingDigits(nip, 8)) return null;
  return dayFromYmd(+nip.slice(0, 4), +nip.slice(4, 6), +nip.slice(6, 8));
}

export function nipProblem(nip: string): NipProblem | null {
  if (!/^\d*$/.test(nip)) return { kind: 'characters' };
  if (nip.length !== 18) return { kind: 'length', digits: nip.length };
  const birth = birthOf(nip);
  if (birth === null) return { kind: 'birth' };
  const ty = +nip.slice(8, 12);
  const tm = +nip.slice(12, 14);
  if (tm < 1 || tm > 12 || ty < 1900 || ty > 2200) return { kind: 'tmt' };
  // TMT CPNS is the first of its month; the person must be 18 on it (RULES.md NIP_FORMAT).
  if (dayFromYmd(ty, tm, 1)! < anniversary(birth, 18)) return { kind: 'tmt-before-18' };
  const g = nip[14]!;
  if (g !== '1' && g !== '2') return { kind: 'gender', digit: g };
  if (nip.slice(15) === '000') return { kind: 'serial' };
  return null;
}

/**
 * TMT CPNS from NIP digits 9–14 (the first day of that month), or null when they are not a real year
 * and month. Digits 9–14 survive an NIP stored as a number (only digits after the 15th are lost).
 */
export function cpnsStartOf(nip: string): Day | null {
  if (!leadingDigits(nip, 14)) return null;
  const ty = +nip.slice(8, 12);
  const tm = +nip.slice(12, 14);
  if (tm < 1 || tm > 12 || ty < 1900 || ty > 2200) return null;
  return dayFromYmd(ty, tm, 1);
}

/**
 * Whether a TMT Jabatan is possible for this NIP: not before the month of TMT CPNS (RULES.md
 * VALUE_INVALID, 2026-12-07: nobody holds a post before joining; a year typed alone, 2019, is Excel's
 * 11 July 1905). True when the NIP gives no TMT CPNS.
 */
export function positionStartPlausible(nip: string, positionStart: Day | null): boolean {
  if (positionStart === null) return true;
  const cpns = cpnsStartOf(nip);
  return cpns === null || positionStart >= cpns;
}

/** 198503122010011002 → 19850312 ****** * 002 style masking for public pages. */
export function maskNip(nip: string): string {
  if (nip.length !== 18) return nip.replace(/\d(?=\d{3})/g, '*');
  return `${nip.slice(0, 4)}**********${nip.slice(14)}`;
}
