/**
 * Usulkan: vacancies with the proposer's best eligible candidates and why (score parts: JPM, SKP, rotation,
 * preference, education field), the next candidates for each seat, the seats nobody can fill and why;
 * "Tambahkan" writes chosen moves, or the whole plan, into Usulan as Draf rows. "Darurat" finds the best
 * people for one position with the minimum-tenure rule relaxed.
 */
import { useState } from 'preact/hooks';
import type { DaruratResult, ProposerRun } from '../../../shared/proposer';
import type { ProposedMove } from '../../../shared/proposer/types';
import { describeScore } from '../../../shared/proposer/words';
import { num, pct, ruleTitle, t } from '../../i18n';
import { addMoves, computePlan, searchDarurat, type ProposerState } from '../../services/usulkan';
import { parseDateText } from '../../../shared/values/dates';
import type { PaneProps } from '../context';
import { Facts, lookup } from './Facts';

function MoveLine({ m, checked, onToggle, lang, state }: { m: ProposedMove; checked: boolean; onToggle(): void; lang: PaneProps['lang']; state: ProposerState }) {
  const book = state.parsed.book!;
  const { emp, pos } = lookup(book);
  const e = emp.get(m.nip);
  const to = pos.get(m.toCode);
  return (
    <li class="move">
      <label>
        <input type="checkbox" checked={checked} onChange={onToggle} />{' '}
        <b>{m.name}</b> <span class="muted">({m.fromName}, {m.fromUnit})</span>
      </label>
      <div class="muted">JPM {m.jpm === null ? '—' : pct(lang, m.jpm)} · {describeScore(m.score, m.parts, lang)}</div>
      {e && <Facts lang={lang} e={e} to={to} at={parseDateText(m.date) ?? book.settings.asOf} />}
      {m.notes.length > 0 && (
        <ul class="notes">
          {m.notes.map((n, i) => <li key={i}><span class={`dot ${n.severity}`} aria-hidden="true" /> <b>{ruleTitle(lang, n.rule)}</b>: {n.message}</li>)}
        </ul>
      )}
    </li>
  );
}

/** Seats listed at first: a large agency has thousands of vacancies; the rest on request. */
const SEATS_PAGE = 50;

