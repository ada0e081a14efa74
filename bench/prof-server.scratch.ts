// scratch: seed once, then run the server child (optionally with --cpu-prof) under autocannon flat out; print rate + CPU/push.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../sync-server/db/connect';
import { migrateLatest } from '../sync-server/db/migrate';
import { saveRoster } from '../sync-server/db/roster';
import { createToken } from '../sync-server/db/tokens';
import { employee, position, uniqueNip } from '../test/server/support/fixtures';
const autocannon = require('autocannon');
const SEED = '/work/prof/seed.sqlite';
const WB = '5b0c4a3e-2d1f-4e6a-9b8c-7d6e5f4a3b2c';
async function seed() {
  const positions = [] as any[]; const employees = [] as any[];
  for (let k = 0; k < 40; k++) positions.push(position(`POOL-${k}`, `U-${String(k).padStart(2,'0')}`, 1000));
  for (let k = 0; k < 7960; k++) positions.push(position(`T-${k}`, `U-${String(k%40).padStart(2,'0')}`, 3));
  for (let i = 0; i < 40000; i++) employees.push(employee(uniqueNip(i), `POOL-${i % 40}`));
  const db = openDatabase(SEED); await migrateLatest(db);
  for (let i = 0; i < positions.length; i += 1000) await saveRoster(db, { employees: [], positions: positions.slice(i, i + 1000), source: 'bench' } as any, 'bench');
  for (let i = 0; i < employees.length; i += 1000) await saveRoster(db, { employees: employees.slice(i, i + 1000), positions: [], source: 'bench' } as any, 'bench');
  const approver = (await createToken(db, { name: 'Bench Approver', role: 'approver' }, 'bench')).token;
  const versions = Object.fromEntries(((await db.knex('employees').select('nip', 'version', 'position_code')) as any[]).map((r) => [r.nip, [Number(r.version), r.position_code]]));
  await db.close();
  require('node:fs').writeFileSync('/work/prof/seed.json', JSON.stringify({ approver, versions }));
}
async function main() {
  if (!existsSync(SEED)) await seed();
  const { approver, versions } = JSON.parse(readFileSync('/work/prof/seed.json', 'utf8'));
  const file = `/work/prof/run-${process.pid}.sqlite`; copyFileSync(SEED, file);
  const TSX = pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href;
  const extra = (process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/work/prof'] : []);
  const proc = spawn(process.execPath, [...extra, '--import', TSX, ...(process.env.FLOOR ? ['bench/floor-server.ts', 'express'] : [(process.env.ROOT ?? '.') + '/bench/prof-child.scratch.ts'])], { env: { ...process.env, DATABASE_URL: file, HTTPS: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', DATA_DIR: '/work/prof', PUSH_RATE_LIMIT: '1000000' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url: string = await new Promise((res) => { let out = ''; const on = (c: Buffer) => { out += c; const l = out.split('\n').find((x) => x.startsWith('{"url"') || x.startsWith('{"port"')); if (l) { proc.stdout!.off('data', on); proc.stdout!.resume(); const j = JSON.parse(l); res(j.url ?? `http://127.0.0.1:${j.port}`); } }; proc.stdout!.on('data', on); });
  const nips = Object.keys(versions); let n = 0;
  const body = () => { const nip = nips[n]!; const [v, pos] = versions[nip]; const to = `T-${n % 7960}`; n++; return JSON.stringify({ workbookId: WB, decisions: [{ mutationId: randomUUID(), proposalId: `U-${n}`, nip, fromPositionCode: pos, toPositionCode: to, reason: 'Rotasi', effectiveDate: '2027-01-04', note: 'Sesuai kebutuhan organisasi', mendagriApproval: null, baseVersion: v }] }); };
  const bodies = Array.from({ length: 16000 }, body); let sent = 0;
  const run = (amount: number) => autocannon({ url: `${url}/api/v1/decisions`, connections: 50, amount, sampleInt: 10, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${approver}` }, requests: [{ setupRequest: (r: any) => ({ ...r, body: bodies[sent++] }) }] });
  await run(1000);
  if (process.env.OPEN) {
    const { httpClients, openLoop, poissonArrivals } = await import('./open-loop');
    const clients = httpClients(50);
    for (let i = 0; i < Number(process.env.ROUNDS ?? 2); i++) {
      const arrivals = poissonArrivals(200, 10, 20261207 + i);
      const l = await openLoop(arrivals, 50, async (c) => { const r = await clients.post(c, `${url}/api/v1/decisions`, bodies[sent++]!, { authorization: `Bearer ${approver}` }); if (r.status !== 200) throw new Error(r.body); });
      console.log(`open 200/s: p50 ${l.p50.toFixed(1)} p90 ${l.p90.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(1)}`);
    }
    clients.close(); proc.kill('SIGINT'); await new Promise((r) => proc.once('exit', r)); return;
  }
  const stat = (f = `/proc/${proc.pid}/stat`) => { const s = readFileSync(f, 'utf8').split(') ')[1]!.split(' '); return (Number(s[11]) + Number(s[12])) * 10; };
  const rounds = Number(process.env.ROUNDS ?? 3);
  for (let i = 0; i < rounds; i++) {
    const threads = () => { const m = new Map<string, number>(); for (const t of require('node:fs').readdirSync(`/proc/${proc.pid}/task`)) { try { const comm = readFileSync(`/proc/${proc.pid}/task/${t}/comm`, 'utf8').trim(); m.set(`${comm}#${t}`, stat(`/proc/${proc.pid}/task/${t}/stat`)); } catch {} } return m; };
    const th0 = threads();
    const c0 = stat(); const m0 = stat(`/proc/${proc.pid}/task/${proc.pid}/stat`);
    const r = await run(4000);
    const c1 = stat(); const m1 = stat(`/proc/${proc.pid}/task/${proc.pid}/stat`);
    const th1 = threads(); const per = new Map<string, number>(); for (const [k, v] of th1) { const name = k; per.set(name, (per.get(name) ?? 0) + v - (th0.get(k) ?? 0)); }
    console.log([...per].filter(([, v]) => v > 0).map(([k, v]) => `${k} ${(v / 4000).toFixed(3)}`).join(', '));
    console.log(`flat: ${Math.round(r.requests.total / r.duration)}/s non2xx ${r.non2xx} cpu/push(all threads) ${((c1 - c0) / 4000).toFixed(3)} ms main ${((m1 - m0) / 4000).toFixed(3)} ms p99 ${r.latency.p99}`);
  }
  proc.kill('SIGINT'); await new Promise((r) => proc.once('exit', r));
  require('node:fs').rmSync(file, { force: true });
}
main();
