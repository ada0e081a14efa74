/**
 * API tokens: 32 random bytes shown once, only their SHA-256 kept. A token has a role and may be
 * limited to one unit. Creating and revoking tokens are changes to the official record's access, so
 * they are audited like everything else.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './connect';
import { sha256Hex } from './hash';
import { withWriter } from './writer';
import { auditWithState } from './audit-state';

export const ROLES = ['staff', 'supervisor', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface TokenInfo {
  id: number;
  name: string;
  role: Role;
  unit: string | null;
  createdAt: string;
  revokedAt: string | null;
  /** After this moment (ISO) the token is refused; null: it does not expire. */
  expiresAt: string | null;
}

interface TokenRow {
  id: number;
  name: string;
  role: Role;
  unit: string | null;
  hash: string;
  created_at: string;
  revoked_at: string | null;
  expires_at: string | null;
}

const info = (r: TokenRow): TokenInfo => ({
  id: Number(r.id), name: r.name, role: r.role, unit: r.unit, createdAt: r.created_at, revokedAt: r.revoked_at,
  expiresAt: r.expires_at ?? null,
});

/** Expired at `now`: its expiry has passed. */
export function isExpired(t: { expiresAt: string | null }, now = new Date()): boolean {
  return t.expiresAt !== null && Date.parse(t.expiresAt) <= now.getTime();
}

/** The printable token: a prefix people recognise in a config file, then 32 bytes base64url. */
export function newTokenSecret(): string {
  return 'mts_' + randomBytes(32).toString('base64url');
}

export function tokenHash(secret: string): string {
  return sha256Hex(secret);
}

export async function createToken(
  db: Db,
  input: { name: string; role: Role; unit?: string | null; expiresAt?: string | null },
  actor = 'cli',
): Promise<{ token: string; info: TokenInfo }> {
  const secret = newTokenSecret();
  const createdAt = new Date().toISOString();
  const expiresAt = input.expiresAt ?? null;
  const row = { name: input.name, role: input.role, unit: input.unit ?? null, hash: tokenHash(secret), created_at: createdAt, ...(expiresAt ? { expires_at: expiresAt } : {}) };
  const id = await withWriter(db, async (w) => {
    const since = w.version();
    const [inserted] = await w.trx('tokens').insert(row).returning('id');
    const id = Number(typeof inserted === 'object' ? (inserted as { id: number }).id : inserted);
    await auditWithState(w, since, actor, 'token.create', { id, name: row.name, role: row.role, unit: row.unit, expiresAt });
    return id;
  });
  return { token: secret, info: { id, name: row.name, role: row.role, unit: row.unit, createdAt, revokedAt: null, expiresAt } };
}

export async function listTokens(db: Db): Promise<TokenInfo[]> {
  const rows = (await db.knex('tokens').orderBy('id')) as TokenRow[];
  return rows.map(info);
}

/**
 * Revokes a token (at once: the next request with it is refused). Revoking one already revoked changes
 * nothing and says when it was, so the administrator is not told twice that it has just happened.
 */
export async function revokeToken(
  db: Db,
  id: number,
  actor = 'cli',
): Promise<{ status: 'revoked'; name: string } | { status: 'already'; name: string; revokedAt: string } | { status: 'missing' }> {
  return withWriter(db, async (w) => {
    const row = (await w.trx('tokens').where({ id }).first()) as TokenRow | undefined;
    if (!row) return { status: 'missing' as const };
    if (row.revoked_at) return { status: 'already' as const, name: row.name, revokedAt: row.revoked_at };
    const since = w.version();
    await w.trx('tokens').where({ id }).update({ revoked_at: new Date().toISOString() });
    await auditWithState(w, since, actor, 'token.revoke', { id, name: row.name });
    return { status: 'revoked' as const, name: row.name };
  });
}

const TOKEN_BY_HASH = 'SELECT id, name, role, unit, hash, created_at, revoked_at, expires_at FROM tokens WHERE hash = ?';

/**
 * The live token for a presented secret, or null. The lookup is by hash (an index), and the stored
 * hash is then compared in constant time, so how long a refusal takes says nothing about the token.
 */
export async function authenticate(db: Db, secret: string): Promise<TokenInfo | null> {
  return authenticateHash(db, tokenHash(secret));
}

/** `authenticate` for a secret already hashed (`tokenHash`). */
export async function authenticateHash(db: Db, hash: string): Promise<TokenInfo | null> {
  // Every request runs this: one statement kept prepared (db.lookup), read on its own connection.
  const [row] = await db.lookup<TokenRow>(TOKEN_BY_HASH, [hash]);
  const expected = Buffer.from(hash, 'hex');
  const stored = Buffer.from(row?.hash ?? '0'.repeat(64), 'hex');
  const same = stored.length === expected.length && timingSafeEqual(stored, expected);
  if (!row || !same || row.revoked_at) return null;
  const t = info(row);
  return isExpired(t) ? null : t;
}
