/**
 * What stays on this computer only (never in the workbook): server address, token, language, and the
 * push queue. localStorage of an add-in is partitioned per host and origin, which is what "per
 * computer" means here; a co-author on another machine has their own queue, and the mutationIds in
 * the workbook keep both from recording anything twice.
 */
import type { Lang } from '../../shared/rules/types';

export interface Connection {
  server: string;
  token: string;
}

function store(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked (private mode, strict partitioning): work without persistence
  }
}

const memory = new Map<string, string>();
function get(key: string): string | null {
  const s = store();
  return s ? s.getItem(key) : (memory.get(key) ?? null);
}
function set(key: string, value: string): void {
  const s = store();
  if (s) s.setItem(key, value);
  else memory.set(key, value);
}

export function loadConnection(): Connection {
  const origin = typeof location !== 'undefined' && /^https?:/.test(location.origin) ? location.origin : '';
  return { server: get('mutasi.server') ?? origin, token: get('mutasi.token') ?? '' };
}
export function saveConnection(c: Connection): void {
  set('mutasi.server', c.server.trim().replace(/\/+$/, ''));
  set('mutasi.token', c.token.trim());
}

export function loadLang(): Lang | null {
  const v = get('mutasi.lang');
  return v === 'en' || v === 'id' ? v : null;
}
export function saveLang(lang: Lang): void {
  set('mutasi.lang', lang);
}

export interface QueuedDecision {
  mutationId: string;
  proposalId: string;
  nip: string;
  fromPositionCode: string;
  toPositionCode: string;
  reason: string;
  effectiveDate: string;
  note: string;
  mendagriApproval: string | null;
  baseVersion: number;
  /** The proposer's explanation (Hasil Pemeriksaan as `propose` wrote it), for the Surat Penjelasan. */
  explanation?: string;
}

const queueKey = (workbookId: string) => `mutasi.antrean.${workbookId}`;
export function loadQueue(workbookId: string): QueuedDecision[] {
  try {
    const v = JSON.parse(get(queueKey(workbookId)) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as QueuedDecision[]) : [];
  } catch {
    return [];
  }
}
export function saveQueue(workbookId: string, q: QueuedDecision[]): void {
  set(queueKey(workbookId), JSON.stringify(q));
}
