/**
 * Darurat: the best people for one position with the minimum-tenure rule relaxed to a warning. It
 * returns exactly the people the normal plan accepts or refuses only for TENURE_MIN, never more than
 * the vacant seats, and its rows pass `check` with TENURE_MIN as a warning.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkSheets } from '../../shared/engine';
import { isActiveStatus } from '../../shared/domain';
import { proposeBook, proposeDarurat, DaruratError } from '../../shared/proposer';
import { writeProposals } from '../../sync-server/xlsx/write-proposals';
import { BASE_POSITIONS, NIP_A, NIP_B, employee, position, workbook } from '../support/book';
import { MemoryGateway } from './support/memory-gateway';
import { bookShape, buildBook } from './support/random-book';

describe('proposer: Darurat', () => {
  // NIP_A has been in post 10 months at the as-of date; NIP_B 40 months. One vacant Pengawas seat.
  const sheets = () =>
    workbook({
      employees: [
        employee({ 'TMT Jabatan': '01/01/2026' }),
        employee({ NIP: NIP_B, Nama: 'Siti Aminah', 'Tanggal Lahir': null, 'TMT Jabatan': '01/07/2023', Integritas: 3, 'Kerja Sama': 3 }),
      ],
      positions: [BASE_POSITIONS[0]!, position({ 'Rumpun Jurusan': 'Teknik Informatika' })],
      proposals: [],
    });

  it('the normal plan refuses a person only for TENURE_MIN; Darurat ranks them first, with TENURE_MIN as a warning, and check agrees', async () => {
    const { result, book } = checkSheets(sheets());
    const normal = proposeBook(book!, { findings: result.findings });
    assert.deepEqual(normal.plan.moves.map((m) => m.nip), [NIP_B]);
    const why = normal.whyNot(NIP_A, 'DINKES-KASI');
    assert.equal(why.status, 'blocked');
    assert.deepEqual(why.blocks.map((b) => b.rule), ['TENURE_MIN']);
    assert.match(why.blocks[0]!.message, /Masa jabatan 10 bulan; minimal 24 bulan/);

    const d = proposeDarurat(book!, 'DINKES-KASI', 1, { findings: result.findings });
    assert.equal(d.chosen.length, 1);
    const pick = d.chosen[0]!;
    assert.equal(pick.move.nip, NIP_A, 'higher JPM wins (both match the field)');
    assert.equal(pick.move.reason, 'Darurat');
    assert.ok(pick.tenureRelaxed);
    assert.deepEqual(pick.move.notes.map((n) => [n.rule, n.severity]), [['TENURE_MIN', 'warning']]);
    assert.match(pick.move.notes[0]!.message, /Dilonggarkan karena mutasi Darurat/);
    assert.deepEqual(d.reserves.map((r) => [r.move.nip, r.tenureRelaxed]), [[NIP_B, false]]);

    const gw = new MemoryGateway(sheets());
    const w = await writeProposals(gw, { sheet: gw.sheets.find((s) => s.name === 'Usulan')!, layout: book!.layout.usulan, existingIds: [] }, [
      { nip: pick.move.nip, toCode: 'DINKES-KASI', reason: 'Darurat', date: d.context.date, jpm: pick.move.jpm, explanation: pick.move.explanation },
    ]);
    const after = checkSheets(gw.sheets).result;
    const row = after.proposals.find((p) => p.row === w.firstRow)!;
    assert.equal(row.verdict, 'warning');
    assert.deepEqual(row.rules, ['TENURE_MIN']);
  });

  it('never more people than vacant seats: a full position gives no rows and lists reserves', () => {
    const { result, book } = checkSheets(
      workbook({
        employees: [employee({ 'TMT Jabatan': '01/01/2026' }), employee({ NIP: NIP_B, 'Kode Jabatan': 'DINKES-KASI', 'Tanggal Lahir': null })],
        proposals: [],
      }),
    );
    const d = proposeDarurat(book!, 'DINKES-KASI', 3, { findings: result.findings });
    assert.equal(d.vacant, 0);
    assert.deepEqual(d.chosen, []);
    assert.deepEqual(d.reserves.map((r) => r.move.nip), [NIP_A]);
  });

  it('an unknown position code is a clear error', () => {
    const { book } = checkSheets(sheets());
    assert.throws(() => proposeDarurat(book!, 'NOPE', 1), (e: unknown) => e instanceof DaruratError && /NOPE tidak ada di lembar Jabatan/.test(e.message));
  });

  it('on random workbooks: Darurat returns exactly those allowed or refused only for TENURE_MIN, ranked by field then JPM', () => {
    fc.assert(
      fc.property(bookShape(), fc.nat(10), (shape, k) => {
        const { result, book } = checkSheets(buildBook(shape));
        const normal = proposeBook(book!, { findings: result.findings });
        const codes = book!.positions.map((p) => p.code);
        const code = codes[k % codes.length]!;
        const d = proposeDarurat(book!, code, 50, { findings: result.findings });
        assert.ok(d.chosen.length <= d.vacant);
        const all = [...d.chosen, ...d.reserves];
        const active = new Set(book!.proposals.filter((p) => isActiveStatus(p.status)).map((p) => p.nip));
        for (const p of all) {
          assert.ok(!active.has(p.move.nip));
          assert.ok(p.move.notes.every((n) => n.severity !== 'error'));
          assert.equal(p.tenureRelaxed, p.move.notes.some((n) => n.rule === 'TENURE_MIN' && n.severity === 'warning'));
        }
        for (let i = 1; i < all.length; i++) {
          const a = all[i - 1]!;
          const b = all[i]!;
          assert.ok(Number(a.majorMatch) > Number(b.majorMatch) || (a.majorMatch === b.majorMatch && (a.move.jpm ?? -1) >= (b.move.jpm ?? -1)), 'ranked by field, then JPM');
        }
        // Everyone the normal rules block from this position only by TENURE_MIN is offered, marked relaxed.
        for (const e of normal.context.pool) {
          if (e.positionCode === code) continue;
          const why = normal.whyNot(e.nip, code);
          const onlyTenure = why.status === 'blocked' && why.blocks.length > 0 && why.blocks.every((b) => b.rule === 'TENURE_MIN');
          const offered = all.find((p) => p.move.nip === e.nip);
          if (onlyTenure) assert.ok(offered?.tenureRelaxed, `${e.nip} refused only for TENURE_MIN must be offered`);
          if (offered?.tenureRelaxed) assert.ok(onlyTenure || why.status === 'no-vacancy', `${e.nip}: ${why.status} ${why.blocks.map((b) => b.rule)}`);
        }
      }),
      { numRuns: 150 },
    );
  });
});
