/**
 * SIASN state of the workbook's recorded rows (Sinkron, docs/siasn.md): the Usulan rows that are
 * Tercatat with a Nomor Catatan are asked of GET /api/v1/siasn/status through the add-in's one API client,
 * and each answer is put in words — Indonesian first, English by the switch.
 */
import type { Lang } from '../../shared/rules/types';
import type { WorkbookHost } from '../host/types';
import { ApiError, callApi } from './api';
import { recordedNumbers } from './documents';
import type { Connection } from './local';

export type SiasnState = 'sent' | 'refused' | 'retrying' | 'failed' | 'waiting' | 'incomplete' | 'not_configured';

export interface SiasnEntry {
  recordNo: string;
  nip: string;
  name: string;
  unit: string;
  state: SiasnState;
  message: string;
  attempts: number;
  siasnId: string | null;
  updatedAt: string | null;
  nextAttemptAt: string | null;
  missing?: { field: string; where: { id: string; en: string } }[];
}

export interface SiasnStatus {
  configured: boolean;
  problem: string | null;
  counts: Record<SiasnState, number>;
  entries: SiasnEntry[];
}

export const SIASN_STATES: readonly SiasnState[] = ['sent', 'refused', 'retrying', 'failed', 'waiting', 'incomplete', 'not_configured'];
/** Record numbers per request: the query stays well under any proxy's URL limit. */
const CHUNK = 200;

/** The state of these record numbers (any number of them; asked in chunks). */
export async function loadSiasnStatus(conn: Connection, recordNos: string[]): Promise<SiasnStatus> {
  const out: SiasnStatus = { configured: false, problem: null, counts: Object.fromEntries(SIASN_STATES.map((s) => [s, 0])) as Record<SiasnState, number>, entries: [] };
  for (let i = 0; i < Math.max(1, recordNos.length); i += CHUNK) {
    const part = recordNos.slice(i, i + CHUNK);
    if (part.length === 0) break;
    const r = await callApi<SiasnStatus>(conn, `/siasn/status?recordNos=${encodeURIComponent(part.join(','))}`);
    out.configured = r.configured;
    out.problem = r.problem;
    out.entries.push(...r.entries);
  }
  for (const e of out.entries) out.counts[e.state]++;
  return out;
}

const STATE_WORDS: Record<SiasnState, [string, string]> = {
  sent: ['Terkirim', 'Sent'],
  refused: ['Ditolak SIASN', 'Refused by SIASN'],
  retrying: ['Gagal sementara, dicoba lagi', 'Transient failure, will retry'],
  failed: ['Gagal (batas percobaan habis)', 'Failed (retries exhausted)'],
  waiting: ['Menunggu dikirim', 'Waiting to be sent'],
  incomplete: ['Data kurang', 'Incomplete'],
  not_configured: ['SIASN belum dikonfigurasi', 'SIASN not configured'],
};
export const siasnStateName = (s: SiasnState, lang: Lang): string => STATE_WORDS[s][lang === 'en' ? 1 : 0];

/** An ISO instant as Jakarta time, `dd/mm/yyyy hh:mm WIB` (no locale data needed). */
export function wib(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} WIB`;
}

export type Tone = 'ok' | 'info' | 'warning' | 'error';

export interface SiasnLine {
  recordNo: string;
  name: string;
  state: SiasnState | 'unknown';
  label: string;
  detail: string;
  tone: Tone;
}

const TONE: Record<SiasnState, Tone> = { sent: 'ok', refused: 'error', retrying: 'warning', failed: 'error', waiting: 'info', incomplete: 'warning', not_configured: 'info' };

/** One line per record number asked, in the order asked; one the server did not answer is named too. */
export function siasnLines(status: SiasnStatus, asked: string[], lang: Lang): SiasnLine[] {
  const en = lang === 'en';
  const by = new Map(status.entries.map((e) => [e.recordNo, e]));
  return asked.map((no) => {
    const e = by.get(no);
    if (!e) return { recordNo: no, name: '', state: 'unknown', label: en ? 'Not in the server\'s record (or outside this token\'s unit)' : 'Tidak ada di catatan server (atau di luar unit token ini)', detail: '', tone: 'warning' };
    const parts: string[] = [];
    if (e.state === 'sent') {
      if (e.siasnId) parts.push(`rwJabatanId ${e.siasnId}`);
      if (e.message) parts.push(`${en ? 'SIASN answered' : 'jawaban SIASN'}: ${e.message}`);
    } else if (e.state === 'refused') {
      parts.push(`${en ? 'SIASN says' : 'pesan SIASN'}: ${e.message}`);
    } else if (e.state === 'retrying') {
      if (e.nextAttemptAt) parts.push(`${en ? 'next attempt' : 'percobaan berikutnya'} ${wib(e.nextAttemptAt)}`);
      if (e.message) parts.push(e.message);
    } else if (e.state === 'failed') {
      parts.push(`${e.attempts} ${en ? 'attempts' : 'percobaan'}: ${e.message}`);
    } else if (e.state === 'incomplete') {
      parts.push(`${en ? 'missing' : 'kurang'} ${(e.missing ?? []).map((m) => `${m.field} (${m.where[lang]})`).join('; ')}`);
    }
    return { recordNo: no, name: e.name, state: e.state, label: siasnStateName(e.state, lang), detail: parts.join(' · '), tone: TONE[e.state] };
  });
}

/** The summary above the lines: counts of the states present, and why SIASN is not configured. */
export function siasnSummary(status: SiasnStatus, lang: Lang): string {
  const parts = SIASN_STATES.filter((s) => status.counts[s] > 0).map((s) => `${siasnStateName(s, lang)}: ${status.counts[s].toLocaleString(lang === 'en' ? 'en-US' : 'id-ID')}`);
  const head = status.configured ? '' : lang === 'en' ? 'SIASN is not configured on the server; nothing is sent. ' : 'SIASN belum dikonfigurasi di server; belum ada yang dikirim. ';
  return head + parts.join(' · ');
}

/** A failed call in words for this panel (a 403 is the role, not a fault). */
export function siasnErrorText(e: unknown, lang: Lang): string {
  const en = lang === 'en';
  if (e instanceof ApiError && e.status === 403) return en ? 'The SIASN status needs an approver or admin token.' : 'Status SIASN butuh token approver atau admin.';
  if (e instanceof ApiError && e.offline) return en ? `The server cannot be reached: ${e.message}` : `Server tidak dapat dihubungi: ${e.message}`;
  return (e as Error).message;
}

/** The workbook's recorded rows with their SIASN state. */
export async function workbookSiasn(host: WorkbookHost, conn: Connection, lang: Lang): Promise<{ asked: string[]; status: SiasnStatus; lines: SiasnLine[] }> {
  const asked = await recordedNumbers(host, lang);
  const status = await loadSiasnStatus(conn, asked);
  return { asked, status, lines: siasnLines(status, asked, lang) };
}
