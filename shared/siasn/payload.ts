/**
 * Riwayat jabatan payloads for SIASN (docs/siasn.md): one per recorded decision, in the shape the public
 * SIASN clients send to `jabatan/save` (and, for `jenisMutasiId` / `tmtMutasi`, to
 * `jabatan/unorjabatan/save`). Pure: the record's data in, payloads and what is missing out. A decision
 * that lacks an id or its SK is never given a half-filled payload: it is listed with what it lacks.
 *
 * Field sources (read, not copied; see docs/siasn.md for the citations):
 *  - kanekescom/laravel-siasn-simpeg-api (README, PostJabatanSaveCommand): the `jabatan/save` body —
 *    pnsId, jenisJabatan, unorId, eselonId, jabatanFungsionalId, jabatanFungsionalUmumId, nomorSk,
 *    tanggalSk, tmtJabatan, tmtPelantikan, id, instansiId, satuanKerjaId; and for
 *    `jabatan/unorjabatan/save` also jenisMutasiId, tmtMutasi, jenisPenugasanId, subJabatanId.
 *  - boejanx/emutasi (AdminController): jenisJabatan "1" struktural, "2" fungsional tertentu, "4"
 *    pelaksana / fungsional umum; dates as `d-m-Y`; jenisMutasiId "MU" for a move of position; tmtMutasi
 *    = the TMT; the unused id of the other kind left empty.
 *  - black-coffee04/ws-siasn-php (JabatanService): the endpoint path `/apisiasn/1.0/jabatan/save` and
 *    the two tokens every request carries (`Authorization: Bearer <WSO token>`, `Auth: bearer <SSO token>`).
 */
import type { PositionType } from '../domain';
import { parseDateText, ymd } from '../values/dates';

/** SIASN's jenisJabatan code. */
export type JenisJabatan = '1' | '2' | '4';

export function jenisJabatanOf(type: PositionType | null): JenisJabatan | null {
  if (type === null) return null;
  if (type === 'Fungsional') return '2';
  if (type === 'Pelaksana') return '4';
  return '1'; // JPT, Administrator, Pengawas: struktural
}

/** jenisMutasiId for a move of position, as boejanx/emutasi sends it. */
export const JENIS_MUTASI_JABATAN = 'MU';

/** What the record knows about one decision, as the payload needs it. */
export interface SiasnDecision {
  recordNo: string;
  nip: string;
  name: string;
  /** TMT Mutasi, ISO yyyy-mm-dd. */
  effectiveDate: string;
  pnsId: string | null;
  to: {
    code: string;
    name: string;
    unit: string;
    type: PositionType | null;
    unorId: string | null;
    eselonId: string | null;
    jabatanFungsionalId: string | null;
    jabatanFungsionalUmumId: string | null;
  };
  /** The SK the decision is in (documents feature), when one has been issued. */
  sk: { number: string; date: string } | null;
}

/** The body sent to SIASN. Every value is text (or null where it does not apply), as the clients type it. */
export interface RiwayatJabatanPayload {
  id: null;
  pnsId: string;
  jenisJabatan: JenisJabatan;
  unorId: string;
  eselonId: string | null;
  jabatanFungsionalId: string | null;
  jabatanFungsionalUmumId: string | null;
  nomorSk: string;
  tanggalSk: string;
  tmtJabatan: string;
  tmtPelantikan: string;
  jenisMutasiId: string;
  tmtMutasi: string;
  instansiId?: string;
  satuanKerjaId?: string;
}

export const PAYLOAD_FIELDS = [
  'pnsId', 'jenisJabatan', 'unorId', 'eselonId', 'jabatanFungsionalId', 'jabatanFungsionalUmumId',
  'nomorSk', 'tanggalSk', 'tmtJabatan', 'tmtPelantikan', 'jenisMutasiId', 'tmtMutasi', 'instansiId', 'satuanKerjaId',
] as const;

/** A missing item: the payload field and where the office fills it in. */
export interface Missing {
  field: string;
  /** Where to fill it in, in Indonesian / English. */
  where: { id: string; en: string };
}

export type PayloadOutcome =
  | { recordNo: string; nip: string; name: string; ok: true; payload: RiwayatJabatanPayload }
  | { recordNo: string; nip: string; name: string; ok: false; missing: Missing[] };

/** ISO yyyy-mm-dd (or any date text the product reads) → DD-MM-YYYY; null when it is no date. */
export function siasnDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const day = parseDateText(text);
  if (day === null) return null;
  const { y, m, d } = ymd(day);
  return `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${String(y).padStart(4, '0')}`;
}

export interface PayloadOptions {
  /** SIASN's id of the agency (instansiId / satuanKerjaId), when the office gives it. */
  instansiId?: string;
}

const clean = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

