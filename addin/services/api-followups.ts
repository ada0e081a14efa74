/**
 * The follow-up endpoints' client: the same call as services/api.ts (Bearer token, one readable line
 * per error, `offline` for a network failure or a 5xx so the queue keeps its entries), plus the
 * issues of a 400 (each with the path of the field) so a bad entry can be named and set aside.
 */
import type { Connection } from './local';

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly offline = false, readonly issues: { path: string; message: string }[] | null = null) {
    super(message);
  }
}

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
