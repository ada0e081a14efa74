/**
 * The slice of office.js the add-in uses, typed by hand: office.js itself is loaded from Microsoft's CDN
 * by taskpane.html (as every Office add-in does) and @types/office-js is not a dependency. Keep this to
 * what the code calls; the requirement set of each member is noted where it is above ExcelApi 1.4
 * (the manifest's minimum), and the code checks it with Office.context.requirements before use.
 */

declare namespace Excel {
  interface ClientObject {
    /** True when a *OrNullObject getter found nothing. */
    readonly isNullObject: boolean;
  }

  interface RequestContext {
    readonly workbook: Workbook;
    sync(): Promise<void>;
  }

  interface Workbook {
    readonly worksheets: WorksheetCollection;
    readonly settings: SettingCollection;
    readonly tables: TableCollection;
  }

  interface TableCollection {
    /** ExcelApi 1.4. */
    getItemOrNullObject(name: string): Table;
    /** `address` with the sheet name ("Talenta!A3:L90"). */
    add(address: string, hasHeaders: boolean): Table;
  }

  interface Table extends ClientObject {
    name: string;
    style: string;
    delete(): void;
  }

  interface WorksheetCollection {
    items: Worksheet[];
    load(props: string): WorksheetCollection;
    getItemOrNullObject(name: string): Worksheet;
    getItem(name: string): Worksheet;
    add(name: string): Worksheet;
  }

  interface Worksheet extends ClientObject {
    readonly name: string;
    visibility: 'Visible' | 'Hidden' | 'VeryHidden';
    readonly charts: ChartCollection;
    readonly tables: TableCollection;
    load(props: string): Worksheet;
    activate(): void;
    getRange(address?: string): Range;
    /** ExcelApi 1.9. */
    getRanges(address: string): RangeAreas;
    getUsedRangeOrNullObject(valuesOnly?: boolean): Range;
    /** ExcelApi 1.7. */
    readonly freezePanes: { freezeRows(count: number): void };
  }

  interface Range extends ClientObject {
    /** Set a single value to fill the whole range, or a 2-D array of its exact shape. */
    values: unknown[][];
    /** Always set as a 2-D array of the range's shape. */
    numberFormat: unknown[][];
    readonly address: string;
    readonly rowIndex: number;
    readonly columnIndex: number;
    readonly rowCount: number;
    readonly columnCount: number;
    readonly format: RangeFormat;
    load(props: string): Range;
    select(): void;
    /** Values, formats and everything else (the whole sheet with getRange()). */
    clear(applyTo?: 'All' | 'Formats' | 'Contents'): void;
  }

  interface RangeAreas {
    readonly format: RangeFormat;
  }

  interface RangeFormat {
    readonly fill: { color: string; clear(): void };
    readonly font: { bold: boolean; color: string };
    wrapText: boolean;
    horizontalAlignment: 'General' | 'Left' | 'Center' | 'Right';
    verticalAlignment: 'Top' | 'Center' | 'Bottom';
    /** In points; ExcelApi 1.2. */
    columnWidth: number;
    autofitColumns(): void;
  }

  interface SettingCollection {
    getItemOrNullObject(key: string): Setting;
    add(key: string, value: unknown): Setting;
  }

  interface Setting extends ClientObject {
    readonly value: unknown;
    load(props: string): Setting;
  }

  interface ChartCollection {
    add(type: string, source: Range, seriesBy?: 'Auto' | 'Columns' | 'Rows'): Chart;
    getItemOrNullObject(name: string): Chart;
  }

  interface Chart extends ClientObject {
    name: string;
    readonly title: { text: string };
    setPosition(startCell: string, endCell?: string): void;
    delete(): void;
  }

  interface RunOptions {
    /** ExcelApi 1.11: wait while the user is editing a cell instead of failing. */
    delayForCellEdit?: boolean;
  }

  function run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T>;
  function run<T>(options: RunOptions, batch: (context: RequestContext) => Promise<T>): Promise<T>;
}

declare namespace Office {
  interface ReadyInfo {
    host: string | null;
    platform: string | null;
  }
  function onReady(): Promise<ReadyInfo>;
  const context: {
    readonly requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    readonly displayLanguage: string;
    readonly platform?: string;
  };
}
