/** The SIASN state's request and answer shapes (/api/v1/siasn/*), for validation and the OpenAPI document. */
import { z } from 'zod';
import { DecisionsQuery } from '../server/schemas';

const RECORD_NO = /^MUT-\d{4}-\d{6}$/;

export const SiasnStatusQuery = DecisionsQuery.extend({
  recordNos: z
    .string()
    .max(20_000)
    .refine((s) => s.split(',').every((x) => RECORD_NO.test(x.trim())), { error: 'harus Nomor Catatan dipisah koma (mis. MUT-2027-000001,MUT-2027-000002)' })
    .refine((s) => s.split(',').length <= 1000, { error: 'paling banyak 1000 Nomor Catatan sekali minta' })
    .optional()
    .meta({ description: 'hanya Nomor Catatan ini (dipisah koma, paling banyak 1000)' }),
}).strict();

export const SiasnSendBody = z.object({}).strict();

const STATES = ['sent', 'refused', 'retrying', 'failed', 'waiting', 'incomplete', 'not_configured'] as const;

export const SiasnEntry = z
  .object({
    recordNo: z.string(),
    nip: z.string(),
    name: z.string(),
    unit: z.string().meta({ description: 'unit jabatan tujuan' }),
    state: z.enum(STATES).meta({
      description:
        'sent: terkirim (siasnId = rwJabatanId, message = jawaban SIASN); refused: ditolak SIASN (message = pesan SIASN); retrying: gangguan sementara, dicoba lagi pada nextAttemptAt; failed: batas percobaan habis; waiting: lengkap, belum dicoba; incomplete: kurang data (missing); not_configured: pengaturan SIASN belum diisi',
    }),
    message: z.string(),
    attempts: z.number().int(),
    siasnId: z.string().nullable(),
    updatedAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    missing: z.array(z.object({ field: z.string(), where: z.object({ id: z.string(), en: z.string() }) })).optional(),
  })
  .meta({ id: 'SiasnEntry' });

const Round = z.object({ at: z.string(), tried: z.array(z.object({ recordNo: z.string(), state: z.enum(STATES), message: z.string() })), error: z.string().nullable() });

export const SiasnStatusResponse = z
  .object({
    configured: z.boolean(),
    /** Why not configured although some settings are there. */
    problem: z.string().nullable(),
    /** How the two tokens are had: fetched from credentials and refreshed, or static. */
    tokens: z.object({ wso: z.enum(['oauth', 'static']), sso: z.enum(['oauth', 'static']) }).nullable(),
    lastRound: Round.nullable(),
    counts: z.record(z.enum(STATES), z.number().int()),
    entries: z.array(SiasnEntry),
  })
  .meta({ id: 'SiasnStatus' });

export const SiasnSendResponse = z
  .object({ done: z.boolean().meta({ description: 'false: putaran masih berjalan (lihat /siasn/status nanti)' }), round: Round.nullable(), counts: z.record(z.enum(STATES), z.number().int()) })
  .meta({ id: 'SiasnSend' });
