/**
 * `npm start` on a fresh clone: the add-in's pages are built by webpack into dist/addin. When they
 * are missing and the project has a webpack config, build them once before serving; when the build
 * is not possible, the API still starts (and says so).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export function ensureAddinBuilt(root: string, log: (line: string) => void): string | null {
  const dist = path.join(root, 'dist', 'addin');
  if (existsSync(path.join(dist, 'taskpane.html'))) return dist;
  const config = readdirSync(root).find((f) => /^webpack\.config\.(c?js|mjs|ts)$/.test(f));
  if (!config) {
    log('Berkas add-in (dist/addin) tidak ada dan tidak ada konfigurasi webpack: hanya API yang dilayani.');
    return null;
  }
  log('Membangun add-in (npx webpack --mode production), sekali saja…');
  const r = spawnSync('npx', ['webpack', '--mode', 'production', '--config', config], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(dist)) {
    log('Gagal membangun add-in: hanya API yang dilayani. Jalankan "npx webpack --mode production" untuk melihat masalahnya.');
    return null;
  }
  return dist;
}
