/**
 * Usulkan: vacancies and the best eligible candidates, from the shared proposer. Until the proposer
 * library is part of this build, the pane shows where the vacancies are (the engine's unit summary)
 * and says so plainly.
 */
import { num, t } from '../../i18n';
import type { PaneProps } from '../context';

export function Usulkan(p: PaneProps) {
  const { lang, check } = p;
  if (!check) return <section class="pane"><p>{t(lang, 'runCheckFirst')}</p></section>;
  const short = check.result.units.filter((u) => u.balance < 0).sort((a, b) => a.balance - b.balance);
  return (
    <section class="pane" aria-label={t(lang, 'panePropose')}>
      <h3>{t(lang, 'vacancies')}</h3>
      <ul class="plain">
        {short.map((u) => (
          <li key={u.unit}>{u.unit}: <b>{num(lang, -u.balance)}</b></li>
        ))}
      </ul>
      <p class="hint">{t(lang, 'proposerMissing')}</p>
    </section>
  );
}
