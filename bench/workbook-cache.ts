/**
 * The benchmark workbook (40,000 staff, 8,000 positions, 5,000 proposals), generated once by the demo
 * generator and cached under bench/.cache/ so every benchmark reads the same file.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const BENCH_SIZE = { employees: 40_000, positions: 8_000, proposals: 5_000, seed: 7 };

export async function benchWorkbook(): Promise<string> {
  const dir = path.join(__dirname, '.cache');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `agency-${BENCH_SIZE.employees}-${BENCH_SIZE.positions}-${BENCH_SIZE.proposals}-s${BENCH_SIZE.seed}.xlsx`);
  if (existsSync(file)) return file;
  const t0 = performance.now();
  const { generateDemo } = await import('../sync-server/xlsx/demo');
  const wb = await generateDemo({ ...BENCH_SIZE });
  await wb.xlsx.writeFile(file);
  console.log(`  (built ${path.relative(process.cwd(), file)} in ${((performance.now() - t0) / 1000).toFixed(1)} s; cached for later runs)`);
  return file;
}
