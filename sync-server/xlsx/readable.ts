/**
 * The checks on a workbook file that need only its name and first bytes (missing, folder, empty, lock
 * file, password-protected / .xls, not a zip), as one clear Indonesian / English line. A module of its
 * own so that the product's reader (file.ts) does not load exceljs with it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../cli/user-error';

/** Fails with one clear Indonesian line when a file is missing, unreadable, password-protected or not an .xlsx. */
export async function assertReadableXlsx(file: string): Promise<void> {
  let head: Buffer;
  let length = 0;
  try {
    const fh = await fs.open(file, 'r');
    try {
      head = Buffer.alloc(8);
      length = (await fh.read(head, 0, 8, 0)).bytesRead;
    } finally {
      await fh.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`Berkas tidak ditemukan: ${file}`, 2, `File not found: ${file}`);
    if (code === 'EISDIR') throw new UserError(`${file} adalah folder, bukan berkas .xlsx`, 2, `${file} is a folder, not an .xlsx file`);
    if (code === 'EACCES') throw new UserError(`Berkas tidak dapat dibaca (izin ditolak): ${file}`, 2, `File cannot be read (permission denied): ${file}`);
    throw new UserError(`Berkas tidak dapat dibuka: ${file} (${(e as Error).message})`, 2, `File cannot be opened: ${file} (${(e as Error).message})`);
  }
  if (length === 0) throw new UserError(`${file} kosong (0 byte): bukan buku kerja; salin lagi dari sumbernya`, 2, `${file} is empty (0 bytes): not a workbook; copy it again from its source`);
  // An .xlsx is a zip (PK); an encrypted (password-protected) one is an OLE compound file (D0 CF 11 E0).
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new UserError(
      `${file} dilindungi kata sandi atau berformat .xls lama; buka di Excel, hapus kata sandinya (atau simpan sebagai .xlsx), lalu coba lagi`,
      2,
      `${file} is password-protected or in the old .xls format; open it in Excel, remove the password (or save it as .xlsx), then try again`,
    );
  }
  // "~$nominatif.xlsx": the owner (lock) file Excel keeps next to a workbook while it is open.
  const base = path.basename(file);
  if (base.startsWith('~$') && (head[0] !== 0x50 || head[1] !== 0x4b)) {
    const real = path.join(path.dirname(file), base.slice(2));
    throw new UserError(
      `${file} adalah berkas kunci sementara yang dibuat Excel selama sebuah buku kerja terbuka, bukan buku kerja; yang dimaksud mungkin ${real}`,
      2,
      `${file} is the temporary lock file Excel keeps while a workbook is open, not a workbook; you probably meant ${real}`,
    );
  }
  if (head[0] !== 0x50 || head[1] !== 0x4b) {
    throw new UserError(
      `${file} bukan buku kerja .xlsx (simpan ulang dari Excel sebagai "Excel Workbook (*.xlsx)")`,
      2,
      `${file} is not an .xlsx workbook (save it again from Excel as "Excel Workbook (*.xlsx)")`,
    );
  }
}
