/**
 * Sheet `Aturan`: two columns, Aturan and Nilai. Absent rows take the defaults of RULES.md; a value
 * that cannot be read is VALUE_INVALID on its Nilai cell and the default stands.
 */
import { defaultSettings, type Settings, type Weights } from '../model';
import type { FindingSink } from '../rules/emit';
import { today, type Day, isoDate } from '../values/dates';
import { INVALID, cellText, isEmptyCell, parseDate, parseNumber } from '../values/parse';
import type { CellValue } from './gateway';
import type { Rows } from './reader';

/** Keys compared without case, spaces or punctuation: "JPM Minimal (%)" = "jpm minimal". */
const k = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

type NumKey = 'tenureMinMonths' | 'tenureMaxMonths' | 'retirementNearMonths' | 'jpmMin' | 'jpmOk';
const NUMERIC: Record<string, { key: NumKey; min: number; max: number; integer: boolean }> = {
  [k('Masa Jabatan Minimal (bulan)')]: { key: 'tenureMinMonths', min: 0, max: 600, integer: true },
  [k('Masa Jabatan Maksimal (bulan)')]: { key: 'tenureMaxMonths', min: 0, max: 600, integer: true },
  [k('Batas Dekat Pensiun (bulan)')]: { key: 'retirementNearMonths', min: 0, max: 600, integer: true },
  [k('JPM Minimal (%)')]: { key: 'jpmMin', min: 0, max: 100, integer: false },
  [k('JPM Memenuhi Syarat (%)')]: { key: 'jpmOk', min: 0, max: 100, integer: false },
};
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
} as const;

export function readSettings(rows: Rows, sink: FindingSink, asOfOverride?: Day): Settings {
  const s = defaultSettings(asOfOverride ?? today());
  let asOfSet = asOfOverride !== undefined;
  let pendingFrom: { day: Day; row: number } | null = null;
  const sheetName = rows.layout.name;
  const valueCol = rows.layout.columns.value!;
  const bad = (row: number, v: CellValue | undefined, key: string, expected: [string, string]) =>
    sink.push(sheetName, row, valueCol.col, valueCol.header, 'VALUE_INVALID', 'error', key, {
      header: `${valueCol.header} (${key})`, value: cellText(v), expected: expected[0], expectedEn: expected[1],
    });

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
        bad(row, v, name, num.integer ? [`harus bilangan bulat ${num.min}–${num.max}`, `must be a whole number ${num.min}–${num.max}`] : [`harus angka ${num.min}–${num.max}`, `must be a number ${num.min}–${num.max}`]);
      } else s[num.key] = p;
    } else if (weight) {
      const p = parseNumber(v, 0, 1000);
      if (p === INVALID || p === null) bad(row, v, name, ['harus angka 0–1000', 'must be a number 0–1000']);
      else s.weights[weight] = p;
    } else if (key === AS_OF || key === MORATORIUM_FROM || key === MORATORIUM_TO) {
      const d = parseDate(v);
      if (d === INVALID || d === null) {
        bad(row, v, name, ['harus tanggal (dd/mm/yyyy)', 'must be a date (dd/mm/yyyy)']);
        continue;
      }
      if (key === AS_OF) {
        if (!asOfSet) s.asOf = d;
        asOfSet = true;
      } else if (key === MORATORIUM_FROM) {
        pendingFrom = { day: d, row };
      } else if (!pendingFrom) {
        bad(row, v, name, ['harus didahului baris Larangan Mutasi Mulai', 'must follow a Larangan Mutasi Mulai row']);
      } else if (d < pendingFrom.day) {
        bad(row, v, name, [`tidak boleh sebelum Larangan Mutasi Mulai ${isoDate(pendingFrom.day)}`, `must not be before Larangan Mutasi Mulai ${isoDate(pendingFrom.day)}`]);
        pendingFrom = null;
      } else {
        s.moratoria.push({ from: pendingFrom.day, to: d });
        pendingFrom = null;
      }
    }
    // Other rows (notes, an agency's own parameters) are left alone.
  }
  if (pendingFrom) {
    sink.push(sheetName, pendingFrom.row, valueCol.col, valueCol.header, 'VALUE_INVALID', 'error', SETTING_NAMES.moratoriumFrom, {
      header: `${valueCol.header} (${SETTING_NAMES.moratoriumFrom})`, value: isoDate(pendingFrom.day),
      expected: 'perlu baris Larangan Mutasi Selesai sesudahnya', expectedEn: 'needs a Larangan Mutasi Selesai row after it',
    });
  }
  return s;
}
