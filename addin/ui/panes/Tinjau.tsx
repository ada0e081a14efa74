/** Tinjau: step through Diajukan rows, see findings and the candidate's competency gaps, decide. */
import { useMemo, useState } from 'preact/hooks';
import { COMPETENCIES, COMPETENCIES_EN } from '../../../shared/domain';
import { computeJpm } from '../../../shared/jpm';
import { num, pct, ruleTitle, t } from '../../i18n';
import { approvalRefusal, decide, reviewItems, takeBack } from '../../services/tinjau';
import { dequeueDecision } from '../../services/sync';
import type { PaneProps } from '../context';
import { Facts, lookup } from './Facts';
import { runCheckAction } from '../run-check';
import type { StringKey } from '../../i18n';
import type { Verdict } from '../../../shared/rules/types';

type Filter = 'all' | 'open' | 'ok' | 'warning' | 'error';
const FILTERS: [Filter, StringKey][] = [['all', 'filterAll'], ['open', 'filterOpen'], ['ok', 'filterOk'], ['warning', 'filterWarning'], ['error', 'filterError']];

const VERDICT: Record<Verdict, StringKey> = { error: 'verdictError', warning: 'verdictWarning', info: 'verdictInfo', ok: 'verdictOk', inactive: 'verdictInactive' };

