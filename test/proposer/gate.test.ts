/**
 * The proposer's numeric gate (prefilter.ts) must agree with the rule engine exactly: for every person
 * and position, the rules in the gate's mask are the error rules (plus LEVEL_DOWN) that targetFindings
 * reports. If the engine gains or changes a target rule, this test is what notices.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkSheets } from '../../shared/engine';
import { GateTable, groupPositions, maskRules, personGate, signature, targetBlockMask, targetBlockMasks } from '../../shared/proposer/prefilter';
import { indexRoster } from '../../shared/rules/roster';
import { createMoveContext, targetFindings } from '../../shared/rules/transfer';
import { dayFromYmd } from '../../shared/values/dates';
import { position, workbook } from '../support/book';
import { bookShape, buildBook } from './support/random-book';

describe('proposer: the numeric gate agrees with the engine', () => {
  it('mask rules = the engine’s error rules and LEVEL_DOWN, for every pair of random workbooks, at several dates (the batch gate too)', () => {
    fc.assert(
      fc.property(bookShape(6, 10), fc.constantFrom([2026, 11, 23], [2031, 1, 1], [2040, 6, 30]), (shape, [y, m, d]) => {
        const { book } = checkSheets(buildBook(shape));
        const idx = indexRoster(book!, null);
        const ctx = createMoveContext(book!.settings, idx.positions.values());
        const date = dayFromYmd(y!, m!, d!)!;
        const groups = groupPositions([...idx.positions.values()]);
        const box = new Float64Array(1);
        // The batch gate (typed arrays) over everyone, per group: the same masks and JPMs.
        const people = [...idx.employees.values()];
        const table = new GateTable(people.map((e) => personGate(e, ctx.positions)));
        const all = Int32Array.from(people, (_, k) => k);
        const batch = groups.map((g) => {
          const masks = new Uint8Array(people.length);
          const jpms = new Float64Array(people.length);
          targetBlockMasks(table, all, g, book!.settings, date, masks, jpms);
          return { masks, jpms };
        });
        for (const [k, e] of people.entries()) {
          const gate = personGate(e, ctx.positions);
          for (const [gi, g] of groups.entries()) {
            const mask = targetBlockMask(gate, g, book!.settings, date, box);
            assert.equal(batch[gi]!.masks[k], mask, `batch mask ${e.nip} → group ${gi}`);
            assert.ok(Object.is(batch[gi]!.jpms[k], box[0]), `batch JPM ${e.nip} → group ${gi}: ${batch[gi]!.jpms[k]} vs ${box[0]}`);
            for (const p of g.positions) {
              const r = targetFindings(ctx, e, p, { date, reason: null });
              const engine = r.findings.filter((f) => f.severity === 'error' || f.rule === 'LEVEL_DOWN').map((f) => f.rule).sort();
              assert.deepEqual(maskRules(mask).sort(), engine, `${e.nip} → ${p.code}`);
              assert.equal(Number.isNaN(box[0]!) ? null : box[0], r.jpm);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('positions with the same requirements share a group; a different requirement splits them', () => {
    const sheets = workbook({
      positions: [
        position({ 'Kode Jabatan': 'A', 'Jenis Jabatan': 'Pelaksana', 'Unit Kerja': 'X', 'Rumpun Jurusan': 'Akuntansi' }),
        position({ 'Kode Jabatan': 'B', 'Jenis Jabatan': 'Pelaksana', 'Unit Kerja': 'Y' }),
        position({ 'Kode Jabatan': 'C', 'Jenis Jabatan': 'Pelaksana', 'Pendidikan Minimal': 'S1' }),
        position({ 'Kode Jabatan': 'D', 'Jenis Jabatan': 'Pengawas' }),
      ],
      proposals: [],
    });
    const { book } = checkSheets(sheets);
    const ps = book!.positions;
    assert.equal(signature(ps[0]!), signature(ps[1]!), 'unit and Rumpun Jurusan only matter for warnings and the score');
    assert.notEqual(signature(ps[0]!), signature(ps[2]!));
    assert.deepEqual(groupPositions(ps).map((g) => g.positions.map((p) => p.code)), [['A', 'B'], ['C'], ['D']]);
  });
});
