/**
 * The per-unit summary in the pane: a table plus a small bar chart (Kebutuhan vs after the proposals),
 * the same figures the Ringkasan sheet shows; in the browser host, where exceljs writes no chart, this is
 * the chart people see.
 */
import type { Lang, UnitSummary } from '../../../shared/rules/types';
import { num, t } from '../../i18n';

export function UnitTable({ lang, units }: { lang: Lang; units: UnitSummary[] }) {
  const sorted = [...units].sort((a, b) => a.balance - b.balance || a.unit.localeCompare(b.unit, 'id'));
  const max = Math.max(1, ...sorted.map((u) => Math.max(u.needed, u.holdersToday, u.holdersAfter)));
  return (
    <div class="units">
      <h3>{t(lang, 'units')}</h3>
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
          {sorted.map((u) => (
            <tr key={u.unit}>
              <th scope="row">
                {u.unit}
                <svg class="bars" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
                  <rect x="0" y="0" height="2.5" width={(100 * u.needed) / max} class="needed" />
                  <rect x="0" y="3.5" height="2.5" width={(100 * u.holdersAfter) / max} class="after" />
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
    </div>
  );
}
