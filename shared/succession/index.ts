/** Talenta & Suksesi (RULES.md "Succession"): the talent pool and a succession plan per key post. Browser-safe. */
import type { Lang } from '../rules/types';
import type { Day } from '../values/dates';
import type { SheetData } from '../workbook/gateway';
import { parseWorkbook, type ParseOptions, type ParsedWorkbook } from '../workbook/reader';
import { successionOf } from './plan';
import type { SuccessionResult } from './types';

export { successionOf, successionSettings, keyPostReason, type SuccessionOptions } from './plan';
export { readinessOf, competencyShortfall } from './readiness';
export { talentPool, talentPerson } from './talent';
export type * from './types';
export { READINESS_ORDER } from './types';

/** Reads the sheets and plans; `result` is null when Pegawai or Jabatan cannot be read (see parsed.sink). */
export function successionSheets(
  sheets: SheetData[],
  opts: { lang?: Lang; asOf?: Day; columnMap?: ParseOptions['columnMap']; sheetNames?: ParseOptions['sheetNames'] } = {},
): { result: SuccessionResult | null; parsed: ParsedWorkbook } {
  const parsed = parseWorkbook(sheets, { lang: opts.lang, asOf: opts.asOf, columnMap: opts.columnMap, sheetNames: opts.sheetNames });
  if (!parsed.book) return { result: null, parsed };
  return { result: successionOf(parsed.book, { lang: opts.lang }), parsed };
}
