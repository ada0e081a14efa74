/**
 * The audit chain vouches for the whole official record, not only its decisions (db/audit-state.ts):
 *  - tokens may expire (`expires_at`, ISO text; null: never);
 *  - a database that already holds something gets one `audit.baseline` entry with its whole state
 *    as it is now, chained after the existing entries (which stay exactly as they were, so the old
 *    chain still verifies). From here on every write carries its state, and `audit verify` replays
 *    it from this entry. An empty database needs no baseline: its state starts empty.
 */
import type { Knex } from 'knex';
import { auditHash } from '../audit-hash';
import { BASELINE_ACTION, fullState } from '../audit-state';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tokens', (t) => {
    t.string('expires_at', 30).nullable();
  });

  const state = (await knex('sync_state').where({ id: 1 }).first()) as { audit_seq: number; audit_hash: string };
  // One after the other: the migration's transaction is one connection (pg deprecates queries issued
  // on a client that is still executing one).
  const counts: number[] = [];
  for (const t of ['employees', 'positions', 'tokens', 'parameters', 'record_numbers', 'changes', 'decisions']) {
    counts.push(Number(((await knex(t).count({ n: '*' }).first()) as { n: number | string }).n));
  }
  if (Number(state.audit_seq) === 0 && counts.every((n) => n === 0)) return;

  const entry = {
    seq: Number(state.audit_seq) + 1,
    at: new Date().toISOString(),
    actor: 'migrasi 0003',
    action: BASELINE_ACTION,
    payload: JSON.stringify({ note: 'keadaan catatan resmi saat rantai audit mulai mencakup token, daftar pegawai, parameter dan penghitung', state: await fullState(knex) }),
    prevHash: String(state.audit_hash),
  };
  const hash = auditHash(entry);
  await knex('audit').insert({ seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, payload: entry.payload, prev_hash: entry.prevHash, hash });
  await knex('sync_state').where({ id: 1 }).update({ audit_seq: entry.seq, audit_hash: hash });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tokens', (t) => {
    t.dropColumn('expires_at');
  });
}
