/**
 * What the add-in bundle imports at run time must be a runtime dependency ("dependencies"), so that an
 * install without dev tools (npm ci --omit=dev) still has it: jszip was a devDependency once (the add-in no
 * longer uses it: the browser host reads and writes through shared/xlsx, on fflate and saxes).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

describe('addin: bundle dependencies', () => {
  it('every package the add-in and shared/ import (not type-only) is in "dependencies"', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const used = new Set<string>();
    for (const file of [...sources(path.join(root, 'addin')), ...sources(path.join(root, 'shared'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^\s*import\s+(?!type\s)[^;]*?from\s+'([^'.][^']*)'|import\(\s*(?:\/\*[^*]*\*\/\s*)?'([^'.][^']*)'\s*\)/gm)) {
        const spec = (m[1] ?? m[2])!;
        if (spec.startsWith('node:')) continue;
        used.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    assert.ok(used.has('preact') && used.has('fflate'), [...used].join(', '));
    const missing = [...used].filter((p) => !(p in (pkg.dependencies ?? {})));
    assert.deepEqual(missing, [], 'imported by the bundle but not a runtime dependency');
  });
});
