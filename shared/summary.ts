/** The per-unit summary: Kebutuhan, holders today, holders after the active proposals, surplus / deficit. */
import type { Position } from './model';
import type { Lang, UnitSummary } from './rules/types';

export function unitSummary(positions: Iterable<Position>, today: Map<string, number>, after: Map<string, number>, lang: Lang = 'id'): UnitSummary[] {
  const noUnit = lang === 'en' ? '(no unit)' : '(tanpa unit)';
  const units = new Map<string, UnitSummary>();
  for (const p of positions) {
    const name = p.unit || noUnit;
    let u = units.get(name);
    if (!u) {
      u = { unit: name, needed: 0, holdersToday: 0, holdersAfter: 0, balance: 0 };
      units.set(name, u);
    }
    u.needed += p.needed;
    u.holdersToday += today.get(p.code) ?? 0;
    u.holdersAfter += after.get(p.code) ?? 0;
  }
  const out = [...units.values()];
  for (const u of out) u.balance = u.holdersAfter - u.needed;
  return out;
}
