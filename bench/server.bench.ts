/**
 * The sync server's benchmark, in one run on SQLite with the server's own pragmas (db/connect.ts):
 *  - reference: raw SQLite inserts, one transaction per row, straight on the sqlite3 driver;
 *  - push throughput over real HTTP (the server as its own process, as `mutasi serve` runs it, logs
 *    on — one line a request, into a file as into journald, not read by this process) in batches of 1
 *    and of 100 decisions, one client sending one request after the other;
 *  - the load the record really sees (issue 14): 200 one-decision pushes a second from 50 clients at
 *    random moments, open loop (open-loop.ts: each timed from when it was due), p50/p90/p99/max, on the
 *    settled record and again right after the flat-out flood; and
 *    the floor under it at the same arrivals: a raw SQLite durable commit each on one write
 *    connection, and Express doing nothing (floor-server.ts);
 *  - flat out: 50 clients as fast as they can (autocannon, closed loop), in three rounds each followed
 *    by a round against Express doing nothing with the same clients (kept running beside the server):
 *    the median of the three ratios, so a minute of a busier machine does not decide the figure;
 *  - batches of 100 again with PUSH_GROUP_MAX=1 (each decision in a transaction of its own);
 *  - a full pull of 40,000 employees: the paginated change log from cursor 0, and the snapshot a
 *    client gets on `reset`.
 * Goals printed beside the figures (p99 ≤ 20 ms at 200/s; flat-out ratio ≥ 0.35; batched / raw ≥ 0.25).
 * Nothing asserts a time. BENCH_OPEN_SECONDS changes the open loop's length (default 30 s: 6,000 pushes, so
 * its p99 is the 60th slowest, not the 20th of a 10-s run; the p99 of each third is printed too).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sqlite3 from 'sqlite3';
import type { Employee, Position } from '../shared/model';
import { openDatabase, SQLITE_PRAGMAS } from '../sync-server/db/connect';
import { migrateLatest } from '../sync-server/db/migrate';
import { saveRoster } from '../sync-server/db/roster';
import { createToken } from '../sync-server/db/tokens';
import type { DecisionInput } from '../sync-server/server/push/types';
import { employee, position, uniqueNip } from '../test/server/support/fixtures';
import { startServerChild } from '../test/server/support/child';
import { httpClients, openLoop, poissonArrivals, summarize, type Latency } from './open-loop';

// autocannon ships no types; the little of its API used here.
interface CannonResult {
  latency: { p50: number; p99: number; max: number };
  requests: { average: number; total: number };
  /** Seconds, to the hundredth. */
  duration: number;
  non2xx: number;
  errors: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>;

const EMPLOYEES = 40_000;
const POOLS = 40; // 1,000 people each
const TARGETS = 7_960; // 4 vacant seats each
const SEATS = 4;
const RAW_ROWS = 1_000;
const PUSH_ONE = 200;
const PUSH_HUNDRED = 3_000;
const LITERAL_HUNDRED = 500;
const CONCURRENT = 50;
const CANNON_REQUESTS = 3_000;
/** Flat-out rounds, each followed by a round of Express doing nothing (the ratio is their median). */
const FLAT_ROUNDS = 3;
/** Flat-out pushes before the rounds (the floor is warmed up with FLOOR_REQUESTS). */
const SERVER_WARMUP = 1_000;
const FLOOR_REQUESTS = 5_000;
const OPEN_RATE = 200; // pushes a second in all, from the 50 clients
const OPEN_SECONDS = Number(process.env.BENCH_OPEN_SECONDS ?? 30);
const WORKBOOK = '5b0c4a3e-2d1f-4e6a-9b8c-7d6e5f4a3b2c';

