/** The recorded transfers as the public announcement lists them: newest first, NIP masked. */
import type { Db } from '../../db/connect';
import { maskNip } from './mask';

export interface AnnouncementEntry {
  recordNo: string;
  name: string;
  nip: string;
  fromPositionCode: string;
  fromPosition: string;
  fromUnit: string;
  toPositionCode: string;
  toPosition: string;
  toUnit: string;
  effectiveDate: string;
}

export interface AnnouncementFilter {
  from?: string;
  to?: string;
  unit?: string;
}

export const ANNOUNCEMENT_LIMIT = 2000;

export async function announcementEntries(db: Db, f: AnnouncementFilter): Promise<AnnouncementEntry[]> {
  const q = db
    .read('decisions as d')
    .join('employees as e', 'e.nip', 'd.nip')
    .leftJoin('positions as pf', 'pf.code', 'd.from_code')
    .join('positions as pt', 'pt.code', 'd.to_code')
    .select(
      'd.record_no', 'd.nip', 'e.name', 'd.from_code', 'pf.name as from_name', 'pf.unit as from_unit',
      'd.to_code', 'pt.name as to_name', 'pt.unit as to_unit', 'd.effective_date',
    )
    .orderBy('d.record_no', 'desc')
    .limit(ANNOUNCEMENT_LIMIT);
  if (f.from) q.where('d.effective_date', '>=', f.from);
  if (f.to) q.where('d.effective_date', '<=', f.to);
  if (f.unit) q.where((w) => w.where('pt.unit', f.unit!).orWhere('pf.unit', f.unit!));
  const rows = (await q) as Record<string, string | null>[];
  return rows.map((r) => ({
    recordNo: r.record_no!, name: r.name!, nip: maskNip(r.nip!),
    fromPositionCode: r.from_code!, fromPosition: r.from_name ?? r.from_code!, fromUnit: r.from_unit ?? '',
    toPositionCode: r.to_code!, toPosition: r.to_name ?? r.to_code!, toUnit: r.to_unit ?? '',
    effectiveDate: r.effective_date!,
  }));
}
