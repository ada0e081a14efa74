/**
 * bin/compiled-cli.cjs: the command line runs from a bundle only while the bundle is current. On a
 * throw-away project (an entry, a module it imports that uses __dirname): the bundle is built, is
 * current, runs the sources' code with each file's own __dirname, goes stale when a source changes
 * or disappears, and is rebuilt with the change. And the real command line prints the same through
 * the bundle as through tsx.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mutasi, ROOT } from '../support/cli';

const { currentBundle, buildBundle } = require('../../bin/compiled-cli.cjs') as {
  currentBundle(root: string): string | null;
  buildBundle(root: string, entry: string): Promise<string | null>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('compiled command line (bin/compiled-cli.cjs)', function () {
  this.timeout(60_000);
  let root = '';
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mutasi-compiled-'));
    mkdirSync(path.join(root, 'src', 'lib'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'main.ts'), "import { value, where } from './lib/dep';\nmodule.exports = { value, where };\n");
    writeFileSync(path.join(root, 'src', 'lib', 'dep.ts'), "export const value: number = 1;\nexport const where: string = __dirname;\n");
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is built, current, and runs the sources with their own __dirname; a changed or removed source makes it stale', async () => {
    const entry = path.join(root, 'src', 'main.ts');
    // Files written in the last second are not trusted to be complete: the first build is then used once, not kept.
    await sleep(1100);
    assert.equal(currentBundle(root), null, 'nothing built yet');
    const bundle = await buildBundle(root, entry);
    assert.ok(bundle, 'built');
    assert.equal(currentBundle(root), bundle, 'current right after the build');
    const first = require(bundle) as { value: number; where: string };
    assert.equal(first.value, 1);
    assert.equal(first.where, path.join(root, 'src', 'lib'), "the module's own folder, not the bundle's");

    appendFileSync(path.join(root, 'src', 'lib', 'dep.ts'), 'export const more = 2;\n');
    assert.equal(currentBundle(root), null, 'stale once a source changed');
    writeFileSync(path.join(root, 'src', 'lib', 'dep.ts'), "export const value: number = 3;\nexport const where: string = __dirname;\n");
    await sleep(1100);
    const again = await buildBundle(root, entry);
    assert.equal(currentBundle(root), again);
    delete require.cache[again!];
    assert.equal((require(again!) as { value: number }).value, 3, 'rebuilt with the change');

    rmSync(path.join(root, 'src', 'lib', 'dep.ts'));
    assert.equal(currentBundle(root), null, 'stale once a source is gone');
  });

  it('the real command line prints the same from the bundle as through tsx', () => {
    for (const args of [['propose', '--help'], ['check', '--help']]) {
      const viaBundle = mutasi(args);
      const viaTsx = mutasi(args, { env: { MUTASI_NO_BUNDLE: '1' } });
      assert.equal(viaBundle.code, 0);
      assert.equal(viaBundle.stdout, viaTsx.stdout);
      assert.equal(viaBundle.stderr, viaTsx.stderr);
    }
    assert.ok(currentBundle(ROOT), "the repository's bundle is current after a run");
  });
});
