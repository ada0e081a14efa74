/** /api/openapi.json: the API as OpenAPI 3.1, generated from the very schemas that validate requests. */
import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import {
  AnnouncementEntry, AuditReport, ChangesQuery, ChangesResponse, DecisionRecord, DecisionsQuery, EmployeeRecord, ErrorResponse, Health,
  NipParams, PengumumanQuery, PositionRecord, PushBody, PushResponse, RosterBody, RosterResponse,
} from './schemas';
import {
  DueResponse, FollowupBody, FollowupDetail, FollowupQuery, FollowupResponse, RecordNoParams, ReportQuery, ReportResponse,
} from './followups/schemas';
import { documentsPaths } from '../documents/openapi';
import { siasnPaths } from '../siasn/openapi';

const jsonOf = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  '400': jsonOf(ErrorResponse, 'Permintaan tidak valid: setiap masalah dengan path dan alasannya'),
  '401': jsonOf(ErrorResponse, 'Token tidak ada, tidak dikenal atau dicabut'),
  '403': jsonOf(ErrorResponse, 'Peran atau unit token tidak mengizinkan'),
  '413': jsonOf(ErrorResponse, 'Badan permintaan terlalu besar'),
  '500': jsonOf(ErrorResponse, 'Kesalahan tak terduga; detailnya di log server dengan requestId ini'),
  '503': jsonOf(ErrorResponse, 'Gangguan sementara; kirim ulang'),
};
const secured = [{ bearer: [] as string[] }];

let cached: unknown = null;

export function openApiDocument(): unknown {
  cached ??= createDocument({
    openapi: '3.1.0',
    info: { title: 'Mutasi — server sinkron', version: '1.0.0', description: 'Catatan resmi mutasi pegawai (SYNC-API.md).' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/api/v1/health': { get: { summary: 'Status server', responses: { '200': jsonOf(Health, 'OK'), '400': errors['400'], '503': errors['503'] } } },
      '/api/v1/decisions': {
        post: {
          summary: 'Kirim keputusan yang disetujui (approver)',
          security: secured,
          requestBody: { content: { 'application/json': { schema: PushBody } } },
          responses: { '200': jsonOf(PushResponse, 'Satu hasil per keputusan'), '429': jsonOf(ErrorResponse, 'Terlalu sering'), ...errors },
        },
        get: {
          summary: 'Daftar keputusan tercatat',
          security: secured,
          requestParams: { query: DecisionsQuery },
          responses: { '200': jsonOf(z.object({ decisions: z.array(DecisionRecord) }), 'Keputusan'), ...errors },
        },
      },
      '/api/v1/changes': {
        get: {
          summary: 'Tarik perubahan sesudah cursor',
          security: secured,
          requestParams: { query: ChangesQuery },
          responses: { '200': jsonOf(ChangesResponse, 'Perubahan, atau snapshot (reset)'), ...errors },
        },
      },
      '/api/v1/employees/{nip}': {
        get: {
          summary: 'Satu pegawai',
          security: secured,
          requestParams: { path: NipParams },
          responses: { '200': jsonOf(EmployeeRecord, 'Pegawai'), '404': jsonOf(ErrorResponse, 'Tidak ditemukan'), ...errors },
        },
      },
      '/api/v1/positions': {
        get: {
          summary: 'Jabatan dengan jumlah pemangku',
          security: secured,
          responses: { '200': jsonOf(z.object({ positions: z.array(PositionRecord.extend({ holders: z.number().int() })) }), 'Jabatan'), ...errors },
        },
      },
      '/api/v1/roster': {
        post: {
          summary: 'Impor data pegawai dan jabatan (admin)',
          security: secured,
          requestBody: { content: { 'application/json': { schema: RosterBody } } },
          responses: { '200': jsonOf(RosterResponse, 'Diimpor'), '422': jsonOf(ErrorResponse, 'Galat data; tidak ada yang ditulis'), ...errors },
        },
      },
      '/api/v1/audit/verify': {
        get: { summary: 'Periksa rantai audit (admin)', security: secured, responses: { '200': jsonOf(AuditReport, 'Hasil'), ...errors } },
      },
      '/api/v1/followups': {
        post: {
          summary: 'Catat tindak lanjut pasca mutasi: SPMT, evaluasi (supervisor/approver unit penerima, atau admin)',
          security: secured,
          requestBody: { content: { 'application/json': { schema: FollowupBody } } },
          responses: { '200': jsonOf(FollowupResponse, 'Satu hasil per isian'), ...errors },
        },
      },
      '/api/v1/followups/due': {
        get: {
          summary: 'Yang jatuh tempo atau terlambat pada suatu tanggal',
          security: secured,
          requestParams: { query: FollowupQuery },
          responses: { '200': jsonOf(DueResponse, 'Daftar'), ...errors },
        },
      },
      '/api/v1/followups/report': {
        get: {
          summary: 'Laporan per unit: SPMT, evaluasi, SKP sesudah vs sebelum',
          security: secured,
          requestParams: { query: ReportQuery },
          responses: { '200': jsonOf(ReportResponse, 'Laporan'), ...errors },
        },
      },
      '/api/v1/followups/{recordNo}': {
        get: {
          summary: 'Tindak lanjut satu keputusan dengan jadwalnya',
          security: secured,
          requestParams: { path: RecordNoParams, query: FollowupQuery.pick({ at: true }) },
          responses: { '200': jsonOf(FollowupDetail, 'Tindak lanjut'), '404': jsonOf(ErrorResponse, 'Tidak ditemukan'), ...errors },
        },
      },
      '/pengumuman': {
        get: {
          summary: 'Pengumuman publik mutasi tercatat (HTML, CSV atau JSON)',
          requestParams: { query: PengumumanQuery },
          responses: {
            '200': {
              description: 'Pengumuman (HTML; ?format=csv → text/csv; ?format=json → JSON)',
              content: {
                'text/html': { schema: z.string() },
                'text/csv': { schema: z.string() },
                'application/json': { schema: z.object({ generatedAt: z.string(), entries: z.array(AnnouncementEntry) }) },
              },
            },
            '400': errors['400'],
          },
        },
      },
      ...documentsPaths(jsonOf, errors, secured),
      ...siasnPaths(jsonOf, errors, secured),
    },
  });
  return cached;
}
