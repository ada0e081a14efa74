/**
 * The follow-up API's shapes (SYNC-API.md "After the move (follow-up)"): the zod schemas that validate
 * every body and query (strict: an unknown field is refused) and go into /api/openapi.json.
 */
import { z } from 'zod';
import { SKP } from '../../../shared/domain';
import { ACTIONS_WITH_DETAIL, FOLLOWUP_ACTIONS, MAX_REVIEW_MONTH } from '../../../shared/followup';

export const MAX_FOLLOWUPS_PER_PUSH = 100;

const isoDate = z.iso.date({ error: 'harus tanggal YYYY-MM-DD yang ada di kalender (mis. 2027-01-04)' }).meta({ description: 'yyyy-mm-dd' });
const recordNo = z.string().regex(/^MUT-\d{4}-\d{6}$/, 'harus nomor catatan seperti MUT-2026-000123').meta({ example: 'MUT-2026-000123' });
const mutationId = z.uuid().meta({ description: 'Dibuat saat formulir disimpan, dikirim ulang sama persis saat mencoba lagi; kunci idempotensi' });
const baseVersion = z
  .number().int().min(0).nullable().default(null)
  .meta({ description: 'Versi tindak lanjut yang dilihat pengirim (0: belum ada); null: tanpa pemeriksaan' });

export const SpmtEntry = z
  .object({
    mutationId,
    recordNo,
    kind: z.literal('spmt'),
    spmtDate: isoDate.meta({ description: 'Tanggal surat pernyataan melaksanakan tugas (SPMT)' }),
    note: z.string().max(2000).default(''),
    baseVersion,
  })
  .strict()
  .meta({ id: 'FollowupSpmtEntry' });

export const ReviewEntry = z
  .object({
    mutationId,
    recordNo,
    kind: z.literal('review'),
    month: z.number().int().min(1).max(MAX_REVIEW_MONTH).meta({ description: 'Evaluasi bulan ke berapa sesudah TMT Mutasi (mis. 6 atau 12)' }),
    reviewDate: isoDate,
    skp: z.enum(SKP),
    note: z.string().trim().min(1, 'catatan adaptasi wajib diisi').max(4000),
    action: z.enum(FOLLOWUP_ACTIONS),
    actionDetail: z.string().trim().max(300).nullable().default(null)
      .meta({ description: 'Pelatihan: nama pelatihannya; Mentoring: oleh siapa' }),
    baseVersion,
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((ACTIONS_WITH_DETAIL as readonly string[]).includes(v.action) && !v.actionDetail) {
      ctx.addIssue({
        code: 'custom', path: ['actionDetail'],
        message: v.action === 'Pelatihan' ? 'tindak lanjut Pelatihan perlu nama pelatihannya' : 'tindak lanjut Mentoring perlu nama mentornya',
      });
    }
  })
  .meta({ id: 'FollowupReviewEntry' });

export const FollowupEntry = z.discriminatedUnion('kind', [SpmtEntry, ReviewEntry]);
export type FollowupEntry = z.output<typeof FollowupEntry>;

export const FollowupBody = z
  .object({ entries: z.array(FollowupEntry).min(1).max(MAX_FOLLOWUPS_PER_PUSH) })
  .strict()
  .meta({ id: 'FollowupBody' });

