/**
 * After the move (SYNC-API.md "After the move (follow-up)"): the follow-up of one recorded decision —
 * the SPMT (the day the employee reported for duty at the new post) and the reviews at
 * `Evaluasi Pasca Mutasi (bulan)` after TMT Mutasi, each with the SKP predicate for the period in the
 * new post, an adaptation note and a follow-up action. Shapes as the API and the add-in see them
 * (dates ISO yyyy-mm-dd).
 */
import type { Skp } from '../domain';

/** PP 30/2019: who does not adapt gets training, mentoring, or a period to improve and a new review. */
export const FOLLOWUP_ACTIONS = ['Tidak perlu', 'Pelatihan', 'Mentoring', 'Evaluasi ulang'] as const;
export type FollowupAction = (typeof FOLLOWUP_ACTIONS)[number];
/** Actions that need a detail: which training, by whom the mentoring. */
export const ACTIONS_WITH_DETAIL: readonly FollowupAction[] = ['Pelatihan', 'Mentoring'];

export interface Review {
  /** Which review: months after TMT Mutasi (6, 12, or a re-review). */
  month: number;
  reviewDate: string;
  skp: Skp;
  /** How the person adapted to the new post, in the supervisor's words. */
  note: string;
  action: FollowupAction;
  /** The training (Pelatihan) or the mentor (Mentoring); null otherwise. */
  actionDetail: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface FollowupRecord {
  recordNo: string;
  nip: string;
  /** The receiving position and its unit (whose supervisor writes the follow-up). */
  toPositionCode: string;
  unit: string;
  /** TMT Mutasi. */
  effectiveDate: string;
  spmtDate: string | null;
  spmtNote: string;
  /** One per review month, in month order (a later write for the same month corrects it). */
  reviews: Review[];
  /**
   * The SKP of the two years before the move (SKP Tahun Lalu, SKP Dua Tahun Lalu) as the official
   * record held them when the follow-up was first written: the baseline a review is compared with.
   */
  skpBefore: [Skp | null, Skp | null];
  /** 0 while nothing has been written; then the version of its last change (the one counter). */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}
