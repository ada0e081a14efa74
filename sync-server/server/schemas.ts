/**
 * The API's request and response shapes, once: these zod schemas validate every body and query
 * (strict — an unknown field is refused, not ignored) and generate /api/openapi.json.
 */
import { z } from 'zod';
import { PROPOSAL_REASONS } from '../../shared/domain';
import { RULE_IDS } from '../../shared/rules/types';
import { ROLES } from '../db/tokens';
import { FollowupRecord } from './followups/schemas';

export const MAX_DECISIONS_PER_PUSH = 500;

const nip = z.string().regex(/^\d{18}$/, 'NIP harus 18 angka').meta({ example: '198503122010011002' });
const code = z.string().trim().min(1).max(64);
const isoDate = z.iso.date({ error: 'harus tanggal YYYY-MM-DD yang ada di kalender (mis. 2027-01-04)' }).meta({ description: 'yyyy-mm-dd' });
const text = (max: number) => z.string().max(max);
/**
 * A date a workbook can hold: Excel's serial dates as the engine reads them, 1900-01-01 … 2199-12-31
 * (the CLI's --as-of is bounded the same way). 0001-01-01 or 9999-12-31 would be recorded as an
 * employee's TMT Jabatan that no workbook or export can carry.
 */
export const MIN_WORKBOOK_DATE = '1900-01-01';
export const MAX_WORKBOOK_DATE = '2199-12-31';
const workbookDate = isoDate.refine((s) => s >= MIN_WORKBOOK_DATE && s <= MAX_WORKBOOK_DATE, {
  error: `harus antara ${MIN_WORKBOOK_DATE} dan ${MAX_WORKBOOK_DATE} (tanggal yang dapat dimuat buku kerja)`,
});
/** Query-string numbers arrive as text. */
const queryInt = (max: number) =>
  z.string().regex(/^\d{1,15}$/, 'harus bilangan bulat ≥ 0').transform(Number).pipe(z.number().int().min(0).max(max));

export const Decision = z
  .object({
    mutationId: z.uuid().meta({ description: 'Dibuat saat baris disetujui, disimpan di buku kerja; kunci idempotensi' }),
    proposalId: text(64).min(1),
    nip,
    fromPositionCode: code,
    toPositionCode: code,
    reason: z.enum(PROPOSAL_REASONS),
    effectiveDate: workbookDate,
    note: text(4000).nullable().default('').transform((s) => s ?? ''),
    mendagriApproval: text(200).nullable().default(null),
    baseVersion: z.number().int().min(0),
    explanation: text(4000).nullish().transform((s) => s ?? undefined).meta({ description: 'Penjelasan pengusul (Hasil Pemeriksaan yang ditulis `propose`), untuk Surat Penjelasan Mutasi; boleh tidak ada' }),
  })
  .strict()
  .meta({ id: 'Decision' });

export const PushBody = z
  .object({
    workbookId: z.uuid(),
    decisions: z.array(Decision).min(1).max(MAX_DECISIONS_PER_PUSH),
  })
  .strict()
  .meta({ id: 'PushBody' });

export const Finding = z
  .object({
    rule: z.enum(RULE_IDS),
    severity: z.enum(['error', 'warning', 'info']),
    sheet: z.string(),
    row: z.number().int(),
    column: z.string(),
    cell: z.string(),
    subject: z.string(),
    message: z.string(),
  })
  .meta({ id: 'Finding' });

