/**
 * The ordinary rows of sheet Usulan: clean moves into free seats (rotations within a family, a few
 * Pengawas → Administrator promotions), in row order that keeps every seat count right — each accepted
 * move takes a seat in its target and frees one at its origin, which can then be filled in turn — and
 * a few history rows (Ditolak, Tercatat) that the check lists as inactive.
 */
import { monthsBetween, ymd, type Day } from '../../../shared/values/dates';
import type { DemoCalendar } from './calendar';
import { cleanMove } from './eligibility';
import type { Rng } from './prng';
import type { DemoEmployee, DemoPosition, DemoProposal } from './types';

const keyOf = (p: DemoPosition) => `${p.family}|${p.type}|${p.level ?? ''}`;

const NOTES: Record<string, string[]> = {
  Rotasi: ['Penyegaran organisasi', 'Rotasi berkala', '', '', ''],
  'Kebutuhan Organisasi': ['Mengisi kekosongan jabatan', 'Pemerataan pegawai antarunit', ''],
  'Permintaan Sendiri': ['Atas permintaan sendiri (alasan keluarga)', 'Mendekati domisili'],
  Promosi: ['Hasil seleksi terbuka', 'Memenuhi syarat kenaikan jenjang', ''],
};

export function cleanProposals(
  employees: DemoEmployee[], positions: DemoPosition[], count: number, cal: DemoCalendar, rng: Rng,
  blocked: (p: DemoPosition) => boolean, excluded: Set<DemoEmployee>,
): DemoProposal[] {
  const held = new Map<DemoPosition, number>();
  for (const e of employees) held.set(e.position, (held.get(e.position) ?? 0) + 1);
  const pools = new Map<string, DemoEmployee[]>();
  for (const e of employees) {
    if (excluded.has(e) || e.scenario || blocked(e.position) || e.status !== 'PNS') continue;
    const k = keyOf(e.position);
    const pool = pools.get(k);
    if (pool) pool.push(e);
    else pools.set(k, [e]);
  }
  const free = rng.shuffle(positions.filter((p) => !blocked(p) && (held.get(p) ?? 0) < p.needed));
  const out: DemoProposal[] = [];
  while (out.length < count && free.length) {
    const p = free.splice(rng.int(0, free.length - 1), 1)[0]!;
    if ((held.get(p) ?? 0) >= p.needed) continue;
    const promotion = p.type === 'Administrator' && rng.chance(0.3);
    const pool = pools.get(promotion ? 'STRUKTURAL|Pengawas|' : keyOf(p)) ?? [];
    const tmt: Day | null = rng.weighted([[cal.tmt, 50], [cal.tmtLater, 25], [null, 25]] as const);
    let found = -1;
    for (let tries = 0; tries < 16 && pool.length; tries++) {
      const i = rng.int(0, pool.length - 1);
      if (cleanMove(pool[i]!, p, tmt ?? cal.asOf)) { found = i; break; }
    }
    if (found < 0) continue; // nobody fits this post; leave it vacant
    const e = pool[found]!;
    pool[found] = pool[pool.length - 1]!;
    pool.pop();
    held.set(p, (held.get(p) ?? 0) + 1);
    const origin = e.position;
    held.set(origin, held.get(origin)! - 1);
    if (held.get(origin)! < origin.needed && !blocked(origin)) free.push(origin);
    if (held.get(p)! < p.needed) free.push(p);
    const reason = promotion ? 'Promosi' : rng.weighted([['Rotasi', 60], ['Kebutuhan Organisasi', 30], ['Permintaan Sendiri', 10]] as const);
    const status = rng.weighted([['Draf', 40], ['Diajukan', 35], ['Disetujui', 25]] as const);
    out.push({
      id: '', nip: e.nip, toCode: p.code, reason, effectiveDate: tmt, status, note: rng.pick(NOTES[reason]!),
      mendagriApproval: '', approvedBy: status === 'Disetujui' ? 'Kepala BKPSDM' : '', recordNo: '', expect: '',
    });
  }
  return out;
}

/** Already decided rows: Tercatat (the move that put someone where they are now) and Ditolak. */
export function historyRows(employees: DemoEmployee[], positions: DemoPosition[], count: number, cal: DemoCalendar, rng: Rng): DemoProposal[] {
  const recent = employees.filter((e) => e.status === 'PNS' && !e.scenario && monthsBetween(e.positionStart, cal.asOf) < 10);
  const out: DemoProposal[] = [];
  const year = ymd(cal.asOf).y;
  for (let i = 0; i < count; i++) {
    const recorded = recent.length > 0 && rng.chance(0.6);
    if (recorded) {
      const e = rng.pick(recent);
      out.push({
        id: '', nip: e.nip, toCode: e.position.code, reason: 'Rotasi', effectiveDate: e.positionStart, status: 'Tercatat',
        note: '', mendagriApproval: '', approvedBy: 'Kepala BKPSDM', recordNo: `MUT-${year}-${String(i + 1).padStart(6, '0')}`, expect: '',
      });
    } else {
      const e = rng.pick(employees);
      out.push({
        id: '', nip: e.nip, toCode: rng.pick(positions).code, reason: 'Permintaan Sendiri', effectiveDate: e.positionStart, status: 'Ditolak',
        note: rng.pick(['Ditolak: masa jabatan belum 2 tahun', 'Ditolak: formasi tujuan penuh', 'Ditolak: tidak memenuhi syarat kompetensi']),
        mendagriApproval: '', approvedBy: '', recordNo: '', expect: '',
      });
    }
  }
  return out;
}

/** Scenario rows spread through the clean ones, each group keeping its own order (row order matters). */
export function interleave(clean: DemoProposal[], scenario: DemoProposal[], rng: Rng): DemoProposal[] {
  const out: DemoProposal[] = [];
  let c = 0;
  let s = 0;
  while (c < clean.length || s < scenario.length) {
    const left = clean.length - c + (scenario.length - s);
    if (s < scenario.length && (c >= clean.length || rng.next() < (scenario.length - s) / left)) out.push(scenario[s++]!);
    else out.push(clean[c++]!);
  }
  return out;
}
