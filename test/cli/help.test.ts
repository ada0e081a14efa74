/** The command line speaks Indonesian in its help and in commander's own error lines. */
import { strict as assert } from 'node:assert';
import { indonesianError } from '../../sync-server/cli/help-text';
import { mutasi } from '../support/cli';

describe('mutasi help and wrong calls, in Indonesian', function () {
  this.timeout(60_000);

  it('help titles and the help option are Indonesian', () => {
    const r = mutasi(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Pemakaian: mutasi/m);
    assert.match(r.stdout, /^Perintah:/m);
    assert.match(r.stdout, /tampilkan petunjuk ini/);
    assert.doesNotMatch(r.stdout, /Usage:|Options:|display help/);
    assert.match(r.stdout, /^Pemakaian: mutasi \[opsi\] \[perintah\]$/m);
    assert.match(r.stdout, /check \[opsi\] <workbook\.xlsx>/);
    assert.doesNotMatch(r.stdout, /\[options\]|\[command\]/);
    const sub = mutasi(['backup', '--help']);
    assert.match(sub.stdout, /^Argumen:/m);
    assert.match(sub.stdout, /^Opsi:/m);
  });

  it('a mistyped command: exit 2, Indonesian line with the suggestion, nothing in English', () => {
    const r = mutasi(['chek', 'x.xlsx']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /perintah 'chek' tidak dikenal/);
    assert.match(r.stderr, /Maksud Anda check\?/);
    assert.doesNotMatch(r.stderr, /error:|Did you mean/);
  });

  it('translates each kind of commander error', () => {
    const cases: [string, RegExp][] = [
      ["error: unknown option '--bogus'\n", /opsi '--bogus' tidak dikenal/],
      ["error: missing required argument 'file'\n", /argumen 'file' wajib diisi/],
      ["error: option '--port <n>' argument missing\n", /opsi '--port <n>' memerlukan nilai/],
      ["error: required option '--role <peran>' not specified\n", /opsi wajib '--role <peran>' belum diisi/],
      ["error: option '--employees <N>' argument '12' is invalid. Jumlah pegawai harus bilangan bulat ≥ 300\n", /nilai '12' untuk opsi '--employees <N>' tidak sah\. Jumlah pegawai/],
      ["error: too many arguments for 'check'. Expected 1 argument but got 2.\n", /terlalu banyak argumen: seharusnya 1, diberikan 2/],
      ["error: unknown option '--jsn'\n(Did you mean --json?)\n", /\(Maksud Anda --json\?\)/],
    ];
    for (const [en, id] of cases) {
      const out = indonesianError(en);
      assert.match(out, id, en);
      assert.doesNotMatch(out, /^error:/m, en);
    }
  });
});
