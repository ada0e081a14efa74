/**
 * Appends proposed moves to sheet Usulan as Draf rows, below the last used row, through the workbook
 * gateway (so the same code serves an .xlsx file and, later, Office.js). Existing cells are never
 * changed: only new rows are written, plus — when the sheet lacks one of the columns the tool fills —
 * that column's header in an empty cell right of the used range. A missing Usulan sheet is created
 * with the canonical headers (WORKBOOK.md).
 *
 * Formats (ADDIN.md "Real Excel behaviour"): NIP as Text (`@`, set before the value), TMT Mutasi a
 * real date shown dd/mm/yyyy, Skor JPM a real number shown as a percentage (the add-in's format).
 */
import { newProposalIds } from '../proposer/ids';
import type { SheetLayout } from '../rules/types';
import { dayToDate, type Day } from '../values/dates';
import type { CellValue, SheetData, ValueWrite, WorkbookGateway } from './gateway';
import { canonicalSheetLayout } from './layout';
import { USULAN, canonicalHeaders, headerOf } from './schema';

export interface ProposalRow {
  nip: string;
  toCode: string;
  reason: string;
  date: Day;
  jpm: number | null;
  /** Hasil Pemeriksaan: the score and its parts, and the warnings. */
  explanation: string;
}

export interface UsulanTarget {
  /** The sheet as read, or null when the workbook has no Usulan sheet (it is created). */
  sheet: SheetData | null;
  /** Its located header layout (null with sheet null). */
  layout: SheetLayout | null;
  /** Every No Usulan already in the sheet (the reader's, including generated ones). */
  existingIds: string[];
}

export interface WrittenRows {
  sheet: string;
  firstRow: number;
  lastRow: number;
  ids: string[];
  /** Headers the sheet lacked and that were added at its right end. */
  addedHeaders: string[];
}

export const NIP_FORMAT = '@';
export const DATE_FORMAT = 'dd/mm/yyyy';
export const JPM_FORMAT = '0.00%';

/** Fields the proposer writes, in the order their cells are filled. */
const FIELDS = ['id', 'nip', 'toCode', 'reason', 'effectiveDate', 'status', 'fit', 'result'] as const;
type Field = (typeof FIELDS)[number];

export async function writeProposals(gw: WorkbookGateway, target: UsulanTarget, rows: ProposalRow[]): Promise<WrittenRows> {
  let name: string;
  let layout: SheetLayout;
  let lastUsedRow: number;
  let lastUsedCol: number;
  if (target.sheet && target.layout) {
    name = target.sheet.name;
    layout = target.layout;
    ({ lastUsedRow, lastUsedCol } = usedExtent(target.sheet));
  } else {
    name = USULAN.name;
    await gw.ensureSheet(name, canonicalHeaders(USULAN));
    layout = canonicalSheetLayout(USULAN);
    lastUsedRow = 1;
    lastUsedCol = USULAN.fields.length;
  }

  const writes: ValueWrite[] = [];
  const cols = {} as Record<Field, number>;
  const addedHeaders: string[] = [];
  for (const f of FIELDS) {
    const c = layout.columns[f];
    if (c) cols[f] = c.col;
    else {
      cols[f] = ++lastUsedCol;
      const header = headerOf(USULAN, f);
      addedHeaders.push(header);
      writes.push({ sheet: name, row: layout.headerRow, col: cols[f], values: [[header]] });
    }
  }

  const firstRow = Math.max(lastUsedRow, layout.headerRow) + 1;
  const ids = newProposalIds(target.existingIds, rows.length);
  if (rows.length > 0) {
    const column = (f: Field, values: CellValue[], numberFormat?: string) => {
      writes.push({ sheet: name, row: firstRow, col: cols[f], values: values.map((v) => [v]), ...(numberFormat ? { numberFormat } : {}) });
    };
    column('id', ids, NIP_FORMAT);
    column('nip', rows.map((r) => r.nip), NIP_FORMAT);
    column('toCode', rows.map((r) => r.toCode));
    column('reason', rows.map((r) => r.reason));
    column('effectiveDate', rows.map((r) => dayToDate(r.date)), DATE_FORMAT);
    column('status', rows.map(() => 'Draf'));
    column('fit', rows.map((r) => (r.jpm === null ? null : Math.round(r.jpm * 100) / 10000)), JPM_FORMAT);
    column('result', rows.map((r) => r.explanation));
  }
  await gw.writeValues(writes);
  return { sheet: name, firstRow, lastRow: firstRow + rows.length - 1, ids, addedHeaders };
}

/** The last worksheet row and column holding a value (formatting alone does not count). */
function usedExtent(s: SheetData): { lastUsedRow: number; lastUsedCol: number } {
  let lastUsedRow = 0;
  let lastUsedCol = 0;
  s.values.forEach((cells, r) => {
    for (let c = cells.length - 1; c >= 0; c--) {
      const v = cells[c];
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
      lastUsedRow = s.startRow + r;
      lastUsedCol = Math.max(lastUsedCol, s.startCol + c);
      break;
    }
  });
  return { lastUsedRow, lastUsedCol };
}
