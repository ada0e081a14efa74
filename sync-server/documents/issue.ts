/**
 * Documents from the official record: pick the decisions, give each document its number (the per-year
 * sequence, inside the writer's transaction: unique and gap-free however many processes ask at once),
 * fill the templates, and record each issue with its SHA-256 in the audit chain.
 *
 * A document is identified by its kind and its decisions: the SK by the set of record numbers, the
 * others by their one decision (and a petikan by its SK too). Asking again for the same document gives
 * the same row — the same number, date and verification token — and, with the same template, the same
 * bytes. A petikan carries the number of the SK the decision is in; the Surat Penjelasan and the SPMT
 * have numbers of their own and name that SK. A decision not yet in any SK gets one (for the decisions
 * of the request together) when a petikan, letter or SPMT is asked for.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connect';
import { sha256Hex } from '../db/hash';
import { getParameter, listDecisions } from '../db/queries';
import {
  decisionFromRow, employeeFromRow, employeeModel, positionFromRow, positionModel,
  type DecisionRecord, type DecisionRow, type EmployeeRow, type PositionRow,
} from '../db/records';
import { withWriter, type Writer } from '../db/writer';
import type { Settings } from '../../shared/model';
import { isoDate, parseDateText, ymd, type Day } from '../../shared/values/dates';
import { todayWib } from '../server/push/clock';
import { explanationValues, personValues, tanggalPanjang, type MoveFacts, type Values } from './data';
import { KIND_FILE, type DocumentKind } from './placeholders';
import type { RenderInput } from './render';
import { renderAll, RenderPool, threadsFor } from './render-pool';
import { formatNumber, readDocumentSettings } from './settings';
import { loadTemplate, type LoadedTemplate } from './templates';

export class DocumentRequestProblem extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'DocumentRequestProblem';
  }
}

export interface DocumentRequest {
  kinds: DocumentKind[];
  recordNos?: string[];
  /** TMT range (inclusive, ISO) and unit (into or out of), when no record numbers are given. */
  from?: string;
  to?: string;
  unit?: string;
}

export interface GeneratedFile {
  /** Path inside a zip / folder, e.g. `Petikan/Petikan MUT-2027-000001 198…docx`. */
  path: string;
  kind: DocumentKind;
  number: string;
  recordNos: string[];
  sha256: string;
  token: string | null;
  bytes: Buffer;
}

export const MAX_DECISIONS = 2000;

/** The day in Indonesia's western zone (WIB), where a decree is dated. */
export const issueDay = (now = new Date()): Day => todayWib(now);

const newToken = () => randomBytes(16).toString('base64url');

export interface DocumentRow {
  id: number;
  kind: DocumentKind;
  doc_key: string;
  year: number;
  seq: number | null;
  number: string;
  token: string;
  issued_on: string;
  record_nos: string;
  sk_id: number | null;
  created_at: string;
  actor: string;
}

/** Selects the decisions of a request, in record order; unknown record numbers are refused by name. */
export async function selectDecisions(db: Db, req: DocumentRequest, scopeUnit: string | null = null): Promise<DecisionRecord[]> {
  let decisions: DecisionRecord[];
  if (req.recordNos && req.recordNos.length > 0) {
    const wanted = [...new Set(req.recordNos)];
    const rows: DecisionRow[] = [];
    for (let i = 0; i < wanted.length; i += 500) rows.push(...((await db.read('decisions').whereIn('record_no', wanted.slice(i, i + 500))) as DecisionRow[]));
    const found = new Set(rows.map((r) => r.record_no));
    const missing = wanted.filter((r) => !found.has(r));
    if (missing.length > 0) throw new DocumentRequestProblem(`Nomor catatan tidak ada di catatan resmi: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` dan ${missing.length - 10} lainnya` : ''}`, 404);
    decisions = rows.map(decisionFromRow).sort((a, b) => (a.recordNo < b.recordNo ? -1 : 1));
  } else {
    if (!req.from && !req.to && !req.unit) throw new DocumentRequestProblem('Pilih keputusannya: nomor catatan, rentang TMT (dari/sampai) atau unit');
    decisions = await listDecisions(db.read, { from: req.from, to: req.to, unit: req.unit ?? null, limit: MAX_DECISIONS + 1 });
  }
  if (scopeUnit) {
    const units = await unitsOf(db, decisions);
    const outside = decisions.filter((d) => units.get(d.toPositionCode) !== scopeUnit && units.get(d.fromPositionCode) !== scopeUnit);
    if (outside.length > 0) throw new DocumentRequestProblem(`Token ini terbatas pada unit ${scopeUnit}; keputusan ${outside.slice(0, 5).map((d) => d.recordNo).join(', ')} bukan dari atau ke unit itu`, 403);
  }
  if (decisions.length === 0) throw new DocumentRequestProblem('Tidak ada keputusan tercatat yang cocok dengan pilihan ini', 404);
  if (decisions.length > MAX_DECISIONS) throw new DocumentRequestProblem(`Terlalu banyak keputusan sekaligus (lebih dari ${MAX_DECISIONS}); persempit rentang tanggal atau unitnya`);
  return decisions;
}

