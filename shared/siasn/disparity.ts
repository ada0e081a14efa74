/**
 * Cek data SIASN (docs/siasn.md): a SIASN "data utama" export compared, person by person, with the
 * office's workbook and/or the official record — unit, position, TMT Jabatan, golongan — so a
 * difference is seen before a decree is signed, not when BKN returns the move. Pure: rows in, report out.
 *
 * Field names are those the public clients store from SIASN's data utama (`nipBaru`, `nama`, `unorId`,
 * `unorNama`, `jabatanNama`, `tmtJabatan`, `golRuangAkhir`; e.g. taufiqurrohmansuwarto/rumahASN compares
 * `golRuangAkhir` with its own golongan).
 */
import type { Employee, Position } from '../model';
import { isoDate, parseDateSerial, parseDateText } from '../values/dates';
import { normalizeName } from '../workbook/schema';

/** One person as SIASN has them. Dates as ISO yyyy-mm-dd (or the text as given when it is no date). */
export interface SiasnPerson {
  /** Row (1-based, .xlsx) or index (JSON) where the person was read. */
  at: number;
  nip: string;
  nama: string;
  unorId: string;
  unorNama: string;
  jabatanNama: string;
  tmtJabatan: string;
  golRuangAkhir: string;
}

/** One person as the workbook or the record has them. */
export interface OurPerson {
  nip: string;
  name: string;
  unit: string;
  unorId: string;
  positionCode: string;
  positionName: string;
  /** ISO yyyy-mm-dd, or ''. */
  tmtJabatan: string;
  golongan: string;
}

export type Source = 'workbook' | 'record';
export type Aspect = 'unit' | 'jabatan' | 'tmtJabatan' | 'golongan';
export const ASPECTS: Aspect[] = ['unit', 'jabatan', 'tmtJabatan', 'golongan'];

export interface Difference {
  aspect: Aspect;
  source: Source;
  siasn: string;
  ours: string;
}

export interface PersonReport {
  nip: string;
  nama: string;
  /** Sources that do not have this person at all. */
  absentFrom: Source[];
  differences: Difference[];
}

export interface DisparityReport {
  sources: Source[];
  /** People in the export. */
  compared: number;
  /** People with a difference or absent from a source, in export order. */
  people: PersonReport[];
  /** Per source, people it has that the export does not. */
  notInSiasn: Record<Source, { nip: string; name: string }[]>;
  /** Export rows without a usable NIP, and NIPs given twice. */
  skipped: { at: number; reason: string }[];
  counts: Record<Aspect, number>;
}

/** The export's field names under the forms offices download them (camelCase or spaced, any case). */
const FIELD_KEYS: Record<keyof Omit<SiasnPerson, 'at'>, string[]> = {
  nip: ['nipBaru', 'NIP Baru', 'NIP'],
  nama: ['nama', 'Nama'],
  unorId: ['unorId', 'ID Unor'],
  unorNama: ['unorNama', 'Unor Nama', 'Nama Unor', 'Unit Organisasi'],
  jabatanNama: ['jabatanNama', 'Jabatan Nama', 'Nama Jabatan', 'jabatan'],
  tmtJabatan: ['tmtJabatan', 'TMT Jabatan'],
  golRuangAkhir: ['golRuangAkhir', 'Gol Ruang Akhir', 'Golongan'],
};
const KEY_OF = new Map<string, keyof Omit<SiasnPerson, 'at'>>();
for (const [field, names] of Object.entries(FIELD_KEYS)) for (const n of names) KEY_OF.set(normalizeName(n), field as keyof Omit<SiasnPerson, 'at'>);

/** The person field a header or JSON key stands for, if any. */
export function siasnFieldOf(header: string): keyof Omit<SiasnPerson, 'at'> | undefined {
  return KEY_OF.get(normalizeName(header));
}

const str = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).replace(/\u00a0/g, ' ').trim();
};

