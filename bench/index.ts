/**
 * `npm run bench [-- name…]`: runs every bench/*.bench.ts (or the named ones) in turn. Benchmarks print
 * figures (and ratios against a reference measured in the same run); nothing here asserts a time.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));
  console.log(`Mutasi benchmarks — ${new Date().toISOString()} — Node ${process.version}, ${os()}`);
  for (const f of files) {
    console.log(`\n=== ${f.replace('.bench.ts', '')} ===`);
    const mod = await import(pathToFileURL(path.join(__dirname, f)).href);
    const run = (mod.default?.default ?? mod.default) as () => Promise<void>;
    const t0 = performance.now();
    await run();
    console.log(`(${f}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

/** Foundation first, as the product is built. */
function order(f: string): number {
  const i = ['check', 'solver', 'propose', 'server', 'addin'].findIndex((p) => f.startsWith(p));
  return i < 0 ? 99 : i;
}

function os(): string {
  const cpus = require('node:os').cpus() as { model: string }[];
  return `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}`;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
