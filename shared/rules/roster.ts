/** Data rules across rows and sheets: duplicates, unknown codes, future dates, surplus, rotation due. */
import type { Employee, Position } from '../model';
import { isoDate, monthsBetween } from '../values/dates';
import { cpnsStartOf, positionStartPlausible } from '../values/nip';
import { invalidParams } from './messages';
import type { FindingSink } from './emit';
import type { Book } from './types';
import { positionUnknownParams } from '../workbook/positions';

export interface RosterIndex {
  /** First row of each NIP. */
  employees: Map<string, Employee>;
  positions: Map<string, Position>;
  /** Holders per position code today (each NIP counted once; rows without an NIP count too). */
  holders: Map<string, number>;
}

export function indexRoster(book: Book, sink: FindingSink | null): RosterIndex {
  const employees = new Map<string, Employee>();
  const positions = new Map<string, Position>();
  for (const p of book.positions) if (p.code && !positions.has(p.code)) positions.set(p.code, p);
  const holders = new Map<string, number>();
  for (const e of book.employees) {
    if (!e.nip) {
      // A row without an NIP (REQUIRED_MISSING) is still a person holding the seat.
      if (!book.holderCounts && e.positionCode) holders.set(e.positionCode, (holders.get(e.positionCode) ?? 0) + 1);
      continue;
    }
    const first = employees.get(e.nip);
    if (first && first.nipPrecisionLost && e.nipPrecisionLost) {
      // Both NIPs lost their last digits (NIP_PRECISION on each): not known to be one person, so no
      // NIP_DUPLICATE; the row still holds its seat.
      if (!book.holderCounts && e.positionCode) holders.set(e.positionCode, (holders.get(e.positionCode) ?? 0) + 1);
      continue;
    }
    if (first) {
      sink?.at('pegawai', e.row, 'nip', 'NIP_DUPLICATE', 'error', e.nip, { nip: e.nip, firstRow: first.row, firstName: first.name });
      continue;
    }
    employees.set(e.nip, e);
    if (!book.holderCounts && e.positionCode) holders.set(e.positionCode, (holders.get(e.positionCode) ?? 0) + 1);
  }
  if (book.holderCounts) for (const [k, v] of book.holderCounts) holders.set(k, v);
  return { employees, positions, holders };
}

export function rosterRules(book: Book, idx: RosterIndex, sink: FindingSink): void {
  const { settings } = book;
  const pegawaiSheet = book.layout.jabatan.name;
  // Moves already recorded by the sync server (Usulan rows Tercatat with a Nomor Catatan, an export's
  // Keputusan sheet): a TMT Jabatan ahead of the as-of date that one of them explains is a decision
  // recorded before it takes effect, not a mistyped date.
  const recorded = new Set<string>();
  const moveKey = (nip: string, code: string, day: number) => `${nip}|${code}|${day}`;
  for (const p of book.proposals) {
    if (p.status === 'Tercatat' && p.recordNo && p.effectiveDate !== null) recorded.add(moveKey(p.nip, p.toCode, p.effectiveDate));
  }
  for (const m of book.recordedMoves ?? []) recorded.add(moveKey(m.nip, m.toCode, m.effectiveDate));
  for (const e of book.employees) {
    if (e.positionCode && !idx.positions.has(e.positionCode)) {
      sink.at('pegawai', e.row, ['positionCode', 'positionName'], 'POSITION_UNKNOWN', 'error', e.nip, positionUnknownParams(book, e.positionCode, e.unit));
    }
    if (e.positionStart !== null && !positionStartPlausible(e.nip, e.positionStart)) {
      // Nobody holds a post before joining (RULES.md VALUE_INVALID, 2026-12-07): a year typed alone,
      // 2019, is Excel's 11 July 1905. No ROTATION_DUE of "1456 bulan" then.
      const cpns = isoDate(cpnsStartOf(e.nip)!).slice(0, 7);
      sink.at('pegawai', e.row, 'positionStart', 'VALUE_INVALID', 'error', e.nip, invalidParams(isoDate(e.positionStart), 'positionStartBeforeCpns', { cpns }));
    } else if (e.positionStart !== null) {
      if (e.positionStart > settings.asOf) {
        if (!recorded.has(moveKey(e.nip, e.positionCode, e.positionStart))) {
          sink.at('pegawai', e.row, 'positionStart', 'DATE_IN_FUTURE', 'error', e.nip, { found: isoDate(e.positionStart), asOf: isoDate(settings.asOf) });
        }
      } else {
        const months = monthsBetween(e.positionStart, settings.asOf);
        if (months > settings.tenureMaxMonths) {
          sink.at('pegawai', e.row, 'positionStart', 'ROTATION_DUE', 'info', e.nip, { months, max: settings.tenureMaxMonths });
        }
      }
    }
  }
  // A Kebutuhan the reader could not read (VALUE_INVALID, REQUIRED_MISSING on that cell) says nothing
  // about surplus: no OVER_FORMATION against the 0 it stands in for.
  const neededCol = book.layout.jabatan.columns.needed;
  const unreadNeeded = new Set<number>();
  if (neededCol) {
    for (const f of sink.list) {
      if (f.sheet === book.layout.jabatan.name && f.column === neededCol.header && (f.rule === 'VALUE_INVALID' || f.rule === 'REQUIRED_MISSING')) unreadNeeded.add(f.row);
    }
  }
  for (const p of idx.positions.values()) {
    const h = idx.holders.get(p.code) ?? 0;
    if (h > p.needed && !unreadNeeded.has(p.row)) sink.at('jabatan', p.row, 'needed', 'OVER_FORMATION', 'info', p.code, { code: p.code, holders: h, needed: p.needed, surplus: h - p.needed });
  }
}
