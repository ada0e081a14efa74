/**
 * The command line as a user runs it (`node bin/mutasi.cjs …`), best of `runs`: its wall time, and —
 * from a preload that reports on exit — its CPU time (user + system) and peak RSS, since on a shared
 * 2-core machine the wall time depends on what else runs.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const USAGE_ON_EXIT =
  'data:text/javascript,' +
  encodeURIComponent(
    "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`CPU_MS ${(u.user + u.system) / 1000}\\nMAX_RSS_KB ${process.resourceUsage().maxRSS}\\n`); });",
  );

export interface CliRun {
  ms: number;
  cpuMs: number;
  rssKb: number;
}

/** `args(r)`: the arguments of run r (e.g. a fresh --out file each run). Throws if a run fails. */
export function bestCliRun(args: (run: number) => string[], runs = 2): CliRun {
  let best: CliRun = { ms: Infinity, cpuMs: NaN, rssKb: NaN };
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const p = spawnSync(process.execPath, ['--import', USAGE_ON_EXIT, path.join(__dirname, '../bin/mutasi.cjs'), ...args(r)], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const ms = performance.now() - t0;
    if (p.status !== 0) throw new Error(`mutasi ${args(r)[0]} failed (${p.status}): ${p.stderr}`);
    if (ms < best.ms) {
      best = {
        ms,
        cpuMs: Number(/CPU_MS (\d+(?:\.\d+)?)/.exec(p.stderr)?.[1] ?? NaN),
        rssKb: Number(/MAX_RSS_KB (\d+)/.exec(p.stderr)?.[1] ?? NaN),
      };
    }
  }
  return best;
}
