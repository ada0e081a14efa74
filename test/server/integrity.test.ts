/**
 * The official record's integrity against an operator's mistakes and odd input (issue 17, items 1–5),
 * on SQLite and PostgreSQL: a stale roster re-import never undoes recorded decisions (and the same move
 * is never numbered twice), dates no workbook can hold and a TMT Mutasi before the TMT Jabatan are
 * refused, blank settings never wipe stored ones and an empty roster is refused, a restored copy gives
 * no record number until told where to continue, and text no database keeps as sent (NUL, half an
 * emoji) is refused with a 400 naming the field.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../sync-server/server/app';
import { openDatabase, type Db } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { getEmployee, getParameter } from '../../sync-server/db/queries';
import { verifyAudit } from '../../sync-server/db/audit-verify';
import { exportWorkbook } from '../../sync-server/server/export/workbook';
import { readRoster } from '../../sync-server/server/roster/read-roster';
import type { Settings } from '../../shared/model';
import { employee as bookEmployee, workbook } from '../support/book';
import { mutasi } from '../support/cli';
import { runCli } from './support/child';
import { eachDatabase, freshDatabase } from './support/databases';
import { agency, decision, loadAgency, rosterRows, token, type Agency } from './support/fixtures';

const WORKBOOK = '0b7c3d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

interface Ctx {
  db: Db;
}

function api(app: Express, secret: string) {
  return {
    push: (decisions: unknown[]) => request(app).post('/api/v1/decisions').set('Authorization', `Bearer ${secret}`).send({ workbookId: WORKBOOK, decisions }),
    roster: (body: unknown) => request(app).post('/api/v1/roster').set('Authorization', `Bearer ${secret}`).send(body as object),
  };
}

/** Pushes one decision per person (employee i → targets[i % n]) from where each is now; returns their results. */
async function recordMoves(ctx: Ctx, app: Express, approver: string, a: Agency, people: number[], effectiveDate = '2027-01-04') {
  const targets = a.positions.filter((p) => p.code.startsWith('T-')).map((p) => p.code);
  const ds = [];
  for (const i of people) {
    const e = (await getEmployee(ctx.db.knex, a.employees[i]!.nip))!;
    ds.push(decision(e.nip, e.positionCode, targets[i % targets.length]!, e.version, { effectiveDate }));
  }
  const res = await api(app, approver).push(ds);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  for (const r of res.body.results) assert.equal(r.status, 'recorded', JSON.stringify(r));
  return { decisions: ds, results: res.body.results as { recordNo: string; version: number }[] };
}

const count = async (db: Db, table: string) => Number(((await db.knex(table).count({ n: '*' }).first()) as { n: string | number }).n);

