/**
 * docs/rules.md is generated from shared/rules/catalogue.ts and must not drift: the catalogue lists every
 * rule id of the engine (RULE_IDS) and no other, the severities it declares are exactly those the engine
 * reports (checked on the demo agencies and on cases for each relaxed severity), and docs/rules.md is the
 * generator's current output.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { checkSheets } from '../../shared/engine';
import { RULE_CATALOGUE, rulesMarkdown } from '../../shared/rules/catalogue';
import { RULE_IDS, type Finding, type RuleId, type Severity } from '../../shared/rules/types';
import { buildDemo, demoWorkbook } from '../../sync-server/xlsx/demo';
import { sheetData } from '../../sync-server/xlsx/exceljs-gateway';
import { BASE_POSITIONS, employee, position, proposal, workbook } from '../support/book';

describe('docs/rules.md and the rule table', () => {
  it('the table lists every rule id of the engine once, in the engine\'s order, and nothing else', () => {
    assert.deepEqual(RULE_CATALOGUE.map((r) => r.id), [...RULE_IDS]);
    for (const r of RULE_CATALOGUE) {
      assert.ok(r.when[0].length > 10 && r.when[1].length > 10, `${r.id}: condition in both languages`);
      assert.equal(Boolean(r.relaxedWhen), r.severities.length > 1, `${r.id}: a relaxed severity says when`);
    }
  });

  it('docs/rules.md is the generator\'s current output (npx tsx scripts/docs-rules.ts)', () => {
    const file = readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
    assert.equal(file, rulesMarkdown(), 'docs/rules.md is stale: run npx tsx scripts/docs-rules.ts');
    for (const id of RULE_IDS) assert.ok(file.includes(`| \`${id}\` |`), `${id} in docs/rules.md`);
  });

  it('every severity the engine reports is the one the table declares, and every declared severity occurs', function () {
    this.timeout(60_000);
    const seen = new Map<RuleId, Set<Severity>>();
    const add = (fs: Finding[]) => fs.forEach((f) => (seen.get(f.rule) ?? seen.set(f.rule, new Set()).get(f.rule)!).add(f.severity));
    for (const seed of [1, 2, 9]) {
      const data = buildDemo({ employees: 1200, seed });
      const wb: ExcelJS.Workbook = demoWorkbook(data, seed).workbook;
      add(checkSheets(wb.worksheets.map((ws) => sheetData(ws))).result.findings);
    }
    const run = (spec: Parameters<typeof workbook>[0]) => add(checkSheets(workbook(spec)).result.findings);
    // The sheets and headers the demo never lacks.
    add(checkSheets(workbook().filter((s) => s.name !== 'Jabatan')).result.findings);
    add(checkSheets(workbook().map((s) => (s.name === 'Pegawai' ? { ...s, values: s.values.map((r) => r.slice(1)) } : s))).result.findings);
    // Each relaxed severity, and its strict twin.
    run({ employees: [employee({ 'TMT Jabatan': '01/06/2026' })], proposals: [proposal({ 'Jenis Mutasi': 'Darurat' })] });
    run({ employees: [employee({ 'TMT Jabatan': '01/06/2026' })] });
    run({ employees: [employee({ Golongan: 'III/a' })] }); // Pengawas needs III/b: one step, structural
    run({ employees: [employee({ Golongan: 'II/a' })] });
    run({ positions: [BASE_POSITIONS[0]!, position({ 'Rumpun Jurusan': 'Farmasi' })] });
    run({ positions: [BASE_POSITIONS[0]!, position({ 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Pertama', 'Rumpun Jurusan': 'Farmasi' })] });
    run({ employees: [employee({ 'Hukuman Disiplin': 'Ringan', 'Hukdis Berakhir': '01/01/2030' })] });
    run({ employees: [employee({ 'Hukuman Disiplin': 'Berat', 'Hukdis Berakhir': '01/01/2030' })] });
    const window: [string, string][] = [['Tanggal Acuan', '23/11/2026'], ['Larangan Mutasi Mulai', '01/12/2026'], ['Larangan Mutasi Selesai', '31/03/2027']];
    run({ aturan: window });
    run({ aturan: window, proposals: [proposal({ 'Izin Mendagri': '100.2.2.6/1234/OTDA' })] });

    const problems: string[] = [];
    for (const r of RULE_CATALOGUE) {
      const got = [...(seen.get(r.id) ?? [])].sort();
      const want = [...r.severities].sort();
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${r.id}: engine ${got.join('/') || '(never seen)'}, table ${want.join('/')}`);
    }
    assert.deepEqual(problems, []);
  });
});
