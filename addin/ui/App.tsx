/**
 * The task pane shell: the five panes as Fluent-style tabs (arrow keys move between them), the language
 * switch, a progress bar for anything longer than a blink, one live region for notices, and — in the
 * browser host — the bar to open an .xlsx and save it back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../shared/rules/types';
import type { WorkbookHost } from '../host/types';
import { t, type StringKey } from '../i18n';
import type { PeriksaOutcome } from '../services/periksa';
import { saveLang } from '../services/local';
import { BrowserBar } from './BrowserBar';
import type { Notice, PaneProps } from './context';
import { Pengaturan } from './panes/Pengaturan';
import { Pantau } from './panes/Pantau';
import { Periksa } from './panes/Periksa';
import { Sinkron } from './panes/Sinkron';
import { Talenta } from './panes/Talenta';
import { Tinjau } from './panes/Tinjau';
import { Usulkan } from './panes/Usulkan';

export const PANES = ['periksa', 'usulkan', 'talenta', 'tinjau', 'sinkron', 'pantau', 'pengaturan'] as const;
export type PaneId = (typeof PANES)[number];
const LABEL: Record<PaneId, StringKey> = { periksa: 'paneCheck', usulkan: 'panePropose', tinjau: 'paneReview', sinkron: 'paneSync', talenta: 'paneTalent', pantau: 'panePantau', pengaturan: 'paneSettings' };
const VIEW = { periksa: Periksa, usulkan: Usulkan, tinjau: Tinjau, sinkron: Sinkron, talenta: Talenta, pantau: Pantau, pengaturan: Pengaturan };

export interface AppProps {
  host: WorkbookHost | null;
  lang: Lang;
  pane: PaneId;
}

export function App(props: AppProps) {
  const [host, setHost] = useState<WorkbookHost | null>(props.host);
  const [lang, setLangState] = useState<Lang>(props.lang);
  const [pane, setPane] = useState<PaneId>(props.pane);
  const [check, setCheck] = useState<PeriksaOutcome | null>(null);
  const [busy, setBusy] = useState<{ label: StringKey; fraction: number | null } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = (l: Lang) => {
    saveLang(l);
    setLangState(l);
    setCheck(null); // messages come from the engine in the language asked: check again to translate them
  };

  const run: PaneProps['run'] = async (label, fn) => {
    setBusy({ label, fraction: null });
    setNotice(null);
    try {
      // Let the bar paint before the work starts (a frame, then a task: the engine may hold the thread).
      await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      await fn((fraction) => setBusy({ label, fraction }));
    } catch (e) {
      setNotice({ kind: 'error', text: `${t(lang, 'error')}: ${(e as Error).message}` });
    } finally {
      setBusy(null);
    }
  };

  const onTabKey = (e: KeyboardEvent, i: number) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : e.key === 'Home' ? -i : e.key === 'End' ? PANES.length - 1 - i : 0;
    if (d === 0) return;
    e.preventDefault();
    const next = (i + d + PANES.length) % PANES.length;
    setPane(PANES[next]!);
    tabs.current[next]?.focus();
  };

  const View = VIEW[pane];
  return (
    <div class="app">
      <header>
        <img src="assets/icon-32.png" alt="" width={20} height={20} />
        <h1>{t(lang, 'appTitle')}</h1>
        <button class="lang" onClick={() => setLang(lang === 'id' ? 'en' : 'id')} aria-label={t(lang, 'switchLanguage')} title={t(lang, 'switchLanguage')}>
          <span lang={lang === 'id' ? 'en' : 'id'}>{lang === 'id' ? 'EN' : 'ID'}</span>
        </button>
      </header>
      {(host === null || host.kind === 'browser') && (
        <BrowserBar lang={lang} host={host} busy={busy !== null} onOpen={(h) => { setHost(h); setCheck(null); }} run={run} />
      )}
      <nav role="tablist" aria-label={t(lang, 'appTitle')}>
        {PANES.map((id, i) => (
          <button
            key={id}
            id={`tab-${id}`}
            role="tab"
            ref={(el) => { tabs.current[i] = el; }}
            aria-selected={pane === id}
            aria-controls="pane-panel"
            tabIndex={pane === id ? 0 : -1}
            onClick={() => setPane(id)}
            onKeyDown={(e) => onTabKey(e as unknown as KeyboardEvent, i)}
          >
            {t(lang, LABEL[id])}
          </button>
        ))}
      </nav>
      <div class="progress" role="progressbar" aria-busy={busy !== null} aria-label={busy ? t(lang, busy.label) : ''} hidden={busy === null}
        {...(busy?.fraction != null ? { 'aria-valuenow': Math.round(busy.fraction * 100), 'aria-valuemin': 0, 'aria-valuemax': 100 } : {})}>
        <div class={busy?.fraction == null ? 'bar indeterminate' : 'bar'} style={busy?.fraction != null ? { width: `${Math.round(busy.fraction * 100)}%` } : undefined} />
      </div>
      <div class={`notice ${notice?.kind ?? ''}`} role="status" aria-live="polite">{busy ? `${t(lang, busy.label)} — ${t(lang, 'working')}` : (notice?.text ?? '')}</div>
      <div class="main" id="pane-panel" role="tabpanel" aria-labelledby={`tab-${pane}`} data-pane={pane}>
        {host ? (
          <View host={host} lang={lang} setLang={setLang} check={check} setCheck={setCheck} run={run} notify={setNotice} busy={busy !== null} />
        ) : (
          <p class="muted">{t(lang, 'noFile')}</p>
        )}
      </div>
    </div>
  );
}