/** A date as SIASN writes it (`DD-MM-YYYY`), ISO, or an Excel date/serial → ISO; other text stays. */
export function normDate(v: unknown): string {
  if (v instanceof Date) return str(v);
  if (typeof v === 'number') {
    const d = parseDateSerial(v);
    return d === null ? String(v) : isoDate(d);
  }
  const s = str(v);
  if (!s) return '';
  const d = parseDateText(s);
  return d === null ? s : isoDate(d);
}

/** `III/a`, `III / A`, `3a`, `III/a (Penata Muda)` → `III/a`; other text as given. */
export function normGolongan(v: unknown): string {
  const s = str(v);
  const m = /^\s*(IV|III|II|I|[1-4])\s*[/\-.]?\s*([a-eA-E])\b/.exec(s);
  if (!m) return s;
  const roman = { '1': 'I', '2': 'II', '3': 'III', '4': 'IV' }[m[1]!] ?? m[1]!.toUpperCase();
  return `${roman}/${m[2]!.toLowerCase()}`;
}

/** Names compared without case, spaces or punctuation: "DINAS  Kesehatan" = "Dinas Kesehatan". */
const same = (a: string, b: string) => a.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') === b.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Export records (JSON objects or sheet rows keyed by header) → people; rows without a NIP are skipped. */
export function siasnPeople(records: Record<string, unknown>[], firstAt = 1): { people: SiasnPerson[]; skipped: { at: number; reason: string }[] } {
  const people: SiasnPerson[] = [];
  const skipped: { at: number; reason: string }[] = [];
  const seen = new Set<string>();
  records.forEach((rec, i) => {
    const at = firstAt + i;
    const p: SiasnPerson = { at, nip: '', nama: '', unorId: '', unorNama: '', jabatanNama: '', tmtJabatan: '', golRuangAkhir: '' };
    // A field given under several names: the first non-empty (nipBaru before NIP).
    for (const [k, v] of Object.entries(rec)) {
      const f = siasnFieldOf(k);
      if (!f || p[f]) continue;
      p[f] = f === 'tmtJabatan' ? normDate(v) : f === 'golRuangAkhir' ? normGolongan(v) : str(v);
    }
    p.nip = p.nip.replace(/\s+/g, '');
    if (Object.values(rec).every((v) => str(v) === '')) return; // an empty row
    if (!/^\d{18}$/.test(p.nip)) {
      skipped.push({ at, reason: p.nip ? `NIP "${p.nip}" bukan 18 digit` : 'tanpa NIP (nipBaru)' });
      return;
    }
    if (seen.has(p.nip)) {
      skipped.push({ at, reason: `NIP ${p.nip} sudah ada di baris sebelumnya` });
      return;
    }
    seen.add(p.nip);
    people.push(p);
  });
  return { people, skipped };
}

/** Our view of people from the engine's model (workbook) or the record (same shapes after conversion). */
export function ourPeople(employees: Employee[], positions: Position[]): Map<string, OurPerson> {
  const byCode = new Map(positions.map((p) => [p.code, p]));
  const out = new Map<string, OurPerson>();
  for (const e of employees) {
    const p = byCode.get(e.positionCode);
    out.set(e.nip, {
      nip: e.nip, name: e.name, unit: p?.unit ?? e.unit ?? '', unorId: p?.unorId ?? '', positionCode: e.positionCode,
      positionName: p?.name ?? '', tmtJabatan: e.positionStart === null ? '' : isoDate(e.positionStart), golongan: e.rank ?? '',
    });
  }
  return out;
}

