#!/usr/bin/env node
// Entry point of `npx mutasi`: runs the TypeScript command line, precompiled into one bundle while that
// is current (bin/compiled-cli.cjs: rebuilt first when a source changed), otherwise through tsx (no
// build step needed either way).
'use strict';
const path = require('node:path');
const { currentBundle, buildBundle } = require('./compiled-cli.cjs');
const root = path.join(__dirname, '..');
const main = path.join(root, 'sync-server', 'cli', 'main.ts');

function run(bundle) {
  if (bundle) {
    // Stack traces (MUTASI_DEBUG) through the bundle's source map, to the TypeScript lines.
    if (process.env.MUTASI_DEBUG) process.setSourceMapsEnabled(true);
    require(bundle);
  } else {
    require('tsx/cjs/api').register();
    require(main);
  }
}

const bundle = currentBundle(root);
if (bundle || process.env.MUTASI_NO_BUNDLE) run(bundle);
else buildBundle(root, main).then(run, () => run(null));