async function unitsOf(db: Db, decisions: DecisionRecord[]): Promise<Map<string, string>> {
  const codes = [...new Set(decisions.flatMap((d) => [d.toPositionCode, d.fromPositionCode]))];
  const out = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 500) {
    for (const r of (await db.read('positions').select('code', 'unit').whereIn('code', codes.slice(i, i + 500))) as { code: string; unit: string }[]) out.set(r.code, r.unit);
  }
  return out;
}

/** The facts each decision's documents are filled from: the person and positions as the record has them now. */
async function factsOf(db: Db, decisions: DecisionRecord[]): Promise<Map<string, MoveFacts>> {
  const nips = [...new Set(decisions.map((d) => d.nip))];
  const codes = [...new Set(decisions.flatMap((d) => [d.toPositionCode, d.fromPositionCode]))];
  const employees = new Map<string, EmployeeRow>();
  const positions = new Map<string, PositionRow>();
  for (let i = 0; i < nips.length; i += 500) for (const r of (await db.read('employees').whereIn('nip', nips.slice(i, i + 500))) as EmployeeRow[]) employees.set(r.nip, r);
  for (let i = 0; i < codes.length; i += 500) for (const r of (await db.read('positions').whereIn('code', codes.slice(i, i + 500))) as PositionRow[]) positions.set(r.code, r);
  const stored = await getParameter<Omit<Settings, 'asOf'>>(db.read, 'settings');
  const jpmCut = { min: stored?.jpmMin ?? 68, ok: stored?.jpmOk ?? 80 };
  const out = new Map<string, MoveFacts>();
  for (const d of decisions) {
    const e = employees.get(d.nip);
    const to = positions.get(d.toPositionCode);
    if (!e || !to) throw new Error(`decision ${d.recordNo} without its employee or position`);
    const from = positions.get(d.fromPositionCode);
    out.set(d.recordNo, {
      recordNo: d.recordNo, proposalId: d.proposalId, employee: employeeModel(employeeFromRow(e)),
      from: from ? positionModel(positionFromRow(from)) : null, fromCode: d.fromPositionCode, to: positionModel(positionFromRow(to)),
      reason: d.reason, effectiveDate: d.effectiveDate, note: d.note, explanation: d.explanation ?? '', mendagriApproval: d.mendagriApproval ?? '', jpmCut,
    });
  }
  return out;
}

interface Wanted {
  kind: DocumentKind;
  key: string;
  recordNos: string[];
  /** For petikan (keyed by it), penjelasan and SPMT: the SK's key. */
  skKey: string | null;
}

const skKeyOf = (recordNos: string[]) => `sk:${sha256Hex([...recordNos].sort().join(','))}`;

/**
 * Finds or creates the document rows of `wanted`, in one write transaction (the writer lock): new
 * numbers follow the year's last one with no gap; every new number is an audit entry.
 */
