import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { openDatabase } from '../sync-server/db/connect';
import { GroupWriter } from '../sync-server/server/push/group-commit';
import { authenticate } from '../sync-server/db/tokens';
async function main() {
  const { approver, versions } = JSON.parse(readFileSync('/work/prof/seed.json', 'utf8'));
  const file = `/work/prof/al-${process.pid}.sqlite`; copyFileSync('/work/prof/seed.sqlite', file);
  const db = openDatabase(file);
  const token = (await authenticate(db, approver))!;
  const w = new GroupWriter(db);
  const nips = Object.keys(versions); let n = 0;
  const dec = () => { const nip = nips[n]!; const [v, pos] = versions[nip]; const to = `T-${n % 7960}`; n++; return { mutationId: randomUUID(), proposalId: `U-${n}`, nip, fromPositionCode: pos, toPositionCode: to, reason: 'Rotasi', effectiveDate: '2027-01-04', note: 'x', mendagriApproval: null, baseVersion: v } as any; };
  const G = Number(process.env.G ?? 1);
  const round = async () => { await Promise.all(Array.from({ length: G }, () => w.submit([dec()], { workbookId: 'wb', token, recheckToken: true }))); };
  for (let i = 0; i < 50; i++) await round();
  const s = new Session(); s.connect();
  await s.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as any);
  const before = process.memoryUsage().heapUsed;
  const N = 300;
  for (let i = 0; i < N; i++) await round();
  const { profile } = await s.post('HeapProfiler.stopSampling') as any;
  // aggregate self size by function
  const agg = new Map<string, number>(); let total = 0;
  const walk = (node: any) => { const cf = node.callFrame; const k = `${cf.functionName || '(anon)'} ${cf.url.replace(/^.*wt-srv\//, '').replace(/^.*node_modules\//, 'npm:')}:${cf.columnNumber}`; agg.set(k, (agg.get(k) ?? 0) + node.selfSize); total += node.selfSize; for (const c of node.children) walk(c); };
  walk(profile.head);
  console.log(`allocated ~${(total / N / G / 1024).toFixed(0)} KB per decision (G=${G})`);
  for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(v / N / G / 1024).toFixed(1).padStart(7)} KB ${k}`);
  await db.close();
}
main();
