/** The CLI's table renderer draws exactly what cli-table3 draws with the same options (propose's two tables, and every fallback). */
import { strict as assert } from 'node:assert';
import Table from 'cli-table3';
import pc from 'picocolors';
import { renderTable, type TableSpec } from '../../sync-server/cli/table';

function cliTable3(spec: TableSpec): string {
  const t = new Table({ head: spec.head, colAligns: spec.colAligns, style: { head: [], border: [], compact: spec.compact ?? false }, chars: spec.chars ?? {} });
  for (const r of spec.rows) t.push(r);
  return t.toString();
}

const colours = pc.createColors(true);
const MOVES: Omit<TableSpec, 'rows'> = {
  head: ['No Usulan', 'NIP', 'Nama', 'Dari', 'Ke', 'Jenis', 'JPM', 'Skor'],
  colAligns: ['left', 'left', 'left', 'left', 'left', 'left', 'right', 'right'],
  compact: true,
  chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
};
const UNITS: Omit<TableSpec, 'rows'> = {
  head: ['Unit', 'Kebutuhan', 'Pemegang kini', 'Sesudah usulan aktif', 'Sesudah rencana', 'Lebih / kurang'],
  colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
};

describe('cli table renderer', () => {
  it('draws propose\'s moves and unit tables as cli-table3 does, coloured or not', () => {
    const moves = [
      ['U-0001', '198503122010011002', 'Hj. Dra. Ni Luh Artini, S.Pd., M.Pd.', 'SDN1-KARANGRAJA-GURU-AMD', 'SMPN7-PASIRWANGI-GURU-AMD', 'Rotasi', '88,89 %', '65,83'],
      ['U-0002', '199001012015032001', 'Siti Aminah', 'A', 'B', 'Promosi', '—', '100,00'],
      ['U-10000', '', '', '', '', '', '', ''],
    ];
    for (const spec of [{ ...MOVES, rows: moves }, { ...MOVES, rows: [] }, { ...MOVES, rows: moves.slice(0, 1) }]) assert.equal(renderTable(spec), cliTable3(spec));
    const units = [
      ['Sekretariat Daerah', '38', '33', '31', '35', colours.red('-3')],
      ['Dinas Kesehatan', '1.234', '1.000', '1.100', '1.234', colours.green('0')],
      ['RSUD Ciamis', '7', '9', '9', '9', colours.yellow('+2')],
      ['SD Negeri 1', '7', '9', '9', '9', '+2'],
    ];
    for (const spec of [{ ...UNITS, rows: units }, { ...UNITS, rows: [] }]) assert.equal(renderTable(spec), cliTable3(spec));
  });

  it('measures every character it draws itself as cli-table3 does', () => {
    const chars: string[] = [];
    for (let c = 0x20; c <= 0x7e; c++) chars.push(String.fromCharCode(c));
    for (let c = 0xa0; c <= 0x24f; c++) chars.push(String.fromCharCode(c));
    chars.push('–', '—', '…', '→');
    const rows = chars.map((ch, i) => [ch.repeat(1 + (i % 5)), `${ch}x`, colours.yellow(ch)]);
    const spec: TableSpec = { head: ['a', 'b', 'c'], rows, colAligns: ['left', 'right', 'right'] };
    assert.equal(renderTable(spec), cliTable3(spec));
  });

  it('leaves what it cannot be sure of to cli-table3: line breaks, tabs, wide and combining characters, odd escapes', () => {
    for (const odd of ['Dua\nbaris', 'tab\there', '東京都', 'emoji 😀', 'e\u0301', '\x1b[1mtebal', '\x1b[31mmerah', 'a\x1b[0mb', '\u200bnol', '\x07bel']) {
      const spec: TableSpec = { ...UNITS, rows: [[odd, '1', '2', '3', '4', '5'], ['biasa', '1', '2', '3', '4', colours.red('-1')]] };
      assert.equal(renderTable(spec), cliTable3(spec), JSON.stringify(odd));
      const m: TableSpec = { ...MOVES, rows: [['U-1', '1', odd, 'a', 'b', 'c', '—', '1']] };
      assert.equal(renderTable(m), cliTable3(m), JSON.stringify(odd));
    }
  });
});
