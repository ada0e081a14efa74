// A rendering thread (render-pool.ts): fills templates with render.ts for the main thread. Plain
// CommonJS that registers tsx itself, so it runs the same under `npx mutasi`, the server and the tests.
'use strict';
require('tsx/cjs/api').register();
const { parentPort } = require('node:worker_threads');
const { renderDocx, TemplateProblem } = require('./render.ts');

const templates = new Map();
parentPort.on('message', async (m) => {
  if (m.type === 'template') {
    templates.set(m.key, Buffer.from(m.bytes));
    return;
  }
  try {
    const input = { ...m.input, template: templates.get(m.input.templateKey), date: new Date(m.input.date) };
    const bytes = await renderDocx(input);
    parentPort.postMessage({ id: m.id, bytes });
  } catch (e) {
    parentPort.postMessage({
      id: m.id,
      error: e instanceof TemplateProblem ? { template: { kind: e.kind, fileName: e.fileName, problems: e.problems } } : { message: String((e && e.stack) || e) },
    });
  }
});
