/**
 * The SQL literals the writer puts in a SQLite script (db/sql-literal.ts): wherever `inlined` gives a
 * statement, running it stores exactly what running the statement with its parameters bound stores
 * (real SQLite, the same driver): type and value, byte for byte. Where it cannot promise that
 * (NUL, numbers bound as REAL, booleans, dates, a quote or comment in the text), it gives null and the
 * writer binds the parameters instead.
 */
import assert from 'node:assert/strict';
import sqlite3 from 'sqlite3';
import { inlined, sqlLiteral } from '../../sync-server/db/sql-literal';
import { sqliteRunner } from '../../sync-server/db/statements';
import { finalizeStatements, preparedStatements } from '../../sync-server/db/connect';

describe('SQL literals for a SQLite script', () => {
  let conn: sqlite3.Database;
  const exec = (sql: string) => new Promise<void>((resolve, reject) => conn.exec(sql, (e) => (e ? reject(e) : resolve())));
  const all = (sql: string, params: unknown[] = []) =>
    new Promise<Record<string, unknown>[]>((resolve, reject) => conn.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as Record<string, unknown>[]))));

  before(async () => {
    conn = new sqlite3.Database(':memory:');
    // x: no type (stores what it is given); i: INTEGER affinity; s: TEXT affinity.
    await exec('CREATE TABLE t (k INTEGER PRIMARY KEY, x, i INTEGER, s TEXT)');
  });
  after(() => new Promise<void>((resolve) => conn.close(() => resolve())));

  /** What a row inserted with `v` holds, inserted bound and inserted as `inlined` wrote it. */
  async function bothWays(v: unknown): Promise<{ bound: unknown; written: unknown; text: string }> {
    const st = { text: 'INSERT INTO t (k, x, i, s) VALUES (?, ?, ?, ?)', params: [1, v, v, v] };
    const text = inlined(st);
    assert.notEqual(text, null, `inlined gave null for ${JSON.stringify(v)}`);
    const read = 'SELECT typeof(x) AS tx, hex(x) AS hx, typeof(i) AS ti, hex(i) AS hi, typeof(s) AS ts, hex(s) AS hs FROM t WHERE k = 1';
    await exec('DELETE FROM t');
    await all(st.text, [...st.params]);
    const bound = await all(read);
    await exec('DELETE FROM t');
    await exec(text!);
    const written = await all(read);
    await exec('DELETE FROM t');
    return { bound, written, text: text! };
  }

  const same = [
    null,
    '',
    'biasa',
    "O'Brien",
    "''",
    "'); DROP TABLE t; --",
    'a ? b',
    '-- bukan komentar',
    '/* bukan komentar */',
    'baris\nbaru\r\ttab \\ garis miring',
    'Ñoño — “kutip” 漢字 😀',
    '\uD800', // a lone high surrogate
    'x\uDC00y', // a lone low surrogate
    '\uDBFF\uDFFF', // a valid pair at the top of the range
    0,
    -0,
    1,
    -1,
    42,
    2 ** 31 - 1,
    -(2 ** 31),
  ];
  for (const v of same) {
    it(`${Object.is(v, -0) ? '-0' : JSON.stringify(v)} stores what binding it stores`, async () => {
      const { bound, written } = await bothWays(v);
      assert.deepEqual(written, bound);
    });
  }

  it('a negative number after a minus is not a comment: 5-? with -1 is 6', async () => {
    const text = inlined({ text: 'SELECT 5-? AS n', params: [-1] });
    assert.equal(text, 'SELECT 5-(-1) AS n');
    assert.deepEqual(await all(text!), [{ n: 6 }]);
  });

  it('no literal where binding stores something else, or the text could not be written safely', () => {
    const refused: [string, unknown][] = [
      ['NUL', 'a\0b'],
      ['2^31 (bound as REAL)', 2 ** 31],
      ['-(2^31) - 1', -(2 ** 31) - 1],
      ['2^53', 2 ** 53],
      ['huge', 1e300],
      ['fraction', 0.5],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['-Infinity', Number.NEGATIVE_INFINITY],
      ['bigint', 10n],
      ['true', true],
      ['false', false],
      ['Date', new Date('2027-01-04T00:00:00Z')],
      ['Buffer', Buffer.from('ab')],
      ['object', { a: 1 }],
    ];
    for (const [name, v] of refused) {
      assert.equal(sqlLiteral(v), null, name);
      assert.equal(inlined({ text: 'SELECT ?', params: [v] }), null, name);
    }
    // A `?` that may sit inside a literal or a comment: not a placeholder to replace.
    assert.equal(inlined({ text: "SELECT '?', ?", params: [1] }), null);
    assert.equal(inlined({ text: 'SELECT ? -- ?', params: [1] }), null);
    assert.equal(inlined({ text: 'SELECT ? /* ? */', params: [1] }), null);
    // Placeholders and parameters that do not match.
    assert.equal(inlined({ text: 'SELECT ?, ?', params: [1] }), null);
    assert.equal(inlined({ text: 'SELECT ?', params: [1, 2] }), null);
  });

  it('writes each literal as expected', () => {
    assert.equal(sqlLiteral(null), 'NULL');
    assert.equal(sqlLiteral(undefined), 'NULL');
    assert.equal(sqlLiteral("it's"), "'it''s'");
    assert.equal(sqlLiteral(-0), '0');
    assert.equal(sqlLiteral(-7), '(-7)');
    assert.equal(inlined({ text: 'UPDATE s SET v = ?, h = ? WHERE id = 1', params: [3, 'ab'] }), "UPDATE s SET v = 3, h = 'ab' WHERE id = 1");
  });
});

describe('the SQLite statement runner: an atomic step', () => {
  let conn: sqlite3.Database;
  const exec = (sql: string) => new Promise<void>((resolve, reject) => conn.exec(sql, (e) => (e ? reject(e) : resolve())));
  before(async () => {
    conn = new sqlite3.Database(':memory:');
    await exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  });
  after(async () => {
    const cache = preparedStatements.get(conn);
    if (cache) await finalizeStatements(cache);
    await new Promise<void>((resolve, reject) => conn.close((e) => (e ? reject(e) : resolve())));
  });

  it('written in as one script, or bound one by one when a parameter cannot be written in; a failure undoes the whole step only', async () => {
    const runner = sqliteRunner(conn as never);
    const insert = (k: number, v: unknown) => ({ text: 'INSERT INTO t (k, v) VALUES (?, ?)', params: [k, v] });
    await exec('BEGIN');
    await runner.atomically([insert(1, "it's"), insert(2, 'b')]); // one script
    await runner.atomically([insert(3, 'nul\0inside'), insert(4, 'd')]); // NUL: bound one by one
    for (const step of [
      [insert(5, 'e'), insert(1, 'again')], // one script, the second fails (primary key)
      [insert(6, 'f\0'), insert(2, 'again')], // one by one, the second fails
      [insert(7, 'g'), insert(8, null)], // NOT NULL
    ]) {
      await assert.rejects(runner.atomically(step), /SQLITE_CONSTRAINT/);
    }
    const rows = await runner.sql<{ k: number; v: string }>('SELECT k, v FROM t ORDER BY k');
    assert.deepEqual(rows, [{ k: 1, v: "it's" }, { k: 2, v: 'b' }, { k: 3, v: 'nul\0inside' }, { k: 4, v: 'd' }]);
    await exec('COMMIT');
    runner.finish();
  });
});
