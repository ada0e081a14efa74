/**
 * Sending riwayat jabatan to SIASN, when configured (docs/siasn.md). NOT RUN AGAINST BKN: built on the
 * public clients' shape and tested against a local stand-in.
 *
 * Settings (the server's environment / .env): SIASN_URL (base, e.g. https://apimws.bkn.go.id:8243),
 * SIASN_WSO_TOKEN and SIASN_SSO_TOKEN — the two tokens the clients send (`Authorization: Bearer <WSO>`,
 * `Auth: bearer <SSO>`, black-coffee04/ws-siasn-php). Without all three nothing is sent and every
 * decision reads "not configured".
 *
 * Each complete payload is sent once (a decision already `sent` or `refused` is never sent again);
 * SIASN's answer is kept per decision in `siasn_pushes`. A network error, a timeout, HTTP 429 or 5xx
 * is transient: tried again later with a growing delay, up to MAX_ATTEMPTS, then `failed`. Any other
 * answer that is not a success is `refused`, with SIASN's message. Sending runs beside the server
 * (startSiasnPusher), never inside a recording: recording a decision never waits for SIASN.
 */
import type { Db } from '../db/connect';
import { buildPayloads, type Missing, type RiwayatJabatanPayload } from '../../shared/siasn/payload';
import { siasnDecisions } from './record';

export interface SiasnConfig {
  baseUrl: string;
  wsoToken: string;
  ssoToken: string;
  instansiId?: string;
}

export const SIASN_PATH = '/apisiasn/1.0/jabatan/save';
export const MAX_ATTEMPTS = 5;

/** The settings from the environment, or null when not all three are given. */
export function siasnConfigFromEnv(env: NodeJS.ProcessEnv): SiasnConfig | null {
  const baseUrl = env.SIASN_URL?.trim();
  const wsoToken = env.SIASN_WSO_TOKEN?.trim();
  const ssoToken = env.SIASN_SSO_TOKEN?.trim();
  if (!baseUrl || !wsoToken || !ssoToken) return null;
  return { baseUrl: baseUrl.replace(/\/+$/, ''), wsoToken, ssoToken, instansiId: env.SIASN_INSTANSI_ID?.trim() || undefined };
}

export type PushState = 'sent' | 'refused' | 'retrying' | 'failed';

interface PushRow {
  record_no: string;
  state: PushState;
  attempts: number;
  message: string;
  siasn_id: string | null;
  payload: string;
  next_at: string | null;
  updated_at: string;
}

export interface SendOutcome {
  recordNo: string;
  state: PushState;
  message: string;
}

/** Delay before attempt n+1 after n transient failures: 1, 2, 4, 8 … minutes. */
export const retryDelayMs = (attempts: number): number => 60_000 * 2 ** Math.max(0, attempts - 1);

/** SIASN's answer read as the clients read it: success flag, message, and the riwayat's id. */
function readAnswer(status: number, body: unknown): { ok: boolean; message: string; id: string | null } {
  const o = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const map = (o.mapData ?? o.data ?? {}) as Record<string, unknown>;
  const id = typeof map?.rwJabatanId === 'string' ? map.rwJabatanId : null;
  const message = String(o.message ?? o.Message ?? o.error ?? o.Error ?? (status >= 400 ? `HTTP ${status}` : 'OK'));
  const flag = o.success;
  const ok = status >= 200 && status < 300 && flag !== false && flag !== 'false' && !('Error' in o && 'Message' in o);
  return { ok, message, id };
}

