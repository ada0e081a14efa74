/**
 * The record's side of SIASN (docs/siasn.md): each recorded decision with what its payload needs — the
 * person's ID PNS SIASN, the receiving position's ids and type, and the SK it is in (the number the
 * documents feature issued for the decision's SK, and its date), if any.
 */
import type { Db } from '../db/connect';
import { listDecisions, listEmployees, listPositions, type DecisionFilter } from '../db/queries';
import type { SiasnDecision } from '../../shared/siasn/payload';

/** The latest SK issued for each record number (documents of kind `sk`). */
export async function skByRecord(db: Db, recordNos: string[]): Promise<Map<string, { number: string; date: string }>> {
  const out = new Map<string, { number: string; date: string }>();
  const hasDocs = await db.knex.schema.hasTable('documents');
  if (!hasDocs) return out;
  for (let i = 0; i < recordNos.length; i += 500) {
    const rows = (await db.knex('documents as d')
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

export async function siasnDecisions(db: Db, f: DecisionFilter = {}): Promise<SiasnDecision[]> {
  const decisions = await listDecisions(db.knex, f);
  const employees = new Map((await listEmployees(db.knex)).map((e) => [e.nip, e]));
  const positions = new Map((await listPositions(db.knex)).map((p) => [p.code, p]));
  const sks = await skByRecord(db, decisions.map((d) => d.recordNo));
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
