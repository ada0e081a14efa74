/**
 * Where the add-in's pages come from. `npm start` on a fresh clone: webpack builds them into
 * dist/addin; when they are missing and the project has a webpack config, they are built once before
 * serving. `mutasi serve` run from another folder (a data folder, a service's working directory) serves
 * the pages of the Mutasi installation it runs from, when they are built there; it never starts a build
 * outside the working folder. When no pages can be had, the API still starts, and the banner says why.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The folder of this Mutasi installation (where package.json, manifest.xml and dist/ live). */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

const built = (root: string) => existsSync(path.join(root, 'dist', 'addin', 'taskpane.html'));
const webpackConfig = (root: string) => readdirSync(root).find((f) => /^webpack\.config\.(c?js|mjs|ts)$/.test(f));

/**
 * The folder of the add-in's built pages, or null (API only). `root`: the working folder (the project
 * on `npm start`); `packageRoot`: this installation, used when the working folder is not a project.
 */
export function ensureAddinBuilt(root: string, log: (line: string) => void, packageRoot = PACKAGE_ROOT): string | null {
  const dist = path.join(root, 'dist', 'addin');
  if (built(root)) return dist;
  const config = webpackConfig(root);
  if (!config) {
    if (path.resolve(packageRoot) !== path.resolve(root) && built(packageRoot)) return path.join(packageRoot, 'dist', 'addin');
    if (path.resolve(packageRoot) !== path.resolve(root) && existsSync(packageRoot) && webpackConfig(packageRoot)) {
      log(`Add-in belum dibangun di ${packageRoot}: hanya API yang dilayani. Bangun sekali dengan "npm run build" di folder itu, lalu jalankan ulang server.`);
      return null;
    }
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
