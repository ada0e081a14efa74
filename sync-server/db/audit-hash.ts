/** How one audit entry is hashed: every field, in order, chained to the previous entry's hash. */
import { sha256Hex } from './hash';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  /** JSON text exactly as stored; the hash covers these bytes. */
  payload: string;
  prevHash: string;
  hash: string;
}

export function auditHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex([e.prevHash, String(e.seq), e.at, e.actor, e.action, e.payload].join('\n'));
}
