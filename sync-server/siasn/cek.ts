/**
 * Cek data SIASN on files (docs/siasn.md): the SIASN data-utama export (.xlsx through the product's
 * reader, or JSON), the office's workbook and/or the official record, into shared/siasn/disparity.ts.
 */
import { promises as fs } from 'node:fs';
import type { CellValue } from '../../shared/workbook/gateway';
import { parseWorkbook } from '../../shared/workbook/reader';
import { compareWithSiasn, ourPeople, siasnFieldOf, siasnPeople, type DisparityReport, type OurPerson, type Source } from '../../shared/siasn/disparity';
import { UserError } from '../cli/user-error';
import type { Db } from '../db/connect';
import { listEmployees, listPositions } from '../db/queries';
import { employeeModel, positionModel } from '../db/records';
import { readKnownSheets, readWorkbookFile } from '../xlsx/file';

export interface ExportRows {
  records: Record<string, unknown>[];
  /** Position of the first record: its worksheet row, or 1 for the first JSON object. */
  firstAt: number;
  /** The sheet read, for .xlsx. */
  sheet?: string;
}

/** A JSON export: an array of objects, `{ data: [...] }`, or one person `{ data: {...} }` / `{...}`. */
export function jsonRecords(text: string, file: string): ExportRows {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: bukan JSON yang sah (${(e as Error).message})`, 2, `${file}: not valid JSON (${(e as Error).message})`);
  }
  const inner = v && typeof v === 'object' && !Array.isArray(v) && 'data' in v ? (v as { data: unknown }).data : v;
  const list = Array.isArray(inner) ? inner : inner && typeof inner === 'object' ? [inner] : null;
  if (!list || !list.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
    throw new UserError(`${file}: harus larik objek data utama SIASN (atau { "data": [...] })`, 2, `${file}: must be an array of SIASN data-utama objects (or { "data": [...] })`);
  }
  return { records: list as Record<string, unknown>[], firstAt: 1 };
}

/** The first sheet with a header row (within its first 20 rows) naming nipBaru / NIP and at least one other field. */
export async function xlsxRecords(file: string): Promise<ExportRows> {
  const read = await readWorkbookFile(file, () => true);
  for (const sheet of read.sheets) {
    const rows = sheet.values;
    for (let r = 0; r < Math.min(rows.length, 20); r++) {
      const header = (rows[r] ?? []).map((v) => (typeof v === 'string' ? v : ''));
      const fields = header.map((h) => (h ? siasnFieldOf(h) : undefined));
      if (!fields.includes('nip') || fields.filter(Boolean).length < 2) continue;
      const records = rows.slice(r + 1).map((row) => {
        const rec: Record<string, unknown> = {};
        header.forEach((h, c) => {
          if (h) rec[h] = (row?.[c] ?? null) as CellValue;
        });
        return rec;
      });
      return { records, firstAt: sheet.startRow + r + 1, sheet: sheet.name };
    }
  }
  throw new UserError(
    `${file}: tidak ada lembar dengan judul kolom nipBaru (atau NIP) dan field data utama SIASN lain (nama, unorNama, jabatanNama, tmtJabatan, golRuangAkhir)`,
    2,
    `${file}: no sheet with a nipBaru (or NIP) header and other SIASN data-utama fields (nama, unorNama, jabatanNama, tmtJabatan, golRuangAkhir)`,
  );
}

export async function readSiasnExport(file: string): Promise<ExportRows> {
  if (/\.json$/i.test(file)) {
    const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new UserError(`Tidak dapat membaca ${file}: ${e.code === 'ENOENT' ? 'berkas tidak ada' : e.message}`, 2, `Cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    });
    return jsonRecords(text, file);
  }
  if (/\.xlsx$/i.test(file)) return xlsxRecords(file);
  throw new UserError(`${file}: unduhan SIASN harus .xlsx atau .json`, 2, `${file}: the SIASN export must be .xlsx or .json`);
}

/** The workbook's people (Pegawai with its Jabatan), as the engine reads them. */
export async function workbookPeople(file: string): Promise<Map<string, OurPerson>> {
  const parsed = parseWorkbook(await readKnownSheets(file));
  if (!parsed.book) {
    const why = parsed.sink.list.filter((f) => f.rule === 'SHEET_MISSING' || f.rule === 'HEADER_MISSING').map((f) => f.message);
    throw new UserError(`${file}: ${why.join(' ') || 'lembar Pegawai dan Jabatan tidak dapat dibaca'}`, 2, `${file}: ${why.join(' ') || 'sheets Pegawai and Jabatan cannot be read'}`);
  }
  return ourPeople(parsed.book.employees, parsed.book.positions);
}

export async function recordPeople(db: Db): Promise<Map<string, OurPerson>> {
  const [employees, positions] = await Promise.all([listEmployees(db.knex), listPositions(db.knex)]);
  return ourPeople(employees.map((e) => employeeModel(e)), positions.map((p) => positionModel(p)));
}

export async function cekSiasn(exportFile: string, sources: Partial<Record<Source, Map<string, OurPerson>>>): Promise<DisparityReport> {
  const rows = await readSiasnExport(exportFile);
  const { people, skipped } = siasnPeople(rows.records, rows.firstAt);
  return compareWithSiasn(people, sources, skipped);
}
