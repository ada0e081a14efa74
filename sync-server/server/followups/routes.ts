/**
 * /api/v1/followups: after the move (SYNC-API.md). Writes by a supervisor or approver of the receiving
 * unit, or an admin; reads by every role, a unit-limited token seeing its own unit only. Never public:
 * nothing of it reaches /pengumuman.
 */
import { Router, json } from 'express';
import type { Db } from '../../db/connect';
import { loadMoves, readFollowupSettings, type Move } from '../../db/followups';
import type { Role } from '../../db/tokens';
import { READERS, requireRole, tokenOf } from '../auth';
import type { ServerConfig } from '../config';
import { HttpError } from '../http-error';
import { todayWib } from '../push/clock';
import { parseOr400 } from '../validate';
import { addMonths, isoDate, parseDateText } from '../../../shared/values/dates';
import { REPORT_MONTHS, dueList, followupItems, followupReport, type MoveFollowup } from '../../../shared/followup';
import { FollowupBody, FollowupQuery, RecordNoParams, ReportQuery } from './schemas';
import { writeFollowups } from './write';

export const FOLLOWUP_WRITERS: readonly Role[] = ['supervisor', 'approver', 'admin'];

const facts = (m: Move): MoveFollowup => ({ ...m.followup, endedOn: m.endedOn });

export function followupRouter(db: Db, config: ServerConfig): Router {
  const r = Router();
  const readers = requireRole(db, READERS);

  /** A scoped token asking for another unit is refused; otherwise its unit, or the one asked for. */
  const unitFor = (scope: string | null, asked: string | undefined): string | null => {
    if (scope && asked && asked !== scope) throw new HttpError(403, { error: `Token ini hanya untuk unit ${scope}` });
    return scope ?? asked ?? null;
  };

  r.post('/followups', requireRole(db, FOLLOWUP_WRITERS), json({ limit: config.bodyLimit }), async (req, res) => {
    const body = parseOr400(FollowupBody, req.body);
    res.json({ results: await writeFollowups(db, body.entries, { token: tokenOf(res) }) });
  });

  r.get('/followups/due', readers, async (req, res) => {
    const q = parseOr400(FollowupQuery, req.query, 'Parameter');
    const unit = unitFor(tokenOf(res).unit, q.unit);
    const at = q.at ? parseDateText(q.at)! : todayWib();
    const [moves, settings] = await Promise.all([loadMoves(db.read, { unit, to: isoDate(at) }), readFollowupSettings(db.read)]);
    const byRecord = new Map(moves.map((m) => [m.followup.recordNo, m]));
    const items = dueList(moves.map(facts), settings, at).map((it) => {
      const m = byRecord.get(it.recordNo)!;
      return { ...it, name: m.name, toPositionCode: m.followup.toPositionCode, toPosition: m.toPosition, version: m.followup.version };
    });
    res.json({
      at: isoDate(at), unit, settings,
      overdue: items.filter((i) => i.status === 'overdue').length, due: items.filter((i) => i.status === 'due').length, items,
    });
  });

  r.get('/followups/report', readers, async (req, res) => {
    const q = parseOr400(ReportQuery, req.query, 'Parameter');
    const unit = unitFor(tokenOf(res).unit, q.unit);
    const at = q.at ? parseDateText(q.at)! : todayWib();
    const to = q.to ?? isoDate(at);
    const from = q.from ?? isoDate(addMonths(at, -REPORT_MONTHS));
    if (from > to) throw new HttpError(400, { error: 'Parameter tidak valid', issues: [{ path: 'from', message: `from (${from}) sesudah to (${to})` }] });
    const [moves, settings] = await Promise.all([loadMoves(db.read, { unit, from, to }), readFollowupSettings(db.read)]);
    const report = followupReport(moves.map(facts), settings, at);
    res.json({ at: isoDate(at), from, to, unit, settings, ...report });
  });

  r.get('/followups/:recordNo', readers, async (req, res) => {
    const q = parseOr400(FollowupQuery.pick({ at: true }), req.query, 'Parameter');
    const { recordNo } = parseOr400(RecordNoParams, req.params, 'Parameter');
    const scope = tokenOf(res).unit;
    const [m] = await loadMoves(db.read, { recordNo });
    // Outside a scoped token's unit the follow-up is as good as unknown to it.
    if (!m || (scope && m.followup.unit !== scope)) throw new HttpError(404, { error: `Keputusan ${recordNo} tidak ditemukan` });
    const at = q.at ? parseDateText(q.at)! : todayWib();
    const settings = await readFollowupSettings(db.read);
    const schedule = followupItems(parseDateText(m.followup.effectiveDate)!, { ...m.followup, endedOn: m.endedOn }, settings, at).map((it) => ({
      ...it, dueDate: isoDate(it.dueDate), doneDate: it.doneDate === null ? null : isoDate(it.doneDate),
    }));
    res.json({ followup: m.followup, name: m.name, fromPositionCode: m.fromPositionCode, toPosition: m.toPosition, settings, at: isoDate(at), schedule });
  });

  return r;
}
