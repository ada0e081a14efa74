/** Sinkron's "Status SIASN": for the workbook's Tercatat rows, what SIASN answered (docs/siasn.md). */
import { useState } from 'preact/hooks';
import type { Lang } from '../../../shared/rules/types';
import { loadConnection } from '../../services/local';
import { siasnErrorText, siasnLines, siasnSummary, workbookSiasn, type SiasnStatus } from '../../services/siasn';
import type { PaneProps } from '../context';

const W: Record<string, [string, string]> = {
  title: ['Status SIASN', 'SIASN status'],
  help: ['Riwayat jabatan baris Tercatat di SIASN: terkirim, ditolak (dengan pesan SIASN), dicoba lagi, atau data yang kurang.', 'The Tercatat rows\' riwayat jabatan in SIASN: sent, refused (with SIASN\'s message), retrying, or what data is missing.'],
  show: ['Lihat status SIASN', 'Show SIASN status'],
  none: ['Belum ada baris Tercatat dengan Nomor Catatan.', 'No Tercatat rows with a record number yet.'],
};
const w = (lang: Lang, k: string) => W[k]![lang === 'en' ? 1 : 0];

export function SinkronSiasn(p: PaneProps) {
  const { lang } = p;
  // The server's answer; its words are made at each render, so the language switch applies to it too.
  const [result, setResult] = useState<{ status: SiasnStatus; asked: string[] } | null>(null);
  const conn = loadConnection();
  const ready = conn.server !== '' && conn.token !== '';
  const onShow = () =>
    p.run('working', async () => {
      let r;
      try {
        r = await workbookSiasn(p.host, loadConnection(), lang);
      } catch (e) {
        p.notify({ kind: 'error', text: siasnErrorText(e, lang) });
        return;
      }
      if (r.asked.length === 0) {
        setResult(null);
        p.notify({ kind: 'info', text: w(lang, 'none') });
        return;
      }
      setResult({ status: r.status, asked: r.asked });
    });
  return (
    <div class="siasn" data-testid="siasn">
      <h3>{w(lang, 'title')}</h3>
      <p class="muted">{w(lang, 'help')}</p>
      <button onClick={onShow} disabled={p.busy || !ready}>{w(lang, 'show')}</button>
      {result && (
        <div data-testid="siasn-result">
          <p>{siasnSummary(result.status, lang)}</p>
          <ul class="plain results">
            {siasnLines(result.status, result.asked, lang).map((l) => (
              <li key={l.recordNo} data-state={l.state}>
                <span class={`dot ${l.tone}`} aria-hidden="true" /> <b class="record-no">{l.recordNo}</b>{l.name ? ` · ${l.name}` : ''} · {l.label}
                {l.detail && <span class="muted"> — {l.detail}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