eachDatabase('record integrity: a re-imported roster never undoes recorded decisions', (ctx) => {
  let app: Express;
  let approver: string;
  let admin: string;
  const a = agency({ people: 120, targets: 10, seats: 12 });
  const moved = Array.from({ length: 100 }, (_, i) => i);
  let first: Awaited<ReturnType<typeof recordMoves>>;

  before(async function () {
    this.timeout(60_000);
    approver = await token(ctx.db, 'approver', null, 'Kepala BKPSDM');
    admin = await token(ctx.db, 'admin', null, 'Admin BKPSDM');
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    assert.equal((await api(app, admin).roster(rosterRows(a))).status, 200);
    first = await recordMoves(ctx, app, approver, a, moved);
  });

  it('a stale roster (POST /roster) keeps every recorded move, lists those rows, and changes nobody', async function () {
    this.timeout(60_000);
    const res = await api(app, admin).roster(rosterRows(a));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.employeesChanged, 0, 'nobody is moved back');
    assert.equal(res.body.recordedKept.length, moved.length);
    assert.deepEqual(res.body.recordedOverridden, []);
    const kept = res.body.recordedKept.find((c: { nip: string }) => c.nip === a.employees[3]!.nip);
    assert.deepEqual(kept.recorded, { positionCode: 'T-B-1', positionStart: '2027-01-04' });
    assert.deepEqual(kept.roster, { positionCode: 'POOL-B', positionStart: '2018-01-02' });
    assert.equal(kept.recordNo, first.results[3]!.recordNo);
    assert.equal(kept.row, 5, 'the Pegawai row it came from');
    for (const i of moved) {
      const e = (await getEmployee(ctx.db.knex, a.employees[i]!.nip))!;
      assert.ok(e.positionCode.startsWith('T-'), `${e.nip} still where the decision put them`);
      assert.equal(e.positionStart, '2027-01-04');
    }
    const [entry] = await ctx.db.knex('audit').where({ action: 'roster.import' }).orderBy('seq', 'desc').limit(1);
    const payload = JSON.parse(entry.payload);
    assert.equal(payload.recordedKept.length, moved.length);
    assert.equal(payload.overrideRecorded, false);
    assert.equal((await verifyAudit(ctx.db)).ok, true);
  });

  it('a recorded move pushed again under a new mutationId is a duplicate of the original, even after an import moved the person back', async function () {
    this.timeout(60_000);
    // The explicit override: the roster's positions win, every overridden row listed and audited.
    const res = await api(app, admin).roster({ ...rosterRows(a), overrideRecorded: true });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.recordedOverridden.length, moved.length);
    assert.equal(res.body.recordedKept.length, 0);
    const [entry] = await ctx.db.knex('audit').where({ action: 'roster.import' }).orderBy('seq', 'desc').limit(1);
    const payload = JSON.parse(entry.payload);
    assert.equal(payload.overrideRecorded, true);
    assert.equal(payload.recordedOverridden.length, moved.length);
    assert.equal((await getEmployee(ctx.db.knex, a.employees[0]!.nip))!.positionCode, 'POOL-A');

    // The workbook pushes the same moves again (new rows, new mutation ids, the current versions).
    const before = await count(ctx.db, 'decisions');
    const again = [];
    for (const [k, d] of first.decisions.entries()) {
      const e = (await getEmployee(ctx.db.knex, d.nip))!;
      again.push({ ...decision(d.nip, e.positionCode, d.toPositionCode, e.version), effectiveDate: d.effectiveDate, proposalId: `ULANG-${k}` });
    }
    const r = await api(app, approver).push(again);
    assert.equal(r.status, 200);
    r.body.results.forEach((x: { status: string; recordNo: string }, k: number) => {
      assert.equal(x.status, 'duplicate', JSON.stringify(x));
      assert.equal(x.recordNo, first.results[k]!.recordNo, 'the original record number, not a second one');
    });
    assert.equal(await count(ctx.db, 'decisions'), before, 'nothing recorded twice');
    // The same person to the same post with another TMT is another decision.
    const e = (await getEmployee(ctx.db.knex, a.employees[0]!.nip))!;
    const other = await api(app, approver).push([decision(e.nip, e.positionCode, first.decisions[0]!.toPositionCode, e.version, { effectiveDate: '2027-02-01' })]);
    assert.equal(other.body.results[0].status, 'recorded', JSON.stringify(other.body));
    // The next import keeps that new move (the person sits where it put them) but not the overridden ones.
    const next = await api(app, admin).roster(rosterRows(a));
    assert.deepEqual(next.body.recordedKept.map((c: { nip: string }) => c.nip), [e.nip]);
    assert.equal((await verifyAudit(ctx.db)).ok, true);
  });
});

