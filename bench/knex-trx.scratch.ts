import { openDatabase } from '../sync-server/db/connect';
async function main() {
  const db = openDatabase('/work/prof/kx.sqlite');
  await db.knex.raw('CREATE TABLE IF NOT EXISTS t (a)');
  const client = db.knex.client as any;
  const N = 3000;
  for (let round = 0; round < 2; round++) {
    const conn = await client.acquireConnection();
    let cpu = process.cpuUsage(); let t = performance.now();
    for (let i = 0; i < N; i++) { const trx = await db.knex.transaction({ connection: conn }); await trx.rollback(); }
    let c = process.cpuUsage(cpu);
    console.log(`knex trx begin+rollback: ${((performance.now() - t) / N * 1000).toFixed(0)} us wall, ${((c.user + c.system) / N).toFixed(0)} us cpu (all threads)`);
    cpu = process.cpuUsage(); t = performance.now();
    const ex = (s: string) => new Promise<void>((res, rej) => conn.exec(s, (e: any) => (e ? rej(e) : res())));
    for (let i = 0; i < N; i++) { await ex('BEGIN'); await ex('ROLLBACK'); }
    c = process.cpuUsage(cpu);
    console.log(`raw exec begin+rollback: ${((performance.now() - t) / N * 1000).toFixed(0)} us wall, ${((c.user + c.system) / N).toFixed(0)} us cpu (all threads)`);
    await client.releaseConnection(conn);
  }
  await db.close();
}
main();
