/**
 * The per-unit summary in the pane: a table with a small three-bar chart per unit (Kebutuhan, holders
 * today, after the proposals) — the same figures the Ringkasan sheet holds. In Excel the sheet has a
 * native chart as well; in the browser host, which does not create one, these bars are the chart
 * people see (and the pane says so).
 */
import { useState } from 'preact/hooks';
import type { Lang, UnitSummary } from '../../../shared/rules/types';
import { num, t } from '../../i18n';

const SERIES = [
  { key: 'needed', cls: 'needed' },
  { key: 'today', cls: 'today' },
  { key: 'after', cls: 'after' },
] as const;

/** Units shown before "show all": a large Pemda has hundreds (every school is a unit). */
const FIRST = 30;

export function UnitTable({ lang, units }: { lang: Lang; units: UnitSummary[] }) {
  const [all, setAll] = useState(false);
  // Deficits first, then surpluses, balanced units last: what needs attention is on top.
  const sorted = [...units].sort((a, b) => (a.balance < 0 ? 0 : a.balance > 0 ? 1 : 2) - (b.balance < 0 ? 0 : b.balance > 0 ? 1 : 2) || Math.abs(b.balance) - Math.abs(a.balance) || a.unit.localeCompare(b.unit, 'id'));
  const shown = all ? sorted : sorted.slice(0, FIRST);
  const max = Math.max(1, ...sorted.map((u) => Math.max(u.needed, u.holdersToday, u.holdersAfter)));
  const value = (u: UnitSummary, k: (typeof SERIES)[number]['key']) => (k === 'needed' ? u.needed : k === 'today' ? u.holdersToday : u.holdersAfter);
  return (
    <div class="units">
      <h3>{t(lang, 'units')}</h3>
      <ul class="legend" aria-label={t(lang, 'legend')}>
        {SERIES.map((s) => (
          <li key={s.key}><span class={`swatch ${s.cls}`} aria-hidden="true" />{t(lang, s.key)}</li>
        ))}
      </ul>
      <table>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'unit')}</th>
            <th scope="col" class="n">{t(lang, 'needed')}</th>
            <th scope="col" class="n">{t(lang, 'today')}</th>
            <th scope="col" class="n">{t(lang, 'after')}</th>
            <th scope="col" class="n">{t(lang, 'balance')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((u) => (
            <tr key={u.unit}>
              <th scope="row">
                {u.unit}
                <svg class="bars" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                  {SERIES.map((s, i) => <rect key={s.key} x="0" y={i * 3.5} height="3" width={(100 * value(u, s.key)) / max} class={s.cls} />)}
                </svg>
              </th>
              <td class="n">{num(lang, u.needed)}</td>
              <td class="n">{num(lang, u.holdersToday)}</td>
              <td class="n">{num(lang, u.holdersAfter)}</td>
              <td class={`n ${u.balance < 0 ? 'deficit' : u.balance > 0 ? 'surplus' : ''}`}>{u.balance > 0 ? '+' : ''}{num(lang, u.balance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length < sorted.length && (
        <button class="link" onClick={() => setAll(true)}>{t(lang, 'showAllUnits')} ({num(lang, sorted.length)})</button>
      )}
    </div>
  );
}