const rate = (n: number, ms: number) => `${Math.round((n * 1000) / ms).toLocaleString('en-US')} /s`;
// autocannon ends a run (and stops its clock) on its next sampling tick: with the default tick of a
// second, a 3-second run reads as 4 s. SAMPLE_MS is the tick used here, so `duration` is right to it.
const SAMPLE_MS = 10;
const perSecNum = (r: CannonResult) => r.requests.total / Math.max(r.duration, 0.01);
const perSec = (r: CannonResult) => Math.round(perSecNum(r)).toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-bench-'));
  try {
    await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(dir: string): Promise<void> {
  // The official record: 40,000 staff in 40 pools, 7,960 vacant targets. Loaded in slices of 1,000 rows
  // so every change stays in the log (a bigger import resets readers to a snapshot instead).
  const file = path.join(dir, 'mutasi.sqlite');
  const t0 = performance.now();
  const { employees, positions } = agency();
  const db = openDatabase(file);
  await migrateLatest(db);
  for (let i = 0; i < positions.length; i += 1000) {
    await saveRoster(db, { employees: [], positions: positions.slice(i, i + 1000), source: 'bench' }, 'bench');
  }
  for (let i = 0; i < employees.length; i += 1000) {
    await saveRoster(db, { employees: employees.slice(i, i + 1000), positions: [], source: 'bench' }, 'bench');
  }
  const approver = (await createToken(db, { name: 'Bench Approver', role: 'approver' }, 'bench')).token;
  const reader = (await createToken(db, { name: 'Bench Reader', role: 'staff' }, 'bench')).token;
  const versions = new Map(((await db.knex('employees').select('nip', 'version')) as { nip: string; version: number }[]).map((r) => [r.nip, Number(r.version)]));
  await db.close();
  console.log(`  seeded ${EMPLOYEES.toLocaleString('en-US')} employees, ${positions.length.toLocaleString('en-US')} positions in ${sec(performance.now() - t0)}`);

  // Logs on, as in production, into a file (as to journald): not read by this process, the load generator.
  const child = await startServerChild(file, { LOG_LEVEL: 'info' }, { stdoutFile: path.join(dir, 'server.log') });
  try {
    const api = `${child.url}/api/v1`;
    // Decisions in the order they will be sent: pool people into the targets' vacant seats.
    let next = 0;
    const targetCodes = positions.filter((p) => p.code.startsWith('T-')).map((p) => p.code);
    const nextDecision = (): DecisionInput => {
      const e = employees[next]!;
      const to = targetCodes[next % targetCodes.length]!;
      next++;
      return {
        mutationId: randomUUID(), proposalId: `U-${next}`, nip: e.nip, fromPositionCode: e.positionCode, toPositionCode: to,
        reason: 'Rotasi', effectiveDate: '2027-01-04', note: 'Sesuai kebutuhan organisasi', mendagriApproval: null,
        baseVersion: versions.get(e.nip)!,
      };
    };
    const push = async (decisions: DecisionInput[]) => {
      const res = await fetch(`${api}/decisions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${approver}` },
        body: JSON.stringify({ workbookId: WORKBOOK, decisions }),
      });
      const body = (await res.json()) as { results: { status: string; message?: string }[] };
      if (res.status !== 200) throw new Error(`push ${res.status}: ${JSON.stringify(body)}`);
      const bad = body.results.find((r) => r.status !== 'recorded');
      if (bad) throw new Error(`not recorded: ${JSON.stringify(bad)}`);
    };

    // Warm-up (JIT, the engine's first run, the connection).
    for (let i = 0; i < 20; i++) await push([nextDecision()]);

    // --- Pull: the paginated change log from cursor 0, then the snapshot of a reset.
    const get = async (q: string) => {
      const res = await fetch(`${api}/changes?${q}`, { headers: { Authorization: `Bearer ${reader}` } });
      if (res.status !== 200) throw new Error(`pull ${res.status}: ${await res.text()}`);
      return { bytes: Number(res.headers.get('content-length') ?? 0), body: (await res.json()) as { cursor: number; more: boolean; reset: boolean; changes: { kind: string }[]; snapshot?: { employees: unknown[] } } };
    };
    let t = performance.now();
    let cursor = 0;
    let pages = 0;
    let pulledEmployees = 0;
    let pulledBytes = 0;
    for (;;) {
      const { body, bytes } = await get(`cursor=${cursor}&limit=5000`);
      if (body.reset) throw new Error('unexpected reset in the paginated pull');
      pages++;
      pulledBytes += bytes;
      pulledEmployees += body.changes.filter((c) => c.kind === 'employee').length;
      cursor = body.cursor;
      if (!body.more) break;
    }
    const pullMs = performance.now() - t;
    t = performance.now();
    const snap = await get(`cursor=${2 ** 31}`);
    const snapshotMs = performance.now() - t;
    if (!snap.body.reset || snap.body.snapshot!.employees.length !== EMPLOYEES) throw new Error('snapshot pull incomplete');

    // --- Push, one client: batches of 1, then of 100.
    t = performance.now();
    for (let i = 0; i < PUSH_ONE; i++) await push([nextDecision()]);
    const oneMs = performance.now() - t;
    // The reference right before and right after the batched pushes (the machine is shared: its load
    // changes from minute to minute), the ratio against their mean.
    const rawBefore = await rawInsertRate(path.join(dir, 'raw-1.sqlite'));
    t = performance.now();
    for (let i = 0; i < PUSH_HUNDRED; i += 100) await push(Array.from({ length: 100 }, nextDecision));
    const hundredMs = performance.now() - t;
    const rawAfter = await rawInsertRate(path.join(dir, 'raw-2.sqlite'));

    // --- The load the record really sees: 200 pushes a second from 50 clients at random moments
    // (open loop: each timed from when it was due), on the settled record; the floor under it at the
    // same arrivals comes later — a raw SQLite durable commit each, and Express doing nothing.
    const arrivals = poissonArrivals(OPEN_RATE, OPEN_SECONDS);
    const openRound = async (): Promise<Latency> => {
      const clients = httpClients(CONCURRENT);
      try {
        const openBodies = arrivals.map(() => JSON.stringify({ workbookId: WORKBOOK, decisions: [nextDecision()] }));
        let k = 0;
        return await openLoop(arrivals, CONCURRENT, async (c) => {
          const r = await clients.post(c, `${api}/decisions`, openBodies[k++]!, { authorization: `Bearer ${approver}` });
          if (r.status !== 200 || !r.body.includes('"recorded"')) throw new Error(`push ${r.status}: ${r.body.slice(0, 300)}`);
        });
      } finally {
        clients.close();
      }
    };
    const open = await openRound();

    // --- 50 concurrent clients, one decision a request, as fast as they can (closed loop, autocannon;
    // each request a fresh decision), in rounds alternating with Express doing nothing (floor-server.ts,
    // its own process, started now and warmed up): the machine is shared and its speed changes from
    // minute to minute, so each server round is divided by the floor round right after it, and the
    // median of those ratios is the figure.
    const floorExpress = await startFloor('express');
    const floorBody = JSON.stringify({ workbookId: WORKBOOK, decisions: [nextDecision()] });
    const bodies = Array.from({ length: SERVER_WARMUP + FLAT_ROUNDS * CANNON_REQUESTS + CONCURRENT * 2 }, () => JSON.stringify({ workbookId: WORKBOOK, decisions: [nextDecision()] }));
    let sent = 0;
    let notRecorded = 0;
    const serverRound = async (amount = CANNON_REQUESTS) => {
      const r = await autocannon({
        url: `${api}/decisions`,
        connections: CONCURRENT,
        amount,
        sampleInt: SAMPLE_MS,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${approver}` },
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[sent++ % bodies.length] }),
            onResponse: (status: number, body: string) => {
              if (status !== 200 || !body.includes('"recorded"')) notRecorded++;
            },
          },
        ],
      });
      if (r.non2xx > 0 || r.errors > 0 || notRecorded > 0) {
        throw new Error(`50 clients: ${r.non2xx} non-2xx, ${r.errors} errors, ${notRecorded} not recorded`);
      }
      return r;
    };
    const flatRounds: { server: CannonResult; floor: CannonResult; ratio: number }[] = [];
    let flatFloorOpen: Latency;
    try {
      // Both warm (JIT, sockets, the writer's prepared statements) before anything is counted.
      await floorExpress.round(floorBody, FLOOR_REQUESTS);
      await serverRound(SERVER_WARMUP);
      for (let i = 0; i < FLAT_ROUNDS; i++) {
        const server = await serverRound();
        const floor = await floorExpress.round(floorBody, CANNON_REQUESTS);
        flatRounds.push({ server, floor, ratio: perSecNum(server) / perSecNum(floor) });
      }
      flatFloorOpen = await floorExpress.open(floorBody, arrivals);
    } finally {
      await floorExpress.close();
    }

    // --- The same load again right after the flood: the disk still writing back what it left (the
    // WAL's frames checkpointed into the database file).
    const openAfter = await openRound();
    const rawOpen = await rawCommitOpenLoop(path.join(dir, 'raw-open.sqlite'), arrivals);

    // --- Batches of 100 with PUSH_GROUP_MAX=1 (each decision in a transaction of its own, SYNC-API.md
    // to the letter): a second server process on the same file, the first one idle meanwhile.
    const literal = await startServerChild(file, { LOG_LEVEL: 'info', PUSH_GROUP_MAX: '1' }, { stdoutFile: path.join(dir, 'server-literal.log') });
    let literalMs: number;
    try {
      const literalApi = `${literal.url}/api/v1`;
      const pushTo = async (decisions: DecisionInput[]) => {
        const res = await fetch(`${literalApi}/decisions`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${approver}` }, body: JSON.stringify({ workbookId: WORKBOOK, decisions }) });
        const body = (await res.json()) as { results: { status: string }[] };
        if (res.status !== 200 || body.results.some((r) => r.status !== 'recorded')) throw new Error(`push (PUSH_GROUP_MAX=1) ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      };
      await pushTo([nextDecision()]);
      t = performance.now();
      for (let i = 0; i < LITERAL_HUNDRED; i += 100) await pushTo(Array.from({ length: 100 }, nextDecision));
      literalMs = performance.now() - t;
    } finally {
      literal.proc.kill('SIGTERM');
      await literal.exited;
    }

    // --- The floor without Express: the same 50 clients and body against node:http answering alone.
    const floorNode = await startFloor('node');
    let floorNodeFlat: CannonResult;
    try {
      await floorNode.round(floorBody, FLOOR_REQUESTS);
      floorNodeFlat = await floorNode.round(floorBody, FLOOR_REQUESTS);
    } finally {
      await floorNode.close();
    }

    const raw = (rawBefore.perSec + rawAfter.perSec) / 2;
    const batched = (PUSH_HUNDRED * 1000) / hundredMs;
    const dbSize = statSync(file).size;

    console.log(`  raw SQLite insert (reference)  : ${Math.round(raw).toLocaleString('en-US')} rows/s   (one transaction a row, mean of ${Math.round(rawBefore.perSec)} before and ${Math.round(rawAfter.perSec)} after the batched pushes; ${SQLITE_PRAGMAS.map((p) => p.replace('PRAGMA ', '')).join(', ')})`);
    console.log(`  push, batches of 1             : ${rate(PUSH_ONE, oneMs)}   (${PUSH_ONE} requests, one client, ${(oneMs / PUSH_ONE).toFixed(2)} ms a request)`);
    console.log(`  push, batches of 100           : ${rate(PUSH_HUNDRED, hundredMs)}   (${PUSH_HUNDRED / 100} requests, one client, ${(hundredMs / (PUSH_HUNDRED / 100)).toFixed(0)} ms a request)`);
    console.log(`  ratio batched push / raw       : ${(batched / raw).toFixed(2)}   goal ≥ 0.25`);
    const literalRate = (LITERAL_HUNDRED * 1000) / literalMs;
    console.log(`    PUSH_GROUP_MAX=1, batches of 100: ${Math.round(literalRate).toLocaleString('en-US')} /s, ratio ${(literalRate / raw).toFixed(2)}   (each decision in a transaction of its own: one commit to disk each; ${LITERAL_HUNDRED / 100} requests)`);
    const ms = (l: Latency) => `p50 ${l.p50.toFixed(1)}, p90 ${l.p90.toFixed(1)}, p99 ${l.p99.toFixed(1)}, max ${l.max.toFixed(1)} ms`;
    console.log(`  ${OPEN_RATE} pushes/s, 50 clients, open loop: ${ms(open)}   goal p99 ≤ 20 ms   (${open.n.toLocaleString('en-US')} one-decision pushes at random moments over ${OPEN_SECONDS} s, each timed from when it was due; keep-alive, one connection a client)`);
    const thirds = (l: Latency) => [0, 1, 2].map((k) => summarize((l.calls ?? []).filter((c) => Math.floor((3 * c.at) / (OPEN_SECONDS * 1000)) === k).map((c) => c.ms), OPEN_SECONDS / 3).p99.toFixed(1)).join(' / ');
    console.log(`    p99 of each third (${(OPEN_SECONDS / 3).toFixed(0)} s): ${thirds(open)} ms`);
    console.log(`    the same load right after the flat-out flood below: ${ms(openAfter)}; p99 of each third ${thirds(openAfter)} ms   (the disk still writing back what the flood left)`);
    console.log(`    floor: raw SQLite commit     : ${ms(rawOpen)}   (the same arrivals, one INSERT and a durable COMMIT each on one write connection, the server's pragmas)`);
    console.log(`    floor: Express 5, no work    : ${ms(flatFloorOpen)}   (the same arrivals and clients against express.json and res.json only)`);
    const ratios = flatRounds.map((r) => r.ratio).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    flatRounds.forEach(({ server, floor, ratio }, i) => {
      console.log(`  50 clients, flat out, round ${i + 1}: ${perSec(server)} /s, p50 ${server.latency.p50} ms, p99 ${server.latency.p99} ms, max ${server.latency.max} ms; Express doing nothing right after: ${perSec(floor)} /s; ratio ${ratio.toFixed(2)}`);
    });
    console.log(`    (${CANNON_REQUESTS} one-decision pushes a round, closed loop: each waits for the ones queued before it, ≈ 50 / throughput; the floor is express.json and res.json only — no database, auth, logs or headers — same 50 clients and body; before the rounds the server gets ${SERVER_WARMUP.toLocaleString('en-US')} pushes and the floor ${FLOOR_REQUESTS.toLocaleString('en-US')} requests to warm up)`);
    console.log(`    floor: node:http, no work    : ${perSec(floorNodeFlat)} /s, p50 ${floorNodeFlat.latency.p50} ms, p99 ${floorNodeFlat.latency.p99} ms   (the same without Express)`);
    console.log(`  flat-out throughput ÷ Express doing nothing: ${median.toFixed(2)}   goal ≥ 0.35   (median of ${FLAT_ROUNDS} alternating rounds: ${flatRounds.map((r) => r.ratio.toFixed(2)).join(', ')})`);
    console.log(`  full pull, paginated           : ${sec(pullMs)}   (${pulledEmployees.toLocaleString('en-US')} employees + positions, ${pages} pages of ≤ 5,000 changes, ${(pulledBytes / 1e6).toFixed(1)} MB)`);
    console.log(`  full pull, reset snapshot      : ${sec(snapshotMs)}   (${EMPLOYEES.toLocaleString('en-US')} employees, one response, ${(snap.bytes / 1e6).toFixed(1)} MB)`);
    console.log(`  database after the run         : ${(dbSize / 1e6).toFixed(1)} MB, ${next.toLocaleString('en-US')} decisions recorded`);
    const logLines = readFileSync(path.join(dir, 'server.log'), 'utf8').split('\n').filter((l) => l.includes('"request completed"')).length;
    console.log(`  server log                     : ${logLines.toLocaleString('en-US')} request lines written (LOG_LEVEL=info, to a file)`);
  } finally {
    child.proc.kill('SIGTERM');
    await child.exited;
  }
}

/**
 * floor-server.ts in its own process (as the real server runs): `round` sends `amount` requests from
 * 50 clients flat out (autocannon), `open` the open loop at the given arrivals.
 */
async function startFloor(mode: 'express' | 'node') {
  const tsx = pathToFileURL(path.resolve(__dirname, '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const proc = spawn(process.execPath, ['--import', tsx, path.join(__dirname, 'floor-server.ts'), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += String(c);
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { port: number }).port);
    });
    void exited.then(() => reject(new Error(`floor server (${mode}) exited before listening`)));
  });
  const url = `http://127.0.0.1:${port}/api/v1/decisions`;
  return {
    async round(body: string, amount: number): Promise<CannonResult> {
      const r = await autocannon({ url, connections: CONCURRENT, amount, sampleInt: SAMPLE_MS, method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`floor server (${mode}): ${r.non2xx} non-2xx, ${r.errors} errors`);
      return r;
    },
    async open(body: string, arrivals: readonly number[]): Promise<Latency> {
      const clients = httpClients(CONCURRENT);
      try {
        return await openLoop(arrivals, CONCURRENT, async (c) => {
          const r = await clients.post(c, url, body);
          if (r.status !== 200) throw new Error(`floor server (${mode}) ${r.status}`);
        });
      } finally {
        clients.close();
      }
    },
    async close(): Promise<void> {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The database's floor under the open loop: at the same arrivals, one INSERT of a decision's size and
 * a durable COMMIT each (no grouping), one after the other on one write connection with the server's
 * pragmas; each timed from when it was due.
 */
async function rawCommitOpenLoop(file: string, arrivals: readonly number[]): Promise<Latency> {
  const { conn, exec, payload } = await rawTable(file);
  try {
    let writer: Promise<void> = Promise.resolve();
    return await openLoop(arrivals, CONCURRENT, () => {
      const mine = writer.then(async () => {
        await exec('BEGIN IMMEDIATE');
        await exec('INSERT INTO t (mutation_id, payload) VALUES (?, ?)', [randomUUID(), payload]);
        await exec('COMMIT');
      });
      writer = mine.catch(() => undefined);
      return mine;
    });
  } finally {
    await new Promise<void>((resolve) => conn.close(() => resolve()));
  }
}

/** 40 pools of 1,000 staff (units U-00…U-39) and 7,960 targets with 4 vacant seats, spread over the units. */
function agency(): { employees: Employee[]; positions: Position[] } {
  const positions: Position[] = [];
  for (let k = 0; k < POOLS; k++) positions.push(position(`POOL-${k}`, unitOf(k), EMPLOYEES / POOLS));
  for (let k = 0; k < TARGETS; k++) positions.push(position(`T-${k}`, unitOf(k), SEATS));
  const employees: Employee[] = [];
  for (let i = 0; i < EMPLOYEES; i++) employees.push(employee(uniqueNip(i), `POOL-${i % POOLS}`));
  return { employees, positions };
}

const unitOf = (k: number) => `U-${String(k % POOLS).padStart(2, '0')}`;

/** A fresh SQLite file with the server's pragmas and a table of decision-sized rows: the raw floors' database. */
async function rawTable(file: string) {
  const conn = new sqlite3.Database(file);
  const exec = (sql: string, params: unknown[] = []) =>
    new Promise<void>((resolve, reject) => conn.run(sql, params, (err) => (err ? reject(err) : resolve())));
  for (const p of SQLITE_PRAGMAS) await exec(p);
  await exec('CREATE TABLE t (id INTEGER PRIMARY KEY, mutation_id TEXT UNIQUE NOT NULL, payload TEXT NOT NULL)');
  return { conn, exec, payload: 'x'.repeat(600) };
}

/** Inserts rows of a decision's size one transaction each, on a connection with the server's pragmas. */
async function rawInsertRate(file: string): Promise<{ perSec: number }> {
  const { conn, exec, payload } = await rawTable(file);
  try {
    for (let i = 0; i < 50; i++) await exec('INSERT INTO t (mutation_id, payload) VALUES (?, ?)', [randomUUID(), payload]);
    const t0 = performance.now();
    for (let i = 0; i < RAW_ROWS; i++) {
      await exec('BEGIN IMMEDIATE');
      await exec('INSERT INTO t (mutation_id, payload) VALUES (?, ?)', [randomUUID(), payload]);
      await exec('COMMIT');
    }
    return { perSec: (RAW_ROWS * 1000) / (performance.now() - t0) };
  } finally {
    await new Promise<void>((resolve) => conn.close(() => resolve()));
  }
}
