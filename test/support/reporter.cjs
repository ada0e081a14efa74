// Mocha's spec reporter, plus the closing line CI reads: "N passed, N failed, N skipped".
// Before it, the ten slowest test files (the suite runs close to CI's time budget; this says where it goes).
'use strict';
const path = require('node:path');
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_TEST_END, EVENT_HOOK_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const perFile = new Map();
    const started = Date.now();
    let last = started;
    // Wall time between consecutive test/hook ends is charged to the file of the one that ended:
    // hooks (before/after: servers, builds, databases) are where most of the time goes.
    const charge = (runnable) => {
      const now = Date.now();
      const file = runnable.file ? path.relative(process.cwd(), runnable.file) : '(tanpa berkas)';
      perFile.set(file, (perFile.get(file) || 0) + (now - last));
      last = now;
    };
    runner.on(EVENT_TEST_END, charge);
    runner.on(EVENT_HOOK_END, charge);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || {};
      const slow = [...perFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
      if (slow.length > 0 && (s.tests || 0) > 20) {
        process.stdout.write(`\nBerkas uji paling lama (dari ${((Date.now() - started) / 1000).toFixed(0)} s):\n`);
        for (const [file, ms] of slow) process.stdout.write(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${file}\n`);
      }
      // Printed after Spec's epilogue so it is the last line of the run.
      process.stdout.write(`\n${s.passes || 0} passed, ${s.failures || 0} failed, ${s.pending || 0} skipped\n`);
    });
  }
}
module.exports = SummaryReporter;
