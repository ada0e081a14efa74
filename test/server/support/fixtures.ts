/**
 * A small agency for server tests: units, positions with Kebutuhan, employees with valid NIPs, and
 * helpers to load it and to make tokens and decisions. Plain domain records (shared/model), loaded
 * through the same saveRoster an import uses.
 */
import { randomUUID } from 'node:crypto';
import type { Employee, Position } from '../../../shared/model';
import { dayFromYmd } from '../../../shared/values/dates';
import type { Db } from '../../../sync-server/db/connect';
import { saveRoster } from '../../../sync-server/db/roster';
import { createToken, type Role } from '../../../sync-server/db/tokens';
import type { DecisionInput } from '../../../sync-server/server/push/types';

/** A well-formed NIP, unique for i < 119,880 (serial, birth year and month vary together). */
export function uniqueNip(i: number): string {
  const year = 1980 + Math.floor(i / 999) % 10;
  const month = 1 + Math.floor(i / 9990) % 12;
  return `${year}${String(month).padStart(2, '0')}01` + '200501' + '1' + String((i % 999) + 1).padStart(3, '0');
}

export function position(code: string, unit: string, needed: number, over: Partial<Position> = {}): Position {
  return {
    row: 2, code, name: `Jabatan ${code}`, type: 'Pelaksana', level: null, unit, class: 7, needed,
    minRank: null, maxRank: null, minEducation: null, majors: [], requiredTrainings: [], standards: null, ...over,
  };
}

export function employee(nip: string, positionCode: string, over: Partial<Employee> = {}): Employee {
  return {
    row: 2, nip, name: `Pegawai ${nip.slice(-4)}`, status: 'PNS', rank: 'III/a', positionCode,
    positionStart: dayFromYmd(2018, 1, 2), birthDate: null, educationLevel: 'S1', educationMajor: 'Manajemen',
    skpLast: 'Baik', skpBefore: 'Baik', potential: 'Menengah', discipline: 'Tidak Ada', disciplineUntil: null,
    trainings: [], preferences: [], competencies: [3, 3, 3, 3, 3, 3, 3, 3, 3], ...over,
  };
}

export interface Agency {
  positions: Position[];
  employees: Employee[];
}

/**
 * Units A and B. Pools: POOL-A / POOL-B (many holders, where people come from); targets T-A-<k> and
 * T-B-<k> with `seats` vacant seats each.
 */
export function agency(opts: { people?: number; targets?: number; seats?: number } = {}): Agency {
  const people = opts.people ?? 40;
  const targets = opts.targets ?? 4;
  const seats = opts.seats ?? 2;
  const positions: Position[] = [position('POOL-A', 'Unit A', people), position('POOL-B', 'Unit B', people)];
  for (let k = 0; k < targets; k++) {
    positions.push(position(`T-A-${k}`, 'Unit A', seats), position(`T-B-${k}`, 'Unit B', seats));
  }
  const employees: Employee[] = [];
  for (let i = 0; i < people; i++) employees.push(employee(uniqueNip(i), i % 2 === 0 ? 'POOL-A' : 'POOL-B'));
  return { positions, employees };
}

export async function loadAgency(db: Db, a: Agency): Promise<void> {
  await saveRoster(db, { employees: a.employees, positions: a.positions, source: 'test' }, 'test');
}

export async function token(db: Db, role: Role, unit: string | null = null, name = `${role}${unit ? '-' + unit : ''}`): Promise<string> {
  return (await createToken(db, { name, role, unit }, 'test')).token;
}

export function decision(nip: string, from: string, to: string, baseVersion: number, over: Partial<DecisionInput> = {}): DecisionInput {
  return {
    mutationId: randomUUID(), proposalId: `U-${nip.slice(-4)}`, nip, fromPositionCode: from, toPositionCode: to,
    reason: 'Rotasi', effectiveDate: '2027-01-04', note: 'Sesuai kebutuhan organisasi', mendagriApproval: null, baseVersion, ...over,
  };
}

/** The agency as POST /roster rows (canonical headers, dates dd/mm/yyyy as people type them). */
export function rosterRows(a: Agency): { pegawai: Record<string, string | number | null>[]; jabatan: Record<string, string | number | null>[] } {
  const dmy = (d: number | null) => {
    if (d === null) return null;
    const dt = new Date(d * 86_400_000);
    return `${String(dt.getUTCDate()).padStart(2, '0')}/${String(dt.getUTCMonth() + 1).padStart(2, '0')}/${dt.getUTCFullYear()}`;
  };
  return {
    jabatan: a.positions.map((p) => ({
      'Kode Jabatan': p.code, 'Nama Jabatan': p.name, 'Jenis Jabatan': p.type, 'Unit Kerja': p.unit, 'Kelas Jabatan': p.class, Kebutuhan: p.needed,
    })),
    pegawai: a.employees.map((e) => {
      const row: Record<string, string | number | null> = {
        NIP: e.nip, Nama: e.name, Status: e.status, Golongan: e.rank, 'Kode Jabatan': e.positionCode, 'TMT Jabatan': dmy(e.positionStart),
        Pendidikan: e.educationLevel, Jurusan: e.educationMajor, 'SKP Tahun Lalu': e.skpLast, 'SKP Dua Tahun Lalu': e.skpBefore,
        Potensi: e.potential, 'Hukuman Disiplin': e.discipline,
      };
      const names = ['Integritas', 'Kerja Sama', 'Komunikasi', 'Orientasi pada Hasil', 'Pelayanan Publik', 'Pengembangan Diri dan Orang Lain', 'Mengelola Perubahan', 'Pengambilan Keputusan', 'Perekat Bangsa'];
      names.forEach((n, i) => (row[n] = e.competencies?.[i] ?? null));
      return row;
    }),
  };
}
