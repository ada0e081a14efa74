/**
 * The sync server's API as the add-in calls it (SYNC-API.md). Errors are turned into one readable
 * line; a network failure is distinguishable (`offline`) so the push queue knows to keep its items.
 */
import type { Finding } from '../../shared/rules/types';
import type { Connection, QueuedDecision } from './local';

export type PushResult =
  // approvedBy: the server's word on who approved (older servers do not send it).
  | { mutationId: string; status: 'recorded' | 'duplicate'; recordNo: string; version: number; findings: Finding[]; approvedBy?: string }
  | { mutationId: string; status: 'conflict'; reason: string; message: string; findings: Finding[] }
  | { mutationId: string; status: 'rejected'; message: string; findings: Finding[] };

export interface EmployeeRecord {
  nip: string;
  name: string;
  rank: string | null;
  positionCode: string;
  positionStart: string | null;
  version: number;
}
export interface DecisionRecord {
  recordNo: string;
  mutationId: string;
  approvedBy: string;
  nip: string;
  toPositionCode?: string;
  effectiveDate?: string;
  /** No Usulan of the row it was pushed from (any copy of the workbook). */
  proposalId?: string;
}
export type ChangeItem =
  | { version: number; kind: 'employee'; data: EmployeeRecord }
  | { version: number; kind: 'position'; data: unknown }
  | { version: number; kind: 'decision'; data: DecisionRecord };
export interface PullPage {
  cursor: number;
  more: boolean;
  reset: boolean;
  changes: ChangeItem[];
  snapshot?: { employees: EmployeeRecord[]; decisions: DecisionRecord[] };
}

/**
 * A failed call: one readable line; `offline` for a network failure or a 5xx (queues keep their entries);
 * for a 400 the server's issues, each with the path of the field, so a bad entry can be named and set aside.
 */
export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly offline = false, readonly issues: { path: string; message: string }[] | null = null) {
    super(message);
  }
}

/** Every call of the add-in to the sync server (decisions, pull, follow-ups): Bearer token, JSON. */
export async function callApi<T>(conn: Connection, path: string, init: RequestInit = {}): Promise<T> {
  if (!conn.server || !conn.token) throw new ApiError('server/token', 0);
  let res: Response;
  try {
    res = await fetch(`${conn.server}/api/v1${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${conn.token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });
  } catch (e) {
    throw new ApiError((e as Error).message, 0, true);
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string; issues?: { path: string; message: string }[] };
  if (!res.ok) {
    const first = body.issues?.[0];
    throw new ApiError(`${body.error ?? `HTTP ${res.status}`}${first ? ` (${first.path}: ${first.message})` : ''}`, res.status, res.status >= 500, body.issues ?? null);
  }
  return body as T;
}
export function pushDecisions(conn: Connection, workbookId: string, decisions: QueuedDecision[]): Promise<{ results: PushResult[] }> {
  return callApi(conn, '/decisions', { method: 'POST', body: JSON.stringify({ workbookId, decisions }) });
}

export function pullChanges(conn: Connection, cursor: number): Promise<PullPage> {
  return callApi(conn, `/changes?cursor=${cursor}&limit=1000`);
}

/** Recorded decisions whose TMT lies in [from, to] (YYYY-MM-DD), as the server lists them. */
export function listDecisions(conn: Connection, from: string, to: string): Promise<{ decisions: DecisionRecord[] }> {
  return callApi(conn, `/decisions?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
}

export function getEmployee(conn: Connection, nip: string): Promise<EmployeeRecord> {
  return callApi(conn, `/employees/${encodeURIComponent(nip)}`);
}

export type TokenCheck = 'ok' | 'unknown' | 'forbidden' | 'offline' | 'empty';

/**
 * Whether the server knows this token (Pengaturan checks it on save): the cheapest call every role may
 * make, an empty list of decisions. 401 → the server does not know it (or it was revoked); 403 → the
 * role or unit does not allow reading; no answer → offline (saved, not yet checked).
 */
export async function checkToken(conn: Connection): Promise<TokenCheck> {
  if (!conn.server.trim() || !conn.token.trim()) return 'empty';
  try {
    await listDecisions(conn, '1900-01-01', '1900-01-01');
    return 'ok';
  } catch (e) {
    if (e instanceof ApiError && !e.offline) return e.status === 401 ? 'unknown' : e.status === 403 ? 'forbidden' : 'offline';
    return 'offline';
  }
}
