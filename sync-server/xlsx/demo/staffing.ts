/**
 * Who holds which post: holders roughly fill Kebutuhan (some vacancies, some surplus), exactly
 * `total` people in all. Scenario targets get exactly Kebutuhan − (scenario rows claiming a seat), so
 * those rows fit and a FORMATION_FULL row finds the post full; one post is deliberately over formation.
 */
import { makeEmployee, type StaffContext } from './employees';
import type { ScenarioPlan } from './scenarios';
import type { DemoEmployee, DemoPosition } from './types';

export function staff(positions: DemoPosition[], total: number, plan: ScenarioPlan, ctx: StaffContext): DemoEmployee[] {
  const { rng } = ctx;
  const pinned = new Map<DemoPosition, DemoEmployee[]>();
  for (const e of plan.employees) {
    const list = pinned.get(e.position);
    if (list) list.push(e);
    else pinned.set(e.position, [e]);
  }

  const holders = new Map<DemoPosition, number>();
  const fixed = new Set<DemoPosition>();
  for (const p of positions) {
    const claims = plan.claims.get(p);
    if (claims !== undefined) {
      p.needed = Math.max(p.needed, claims, 1);
      holders.set(p, p.needed - claims);
      fixed.add(p);
      continue;
    }
    const base = p.weight === 0 ? (rng.chance(0.88) ? 1 : 0) : Math.round(p.needed * (0.8 + 0.32 * rng.next()));
    holders.set(p, Math.max(base, pinned.get(p)?.length ?? 0));
  }
  // OVER_FORMATION: one ordinary post with two more people than it needs.
  const surplus = positions.find((p) => p.code.endsWith('-PENGADM') && !fixed.has(p) && !plan.origins.has(p));
  if (surplus) { holders.set(surplus, surplus.needed + 2); fixed.add(surplus); }

  // Bring the sum to `total`, adding where seats are free first, removing where there are most.
  const adjustable = positions.filter((p) => !fixed.has(p) && p.weight > 0);
  const floor = (p: DemoPosition) => pinned.get(p)?.length ?? 0;
  let sum = 0;
  for (const h of holders.values()) sum += h;
  let guard = 0;
  while (sum < total && adjustable.length && guard++ < total * 20) {
    const p = rng.pick(adjustable);
    const h = holders.get(p)!;
    if (h >= p.needed && rng.chance(0.75)) continue;
    holders.set(p, h + 1);
    sum++;
  }
  const structural = positions.filter((p) => !fixed.has(p) && p.weight === 0);
  for (const pool of [adjustable, structural]) {
    guard = 0;
    while (sum > total && guard++ < total * 50) {
      const p = pool.length ? rng.pick(pool) : null;
      if (!p) break;
      const h = holders.get(p)!;
      if (h <= floor(p) || (h <= p.needed && rng.chance(0.6) && pool === adjustable)) continue;
      holders.set(p, h - 1);
      sum--;
    }
  }
  if (sum !== total) throw new Error(`demo: cannot seat ${total} people in ${positions.length} positions (got ${sum})`);

  const out: DemoEmployee[] = [];
  for (const p of positions) {
    const mine = pinned.get(p) ?? [];
    out.push(...mine);
    for (let i = mine.length; i < holders.get(p)!; i++) out.push(makeEmployee(ctx, p));
  }
  return out;
}
