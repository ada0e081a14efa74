/**
 * The document settings kept in the official record (parameters, key `documents`): the numbering
 * pattern and the server's public address that the QR codes point at.
 */
import type { Db } from '../db/connect';
import { getParameter, setParameter } from '../db/queries';
import { withWriter } from '../db/writer';

export interface DocumentSettings {
  /** e.g. `800.1.3.3/{nomor}/BKPSDM/{tahun}`; {nomor} required; {tahun}, {bulan}, {romawi} optional. */
  pattern: string;
  /** e.g. `https://mutasi.contohkab.go.id`; null = the address the request came in on (API) or https://localhost:3000 (CLI). */
  publicUrl: string | null;
}

export const DEFAULT_PATTERN = '800.1.3.3/{nomor}/BKPSDM/{tahun}';
export const DEFAULT_SETTINGS: DocumentSettings = { pattern: DEFAULT_PATTERN, publicUrl: null };

const TOKENS = new Set(['nomor', 'tahun', 'bulan', 'romawi']);

/** Null when fine, else what is wrong (Indonesian). */
export function patternProblem(pattern: string): string | null {
  if (pattern.length === 0 || pattern.length > 120) return 'pola nomor harus 1–120 karakter';
  if (!pattern.includes('{nomor}')) return 'pola nomor harus memuat {nomor}';
  for (const m of pattern.matchAll(/\{([^}]*)\}/g)) {
    if (!TOKENS.has(m[1]!)) return `pola nomor memuat {${m[1]}} yang tidak dikenal (yang dikenal: {nomor}, {tahun}, {bulan}, {romawi})`;
  }
  if (/[{}]/.test(pattern.replace(/\{(nomor|tahun|bulan|romawi)\}/g, ''))) return 'pola nomor memuat kurung kurawal yang tidak berpasangan';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(pattern)) return 'pola nomor memuat karakter kendali';
  return null;
}

export function publicUrlProblem(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'alamat server harus diawali https:// atau http://';
    if (u.search || u.hash) return 'alamat server tidak boleh memuat ? atau #';
    return null;
  } catch {
    return `alamat server "${url}" bukan URL yang sah (mis. https://mutasi.contohkab.go.id)`;
  }
}

const ROMAWI = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export function formatNumber(pattern: string, n: number, year: number, month: number): string {
  return pattern
    .replaceAll('{nomor}', String(n))
    .replaceAll('{tahun}', String(year))
    .replaceAll('{bulan}', String(month))
    .replaceAll('{romawi}', ROMAWI[month - 1]!);
}

export async function readDocumentSettings(db: Db): Promise<DocumentSettings> {
  const stored = await getParameter<Partial<DocumentSettings>>(db.read, 'documents');
  return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
}

export async function writeDocumentSettings(db: Db, change: Partial<DocumentSettings>, actor: string): Promise<DocumentSettings> {
  if (change.pattern !== undefined) {
    const p = patternProblem(change.pattern);
    if (p) throw new SettingsProblem(p);
  }
  if (change.publicUrl) {
    const p = publicUrlProblem(change.publicUrl);
    if (p) throw new SettingsProblem(p);
    change = { ...change, publicUrl: change.publicUrl.replace(/\/+$/, '') };
  }
  return withWriter(db, async (w) => {
    const now = { ...DEFAULT_SETTINGS, ...((await getParameter<Partial<DocumentSettings>>(w.trx, 'documents')) ?? {}), ...change };
    await setParameter(w.trx, 'documents', now);
    await w.audit(actor, 'document.settings', now);
    return now;
  });
}

export class SettingsProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsProblem';
  }
}
