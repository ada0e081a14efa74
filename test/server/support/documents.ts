/**
 * An agency whose people have the names offices really write (gelar before and after, hostile
 * characters), competency gaps, required trainings not taken and preferred units, with `n` recorded
 * decisions: the decision documents' tests and benchmark start from it.
 */
import { randomUUID } from 'node:crypto';
import type { Employee, Position } from '../../../shared/model';
import type { Db } from '../../../sync-server/db/connect';
import { createToken, type TokenInfo } from '../../../sync-server/db/tokens';
import { pushDecisions } from '../../../sync-server/server/push/group-commit';
import { employee, loadAgency, position, uniqueNip } from './fixtures';

export const NAMES = [
  'Dr. Hj. Siti Aminah, S.Kep., M.Kes.',
  'Ir. H. Bambang Sutrisno, M.T.',
  'Ni Luh Putu Ayu Lestari, S.E.',
  "Muhammad Rizki Pratama, S.Kom.",
  'A. A. Gde Ngurah, S.H., M.H.',
];

export interface SeededDecision {
  recordNo: string;
  nip: string;
  name: string;
  from: string;
  to: string;
  effectiveDate: string;
}

export interface DocumentsAgency {
  approver: TokenInfo;
  decisions: SeededDecision[];
  employees: Employee[];
  positions: Position[];
}

/** `n` people moved from the pools into targets of the other unit; names from NAMES then `extraNames`. */
export async function seedDecisions(db: Db, n: number, opts: { extraNames?: string[]; effectiveDate?: (i: number) => string; explanation?: (i: number) => string | undefined } = {}): Promise<DocumentsAgency> {
  const seats = 2;
  const targets = Math.ceil(n / (2 * seats));
  const positions: Position[] = [
    position('POOL-A', 'Dinas Kesehatan', n),
    position('POOL-B', 'Badan Perencanaan Pembangunan Daerah', n),
  ];
  positions[0]!.name = 'Pengadministrasi Umum';
  positions[1]!.name = 'Analis Perencanaan';
  for (let k = 0; k < targets; k++) {
    const over = { standards: [3, 3, 4, 3, 3, 3, 3, 3, 3], requiredTrainings: ['Pelatihan Pelayanan Prima'] };
    positions.push(
      { ...position(`T-A-${k}`, 'Dinas Kesehatan', seats, over), name: `Pengelola Data Kesehatan ${k + 1}` },
      { ...position(`T-B-${k}`, 'Badan Perencanaan Pembangunan Daerah', seats, over), name: `Perencana Program ${k + 1}` },
    );
  }
  const names = [...NAMES, ...(opts.extraNames ?? [])];
  const employees: Employee[] = [];
  for (let i = 0; i < n; i++) {
    const name = names[i] || `Pegawai Contoh ${i + 1}, S.AP.`;
    employees.push(
      employee(uniqueNip(i), i % 2 === 0 ? 'POOL-A' : 'POOL-B', {
        name,
        rank: i % 3 === 0 ? 'III/b' : 'III/c',
        preferences: i % 2 === 0 ? ['Badan Perencanaan Pembangunan Daerah'] : ['Dinas Pendidikan'],
        competencies: i % 4 === 0 ? [3, 3, 2, 3, 3, 3, 3, 3, 3] : [3, 3, 4, 3, 3, 3, 3, 3, 3],
        trainings: i % 5 === 0 ? ['Pelatihan Pelayanan Prima'] : [],
      }),
    );
  }
  await loadAgency(db, { positions, employees });
  const approver = (await createToken(db, { name: 'Kepala BKPSDM', role: 'approver' }, 'test')).info;
  const versions = new Map(((await db.knex('employees').select('nip', 'version')) as { nip: string; version: number }[]).map((r) => [r.nip, Number(r.version)]));
  const inputs = employees.map((e, i) => {
    // From unit A into B's targets and back, two a seat.
    const k = Math.floor(i / 2) % targets;
    const to = e.positionCode === 'POOL-A' ? `T-B-${k}` : `T-A-${k}`;
    return {
      mutationId: randomUUID(), proposalId: `U-${String(i + 1).padStart(4, '0')}`, nip: e.nip, fromPositionCode: e.positionCode, toPositionCode: to,
      reason: 'Rotasi', effectiveDate: opts.effectiveDate?.(i) ?? '2027-01-04', note: i === 0 ? 'Penguatan layanan data kesehatan sesuai kebutuhan organisasi' : 'Sesuai kebutuhan organisasi',
      mendagriApproval: null, baseVersion: versions.get(e.nip)!,
      ...(opts.explanation?.(i) !== undefined ? { explanation: opts.explanation(i) } : {}),
    };
  });
  const decisions: SeededDecision[] = [];
  for (let i = 0; i < inputs.length; i += 500) {
    const batch = inputs.slice(i, i + 500);
    const results = await pushDecisions(db, batch, { workbookId: randomUUID(), token: approver });
    results.forEach((r, j) => {
      if (r.status !== 'recorded') throw new Error(`seed decision ${batch[j]!.nip} not recorded: ${JSON.stringify(r)}`);
      const d = batch[j]!;
      decisions.push({ recordNo: r.recordNo, nip: d.nip, name: employees[i + j]!.name, from: d.fromPositionCode, to: d.toPositionCode, effectiveDate: d.effectiveDate });
    });
  }
  return { approver, decisions, employees, positions };
}
