/** Builds findings that point at cells: resolves a sheet's field to its column, header and A1 address. */
import { a1 } from '../workbook/gateway';
import { ruleMessage, type Params } from './messages';
import type { Finding, Lang, Layout, RuleId, Severity, SheetLayout } from './types';

export type RecordSheet = keyof Layout;

/** Where each sheet's findings go when the preferred field has no column of its own. */
const FALLBACK: Record<RecordSheet, string[]> = {
  pegawai: ['nip', 'name', 'positionCode'],
  jabatan: ['code', 'needed'],
  usulan: ['toCode', 'nip'],
};

export class FindingSink {
  readonly list: Finding[] = [];
  constructor(
    readonly lang: Lang,
    readonly layout: Layout,
  ) {}

  /** A finding on a record's cell. `fields` in order of preference; the sheet's key columns follow. */
  at(sheet: RecordSheet, row: number, fields: string | string[], rule: RuleId, severity: Severity, subject: string, params: Params = {}): void {
    const lay = this.layout[sheet];
    const col = pickColumn(lay, typeof fields === 'string' ? [fields] : fields, FALLBACK[sheet]);
    this.push(lay.name, row, col.col, col.header, rule, severity, subject, params);
  }

  push(sheetName: string, row: number, col: number, header: string, rule: RuleId, severity: Severity, subject: string, params: Params = {}): void {
    const p = params.header === undefined ? { ...params, header } : params;
    this.list.push({ rule, severity, sheet: sheetName, row, column: header, cell: a1(row, col), subject, message: ruleMessage(rule, p, this.lang) });
  }
}

function pickColumn(lay: SheetLayout, fields: string[], fallback: string[]): { col: number; header: string } {
  for (const f of fields) {
    const c = lay.columns[f];
    if (c) return c;
  }
  for (const f of fallback) {
    const c = lay.columns[f];
    if (c) return c;
  }
  return { col: 1, header: '' };
}
