/**
 * Decision documents over HTTP.
 *  - /api/v1/documents (approver, admin): one document as .docx, or a batch as .zip (with daftar.csv);
 *    /api/v1/documents/link gives a short-lived address the add-in opens in the browser (Excel cannot
 *    save a download itself); templates (list, download; admin: replace, back to default); settings.
 *  - /verifikasi/<token> (public): the page a document's QR code opens; `?sha256=` checks a file's hash,
 *    POST of the file itself (raw body) answers whether it is the issued one.
 */
import { randomBytes } from 'node:crypto';
import { Router, json, raw, type Request, type Response } from 'express';
import PizZip from 'pizzip';
import type { Db } from '../../db/connect';
import { sha256Hex } from '../../db/hash';
import { issueDocuments, selectDecisions, DocumentRequestProblem, type DocumentRequest, type GeneratedFile } from '../../documents/issue';
import { TemplateProblem } from '../../documents/render';
import { DOCUMENT_KINDS, KIND_TITLE, PLACEHOLDERS, type DocumentKind } from '../../documents/placeholders';
import { DocumentsBody, DocumentSettingsBody, KindParams, TemplateQuery, VerifyQuery } from '../../documents/schemas';
import { readDocumentSettings, writeDocumentSettings, SettingsProblem } from '../../documents/settings';
import { installTemplate, loadTemplate, removeTemplate } from '../../documents/templates';
import {
  renderBadHashHtml, renderLinkExpiredHtml, renderNotFoundHtml, renderVerificationHtml, TOKEN_SHAPE, verification, verificationCsp, verifyScript, VERIFY_SCRIPT_PATH,
} from '../../documents/verify';
import type { TokenInfo } from '../../db/tokens';
import { requireRole, tokenOf } from '../auth';
import { HttpError } from '../http-error';
import { parseOr400 } from '../validate';

const ISSUERS = ['approver', 'admin'] as const;
const LINK_MINUTES = 10;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Where the QR codes point: the setting, else the address this request came in on. */
async function baseUrlOf(db: Db, req: Request): Promise<string> {
  const s = await readDocumentSettings(db);
  if (s.publicUrl) return s.publicUrl;
  const host = req.host ?? '';
  if (!HOST.test(host)) throw new HttpError(400, { error: 'Header Host tidak sah untuk alamat verifikasi; isi alamat server di pengaturan dokumen' });
  return `${req.protocol}://${host}`;
}

/** Known problems as the client's 4xx with the reason; anything else goes on to the error handler. */
function asHttp(e: unknown): never {
  if (e instanceof DocumentRequestProblem) throw new HttpError(e.status, { error: e.message });
  if (e instanceof TemplateProblem) throw new HttpError(422, { error: e.message, problems: e.problems, kind: e.kind });
  if (e instanceof SettingsProblem) throw new HttpError(400, { error: e.message });
  throw e;
}

