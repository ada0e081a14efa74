/**
 * An open-loop load generator for server.bench.ts: arrivals at random moments (a Poisson process, a
 * fixed seed) at a fixed rate, each handed to one of `clients` clients chosen at random; each client a
 * keep-alive HTTP agent with one connection (a user's add-in sends one push after the other: one that
 * arrives while the client's last is still out waits for it). Every call is timed from when it was
 * due, not from when it was sent, so neither a slow server nor a late generator can hide a queue.
 */
import http from 'node:http';

export interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  n: number;
  /** Calls completed per second over the whole run. */
  perSec: number;
  /** Each call: when it was due (ms from the start) and how long it took from then (ms). */
  calls?: { at: number; ms: number }[];
}

/** Arrival times (ms from the start) of a Poisson process at `perSec` for `seconds`; the same every run. */
export function poissonArrivals(perSec: number, seconds: number, seed = 20261207): number[] {
  let s = seed >>> 0;
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  const out: number[] = [];
  for (let t = 0; ; ) {
    t += (-Math.log(random()) * 1000) / perSec;
    if (t >= seconds * 1000) return out;
    out.push(t);
  }
}

export function summarize(latencies: number[], seconds: number): Latency {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, n: sorted.length, perSec: sorted.length / seconds };
}

/**
 * Runs `call(client)` at each arrival; `client` is the index of the client (0…clients-1) it belongs to.
 * A client's calls run one after the other. Resolves with the latencies from due to done.
 */
export async function openLoop(arrivals: readonly number[], clients: number, call: (client: number) => Promise<void>): Promise<Latency> {
  let s = 7;
  const pick = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % clients);
  const tails: Promise<void>[] = Array.from({ length: clients }, () => Promise.resolve());
  const latencies: number[] = [];
  const calls: { at: number; ms: number }[] = [];
  const errors: unknown[] = [];
  const t0 = performance.now() + 20;
  const all: Promise<void>[] = [];
  for (const at of arrivals) {
    const due = t0 + at;
    const c = pick();
    // The timer fires at the arrival; the call then queues behind the client's call still out.
    const arrived = new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const done = Promise.all([arrived, tails[c]]).then(() => call(c)).then(
      () => {
        const ms = performance.now() - due;
        latencies.push(ms);
        calls.push({ at, ms });
      },
      (e: unknown) => void errors.push(e),
    );
    tails[c] = done;
    all.push(done);
  }
  await Promise.all(all);
  if (errors.length > 0) throw new Error(`${errors.length} of ${arrivals.length} calls failed; first: ${String((errors[0] as Error)?.message ?? errors[0])}`);
  return { ...summarize(latencies, (performance.now() - t0) / 1000), calls };
}

/** `clients` keep-alive agents of one connection each, and a POST of a JSON body through one of them. */
export function httpClients(clients: number) {
  const agents = Array.from({ length: clients }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const post = (client: number, url: string, body: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(url, {
        method: 'POST', agent: agents[client],
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agents.forEach((a) => a.destroy()) };
}
