/**
 * Messages that misled (issue 14, part 3): an unreadable Kebutuhan adds no OVER_FORMATION; a Kebutuhan
 * beyond the limit says the limit; an NIP with a zero-width space shows where the invisible character is.
 */
import { strict as assert } from 'node:assert';
import { checkSheets } from '../../shared/engine';
import { visible } from '../../shared/rules/messages';
import type { CheckResult, RuleId } from '../../shared/rules/types';
import { BASE_POSITIONS, NIP_A, employee, position, proposal, workbook, type BookSpec } from '../support/book';

const run = (spec: BookSpec, lang: 'id' | 'en' = 'id'): CheckResult => checkSheets(workbook(spec), { lang }).result;
const rules = (r: CheckResult, rule: RuleId) => r.findings.filter((f) => f.rule === rule);

describe('messages that misled (issue 14)', () => {
  it('an invalid Kebutuhan is VALUE_INVALID alone, without OVER_FORMATION against the 0 it stands for', () => {
    for (const bad of ['dua', -1, 2.5, '#N/A']) {
      const r = run({ positions: [position({ 'Kode Jabatan': 'BKD-PRAKOM', 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Pertama', 'Unit Kerja': 'BKPSDM', Kebutuhan: bad }), position()], proposals: [] });
      assert.equal(rules(r, 'VALUE_INVALID').length, 1, `${bad}: ${JSON.stringify(r.findings.map((f) => f.rule))}`);
      assert.deepEqual(rules(r, 'OVER_FORMATION'), [], String(bad));
    }
    // A readable Kebutuhan below the holders still reports the surplus.
    const ok = run({ positions: [position({ 'Kode Jabatan': 'BKD-PRAKOM', 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Pertama', 'Unit Kerja': 'BKPSDM', Kebutuhan: 0 }), position()], proposals: [] });
    assert.equal(rules(ok, 'OVER_FORMATION').length, 1);
  });

  it('Kebutuhan 1e12 says the real limit, in both languages', () => {
    const spec = { positions: [BASE_POSITIONS[0]!, position({ Kebutuhan: 1e12 })] };
    const id = rules(run(spec), 'VALUE_INVALID');
    assert.equal(id.length, 1);
    assert.match(id[0]!.message, /harus bilangan bulat 0 sampai 1\.000\.000/);
    assert.match(rules(run(spec, 'en'), 'VALUE_INVALID')[0]!.message, /from 0 to 1,000,000/);
    assert.equal(rules(run({ positions: [BASE_POSITIONS[0]!, position({ Kebutuhan: '1e12' })] }), 'VALUE_INVALID').length, 1);
  });

  it('an NIP with a zero-width space is quoted with the invisible character made visible', () => {
    const zw = `${NIP_A.slice(0, 8)}\u200B${NIP_A.slice(8)}`;
    const r = run({ employees: [employee({ NIP: zw })], proposals: [] });
    const f = rules(r, 'NIP_FORMAT');
    assert.equal(f.length, 1);
    assert.ok(f[0]!.message.includes(`NIP "${NIP_A.slice(0, 8)}⟨ZWSP⟩${NIP_A.slice(8)}"`), f[0]!.message);
    assert.match(f[0]!.message, /karakter tak terlihat/);
    assert.ok(!f[0]!.message.includes('\u200B'));
    // In Usulan: the NIP is unknown, and the message shows why it looks the same.
    const u = run({ proposals: [proposal({ NIP: zw })] });
    const e = rules(u, 'EMPLOYEE_UNKNOWN');
    assert.equal(e.length, 1);
    assert.ok(e[0]!.message.includes('⟨ZWSP⟩'), e[0]!.message);
    assert.equal(visible('a\uFEFFb\u200Dc'), 'a⟨BOM⟩b⟨ZWJ⟩c');
    assert.equal(visible('Budi Santoso'), 'Budi Santoso');
  });
});
