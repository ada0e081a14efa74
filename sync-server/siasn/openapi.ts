/** The SIASN paths for /api/openapi.json (merged into the document by server/openapi.ts). */
import { z } from 'zod';
import { SiasnSendResponse, SiasnStatusQuery, SiasnStatusResponse } from './schemas';

type JsonOf = (schema: z.ZodType, description: string) => unknown;

export function siasnPaths(jsonOf: JsonOf, errors: Record<string, unknown>, secured: { bearer: string[] }[]): Record<string, unknown> {
  return {
    '/api/v1/siasn/status': {
      get: {
        summary: 'Status SIASN (riwayat jabatan) per keputusan tercatat: terkirim, ditolak, dicoba lagi, kurang data, belum dikonfigurasi (approver, admin; token unit: unitnya saja)',
        security: secured,
        requestParams: { query: SiasnStatusQuery },
        responses: { '200': jsonOf(SiasnStatusResponse, 'Status per keputusan'), ...errors },
      },
    },
    '/api/v1/siasn/send': {
      post: {
        summary: 'Kirim ke SIASN sekarang yang menunggu atau dicoba lagi (admin tanpa batas unit)',
        security: secured,
        requestBody: { content: { 'application/json': { schema: z.object({}).strict() } } },
        responses: {
          '200': jsonOf(SiasnSendResponse, 'Putaran selesai'),
          '202': jsonOf(SiasnSendResponse, 'Putaran masih berjalan'),
          '409': jsonOf(z.object({ error: z.string() }), 'SIASN belum dikonfigurasi'),
          ...errors,
        },
      },
    },
  };
}
