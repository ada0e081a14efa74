/**
 * Jabatan Kritikal in the demo (WORKBOOK.md; RULES.md "Succession"): which non-structural posts are key
 * posts, so that `mutasi talenta` and the add-in's Talenta pane have something to show — every readiness
 * class, and posts flagged for having no successor ready now.
 * - Every Fungsional post of the upper expertise rungs (Ahli Madya, Ahli Utama) is critical, as offices
 *   mark the posts few people can fill (doctors, planners, school supervisors).
 * - Two teaching posts, like the Usulan rows that show each rule: the top functional post asks for
 *   Golongan Minimal IV/e, which almost nobody in the pool holds yet (its best successors are Siap 1–2
 *   tahun: a step or two of rank short); the next one also asks for an S3 degree (Belum siap: nobody can
 *   grow into it within two years). The requirements are ordinary Jabatan cells.
 * Applied after staffing, so the people, their posts and every other sheet are exactly as before.
 */
import type { DemoPosition } from './types';

const RUNG: Record<string, number> = { 'Ahli Utama': 4, 'Ahli Madya': 3 };

export function markCriticalPosts(positions: DemoPosition[]): void {
  const upper = positions.filter((p) => p.type === 'Fungsional' && p.level !== null && RUNG[p.level] !== undefined);
  for (const p of upper) p.critical = true;
  const top = [...upper].sort((a, b) => RUNG[b.level!]! - RUNG[a.level!]! || (a.code < b.code ? -1 : 1));
  const [rankShort, outOfReach] = top;
  if (rankShort) rankShort.minRank = 'IV/e';
  if (outOfReach) {
    outOfReach.minRank = 'IV/e';
    outOfReach.minEducation = 'S3';
  }
}
