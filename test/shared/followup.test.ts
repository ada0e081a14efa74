/** After the move: due dates (month ends, 29 February, weekends), states, settings, the report, the drop signal. */
import { strict as assert } from 'node:assert';
import {
  DEFAULT_FOLLOWUP_SETTINGS, dueList, followupItems, followupReport, followupSettingsFrom, latestReviewShowsDrop,
  parseReviewMonths, personShowsDrop, reviewDueDate, skpTrend, spmtDueDate, type MoveFollowup,
} from '../../shared/followup';
import { isoDate, parseDateText } from '../../shared/values/dates';

const d = (s: string) => parseDateText(s)!;
const S = DEFAULT_FOLLOWUP_SETTINGS;

describe('follow-up due dates', () => {
  it('reviews at whole months, ending the month when the day does not exist', () => {
    assert.equal(isoDate(reviewDueDate(d('2027-01-31'), 1)), '2027-02-28');
    assert.equal(isoDate(reviewDueDate(d('2028-01-31'), 1)), '2028-02-29');
    assert.equal(isoDate(reviewDueDate(d('2026-08-31'), 6)), '2027-02-28');
    assert.equal(isoDate(reviewDueDate(d('2027-03-31'), 6)), '2027-09-30');
    assert.equal(isoDate(reviewDueDate(d('2026-12-31'), 12)), '2027-12-31');
    assert.equal(isoDate(reviewDueDate(d('2027-07-15'), 6)), '2028-01-15');
  });
  it('29 February: 6 months is 29 August, 12 months is 28 February of the next year', () => {
    assert.equal(isoDate(reviewDueDate(d('2028-02-29'), 6)), '2028-08-29');
    assert.equal(isoDate(reviewDueDate(d('2028-02-29'), 12)), '2029-02-28');
    assert.equal(isoDate(reviewDueDate(d('2028-02-29'), 48)), '2032-02-29');
    assert.equal(isoDate(spmtDueDate(d('2028-02-01'), 30)), '2028-03-02');
    assert.equal(isoDate(spmtDueDate(d('2027-02-01'), 30)), '2027-03-03');
  });
  it('a TMT on a weekend is still the date (nothing moved to a working day)', () => {
    // 2027-01-02 is a Saturday, 2027-01-03 a Sunday.
    assert.equal(new Date('2027-01-02T00:00:00Z').getUTCDay(), 6);
    assert.equal(isoDate(spmtDueDate(d('2027-01-02'), 30)), '2027-02-01');
    assert.equal(isoDate(reviewDueDate(d('2027-01-03'), 6)), '2027-07-03');
    const items = followupItems(d('2027-01-02'), { spmtDate: null, reviews: [] }, S, d('2027-01-02'));
    assert.equal(items[0]!.status, 'due'); // due from the TMT itself
  });
});

describe('follow-up states at a date', () => {
  const tmt = d('2027-01-04');
  const at = (s: string, f = { spmtDate: null as string | null, reviews: [] as MoveFollowup['reviews'] }) => followupItems(tmt, f, S, d(s));
  it('SPMT: upcoming before TMT, due up to TMT + 30 days inclusive, overdue after; on time / late once recorded', () => {
    assert.equal(at('2027-01-03')[0]!.status, 'upcoming');
    assert.equal(at('2027-02-03')[0]!.status, 'due');
    const over = at('2027-02-04')[0]!;
    assert.equal(over.status, 'overdue');
    assert.equal(over.daysLate, 1);
    assert.equal(at('2027-06-01', { spmtDate: '2027-02-03', reviews: [] })[0]!.status, 'done');
    const late = at('2027-06-01', { spmtDate: '2027-02-10', reviews: [] })[0]!;
    assert.equal(late.status, 'late');
    assert.equal(late.daysLate, 7);
  });
  it('reviews: listed 30 days before, overdue the day after; Evaluasi ulang schedules one more 6 months later', () => {
    const r6 = (s: string) => at(s).find((i) => i.month === 6)!;
    assert.equal(r6('2027-06-03').status, 'upcoming');
    assert.equal(r6('2027-06-04').status, 'due');
    assert.equal(r6('2027-07-04').status, 'due');
    assert.equal(r6('2027-07-05').status, 'overdue');
    const f = { spmtDate: '2027-01-04', reviews: [{ month: 6, reviewDate: '2027-07-04', skp: 'Butuh Perbaikan' as const, action: 'Evaluasi ulang' as const }] };
    const items = at('2027-07-10', f);
    assert.deepEqual(items.map((i) => [i.kind, i.month, i.status]), [['spmt', null, 'done'], ['review', 6, 'done'], ['review', 12, 'upcoming']]);
    // 6 + 6 = 12 is already on the schedule; with `Evaluasi ulang` at 12 a review at 18 follows.
    const f2 = { ...f, reviews: [...f.reviews, { month: 12, reviewDate: '2028-01-04', skp: 'Kurang' as const, action: 'Evaluasi ulang' as const }] };
    assert.deepEqual(at('2028-07-10', f2).map((i) => i.month), [null, 6, 12, 18]);
    assert.equal(at('2028-07-10', f2).find((i) => i.month === 18)!.status, 'overdue');
  });
});

