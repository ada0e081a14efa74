/** The messy values of WORKBOOK.md, each parsed or flagged as specified. */
import { strict as assert } from 'node:assert';
import { anniversary, isoDate, monthsBetween, dayFromYmd, dayToExcelSerial, today } from '../../shared/values/dates';
import { readNip } from '../../shared/values/nip';
import { INVALID, parseDate, parseEducation, parseGolongan, parseDiscipline, parseInteger, parseList, parseProposalStatus, parseStatus } from '../../shared/values/parse';
import { normalizeName } from '../../shared/workbook/schema';
import type { CellValue } from '../../shared/workbook/gateway';

const day = (v: CellValue) => {
  const d = parseDate(v);
  return d === INVALID ? 'INVALID' : d === null ? null : isoDate(d);
};

describe('values: golongan', () => {
  const cases: [CellValue, string][] = [
    ['III/a', 'III/a'], ['III/A', 'III/a'], ['III-a', 'III/a'], ['IIIa', 'III/a'], ['3a', 'III/a'], ['3/a', 'III/a'],
    ['Penata Muda (III/a)', 'III/a'], ['Penata Muda, III/a', 'III/a'], [' iv/e ', 'IV/e'], ['II.c', 'II/c'], ['1/d', 'I/d'],
    ['Penata Muda Tk I, III/b', 'III/b'], ['Pembina Utama Muda (IV/c)', 'IV/c'], ['Penata', 'III/c'], ['Pembina Tk I', 'IV/b'],
    ['4 b', 'IV/b'], ['\u00a0III/d\u00a0', 'III/d'],
    // "a letter a–e with any separator"
    ['III_a', 'III/a'], ['III, a', 'III/a'], ['III\\a', 'III/a'], ['III - a', 'III/a'], ['Penata Muda Tk I , III_b', 'III/b'],
    ['Juru Tk I (I/d)', 'I/d'], ['Pengatur Tk I, II/d', 'II/d'],
  ];
  for (const [raw, want] of cases) it(`${JSON.stringify(raw)} → ${want}`, () => assert.equal(parseGolongan(raw), want));
  for (const bad of ['V/a', 'III/f', 'II/e', 'I/e', 'golongan tiga', '5a', 3, 'III, f', 'I_e', 'III ab']) {
    it(`${JSON.stringify(bad)} is invalid`, () => assert.equal(parseGolongan(bad as CellValue), INVALID));
  }
  it('empty is null', () => {
    assert.equal(parseGolongan(null), null);
    assert.equal(parseGolongan('   '), null);
  });
});

