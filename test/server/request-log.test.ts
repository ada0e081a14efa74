/**
 * The running server's log (app.ts `createLogger`, request-log.ts): one line a request reaches stdout
 * while the server keeps running — written in the background, so a slow reader of stdout never holds
 * a push up — and none is missing once it has stopped. (`mutasi serve` also flushes what is still
 * buffered when it exits on Ctrl+C / SIGTERM: pino's exit hook for a `sync: false` destination.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { startServerChild } from './support/child';

describe('server log: one line a request, written without waiting', function () {
  this.timeout(60_000);

  it('lines arrive while the server runs (request id, status, time), and all of them by the time it stops', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-log-'));
    const file = path.join(dir, 'mutasi.sqlite');
    const db = openDatabase(file);
    await migrateLatest(db);
    await db.close();
    const log = path.join(dir, 'server.log');
    const child = await startServerChild(file, { LOG_LEVEL: 'info' }, { stdoutFile: log });
    const lines = () => readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('{"level"')).map((l) => JSON.parse(l) as { reqId: string; msg: string; res: { statusCode: number }; responseTime: number });
    try {
      const res = await fetch(`${child.url}/api/v1/health`, { headers: { 'X-Request-Id': 'log-uji-1' } });
      assert.equal(res.status, 200);
      let line;
      for (let i = 0; i < 100 && !line; i++) {
        line = lines().find((l) => l.reqId === 'log-uji-1');
        if (!line) await new Promise((r) => setTimeout(r, 20));
      }
      assert.ok(line, 'the line is written while the server runs');
      assert.equal(line.msg, 'request completed');
      assert.equal(line.res.statusCode, 200);
      for (let i = 0; i < 50; i++) await fetch(`${child.url}/api/v1/health`, { headers: { 'X-Request-Id': `log-uji-n${i}` } });
    } finally {
      child.proc.kill('SIGTERM');
      await child.exited;
    }
    const ids = new Set(lines().map((l) => l.reqId));
    for (let i = 0; i < 50; i++) assert.ok(ids.has(`log-uji-n${i}`), `line of request ${i}`);
  });
});
