/** A position's effective requirements: the Jabatan cells, or the defaults by type (RULES.md) where empty. */
import { educationRank, golonganIndex, typeDefaults, type Education, type Golongan } from './domain';
import type { Position } from './model';

export interface Requirements {
  minRank: Golongan;
  minRankIndex: number;
  maxRankIndex: number | null;
  minEducation: Education;
  minEducationRank: number;
  retirementAge: number;
  /** Nine standard levels with the type default filled in. */
  standards: number[];
  standardSum: number;
}

const cache = new WeakMap<Position, Requirements>();

export function requirements(p: Position): Requirements {
  let r = cache.get(p);
  if (r) return r;
  const d = typeDefaults(p.type ?? 'Pelaksana', p.level);
  const minRank = p.minRank ?? d.minRank;
  const minEducation = p.minEducation ?? d.minEducation;
  const standards = Array.from({ length: 9 }, (_, i) => p.standards?.[i] ?? d.standard);
  r = {
    minRank,
    minRankIndex: golonganIndex(minRank),
    maxRankIndex: p.maxRank ? golonganIndex(p.maxRank) : null,
    minEducation,
    minEducationRank: educationRank(minEducation),
    retirementAge: d.retirementAge,
    standards,
    standardSum: standards.reduce((a, b) => a + b, 0),
  };
  cache.set(p, r);
  return r;
}


