/**
 * The facts behind a candidate, in one line (Usulkan, Tinjau): SKP of the last two years, talent box,
 * months in the current position at the move's date, education and whether its field matches the
 * target's Rumpun Jurusan. All computed by shared/ (talentBox, monthsInPost, majorMatchesAny); this only
 * words them.
 */
import { talentBox, talentGroup } from '../../../shared/domain';
import type { Employee, Position } from '../../../shared/model';
import type { Lang } from '../../../shared/rules/types';
import { majorMatchesAny, monthsInPost } from '../../../shared/rules/transfer';
import type { Day } from '../../../shared/values/dates';
import { num, t } from '../../i18n';

/** People and positions of a parsed book by NIP and code, built once per book (40,000 rows: no find() per line). */
const indexes = new WeakMap<object, { emp: Map<string, Employee>; pos: Map<string, Position> }>();
export function lookup(book: { employees: Employee[]; positions: Position[] }) {
  let ix = indexes.get(book);
  if (!ix) indexes.set(book, (ix = { emp: new Map(book.employees.map((e) => [e.nip, e])), pos: new Map(book.positions.map((p) => [p.code, p])) }));
  return ix;
}

const GROUP = { suksesi: 'boxSuccession', rotasi: 'boxRotation', pembinaan: 'boxDevelop' } as const;

export function Facts({ lang, e, to, at }: { lang: Lang; e: Employee; to: Position | undefined; at: Day }) {
  const box = talentBox(e.skpLast, e.skpBefore, e.potential);
  const months = monthsInPost(e, at);
  const edu = [e.educationLevel, e.educationMajor].filter(Boolean).join(' ');
  const fit = to && to.majors.length > 0 && e.educationMajor ? majorMatchesAny(to.majors, e.educationMajor) : null;
  const parts = [
    `SKP ${e.skpLast ?? '—'} / ${e.skpBefore ?? '—'}`,
    box === null ? `${t(lang, 'talentBox')} —` : `${t(lang, 'talentBox')} ${box} (${t(lang, GROUP[talentGroup(box)])})`,
    months === null ? null : `${num(lang, months)} ${t(lang, 'monthsInPost')}`,
    edu ? `${edu}${fit === null ? '' : ` (${t(lang, fit ? 'fieldMatches' : 'fieldDiffers')})`}` : null,
  ].filter((x): x is string => x !== null);
  return <div class="facts muted" data-testid="facts">{parts.join(' · ')}</div>;
}
