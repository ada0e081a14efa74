/**
 * The careful write of a new workbook file that `template`, `demo`, `propose --out`, `export` and the
 * others share: never overwrite a file someone may have worked on unless asked, and never leave half a
 * file behind. Kept apart from the template command so a command that does not build a template
 * (propose) does not load exceljs (about 0.8 s of the CLI's start-up).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { UserError } from './user-error';

/** Refuses (UserError, exit 2) a name that is not .xlsx, a folder, a missing folder, or an existing file without --force. */
export async function checkNewFile(file: string, force: boolean): Promise<void> {
  if (path.extname(file).toLowerCase() !== '.xlsx') {
    throw new UserError(`Nama berkas harus berakhiran .xlsx: ${file}`, 2, `The file name must end in .xlsx: ${file}`);
  }
  const exists = await fs.stat(file).then((s) => s, () => null);
  if (exists?.isDirectory()) throw new UserError(`${file} adalah folder, bukan berkas .xlsx`, 2, `${file} is a folder, not an .xlsx file`);
  // A missing folder is said now, not after the work (a large demo or plan takes a while).
  const folder = await fs.stat(path.dirname(path.resolve(file))).then((s) => s, () => null);
  if (!folder?.isDirectory()) throw new UserError(`Folder untuk ${file} tidak ada`, 2, `The folder for ${file} does not exist`);
  if (exists && !force) {
    throw new UserError(
      `Berkas ${file} sudah ada; tidak ditimpa. Pakai nama lain, atau tambahkan --force untuk menimpanya.`,
      2,
      `${file} already exists; it is not overwritten. Use another name, or add --force to overwrite it.`,
    );
  }
}

/**
 * Writes a new workbook to `file` through a temporary file in the same folder, then renames it into
 * place. `wb` is a workbook, or a function that writes one to the path it is given.
 */
export async function saveNewWorkbook(wb: ExcelJS.Workbook | ((path: string) => Promise<void>), file: string, force: boolean): Promise<void> {
  await checkNewFile(file, force);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    if (typeof wb === 'function') await wb(tmp);
    else await wb.xlsx.writeFile(tmp);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`Folder untuk ${file} tidak ada`, 2, `The folder for ${file} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`Tidak dapat menulis ${file} (izin ditolak)`, 2, `Cannot write ${file} (permission denied)`);
    throw new UserError(`Tidak dapat menulis ${file}: ${(e as Error).message}`, 2, `Cannot write ${file}: ${(e as Error).message}`);
  }
}