async function numberDocuments(db: Db, wanted: Wanted[], needSkFor: string[], actor: string, day: Day): Promise<Map<string, DocumentRow>> {
  const settings = await readDocumentSettings(db);
  const { y, m } = ymd(day);
  return withWriter(db, async (w) => {
    const byKey = new Map<string, DocumentRow>();
    const load = async (keys: string[]) => {
      for (let i = 0; i < keys.length; i += 500) {
        for (const r of (await w.trx('documents').whereIn('doc_key', keys.slice(i, i + 500))) as DocumentRow[]) byKey.set(r.doc_key, norm(r));
      }
    };
    // The SK each decision is already in (the first one issued), for petikan and letters.
    const skOfDecision = new Map<string, DocumentRow>();
    if (needSkFor.length > 0) {
      for (let i = 0; i < needSkFor.length; i += 500) {
        const rows = (await w.trx('document_decisions as dd').join('documents as d', 'd.id', 'dd.document_id')
          .where('d.kind', 'sk').whereIn('dd.record_no', needSkFor.slice(i, i + 500)).select('dd.record_no', 'd.*').orderBy('d.id', 'desc')) as (DocumentRow & { record_no: string })[];
        for (const r of rows) skOfDecision.set(r.record_no, norm(r)); // ascending wins: last write is the lowest id
      }
    }
    await load([...new Set(wanted.map((x) => x.key))]);
    let last = Number(((await w.trx('document_numbers').where({ year: y }).first()) as { last: number } | undefined)?.last ?? 0);
    const firstLast = last;
    const created: DocumentRow[] = [];
    const links: { document_id: number; record_no: string }[] = [];
    const audits: { actor: string; action: string; payload: unknown }[] = [];
    const now = new Date().toISOString();
    const create = async (x: Wanted, sk: DocumentRow | null): Promise<DocumentRow> => {
      const numbered = x.kind !== 'petikan';
      const seq = numbered ? ++last : null;
      const row = {
        kind: x.kind, doc_key: x.key, year: numbered ? y : sk!.year, seq, number: numbered ? formatNumber(settings.pattern, seq!, y, m) : sk!.number,
        token: newToken(), issued_on: numbered ? isoDate(day) : sk!.issued_on, record_nos: JSON.stringify(x.recordNos), sk_id: sk?.id ?? null,
        created_at: now, actor,
      };
      const [inserted] = await w.trx('documents').insert(row).returning('id');
      const id = Number(typeof inserted === 'object' ? (inserted as { id: number }).id : inserted);
      const full = { ...row, id } as DocumentRow;
      created.push(full);
      for (const r of x.recordNos) links.push({ document_id: id, record_no: r });
      audits.push({ actor, action: 'document.number', payload: { kind: x.kind, number: full.number, year: full.year, seq, recordNos: x.recordNos } });
      byKey.set(x.key, full);
      return full;
    };
    // SKs first (asked for, or needed by a petikan / letter whose decision is in none yet).
    for (const x of wanted.filter((x) => x.kind === 'sk')) if (!byKey.has(x.key)) await create(x, null);
    const orphans = needSkFor.filter((r) => !skOfDecision.has(r));
    if (orphans.length > 0) {
      // The SK asked for in this same request, when it covers them; else one SK for these decisions.
      const asked = wanted.find((x) => x.kind === 'sk');
      const key = asked && orphans.every((r) => asked.recordNos.includes(r)) ? asked.key : skKeyOf(orphans);
      const sk = byKey.get(key) ?? (await load([key]), byKey.get(key)) ?? (await create({ kind: 'sk', key, recordNos: orphans, skKey: null }, null));
      for (const r of orphans) skOfDecision.set(r, sk);
    }
    for (const x of wanted) {
      if (x.kind === 'sk' || byKey.has(x.key)) continue;
      const sk = skOfDecision.get(x.recordNos[0]!) ?? null;
      if (x.kind === 'petikan') {
        // A petikan's key names its SK: fix it now that the SK is known.
        const key = `petikan:${sk!.id}:${x.recordNos[0]}`;
        if (!byKey.has(key)) await load([key]);
        const row = byKey.get(key) ?? (await create({ ...x, key }, sk));
        byKey.set(x.key, row);
      } else {
        await create(x, sk);
      }
    }
    for (let i = 0; i < links.length; i += 300) await w.trx('document_decisions').insert(links.slice(i, i + 300));
    if (last !== firstLast) await w.trx('document_numbers').insert({ year: y, last }).onConflict('year').merge();
    if (audits.length > 0) await w.auditMany(audits);
    // The SK of each decision, for the letters' {nomorSk}.
    for (const [r, sk] of skOfDecision) byKey.set(`sk-of:${r}`, sk);
    return byKey;
  });
}

const norm = (r: DocumentRow): DocumentRow => ({ ...r, id: Number(r.id), year: Number(r.year), seq: r.seq === null ? null : Number(r.seq), sk_id: r.sk_id === null ? null : Number(r.sk_id) });

const safeName = (s: string) => s.replace(/[^\p{L}\p{N} .,()-]+/gu, '-').replace(/-+/g, '-').slice(0, 120).trim();

