/** LibreOffice headless for tests: a profile of its own per conversion (other runs convert at the same time). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The first sheet of an .xlsx `file` as CSV text, as LibreOffice reads it. */
export function libreOfficeCsv(file: string): string {
  const out = mkdtempSync(path.join(tmpdir(), 'mutasi-lo-out-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'lo-profile-'));
  const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'csv', '--outdir', out, file], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return readFileSync(path.join(out, path.basename(file).replace(/\.xlsx$/, '.csv')), 'utf8');
}
