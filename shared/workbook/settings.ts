/**
 * Sheet `Aturan`: two columns, Aturan and Nilai. Absent rows take the defaults of RULES.md; a value
 * that cannot be read is VALUE_INVALID on its Nilai cell and the default stands.
 */
import { defaultSettings, type Settings, type Weights } from '../model';
import type { FindingSink } from '../rules/emit';
import { invalidParams, type Expected, type Params } from '../rules/messages';
import { today, type Day, isoDate } from '../values/dates';
import { INVALID, cellText, isEmptyCell, parseDate, parseNumber } from '../values/parse';
import type { CellValue } from './gateway';
import type { Rows } from './reader';

/**
 * Keys compared without case, spaces, punctuation or a unit in brackets: "JPM Minimal (%)" = "jpm minimal",
 * "Masa Jabatan Minimal (bulan)" = "Masa Jabatan Minimal".
 */
const k = (s: string) => s.toLowerCase().replace(/\([^)]*\)/g, '').replace(/[^a-z0-9]+/g, '');

type NumKey = 'tenureMinMonths' | 'tenureMaxMonths' | 'retirementNearMonths' | 'jpmMin' | 'jpmOk' | 'successorCount' | 'retirementHorizonMonths' | 'spmtDays';
const NUMERIC: Record<string, { key: NumKey; min: number; max: number; integer: boolean; percent?: boolean }> = {
  [k('Masa Jabatan Minimal (bulan)')]: { key: 'tenureMinMonths', min: 0, max: 600, integer: true },
  [k('Masa Jabatan Maksimal (bulan)')]: { key: 'tenureMaxMonths', min: 0, max: 600, integer: true },
  [k('Batas Dekat Pensiun (bulan)')]: { key: 'retirementNearMonths', min: 0, max: 600, integer: true },
  [k('JPM Minimal (%)')]: { key: 'jpmMin', min: 0, max: 100, integer: false, percent: true },
  [k('JPM Memenuhi Syarat (%)')]: { key: 'jpmOk', min: 0, max: 100, integer: false, percent: true },
  [k('Jumlah Suksesor')]: { key: 'successorCount', min: 1, max: 20, integer: true },
  [k('Horizon Pensiun (bulan)')]: { key: 'retirementHorizonMonths', min: 0, max: 600, integer: true },
  [k('Batas SPMT (hari)')]: { key: 'spmtDays', min: 1, max: 365, integer: true },
};
const POST_REVIEW = k('Evaluasi Pasca Mutasi (bulan)');

/**
 * `6; 12` (or `6, 12`, or the number 6 alone) → [6, 12]: whole months 1–120, ascending, each once.
 * Returns null for anything else (a word, a fraction, an empty item such as `6;;12` is fine, `6; x` is not).
 */
export function parseMonthList(v: CellValue | undefined): number[] | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 120 ? [v] : null;
  if (typeof v !== 'string') return null;
  const items = v.split(/[;,\n]/).map((x) => x.replace(/\u00a0/g, ' ').trim()).filter((x) => x !== '');
  if (items.length === 0) return null;
  const out: number[] = [];
  for (const item of items) {
    if (!/^\d{1,3}$/.test(item)) return null;
    const n = Number(item);
    if (n < 1 || n > 120) return null;
    if (!out.includes(n)) out.push(n);
  }
  return out.sort((a, b) => a - b);
}

/**
 * `70%` typed into a cell is the number 0.7 with a percent format (the gateway sees only 0.7). A JPM
 * cut-off of 1 % or less means nothing, so such a number is read as a fraction.
 */
function percentValue(v: CellValue | undefined, p: number): number {
  return typeof v === 'number' && p > 0 && p <= 1 ? Math.round(p * 10000) / 100 : p;
}
const WEIGHTS: Record<string, keyof Weights> = {
  [k('Bobot JPM')]: 'jpm',
  [k('Bobot Kinerja')]: 'performance',
  [k('Bobot Rotasi')]: 'rotation',
  [k('Bobot Minat')]: 'preference',
  [k('Bobot Jurusan')]: 'major',
  [k('Penalti Lowongan Baru')]: 'newVacancyPenalty',
};
const AS_OF = k('Tanggal Acuan');
const MORATORIUM_FROM = k('Larangan Mutasi Mulai');
const MORATORIUM_TO = k('Larangan Mutasi Selesai');

