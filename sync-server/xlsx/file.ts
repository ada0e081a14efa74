/**
 * The product's .xlsx reader and surgical writer (shared/xlsx/) on files: reading the bytes, and turning
 * every way a file can be unreadable into one clear Indonesian / English line (UserError, exit 2).
 */
import { promises as fs } from 'node:fs';
import { XlsxDocumentGateway } from '../../shared/xlsx/gateway';
import { XlsxError, xlsxProblemMessage } from '../../shared/xlsx/package';
import { readXlsx, type ReadResult } from '../../shared/xlsx/read';
import { sheetsToRead } from '../../shared/workbook/reader';
import type { SheetData } from '../../shared/workbook/gateway';
import { UserError } from '../cli/user-error';
import { nodeInflate } from './inflate';
import { assertReadableXlsx } from './readable';

/** The file's bytes, after the checks that need only its name and first bytes (missing, folder, lock file, OLE, not a zip). */
export async function readWorkbookBytes(file: string): Promise<Uint8Array> {
  await assertReadableXlsx(file);
  return new Uint8Array(await fs.readFile(file));
}

/** An XlsxError as the user's line; other errors pass through. */
export function asUserError(e: unknown, file: string): unknown {
  if (!(e instanceof XlsxError)) return e;
  const detail = process.env.MUTASI_DEBUG ? ` (${e.detail})` : '';
  return new UserError(xlsxProblemMessage(e.problem, file, 'id') + detail, 2, xlsxProblemMessage(e.problem, file, 'en') + detail);
}

/** Reads the worksheets whose names pass `want` (every name in tab order comes back too). */
export async function readWorkbookFile(file: string, want: (name: string) => boolean): Promise<ReadResult> {
  const bytes = await readWorkbookBytes(file);
  try {
    return readXlsx(bytes, want);
  } catch (e) {
    throw asUserError(e, file);
  }
}

/** The sheets the engine reads (Pegawai, Jabatan, Usulan, Aturan under any accepted name), with every sheet name: check and import. */
export async function readKnownSheetsAndNames(file: string): Promise<{ sheets: SheetData[]; names: string[] }> {
  const read = await readWorkbookFile(file, (name) => sheetsToRead([name]).length > 0);
  const wanted = new Set(sheetsToRead(read.names));
  return { sheets: read.sheets.filter((s) => wanted.has(s.name)), names: read.names };
}

export async function readKnownSheets(file: string): Promise<SheetData[]> {
  return (await readKnownSheetsAndNames(file)).sheets;
}

/** A workbook file opened for surgical writing (propose --out). */
export async function openWorkbookFile(file: string): Promise<XlsxDocumentGateway> {
  const bytes = await readWorkbookBytes(file);
  try {
    return XlsxDocumentGateway.open(bytes, { inflate: nodeInflate });
  } catch (e) {
    throw asUserError(e, file);
  }
}

/**
 * The engine's sheets of a workbook opened with openWorkbookFile, with every sheet name. A sheet whose
 * part turns out damaged only now (the open reads the workbook part, not the sheets) gets the same clear
 * line as a damaged file, not "kesalahan tak terduga".
 */
export async function readOpenedSheets(gw: XlsxDocumentGateway, file: string): Promise<{ names: string[]; sheets: SheetData[] }> {
  try {
    const names = await gw.listSheets();
    return { names, sheets: await gw.readSheets(sheetsToRead(names)) };
  } catch (e) {
    throw asUserError(e, file);
  }
}