/** The payload of one decision, or what it lacks. */
export function buildPayload(d: SiasnDecision, o: PayloadOptions = {}): PayloadOutcome {
  const head = { recordNo: d.recordNo, nip: d.nip, name: d.name };
  const missing: Missing[] = [];
  const need = (field: string, id: string, en: string) => missing.push({ field, where: { id, en } });
  const pos = `Jabatan ${d.to.code}`;

  const pnsId = clean(d.pnsId);
  if (!pnsId) need('pnsId', `kolom ID PNS SIASN pada Pegawai ${d.nip}`, `column ID PNS SIASN on Pegawai ${d.nip}`);
  const jenis = jenisJabatanOf(d.to.type);
  if (!jenis) need('jenisJabatan', `kolom Jenis Jabatan pada ${pos}`, `column Jenis Jabatan on ${pos}`);
  const unorId = clean(d.to.unorId);
  if (!unorId) need('unorId', `kolom ID Unor SIASN pada ${pos}`, `column ID Unor SIASN on ${pos}`);
  const eselonId = clean(d.to.eselonId);
  const jfId = clean(d.to.jabatanFungsionalId);
  const jfuId = clean(d.to.jabatanFungsionalUmumId);
  if (jenis === '1' && !eselonId) need('eselonId', `kolom ID Eselon SIASN pada ${pos}`, `column ID Eselon SIASN on ${pos}`);
  if (jenis === '2' && !jfId) need('jabatanFungsionalId', `kolom ID Jabatan Fungsional SIASN pada ${pos}`, `column ID Jabatan Fungsional SIASN on ${pos}`);
  if (jenis === '4' && !jfuId) need('jabatanFungsionalUmumId', `kolom ID Jabatan Pelaksana SIASN pada ${pos}`, `column ID Jabatan Pelaksana SIASN on ${pos}`);
  const nomorSk = clean(d.sk?.number);
  const tanggalSk = siasnDate(d.sk?.date);
  if (!nomorSk || !tanggalSk) {
    need('nomorSk', `SK belum diterbitkan untuk ${d.recordNo} (mutasi surat sk)`, `no SK issued yet for ${d.recordNo} (mutasi surat sk)`);
    if (!tanggalSk) need('tanggalSk', `tanggal SK untuk ${d.recordNo}`, `the SK's date for ${d.recordNo}`);
  }
  const tmt = siasnDate(d.effectiveDate);
  if (!tmt) need('tmtJabatan', `TMT Mutasi keputusan ${d.recordNo}`, `TMT Mutasi of decision ${d.recordNo}`);

  if (missing.length > 0 || !pnsId || !jenis || !unorId || !nomorSk || !tanggalSk || !tmt) return { ...head, ok: false, missing };
  const payload: RiwayatJabatanPayload = {
    id: null,
    pnsId,
    jenisJabatan: jenis,
    unorId,
    // Only the id of the position's own kind; the others are null (emutasi leaves them empty).
    eselonId: jenis === '1' ? eselonId : null,
    jabatanFungsionalId: jenis === '2' ? jfId : null,
    jabatanFungsionalUmumId: jenis === '4' ? jfuId : null,
    nomorSk,
    tanggalSk,
    tmtJabatan: tmt,
    // Mutasi records no separate inauguration date: the TMT stands for it (docs/siasn.md).
    tmtPelantikan: tmt,
    jenisMutasiId: JENIS_MUTASI_JABATAN,
    tmtMutasi: tmt,
    ...(o.instansiId ? { instansiId: o.instansiId, satuanKerjaId: o.instansiId } : {}),
  };
  return { ...head, ok: true, payload };
}

export interface PayloadSet {
  payloads: Extract<PayloadOutcome, { ok: true }>[];
  incomplete: Extract<PayloadOutcome, { ok: false }>[];
}

export function buildPayloads(ds: SiasnDecision[], o: PayloadOptions = {}): PayloadSet {
  const out: PayloadSet = { payloads: [], incomplete: [] };
  for (const d of ds) {
    const r = buildPayload(d, o);
    if (r.ok) out.payloads.push(r);
    else out.incomplete.push(r);
  }
  return out;
}

/** The rows of the manual-entry sheet: a header row and one row per payload, every value as text. */
export function payloadRows(set: PayloadSet, lang: 'id' | 'en' = 'id'): string[][] {
  const head = [lang === 'en' ? 'Record no.' : 'Nomor Catatan', 'NIP', lang === 'en' ? 'Name' : 'Nama', ...PAYLOAD_FIELDS];
  const rows = set.payloads.map((p) => [
    p.recordNo, p.nip, p.name,
    ...PAYLOAD_FIELDS.map((f) => {
      const v = (p.payload as unknown as Record<string, string | null | undefined>)[f];
      return v ?? '';
    }),
  ]);
  return [head, ...rows];
}

/** The decisions without a payload, one row each with what they lack (header first), every value text. */
export function incompleteRows(set: PayloadSet, lang: 'id' | 'en' = 'id'): string[][] {
  const en = lang === 'en';
  return [
    [en ? 'Record no.' : 'Nomor Catatan', 'NIP', en ? 'Name' : 'Nama', en ? 'Missing' : 'Kurang', en ? 'Where to fill it in' : 'Tempat mengisi'],
    ...set.incomplete.map((d) => [d.recordNo, d.nip, d.name, d.missing.map((m) => m.field).join(', '), d.missing.map((m) => m.where[lang]).join('; ')]),
  ];
}