export function Tinjau(p: PaneProps) {
  const { lang, check } = p;
  const all = useMemo(() => (check ? reviewItems(check) : []), [check]);
  const [index, setIndex] = useState(0);
  const [note, setNote] = useState('');
  const [show, setShow] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const [, force] = useState(0);
  // A supervisor with 1.675 rows to review goes by kind, or straight to one proposal.
  const items = useMemo(() => {
    if (!check?.parsed.book) return all;
    const { emp } = lookup(check.parsed.book);
    const q = query.trim().toLowerCase();
    return all.filter((it) => {
      if (show === 'open' && it.proposal.status !== 'Diajukan') return false;
      if (show !== 'all' && show !== 'open' && it.result.verdict !== show && !(show === 'ok' && it.result.verdict === 'info')) return false;
      if (!q) return true;
      return it.proposal.id.toLowerCase().includes(q) || it.proposal.nip.includes(q) || (emp.get(it.proposal.nip)?.name.toLowerCase().includes(q) ?? false);
    });
  }, [all, show, query, check]);
  if (!check) {
    return (
      <section class="pane">
        <p>{t(lang, 'runCheckFirst')}</p>
        <button class="primary" onClick={() => runCheckAction(p)} disabled={p.busy}>{t(lang, 'runCheck')}</button>
      </section>
    );
  }
  if (all.length === 0) return <section class="pane"><p>{t(lang, 'noSubmitted')}</p></section>;
  const filters = (
    <div class="inline filters">
      <label class="field">
        {t(lang, 'filter')}
        <select value={show} onChange={(e) => { setShow((e.target as HTMLSelectElement).value as Filter); setIndex(0); setNote(''); }}>
          {FILTERS.map(([v, k]) => <option key={v} value={v}>{t(lang, k)}</option>)}
        </select>
      </label>
      <label class="field">
        {t(lang, 'find')}
        <input type="search" value={query} onInput={(e) => { setQuery((e.target as HTMLInputElement).value); setIndex(0); setNote(''); }} />
      </label>
    </div>
  );
  if (items.length === 0) return <section class="pane" aria-label={t(lang, 'paneReview')}>{filters}<p>{t(lang, 'nothingMatches')}</p></section>;
  const i = Math.min(index, items.length - 1);
  const item = items[i]!;
  const book = check.parsed.book!;
  const { emp: emps, pos } = lookup(book);
  const emp = emps.get(item.proposal.nip);
  const from = emp && pos.get(emp.positionCode);
  const to = pos.get(item.proposal.toCode);
  const fit = emp && to ? computeJpm(emp, to) : null;
  const refusal = approvalRefusal(item, note);
  const decided = item.proposal.status !== 'Diajukan';

  const go = (d: number) => {
    setIndex((i + d + items.length) % items.length);
    setNote('');
  };
  const onDecide = (decision: 'Disetujui' | 'Ditolak') =>
    p.run(decision === 'Disetujui' ? 'approve' : 'reject', async () => {
      const r = await decide(p.host, check, item, decision, note);
      if (r) {
        p.notify({ kind: 'error', text: t(lang, r === 'error' ? 'cannotApproveError' : r === 'needNote' ? 'needNote' : r === 'stale' ? 'staleRow' : 'noStatusColumn') });
        return;
      }
      p.notify({ kind: 'success', text: `${item.proposal.id}: ${t(lang, decision === 'Disetujui' ? 'approved' : 'rejected')}` });
      force((x) => x + 1);
    });

  const onTakeBack = () =>
    p.run('takeBack', async () => {
      const r = await takeBack(p.host, check, item, (id) => dequeueDecision(p.host, id));
      if (r) {
        p.notify({ kind: 'error', text: t(lang, r === 'recorded' ? 'takeBackRecorded' : r === 'stale' ? 'staleRow' : 'noStatusColumn') });
        return;
      }
      p.notify({ kind: 'success', text: `${item.proposal.id}: ${t(lang, 'takenBack')}` });
      force((x) => x + 1);
    });

  const names = lang === 'en' ? COMPETENCIES_EN : COMPETENCIES;
  return (
    <section class="pane" aria-label={t(lang, 'paneReview')}>
      {filters}
      <div class="stepper">
        <button onClick={() => go(-1)} aria-label={t(lang, 'previous')}>‹</button>
        <span>{num(lang, i + 1)} / {num(lang, items.length)} · {t(lang, 'submitted')}</span>
        <button onClick={() => go(1)} aria-label={t(lang, 'next')}>›</button>
      </div>
      <div class={`card verdict-${item.result.verdict}`} data-testid="review-card" data-row={item.proposal.row}>
        <h3>{item.proposal.id} · {emp?.name ?? item.proposal.nip}</h3>
        <p class="muted">NIP {item.proposal.nip} · {t(lang, 'row')} {book.layout.usulan.name}!{item.proposal.row}</p>
        <p>{from ? `${from.name} (${from.unit})` : emp?.positionCode} → <b>{to ? `${to.name} (${to.unit})` : item.proposal.toCode}</b></p>
        {emp && <Facts lang={lang} e={emp} to={to} at={item.proposal.effectiveDate ?? book.settings.asOf} />}
        <p>
          JPM {item.result.jpm === null ? '—' : pct(lang, item.result.jpm)} · <span class={`badge ${item.result.verdict}`}>{t(lang, VERDICT[item.result.verdict])}</span>
          {decided && <span class="badge ok"> {item.proposal.status}</span>}
        </p>
        {item.findings.length > 0 && (
          <ul class="plain">
            {item.findings.map((f, k) => (
              <li key={k}>
                <span class={`dot ${f.severity}`} aria-hidden="true" /> <b>{ruleTitle(lang, f.rule)}</b> <span class="muted">(<code>{f.rule}</code>)</span>
                <div>{f.message}</div>
              </li>
            ))}
          </ul>
        )}
        {fit && (
          <div class="profile">
            <h4>{t(lang, 'candidate')} — {t(lang, 'competencyGaps')}</h4>
            {names.map((name, k) => {
              const actual = emp!.competencies![k]!;
              const gap = fit.gaps.find((g) => g.competency === COMPETENCIES[k]);
              const standard = gap?.standard ?? Math.min(actual, 5);
              return (
                <div class="comp" key={k} title={`${name}: ${actual} / ${gap ? gap.standard : '≥' + actual}`}>
                  <span>{name}</span>
                  <svg viewBox="0 0 50 6" preserveAspectRatio="none" aria-hidden="true">
                    <rect x="0" y="0" width={actual * 10} height="6" class={gap ? 'short' : 'meets'} />
                    {gap && <rect x={standard * 10 - 0.8} y="0" width="1.6" height="6" class="std" />}
                  </svg>
                  <span class="n">{actual}{gap ? `/${gap.standard}` : ''}</span>
                </div>
              );
            })}
          </div>
        )}
        <label class="field">
          {t(lang, 'note')}
          <textarea value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} rows={2} />
        </label>
        {refusal && !decided && <p class="hint" role="note">{t(lang, refusal === 'error' ? 'cannotApproveError' : 'needNote')}</p>}
        <p class="muted">{t(lang, 'approverByToken')}</p>
        <div class="actions">
          <button class="primary" onClick={() => onDecide('Disetujui')} disabled={p.busy || decided || refusal !== null}>{t(lang, 'approve')}</button>
          <button onClick={() => onDecide('Ditolak')} disabled={p.busy || decided}>{t(lang, 'reject')}</button>
          {decided && <button data-testid="take-back" onClick={onTakeBack} disabled={p.busy}>{t(lang, 'takeBack')}</button>}
        </div>
        {decided && <p class="muted">{t(lang, 'takeBackHint')}</p>}
      </div>
    </section>
  );
}
