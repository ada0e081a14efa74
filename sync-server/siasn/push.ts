/**
 * Sending riwayat jabatan to SIASN, when configured (docs/siasn.md). NOT RUN AGAINST BKN: built on the
 * public clients' shape and tested against a local stand-in.
 *
 * Settings (the server's environment / .env): SIASN_URL (base, e.g. https://apimws.bkn.go.id:8243) and
 * the two tokens the clients send (`Authorization: Bearer <WSO>`, `Auth: bearer <SSO>`,
 * black-coffee04/ws-siasn-php): each either fetched and refreshed from credentials (tokens.ts) or given
 * as a static token. Without SIASN_URL and both tokens nothing is sent and every decision reads
 * "not configured".
 *
 * Each complete payload is sent once (a decision already `sent` or `refused` is never sent again);
 * SIASN's answer is kept per decision in `siasn_pushes`. Before a payload goes out its row is claimed
 * (`claim`: a conditional write, state `sending` with a lease), so two senders at once — the server's
 * rounds and `mutasi siasn --kirim`, or two server processes on one PostgreSQL — never both send it:
 * only the one whose write took the row sends. A sender that dies between its POST and writing the
 * answer leaves the claim until the lease ends; then the payload is tried again (SIASN may then have it
 * twice — the one case the status cannot rule out; docs/siasn.md). A network error, a timeout, HTTP 429 or 5xx
 * is transient: tried again later with a growing delay, up to MAX_ATTEMPTS, then `failed`. An HTTP 401
 * is answered by fetching new tokens and trying once more; still 401 (or static tokens) is transient
 * too (the token, not the decision, was refused). Any other answer that is not a success is `refused`,
 * with SIASN's message. Sending runs beside the server (SiasnService), never inside a recording:
 * recording a decision never waits for SIASN.
 */
import type { Db } from '../db/connect';
import { buildPayloads, type Missing, type RiwayatJabatanPayload } from '../../shared/siasn/payload';
import { siasnDecisions } from './record';
import { SiasnTokens, type TokenSource } from './tokens';
import type { DecisionFilter } from '../db/queries';

export interface SiasnConfig {
  baseUrl: string;
  wso: TokenSource;
  sso: TokenSource;
  instansiId?: string;
}

export const SIASN_PATH = '/apisiasn/1.0/jabatan/save';
export const MAX_ATTEMPTS = 5;
/** Token endpoints the public clients use (kanekescom/laravel-siasn-api config/siasn-api.php, production). */
export const WSO_TOKEN_URL = 'https://apimws.bkn.go.id/oauth2/token';
export const SSO_TOKEN_URL = 'https://sso-siasn.bkn.go.id/auth/realms/public-siasn/protocol/openid-connect/token';

/** Static tokens (SIASN_WSO_TOKEN, SIASN_SSO_TOKEN), as before the token flow. */
export function staticConfig(baseUrl: string, wsoToken: string, ssoToken: string, instansiId?: string): SiasnConfig {
  return { baseUrl: baseUrl.replace(/\/+$/, ''), wso: { kind: 'static', token: wsoToken }, sso: { kind: 'static', token: ssoToken }, instansiId };
}

/**
 * The settings from the environment: `config` when SIASN_URL and both tokens (credentials or static)
 * are there; `problem` names what is missing when only part is given (the server says so at start).
 * Credentials win over a static token of the same kind (a fetched token is refreshed, a static one not).
 */