describe('a later move of the same person', () => {
  it('ends this move: steps due from its TMT on fall away unless done; earlier ones stay', () => {
    const tmt = d('2027-01-04');
    const f = { spmtDate: null, reviews: [], endedOn: '2027-05-01' };
    // SPMT (due 3 Feb) stays overdue; the reviews at 6 and 12 months fall away.
    assert.deepEqual(followupItems(tmt, f, S, d('2027-08-01')).map((i) => [i.kind, i.status]), [['spmt', 'overdue']]);
    const done = { spmtDate: '2027-01-10', reviews: [{ month: 6, reviewDate: '2027-04-20', skp: 'Baik' as const, action: 'Tidak perlu' as const }], endedOn: '2027-05-01' };
    assert.deepEqual(followupItems(tmt, done, S, d('2027-08-01')).map((i) => [i.kind, i.month, i.status]), [['spmt', null, 'done'], ['review', 6, 'done']]);
    assert.equal(followupItems(tmt, { spmtDate: null, reviews: [], endedOn: '2027-01-20' }, S, d('2027-08-01')).length, 0);
  });
});

describe('follow-up settings', () => {
  it('reads the review months as people type them', () => {
    assert.deepEqual(parseReviewMonths('6; 12'), [6, 12]);
    assert.deepEqual(parseReviewMonths('12,6'), [6, 12]);
    assert.deepEqual(parseReviewMonths('3 dan 6 dan 12'), [3, 6, 12]);
    assert.deepEqual(parseReviewMonths('6 bulan'), [6]);
    assert.deepEqual(parseReviewMonths(9), [9]);
    assert.equal(parseReviewMonths('enam'), null);
    assert.equal(parseReviewMonths('0; 12'), null);
    assert.equal(parseReviewMonths(''), null);
  });
  it('takes the stored parameters where readable, the defaults otherwise', () => {
    assert.deepEqual(followupSettingsFrom(null), { spmtDays: 30, reviewMonths: [6, 12] });
    assert.deepEqual(followupSettingsFrom({ tenureMinMonths: 24 }), { spmtDays: 30, reviewMonths: [6, 12] });
    assert.deepEqual(followupSettingsFrom({ spmtDays: 14, postMoveReviewMonths: [3, 12] }), { spmtDays: 14, reviewMonths: [3, 12] });
    assert.deepEqual(followupSettingsFrom({ spmtDays: -1, postMoveReviewMonths: 'x' }), { spmtDays: 30, reviewMonths: [6, 12] });
  });
});

