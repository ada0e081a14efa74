/**
 * Talenta: the 9-box grid with counts (a box opens its people), the key posts with their status (ready /
 * 1–2 years / none, "akan kosong"), one post opened → its successors and their development plans, and
 * "Tulis ke buku kerja" (sheets Talenta and Suksesi). Keyboard: every control is a button; arrow keys move
 * within the grid; a post's button says whether it is expanded (aria-expanded) and controls its details.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { COMPETENCIES, COMPETENCIES_EN } from '../../../shared/domain';
import type { KeyPost, SuccessionResult, Successor } from '../../../shared/succession';
import { postsByAttention } from '../../../shared/succession/sheets';
import { dateText, num, t } from '../../i18n';
import { runTalenta, writeTalenta } from '../../services/talenta';
import type { PaneProps } from '../context';
import { words } from './talenta-words';

/** Rows of the grid, top to bottom (potential high → low); columns performance below → above. */
const GRID = [[6, 8, 9], [3, 5, 7], [1, 2, 4]];
const PAGE = 40;
type Filter = 'all' | 'flagged' | 'opening';

export function Talenta(p: PaneProps) {
  const { lang } = p;
  const w = words(lang);
  const [result, setResult] = useState<SuccessionResult | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [box, setBox] = useState<number | null>(null);
  const [peopleShown, setPeopleShown] = useState(PAGE);
  const [filter, setFilter] = useState<Filter>('all');
  const [postsShown, setPostsShown] = useState(PAGE);
  const [open, setOpen] = useState<string | null>(null);
  const cells = useRef<(HTMLButtonElement | null)[]>([]);
  // The plan's messages come from the engine in the language asked: compute again after a switch.
  useEffect(() => {
    setResult(null);
    setProblems([]);
  }, [lang]);

  const compute = () =>
    p.run('runTalent', async () => {
      const out = await runTalenta(p.host, { lang });
      setResult(out.result);
      setProblems(out.problems);
      setBox(null);
      setOpen(null);
      setPostsShown(PAGE);
      if (out.result) p.notify({ kind: 'success', text: w.computed(num(lang, Math.round(out.millis))) });
    });
  const write = () =>
    p.run('writeTalent', async () => {
      const t0 = performance.now();
      const r = await writeTalenta(p.host, result!, lang);
      p.notify({ kind: 'success', text: w.written(r.talenta, r.suksesi, num(lang, Math.round(performance.now() - t0)), num(lang, r.roundTrips)) });
    });

  const onGridKey = (e: KeyboardEvent, i: number) => {
    const r = Math.floor(i / 3);
    const c = i % 3;
    const d: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = d[e.key];
    if (!m) return;
    e.preventDefault();
    const nr = Math.min(2, Math.max(0, r + m[0]));
    const nc = Math.min(2, Math.max(0, c + m[1]));
    cells.current[nr * 3 + nc]?.focus();
  };

  const boxPeople = result && box !== null ? result.talent.people.filter((x) => x.box === box) : [];
  const posts = result
    ? postsByAttention(result.posts).filter((x) => (filter === 'flagged' ? x.noReadySuccessor : filter === 'opening' ? x.opensOn !== null : true))
    : [];

  return (
    <section aria-labelledby="tab-talenta" class="pane talenta">
      <p class="muted">{w.intro}</p>
      <div class="actions">
        <button class="primary" onClick={compute} disabled={p.busy}>{t(lang, 'runTalent')}</button>
        <button onClick={write} disabled={p.busy || !result} data-testid="write-talenta">{t(lang, 'writeTalent')}</button>
      </div>
      {problems.length > 0 && (
        <div class="hint" role="alert">
          {w.notRead}
          <ul>{problems.map((m, i) => <li key={i}>{m}</li>)}</ul>
        </div>
      )}
      {result && (
        <>
          <p class="muted" data-testid="talenta-summary">
            {w.people(num(lang, result.talent.people.length - result.talent.unboxed), num(lang, result.talent.unboxed))}
            <br />
            {w.posts(num(lang, result.counts.keyPosts), num(lang, result.counts.withoutReady), num(lang, result.counts.opening), result.settings.horizonMonths)}
            {' · '}{t(lang, 'asOf').toLowerCase()} {dateText(result.asOf)}
          </p>

          <h3 id="grid-title">{w.grid}</h3>
          <p class="muted">{w.gridHint}</p>
          <div class="ninebox" role="group" aria-labelledby="grid-title">
            <div class="axis-y" aria-hidden="true">{w.pot.map((x) => <span key={x}>{x}</span>)}</div>
            <div class="cells">
              {GRID.flat().map((b, i) => {
                const n = result.talent.byBox[b - 1]!;
                const group = b >= 7 ? 'suksesi' : b >= 4 ? 'rotasi' : 'pembinaan';
                return (
                  <button
                    key={b}
                    ref={(el) => { cells.current[i] = el; }}
                    class={`box ${group}`}
                    aria-pressed={box === b}
                    aria-label={`${w.box(b, num(lang, n))} · ${w.pot[Math.floor(i / 3)]} · ${w.perf[i % 3]} · ${w.group[group]}`}
                    data-box={b}
                    onClick={() => { setBox(box === b ? null : b); setPeopleShown(PAGE); }}
                    onKeyDown={(e) => onGridKey(e as unknown as KeyboardEvent, i)}
                  >
                    <span class="box-no">{b}</span>
                    <b>{num(lang, n)}</b>
                  </button>
                );
              })}
            </div>
            <div class="axis-x" aria-hidden="true">{w.perf.map((x) => <span key={x}>{x}</span>)}</div>
          </div>

          {box !== null && (
            <div class="box-people" data-testid="box-people" role="region" aria-label={w.boxPeople(box, num(lang, boxPeople.length))}>
              <h4>{w.boxPeople(box, num(lang, boxPeople.length))}</h4>
              <table>
                <thead><tr><th>{t(lang, 'employees')}</th><th>{t(lang, 'positions')}</th></tr></thead>
                <tbody>
                  {boxPeople.slice(0, peopleShown).map((x) => (
                    <tr key={x.nip}>
                      <th scope="row">{x.name}<div class="where">{x.nip} · {x.rank ?? '—'}</div></th>
                      <td>{x.positionName || x.positionCode}<div class="where">{x.unit}</div></td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {boxPeople.length > peopleShown && <button class="link" onClick={() => setPeopleShown(peopleShown + PAGE * 4)}>{w.showMore}</button>}
            </div>
          )}

          <h3>{w.keyPosts}</h3>
          {result.posts.length === 0 ? (
            <p>{w.noKeyPosts}</p>
          ) : (
            <>
              <label class="field row filters">
                {w.filter}
                <select value={filter} onChange={(e) => { setFilter((e.target as HTMLSelectElement).value as Filter); setPostsShown(PAGE); }}>
                  {(Object.keys(w.filters) as Filter[]).map((f) => <option key={f} value={f}>{w.filters[f]}</option>)}
                </select>
              </label>
              <ul class="posts plain" data-testid="posts">
                {posts.slice(0, postsShown).map((x) => (
                  <PostItem key={x.code} post={x} lang={lang} open={open === x.code} onToggle={() => setOpen(open === x.code ? null : x.code)} />
                ))}
              </ul>
              {posts.length > postsShown && <button class="link" onClick={() => setPostsShown(postsShown + PAGE * 4)}>{w.showMore}</button>}
            </>
          )}
        </>
      )}
    </section>
  );
}

function PostItem(props: { post: KeyPost; lang: PaneProps['lang']; open: boolean; onToggle: () => void }) {
  const { post: x, lang } = props;
  const w = words(lang);
  const id = `post-${x.code.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const badge = x.status === 'ready' ? 'ok' : x.status === 'soon' ? 'warning' : 'error';
  return (
    <li class={`post status-${x.status}`} data-code={x.code}>
      <button class="post-head" aria-expanded={props.open} aria-controls={id} onClick={props.onToggle}>
        <span class={`badge ${badge}`} title={w.statusLong[x.status]}>{w.status[x.status]}</span>
        <span class="post-name"><b>{x.name}</b><span class="where"> {x.code} · {x.unit}</span></span>
        {x.opensOn && <span class="badge warning">{w.opens} {dateText(x.opensOn)}</span>}
        {!x.opensOn && x.vacantNow && <span class="badge info">{w.vacant}</span>}
      </button>
      <span class="sr-only">{w.statusLong[x.status]}</span>
      {props.open && (
        <div id={id} class="post-detail" data-testid="post-detail">
          <p class="muted">
            {w.holders}: {x.holders.length ? x.holders.map((h) => `${h.name} (${w.retires} ${h.retiresOn ? dateText(h.retiresOn) : '—'})`).join('; ') : w.noHolder}
            {' · '}{w.candidates(num(lang, x.candidates.pool), num(lang, x.candidates.outside))}
          </p>
          <h4>{w.successors}</h4>
          {x.successors.length === 0 ? <p>{w.noSuccessors}</p> : <ol class="successors">{x.successors.map((s) => <SuccessorItem key={s.nip} s={s} lang={lang} />)}</ol>}
        </div>
      )}
    </li>
  );
}

function SuccessorItem({ s, lang }: { s: Successor; lang: PaneProps['lang'] }) {
  const w = words(lang);
  const names = lang === 'en' ? COMPETENCIES_EN : COMPETENCIES;
  const comp = (c: string) => names[COMPETENCIES.indexOf(c as (typeof COMPETENCIES)[number])] ?? c;
  const badge = s.readiness === 'now' ? 'ok' : s.readiness === 'soon' ? 'warning' : 'error';
  return (
    <li class="successor">
      <div>
        <b>{s.name}</b> <span class={`badge ${badge}`}>{w.readiness[s.readiness]}</span>
        {s.emergency && <span class="badge info">{w.emergency}</span>}
      </div>
      <div class="where">
        {s.nip} · {s.positionName || s.positionCode} · {s.unit} · {w.box1} {s.box}{s.outsidePool ? ` (${w.outside})` : ''} · {w.score} {num(lang, Math.round(s.score * 100) / 100)}
        {s.jpm !== null ? ` · JPM ${num(lang, s.jpm)} %` : ''}
      </div>
      <details class="plan">
        <summary>{w.plan}</summary>
        <ul class="notes">
          <li><b>{w.gaps}:</b> {s.plan.gaps.length ? s.plan.gaps.map((g) => `${comp(g.competency)} ${g.actual}/${g.standard}`).join(', ') : w.nothing}</li>
          {s.plan.blockers.length > 0 && <li><b>{w.blockers}:</b> <ul>{s.plan.blockers.map((b, i) => <li key={i}><code>{b.rule}</code> {b.message}</li>)}</ul></li>}
          {s.plan.tenureReachedOn && <li>{w.tenure(dateText(s.plan.tenureReachedOn))}</li>}
          {s.plan.warnings.length > 0 && <li><b>{w.warnings}:</b> <ul>{s.plan.warnings.map((b, i) => <li key={i}><code>{b.rule}</code> {b.message}</li>)}</ul></li>}
          <li><b>{w.trainings}:</b> {s.plan.missingTrainings.length ? s.plan.missingTrainings.join(', ') : w.nothing}</li>
        </ul>
      </details>
    </li>
  );
}