export function siasnSettingsFromEnv(env: NodeJS.ProcessEnv): { config: SiasnConfig | null; problem: string | null; problemEn: string | null } {
  const v = (k: string) => env[k]?.trim() || '';
  const baseUrl = v('SIASN_URL');
  let wso: TokenSource | null = null;
  if (v('SIASN_CONSUMER_KEY') && v('SIASN_CONSUMER_SECRET')) {
    wso = { kind: 'oauth', url: v('SIASN_WSO_TOKEN_URL') || WSO_TOKEN_URL, grant: 'client_credentials', basic: { user: v('SIASN_CONSUMER_KEY'), password: v('SIASN_CONSUMER_SECRET') }, form: {} };
  } else if (v('SIASN_WSO_TOKEN')) wso = { kind: 'static', token: v('SIASN_WSO_TOKEN') };
  let sso: TokenSource | null = null;
  const ssoUrl = v('SIASN_SSO_TOKEN_URL') || SSO_TOKEN_URL;
  if (v('SIASN_SSO_CLIENT_ID') && v('SIASN_SSO_USERNAME') && v('SIASN_SSO_PASSWORD')) {
    sso = { kind: 'oauth', url: ssoUrl, grant: 'password', form: { client_id: v('SIASN_SSO_CLIENT_ID'), username: v('SIASN_SSO_USERNAME'), password: v('SIASN_SSO_PASSWORD') } };
  } else if (v('SIASN_SSO_CLIENT_ID') && v('SIASN_SSO_CLIENT_SECRET')) {
    sso = { kind: 'oauth', url: ssoUrl, grant: 'client_credentials', form: { client_id: v('SIASN_SSO_CLIENT_ID'), client_secret: v('SIASN_SSO_CLIENT_SECRET') } };
  } else if (v('SIASN_SSO_TOKEN')) sso = { kind: 'static', token: v('SIASN_SSO_TOKEN') };
  if (baseUrl && wso && sso) return { config: { baseUrl: baseUrl.replace(/\/+$/, ''), wso, sso, instansiId: v('SIASN_INSTANSI_ID') || undefined }, problem: null, problemEn: null };
  const anySiasn = Object.keys(env).some((k) => k.startsWith('SIASN_') && env[k]?.trim());
  if (!anySiasn) return { config: null, problem: null, problemEn: null };
  const lack: [string, string][] = [];
  if (!baseUrl) lack.push(['SIASN_URL', 'SIASN_URL']);
  if (!wso) lack.push(['token WSO (SIASN_CONSUMER_KEY + SIASN_CONSUMER_SECRET, atau SIASN_WSO_TOKEN)', 'WSO token (SIASN_CONSUMER_KEY + SIASN_CONSUMER_SECRET, or SIASN_WSO_TOKEN)']);
  if (!sso) lack.push(['token SSO (SIASN_SSO_CLIENT_ID + SIASN_SSO_USERNAME + SIASN_SSO_PASSWORD, atau SIASN_SSO_TOKEN)', 'SSO token (SIASN_SSO_CLIENT_ID + SIASN_SSO_USERNAME + SIASN_SSO_PASSWORD, or SIASN_SSO_TOKEN)']);
  return {
    config: null,
    problem: `Pengaturan SIASN belum lengkap, tidak ada yang dikirim: kurang ${lack.map((l) => l[0]).join('; ')}`,
    problemEn: `SIASN settings are incomplete, nothing is sent: missing ${lack.map((l) => l[1]).join('; ')}`,
  };
}

/** The settings from the environment, or null when not complete. */
export function siasnConfigFromEnv(env: NodeJS.ProcessEnv): SiasnConfig | null {
  return siasnSettingsFromEnv(env).config;
}

export type PushState = 'sent' | 'refused' | 'retrying' | 'failed';

interface PushRow {
  record_no: string;
  /** `sending`: claimed by a sender until `next_at` (the lease); the status shows it as waiting / retrying. */
  state: PushState | 'sending';
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

async function sendOne(cfg: SiasnConfig, tokens: SiasnTokens, payload: RiwayatJabatanPayload, fetchImpl: typeof fetch, timeoutMs: number): Promise<{ kind: 'sent' | 'refused' | 'transient'; message: string; id: string | null }> {
  const post = async () => {
    const auth = await tokens.headers(); // a SiasnTokenError ends the round (pushPending)
    try {
      const res = await fetchImpl(cfg.baseUrl.replace(/\/+$/, '') + SIASN_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...auth },
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
      return { status: res.status, body };
    } catch (e) {
      return { status: 0, body: { message: `tidak tersambung ke SIASN: ${(e as Error).message}` } };
    }
  };
  let r = await post();
  // The tokens, not the decision, were refused: new tokens and once more (kanekescom RequestRetryHandler).
  if (r.status === 401 && tokens.refreshable) {
    tokens.forget();
    r = await post();
  }
  if (r.status === 0) return { kind: 'transient', message: readAnswer(0, r.body).message, id: null };
  if (r.status === 401) return { kind: 'transient', message: `SIASN menolak token (HTTP 401): ${readAnswer(r.status, r.body).message}`, id: null };
  if (r.status === 429 || r.status >= 500) return { kind: 'transient', message: readAnswer(r.status, r.body).message, id: null };
  const a = readAnswer(r.status, r.body);
  return { kind: a.ok ? 'sent' : 'refused', message: a.message, id: a.id };
}

export interface PushOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
  /** Tokens kept between rounds (SiasnService); a new set otherwise. */
  tokens?: SiasnTokens;
  /** Also those waiting for their retry time (an administrator's "send now"). */
  ignoreBackoff?: boolean;
}