/** The report: per SIASN person, each aspect where a given source differs. An aspect empty on either side is not compared. */
export function compareWithSiasn(siasn: SiasnPerson[], sources: Partial<Record<Source, Map<string, OurPerson>>>, skipped: { at: number; reason: string }[] = []): DisparityReport {
  const used = (['workbook', 'record'] as Source[]).filter((s) => sources[s]);
  const counts: Record<Aspect, number> = { unit: 0, jabatan: 0, tmtJabatan: 0, golongan: 0 };
  const people: PersonReport[] = [];
  for (const s of siasn) {
    const r: PersonReport = { nip: s.nip, nama: s.nama, absentFrom: [], differences: [] };
    for (const src of used) {
      const o = sources[src]!.get(s.nip);
      if (!o) {
        r.absentFrom.push(src);
        continue;
      }
      const diff = (aspect: Aspect, siasnV: string, ours: string, eq: (a: string, b: string) => boolean) => {
        if (!siasnV || !ours || eq(siasnV, ours)) return;
        r.differences.push({ aspect, source: src, siasn: siasnV, ours });
        counts[aspect]++;
      };
      // Unit: by SIASN's unor id when both sides know it, else by name.
      if (s.unorId && o.unorId) diff('unit', `${s.unorNama || s.unorId} [${s.unorId}]`, `${o.unit} [${o.unorId}]`, () => s.unorId === o.unorId);
      else diff('unit', s.unorNama, o.unit, same);
      diff('jabatan', s.jabatanNama, o.positionName, same);
      diff('tmtJabatan', s.tmtJabatan, o.tmtJabatan, (a, b) => a === b);
      diff('golongan', s.golRuangAkhir, normGolongan(o.golongan), (a, b) => a === b);
    }
    if (r.absentFrom.length || r.differences.length) people.push(r);
  }
  const inExport = new Set(siasn.map((s) => s.nip));
  const notInSiasn = { workbook: [], record: [] } as Record<Source, { nip: string; name: string }[]>;
  for (const src of used) for (const o of sources[src]!.values()) if (!inExport.has(o.nip)) notInSiasn[src].push({ nip: o.nip, name: o.name });
  return { sources: used, compared: siasn.length, people, notInSiasn, skipped, counts };
}

const ASPECT_NAME: Record<Aspect, { id: string; en: string }> = {
  unit: { id: 'Unit', en: 'Unit' },
  jabatan: { id: 'Jabatan', en: 'Position' },
  tmtJabatan: { id: 'TMT Jabatan', en: 'TMT Jabatan' },
  golongan: { id: 'Golongan', en: 'Golongan' },
};
const SOURCE_NAME: Record<Source, { id: string; en: string }> = {
  workbook: { id: 'buku kerja', en: 'workbook' },
  record: { id: 'catatan resmi', en: 'official record' },
};
export const aspectName = (a: Aspect, lang: 'id' | 'en') => ASPECT_NAME[a][lang];
export const sourceName = (s: Source, lang: 'id' | 'en') => SOURCE_NAME[s][lang];

/** The report as sheet rows (header first), one row per difference or absence; every value text. */
export function disparityRows(r: DisparityReport, lang: 'id' | 'en' = 'id'): string[][] {
  const en = lang === 'en';
  const rows: string[][] = [[
    'NIP', en ? 'Name (SIASN)' : 'Nama (SIASN)', en ? 'Aspect' : 'Aspek', en ? 'Source' : 'Sumber', 'SIASN', en ? 'Ours' : 'Data kami',
  ]];
  for (const p of r.people) {
    for (const src of p.absentFrom) rows.push([p.nip, p.nama, en ? 'Not found' : 'Tidak ditemukan', sourceName(src, lang), en ? 'present' : 'ada', en ? 'absent' : 'tidak ada']);
    for (const d of p.differences) rows.push([p.nip, p.nama, aspectName(d.aspect, lang), sourceName(d.source, lang), d.siasn, d.ours]);
  }
  for (const src of r.sources) {
    for (const o of r.notInSiasn[src]) rows.push([o.nip, o.name, en ? 'Not in SIASN export' : 'Tidak ada di unduhan SIASN', sourceName(src, lang), en ? 'absent' : 'tidak ada', en ? 'present' : 'ada']);
  }
  return rows;
}