eachDatabase('record integrity: mutasi import of an older workbook', (ctx) => {
  const a = agency({ people: 40, targets: 4, seats: 10 });
  let dir: string;
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the recorded moves and prints the rows; --timpa-keputusan overrides them, printed and audited', async function () {
    this.timeout(120_000);
    dir = mkdtempSync(path.join(tmpdir(), 'mutasi-integrity-'));
    await loadAgency(ctx.db, a);
    // The office's workbook: the record as it was before the decisions.
    const old = path.join(dir, 'nominatif-lama.xlsx');
    await (await exportWorkbook(ctx.db)).xlsx.writeFile(old);
    const approver = await token(ctx.db, 'approver');
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    const { results } = await recordMoves(ctx, app, approver, a, [0, 1, 2, 3, 4, 5]);

    const r = runCli(['import', old, '--db', ctx.url]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /6 pegawai tetap di posisi keputusan tercatat/);
    assert.match(r.stdout, /0 baru\/berubah\), /);
    for (const x of results) assert.ok(r.stdout.includes(x.recordNo), `${x.recordNo} named`);
    assert.equal((await getEmployee(ctx.db.knex, a.employees[0]!.nip))!.positionCode, 'T-A-0');

    const o = runCli(['import', old, '--timpa-keputusan', '--json', '--db', ctx.url]);
    assert.equal(o.status, 0, o.stderr);
    const report = JSON.parse(o.stdout).report;
    assert.equal(report.recordedOverridden.length, 6);
    assert.equal((await getEmployee(ctx.db.knex, a.employees[0]!.nip))!.positionCode, 'POOL-A');
    const [entry] = await ctx.db.knex('audit').where({ action: 'roster.import' }).orderBy('seq', 'desc').limit(1);
    assert.equal(JSON.parse(entry.payload).overrideRecorded, true);
  });

  it('an empty template is refused without --tanpa-pegawai; with it, blank settings keep the stored ones and each change is printed', async function () {
    this.timeout(120_000);
    const stored = { ...rosterRows(a), aturan: [
      { Aturan: 'Masa Jabatan Minimal (bulan)', Nilai: 36 },
      { Aturan: 'Larangan Mutasi Mulai', Nilai: '01/06/2027' },
      { Aturan: 'Larangan Mutasi Selesai', Nilai: '31/08/2027' },
    ] };
    const admin = await token(ctx.db, 'admin', null, 'Admin aturan');
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    const set = await api(app, admin).roster(stored);
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const tpl = path.join(dir, 'templat.xlsx');
    const made = mutasi(['template', tpl]);
    assert.equal(made.code, 0, made.stderr);

    const refused = runCli(['import', tpl, '--db', ctx.url]);
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /tidak berisi satu pegawai pun.*--tanpa-pegawai/);
    const moratoria = async () => (await getParameter<Settings>(ctx.db.knex, 'settings'))!.moratoria;
    assert.equal((await moratoria()).length, 1);

    const allowed = runCli(['import', tpl, '--tanpa-pegawai', '--db', ctx.url]);
    assert.equal(allowed.status, 0, allowed.stderr);
    // The template's Aturan has the defaults (24 months) and a blank moratorium: the first is a change
    // (printed), the blank keeps the stored election moratorium.
    assert.match(allowed.stdout, /Aturan diubah: Masa Jabatan Minimal \(bulan\): 36 → 24/);
    assert.doesNotMatch(allowed.stdout, /Larangan Mutasi/);
    assert.equal((await moratoria()).length, 1, 'the moratorium is still there');
    assert.equal((await getParameter<Settings>(ctx.db.knex, 'settings'))!.tenureMinMonths, 24);
  });
});

