import sqlite3 from 'sqlite3';
const log: string[] = []; let t0 = 0; let on = false;
const T = () => (performance.now() - t0).toFixed(2);
function wrap(proto: any, name: string, label: (self: any, args: any[]) => string) {
  const orig = proto[name];
  proto[name] = function (this: any, ...args: any[]) {
    const i = args.findIndex((a) => typeof a === 'function');
    if (on && i >= 0) { const cb = args[i]; const s = T(); const l = label(this, args); args[i] = function (this: any, ...r: any[]) { log.push(`${s}→${T()} ${name} ${l}`); return cb.apply(this, r); }; }
    const a0 = performance.now(); const r = orig.apply(this, args); if (on) log.push(`   sync ${name} ${(performance.now() - a0).toFixed(3)} ms`); return r;
  };
}
wrap((sqlite3 as any).Database.prototype, "exec", (_s, a) => String(a[0]).length + " " + String(a[0]).slice(0, 60).replace(/\s+/g, " "));
wrap((sqlite3 as any).Database.prototype, 'all', (_s, a) => String(a[0]).slice(0, 60).replace(/\s+/g, ' '));
wrap((sqlite3 as any).Database.prototype, 'run', (_s, a) => String(a[0]).slice(0, 60).replace(/\s+/g, ' '));
wrap((sqlite3 as any).Database.prototype, 'get', (_s, a) => String(a[0]).slice(0, 60).replace(/\s+/g, ' '));
wrap((sqlite3 as any).Statement.prototype, 'all', (s) => 'stmt ' + String(s.sql ?? '').slice(0, 50).replace(/\s+/g, ' '));
wrap((sqlite3 as any).Statement.prototype, 'run', (s) => 'stmt ' + String(s.sql ?? '').slice(0, 50).replace(/\s+/g, ' '));
import { randomUUID } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { openDatabase } from '../sync-server/db/connect';
import { GroupWriter } from '../sync-server/server/push/group-commit';
import { authenticate } from '../sync-server/db/tokens';
async function main() {
  const { approver, versions } = JSON.parse(readFileSync('/work/prof/seed.json', 'utf8'));
  const file = `/work/prof/one-${process.pid}.sqlite`; copyFileSync('/work/prof/seed.sqlite', file);
  const db = openDatabase(file);
  const token = (await authenticate(db, approver))!;
  const w = new GroupWriter(db);
  const nips = Object.keys(versions); let n = 0;
  const dec = () => { const nip = nips[n]!; const [v, pos] = versions[nip]; const to = `T-${n % 7960}`; n++; return { mutationId: randomUUID(), proposalId: `U-${n}`, nip, fromPositionCode: pos, toPositionCode: to, reason: 'Rotasi', effectiveDate: '2027-01-04', note: 'x', mendagriApproval: null, baseVersion: v } as any; };
  for (let i = 0; i < 100; i++) await w.submit([dec()], { workbookId: 'wb', token, recheckToken: true });
  {
    const client = db.knex.client as any; const conn = await client.acquireConnection();
    let tot = 0; for (let i = 0; i < 200; i++) { const t = performance.now(); await new Promise<void>((res) => { conn.exec('SELECT 1', () => res()); tot += performance.now() - t; }); }
    console.log('bare exec sync', (tot / 200 * 1000).toFixed(1), 'us');
    await client.releaseConnection(conn);
  }
  for (let k = 0; k < 3; k++) {
    log.length = 0; on = true; t0 = performance.now();
    await w.submit([dec()], { workbookId: 'wb', token, recheckToken: true });
    log.push(`total ${T()}`); on = false;
    console.log(log.join('\n')); console.log('---');
  }
  await db.close();
}
main();
