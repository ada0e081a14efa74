/**
 * Builds the add-in once per test process (production mode, into a temporary folder so a developer's
 * dist/ is left alone) and hands the folder and the budget report to every test that needs them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Built {
  dir: string;
  output: string;
  size: { files: string[]; gzipBytes: number; budget: number };
}

const root = join(__dirname, '..', '..', '..');
let building: Promise<Built> | null = null;

export function buildAddin(): Promise<Built> {
  building ??= new Promise<Built>((resolve, reject) => {
    const dir = mkdtempSync(join(tmpdir(), 'mutasi-addin-'));
    const child = spawn(process.execPath, [join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', '--output-path', dir], { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`webpack failed (${code}):\n${output}`));
      resolve({ dir, output, size: JSON.parse(readFileSync(join(dir, 'bundle-size.json'), 'utf8')) });
    });
  });
  return building;
}