eachDatabase('record integrity: settings and empty rosters through POST /roster', (ctx) => {
  let app: Express;
  let admin: string;
  let approver: string;
  const a = agency({ people: 20, targets: 2, seats: 5 });
  const settings = async () => (await getParameter<Settings>(ctx.db.knex, 'settings'))!;

  before(async () => {
    admin = await token(ctx.db, 'admin');
    approver = await token(ctx.db, 'approver');
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
  });

  it('blank or absent settings never overwrite stored ones; a move inside the kept moratorium is still refused', async () => {
    const first = await api(app, admin).roster({ ...rosterRows(a), aturan: [
      { Aturan: 'Masa Jabatan Minimal (bulan)', Nilai: 36 },
      { Aturan: 'Larangan Mutasi Mulai', Nilai: '01/06/2027' },
      { Aturan: 'Larangan Mutasi Selesai', Nilai: '31/08/2027' },
    ] });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body.settingsChanged.map((c: { setting: string }) => c.setting).sort(), ['moratoria', 'tenureMinMonths']);

    for (const aturan of [undefined, [], [{ Aturan: 'Masa Jabatan Minimal (bulan)', Nilai: null }, { Aturan: 'Larangan Mutasi Mulai', Nilai: '' }, { Aturan: 'Larangan Mutasi Selesai', Nilai: null }]]) {
      const res = await api(app, admin).roster({ ...rosterRows(a), ...(aturan ? { aturan } : {}) });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.settingsChanged, []);
      assert.equal((await settings()).tenureMinMonths, 36);
      assert.equal((await settings()).moratoria.length, 1);
    }
    const changed = await api(app, admin).roster({ ...rosterRows(a), aturan: [{ Aturan: 'Masa Jabatan Minimal (bulan)', Nilai: 30 }] });
    assert.deepEqual(changed.body.settingsChanged, [{ setting: 'tenureMinMonths', name: 'Masa Jabatan Minimal (bulan)', before: '36', after: '30' }]);
    assert.equal((await settings()).moratoria.length, 1);
    // Moratorium rows with values replace the stored list, and the change is reported.
    const two = await api(app, admin).roster({ ...rosterRows(a), aturan: [
      { Aturan: 'Larangan Mutasi Mulai', Nilai: '01/06/2027' }, { Aturan: 'Larangan Mutasi Selesai', Nilai: '31/08/2027' },
      { Aturan: 'Larangan Mutasi Mulai', Nilai: '01/01/2029' }, { Aturan: 'Larangan Mutasi Selesai', Nilai: '30/06/2029' },
    ] });
    assert.deepEqual(two.body.settingsChanged, [{
      setting: 'moratoria', name: 'Larangan Mutasi Mulai/Selesai', before: '2027-06-01 s.d. 2027-08-31',
      after: '2027-06-01 s.d. 2027-08-31; 2029-01-01 s.d. 2029-06-30',
    }]);
    assert.equal((await settings()).tenureMinMonths, 30);

    const e = (await getEmployee(ctx.db.knex, a.employees[0]!.nip))!;
    const r = await api(app, approver).push([decision(e.nip, e.positionCode, 'T-A-0', e.version, { effectiveDate: '2027-07-01' })]);
    assert.equal(r.body.results[0].status, 'rejected');
    assert.ok(r.body.results[0].findings.some((f: { rule: string }) => f.rule === 'ELECTION_MORATORIUM'));
  });

  it('a roster without employees is refused unless allowNoEmployees', async () => {
    const rows = rosterRows(a);
    const blank = rows.pegawai.map((r) => Object.fromEntries(Object.keys(r).map((k) => [k, null])));
    const refused = await api(app, admin).roster({ pegawai: blank, jabatan: rows.jabatan });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.match(refused.body.findings[0].message, /tidak berisi satu pegawai pun/);
    const allowed = await api(app, admin).roster({ pegawai: blank, jabatan: rows.jabatan, allowNoEmployees: true });
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
    assert.equal(allowed.body.employees, 0);
    assert.equal(await count(ctx.db, 'employees'), a.employees.length, 'nobody deleted');
  });
});

