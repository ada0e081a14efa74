// The command line precompiled: sync-server/cli/main.ts and every source file it can load, bundled by
// esbuild (tsx's own compiler) into one CommonJS file under node_modules/.cache/mutasi-cli/, with the
// packages left as ordinary require()s. Running through tsx compiles nothing when its cache is warm, but
// still looks up, lexes and loads each of the ~60 TypeScript modules of a command separately: about
// 0.25 s of CPU before a command starts, against one file here.
//
// The bundle is used only while it is current: a manifest lists every input file (and this file, the
// tsconfigs, esbuild's version) with its size, mtime and ctime, and any difference rebuilds it, so an
// edited source is never run stale. Anything unexpected (no esbuild, a read-only install, a failed
// build) returns null and bin/mutasi.cjs runs the sources through tsx exactly as before.
// MUTASI_NO_BUNDLE=1 always takes that path.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const FORMAT = 1;

function stamp(file) {
  const s = fs.statSync(file);
  return [s.size, s.mtimeMs, s.ctimeMs];
}

function sameStamp(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The files besides the bundle's inputs whose change must rebuild it. */
function extraInputs(root) {
  return [
    __filename,
    path.join(root, 'tsconfig.base.json'),
    path.join(root, 'sync-server', 'tsconfig.json'),
    path.join(root, 'shared', 'tsconfig.json'),
    esbuildPackage(),
  ].filter((f) => f !== null && fs.existsSync(f));
}

/** esbuild's package.json (its version decides the bundle too), wherever npm put it (tsx depends on it). */
function esbuildPackage() {
  try {
    return require.resolve('esbuild/package.json');
  } catch {
    return null;
  }
}

function current(manifestFile, bundleFile) {
  let m;
  try {
    m = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch {
    return false;
  }
  if (!m || m.format !== FORMAT || m.node !== process.versions.node || !Array.isArray(m.inputs) || !fs.existsSync(bundleFile)) return false;
  try {
    return m.inputs.every(([file, st]) => sameStamp(stamp(file), st));
  } catch {
    return false; // an input is gone
  }
}

/**
 * `__dirname` and `__filename` in a source file mean its own folder and path (templates next to the
 * documents code, package.json two folders up): written into the bundle as those strings.
 */
function ownPaths() {
  return {
    name: 'own-paths',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = fs.readFileSync(args.path, 'utf8');
        if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
        return {
          contents: text.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))).replace(/\b__filename\b/g, JSON.stringify(args.path)),
          loader: 'ts',
        };
      });
    },
  };
}

function files(root) {
  const dir = path.join(root, 'node_modules', '.cache', 'mutasi-cli');
  return { dir, bundleFile: path.join(dir, 'main.cjs'), manifestFile: path.join(dir, 'main.json') };
}

async function build(root, entry, { dir, bundleFile, manifestFile }) {
  const esbuild = require('esbuild');
  const started = Date.now();
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${bundleFile}.${process.pid}.tmp`;
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: `node${process.versions.node}`,
      packages: 'external',
      keepNames: true, // as tsx compiles: function and class names stay as written
      sourcemap: 'linked',
      outfile: tmp,
      metafile: true,
      logLevel: 'silent',
      plugins: [ownPaths()],
    });
  } finally {
    esbuild.stop?.();
  }
  // The map is named after the bundle's final name (the bundle's comment points at it).
  const code = fs.readFileSync(tmp, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, `//# sourceMappingURL=${path.basename(bundleFile)}.map\n`);
  fs.writeFileSync(tmp, code);
  const inputs = [...Object.keys(result.metafile.inputs).map((f) => path.resolve(f)), ...extraInputs(root)];
  const stamps = inputs.map((f) => [f, stamp(f)]);
  fs.renameSync(`${tmp}.map`, `${bundleFile}.map`);
  fs.renameSync(tmp, bundleFile);
  // An input changed while it was being bundled (or just before): the bundle is used this once, not kept.
  if (stamps.some(([, st]) => st[1] >= started - 1000 || st[2] >= started - 1000)) return;
  const mtmp = `${manifestFile}.${process.pid}.tmp`;
  fs.writeFileSync(mtmp, JSON.stringify({ format: FORMAT, node: process.versions.node, inputs: stamps }));
  fs.renameSync(mtmp, manifestFile);
}

/** The bundle when it is current, else null (synchronous: the common case costs a few stat calls). */
function currentBundle(root) {
  if (process.env.MUTASI_NO_BUNDLE) return null;
  const f = files(root);
  try {
    return current(f.manifestFile, f.bundleFile) ? f.bundleFile : null;
  } catch {
    return null;
  }
}

/** Builds the bundle of `entry` now; resolves its path, or null to run the sources through tsx. */
async function buildBundle(root, entry) {
  if (process.env.MUTASI_NO_BUNDLE) return null;
  const f = files(root);
  try {
    await build(root, entry, f);
    return f.bundleFile;
  } catch {
    return null;
  }
}

module.exports = { currentBundle, buildBundle };
