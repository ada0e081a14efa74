#!/usr/bin/env node
// Entry point of `npx mutasi`: runs the TypeScript command line through tsx (no build step needed).
'use strict';
const path = require('node:path');
require('tsx/cjs/api').register();
require(path.join(__dirname, '..', 'sync-server', 'cli', 'main.ts'));