const csvCell = (s: string) => {
  const safe = /^[=+\-@\t\r]/.test(s) ? ` ${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** A batch as one zip: the documents in folders by kind, and daftar.csv (file, kind, number, records, SHA-256). */
export function zipOf(files: GeneratedFile[]): Buffer {
  const zip = new PizZip();
  const lines = ['Berkas,Jenis,Nomor,Nomor Catatan,SHA-256'];
  for (const f of files) {
    zip.file(f.path, f.bytes, { binary: true, compression: 'STORE' });
    lines.push([f.path, f.kind, f.number, f.recordNos.join(' '), f.sha256].map(csvCell).join(','));
  }
  zip.file('daftar.csv', '\uFEFF' + lines.join('\r\n') + '\r\n');
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}

function sendFiles(res: Response, files: GeneratedFile[]): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Document-Count', String(files.length));
  if (files.length === 1) {
    const f = files[0]!;
    const name = f.path.split('/').pop()!;
    res.setHeader('X-Document-Sha256', f.sha256);
    res.setHeader('Content-Disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.type(DOCX).send(f.bytes);
    return;
  }
  res.setHeader('Content-Disposition', 'attachment; filename="dokumen-mutasi.zip"');
  res.type('application/zip').send(zipOf(files));
}

/** Sets the public pages' own strict CSP (verify.ts) with a fresh nonce for their <style>; the nonce. */
function pageCsp(req: Request, res: Response): string {
  const nonce = randomBytes(16).toString('base64');
  res.setHeader('Content-Security-Policy', verificationCsp(nonce, req.secure));
  return nonce;
}

const actorOf = (t: TokenInfo) => `${t.name} (${t.role}#${t.id})`;

export function documentsRouter(db: Db): Router {
  const r = Router();
  const issuers = requireRole(db, ISSUERS);
  const admins = requireRole(db, ['admin']);
  const small = json({ limit: '200kb' });

  const request = (body: ReturnType<typeof DocumentsBody.parse>): DocumentRequest => ({
    kinds: body.kinds, recordNos: body.recordNos, from: body.from, to: body.to, unit: body.unit,
  });

  r.post('/api/v1/documents', issuers, small, async (req, res) => {
    const body = parseOr400(DocumentsBody, req.body);
    const t = tokenOf(res);
    const files = await issueDocuments(db, request(body), { actor: actorOf(t), baseUrl: await baseUrlOf(db, req), scopeUnit: t.unit }).catch(asHttp);
    sendFiles(res, files);
  });

  r.post('/api/v1/documents/link', issuers, small, async (req, res) => {
    const body = parseOr400(DocumentsBody, req.body);
    const t = tokenOf(res);
    // Checked now, so the link never fails for a reason known today.
    const decisions = await selectDecisions(db, request(body), t.unit).catch(asHttp);
    const id = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + LINK_MINUTES * 60_000).toISOString();
    await db.knex('document_links').where('expires_at', '<', new Date().toISOString()).delete();
    await db.knex('document_links').insert({ id, request: JSON.stringify({ body, unit: t.unit, actor: actorOf(t) }), actor: actorOf(t), expires_at: expiresAt });
    const base = await baseUrlOf(db, req);
    const perDecision = body.kinds.filter((k) => k !== 'sk').length;
    res.setHeader('Cache-Control', 'no-store');
    res.json({ url: `${base}/api/v1/documents/download/${id}`, expiresAt, files: (body.kinds.includes('sk') ? 1 : 0) + perDecision * decisions.length });
  });

  // No token: the link itself is the secret (random, 10 minutes); the browser opens it.
  r.get('/api/v1/documents/download/:id', async (req, res) => {
    const id = String(req.params.id ?? '');
    const row = /^[A-Za-z0-9_-]{32}$/.test(id) ? ((await db.read('document_links').where({ id }).first()) as { request: string; expires_at: string } | undefined) : undefined;
    if (!row || row.expires_at < new Date().toISOString()) {
      res.status(404).type('html').send(renderLinkExpiredHtml(pageCsp(req, res)));
      return;
    }
    const saved = JSON.parse(row.request) as { body: ReturnType<typeof DocumentsBody.parse>; unit: string | null; actor: string };
    const files = await issueDocuments(db, request(saved.body), { actor: saved.actor, baseUrl: await baseUrlOf(db, req), scopeUnit: saved.unit }).catch(asHttp);
    sendFiles(res, files);
  });

  r.get('/api/v1/documents/templates', issuers, async (_req, res) => {
    const out = [];
    for (const kind of DOCUMENT_KINDS) {
      const t = await loadTemplate(db, kind);
      out.push({
        kind, title: KIND_TITLE[kind], source: t.source, fileName: t.fileName, sha256: t.sha256, installedAt: t.installedAt, installedBy: t.actor,
        placeholders: PLACEHOLDERS[kind].flatMap((p) => [p.tag, ...(p.inner ?? []).map((i) => `${p.tag}.${i.tag}`)]),
      });
    }
    res.json({ templates: out });
  });

  r.get('/api/v1/documents/templates/:kind', issuers, async (req, res) => {
    const { kind } = parseOr400(KindParams, req.params, 'Parameter');
    const t = await loadTemplate(db, kind as DocumentKind);
    res.setHeader('Content-Disposition', `attachment; filename="templat-${kind}.docx"`);
    res.type(DOCX).send(t.bytes);
  });

  r.put('/api/v1/documents/templates/:kind', admins, raw({ type: () => true, limit: '10mb' }), async (req, res) => {
    const { kind } = parseOr400(KindParams, req.params, 'Parameter');
    const { nama } = parseOr400(TemplateQuery, req.query, 'Parameter');
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) throw new HttpError(400, { error: 'Kirim berkas .docx templat sebagai badan permintaan' });
    const info = await installTemplate(db, kind as DocumentKind, nama ?? `${kind}.docx`, bytes, actorOf(tokenOf(res))).catch(asHttp);
    res.json({ kind, sha256: info.sha256, placeholders: info.tags });
  });

  r.delete('/api/v1/documents/templates/:kind', admins, async (req, res) => {
    const { kind } = parseOr400(KindParams, req.params, 'Parameter');
    const removed = await removeTemplate(db, kind as DocumentKind, actorOf(tokenOf(res)));
    res.json({ kind, removed, source: 'bawaan' });
  });

  r.get('/api/v1/documents/settings', issuers, async (_req, res) => {
    res.json(await readDocumentSettings(db));
  });

  r.put('/api/v1/documents/settings', admins, small, async (req, res) => {
    const body = parseOr400(DocumentSettingsBody, req.body);
    res.json(await writeDocumentSettings(db, body, actorOf(tokenOf(res))).catch(asHttp));
  });

  // ---- public verification ----
  // The page's file check (verify-page.js): a static script, so the page's CSP needs no inline code.
  r.get(VERIFY_SCRIPT_PATH, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/javascript; charset=utf-8').send(verifyScript());
  });

  r.get('/verifikasi/:token', async (req, res) => {
    const token = String(req.params.token ?? '');
    const wantsJson = req.query.format === 'json';
    const lang = req.query.lang === 'en' ? 'en' : 'id';
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex');
    let q;
    try {
      q = parseOr400(VerifyQuery, req.query, 'Parameter');
    } catch (e) {
      if (!wantsJson && e instanceof HttpError) {
        res.status(400).type('html').send(renderBadHashHtml(TOKEN_SHAPE.test(token) ? token : '', { lang, nonce: pageCsp(req, res) }));
        return;
      }
      throw e;
    }
    const v = await verification(db, token, q.sha256 ?? null);
    if (!v) {
      if (wantsJson) throw new HttpError(404, { error: 'Kode verifikasi tidak dikenal' });
      res.status(404).type('html').send(renderNotFoundHtml({ lang, nonce: pageCsp(req, res) }));
      return;
    }
    if (wantsJson) res.json(v);
    else res.type('html').send(renderVerificationHtml(v, token, { lang, nonce: pageCsp(req, res) }));
  });

  r.post('/verifikasi/:token', raw({ type: () => true, limit: '20mb' }), async (req, res) => {
    const token = String(req.params.token ?? '');
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) throw new HttpError(400, { error: 'Kirim berkas dokumen sebagai badan permintaan' });
    const v = await verification(db, token, sha256Hex(bytes));
    if (!v) throw new HttpError(404, { error: 'Kode verifikasi tidak dikenal' });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ number: v.number, sha256: v.check!.sha256, matches: v.check!.matches, decisionsStand: v.decisions.every((d) => d.stands) });
  });

  return r;
}
