/** GET /pengumuman — public, no token: the announcement of recorded transfers (HTML, ?format=csv|json). */
import { Router } from 'express';
import type { Db } from '../../db/connect';
import { announcementEntries } from '../pengumuman/entries';
import { renderCsv, renderHtml, renderProblemHtml } from '../pengumuman/render';
import { HttpError } from '../http-error';
import { PengumumanQuery } from '../schemas';
import { parseOr400 } from '../validate';

export function pengumumanRouter(db: Db): Router {
  const r = Router();
  r.get('/pengumuman', async (req, res) => {
    let q;
    try {
      q = parseOr400(PengumumanQuery, req.query, 'Parameter');
    } catch (e) {
      // The page is opened on phones from a shared link: a wrong link to the page gets a page, not JSON
      // (a caller that asked for another format still gets the API's JSON error).
      const format = req.query.format;
      if (e instanceof HttpError && (format === undefined || format === 'html')) {
        res.status(400).type('html').send(renderProblemHtml((e.body.issues as { path: string; message: string }[] | undefined) ?? []));
        return;
      }
      throw e;
    }
    const entries = await announcementEntries(db, q);
    res.setHeader('Cache-Control', 'public, max-age=60');
    if (q.format === 'json') {
      res.json({ generatedAt: new Date().toISOString(), entries });
    } else if (q.format === 'csv') {
      res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="pengumuman-mutasi.csv"');
      res.send(renderCsv(entries));
    } else {
      res.type('html').send(renderHtml(entries, new Date()));
    }
  });
  return r;
}
