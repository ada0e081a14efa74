/**
 * Pantau (after the move) on a realistic record: 3,000 recorded moves with TMTs over the last 24
 * months, half of them with an SPMT and a review. Figures, with references measured in the same run
 * on the same database:
 *  - the due list and the report over HTTP (GET /followups/due, /followups/report), against listing the
 *    same decisions (GET /decisions) — the ratio is what the follow-up's joins and date arithmetic add;
 *  - follow-up writes (POST /followups, batches of 50), against pushing decisions (POST /decisions,
 *    batches of 50) — both are one write transaction with the writer lock, an audit entry and a version each.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../sync-server/server/app';
import { openDatabase } from '../sync-server/db/connect';
import { migrateLatest } from '../sync-server/db/migrate';
import { createToken } from '../sync-server/db/tokens';
import type { DecisionInput } from '../sync-server/server/push/types';
import { agency, decision, loadAgency } from '../test/server/support/fixtures';
import { daysFromToday } from '../test/server/support/followups';

const MOVES = 3000;
const BATCH = 50;

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-bench-pantau-'));
  const db = openDatabase(path.join(dir, 'pantau.sqlite'));
  try {
    await migrateLatest(db);
    const a = agency({ people: MOVES, targets: 150, seats: 12 });
    await loadAgency(db, a);
    const approver = (await createToken(db, { name: 'Kepala BKPSDM', role: 'approver', unit: null }, 'bench')).token;
    const supervisor = (await createToken(db, { name: 'Kabid', role: 'supervisor', unit: null }, 'bench')).token;
    const app = createApp({ db, config: { logLevel: 'silent', pushRateLimit: { windowMs: 60_000, limit: 1_000_000 } } });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const call = async (p: string, token: string, body?: unknown) => {
      const res = await fetch(`${url}${p}`, {
        method: body ? 'POST' : 'GET',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<any>;
    };
    try {
      // Decisions pushed in batches of 50: the reference for the write path.
      const versions = new Map((await db.knex('employees').select('nip', 'version')).map((r: { nip: string; version: number }) => [r.nip, Number(r.version)]));
      const targets = a.positions.filter((p) => p.code.startsWith('T-'));
      const inputs: DecisionInput[] = a.employees.slice(0, MOVES).map((e, i) =>
        decision(e.nip, e.positionCode, targets[i % targets.length]!.code, versions.get(e.nip)!, { effectiveDate: daysFromToday(-20 - (i % 700)) }));
      let t0 = performance.now();
      const recordNos: { recordNo: string; tmtDaysAgo: number }[] = [];
      for (let i = 0; i < inputs.length; i += BATCH) {
        const { results } = await call('/decisions', approver, { workbookId: randomUUID(), decisions: inputs.slice(i, i + BATCH) });
        results.forEach((r: { status: string; recordNo: string }, j: number) => {
          if (r.status === 'recorded') recordNos.push({ recordNo: r.recordNo, tmtDaysAgo: 20 + ((i + j) % 700) });
        });
      }
      const pushSecs = (performance.now() - t0) / 1000;
      const pushRate = recordNos.length / pushSecs;

      // Follow-ups for half of the moves: an SPMT each, and a 6-month review where it is due.
      const entries: unknown[] = [];
      for (const [k, m] of recordNos.entries()) {
        if (k % 2) continue;
        entries.push({ mutationId: randomUUID(), recordNo: m.recordNo, kind: 'spmt', spmtDate: daysFromToday(-m.tmtDaysAgo + 10), note: '' });
        if (m.tmtDaysAgo > 190) {
          entries.push({
            mutationId: randomUUID(), recordNo: m.recordNo, kind: 'review', month: 6, reviewDate: daysFromToday(-m.tmtDaysAgo + 185),
            skp: k % 3 ? 'Baik' : 'Sangat Baik', note: 'Beradaptasi baik', action: 'Tidak perlu', actionDetail: null,
          });
        }
      }
      t0 = performance.now();
      for (let i = 0; i < entries.length; i += BATCH) await call('/followups', supervisor, { entries: entries.slice(i, i + BATCH) });
      const fuSecs = (performance.now() - t0) / 1000;
      const fuRate = entries.length / fuSecs;

      const time = async (p: string, runs = 5) => {
        await call(p, supervisor); // warm
        const t = performance.now();
        for (let i = 0; i < runs; i++) await call(p, supervisor);
        return (performance.now() - t) / runs;
      };
      const due = await call('/followups/due', supervisor);
      const dueMs = await time('/followups/due');
      const reportMs = await time('/followups/report');
      const listMs = await time(`/decisions?from=${daysFromToday(-800)}`);
      const f = (n: number) => n.toFixed(1);
      console.log(`${recordNos.length} moves recorded, ${entries.length} follow-up entries, ${due.items.length} items due/overdue (SQLite)`);
      console.log(`writes: decisions ${f(pushRate)}/s (reference) · follow-ups ${f(fuRate)}/s · ratio ${(fuRate / pushRate).toFixed(2)}`);
      console.log(`reads: GET /decisions ${f(listMs)} ms (reference) · /followups/due ${f(dueMs)} ms (ratio ${(dueMs / listMs).toFixed(2)}) · /followups/report ${f(reportMs)} ms (ratio ${(reportMs / listMs).toFixed(2)})`);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
