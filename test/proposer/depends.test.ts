/**
 * Issue 14: a seat that is free only if an earlier active proposal goes through is marked on the plan's
 * row ("kursi ini kosong bila U-0057 tercatat lebih dulu"), and the Sinkron pane pushes the earlier one
 * first (orderForPush).
 */
import { strict as assert } from 'node:assert';
import { orderForPush } from '../../addin/services/push-order';
import { checkSheets } from '../../shared/engine';
import { proposeBook, proposeDarurat } from '../../shared/proposer';
import { BASE_POSITIONS, NIP_A, NIP_B, employee, position, proposal, workbook } from '../support/book';

const NIP_D = '199203042019031005';

// DINKES-KASI (Kebutuhan 1) is held by NIP_A, whom U-0057 (Diajukan) moves to BKD-KABID: the seat is
// vacant after the active proposals, but on the server only once U-0057 is recorded.
const sheets = (needed = 1) =>
  workbook({
    employees: [
      employee({ 'Kode Jabatan': 'DINKES-KASI', 'TMT Jabatan': '01/01/2020' }),
      employee({ NIP: NIP_B, Nama: 'Siti Aminah', 'Tanggal Lahir': null, 'TMT Jabatan': '01/07/2020', Golongan: 'III/b' }),
      employee({ NIP: NIP_D, Nama: 'Dodi', 'Tanggal Lahir': null, 'TMT Jabatan': '01/07/2020', Golongan: 'III/b' }),
    ],
    positions: [
      { ...BASE_POSITIONS[0]!, Kebutuhan: 3 },
      position({ Kebutuhan: needed }),
      position({ 'Kode Jabatan': 'BKD-KABID', 'Nama Jabatan': 'Kepala Bidang', 'Jenis Jabatan': 'Administrator', 'Unit Kerja': 'BKPSDM', Kebutuhan: 1 }),
    ],
    proposals: [proposal({ 'No Usulan': 'U-0057', NIP: NIP_A, 'Kode Jabatan Tujuan': 'BKD-KABID' })],
  });

describe('proposer: seats that depend on an earlier proposal', () => {
  it('marks the move into a seat only U-0057 frees, in the row text and dependsOn, in both languages', () => {
    const { result, book } = checkSheets(sheets());
    const plan = proposeBook(book!, { findings: result.findings }).plan;
    const into = plan.moves.filter((m) => m.toCode === 'DINKES-KASI');
    assert.equal(into.length, 1, JSON.stringify(plan.moves.map((m) => m.toCode)));
    assert.deepEqual(into[0]!.dependsOn, ['U-0057']);
    assert.match(into[0]!.explanation, /Kursi ini kosong bila U-0057 tercatat lebih dulu/);
    const en = proposeBook(book!, { findings: result.findings, lang: 'en' }).plan.moves.find((m) => m.toCode === 'DINKES-KASI')!;
    assert.match(en.explanation, /This seat is free only if U-0057 is recorded first/);
    // Darurat into the same seat says the same.
    const d = proposeDarurat(book!, 'DINKES-KASI', 1, { findings: result.findings });
    assert.deepEqual(d.chosen.map((x) => x.move.dependsOn), [['U-0057']]);
  });

  it('a seat free today is not marked; with two seats, only the one U-0057 frees is', () => {
    const { result, book } = checkSheets(sheets(2));
    const into = proposeBook(book!, { findings: result.findings }).plan.moves.filter((m) => m.toCode === 'DINKES-KASI');
    assert.equal(into.length, 2);
    assert.deepEqual(into.map((m) => m.dependsOn ?? null), [null, ['U-0057']]);
    assert.doesNotMatch(into[0]!.explanation, /tercatat lebih dulu/);
  });
});

describe('addin: push order', () => {
  const d = (id: string, from: string, to: string) => ({ mutationId: id, fromPositionCode: from, toPositionCode: to });
  it('puts a decision after the one that frees its seat; keeps the order otherwise', () => {
    const q = [d('new', 'BKD-PRAKOM', 'DINKES-KASI'), d('x', 'A', 'B'), d('U-0057', 'DINKES-KASI', 'BKD-KABID')];
    assert.deepEqual(orderForPush(q).map((x) => x.mutationId), ['U-0057', 'new', 'x']);
    const plain = [d('1', 'A', 'B'), d('2', 'C', 'D'), d('3', 'E', 'F')];
    assert.deepEqual(orderForPush(plain).map((x) => x.mutationId), ['1', '2', '3']);
  });
  it('follows chains, and a swap (cycle) neither loops nor loses a decision', () => {
    const chain = [d('c', 'X', 'Y'), d('b', 'Y', 'Z'), d('a', 'Z', 'W')];
    assert.deepEqual(orderForPush(chain).map((x) => x.mutationId), ['a', 'b', 'c']);
    const swap = orderForPush([d('p', 'T1', 'T2'), d('q', 'T2', 'T1'), d('r', 'K', 'L')]);
    assert.deepEqual(swap.map((x) => x.mutationId).sort(), ['p', 'q', 'r']);
  });
});
