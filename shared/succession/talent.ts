/** The talent pool (RULES.md "Succession"): every PNS with their 9-box and group, counts per box and per unit. */
import { talentBox, talentGroup } from '../domain';
import type { Employee, Position } from '../model';
import type { TalentPerson, TalentPool, UnitBoxes } from './types';

export function talentPerson(e: Employee, pos: Position | undefined): TalentPerson {
  const box = talentBox(e.skpLast, e.skpBefore, e.potential);
  return {
    nip: e.nip,
    name: e.name,
    row: e.row,
    positionCode: e.positionCode,
    positionName: pos?.name ?? '',
    unit: pos?.unit ?? '',
    rank: e.rank,
    skpLast: e.skpLast,
    skpBefore: e.skpBefore,
    potential: e.potential,
    box,
    group: box === null ? null : talentGroup(box),
  };
}

/** `people`: the PNS (first row of each NIP), in NIP order. */
export function talentPool(people: Employee[], positions: Map<string, Position>): TalentPool {
  const out: TalentPerson[] = [];
  const byBox = new Array<number>(9).fill(0);
  const groups = { suksesi: 0, rotasi: 0, pembinaan: 0 };
  const units = new Map<string, UnitBoxes>();
  let unboxed = 0;
  for (const e of people) {
    const t = talentPerson(e, positions.get(e.positionCode));
    out.push(t);
    let u = units.get(t.unit);
    if (!u) units.set(t.unit, (u = { unit: t.unit, boxes: new Array<number>(9).fill(0), total: 0, unboxed: 0 }));
    if (t.box === null) {
      unboxed++;
      u.unboxed++;
      continue;
    }
    byBox[t.box - 1]!++;
    groups[t.group!]++;
    u.boxes[t.box - 1]!++;
    u.total++;
  }
  const byUnit = [...units.values()].sort((a, b) => a.unit.localeCompare(b.unit, 'id'));
  return { people: out, byBox, groups, unboxed, byUnit };
}
