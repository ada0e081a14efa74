/**
 * What the task pane needs from the place it runs in, beyond the shared WorkbookGateway: one transaction
 * per user action, settings shared through the workbook, selecting a cell, a native chart. Two hosts
 * implement it: Excel (office.js) and the plain browser tab working on an .xlsx (shared/xlsx).
 */
import type { WorkbookGateway } from '../../shared/workbook/gateway';
import type { SheetSpec } from '../../shared/xlsx/write';

export type HostKind = 'office' | 'browser';

export interface ChartSpec {
  sheet: string;
  /** A1 range of the table the chart plots, header row included, e.g. "A1:D21". */
  source: string;
  title: string;
  /** Where the chart goes, e.g. "G2". */
  anchor: string;
}

export interface WorkbookHost extends WorkbookGateway {
  readonly kind: HostKind;
  /** Whether upsertChart makes a native Excel chart (the browser host does not). */
  readonly nativeCharts: boolean;
  /**
   * Runs one user action. In Excel this is one Excel.run, so every gateway call inside shares one
   * request context and the whole action waits while the user is typing in a cell.
   */
  action<T>(fn: () => Promise<T>): Promise<T>;
  /** Workbook-level settings (shared with co-authors because they travel with the file). */
  readSettings(keys: string[]): Promise<Record<string, unknown>>;
  writeSettings(values: Record<string, unknown>): Promise<void>;
  /** "Buka sel": activates the sheet and selects the cell. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Replaces the add-in's chart on a sheet (hosts without charts do nothing and return false). */
  upsertChart(chart: ChartSpec): Promise<boolean>;
  /**
   * Creates, or replaces as a whole, a sheet the add-in owns (Talenta, Suksesi): values, number formats,
   * fills, widths, an Excel table, frozen rows. Never called for a sheet the add-in did not make.
   */
  putSheet(name: string, spec: SheetSpec): Promise<void>;
  /** Host round trips so far (context.sync calls in Excel; gateway calls in the browser). */
  roundTrips(): number;
}