describe('SKP after the move against the two years before', () => {
  it('higher than both, lower than both, same otherwise; unknown without a baseline or a review', () => {
    assert.equal(skpTrend('Sangat Baik', ['Baik', 'Baik']), 'higher');
    assert.equal(skpTrend('Baik', ['Baik', 'Sangat Baik']), 'same');
    assert.equal(skpTrend('Butuh Perbaikan', ['Baik', 'Sangat Baik']), 'lower');
    assert.equal(skpTrend('Baik', [null, 'Butuh Perbaikan']), 'higher');
    assert.equal(skpTrend('Baik', [null, null]), null);
    assert.equal(skpTrend(null, ['Baik', 'Baik']), null);
  });
  it('latestReviewShowsDrop looks at the latest review only (a later one clears it)', () => {
    const r = (month: number, skp: 'Baik' | 'Kurang') => ({ month, skp });
    assert.equal(latestReviewShowsDrop({ reviews: [], skpBefore: ['Baik', 'Baik'] }), false);
    assert.equal(latestReviewShowsDrop({ reviews: [r(6, 'Kurang')], skpBefore: ['Baik', 'Baik'] }), true);
    assert.equal(latestReviewShowsDrop({ reviews: [r(12, 'Baik'), r(6, 'Kurang')], skpBefore: ['Baik', 'Baik'] }), false);
    assert.equal(latestReviewShowsDrop({ reviews: [r(6, 'Kurang')], skpBefore: [null, null] }), false);
  });
  it('personShowsDrop takes the latest review across a person\'s moves, against that move\'s baseline', () => {
    const rv = (reviewDate: string, skp: 'Baik' | 'Kurang' | 'Sangat Baik', month = 6) => ({ month, reviewDate, skp });
    assert.equal(personShowsDrop([]), false);
    const older = { reviews: [rv('2027-07-01', 'Kurang')], skpBefore: ['Baik', 'Baik'] as const };
    const newer = { reviews: [rv('2028-03-01', 'Baik')], skpBefore: ['Sangat Baik', 'Baik'] as const };
    assert.equal(personShowsDrop([older]), true);
    assert.equal(personShowsDrop([older, newer]), false, 'Baik is between Sangat Baik and Baik: same');
    assert.equal(personShowsDrop([newer, { reviews: [rv('2028-09-01', 'Kurang', 12)], skpBefore: ['Baik', null] as const }]), true);
  });
});

describe('the due list and the report', () => {
  const move = (recordNo: string, unit: string, tmt: string, over: Partial<MoveFollowup> = {}): MoveFollowup => ({
    recordNo, nip: '198001012005011001', unit, effectiveDate: tmt, spmtDate: null, reviews: [], skpBefore: ['Baik', 'Baik'], ...over,
  });
  const moves = [
    move('MUT-2027-000001', 'Unit A', '2027-01-04', { spmtDate: '2027-01-20', reviews: [{ month: 6, reviewDate: '2027-07-01', skp: 'Sangat Baik', action: 'Tidak perlu' }] }),
    move('MUT-2027-000002', 'Unit A', '2027-01-04', { spmtDate: '2027-03-01' }),
    move('MUT-2027-000003', 'Unit B', '2027-01-04'),
    move('MUT-2027-000004', 'Unit B', '2027-08-01'),
  ];
  it('lists overdue first, most days late first, then due', () => {
    const list = dueList(moves, S, d('2027-08-15'));
    assert.deepEqual(list.map((i) => [i.recordNo, i.kind, i.month, i.status]), [
      ['MUT-2027-000003', 'spmt', null, 'overdue'],
      ['MUT-2027-000002', 'review', 6, 'overdue'],
      ['MUT-2027-000003', 'review', 6, 'overdue'],
      ['MUT-2027-000004', 'spmt', null, 'due'],
    ]);
  });
  it('counts per unit: SPMT on time / late / missing, reviews, SKP trend', () => {
    const { units, total } = followupReport(moves, S, d('2027-08-15'));
    assert.deepEqual(units.map((u) => u.unit), ['Unit A', 'Unit B']);
    assert.deepEqual(units[0]!.spmt, { onTime: 1, late: 1, missing: 0, pending: 0 });
    assert.deepEqual(units[0]!.reviews, { done: 1, due: 0, overdue: 1, upcoming: 2 });
    assert.deepEqual(units[0]!.skp, { higher: 1, same: 0, lower: 0, unknown: 1 });
    assert.deepEqual(units[1]!.spmt, { onTime: 0, late: 0, missing: 1, pending: 1 });
    assert.equal(total.moves, 4);
    assert.equal(total.reviews.overdue, 2);
  });
});