export const EmployeeRecord = z
  .object({
    nip: z.string(),
    name: z.string(),
    status: z.string(),
    rank: z.string().nullable(),
    positionCode: z.string(),
    positionStart: z.string().nullable(),
    birthDate: z.string().nullable(),
    educationLevel: z.string().nullable(),
    educationMajor: z.string(),
    skpLast: z.string().nullable(),
    skpBefore: z.string().nullable(),
    potential: z.string().nullable(),
    discipline: z.string(),
    disciplineUntil: z.string().nullable(),
    trainings: z.array(z.string()),
    preferences: z.array(z.string()),
    competencies: z.array(z.number()).nullable(),
    pnsId: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Employee' });

export const PositionRecord = z
  .object({
    code: z.string(),
    name: z.string(),
    type: z.string().nullable(),
    level: z.string().nullable(),
    unit: z.string(),
    class: z.number().nullable(),
    needed: z.number().int(),
    minRank: z.string().nullable(),
    maxRank: z.string().nullable(),
    minEducation: z.string().nullable(),
    majors: z.array(z.string()),
    requiredTrainings: z.array(z.string()),
    standards: z.array(z.number().nullable()).nullable(),
    critical: z.literal(true).optional().meta({ description: 'Jabatan Kritikal = Ya; tidak ada = Tidak' }),
    unorId: z.string().optional(),
    jabatanFungsionalId: z.string().optional(),
    jabatanFungsionalUmumId: z.string().optional(),
    eselonId: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Position' });

export const DecisionRecord = z
  .object({
    recordNo: z.string().meta({ example: 'MUT-2026-000123' }),
    mutationId: z.string(),
    workbookId: z.string(),
    proposalId: z.string(),
    nip: z.string(),
    fromPositionCode: z.string(),
    toPositionCode: z.string(),
    reason: z.string(),
    effectiveDate: z.string(),
    note: z.string(),
    mendagriApproval: z.string().nullable(),
    approvedBy: z.string(),
    recordedAt: z.string(),
    findings: z.array(Finding),
    employeeVersion: z.number().int(),
    version: z.number().int(),
    explanation: z.string().optional().meta({ description: 'Penjelasan pengusul, bila dikirim bersama keputusannya' }),
  })
  .meta({ id: 'DecisionRecord' });

const PositionState = z.object({ code: z.string(), unit: z.string(), needed: z.number().int(), holders: z.number().int() });

export const PushResult = z
  .discriminatedUnion('status', [
    z.object({ mutationId: z.string(), status: z.literal('recorded'), recordNo: z.string(), version: z.number().int(), findings: z.array(Finding), approvedBy: z.string().meta({ description: 'Nama penyetuju yang tercatat (pemegang token) · the approver recorded' }) }),
    z.object({ mutationId: z.string(), status: z.literal('duplicate'), recordNo: z.string(), version: z.number().int(), findings: z.array(Finding), recordedAt: z.string(), approvedBy: z.string().meta({ description: 'Nama penyetuju yang tercatat · the approver recorded' }) }),
    z.object({
      mutationId: z.string(), status: z.literal('conflict'), reason: z.enum(['VERSION_STALE', 'POSITION_CHANGED', 'FORMATION_FULL']),
      message: z.string(), current: z.object({ employee: EmployeeRecord, position: PositionState }), findings: z.array(Finding),
    }),
    z.object({ mutationId: z.string(), status: z.literal('rejected'), message: z.string(), findings: z.array(Finding) }),
  ])
  .meta({ id: 'PushResult' });

export const PushResponse = z.object({ results: z.array(PushResult) }).meta({ id: 'PushResponse' });

export const ChangesQuery = z
  .object({ cursor: queryInt(2 ** 31).optional(), limit: queryInt(5000).optional() })
  .strict();

const ChangeItem = z.discriminatedUnion('kind', [
  z.object({ version: z.number().int(), kind: z.literal('employee'), data: EmployeeRecord }),
  z.object({ version: z.number().int(), kind: z.literal('position'), data: PositionRecord }),
  z.object({ version: z.number().int(), kind: z.literal('decision'), data: DecisionRecord }),
  z.object({ version: z.number().int(), kind: z.literal('followup'), data: FollowupRecord }),
]);

export const ChangesResponse = z
  .object({
    cursor: z.number().int(),
    more: z.boolean(),
    reset: z.boolean(),
    changes: z.array(ChangeItem),
    snapshot: z.object({
      employees: z.array(EmployeeRecord), positions: z.array(PositionRecord), decisions: z.array(DecisionRecord),
      followups: z.array(FollowupRecord).optional(),
    }).optional(),
  })
  .meta({ id: 'ChangesResponse' });

export const NipParams = z.object({ nip }).strict();
export const EmptyQuery = z.object({}).strict();

export const DecisionsQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional(), unit: text(200).min(1).optional() })
  .strict();

export const PengumumanQuery = z
  .object({
    format: z.enum(['html', 'csv', 'json']).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    unit: text(200).min(1).optional(),
  })
  .strict();

/** A roster row: canonical (or any accepted) header → cell value, as a spreadsheet would give it. */
const Cell = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
const SheetRows = z.array(z.record(z.string().min(1).max(100), Cell));
export const RosterBody = z
  .object({
    pegawai: SheetRows.min(1).max(100_000),
    jabatan: SheetRows.min(1).max(20_000),
    aturan: SheetRows.max(200).optional(),
    overrideRecorded: z.boolean().optional().meta({
      description: 'Posisi/TMT Jabatan di data ini menimpa keputusan tercatat (tanpa ini posisi keputusan dipertahankan); dicatat di audit',
    }),
    allowNoEmployees: z.boolean().optional().meta({ description: 'Boleh mengimpor tanpa satu pegawai pun (hanya Jabatan/Aturan)' }),
  })
  .strict()
  .meta({ id: 'RosterBody' });

const Place = z.object({ positionCode: z.string(), positionStart: z.string().nullable() });
const RecordedConflict = z
  .object({ nip: z.string(), name: z.string(), row: z.number().int(), recordNo: z.string(), recorded: Place, roster: Place })
  .meta({ id: 'RecordedConflict' });

export const RosterResponse = z
  .object({
    employees: z.number().int(),
    positions: z.number().int(),
    employeesChanged: z.number().int(),
    positionsChanged: z.number().int(),
    employeesNotInRoster: z.number().int(),
    version: z.number().int(),
    recordedKept: z.array(RecordedConflict).meta({ description: 'Baris yang posisi/TMT-nya dipertahankan sesuai keputusan tercatat' }),
    recordedOverridden: z.array(RecordedConflict).meta({ description: 'Baris yang menimpa keputusan tercatat (overrideRecorded)' }),
    settingsChanged: z.array(z.object({ setting: z.string(), name: z.string(), before: z.string().nullable(), after: z.string() })),
  })
  .meta({ id: 'RosterReport' });

export const ErrorResponse = z
  .object({
    error: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    findings: z.array(Finding).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Error' });

export const Health = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), version: z.number().int() });

export const AuditReport = z
  .object({
    ok: z.boolean(),
    entries: z.number().int(),
    decisions: z.number().int(),
    headSeq: z.number().int(),
    headHash: z.string(),
    problem: z.object({ seq: z.number().int(), recordNo: z.string().optional(), subject: z.string().optional(), reason: z.string() }).nullable(),
    /** Every problem found (verify keeps going after a bad entry), at most 1,000; problemCount counts all. */
    problems: z.array(z.object({ seq: z.number().int(), recordNo: z.string().optional(), subject: z.string().optional(), reason: z.string() })),
    problemCount: z.number().int(),
    /** Rows of each table compared with the state the chain vouches for. */
    checked: z.object({ employees: z.number().int(), positions: z.number().int(), tokens: z.number().int(), parameters: z.number().int(), changes: z.number().int() }),
  })
  .meta({ id: 'AuditReport' });

export const TokenRoles = z.enum(ROLES);

export const AnnouncementEntry = z
  .object({
    recordNo: z.string(),
    name: z.string(),
    nip: z.string().meta({ description: 'NIP dengan digit tengah disamarkan', example: '1985**********1002' }),
    fromPositionCode: z.string(),
    fromPosition: z.string(),
    fromUnit: z.string(),
    toPositionCode: z.string(),
    toPosition: z.string(),
    toUnit: z.string(),
    effectiveDate: z.string(),
  })
  .meta({ id: 'AnnouncementEntry' });
