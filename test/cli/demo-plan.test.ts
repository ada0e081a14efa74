/**
 * The plan on the demo agency under RULES.md of 2026-12-07: a Rumpun Jurusan mismatch into a functional
 * position is an error, so `mutasi propose` on the demo no longer sends teachers (S.Pd.) into pharmacist,
 * dentist, midwife or nutritionist posts; every move into a health post is by someone of that field.
 */
import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { checkSheets } from '../../shared/engine';
import { proposeBook } from '../../shared/proposer';
import { majorMatchesAny } from '../../shared/rules/transfer';
import { buildDemo, demoWorkbook, MIN_EMPLOYEES } from '../../sync-server/xlsx/demo';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sheetData } from '../../sync-server/xlsx/exceljs-gateway';

const HEALTH = new Set(['DOKTER', 'DRG', 'PERAWAT', 'BIDAN', 'APOTEKER', 'TTK', 'PLK', 'NUTRISIONIS', 'SANITARIAN', 'EPIDEMIOLOG', 'PROMKES']);

describe('mutasi demo: the plan under the rules of 2026-12-07', () => {
  for (const seed of [1, 2]) {
    it(`seed ${seed}: no teacher into a health post; every move into a functional post matches its Rumpun Jurusan`, function () {
      this.timeout(120_000);
      const data = buildDemo({ employees: 1200, seed });
      const wb: ExcelJS.Workbook = demoWorkbook(data, seed).workbook;
      const { result, book } = checkSheets(wb.worksheets.map((ws) => sheetData(ws)));
      const plan = proposeBook(book!, { findings: result.findings }).plan;
      assert.ok(plan.moves.length > 30, `${plan.moves.length} moves`);
      const family = new Map(data.positions.map((p) => [p.code, p.family]));
      const positions = new Map(book!.positions.map((p) => [p.code, p]));
      const employees = new Map(book!.employees.map((e) => [e.nip, e]));
      let intoHealth = 0;
      for (const m of plan.moves) {
        const to = positions.get(m.toCode)!;
        const e = employees.get(m.nip)!;
        if (HEALTH.has(family.get(m.toCode) ?? '')) {
          intoHealth++;
          assert.notEqual(family.get(m.fromCode), 'GURU', `${m.name} (${m.fromCode}) → ${m.toCode}`);
          assert.doesNotMatch(e.educationMajor, /^Pendidikan/, `${m.name} → ${m.toCode}`);
        }
        if (to.type === 'Fungsional' && to.majors.length > 0) {
          assert.ok(majorMatchesAny(to.majors, e.educationMajor), `${m.name} (${e.educationMajor}) → ${m.toCode} (${to.majors.join('; ')})`);
        }
        assert.ok(!m.notes.some((n) => n.rule === 'EDUCATION_FIELD_MISMATCH' && to.type === 'Fungsional'));
      }
      assert.ok(intoHealth > 0, 'health posts are still filled, by their own professions');
    });
  }

  it('README states the demo\'s minimum number of employees, as the generator enforces it', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`demo <file>[^\\n]*at least ${MIN_EMPLOYEES} employees`));
  });
});
