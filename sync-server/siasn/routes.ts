/**
 * /api/v1/siasn (docs/siasn.md): the SIASN state of each recorded decision, and "send now".
 *  - GET /siasn/status (approver, admin): per decision sent (SIASN's rwJabatanId and answer), refused
 *    (SIASN's message), retrying (next attempt), failed, waiting, incomplete (what is missing) or not
 *    configured. A unit-limited token sees the decisions into or out of its unit, like GET /decisions.
 *  - POST /siasn/send (admin, unscoped): a sending round now, retries included without waiting for
 *    their time; answered when it ends, or after SEND_WAIT_MS with `done: false` while it goes on.
 */
import { Router, json } from 'express';
import type { Db } from '../db/connect';
import { requireRole, tokenOf } from '../server/auth';
import { HttpError } from '../server/http-error';
import { parseOr400 } from '../server/validate';
import { SiasnSendBody, SiasnStatusQuery } from './schemas';
import type { SiasnService } from './service';

export const SIASN_READERS = ['approver', 'admin'] as const;
export const SEND_WAIT_MS = 20_000;

export function siasnRouter(db: Db, siasn: SiasnService, o: { sendWaitMs?: number } = {}): Router {
  const r = Router();

  r.get('/siasn/status', requireRole(db, SIASN_READERS), async (req, res) => {
    const q = parseOr400(SiasnStatusQuery, req.query, 'Parameter');
    const scope = tokenOf(res).unit;
    if (scope && q.unit && q.unit !== scope) throw new HttpError(403, { error: `Token ini hanya untuk unit ${scope}` });
    const recordNos = q.recordNos ? [...new Set(q.recordNos.split(',').map((x) => x.trim()))] : undefined;
    const st = await siasn.status({ from: q.from, to: q.to, unit: scope ?? q.unit, recordNos, read: true });
    const cfg = siasn.config;
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      configured: st.configured,
      problem: siasn.problem,
      tokens: cfg ? { wso: cfg.wso.kind, sso: cfg.sso.kind } : null,
      lastRound: siasn.lastRound,
      counts: st.counts,
      entries: st.entries,
    });
  });

  r.post('/siasn/send', requireRole(db, ['admin'], { unscoped: true }), json({ limit: '1kb' }), async (req, res) => {
    parseOr400(SiasnSendBody, req.body ?? {});
    if (!siasn.configured) {
      throw new HttpError(409, { error: siasn.problem ?? 'SIASN belum dikonfigurasi: isi SIASN_URL dan kedua token (kredensial atau token statis) di pengaturan server' });
    }
    const round = siasn.round({ ignoreBackoff: true });
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([round, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), o.sendWaitMs ?? SEND_WAIT_MS)))]);
    clearTimeout(timer);
    const counts = (await siasn.status()).counts;
    res.status(waited ? 200 : 202).json({ done: waited !== null, round: waited, counts });
  });

  return r;
}
