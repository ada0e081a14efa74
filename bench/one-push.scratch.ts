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
  for (let i = 0; i < 50; i++) await w.submit([dec()], { workbookId: 'wb', token, recheckToken: true });
  const times: number[] = [];
  for (let i = 0; i < Number(process.env.N ?? 300); i++) { const t = performance.now(); const r = await w.submit([dec()], { workbookId: 'wb', token, recheckToken: true }); times.push(performance.now() - t); if (r[0]!.status !== 'recorded') throw new Error(JSON.stringify(r)); }
  times.sort((a, b) => a - b);
  console.log(`one push via GroupWriter: p50 ${times[150]!.toFixed(2)} p90 ${times[270]!.toFixed(2)} mean ${(times.reduce((a, b) => a + b) / times.length).toFixed(2)} ms`);
  await db.close();
}
main();
