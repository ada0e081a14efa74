/**
 * Bearer tokens and roles. staff and supervisor read; approver reads and records decisions; admin
 * reads, imports rosters and verifies the audit chain. Recording is the approver's alone: the person
 * who manages access does not also sign transfers (separation of duties).
 */
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../db/connect';
import { authenticateHash, isExpired, tokenHash, type Role, type TokenInfo } from '../db/tokens';
import { HttpError } from './http-error';
import { failedAuthOf } from './security';

export const READERS: readonly Role[] = ['staff', 'supervisor', 'approver', 'admin'];
export const RECORDERS: readonly Role[] = ['approver'];
export const ADMINS: readonly Role[] = ['admin'];

const BEARER = /^Bearer\s+(\S{1,200})\s*$/i;

export function tokenOf(res: Response): TokenInfo {
  const t = res.locals.token as TokenInfo | undefined;
  if (!t) throw new Error('route without authentication');
  return t;
}

/**
 * Tokens this server has authenticated, by hash, for the push route alone (routes/api.ts): a push
 * does not read its token from the database before it joins the group writer, because the group reads
 * the token again under the writer lock, in the transaction that would record its decisions
 * (push/record.ts `TokenRefused`): revoked — by this process or another, `mutasi token revoke` or a
 * second server on the same PostgreSQL — expired or changed, it records nothing and gets 401, and it
 * leaves this cache. Only tokens that were live when read are kept; an unknown one is read every time
 * (and counted by the failed-authentication limiter). Expiry is checked at every use as well.
 */
export class TokenCache {
  static readonly MAX = 1_000;
  private readonly byHash = new Map<string, TokenInfo>();

  async authenticate(db: Db, secret: string): Promise<TokenInfo | null> {
    const hash = tokenHash(secret);
    const known = this.byHash.get(hash);
    if (known && !isExpired(known)) return known;
    if (known) this.byHash.delete(hash);
    const token = await authenticateHash(db, hash);
    if (token) {
      if (this.byHash.size >= TokenCache.MAX) this.byHash.clear();
      this.byHash.set(hash, token);
    }
    return token;
  }

  /** The token was found revoked, expired or changed: read it afresh next time. */
  forget(id: number): void {
    for (const [hash, t] of this.byHash) if (t.id === id) this.byHash.delete(hash);
  }
}

/** The answer to a token that is not (or no longer) valid. */
export function refuseToken(res: Response): HttpError {
  res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
  return new HttpError(401, { error: 'Token tidak dikenal, sudah dicabut atau sudah kedaluwarsa' });
}

/**
 * Authenticates, then allows only the given roles. `unscoped`: a unit-limited token is refused too.
 * `cache`: the push route's (`TokenCache`), whose use must be checked again where it counts.
 */
export function requireRole(db: Db, roles: readonly Role[], opts: { unscoped?: boolean; cache?: TokenCache } = {}) {
  const failures = failedAuthOf(db);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const ip = req.ip ?? req.socket.remoteAddress ?? '';
    const wait = failures.blocked(ip);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpError(429, { error: `Terlalu banyak token yang ditolak dari alamat ini; coba lagi dalam ${wait} detik` });
    }
    const m = BEARER.exec(req.headers.authorization ?? '');
    if (!m) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      // A token in the URL (?token=) is refused like none: URLs end up in logs and browser histories.
      throw new HttpError(401, { error: 'Token diperlukan: kirim header Authorization: Bearer <token> (bukan ?token= di alamat)' });
    }
    const token = opts.cache ? await opts.cache.authenticate(db, m[1]!) : await authenticateHash(db, tokenHash(m[1]!));
    if (!token) {
      failures.failed(ip);
      throw refuseToken(res);
    }
    if (!roles.includes(token.role)) {
      throw new HttpError(403, { error: `Peran ${token.role} tidak boleh melakukan ini (perlu: ${roles.join(' atau ')})` });
    }
    if (opts.unscoped && token.unit) {
      throw new HttpError(403, { error: `Token ini terbatas pada unit ${token.unit}; tindakan ini butuh token tanpa batas unit` });
    }
    res.locals.token = token;
    next();
  };
}
