/**
 * Sending riwayat jabatan to SIASN when configured, against a local stand-in that checks the request
 * as the public clients send it (path, both tokens, payload fields, DD-MM-YYYY dates) and answers like
 * SIASN answers them: success with rwJabatanId, a refusal with a message, a transient 503. Each payload
 * is sent once, a refusal is kept with SIASN's message, a transient failure is retried later; `mutasi
 * siasn --status` shows the state. NOT a test against BKN.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pushPending, siasnStatus, type SiasnConfig } from '../../sync-server/siasn/push';
import { issueDocuments } from '../../sync-server/documents/issue';
import { eachDatabase } from '../server/support/databases';
import { seedDecisions } from '../server/support/documents';
import { mutasi } from '../support/cli';

const FIELDS = ['id', 'pnsId', 'jenisJabatan', 'unorId', 'eselonId', 'jabatanFungsionalId', 'jabatanFungsionalUmumId', 'nomorSk', 'tanggalSk', 'tmtJabatan', 'tmtPelantikan', 'jenisMutasiId', 'tmtMutasi'];

interface StandIn {
  server: Server;
  url: string;
  received: Record<string, unknown>[];
  problems: string[];
}

async function standIn(): Promise<StandIn> {
  const s: StandIn = { server: null as unknown as Server, url: '', received: [], problems: [] };
  const flaky = new Map<string, number>();
  s.server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/apisiasn/1.0/jabatan/save') s.problems.push(`path ${req.method} ${req.url}`);
      if (req.headers.authorization !== 'Bearer WSO-123') s.problems.push(`Authorization ${req.headers.authorization}`);
      if (req.headers.auth !== 'bearer SSO-456') s.problems.push(`Auth ${req.headers.auth}`);
      const body = JSON.parse(text) as Record<string, unknown>;
      s.received.push(body);
      for (const f of FIELDS) if (!(f in body)) s.problems.push(`missing ${f}`);
      for (const f of ['tanggalSk', 'tmtJabatan', 'tmtPelantikan', 'tmtMutasi']) if (!/^\d{2}-\d{2}-\d{4}$/.test(String(body[f]))) s.problems.push(`${f} ${body[f]}`);
      const pns = String(body.pnsId);
      if (pns.startsWith('PNS-REFUSE')) return answer(200, { success: false, message: 'Unor tidak sesuai dengan instansi' });
      if (pns.startsWith('PNS-FLAKY')) {
        const n = (flaky.get(pns) ?? 0) + 1;
        flaky.set(pns, n);
        if (n === 1) return answer(503, { message: 'Service Unavailable' });
      }
      return answer(200, { success: true, message: 'Data berhasil disimpan', mapData: { rwJabatanId: `RW-${pns}` } });
    });
  });
  await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', () => r()));
  s.url = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  return s;
}

eachDatabase('SIASN push (local stand-in, not BKN)', (ctx) => {
  let si: StandIn;
  after(() => si?.server.close());

  it('sends each complete payload once; keeps sent / refused; retries a transient failure later', async function () {
    this.timeout(120_000);
    si = await standIn();
    const cfg: SiasnConfig = { baseUrl: si.url + '/', wsoToken: 'WSO-123', ssoToken: 'SSO-456' };
    const a = await seedDecisions(ctx.db, 4);
    const [d0, d1, d2, d3] = a.decisions as [typeof a.decisions[0], typeof a.decisions[0], typeof a.decisions[0], typeof a.decisions[0]];
    await ctx.db.knex('positions').where('code', 'like', 'T-%').update({ siasn_unor_id: 'UNOR-X', siasn_jfu_id: 'JFU-1' });
    const ids: [string, string][] = [[d0.nip, 'PNS-OK-0'], [d1.nip, 'PNS-REFUSE-1'], [d2.nip, 'PNS-FLAKY-2']];
    for (const [nip, id] of ids) await ctx.db.knex('employees').where({ nip }).update({ siasn_pns_id: id });
    await issueDocuments(ctx.db, { kinds: ['sk'], recordNos: a.decisions.map((d) => d.recordNo) }, { actor: 'uji', baseUrl: 'http://127.0.0.1:1' });

    // Not configured: nothing is sent, and the state says so.
    const before = await siasnStatus(ctx.db, null);
    assert.equal(before.configured, false);
    assert.deepEqual(before.entries.map((e) => e.state), ['not_configured', 'not_configured', 'not_configured', 'incomplete']);

    let clock = new Date('2027-01-05T01:00:00Z');
    const now = () => clock;
    const first = await pushPending(ctx.db, cfg, { now });
    assert.deepEqual(si.problems, []);
    assert.deepEqual(first.map((x) => [x.recordNo, x.state]), [[d0.recordNo, 'sent'], [d1.recordNo, 'refused'], [d2.recordNo, 'retrying']]);
    assert.equal(si.received.length, 3); // d3 lacks its ID PNS SIASN: never sent half-filled

    // Again at once: nothing is due (sent and refused are final; the retry waits).
    assert.deepEqual(await pushPending(ctx.db, cfg, { now }), []);
    assert.equal(si.received.length, 3);

    // Two minutes later the transient one goes through.
    clock = new Date(clock.getTime() + 2 * 60_000);
    const later = await pushPending(ctx.db, cfg, { now });
    assert.deepEqual(later.map((x) => [x.recordNo, x.state]), [[d2.recordNo, 'sent']]);
    assert.equal(si.received.length, 4);

    const st = await siasnStatus(ctx.db, cfg);
    const by = new Map(st.entries.map((e) => [e.recordNo, e]));
    assert.equal(by.get(d0.recordNo)!.siasnId, 'RW-PNS-OK-0');
    assert.equal(by.get(d1.recordNo)!.message, 'Unor tidak sesuai dengan instansi');
    assert.equal(by.get(d2.recordNo)!.attempts, 2);
    assert.equal(by.get(d3.recordNo)!.state, 'incomplete');
    assert.deepEqual(by.get(d3.recordNo)!.missing!.map((m) => m.field), ['pnsId']);

    // `mutasi siasn --status` (no SIASN settings in this process's environment: not configured for the rest).
    const r = mutasi(['siasn', '--status', '--db', ctx.url], { env: { SIASN_URL: '', SIASN_WSO_TOKEN: '', SIASN_SSO_TOKEN: '' } });
    assert.equal(r.code, 1, r.stderr); // one refusal
    assert.match(r.stdout, /SIASN belum dikonfigurasi/);
    assert.match(r.stdout, new RegExp(`${d1.recordNo}[^\\n]*ditolak SIASN — Unor tidak sesuai dengan instansi`));
    assert.match(r.stdout, new RegExp(`${d0.recordNo}[^\\n]*terkirim[^\\n]*RW-PNS-OK-0`));
  });

  it('an unreachable SIASN is a transient failure; after the last attempt the decision is failed, not sent again', async function () {
    this.timeout(60_000);
    const cfg: SiasnConfig = { baseUrl: 'http://127.0.0.1:1', wsoToken: 'x', ssoToken: 'y' };
    await ctx.db.knex('siasn_pushes').delete();
    await ctx.db.knex('employees').whereNotNull('siasn_pns_id').update({ siasn_pns_id: null });
    const one = (await ctx.db.knex('decisions').first()) as { nip: string; record_no: string };
    await ctx.db.knex('employees').where({ nip: one.nip }).update({ siasn_pns_id: 'PNS-NET' });
    let clock = new Date('2027-02-01T00:00:00Z');
    const states: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await pushPending(ctx.db, cfg, { now: () => clock, timeoutMs: 2_000 });
      states.push(r.map((x) => x.state).join() || '-');
      clock = new Date(clock.getTime() + 24 * 3_600_000);
    }
    assert.deepEqual(states, ['retrying', 'retrying', 'retrying', 'retrying', 'failed', '-']);
  });
});
