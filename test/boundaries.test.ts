/**
 * The one direction of imports between the parts (README "Developing: the parts"; issue 19): shared/
 * imports only itself; the add-in and the server import shared/ and themselves, never each other; the
 * scripts may use the server. Each part's tsconfig.json already fails a wrong platform (Node in shared/
 * or the add-in, the DOM in the server); this catches what the types cannot, e.g. the add-in importing a
 * server module that happens to be pure.
 */
import { strict as assert } from 'node:assert';
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
type Part = 'shared' | 'addin' | 'sync-server' | 'scripts';
const MAY_IMPORT: Record<Part, Part[]> = {
  shared: ['shared'],
  addin: ['addin', 'shared'],
  'sync-server': ['sync-server', 'shared'],
  scripts: ['scripts', 'sync-server', 'shared'],
};
/** Parts that run in the browser: no Node built-ins. */
const BROWSER: Part[] = ['shared', 'addin'];
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** Module specifiers of static imports and exports, side-effect imports and dynamic imports. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const re = /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

describe('the parts import in one direction', () => {
  it('reads the imports it judges', () => {
    assert.deepEqual(
      specifiers(`import a from './a';\nimport type { B } from "../b";\nexport { c } from './c';\nimport 'node:fs';\nconst d = await import('./d');\nimport {\n  e,\n} from '../e';`),
      ['./a', '../b', './c', 'node:fs', './d', '../e'],
    );
  });

  for (const part of Object.keys(MAY_IMPORT) as Part[]) {
    it(`${part}/ imports only ${MAY_IMPORT[part].join(', ')}${BROWSER.includes(part) ? ', and no Node built-in' : ''}`, () => {
      const wrong: string[] = [];
      const files = sources(part);
      assert.ok(files.length > 0, `${part}/ has sources`);
      for (const file of files) {
        for (const spec of specifiers(readFileSync(path.join(ROOT, file), 'utf8'))) {
          if (spec.startsWith('.')) {
            const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)).split(path.sep)[0] as Part;
            if (!MAY_IMPORT[part].includes(target)) wrong.push(`${file}: ${spec}`);
          } else if (BROWSER.includes(part) && NODE.has(spec.split('/')[0]!)) {
            wrong.push(`${file}: ${spec}`);
          }
        }
      }
      assert.deepEqual(wrong, []);
    });
  }
});
