/**
 * `mutasi pantau` on the official record (SQLite and PostgreSQL), run as the installed command is:
 * the due / overdue list and the report at a date, for a unit or all, --json, --lang en, and the exit
 * status a scheduled job relies on (1 when anything is overdue, 0 when nothing is, 2 for a wrong call).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createToken } from '../../sync-server/db/tokens';
import { writeFollowups } from '../../sync-server/server/followups/write';
import { FollowupBody } from '../../sync-server/server/followups/schemas';
import { eachDatabase } from './support/databases';
import { agency, loadAgency } from './support/fixtures';
import { daysFromToday, recordMoves, review, spmt } from './support/followups';

const ROOT = path.resolve(__dirname, '..', '..');
const mutasi = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/mutasi.cjs', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

eachDatabase('mutasi pantau', (ctx) => {
  let moves: { recordNo: string; nip: string; unit: string }[];
  const TMT = daysFromToday(-100);

  before(async function () {
    this.timeout(60_000);
    const a = agency({ people: 12, targets: 2, seats: 3 });
    await loadAgency(ctx.db, a);
    moves = await recordMoves(ctx.db, a, TMT, 8);
    const { info } = await createToken(ctx.db, { name: 'Kabid', role: 'supervisor', unit: null }, 'test');
    // Unit A: every SPMT in (one late); Unit B: none.
    const entries: Record<string, unknown>[] = moves.filter((m) => m.unit === 'Unit A').map((m, i) => spmt(m.recordNo, daysFromToday(i === 0 ? -50 : -95)));
    entries.push(review(moves.find((m) => m.unit === 'Unit A')!.recordNo, 6, daysFromToday(-1), { skp: 'Sangat Baik' }));
    const results = await writeFollowups(ctx.db, FollowupBody.parse({ entries }).entries, { token: info });
    assert.ok(results.every((r) => r.status === 'recorded'), JSON.stringify(results));
  });

  it('lists what is overdue and exits 1; a unit with nothing overdue exits 0', function () {
    this.timeout(60_000);
    const all = mutasi(['pantau', '--db', ctx.url]);
    assert.equal(all.status, 1, all.stderr);
    assert.match(all.stdout, /Pantau pasca mutasi per \d\d\/\d\d\/\d{4} — semua unit/);
    assert.match(all.stdout, /terlambat 70 hari/); // Unit B's SPMT: due TMT + 30, 100 days ago
    assert.match(all.stdout, /Laporan per unit/);
    assert.match(all.stdout, /Unit A/);
    const a = mutasi(['pantau', '--unit', 'Unit A', '--db', ctx.url]);
    assert.equal(a.status, 0, a.stdout + a.stderr);
    // Reviews at 6 months are not yet due 100 days after TMT (listed from 30 days before).
    assert.match(a.stdout, /Tidak ada yang jatuh tempo atau terlambat/);
  });

  it('--json and --at: the list and the report at another date', function () {
    this.timeout(60_000);
    const at = daysFromToday(90); // 190 days after TMT: the 6-month reviews are overdue, Unit A's one done
    const r = mutasi(['pantau', '--json', '--at', at, '--db', ctx.url]);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.at, at);
    assert.deepEqual(out.settings, { spmtDays: 30, reviewMonths: [6, 12] });
    const unitA = moves.filter((m) => m.unit === 'Unit A');
    const unitB = moves.filter((m) => m.unit === 'Unit B');
    const reviewsOverdue = out.items.filter((i: { kind: string; status: string }) => i.kind === 'review' && i.status === 'overdue');
    assert.equal(reviewsOverdue.length, moves.length - 1);
    assert.equal(out.items.filter((i: { kind: string }) => i.kind === 'spmt').length, unitB.length);
    const [ra, rb] = out.report.units;
    assert.deepEqual(ra.spmt, { onTime: unitA.length - 1, late: 1, missing: 0, pending: 0 });
    assert.deepEqual(rb.spmt, { onTime: 0, late: 0, missing: unitB.length, pending: 0 });
    assert.equal(ra.skp.higher, 1);
    assert.equal(out.report.total.moves, moves.length);
    // Before the TMT nothing is due: exit 0.
    const early = mutasi(['pantau', '--json', '--at', daysFromToday(-101), '--db', ctx.url]);
    assert.equal(early.status, 0);
    assert.equal(JSON.parse(early.stdout).items.length, 0);
  });

  it('--lang en; a wrong date or an unknown unit is one line and exit 2', function () {
    this.timeout(60_000);
    const en = mutasi(['pantau', '--lang', 'en', '--db', ctx.url]);
    assert.equal(en.status, 1);
    assert.match(en.stdout, /After the move, as of .* — all units/);
    assert.match(en.stdout, /overdue 70 days/);
    assert.match(en.stdout, /SPMT on time/);
    const date = mutasi(['pantau', '--at', '2027-02-29', '--db', ctx.url]);
    assert.equal(date.status, 2);
    assert.match(date.stderr, /tidak ada di kalender/);
    const unit = mutasi(['pantau', '--unit', 'Unit Z', '--db', ctx.url]);
    assert.equal(unit.status, 2);
    assert.match(unit.stderr, /unit "Unit Z" tidak ada di catatan resmi; unit yang ada: Unit A, Unit B/);
    assert.doesNotMatch(unit.stderr, /at .*\.ts:\d+/);
    const unitEn = mutasi(['pantau', '--unit', 'Unit Z', '--lang', 'en', '--db', ctx.url]);
    assert.match(unitEn.stderr, /is not in the official record/);
  });
});
