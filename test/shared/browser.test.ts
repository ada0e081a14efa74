/** shared/ must build for the browser: bundled with esbuild for platform "browser", no Node built-in may be reached. */
import { strict as assert } from 'node:assert';
import { builtinModules } from 'node:module';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

describe('shared/ builds for the browser', () => {
  it('bundles every module of shared/ for the browser without any Node built-in', async function () {
    this.timeout(30000);
    const root = path.join(__dirname, '../../shared');
    const modules = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => `./${f.split(path.sep).join('/')}`);
    const entry = modules.map((m) => `export * as m${modules.indexOf(m)} from '${m}';`).join('\n');
    const nodeImports: string[] = [];
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const result = await build({
      stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'all-shared.ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [
        {
          name: 'no-node',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => {
              if (builtins.has(args.path)) nodeImports.push(`${args.path} (from ${path.relative(process.cwd(), args.importer)})`);
              return undefined;
            });
          },
        },
      ],
    });
    assert.deepEqual(nodeImports, [], 'shared/ imports Node built-ins');
    assert.equal(result.errors.length, 0);
    const inputs = Object.keys(result.metafile!.inputs);
    // shared/xlsx reads and writes zips and XML with browser-safe libraries (issue 12); nothing else from outside.
    const outside = inputs.filter((i) => !i.startsWith('shared/') && i !== 'all-shared.ts' && !/^node_modules\/(fflate|saxes|xmlchars)\//.test(i));
    assert.deepEqual(outside, [], 'only shared/ (and the zip/XML libraries of shared/xlsx) is bundled');
    assert.ok(modules.length > 15);
    const code = result.outputFiles[0]!.text;
    assert.match(code, /checkSheets/);
  });
});