/** Every setting's name as written in the template, with its default and meaning (for `template`). */
export const SETTING_NAMES = {
  asOf: 'Tanggal Acuan',
  tenureMinMonths: 'Masa Jabatan Minimal (bulan)',
  tenureMaxMonths: 'Masa Jabatan Maksimal (bulan)',
  retirementNearMonths: 'Batas Dekat Pensiun (bulan)',
  jpmMin: 'JPM Minimal (%)',
  jpmOk: 'JPM Memenuhi Syarat (%)',
  moratoriumFrom: 'Larangan Mutasi Mulai',
  moratoriumTo: 'Larangan Mutasi Selesai',
  weightJpm: 'Bobot JPM',
  weightPerformance: 'Bobot Kinerja',
  weightRotation: 'Bobot Rotasi',
  weightPreference: 'Bobot Minat',
  weightMajor: 'Bobot Jurusan',
  newVacancyPenalty: 'Penalti Lowongan Baru',
  successorCount: 'Jumlah Suksesor',
  retirementHorizonMonths: 'Horizon Pensiun (bulan)',
  spmtDays: 'Batas SPMT (hari)',
  postMoveReviewMonths: 'Evaluasi Pasca Mutasi (bulan)',
} as const;

export function readSettings(rows: Rows, sink: FindingSink, asOfOverride?: Day): Settings {
  const s = defaultSettings(asOfOverride ?? today());
  let asOfSet = asOfOverride !== undefined;
  let pendingFrom: { day: Day; row: number } | null = null;
  const sheetName = rows.layout.name;
  const valueCol = rows.layout.columns.value!;
  const bad = (row: number, v: CellValue | undefined, key: string, expected: Expected, facts: Params = {}) =>
    sink.push(sheetName, row, valueCol.col, valueCol.header, 'VALUE_INVALID', 'error', key, {
      header: `${valueCol.header} (${key})`, ...invalidParams(cellText(v), expected, facts),
    });

  const rowOf: Partial<Record<NumKey, { row: number; v: CellValue | undefined; name: string }>> = {};
  for (const { row, cells } of rows.dataRows()) {
    const name = cellText(rows.get(cells, 'key'));
    const v = rows.get(cells, 'value');
    const key = k(name);
    if (!key || isEmptyCell(v)) continue; // an empty Nilai means "not set"
    const num = NUMERIC[key];
    const weight = WEIGHTS[key];
    if (num) {
      const p = parseNumber(v, num.min, num.max);
      if (p === INVALID || p === null || (num.integer && !Number.isInteger(p))) {
        bad(row, v, name, num.integer ? 'wholeNumberRange' : 'numberRange', { min: num.min, max: num.max });
      } else {
        s[num.key] = num.percent ? percentValue(v, p) : p;
        rowOf[num.key] = { row, v, name };
      }
    } else if (weight) {
      const p = parseNumber(v, 0, 1000);
      if (p === INVALID || p === null) bad(row, v, name, 'numberRange', { min: 0, max: 1000 });
      else s.weights[weight] = p;
    } else if (key === POST_REVIEW) {
      const months = parseMonthList(v);
      if (months === null) bad(row, v, name, 'monthList');
      else s.postMoveReviewMonths = months;
    } else if (key === AS_OF || key === MORATORIUM_FROM || key === MORATORIUM_TO) {
      const d = parseDate(v);
      if (d === INVALID || d === null) {
        bad(row, v, name, 'settingDate');
        continue;
      }
      if (key === AS_OF) {
        if (!asOfSet) s.asOf = d;
        asOfSet = true;
      } else if (key === MORATORIUM_FROM) {
        if (pendingFrom) danglingFrom(pendingFrom);
        pendingFrom = { day: d, row };
      } else if (!pendingFrom) {
        bad(row, v, name, 'moratoriumToWithoutFrom');
      } else if (d < pendingFrom.day) {
        bad(row, v, name, 'moratoriumToBeforeFrom', { from: isoDate(pendingFrom.day) });
        pendingFrom = null;
      } else {
        s.moratoria.push({ from: pendingFrom.day, to: d });
        pendingFrom = null;
      }
    }
    // Other rows (notes, an agency's own parameters) are left alone.
  }
  if (pendingFrom) danglingFrom(pendingFrom);
  // A minimum above the "memenuhi syarat" cut-off leaves JPMs between them without any finding.
  if (s.jpmMin > s.jpmOk) {
    const at = rowOf.jpmMin ?? rowOf.jpmOk!;
    const d = defaultSettings(s.asOf);
    bad(at.row, at.v, at.name, 'jpmMinAboveOk', { jpmMin: s.jpmMin, jpmOk: s.jpmOk, usedMin: d.jpmMin, usedOk: d.jpmOk });
    s.jpmMin = d.jpmMin;
    s.jpmOk = d.jpmOk;
  }
  return s;

  function danglingFrom(from: { day: Day; row: number }): void {
    sink.push(sheetName, from.row, valueCol.col, valueCol.header, 'VALUE_INVALID', 'error', SETTING_NAMES.moratoriumFrom, {
      header: `${valueCol.header} (${SETTING_NAMES.moratoriumFrom})`, ...invalidParams(isoDate(from.day), 'moratoriumFromWithoutTo'),
    });
  }
}