async function sendOne(cfg: SiasnConfig, payload: RiwayatJabatanPayload, fetchImpl: typeof fetch, timeoutMs: number): Promise<{ kind: 'sent' | 'refused' | 'transient'; message: string; id: string | null }> {
  try {
    const res = await fetchImpl(cfg.baseUrl.replace(/\/+$/, '') + SIASN_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${cfg.wsoToken}`, Auth: `bearer ${cfg.ssoToken}` },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { message: text.slice(0, 300) };
    }
    if (res.status === 429 || res.status >= 500) return { kind: 'transient', message: readAnswer(res.status, body).message, id: null };
    const a = readAnswer(res.status, body);
    return { kind: a.ok ? 'sent' : 'refused', message: a.message, id: a.id };
  } catch (e) {
    return { kind: 'transient', message: `tidak tersambung ke SIASN: ${(e as Error).message}`, id: null };
  }
}

/**
 * Sends every complete payload not yet sent or refused whose retry time has come. Returns what
 * happened to each decision it tried. Decisions without a complete payload are not tried (`siasnStatus`
 * lists them with what they lack).
 */
export async function pushPending(db: Db, cfg: SiasnConfig, o: { fetch?: typeof fetch; now?: () => Date; timeoutMs?: number } = {}): Promise<SendOutcome[]> {
  const now = o.now ?? (() => new Date());
  const fetchImpl = o.fetch ?? fetch;
  const set = buildPayloads(await siasnDecisions(db), { instansiId: cfg.instansiId });
  const rows = new Map(((await db.knex('siasn_pushes').select('*')) as PushRow[]).map((r) => [r.record_no, r]));
  const out: SendOutcome[] = [];
  for (const p of set.payloads) {
    const prev = rows.get(p.recordNo);
    if (prev && (prev.state === 'sent' || prev.state === 'refused' || prev.state === 'failed')) continue;
    if (prev?.next_at && prev.next_at > now().toISOString()) continue;
    const attempts = (prev?.attempts ?? 0) + 1;
    const r = await sendOne(cfg, p.payload, fetchImpl, o.timeoutMs ?? 30_000);
    const at = now();
    const state: PushState = r.kind === 'transient' ? (attempts >= MAX_ATTEMPTS ? 'failed' : 'retrying') : r.kind;
    const row: PushRow = {
      record_no: p.recordNo, state, attempts, message: r.message, siasn_id: r.id, payload: JSON.stringify(p.payload),
      next_at: state === 'retrying' ? new Date(at.getTime() + retryDelayMs(attempts)).toISOString() : null, updated_at: at.toISOString(),
    };
    await db.knex('siasn_pushes').insert(row).onConflict('record_no').merge();
    out.push({ recordNo: p.recordNo, state, message: r.message });
  }
  return out;
}

export type StatusState = PushState | 'not_configured' | 'incomplete' | 'waiting';

export interface StatusEntry {
  recordNo: string;
  nip: string;
  name: string;
  state: StatusState;
  message: string;
  attempts: number;
  siasnId: string | null;
  missing?: Missing[];
}

/** Every recorded decision with its SIASN state: sent / refused / retrying / failed, waiting (complete, not yet tried), incomplete, or not configured. */
export async function siasnStatus(db: Db, cfg: SiasnConfig | null): Promise<{ configured: boolean; entries: StatusEntry[]; counts: Record<StatusState, number> }> {
  const set = buildPayloads(await siasnDecisions(db), { instansiId: cfg?.instansiId });
  const hasTable = await db.knex.schema.hasTable('siasn_pushes');
  const rows = new Map(hasTable ? ((await db.knex('siasn_pushes').select('*')) as PushRow[]).map((r) => [r.record_no, r]) : []);
  const entries: StatusEntry[] = [];
  for (const p of set.payloads) {
    const r = rows.get(p.recordNo);
    if (r) entries.push({ recordNo: p.recordNo, nip: p.nip, name: p.name, state: r.state, message: r.message, attempts: Number(r.attempts), siasnId: r.siasn_id });
    else entries.push({ recordNo: p.recordNo, nip: p.nip, name: p.name, state: cfg ? 'waiting' : 'not_configured', message: '', attempts: 0, siasnId: null });
  }
  for (const p of set.incomplete) {
    const r = rows.get(p.recordNo);
    if (r) entries.push({ recordNo: p.recordNo, nip: p.nip, name: p.name, state: r.state, message: r.message, attempts: Number(r.attempts), siasnId: r.siasn_id });
    else entries.push({ recordNo: p.recordNo, nip: p.nip, name: p.name, state: 'incomplete', message: '', attempts: 0, siasnId: null, missing: p.missing });
  }
  entries.sort((a, b) => a.recordNo.localeCompare(b.recordNo));
  const counts = { sent: 0, refused: 0, retrying: 0, failed: 0, not_configured: 0, incomplete: 0, waiting: 0 } as Record<StatusState, number>;
  for (const e of entries) counts[e.state]++;
  return { configured: cfg !== null, entries, counts };
}

/**
 * Beside the server: when configured, sends what is pending every `intervalMs` (default a minute), one
 * round at a time; an error is logged and the next round tries again. Never touches a recording.
 */
export function startSiasnPusher(db: Db, cfg: SiasnConfig | null, log: (line: string) => void, intervalMs = 60_000): { stop(): Promise<void> } {
  if (!cfg) return { stop: async () => undefined };
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = () => {
    if (running || stopped) return;
    running = pushPending(db, cfg)
      .then((r) => {
        const sent = r.filter((x) => x.state === 'sent').length;
        const refused = r.filter((x) => x.state === 'refused').length;
        if (r.length) log(`SIASN: ${sent} terkirim, ${refused} ditolak, ${r.length - sent - refused} dicoba lagi nanti`);
      })
      .catch((e: Error) => log(`SIASN: pengiriman gagal (${e.message}); dicoba lagi nanti`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  setTimeout(round, 1_000).unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
