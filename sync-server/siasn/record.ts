/**
 * The record's side of SIASN (docs/siasn.md): each recorded decision with what its payload needs — the
 * person's ID PNS SIASN, the receiving position's ids and type, and the SK it is in (the number the
 * documents feature issued for the decision's SK, and its date), if any.
 */
import type { Db } from '../db/connect';
import type { Knex } from 'knex';
import { listDecisions, type DecisionFilter } from '../db/queries';
import { decisionFromRow, employeeFromRow, positionFromRow, type DecisionRecord, type DecisionRow, type EmployeeRow, type PositionRow } from '../db/records';
import type { SiasnDecision } from '../../shared/siasn/payload';

/** The latest SK issued for each record number (documents of kind `sk`). */
export async function skByRecord(db: Db, recordNos: string[], q: Knex = db.knex): Promise<Map<string, { number: string; date: string }>> {
  const out = new Map<string, { number: string; date: string }>();
  const hasDocs = await q.schema.hasTable('documents');
  if (!hasDocs) return out;
  for (let i = 0; i < recordNos.length; i += 500) {
    const rows = (await q('documents as d')
      .join('document_decisions as dd', 'dd.document_id', 'd.id')
      .where('d.kind', 'sk')
      .whereIn('dd.record_no', recordNos.slice(i, i + 500))
      .select('dd.record_no', 'd.number', 'd.issued_on', 'd.id')
      .orderBy('d.id', 'asc')) as { record_no: string; number: string; issued_on: string }[];
    // Ascending ids: the latest SK of a decision is the one kept.
    for (const r of rows) out.set(r.record_no, { number: r.number, date: r.issued_on });
  }
  return out;
}

/** Rows of `table` whose `column` is one of `keys`, in chunks (bounded IN lists on both databases). */
async function rowsBy<T>(q: Knex, table: string, column: string, keys: string[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += 500) out.push(...((await q(table).whereIn(column, keys.slice(i, i + 500))) as T[]));
  return out;
}

/**
 * Each recorded decision of `f` (dates, unit — into or out of it, as GET /decisions — and, if given, only
 * these record numbers) with what its payload needs. Reads only the people and positions those
 * decisions name. `read`: through the server's read pool (the status API) instead of the writer.
 */
export async function siasnDecisions(db: Db, f: DecisionFilter & { recordNos?: string[]; read?: boolean } = {}): Promise<SiasnDecision[]> {
  const q = f.read ? db.read : db.knex;
  let decisions: DecisionRecord[];
  if (f.recordNos) {
    const want = [...new Set(f.recordNos)];
    decisions = (await rowsBy<DecisionRow>(q, 'decisions', 'record_no', want)).map(decisionFromRow)
      .filter((d) => (!f.from || d.effectiveDate >= f.from) && (!f.to || d.effectiveDate <= f.to))
      .sort((a, b) => a.recordNo.localeCompare(b.recordNo));
  } else {
    decisions = await listDecisions(q, { from: f.from, to: f.to, unit: f.unit, limit: f.limit });
  }
  const codes = [...new Set(decisions.flatMap((d) => [d.toPositionCode, d.fromPositionCode]))];
  const positions = new Map((await rowsBy<PositionRow>(q, 'positions', 'code', codes)).map((r) => [r.code, positionFromRow(r)]));
  if (f.recordNos && f.unit) {
    const unit = f.unit;
    decisions = decisions.filter((d) => positions.get(d.toPositionCode)?.unit === unit || positions.get(d.fromPositionCode)?.unit === unit);
  }
  const employees = new Map((await rowsBy<EmployeeRow>(q, 'employees', 'nip', [...new Set(decisions.map((d) => d.nip))])).map((r) => [r.nip, employeeFromRow(r)]));
  const sks = await skByRecord(db, decisions.map((d) => d.recordNo), q);
  return decisions.map((d) => {
    const e = employees.get(d.nip);
    const p = positions.get(d.toPositionCode);
    return {
      recordNo: d.recordNo,
      nip: d.nip,
      name: e?.name ?? '',
      effectiveDate: d.effectiveDate,
      pnsId: e?.pnsId ?? null,
      to: {
        code: d.toPositionCode,
        name: p?.name ?? '',
        unit: p?.unit ?? '',
        type: p?.type ?? null,
        unorId: p?.unorId ?? null,
        eselonId: p?.eselonId ?? null,
        jabatanFungsionalId: p?.jabatanFungsionalId ?? null,
        jabatanFungsionalUmumId: p?.jabatanFungsionalUmumId ?? null,
      },
      sk: sks.get(d.recordNo) ?? null,
    };
  });
}
