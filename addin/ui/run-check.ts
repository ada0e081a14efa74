/** Periksa as a pane action, shared by the panes that need a fresh check (Periksa, Tinjau). */
import { num, t } from '../i18n';
import { runPeriksa } from '../services/periksa';
import type { PaneProps } from './context';

export function runCheckAction(p: PaneProps): Promise<void> {
  return p.run('runCheck', async (progress) => {
    const out = await runPeriksa(p.host, { lang: p.lang, onProgress: (_s, f) => progress(f) });
    p.setCheck(out);
    p.notify({ kind: 'success', text: `${t(p.lang, 'checkedIn')} ${num(p.lang, Math.round(out.millis))} ms · ${num(p.lang, out.roundTrips)} ${t(p.lang, 'roundTrips')}` });
  });
}
