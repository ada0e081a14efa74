/**
 * One data row of a record sheet (Pegawai, Jabatan, Usulan) with its sheet, row number and subject bound
 * once, so reading a column is one call that also reports what is wrong with its cell: `text(field)`,
 * `requiredText(field)`, `coded(field, code)`, `requiredCoded(field, code)`, `list(field)`.
 */
import type { FindingSink, RecordSheet } from '../rules/emit';
import { invalidParams, requiredParams, type Expected, type Params, type Why } from '../rules/messages';
import type { RuleId, Severity } from '../rules/types';
import {
  INVALID, cellText, isEmptyCell, parseDate, parseDiscipline, parseEducation, parseGolongan, parseInteger, parseLevel,
  parseList, parsePositionType, parsePotential, parseProposalStatus, parseReason, parseSkp, parseStatus, type Parsed,
} from '../values/parse';
import { cellErrorText, isCellError, isNoCachedValue, type CellValue } from './gateway';
import type { Rows } from './reader';

const YES = new Set(['ya', 'y', 'iya']);
const NO = new Set(['tidak', 't', 'tdk', 'bukan']);
/** Ya / Tidak (empty = Tidak); a ticked checkbox (TRUE / FALSE) reads the same. */
export function parseYesNo(v: CellValue | undefined): Parsed<boolean> {
  if (isEmptyCell(v)) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string' || cellErrorText(v)) return INVALID;
  const t = cellText(v).toLowerCase().replace(/\.$/, '');
  return YES.has(t) ? true : NO.has(t) ? false : INVALID;
}

/**
 * The coded kinds of value a column can hold: each one's parser, named by the key of the words that
 * say what a value must be (rules/messages.ts EXPECTED), so a parser and its message go together.
 */
const CODES = {
  status: parseStatus,
  rank: parseGolongan,
  date: parseDate,
  education: parseEducation,
  skp: parseSkp,
  potential: parsePotential,
  discipline: parseDiscipline,
  level15: (v: CellValue | undefined) => parseInteger(v, 1, 5),
  type: parsePositionType,
  level: parseLevel,
  class: (v: CellValue | undefined) => parseInteger(v, 1, 17),
  needed: (v: CellValue | undefined) => parseInteger(v, 0, 1_000_000),
  reason: parseReason,
  proposalStatus: parseProposalStatus,
  yesNo: parseYesNo,
} satisfies Partial<Record<Expected, (v: CellValue | undefined) => Parsed<unknown>>>;
export type Code = keyof typeof CODES;
type Value<C extends Code> = Exclude<ReturnType<(typeof CODES)[C]>, null | typeof INVALID>;

export interface ReadContext {
  sink: FindingSink;
  /** Required fields that have no column on their sheet: one HEADER_MISSING each, not one REQUIRED_MISSING per row. */
  absent: Record<RecordSheet, Set<string>>;
}

export class RecordRow {
  /** Whom the row's findings are about (the NIP, the position code, the proposal); set once it is read. */
  subject = '';
  constructor(
    private readonly ctx: ReadContext,
    private readonly rows: Rows,
    readonly sheet: RecordSheet,
    readonly row: number,
    private readonly cells: CellValue[],
  ) {}

  cell(field: string): CellValue | undefined {
    return this.rows.get(this.cells, field);
  }
  has(field: string): boolean {
    return this.rows.has(field);
  }
  /** The cell's text as it is, nothing reported ('' for a column the sheet lacks). */
  plain(field: string): string {
    return cellText(this.cell(field));
  }
  isEmpty(field: string): boolean {
    return isEmptyCell(this.cell(field));
  }
  /** A finding on one of the row's cells. */
  at(field: string, rule: RuleId, severity: Severity, params: Params = {}): void {
    this.ctx.sink.at(this.sheet, this.row, field, rule, severity, this.subject, params);
  }

  /** VALUE_INVALID on the cell: an error value in it says so, otherwise what a value must be. */
  invalid(field: string, expected: Expected): void {
    const v = this.cell(field);
    const value = isCellError(v) && v.formula ? `=${v.formula}` : cellText(v);
    const [what, facts] = errorFact(v) ?? [expected, {}];
    this.at(field, 'VALUE_INVALID', 'error', invalidParams(value, what, facts));
  }

  /** REQUIRED_MISSING on the cell, or, when the sheet has no such column, one HEADER_MISSING later. */
  missing(field: string, why?: Why, facts?: Params): void {
    if (!this.ctx.sink.layout[this.sheet].columns[field]) {
      this.ctx.absent[this.sheet].add(field);
      return;
    }
    this.at(field, 'REQUIRED_MISSING', 'error', requiredParams(why, facts));
  }

  /** A coded value: an invalid one is reported and reads as null. */
  coded<C extends Code>(field: string, code: C): Value<C> | null {
    const p = CODES[code](this.cell(field)) as Value<C> | null | typeof INVALID;
    if (p === INVALID) {
      this.invalid(field, code);
      return null;
    }
    return p;
  }
  /** A coded value every row needs: an empty cell is REQUIRED_MISSING too. */
  requiredCoded<C extends Code>(field: string, code: C): Value<C> | null {
    const p = this.coded(field, code);
    if (this.isEmpty(field)) this.missing(field);
    return p;
  }

  /** Free text; an Excel error value in it is reported and reads as ''. */
  text(field: string): string {
    if (cellErrorText(this.cell(field) ?? null)) {
      this.invalid(field, 'text');
      return '';
    }
    return this.plain(field);
  }
  /** Free text every row needs: empty is REQUIRED_MISSING (an error value is reported once, as such). */
  requiredText(field: string): string {
    const t = this.text(field);
    if (!t && !cellErrorText(this.cell(field) ?? null)) this.missing(field);
    return t;
  }

  /** A list separated by any of `separators`; an Excel error value in it is reported and reads as an empty list. */
  list(field: string, separators = ';'): string[] {
    if (cellErrorText(this.cell(field) ?? null)) {
      this.invalid(field, 'text');
      return [];
    }
    return parseList(this.cell(field), separators);
  }

  /** SIASN reference ids (docs/siasn.md): present only when filled in, as text (a number cell reads as its digits). */
  optionalIds(fields: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of fields) {
      const v = this.text(f).trim();
      if (v) out[f] = v;
    }
    return out;
  }
}

/**
 * What an error value in a cell means: a formula nobody calculated (no cached value) or an Excel error,
 * usually a formula's result. Never an empty cell (issue 14: not REQUIRED_MISSING).
 */
function errorFact(v: CellValue | undefined): [Expected, Params] | null {
  if (isNoCachedValue(v)) return ['noCachedValue', {}];
  const e = cellErrorText(v ?? null);
  return e ? ['cellError', { error: e }] : null;
}