eachDatabase('record integrity: dates', (ctx) => {
  let app: Express;
  let approver: string;
  const a = agency({ people: 10, targets: 2, seats: 3 });

  before(async () => {
    await loadAgency(ctx.db, a);
    approver = await token(ctx.db, 'approver');
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
  });

  it('a TMT Mutasi no workbook can hold (0001-01-01, 9999-12-31, 1899-12-31, 2200-01-01) is a 400 naming the field; nothing written', async () => {
    for (const effectiveDate of ['9999-12-31', '0001-01-01', '1899-12-31', '2200-01-01']) {
      const e = (await getEmployee(ctx.db.knex, a.employees[0]!.nip))!;
      const res = await api(app, approver).push([decision(e.nip, e.positionCode, 'T-A-0', e.version, { effectiveDate })]);
      assert.equal(res.status, 400, `${effectiveDate}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.issues[0].path, 'decisions.0.effectiveDate');
      assert.match(res.body.issues[0].message, /1900-01-01.*2199-12-31/);
    }
    assert.equal(await count(ctx.db, 'decisions'), 0);
    assert.equal((await getEmployee(ctx.db.knex, a.employees[0]!.nip))!.positionStart, '2018-01-02');
  });

  it('a TMT Mutasi before the employee TMT Jabatan is rejected as VALUE_INVALID on TMT Mutasi', async () => {
    const e = (await getEmployee(ctx.db.knex, a.employees[1]!.nip))!;
    const res = await api(app, approver).push([decision(e.nip, e.positionCode, 'T-B-0', e.version, { effectiveDate: '2017-12-31' })]);
    assert.equal(res.status, 200);
    const [r] = res.body.results;
    assert.equal(r.status, 'rejected', JSON.stringify(r));
    const f = r.findings.find((x: { rule: string }) => x.rule === 'VALUE_INVALID');
    assert.ok(f, JSON.stringify(r.findings));
    assert.equal(f.column, 'TMT Mutasi');
    assert.match(f.message, /2018-01-02/);
    assert.equal(await count(ctx.db, 'decisions'), 0);
  });

  it('export never writes a date cell blank: a stored date no workbook holds is written as its text, and said', async () => {
    const nip = a.employees[2]!.nip;
    await ctx.db.knex('employees').where({ nip }).update({ position_start: '0001-01-01' });
    try {
      const problems: string[] = [];
      const wb = await exportWorkbook(ctx.db, problems);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0]!, new RegExp(`${nip}.*TMT Jabatan.*0001-01-01`));
      const ws = wb.getWorksheet('Pegawai')!;
      let cell: unknown = undefined;
      ws.eachRow((row) => {
        if (row.getCell(1).value === nip) cell = row.getCell(6).value;
      });
      assert.equal(cell, '0001-01-01');
    } finally {
      await ctx.db.knex('employees').where({ nip }).update({ position_start: '2018-01-02' });
    }
  });
});

eachDatabase('record integrity: text no database keeps as sent', (ctx) => {
  let app: Express;
  let approver: string;
  let admin: string;
  const a = agency({ people: 10, targets: 3, seats: 3 });

  before(async () => {
    await loadAgency(ctx.db, a);
    approver = await token(ctx.db, 'approver');
    admin = await token(ctx.db, 'admin');
    app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
  });

  it('[good, half an emoji, good] and a NUL in a note are a 400 naming the field; nothing recorded; the chain verifies', async () => {
    const ds = [];
    for (const i of [0, 1, 2]) {
      const e = (await getEmployee(ctx.db.knex, a.employees[i]!.nip))!;
      ds.push(decision(e.nip, e.positionCode, `T-${i % 2 ? 'B' : 'A'}-${i}`, e.version));
    }
    for (const [note, why] of [['Catatan \ud83d', /separuh karakter/], ['Catatan \udc00 awal', /separuh karakter/], ['Catatan\u0000', /NUL/]] as const) {
      const res = await api(app, approver).push([ds[0], { ...ds[1], note }, ds[2]]);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.deepEqual(res.body.issues.map((i: { path: string }) => i.path), ['decisions.1.note']);
      assert.match(res.body.issues[0].message, why);
    }
    assert.equal(await count(ctx.db, 'decisions'), 0);
    // A whole emoji is text like any other.
    const ok = await api(app, approver).push([ds[0], { ...ds[1], note: 'Catatan 👍' }, ds[2]]);
    assert.deepEqual(ok.body.results.map((r: { status: string }) => r.status), ['recorded', 'recorded', 'recorded']);
    assert.equal((await ctx.db.knex('decisions').where({ mutation_id: ds[1]!.mutationId }).first()).note, 'Catatan 👍');
    assert.equal((await verifyAudit(ctx.db)).ok, true);
  });

  it('a roster with a NUL or half an emoji in a name (or a header) is a 400 naming the field; nothing written', async () => {
    const rows = rosterRows(a);
    rows.pegawai[0]!.Nama = 'Budi\u0000';
    rows.jabatan[1]!['Nama Jabatan'] = 'Analis \ud83d';
    const res = await api(app, admin).roster(rows);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.deepEqual(res.body.issues.map((i: { path: string }) => i.path).sort(), ['jabatan.1.Nama Jabatan', 'pegawai.0.Nama']);
    const header = await api(app, admin).roster({ ...rosterRows(a), pegawai: [{ ...rosterRows(a).pegawai[0], 'Catatan\u0000': 'x' }] });
    assert.equal(header.status, 400);
    assert.equal((await getEmployee(ctx.db.knex, a.employees[0]!.nip))!.name, a.employees[0]!.name);
  });

  it('a workbook cell with such text is VALUE_INVALID on that cell (mutasi import)', () => {
    const sheets = workbook({ employees: [bookEmployee({ Nama: 'Budi \ud83d' })] });
    const r = readRoster(sheets);
    const f = r.errors.find((x) => x.rule === 'VALUE_INVALID' && x.sheet === 'Pegawai');
    assert.ok(f, JSON.stringify(r.errors));
    assert.equal(f.cell, 'B2');
    assert.match(f.message, /separuh karakter/);
  });
});

eachDatabase('record integrity: record numbers after a restore', (ctx) => {
  const a = agency({ people: 20, targets: 4, seats: 5 });
  let dir: string;
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a restored backup gives no number until `mutasi nomor lanjut`; then it continues past the highest published one', async function () {
    this.timeout(120_000);
    dir = mkdtempSync(path.join(tmpdir(), 'mutasi-nomor-'));
    await loadAgency(ctx.db, a);
    const approver = await token(ctx.db, 'approver');
    const app = createApp({ db: ctx.db, config: { logLevel: 'silent' } });
    await recordMoves(ctx, app, approver, a, [0, 1]);

    const copy = path.join(dir, ctx.dialect === 'sqlite' ? 'cadangan.sqlite' : 'cadangan.dump');
    const b = runCli(['backup', copy, '--db', ctx.url]);
    assert.equal(b.status, 0, b.stderr);
    assert.match(b.stdout, /nomor lanjut/);
    // After the backup the live server goes on numbering: these numbers are published.
    const later = await recordMoves(ctx, app, approver, a, [2, 3, 4]);
    const highest = later.results[2]!.recordNo;
    const year = highest.slice(4, 8);

    // Restore: SQLite by copying the file into place; PostgreSQL with pg_restore into an empty database.
    let restoredUrl: string;
    let dropRestored = async () => undefined as void;
    if (ctx.dialect === 'sqlite') {
      restoredUrl = path.join(dir, 'mutasi.sqlite');
      copyFileSync(copy, restoredUrl);
    } else {
      const fresh = await freshDatabase('postgres');
      const r = spawnSync('pg_restore', ['--no-owner', `--dbname=${fresh.url}`, copy], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      restoredUrl = fresh.url;
      dropRestored = fresh.drop;
    }
    const restored = openDatabase(restoredUrl);
    try {
      await migrateLatest(restored);
      const app2 = createApp({ db: restored, config: { logLevel: 'silent' } });
      const e = (await getEmployee(restored.knex, a.employees[5]!.nip))!;
      const held = await api(app2, approver).push([decision(e.nip, e.positionCode, 'T-B-1', e.version)]);
      assert.equal(held.status, 503, JSON.stringify(held.body));
      assert.match(held.body.error, /Penomoran keputusan ditahan.*mutasi nomor lanjut --terakhir/);
      assert.equal(await count(restored, 'decisions'), 2, 'nothing recorded');

      const status = runCli(['nomor', 'status', '--db', restoredUrl]);
      assert.equal(status.status, 1, status.stdout + status.stderr);
      assert.match(status.stdout, /DITAHAN/);
      assert.equal(runCli(['nomor', 'lanjut', '--terakhir', 'MUT-12-1', '--db', restoredUrl]).status, 2, 'a wrong number is a wrong call');

      const go = runCli(['nomor', 'lanjut', '--terakhir', highest, '--db', restoredUrl]);
      assert.equal(go.status, 0, go.stderr);
      const n = Number(highest.slice(9));
      const next = `MUT-${year}-${String(n + 1).padStart(6, '0')}`;
      assert.match(go.stdout, new RegExp(`nomor berikutnya ${next}`));
      const pushed = await api(app2, approver).push([decision(e.nip, e.positionCode, 'T-B-1', e.version)]);
      assert.equal(pushed.status, 200, JSON.stringify(pushed.body));
      assert.equal(pushed.body.results[0].recordNo, next, 'never a number already published');
      assert.equal(runCli(['nomor', 'status', '--db', restoredUrl]).status, 0);
      const resume = await restored.knex('audit').where({ action: 'numbering.resume' });
      assert.equal(resume.length, 1);
      assert.equal((await verifyAudit(restored)).ok, true);
    } finally {
      await restored.close();
      await dropRestored();
    }

    // The live database was never held.
    const e = (await getEmployee(ctx.db.knex, a.employees[6]!.nip))!;
    const live = await api(app, approver).push([decision(e.nip, e.positionCode, 'T-A-2', e.version)]);
    assert.equal(live.body.results[0].status, 'recorded', JSON.stringify(live.body));
  });
});
