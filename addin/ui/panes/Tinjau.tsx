/** Tinjau: step through Diajukan rows, see findings and the candidate's competency gaps, decide. */
import { useMemo, useState } from 'preact/hooks';
import { COMPETENCIES, COMPETENCIES_EN } from '../../../shared/domain';
import { computeJpm } from '../../../shared/jpm';
import { num, pct, ruleTitle, t } from '../../i18n';
import { afterDecision, approvalRefusal, decide, filterReview, startReview, takeBack, type ReviewFilter, type ReviewState } from '../../services/tinjau';
import { dequeueDecision } from '../../services/sync';
import type { PaneProps } from '../context';
import { Facts, lookup } from './Facts';
import { runCheckAction } from '../run-check';
import type { StringKey } from '../../i18n';
import type { Verdict } from '../../../shared/rules/types';

const FILTERS: [ReviewFilter, StringKey][] = [['all', 'filterAll'], ['open', 'filterOpen'], ['ok', 'filterOk'], ['warning', 'filterWarning'], ['error', 'filterError']];

const VERDICT: Record<Verdict, StringKey> = { error: 'verdictError', warning: 'verdictWarning', info: 'verdictInfo', ok: 'verdictOk', inactive: 'verdictInactive' };

export function Tinjau(p: PaneProps) {
  const { lang, check } = p;
  // The decisions made here (kept) while the shell's check is the one they produced; a new Periksa starts over.
  const [kept, setKept] = useState<ReviewState | null>(null);
  const review = useMemo(() => (!check ? null : kept?.check === check ? kept : startReview(check)), [check, kept]);
  const all = review?.items ?? [];
  const [index, setIndex] = useState(0);
  const [note, setNote] = useState('');
  const [show, setShow] = useState<ReviewFilter>('all');
  const [query, setQuery] = useState('');
  // A supervisor with 1.675 rows to review goes by kind, or straight to one proposal. Which rows are
  // listed is settled by the filter, the search and the Periksa — not by a decision made here, so the
  // decided card stays in view (with its take-back) until the user moves on.
  const listed = useMemo(() => {
    const book = review?.check.parsed.book;
    if (!book) return all.map((it) => it.proposal.row);
    const { emp } = lookup(book);
    return filterReview(all, show, query, (nip) => emp.get(nip)?.name).map((it) => it.proposal.row);
  }, [show, query, review?.from]);
  const items = useMemo(() => {
    const byRow = new Map(all.map((it) => [it.proposal.row, it]));
    return listed.map((row) => byRow.get(row)!).filter(Boolean);
  }, [listed, all]);
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
        <select value={show} onChange={(e) => { setShow((e.target as HTMLSelectElement).value as ReviewFilter); setIndex(0); setNote(''); }}>
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
  // The new state goes to this pane and to the shell (the other panes and a return to this one see it).
  const applied = (done: Parameters<typeof afterDecision>[1]) => {
    const next = afterDecision(review!, done);
    setKept(next);
    p.setCheck(next.check);
  };
  const onDecide = (decision: 'Disetujui' | 'Ditolak') =>
    p.run(decision === 'Disetujui' ? 'approve' : 'reject', async () => {
      const done = await decide(p.host, check, item, decision, note);
      const r = done.refusal;
      if (r) {
        p.notify({ kind: 'error', text: t(lang, r === 'error' ? 'cannotApproveError' : r === 'needNote' ? 'needNote' : r === 'stale' ? 'staleRow' : 'noStatusColumn') });
        return;
      }
      applied(done);
      p.notify({ kind: 'success', text: `${item.proposal.id}: ${t(lang, decision === 'Disetujui' ? 'approved' : 'rejected')}` });
    });

  const onTakeBack = () =>
    p.run('takeBack', async () => {
      const done = await takeBack(p.host, check, item, (id) => dequeueDecision(p.host, id));
      const r = done.refusal;
      if (r) {
        p.notify({ kind: 'error', text: t(lang, r === 'recorded' ? 'takeBackRecorded' : r === 'stale' ? 'staleRow' : 'noStatusColumn') });
        return;
      }
      applied(done);
      p.notify({ kind: 'success', text: `${item.proposal.id}: ${t(lang, 'takenBack')}` });
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
