/**
 * `--lang en` for the administrator's commands too (issue 14): token, import, export, audit, backup say
 * their results and their refusals in English, and Indonesian stays the default.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mutasi } from '../support/cli';
import { writeE2eWorkbook } from '../addin/support/e2e-workbook';

describe('admin commands with --lang en', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mutasi-admin-lang-'));
  const db = path.join(dir, 'mutasi.sqlite');
  const en = (args: string[]) => mutasi([...args, '--db', db, '--lang', 'en'], { cwd: dir });
  // Words that would betray an Indonesian line in English output.
  const INDONESIAN = /\b(tidak|dibuat|ditulis|Salinan|Simpan|Basis data|Catatan|pegawai|jabatan|keputusan|Diimpor|dicabut|Rantai)\b/;

  it('token create / list / revoke', () => {
    const made = en(['token', 'create', '--name', 'Admin BKPSDM', '--role', 'admin']);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /Token #1 for Admin BKPSDM \(admin\)/);
    assert.match(made.stdout, /Keep it now: this token cannot be shown again/);
    assert.match(made.stderr, /Note: there was no database at .*a NEW one was created there/);
    assert.doesNotMatch(made.stdout + made.stderr, INDONESIAN);
    const list = en(['token', 'list']);
    assert.match(list.stdout, /│ ID │ Name +│ Role +│ Unit +│ Created +│ Revoked │/);
    assert.match(list.stdout, /\(all\)/);
    assert.match(en(['token', 'revoke', '1']).stdout, /Token #1 \(Admin BKPSDM\) revoked; the next request with it is refused\./);
    assert.match(en(['token', 'revoke', '1']).stdout, /was already revoked on .*; nothing changed\./);
    const missing = en(['token', 'revoke', '9']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /token #9 does not exist/);
    const badRole = en(['token', 'create', '--name', 'x', '--role', 'raja']);
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /unknown role: raja/);
    // Indonesian by default.
    assert.match(mutasi(['token', 'revoke', '1', '--db', db], { cwd: dir }).stdout, /sudah dicabut sejak/);
  });

  it('import, export, audit verify, backup', async () => {
    const book = path.join(dir, 'kantor.xlsx');
    await writeE2eWorkbook(book);
    const imp = en(['import', book]);
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout, /^Imported from .*: \d+ employees \(\d+ new\/changed\), \d+ positions/m);
    assert.match(imp.stdout, /Official record version: /);
    assert.doesNotMatch(imp.stdout, INDONESIAN);
    const out = path.join(dir, 'resmi.xlsx');
    const exp = en(['export', out]);
    assert.equal(exp.code, 0, exp.stderr);
    assert.match(exp.stdout, /^Written .*resmi\.xlsx: \d+ employees, \d+ positions, \d+ decisions\.$/m);
    const audit = en(['audit', 'verify']);
    assert.equal(audit.code, 0, audit.stderr);
    assert.match(audit.stdout, /Audit chain intact: \d+ entries, \d+ decisions; \d+ tokens, \d+ employees, \d+ positions, \d+ parameters, \d+ change-log rows match the chain\./);
    const bak = en(['backup', path.join(dir, 'cadangan.sqlite')]);
    assert.equal(bak.code, 0, bak.stderr);
    assert.match(bak.stdout, /Backup written: .*\nRestore by stopping the server/);
    const again = en(['backup', path.join(dir, 'cadangan.sqlite')]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists; choose another name/);
    const xlsx = en(['backup', path.join(dir, 'cadangan.xlsx')]);
    assert.match(xlsx.stderr, /a database backup is not a workbook/);
  });
});