export function Usulkan(p: PaneProps) {
  const { lang } = p;
  const [plan, setPlan] = useState<{ state: ProposerState; run: ProposerRun } | null>(null);
  const [dar, setDar] = useState<{ state: ProposerState; result: DaruratResult } | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [code, setCode] = useState('');
  const [count, setCount] = useState(3);
  const [seatsShown, setSeatsShown] = useState(SEATS_PAGE);
  const [strict, setStrict] = useState(false);
  const key = (m: ProposedMove) => `${m.nip}>${m.toCode}`;
  const toggle = (m: ProposedMove) => {
    const s = new Set(picked);
    if (s.has(key(m))) s.delete(key(m));
    else s.add(key(m));
    setPicked(s);
  };

  const onPlan = () =>
    p.run('computePlan', async () => {
      const r = await computePlan(p.host, lang, strict);
      setPlan(r);
      setSeatsShown(SEATS_PAGE);
      setDar(null);
      setPicked(new Set(r.run.plan.moves.map(key)));
    });
  const onDarurat = () =>
    p.run('search', async () => {
      const r = await searchDarurat(p.host, lang, code, count);
      setDar(r);
      setPlan(null);
      setPicked(new Set(r.result.chosen.map((c) => key(c.move))));
    });
  const add = (state: ProposerState, moves: ProposedMove[]) =>
    p.run('addChosen', async () => {
      if (moves.length === 0) return;
      const w = await addMoves(p.host, state, moves);
      p.notify({ kind: 'success', text: `${num(lang, moves.length)} ${t(lang, 'added')} (${w.sheet}!${w.firstRow}–${w.lastRow})` });
      setPlan(null);
      setDar(null);
      p.setCheck(null);
    });

  const moves = plan?.run.plan.moves ?? [];
  const warned = moves.filter((m) => m.notes.some((n) => n.severity === 'warning')).length;
  const byCode = new Map<string, ProposedMove[]>();
  for (const m of moves) byCode.set(m.toCode, [...(byCode.get(m.toCode) ?? []), m]);

  return (
    <section class="pane" aria-label={t(lang, 'panePropose')}>
      <div class="actions">
        <button class="primary" onClick={onPlan} disabled={p.busy}>{t(lang, 'computePlan')}</button>
      </div>
      <label class="check">
        <input type="checkbox" checked={strict} onChange={(ev) => setStrict((ev.currentTarget as HTMLInputElement).checked)} disabled={p.busy} />{' '}
        {t(lang, 'withoutWarnings')}
      </label>
      {plan && (
        <div data-testid="plan">
          <p class="muted">
            {num(lang, moves.length)} / {num(lang, plan.run.plan.stats.seats)} {t(lang, 'vacancies').toLowerCase()} · {t(lang, 'totalScore')}: {num(lang, Math.round(plan.run.plan.totalScore * 100) / 100)}
          </p>
          {warned > 0 && <p class="muted" data-testid="plan-warned"><span class="dot warning" aria-hidden="true" /> {num(lang, warned)} {t(lang, 'movesWithWarnings')}</p>}
          <div class="actions">
            <button onClick={() => add(plan.state, moves.filter((m) => picked.has(key(m))))} disabled={p.busy || picked.size === 0}>{t(lang, 'addChosen')} ({num(lang, moves.filter((m) => picked.has(key(m))).length)})</button>
            <button onClick={() => add(plan.state, moves)} disabled={p.busy || moves.length === 0}>{t(lang, 'addAll')}</button>
          </div>
          {plan.run.plan.seats.slice(0, seatsShown).map((s) => (
            <details class="group" key={s.code} open={plan.run.plan.seats.length <= 8}>
              <summary>
                <b>{s.name}</b> <span class="muted">· {s.unit} · {num(lang, s.filled)}/{num(lang, s.vacant)}</span>
              </summary>
              <ul class="plain">
                {(byCode.get(s.code) ?? []).map((m) => <MoveLine key={key(m)} m={m} lang={lang} state={plan.state} checked={picked.has(key(m))} onToggle={() => toggle(m)} />)}
              </ul>
              {s.alternatives.length > 0 && (
                <p class="muted">{t(lang, 'alternatives')}: {s.alternatives.map((a) => `${a.name} (${num(lang, Math.round(a.score * 100) / 100)})`).join(', ')}</p>
              )}
              {s.unfilled && <p class="hint">{num(lang, s.unfilled.open)} {t(lang, 'unfilled')}: {s.unfilled.message}</p>}
            </details>
          ))}
          {seatsShown < plan.run.plan.seats.length && (
            <button class="link" onClick={() => setSeatsShown(seatsShown + SEATS_PAGE * 4)}>{t(lang, 'showMore')} ({num(lang, plan.run.plan.seats.length - seatsShown)})</button>
          )}
        </div>
      )}
      <fieldset>
        <legend>{t(lang, 'emergency')}</legend>
        <small class="muted">{t(lang, 'emergencyHelp')}</small>
        <div class="inline">
          <label class="field">
            {t(lang, 'positionCode')}
            <input value={code} list="position-codes" autocomplete="off" onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
          </label>
          <label class="field narrow">
            {t(lang, 'count')}
            <input type="number" min={1} max={50} value={count} onInput={(e) => setCount(Math.max(1, Number((e.target as HTMLInputElement).value) || 1))} />
          </label>
          <button onClick={onDarurat} disabled={p.busy || code.trim() === ''}>{t(lang, 'search')}</button>
        </div>
        {/* Codes of the last check's Jabatan sheet, so nobody has to remember them. */}
        <datalist id="position-codes">
          {(p.check?.parsed.book?.positions ?? []).slice(0, 2000).map((x) => <option key={x.code} value={x.code}>{`${x.name} · ${x.unit}`}</option>)}
        </datalist>
        {dar && (
          <div data-testid="darurat">
            <p class="muted">{dar.result.name} · {dar.result.unit} · {num(lang, dar.result.vacant)} {t(lang, 'vacancies').toLowerCase()}</p>
            <ul class="plain">
              {[...dar.result.chosen, ...dar.result.reserves].map((c) => (
                <MoveLine key={key(c.move)} m={c.move} lang={lang} state={dar.state} checked={picked.has(key(c.move))} onToggle={() => toggle(c.move)} />
              ))}
            </ul>
            <button onClick={() => add(dar.state, [...dar.result.chosen, ...dar.result.reserves].map((c) => c.move).filter((m) => picked.has(key(m))))} disabled={p.busy || picked.size === 0}>
              {t(lang, 'addChosen')}
            </button>
          </div>
        )}
      </fieldset>
    </section>
  );
}