/**
 * Sends every complete payload not yet sent or refused whose retry time has come. Returns what
 * happened to each decision it tried. Decisions without a complete payload are not tried (`siasnStatus`
 * lists them with what they lack). A token that cannot be had ends the round with a SiasnTokenError
 * (no decision is charged an attempt for it); what was sent before stays recorded.
 */
export async function pushPending(db: Db, cfg: SiasnConfig, o: PushOptions = {}): Promise<SendOutcome[]> {
  const now = o.now ?? (() => new Date());
  const fetchImpl = o.fetch ?? fetch;
  const tokens = o.tokens ?? new SiasnTokens({ wso: cfg.wso, sso: cfg.sso }, { fetch: fetchImpl, now });
  const set = buildPayloads(await siasnDecisions(db), { instansiId: cfg.instansiId });
  const rows = new Map(((await db.knex('siasn_pushes').select('*')) as PushRow[]).map((r) => [r.record_no, r]));
  const out: SendOutcome[] = [];
  const timeoutMs = o.timeoutMs ?? 30_000;
  for (const p of set.payloads) {
    const prev = rows.get(p.recordNo);
    if (prev && (prev.state === 'sent' || prev.state === 'refused' || prev.state === 'failed')) continue;
    if (!o.ignoreBackoff && prev?.next_at && prev.next_at > now().toISOString()) continue;
    const payload = JSON.stringify(p.payload);
    // Long enough for two POSTs and the token fetches before them (sendOne), with a minute to spare.
    const attempts = await claim(db, p.recordNo, payload, now(), 4 * timeoutMs + 60_000, o.ignoreBackoff === true);
    if (attempts === null) continue; // another sender has it, or it changed since the round began
    const r = await sendOne(cfg, tokens, p.payload, fetchImpl, timeoutMs).catch(async (e: unknown) => {
      // No answer to keep (the tokens could not be had: the round ends): the claim is given back.
      await release(db, p.recordNo, attempts - 1);
      throw e;
    });
    const at = now();
    const state: PushState = r.kind === 'transient' ? (attempts >= MAX_ATTEMPTS ? 'failed' : 'retrying') : r.kind;
    await db.knex('siasn_pushes').where({ record_no: p.recordNo }).update({
      state, attempts, message: r.message, siasn_id: r.id, payload,
      next_at: state === 'retrying' ? new Date(at.getTime() + retryDelayMs(attempts)).toISOString() : null, updated_at: at.toISOString(),
    });
    out.push({ recordNo: p.recordNo, state, message: r.message });
  }
  return out;
}

/**
 * Takes the decision's row for this sender, in one conditional write: a new row in state `sending`, or
 * a `retrying` row whose time has come (any, with `ignoreBackoff`), or a `sending` row whose lease
 * has ended, becomes `sending` until now + `leaseMs`. Returns the number of this attempt, or null
 * when the write took nothing (another sender claimed or finished it first).
 */
async function claim(db: Db, recordNo: string, payload: string, at: Date, leaseMs: number, ignoreBackoff: boolean): Promise<number | null> {
  const nowIso = at.toISOString();
  const lease = { state: 'sending', next_at: new Date(at.getTime() + leaseMs).toISOString(), updated_at: nowIso };
  const inserted = (await db.knex('siasn_pushes')
    .insert({ record_no: recordNo, attempts: 0, message: '', siasn_id: null, payload, ...lease })
    .onConflict('record_no')
    .ignore()
    .returning('record_no')) as unknown[];
  if (inserted.length === 1) return 1;
  const taken = await db.knex('siasn_pushes')
    .where({ record_no: recordNo })
    .andWhere((q) => {
      void q.where((r) => {
        void r.where({ state: 'retrying' });
        if (!ignoreBackoff) void r.andWhere((t) => void t.whereNull('next_at').orWhere('next_at', '<=', nowIso));
      }).orWhere((r) => void r.where({ state: 'sending' }).andWhere('next_at', '<=', nowIso));
    })
    .update(lease);
  if (Number(taken) !== 1) return null;
  const row = (await db.knex('siasn_pushes').where({ record_no: recordNo }).first()) as PushRow;
  return Number(row.attempts) + 1;
}