describe('values: dates (never mm/dd)', () => {
  const cases: [CellValue, string | null][] = [
    [43525, '2019-03-01'], // Excel serial
    [43525.75, '2019-03-01'], // a time of day is dropped
    [new Date(Date.UTC(2019, 2, 1)), '2019-03-01'],
    // exceljs gives a date-time cell (serial 43525.75) as 18:00 UTC: the date is still 1 March, as for the serial.
    [new Date(Date.UTC(2019, 2, 1, 18, 0)), '2019-03-01'], [new Date(Date.UTC(2019, 2, 1, 23, 59, 59)), '2019-03-01'],
    ['01/03/2019', '2019-03-01'], ['1/3/2019', '2019-03-01'], ['01-03-2019', '2019-03-01'], ['1.3.2019', '2019-03-01'],
    ['1 Maret 2019', '2019-03-01'], ['17 Agustus 1945', '1945-08-17'], ['5 Nopember 2020', '2020-11-05'], ['5 Des 2020', '2020-12-05'],
    ['2019-03-01', '2019-03-01'], ['2019-03-01T00:00:00.000Z', '2019-03-01'],
    ['13/12/2019', '2019-12-13'], [null, null], ['', null],
    // Indonesian abbreviations as offices write them, and the d-mmm-yyyy form Excel shows
    ['1 Mrt 2019', '2019-03-01'], ['17 Agst 1945', '1945-08-17'], ['17 Agus 1945', '1945-08-17'], ['01-Mar-2019', '2019-03-01'],
    ['5-Okt-2020', '2020-10-05'], ['29 Peb 2020', '2020-02-29'],
    // Excel's 1900 date system: serial 1 is 1 Jan 1900, 59 is 28 Feb 1900, 61 is 1 Mar 1900 (60 is the fictitious 29 Feb 1900)
    [1, '1900-01-01'], [59, '1900-02-28'], [61, '1900-03-01'], [367, '1901-01-01'],
  ];
  for (const [raw, want] of cases) it(`${JSON.stringify(raw)} → ${want}`, () => assert.equal(day(raw), want));
  for (const bad of ['12/13/2019', '31/02/2020', '1 Maretz 2019', 'kemarin', '2019/03/01/01', true, { error: '#VALUE!' }, 60, '29 Peb 2021', '01-Mrz-2019']) {
    it(`${JSON.stringify(bad)} is invalid`, () => assert.equal(day(bad as CellValue), 'INVALID'));
  }
  it('today (the default as-of date) is the calendar date where the user is, not UTC\'s', () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Jakarta';
      assert.equal(isoDate(today(new Date('2026-12-01T20:30:00Z'))), '2026-12-02'); // 03:30 WIB
      assert.equal(isoDate(today(new Date('2026-12-01T16:30:00Z'))), '2026-12-01'); // 23:30 WIB
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
  it('a person reaches an age on that birthday (29 February: on 1 March), for any birth year the parser accepts', () => {
    const d = (y: number, m: number, dd: number) => dayFromYmd(y, m, dd)!;
    assert.equal(isoDate(anniversary(d(1969, 1, 31), 58)), '2027-01-31');
    assert.equal(isoDate(anniversary(d(1968, 2, 29), 58)), '2026-03-01');
    assert.equal(isoDate(anniversary(d(1968, 2, 29), 60)), '2028-02-29');
    assert.equal(isoDate(anniversary(d(2185, 1, 1), 58)), '2243-01-01');
  });
  it('a date back to an Excel serial skips the fictitious 29 Feb 1900', () => {
    assert.equal(dayToExcelSerial(dayFromYmd(1900, 1, 1)!), 1);
    assert.equal(dayToExcelSerial(dayFromYmd(1900, 2, 28)!), 59);
    assert.equal(dayToExcelSerial(dayFromYmd(1900, 3, 1)!), 61);
    assert.equal(dayToExcelSerial(dayFromYmd(2019, 3, 1)!), 43525);
  });
  it('months are whole calendar months, as DATEDIF(…;"m")', () => {
    const d = (s: string) => {
      const [y, m, dd] = s.split('-').map(Number);
      return dayFromYmd(y!, m!, dd!)!;
    };
    assert.equal(monthsBetween(d('2020-01-31'), d('2020-02-29')), 0);
    assert.equal(monthsBetween(d('2020-01-15'), d('2022-01-15')), 24);
    assert.equal(monthsBetween(d('2020-01-15'), d('2022-01-14')), 23);
  });
});

describe('values: NIP', () => {
  it('digits with spaces are the same NIP', () => {
    const r = readNip('19800101 200501 1 001');
    assert.equal(r.nip, '198001012005011001');
    assert.equal(r.problem, null);
    assert.equal(r.precisionLost, false);
    assert.equal(isoDate(r.birth!), '1980-01-01');
  });
  it('a number has lost its precision and is never "fixed"', () => {
    const r = readNip(198001012005011000);
    assert.equal(r.precisionLost, true);
    assert.equal(r.nip, '198001012005011000');
  });
  it('an apostrophe prefix and non-breaking spaces are ignored', () => {
    assert.equal(readNip("'198001012005011001").problem, null);
    assert.equal(readNip('19800101\u00a0200501\u00a01\u00a0001').nip, '198001012005011001');
    // Word and phones turn the apostrophe into a typographic one; a tab or line break is a space.
    assert.equal(readNip('\u2018198001012005011001').problem, null);
    assert.equal(readNip(' \u2019198001012005011001').nip, '198001012005011001');
    assert.equal(readNip('19800101\t200501 1\n001').nip, '198001012005011001');
    assert.equal(readNip("19800101'2005011001").problem?.kind, 'characters');
  });
  const problems: [string, string][] = [
    ['1980010120050110', 'length'], ['19800101200501100A', 'characters'], ['198013012005011001', 'birth'],
    ['198001012005131001', 'tmt'], ['198001011997011001', 'tmt-before-18'], ['198001012005013001', 'gender'], ['198001012005011000', 'serial'],
  ];
  for (const [nip, kind] of problems) it(`${nip}: ${kind}`, () => assert.equal(readNip(nip).problem?.kind, kind));
  it('an Excel error is flagged as such', () => assert.equal(readNip({ error: '#N/A' }).isError, true));
  it('the CPNS month of the 18th birthday is allowed', () => assert.equal(readNip('198001012005011001').problem, null));
  it('TMT CPNS (the 1st of its month) before the 18th birthday is NIP_FORMAT, on the birthday it is not', () => {
    // Born 15 Mar 1990: 18 on 15 Mar 2008; TMT CPNS 1 Mar 2008 is before it.
    assert.equal(readNip('199003152008031001').problem?.kind, 'tmt-before-18');
    assert.equal(readNip('199003152008041001').problem, null);
    // Born 1 Mar 1990: 18 on 1 Mar 2008, the TMT itself.
    assert.equal(readNip('199003012008031001').problem, null);
    assert.equal(readNip('199003012008021001').problem?.kind, 'tmt-before-18');
    // Born 29 Feb 1988: 18 on 1 Mar 2006 (no 29 Feb that year).
    assert.equal(readNip('198802292006031001').problem, null);
    assert.equal(readNip('198802292006021001').problem?.kind, 'tmt-before-18');
  });
});

describe('values: education, coded values, lists', () => {
  const edu: [string, string][] = [
    ['S-1', 'S1'], ['S1', 'S1'], ['Sarjana', 'S1'], ['s.1', 'S1'], ['D-III', 'D3'], ['D3', 'D3'], ['Diploma III', 'D3'], ['DIII', 'D3'],
    ['SLTA', 'SMA'], ['SMA', 'SMA'], ['SMK', 'SMA'], ['D-IV', 'D4'], ['D4', 'D4'], ['S-2', 'S2'], ['Magister', 'S2'], ['S3', 'S3'],
    ['SLTP', 'SMP'], ['S-1 Ekonomi', 'S1'], ['D-III Keperawatan', 'D3'],
  ];
  for (const [raw, want] of edu) it(`${raw} → ${want}`, () => assert.equal(parseEducation(raw), want));
  it('unknown education is invalid', () => assert.equal(parseEducation('Kursus'), INVALID));
  it('status, discipline and proposal status accept case and spacing variants', () => {
    assert.equal(parseStatus('pns'), 'PNS');
    assert.equal(parseStatus('tugas  belajar'), 'Tugas Belajar');
    assert.equal(parseStatus('Honorer'), INVALID);
    assert.equal(parseDiscipline('-'), 'Tidak Ada');
    assert.equal(parseDiscipline('RINGAN'), 'Ringan');
    assert.equal(parseProposalStatus('Draft'), 'Draf');
  });
  it('whole numbers', () => {
    assert.equal(parseInteger('3', 1, 5), 3);
    assert.equal(parseInteger(4.0, 1, 5), 4);
    assert.equal(parseInteger(3.5, 1, 5), INVALID);
    assert.equal(parseInteger(6, 1, 5), INVALID);
    assert.equal(parseInteger('tiga', 1, 5), INVALID);
  });
  it('lists split on ; (and , where allowed)', () => {
    assert.deepEqual(parseList('PKA; PKP', ';,'), ['PKA', 'PKP']);
    assert.deepEqual(parseList('PKA, PKP ,', ';,'), ['PKA', 'PKP']);
    assert.deepEqual(parseList('Dinas Kesehatan; Bappeda', ';'), ['Dinas Kesehatan', 'Bappeda']);
    assert.deepEqual(parseList({ error: '#N/A' }), []);
  });
  it('header names ignore case, spaces, dots, slashes, hyphens and underscores', () => {
    assert.equal(normalizeName('GOL/RUANG'), normalizeName('Gol. Ruang'));
    assert.equal(normalizeName('Gol. Ruang'), 'golruang');
    assert.equal(normalizeName('Kode_Jabatan'), normalizeName('kode-jabatan'));
  });
});
