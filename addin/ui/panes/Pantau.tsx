/**
 * Pantau: after the move. What is due or overdue for the user's unit (the server limits a unit token
 * to its unit), a form per move (SPMT date; a review with SKP, adaptation note, follow-up action),
 * saved through this computer's queue like decisions, and the report per unit, which "Tulis ke sheet
 * Pantau" writes to the workbook with a native chart in Excel.
 */
import { useEffect, useState } from 'preact/hooks';
import { SKP, type Skp } from '../../../shared/domain';
import { FOLLOWUP_ACTIONS, type FollowupAction } from '../../../shared/followup';
import { isoDate, today } from '../../../shared/values/dates';
import { dateText, num, t } from '../../i18n';
import { loadConnection } from '../../services/local';
import {
  formProblems, loadDue, loadFollowupQueue, loadReport, saveFollowup, sendFollowups, writePantauSheet,
  type DueItem, type DueList, type FollowupDraft, type FollowupResult, type Report, type SendSummary,
} from '../../services/pantau';
import type { PaneProps } from '../context';
import { w } from './pantau-words';

interface Form {
  item: DueItem;
  date: string;
  note: string;
  skp: Skp;
  action: FollowupAction;
  detail: string;
  problems: Record<string, string>;
}

export function Pantau(p: PaneProps) {
  const { lang } = p;
  const todayIso = isoDate(today());
  // Empty until the first answer: the server's today (WIB) then fills it in; a date picked here is sent as is.
  const [at, setAt] = useState('');
  const [due, setDue] = useState<DueList | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [last, setLast] = useState<SendSummary | null>(null);
  const [waiting, setWaiting] = useState(0);
  const conn = loadConnection();
  const ready = conn.server !== '' && conn.token !== '';

  const refreshQueue = () => setWaiting(loadFollowupQueue(loadConnection()).length);
  const load = (date = at) =>
    p.run('pantauLoad', async () => {
      const c = loadConnection();
      const [d, r] = await Promise.all([loadDue(c, date || undefined), loadReport(c, date || undefined)]);
      setDue(d);
      setReport(r);
      setAt(d.at);
      refreshQueue();
    });
  // Opening the tab loads the list quietly (no progress bar, nothing disabled: arrowing through the tabs
  // must not make the whole pane busy); a failure shows only when the user asks with "Muat daftar".
  useEffect(() => {
    refreshQueue();
    if (!ready) return;
    let gone = false;
    const c = loadConnection();
    Promise.all([loadDue(c), loadReport(c)]).then(([d, r]) => {
      if (gone) return;
      setDue(d);
      setReport(r);
      setAt(d.at);
    }, () => undefined);
    return () => {
      gone = true;
    };
  }, []);

  const open = (item: DueItem) =>
    setForm({ item, date: todayIso, note: '', skp: 'Baik', action: 'Tidak perlu', detail: '', problems: {} });

  const describe = (r: FollowupResult): { kind: 'success' | 'error' | 'info'; text: string } =>
    r.status === 'recorded' ? { kind: 'success', text: `${w(lang, 'saved')} ${r.recordNo}` }
    : r.status === 'duplicate' ? { kind: 'info', text: `${w(lang, 'alreadySaved')} ${r.recordNo}` }
    : { kind: 'error', text: `${r.status === 'conflict' ? w(lang, 'conflict') : w(lang, 'rejected')}: ${(r as { message: string }).message}` };

  const report1 = (s: SendSummary) => {
    setLast(s);
    refreshQueue();
    if (s.offline) p.notify({ kind: 'error', text: `${w(lang, 'queuedOffline')} (${num(lang, s.queued)})` });
    else if (s.results.length > 0) p.notify(describe(s.results[s.results.length - 1]!));
  };

  const onSave = () => {
    if (!form) return;
    const { item } = form;
    const draft: FollowupDraft = item.kind === 'spmt'
      ? { recordNo: item.recordNo, kind: 'spmt', spmtDate: form.date, note: form.note, baseVersion: null }
      : {
          recordNo: item.recordNo, kind: 'review', month: item.month!, reviewDate: form.date, skp: form.skp, note: form.note, action: form.action,
          actionDetail: form.action === 'Pelatihan' || form.action === 'Mentoring' ? form.detail.trim() || null : null, baseVersion: null,
        };
    const problems = formProblems(draft, lang, todayIso, item.effectiveDate);
    if (Object.keys(problems).length > 0) {
      setForm({ ...form, problems });
      return;
    }
    return p.run('pantauSend', async () => {
      const s = await saveFollowup(loadConnection(), draft);
      report1(s);
      const mine = s.results.find((r) => r.mutationId === s.mutationId);
      if (s.offline || mine?.status === 'recorded' || mine?.status === 'duplicate') {
        setForm(null);
        if (!s.offline) {
          const c = loadConnection();
          const [d, r] = await Promise.all([loadDue(c, at || undefined), loadReport(c, at || undefined)]);
          setDue(d);
          setReport(r);
        }
      }
    });
  };

  const onSend = () => p.run('pantauSend', async () => report1(await sendFollowups(loadConnection())));

  const onWrite = () =>
    p.run('pantauWrite', async () => {
      if (!due || !report) return;
      const out = await writePantauSheet(p.host, report, due, lang);
      p.notify({ kind: 'success', text: `${w(lang, 'written')} ${out.sheet} ${out.chart ? w(lang, 'withChart') : `— ${w(lang, 'noChartHere')}`}` });
    });

  const what = (i: DueItem) => (i.kind === 'spmt' ? w(lang, 'spmt') : `${w(lang, 'review')}${i.month}`);
  const field = (id: string, label: string, input: preact.JSX.Element, problem?: string) => (
    <label class="field" for={id}>
      {label}
      {input}
      {problem && <small class="problem" role="alert">{problem}</small>}
    </label>
  );

  return (
    <section class="pane pantau" aria-label={t(lang, 'panePantau')}>
      {!ready && <p class="hint">{t(lang, 'needServer')}</p>}
      <p class="muted">{w(lang, 'intro')}</p>
      <div class="actions">
        <label class="inline" for="pantau-at">
          {w(lang, 'asOf')}{' '}
          <input id="pantau-at" type="date" value={at} onInput={(e) => setAt((e.target as HTMLInputElement).value)} />
        </label>
        <button class="primary" onClick={() => load()} disabled={p.busy || !ready}>{w(lang, 'refresh')}</button>
        <button onClick={onWrite} disabled={p.busy || !due || !report}>{w(lang, 'writeSheet')}</button>
      </div>
      {waiting > 0 && (
        <p class="hint" data-testid="pantau-queue">
          {w(lang, 'waiting')}: <b>{num(lang, waiting)}</b> — {w(lang, 'waitingHelp')}{' '}
          <button class="link" onClick={onSend} disabled={p.busy || !ready}>{w(lang, 'sendQueue')}</button>
        </p>
      )}
      {due && (
        <div data-testid="pantau-due">
          <p class="muted">{w(lang, 'settingsLine').replace('{d}', String(due.settings.spmtDays)).replace('{m}', due.settings.reviewMonths.join(lang === 'en' ? ' and ' : ' dan '))}</p>
          <div class="counts">
            <span class="badge error">{w(lang, 'overdue')}: <b data-count="overdue">{num(lang, due.overdue)}</b></span>
            <span class="badge warning">{w(lang, 'due')}: <b data-count="due">{num(lang, due.due)}</b></span>
          </div>
          {due.items.length === 0 && <p class="muted">{w(lang, 'nothingDue')}</p>}
          <ul class="plain followups">
            {due.items.map((i) => {
              const key = `${i.recordNo}-${i.kind}-${i.month ?? 0}`;
              const isOpen = form !== null && form.item.recordNo === i.recordNo && form.item.kind === i.kind && form.item.month === i.month;
              return (
                <li key={key} data-item={key}>
                  <span class={`badge ${i.status === 'overdue' ? 'error' : 'warning'}`}>
                    {i.status === 'overdue' ? `${w(lang, 'overdue')} ${num(lang, i.daysLate)} ${w(lang, 'daysLate')}` : w(lang, 'due')}
                  </span>{' '}
                  <b>{what(i)}</b> · {i.name} <span class="muted">({i.nip})</span>
                  <div class="where">
                    {i.toPosition} · {i.unit} · {w(lang, 'tmt')} {dateText(i.effectiveDate)} · {w(lang, 'dueOn')} {dateText(i.dueDate)} · {i.recordNo}
                  </div>
                  {!isOpen && <button class="link" onClick={() => open(i)} aria-label={`${w(lang, 'fill')} ${what(i)} ${i.name}`}>{w(lang, 'fill')}</button>}
                  {isOpen && form && (
                    <form class="followup-form" onSubmit={(e) => { e.preventDefault(); void onSave(); }}>
                      {field('f-date', i.kind === 'spmt' ? w(lang, 'spmtDate') : w(lang, 'reviewDate'),
                        <input id="f-date" type="date" value={form.date} max={todayIso} min={i.effectiveDate} onInput={(e) => setForm({ ...form, date: (e.target as HTMLInputElement).value })} />,
                        form.problems.spmtDate ?? form.problems.reviewDate)}
                      {i.kind === 'review' && field('f-skp', w(lang, 'skp'),
                        <select id="f-skp" value={form.skp} onChange={(e) => setForm({ ...form, skp: (e.target as HTMLSelectElement).value as Skp })}>
                          {SKP.map((s) => <option key={s} value={s}>{s}</option>)}
                        </select>)}
                      {field('f-note', i.kind === 'spmt' ? w(lang, 'spmtNote') : w(lang, 'adaptation'),
                        <textarea id="f-note" rows={i.kind === 'spmt' ? 1 : 3} value={form.note} onInput={(e) => setForm({ ...form, note: (e.target as HTMLTextAreaElement).value })} />,
                        form.problems.note)}
                      {i.kind === 'review' && field('f-action', w(lang, 'action'),
                        <select id="f-action" value={form.action} onChange={(e) => setForm({ ...form, action: (e.target as HTMLSelectElement).value as FollowupAction })}>
                          {FOLLOWUP_ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
                        </select>)}
                      {i.kind === 'review' && (form.action === 'Pelatihan' || form.action === 'Mentoring') && field('f-detail', form.action === 'Pelatihan' ? w(lang, 'training') : w(lang, 'mentor'),
                        <input id="f-detail" type="text" value={form.detail} onInput={(e) => setForm({ ...form, detail: (e.target as HTMLInputElement).value })} />,
                        form.problems.actionDetail)}
                      <div class="actions">
                        <button type="submit" class="primary" disabled={p.busy || !ready}>{w(lang, 'save')}</button>
                        <button type="button" onClick={() => setForm(null)}>{w(lang, 'close')}</button>
                      </div>
                    </form>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {last && last.results.length > 0 && (
        <ul class="plain results" data-testid="pantau-results">
          {last.results.map((r) => {
            const d = describe(r);
            return <li key={r.mutationId}><span class={`dot ${d.kind === 'error' ? 'error' : 'ok'}`} aria-hidden="true" />{d.text}</li>;
          })}
        </ul>
      )}
      {report && (
        <div data-testid="pantau-report">
          <h3>{w(lang, 'report')}</h3>
          <p class="muted">{w(lang, 'skpLegend')} · {w(lang, 'tmt')} {dateText(report.from)} – {dateText(report.to)}</p>
          <ul class="legend" aria-label={w(lang, 'skpLegend')}>
            <li><span class="swatch higher" aria-hidden="true" />{w(lang, 'skpHigher')}</li>
            <li><span class="swatch same" aria-hidden="true" />{w(lang, 'skpSame')}</li>
            <li><span class="swatch lower" aria-hidden="true" />{w(lang, 'skpLower')}</li>
          </ul>
          <table>
            <thead>
              <tr>
                <th scope="col">{w(lang, 'unit')}</th>
                <th scope="col" class="n">{w(lang, 'moves')}</th>
                <th scope="col" class="n" title={w(lang, 'spmtColumns')}>{w(lang, 'spmtColumns')}</th>
                <th scope="col" class="n" title={w(lang, 'reviewColumns')}>{w(lang, 'reviewColumns')}</th>
                <th scope="col" title={w(lang, 'skpColumns')}>{w(lang, 'skpColumns')}</th>
              </tr>
            </thead>
            <tbody>
              {[...report.units, ...(report.units.length > 1 ? [{ ...report.total, unit: w(lang, 'total') }] : [])].map((u) => {
                const known = u.skp.higher + u.skp.same + u.skp.lower;
                const pct = (n: number) => `${known === 0 ? 0 : (100 * n) / known}%`;
                return (
                  <tr key={u.unit}>
                    <th scope="row">{u.unit}</th>
                    <td class="n">{num(lang, u.moves)}</td>
                    <td class="n">
                      {num(lang, u.spmt.onTime)} / {num(lang, u.spmt.late)} / <span class={u.spmt.missing > 0 ? 'deficit' : ''}>{num(lang, u.spmt.missing)}</span>
                    </td>
                    <td class="n">{num(lang, u.reviews.done)} / <span class={u.reviews.overdue > 0 ? 'deficit' : ''}>{num(lang, u.reviews.overdue)}</span></td>
                    <td>
                      <span class="skp-bar" role="img" aria-label={`${w(lang, 'skpHigher')} ${u.skp.higher}, ${w(lang, 'skpSame')} ${u.skp.same}, ${w(lang, 'skpLower')} ${u.skp.lower}`}>
                        <span class="higher" style={{ width: pct(u.skp.higher) }} />
                        <span class="same" style={{ width: pct(u.skp.same) }} />
                        <span class="lower" style={{ width: pct(u.skp.lower) }} />
                      </span>{' '}
                      <span class="skp-counts">{num(lang, u.skp.higher)} / {num(lang, u.skp.same)} / <span class={u.skp.lower > 0 ? 'deficit' : ''}>{num(lang, u.skp.lower)}</span></span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