/** Gives a claim back unchanged (nothing was sent): waiting again, or retrying at once. */
async function release(db: Db, recordNo: string, attempts: number): Promise<void> {
  if (attempts === 0) await db.knex('siasn_pushes').where({ record_no: recordNo, state: 'sending' }).delete();
  else await db.knex('siasn_pushes').where({ record_no: recordNo, state: 'sending' }).update({ state: 'retrying', next_at: null });
}

export type StatusState = PushState | 'not_configured' | 'incomplete' | 'waiting';
export const STATUS_STATES: readonly StatusState[] = ['sent', 'refused', 'retrying', 'failed', 'waiting', 'incomplete', 'not_configured'];

export interface StatusEntry {
  recordNo: string;
  nip: string;
  name: string;
  /** The receiving position's unit. */
  unit: string;
  state: StatusState;
  /** SIASN's answer (sent: its message; refused: why; retrying/failed: the last failure). */
  message: string;
  attempts: number;
  /** SIASN's id of the riwayat jabatan (rwJabatanId), when sent. */
  siasnId: string | null;
  /** When the state was last written (an attempt), ISO. */
  updatedAt: string | null;
  /** retrying: when the next attempt is due, ISO. */
  nextAttemptAt: string | null;
  /** incomplete: what is missing and where to fill it in. */
  missing?: Missing[];
}

/**
 * Every recorded decision (of `filter`: dates, unit) with its SIASN state: sent / refused / retrying /
 * failed, waiting (complete, not yet tried), incomplete, or not configured.
 */
export async function siasnStatus(db: Db, cfg: SiasnConfig | null, filter: DecisionFilter & { recordNos?: string[]; read?: boolean } = {}): Promise<{ configured: boolean; entries: StatusEntry[]; counts: Record<StatusState, number> }> {
  const decisions = await siasnDecisions(db, filter);
  const units = new Map(decisions.map((d) => [d.recordNo, d.to.unit]));
  const set = buildPayloads(decisions, { instansiId: cfg?.instansiId });
  const q = filter.read ? db.read : db.knex;
  const hasTable = await q.schema.hasTable('siasn_pushes');
  const rows = new Map<string, PushRow>();
  if (hasTable) {
    const nos = decisions.map((d) => d.recordNo);
    for (let i = 0; i < nos.length; i += 500) {
      for (const r of (await q('siasn_pushes').whereIn('record_no', nos.slice(i, i + 500)).select('*')) as PushRow[]) rows.set(r.record_no, r);
    }
  }
  const entries: StatusEntry[] = [];
  const tried = (p: { recordNo: string; nip: string; name: string }, r: PushRow): StatusEntry => {
    // Being sent right now: still waiting (first attempt) or retrying (a later one) until the answer is kept.
    const state: PushState | 'waiting' = r.state === 'sending' ? (Number(r.attempts) > 0 ? 'retrying' : 'waiting') : r.state;
    return {
      recordNo: p.recordNo, nip: p.nip, name: p.name, unit: units.get(p.recordNo) ?? '', state, message: r.message, attempts: Number(r.attempts),
      siasnId: r.siasn_id, updatedAt: r.updated_at, nextAttemptAt: r.state === 'retrying' ? r.next_at : null,
    };
  };
  const untried = (p: { recordNo: string; nip: string; name: string }, state: StatusState, missing?: Missing[]): StatusEntry => ({
    recordNo: p.recordNo, nip: p.nip, name: p.name, unit: units.get(p.recordNo) ?? '', state, message: '', attempts: 0, siasnId: null,
    updatedAt: null, nextAttemptAt: null, ...(missing ? { missing } : {}),
  });
  for (const p of set.payloads) {
    const r = rows.get(p.recordNo);
    entries.push(r ? tried(p, r) : untried(p, cfg ? 'waiting' : 'not_configured'));
  }
  for (const p of set.incomplete) {
    const r = rows.get(p.recordNo);
    entries.push(r ? tried(p, r) : untried(p, 'incomplete', p.missing));
  }
  entries.sort((a, b) => a.recordNo.localeCompare(b.recordNo));
  const counts = Object.fromEntries(STATUS_STATES.map((s) => [s, 0])) as Record<StatusState, number>;
  for (const e of entries) counts[e.state]++;
  return { configured: cfg !== null, entries, counts };
}