export function verificationUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/verifikasi/${token}`;
}

const dayDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The common placeholders of a numbered document. */
function commonValues(row: DocumentRow, base: string): Values {
  const day = parseDateText(row.issued_on)!;
  return {
    nomor: row.number, tanggal: tanggalPanjang(day), tahun: String(ymd(day).y), nomorCatatan: (JSON.parse(row.record_nos) as string[]).join(', '),
    tautanVerifikasi: verificationUrl(base, row.token), draf: false, verifikasi: true,
  };
}

export interface IssueOptions {
  actor: string;
  /** The server's public address for the QR codes. */
  baseUrl: string;
  now?: Date;
  /** The token's unit, when the caller is limited to one. */
  scopeUnit?: string | null;
}

/** Generates the documents of a request from the official record. */
export async function issueDocuments(db: Db, req: DocumentRequest, o: IssueOptions): Promise<GeneratedFile[]> {
  const kinds = DOC_ORDER.filter((k) => req.kinds.includes(k));
  if (kinds.length === 0) throw new DocumentRequestProblem('Pilih jenis dokumen: sk, petikan, penjelasan, spmt');
  const decisions = await selectDecisions(db, req, o.scopeUnit ?? null);
  const facts = await factsOf(db, decisions);
  const recordNos = decisions.map((d) => d.recordNo);
  const wanted: Wanted[] = [];
  if (kinds.includes('sk')) wanted.push({ kind: 'sk', key: skKeyOf(recordNos), recordNos, skKey: null });
  for (const k of kinds) {
    if (k === 'sk') continue;
    for (const r of recordNos) wanted.push({ kind: k, key: `${k}:${r}`, recordNos: [r], skKey: null });
  }
  const needSk = kinds.some((k) => k !== 'sk') ? recordNos : [];
  // A batch worth the threads starts them now: they load the engine while the numbers are given.
  const threads = threadsFor(wanted.length);
  const pool = threads >= 2 ? new RenderPool(threads) : null;
  try {
    return await numberAndFill(db, wanted, needSk, kinds, facts, o, pool);
  } finally {
    await pool?.close();
  }
}

async function numberAndFill(
  db: Db, wanted: Wanted[], needSk: string[], kinds: DocumentKind[], facts: Map<string, MoveFacts>, o: IssueOptions, pool: RenderPool | null,
): Promise<GeneratedFile[]> {
  const rows = await numberDocuments(db, wanted, needSk, o.actor, issueDay(o.now));
  const templates = new Map<DocumentKind, LoadedTemplate>();
  for (const k of kinds) templates.set(k, await loadTemplate(db, k));

  const inputs: RenderInput[] = [];
  const paths: string[] = [];
  for (const x of wanted) {
    const row = rows.get(x.key)!;
    const common = commonValues(row, o.baseUrl);
    let values: Values;
    if (x.kind === 'sk') {
      const people = x.recordNos.map((r, i) => ({ no: i + 1, ...personValues(facts.get(r)!) }));
      values = { ...common, jumlah: people.length, pegawai: people };
      paths.push(`${KIND_FILE.sk}/${safeName(`SK ${row.number}`)}.docx`);
    } else {
      const f = facts.get(x.recordNos[0]!)!;
      const sk = rows.get(`sk-of:${f.recordNo}`)!;
      values = {
        ...common, ...personValues(f), nomorSk: sk.number, tanggalSk: tanggalPanjang(parseDateText(sk.issued_on)!),
        ...(x.kind === 'penjelasan' ? explanationValues(f) : {}),
      };
      paths.push(`${KIND_FILE[x.kind]}/${safeName(`${KIND_FILE[x.kind]} ${f.recordNo} ${f.employee.nip}`)}.docx`);
    }
    const t = templates.get(x.kind)!;
    inputs.push({ kind: x.kind, fileName: t.fileName, template: t.bytes, values, qrUrl: verificationUrl(o.baseUrl, row.token), date: dayDate(row.issued_on) });
  }
  // A large batch is filled on every core (render-pool.ts); the bytes are the same either way.
  const rendered = await renderAll(inputs, 0, pool);
  const files: GeneratedFile[] = wanted.map((x, i) => {
    const row = rows.get(x.key)!;
    return { path: paths[i]!, kind: x.kind, number: row.number, recordNos: x.recordNos, sha256: sha256Hex(rendered[i]!), token: row.token, bytes: rendered[i]! };
  });
  await recordIssues(db, files, rows, wanted, o.actor);
  return files;
}

const DOC_ORDER: DocumentKind[] = ['sk', 'petikan', 'penjelasan', 'spmt'];

/** Each issue (document, SHA-256, who, when) in document_issues and the audit chain. */
async function recordIssues(db: Db, files: GeneratedFile[], rows: Map<string, DocumentRow>, wanted: Wanted[], actor: string): Promise<void> {
  const at = new Date().toISOString();
  const issues = files.map((f, i) => ({ document_id: rows.get(wanted[i]!.key)!.id, sha256: f.sha256, issued_at: at, actor }));
  await withWriter(db, async (w: Writer) => {
    for (let i = 0; i < issues.length; i += 200) await w.trx('document_issues').insert(issues.slice(i, i + 200));
    await w.auditMany(files.map((f) => ({ actor, action: 'document.issue', payload: { kind: f.kind, number: f.number, recordNos: f.recordNos, sha256: f.sha256 } })));
  });
}
