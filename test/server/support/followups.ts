/** Recorded moves to follow up (pushed through the real push path), and follow-up entries. */
import { randomUUID } from 'node:crypto';
import { isoDate } from '../../../shared/values/dates';
import { todayWib } from '../../../sync-server/server/push/clock';
import type { Db } from '../../../sync-server/db/connect';
import { createToken } from '../../../sync-server/db/tokens';
import { pushDecisions } from '../../../sync-server/server/push/group-commit';
import type { DecisionInput } from '../../../sync-server/server/push/types';
import type { Agency } from './fixtures';
import { decision } from './fixtures';

const WORKBOOK = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99';

/**
 * Records one move per target position (each person from their pool into a T- post, TMT `tmt`) and
 * returns the record numbers by receiving unit.
 */
export async function recordMoves(db: Db, a: Agency, tmt: string, count: number): Promise<{ recordNo: string; nip: string; unit: string }[]> {
  const { info } = await createToken(db, { name: 'pejabat', role: 'approver', unit: null }, 'test');
  const targets = a.positions.filter((p) => p.code.startsWith('T-'));
  const out: { recordNo: string; nip: string; unit: string }[] = [];
  const versions = new Map((await db.knex('employees').select('nip', 'version')).map((r: { nip: string; version: number }) => [r.nip, Number(r.version)]));
  const inputs: DecisionInput[] = [];
  for (let i = 0; i < count; i++) {
    const e = a.employees[i]!;
    const t = targets[i % targets.length]!;
    inputs.push(decision(e.nip, e.positionCode, t.code, versions.get(e.nip)!, { effectiveDate: tmt }));
  }
  const results = await pushDecisions(db, inputs, { workbookId: WORKBOOK, token: info });
  results.forEach((r, i) => {
    if (r.status !== 'recorded') throw new Error(`move not recorded: ${JSON.stringify(r)}`);
    const to = targets[i % targets.length]!;
    out.push({ recordNo: r.recordNo, nip: inputs[i]!.nip, unit: to.unit });
  });
  return out;
}

export function spmt(recordNo: string, spmtDate: string, over: Record<string, unknown> = {}) {
  return { mutationId: randomUUID(), recordNo, kind: 'spmt', spmtDate, note: 'SPMT ditandatangani kepala unit', ...over };
}

export function review(recordNo: string, month: number, reviewDate: string, over: Record<string, unknown> = {}) {
  return {
    mutationId: randomUUID(), recordNo, kind: 'review', month, reviewDate, skp: 'Baik',
    note: 'Beradaptasi baik dengan tim baru', action: 'Tidak perlu', actionDetail: null, ...over,
  };
}

/** An ISO date `days` from today as the server counts it (WIB). */
export function daysFromToday(days: number): string {
  return isoDate(todayWib() + days);
}
