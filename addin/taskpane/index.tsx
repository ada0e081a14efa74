/**
 * Task pane entry. Decides where it runs: inside Excel (office.js loaded and Office.onReady says Excel)
 * → the Office gateway; anywhere else (a plain browser tab, office.js absent or unreachable) → the
 * browser host, which works on an .xlsx the user opens. Then renders the shell on the pane named in
 * the URL (?pane=periksa|sinkron, as the ribbon buttons ask).
 */
import { render } from 'preact';
import type { Lang } from '../../shared/rules/types';
import { OfficeGateway } from '../gateway/office';
import type { WorkbookHost } from '../host/types';
import { loadLang } from '../services/local';
import { App, PANES, type PaneId } from '../ui/App';
import css from '../ui/styles.css';
import { loadOfficeJs } from './office-loader';

async function officeHost(): Promise<WorkbookHost | null> {
  const loaded = await loadOfficeJs();
  if (!loaded || typeof Office === 'undefined') return null;
  // onReady never settles when office.js runs outside an Office host on some platforms: cap the wait.
  const info = await Promise.race([Office.onReady(), new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
  if (!info || info.host !== 'Excel' || typeof Excel === 'undefined') return null;
  // Excel on the web refuses requests over 5 MB; start it with blocks instead of a refused first try.
  const web = info.platform === 'OfficeOnline';
  return new OfficeGateway(web ? { cellBudget: 150_000 } : {});
}

/** Indonesian unless this computer's user switched to English (ADDIN.md: English by a switch). */
function initialLang(): Lang {
  return loadLang() ?? 'id';
}

async function boot() {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
  const host = await officeHost();
  const asked = new URLSearchParams(location.search).get('pane');
  const pane: PaneId = PANES.includes(asked as PaneId) ? (asked as PaneId) : 'periksa';
  const root = document.getElementById('app')!;
  root.textContent = '';
  render(<App host={host} lang={initialLang()} pane={pane} />, root);
  document.body.dataset.ready = host ? host.kind : 'browser';
}

void boot();
