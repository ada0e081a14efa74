/** The decision documents' paths for /api/openapi.json (merged into the document by server/openapi.ts). */
import { z } from 'zod';
import { DocumentLink, DocumentsBody, DocumentSettingsBody, KindParams, TemplateInfo, TemplateQuery, VerificationResponse, VerifyQuery } from './schemas';

type JsonOf = (schema: z.ZodType, description: string) => unknown;

export function documentsPaths(jsonOf: JsonOf, errors: Record<string, unknown>, secured: { bearer: string[] }[]): Record<string, unknown> {
  const files = {
    description: 'Satu dokumen (.docx, header X-Document-Sha256) atau banyak dokumen dalam .zip (dengan daftar.csv)',
    content: {
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.string().meta({ format: 'binary' }) },
      'application/zip': { schema: z.string().meta({ format: 'binary' }) },
    },
  };
  const docx = { description: 'Templat .docx', content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.string().meta({ format: 'binary' }) } } };
  return {
    '/api/v1/documents': {
      post: {
        summary: 'Buat dokumen keputusan dari catatan resmi: SK kolektif + Lampiran, petikan, surat penjelasan, SPMT (approver, admin)',
        security: secured,
        requestBody: { content: { 'application/json': { schema: DocumentsBody } } },
        responses: { '200': files, '404': jsonOf(z.object({ error: z.string() }), 'Nomor catatan tidak ada / tidak ada keputusan'), '422': jsonOf(z.object({ error: z.string(), problems: z.array(z.string()) }), 'Templat kantor tidak dapat dipakai'), ...errors },
      },
    },
    '/api/v1/documents/link': {
      post: {
        summary: 'Tautan unduhan 10 menit untuk dibuka di peramban (add-in di Excel)',
        security: secured,
        requestBody: { content: { 'application/json': { schema: DocumentsBody } } },
        responses: { '200': jsonOf(DocumentLink, 'Tautan'), ...errors },
      },
    },
    '/api/v1/documents/download/{id}': {
      get: {
        summary: 'Unduh dokumen lewat tautan dari /documents/link (tanpa token; tautan itu rahasianya)',
        requestParams: { path: z.object({ id: z.string() }) },
        responses: { '200': files, '404': { description: 'Tautan kedaluwarsa atau salah (HTML)' } },
      },
    },
    '/api/v1/documents/templates': {
      get: { summary: 'Templat yang dipakai per jenis dokumen, dengan daftar penanda', security: secured, responses: { '200': jsonOf(z.object({ templates: z.array(TemplateInfo) }), 'Templat'), ...errors } },
    },
    '/api/v1/documents/templates/{kind}': {
      get: { summary: 'Unduh templat yang dipakai (kantor atau bawaan)', security: secured, requestParams: { path: KindParams }, responses: { '200': docx, ...errors } },
      put: {
        summary: 'Pasang templat kantor (admin); badan permintaan = berkas .docx',
        security: secured,
        requestParams: { path: KindParams, query: TemplateQuery },
        requestBody: { content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
        responses: {
          '200': jsonOf(z.object({ kind: z.string(), sha256: z.string(), placeholders: z.array(z.string()) }), 'Dipasang'),
          '422': jsonOf(z.object({ error: z.string(), problems: z.array(z.string()) }), 'Tidak dapat dibuka, atau penanda tidak dikenal (disebut namanya); tidak ada yang diubah'),
          ...errors,
        },
      },
      delete: { summary: 'Kembali ke templat bawaan (admin)', security: secured, requestParams: { path: KindParams }, responses: { '200': jsonOf(z.object({ kind: z.string(), removed: z.boolean() }), 'Selesai'), ...errors } },
    },
    '/api/v1/documents/settings': {
      get: { summary: 'Pola penomoran dan alamat publik server', security: secured, responses: { '200': jsonOf(DocumentSettingsBody, 'Pengaturan'), ...errors } },
      put: { summary: 'Ubah pola penomoran / alamat publik (admin)', security: secured, requestBody: { content: { 'application/json': { schema: DocumentSettingsBody } } }, responses: { '200': jsonOf(DocumentSettingsBody, 'Pengaturan'), ...errors } },
    },
    '/verifikasi/{token}': {
      get: {
        summary: 'Halaman verifikasi publik dari kode QR dokumen (HTML; ?format=json; ?sha256= untuk mencocokkan berkas)',
        requestParams: { path: z.object({ token: z.string() }), query: VerifyQuery },
        responses: { '200': { description: 'Dokumen, keputusan (NIP disamarkan), SHA-256, masih berlaku atau tidak', content: { 'text/html': { schema: z.string() }, 'application/json': { schema: VerificationResponse } } }, '404': { description: 'Kode tidak dikenal' } },
      },
      post: {
        summary: 'Cocokkan berkas dokumen (badan permintaan = berkas) dengan yang diterbitkan',
        requestParams: { path: z.object({ token: z.string() }) },
        requestBody: { content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
        responses: { '200': jsonOf(z.object({ number: z.string(), sha256: z.string(), matches: z.boolean(), decisionsStand: z.boolean() }), 'Hasil'), '404': { description: 'Kode tidak dikenal' } },
      },
    },
  };
}
