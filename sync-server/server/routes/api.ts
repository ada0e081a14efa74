/**
 * The JSON API under /api/v1. Every route states its roles; every body and query goes through its
 * zod schema first, so a bad request is refused before anything is read or written.
 */
import { Router, json } from 'express';
import type { Db } from '../../db/connect';
import { pull } from '../../db/changes';
import { verifyAudit } from '../../db/audit-verify';
import { getEmployee, getPosition, listDecisions, listPositions, syncState } from '../../db/queries';
import { saveRoster } from '../../db/roster';
import { ADMINS, READERS, RECORDERS, refuseToken, requireRole, TokenCache, tokenOf } from '../auth';
import type { ServerConfig } from '../config';
import { HttpError } from '../http-error';
import type { GroupWriter } from '../push/group-commit';
import { noEmployeesFinding, readRoster, recordedMoves } from '../roster/read-roster';
import { rowsToSheet } from '../roster/rows-to-sheets';
import { ChangesQuery, DecisionsQuery, EmptyQuery, NipParams, PushBody, RosterBody } from '../schemas';
import { parseOr400 } from '../validate';
import { concurrencyPerToken, failedAuthOf } from '../security';
import { rateLimit } from '../rate-limit';
import { TokenRefused } from '../push/record';
import { followupRouter } from '../followups/routes';

export function apiRouter(db: Db, config: ServerConfig, pushWriter: GroupWriter): Router {
  const r = Router();
  const small = json({ limit: config.bodyLimit });
  const readers = requireRole(db, READERS);

  r.get('/health', async (req, res) => {
    parseOr400(EmptyQuery, req.query, 'Parameter');
    const s = await syncState(db.read);
    res.json({ status: 'ok', database: db.dialect, version: s.version });
  });

  const pushLimiter = rateLimit({
    windowMs: config.pushRateLimit.windowMs,
    limit: config.pushRateLimit.limit,
    key: (_req, res) => `token:${tokenOf(res).id}`,
    limited: (_req, res) => {
      res.setHeader('Retry-After', String(Math.ceil(config.pushRateLimit.windowMs / 1000)));
      res.status(429).json({ error: 'Terlalu banyak pengiriman; tunggu sebentar lalu kirim ulang (keputusan yang sama tidak akan tercatat dua kali)' });
    },
  });

  // The push route's tokens come from a cache; the group writer reads each again under its lock (auth.ts).
  const pushTokens = new TokenCache();
  const failures = failedAuthOf(db);
  r.post('/decisions', requireRole(db, RECORDERS, { cache: pushTokens }), pushLimiter, small, async (req, res) => {
    const body = parseOr400(PushBody, req.body);
    const token = tokenOf(res);
    let results;
    try {
      // Group commit: push/group-commit.ts.
      results = await pushWriter.submit(body.decisions, { workbookId: body.workbookId, token, recheckToken: true });
    } catch (e) {
      if (!(e instanceof TokenRefused)) throw e;
      pushTokens.forget(token.id);
      failures.failed(req.ip ?? req.socket.remoteAddress ?? '');
      throw refuseToken(res);
    }
    res.json({ results });
  });

  r.get('/changes', readers, concurrencyPerToken(config.pullConcurrency, (res) => tokenOf(res).id), async (req, res) => {
    const q = parseOr400(ChangesQuery, req.query, 'Parameter');
    res.json(await pull(db, q.cursor ?? 0, q.limit ?? 1000, tokenOf(res).unit));
  });

  r.get('/employees/:nip', readers, async (req, res) => {
    parseOr400(EmptyQuery, req.query, 'Parameter');
    const { nip } = parseOr400(NipParams, req.params, 'Parameter');
    const employee = await getEmployee(db.read, nip);
    const unit = tokenOf(res).unit;
    // Outside a scoped token's unit the employee is as good as unknown to it.
    const position = employee && unit ? await getPosition(db.read, employee.positionCode) : null;
    if (!employee || (unit && position?.unit !== unit)) throw new HttpError(404, { error: `Pegawai ${nip} tidak ditemukan` });
    res.json(employee);
  });

  r.get('/positions', readers, async (req, res) => {
    parseOr400(EmptyQuery, req.query, 'Parameter');
    res.json({ positions: await listPositions(db.read, tokenOf(res).unit) });
  });

  r.get('/decisions', readers, async (req, res) => {
    const q = parseOr400(DecisionsQuery, req.query, 'Parameter');
    const scope = tokenOf(res).unit;
    if (scope && q.unit && q.unit !== scope) {
      throw new HttpError(403, { error: `Token ini hanya untuk unit ${scope}` });
    }
    res.json({ decisions: await listDecisions(db.read, { from: q.from, to: q.to, unit: scope ?? q.unit }) });
  });

  r.post('/roster', requireRole(db, ADMINS, { unscoped: true }), json({ limit: config.rosterBodyLimit }), async (req, res) => {
    const body = parseOr400(RosterBody, req.body);
    const sheets = [rowsToSheet('Pegawai', body.pegawai), rowsToSheet('Jabatan', body.jabatan)];
    // No rows is no Aturan sheet (nothing to read, not a sheet without its header).
    if (body.aturan?.length) sheets.push(rowsToSheet('Aturan', body.aturan));
    const roster = readRoster(sheets, await recordedMoves(db));
    if (roster.errors.length > 0) {
      throw new HttpError(422, {
        error: `Data tidak diimpor: ${roster.errors.length} galat pada sheet Pegawai/Jabatan`,
        findings: roster.errors.slice(0, 500),
      });
    }
    if (roster.employees.length === 0 && body.allowNoEmployees !== true) {
      throw new HttpError(422, { error: 'Data tidak diimpor: tidak ada pegawai', findings: [noEmployeesFinding('"allowNoEmployees": true')] });
    }
    const report = await saveRoster(db, { ...roster, overrideRecorded: body.overrideRecorded === true, source: 'api' }, tokenOf(res).name);
    res.json(report);
  });

  r.get('/audit/verify', requireRole(db, ADMINS, { unscoped: true }), async (req, res) => {
    parseOr400(EmptyQuery, req.query, 'Parameter');
    res.json(await verifyAudit(db));
  });

  r.use(followupRouter(db, config));

  return r;
}
