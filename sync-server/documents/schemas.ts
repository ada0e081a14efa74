/** The decision documents' request and response shapes (validated by zod, and in /api/openapi.json). */
import { z } from 'zod';
import { DOCUMENT_KINDS } from './placeholders';

const isoDate = z.iso.date({ error: 'harus tanggal YYYY-MM-DD yang ada di kalender (mis. 2027-01-04)' }).meta({ description: 'yyyy-mm-dd' });
const recordNo = z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{1,9}$/, 'nomor catatan berbentuk MUT-2027-000123').meta({ example: 'MUT-2027-000123' });

export const DocumentKindSchema = z.enum(DOCUMENT_KINDS).meta({ description: 'sk (SK kolektif + Lampiran), petikan, penjelasan (Surat Penjelasan Mutasi), spmt' });

export const DocumentsBody = z
  .object({
    kinds: z.array(DocumentKindSchema).min(1).max(4).meta({ description: 'Jenis dokumen yang dibuat' }),
    recordNos: z.array(recordNo).min(1).max(2000).optional(),
    from: isoDate.optional().meta({ description: 'TMT paling awal (termasuk)' }),
    to: isoDate.optional().meta({ description: 'TMT paling akhir (termasuk)' }),
    unit: z.string().min(1).max(200).optional().meta({ description: 'Keputusan ke atau dari unit ini' }),
  })
  .strict()
  .refine((b) => (b.recordNos?.length ?? 0) > 0 || b.from || b.to || b.unit, { message: 'pilih keputusannya: recordNos, from/to atau unit', path: ['recordNos'] })
  .meta({ id: 'DocumentsBody' });

export const DocumentLink = z.object({ url: z.string(), expiresAt: z.string(), files: z.number().int() }).meta({ id: 'DocumentLink' });

export const KindParams = z.object({ kind: DocumentKindSchema }).strict();

export const TemplateInfo = z
  .object({
    kind: DocumentKindSchema,
    title: z.string(),
    source: z.enum(['kantor', 'bawaan']),
    fileName: z.string(),
    sha256: z.string(),
    installedAt: z.string().nullable(),
    installedBy: z.string().nullable(),
    placeholders: z.array(z.string()),
  })
  .meta({ id: 'DocumentTemplateInfo' });

export const TemplateQuery = z.object({ nama: z.string().min(1).max(255).optional() }).strict();

export const DocumentSettingsBody = z
  .object({
    pattern: z.string().min(1).max(120).optional().meta({ example: '800.1.3.3/{nomor}/BKPSDM/{tahun}' }),
    publicUrl: z.string().max(300).nullable().optional().meta({ example: 'https://mutasi.contohkab.go.id' }),
  })
  .strict()
  .meta({ id: 'DocumentSettings' });

export const VerifyQuery = z
  .object({
    sha256: z.string().trim().regex(/^[0-9A-Fa-f]{64}$/, 'SHA-256 harus 64 karakter heksadesimal').optional(),
    format: z.enum(['html', 'json']).optional(),
    lang: z.enum(['id', 'en']).optional().meta({ description: 'Bahasa halaman: id (bawaan) atau en' }),
  })
  .strict();

export const VerificationResponse = z
  .object({
    kind: DocumentKindSchema,
    title: z.string(),
    number: z.string(),
    issuedOn: z.string(),
    issues: z.array(z.object({ sha256: z.string(), issuedAt: z.string() })),
    decisions: z.array(
      z.object({
        recordNo: z.string(), name: z.string(), nip: z.string().meta({ description: 'disamarkan seperti /pengumuman' }), fromPosition: z.string(), fromUnit: z.string(),
        toPosition: z.string(), toUnit: z.string(), effectiveDate: z.string(), stands: z.boolean(), why: z.string().nullable(),
        supersededBy: z.string().nullable().meta({ description: 'Nomor catatan keputusan yang menggantikannya' }),
      }),
    ),
    check: z.object({ sha256: z.string(), matches: z.boolean() }).nullable(),
  })
  .meta({ id: 'Verification' });