const Review = z.object({
  month: z.number().int(),
  reviewDate: z.string(),
  skp: z.enum(SKP),
  note: z.string(),
  action: z.enum(FOLLOWUP_ACTIONS),
  actionDetail: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const FollowupRecord = z
  .object({
    recordNo: z.string(),
    nip: z.string(),
    toPositionCode: z.string(),
    unit: z.string(),
    effectiveDate: z.string(),
    spmtDate: z.string().nullable(),
    spmtNote: z.string(),
    reviews: z.array(Review),
    skpBefore: z.tuple([z.enum(SKP).nullable(), z.enum(SKP).nullable()]),
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'FollowupRecord' });

export const FollowupResult = z
  .discriminatedUnion('status', [
    z.object({ mutationId: z.string(), status: z.literal('recorded'), recordNo: z.string(), version: z.number().int(), followup: FollowupRecord }),
    z.object({
      mutationId: z.string(), status: z.literal('duplicate'), recordNo: z.string(), version: z.number().int(), followup: FollowupRecord,
      recordedAt: z.string(),
    }),
    z.object({
      mutationId: z.string(), status: z.literal('conflict'), reason: z.enum(['MUTATION_REUSED', 'VERSION_STALE']), message: z.string(),
      current: FollowupRecord.nullable(),
    }),
    z.object({
      mutationId: z.string(), status: z.literal('rejected'),
      reason: z.enum(['DECISION_UNKNOWN', 'OUT_OF_UNIT', 'DATE_BEFORE_TMT', 'DATE_IN_FUTURE', 'MONTH_NOT_SCHEDULED']),
      field: z.string(), message: z.string(),
    }),
  ])
  .meta({ id: 'FollowupResult' });
export type FollowupResult = z.output<typeof FollowupResult>;

export const FollowupResponse = z.object({ results: z.array(FollowupResult) }).meta({ id: 'FollowupResponse' });

export const FollowupQuery = z
  .object({ at: isoDate.optional(), unit: z.string().max(200).min(1).optional() })
  .strict();

export const ReportQuery = z
  .object({
    at: isoDate.optional(),
    unit: z.string().max(200).min(1).optional(),
    from: isoDate.optional().meta({ description: 'TMT Mutasi sejak (default: 24 bulan sebelum `at`)' }),
    to: isoDate.optional().meta({ description: 'TMT Mutasi sampai (default: `at`)' }),
  })
  .strict();

export const RecordNoParams = z.object({ recordNo }).strict();

export const FollowupSettingsSchema = z.object({ spmtDays: z.number().int(), reviewMonths: z.array(z.number().int()) });

export const DueItem = z
  .object({
    recordNo: z.string(),
    nip: z.string(),
    name: z.string(),
    unit: z.string(),
    toPositionCode: z.string(),
    toPosition: z.string(),
    effectiveDate: z.string(),
    kind: z.enum(['spmt', 'review']),
    month: z.number().int().nullable(),
    dueDate: z.string(),
    status: z.enum(['due', 'overdue']),
    daysLate: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'FollowupDueItem' });

export const DueResponse = z
  .object({ at: z.string(), unit: z.string().nullable(), settings: FollowupSettingsSchema, overdue: z.number().int(), due: z.number().int(), items: z.array(DueItem) })
  .meta({ id: 'FollowupDue' });

const UnitReport = z
  .object({
    unit: z.string(),
    moves: z.number().int(),
    spmt: z.object({ onTime: z.number().int(), late: z.number().int(), missing: z.number().int(), pending: z.number().int() }),
    reviews: z.object({ done: z.number().int(), due: z.number().int(), overdue: z.number().int(), upcoming: z.number().int() }),
    skp: z.object({ higher: z.number().int(), same: z.number().int(), lower: z.number().int(), unknown: z.number().int() }),
  })
  .meta({ id: 'FollowupUnitReport' });

export const ReportResponse = z
  .object({
    at: z.string(), from: z.string(), to: z.string(), unit: z.string().nullable(), settings: FollowupSettingsSchema,
    units: z.array(UnitReport), total: UnitReport,
  })
  .meta({ id: 'FollowupReport' });

export const ScheduleItem = z.object({
  kind: z.enum(['spmt', 'review']),
  month: z.number().int().nullable(),
  dueDate: z.string(),
  status: z.enum(['done', 'late', 'due', 'overdue', 'upcoming']),
  doneDate: z.string().nullable(),
  daysLate: z.number().int(),
});

export const FollowupDetail = z
  .object({
    followup: FollowupRecord,
    name: z.string(),
    fromPositionCode: z.string(),
    toPosition: z.string(),
    settings: FollowupSettingsSchema,
    at: z.string(),
    schedule: z.array(ScheduleItem),
  })
  .meta({ id: 'FollowupDetail' });
