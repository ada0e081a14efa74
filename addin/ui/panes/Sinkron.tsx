/** Sinkron: push approved rows, show each answer, pull the official record. */
import { useEffect, useState } from 'preact/hooks';
import { num, t } from '../../i18n';
import { loadConnection } from '../../services/local';
import { pullOfficial, pushApproved, queuedCount, type PullSummary, type PushSummary } from '../../services/sync';
import type { PaneProps } from '../context';
import { SinkronDocuments } from './SinkronDocuments';
import { SinkronSiasn } from './SinkronSiasn';

export function Sinkron(p: PaneProps) {
  const { lang } = p;
  const [push, setPush] = useState<PushSummary | null>(null);
  const [pull, setPull] = useState<PullSummary | null>(null);
  const [waiting, setWaiting] = useState(0);
  useEffect(() => {
    void queuedCount(p.host).then(setWaiting).catch(() => setWaiting(0));
  }, [p.host, push]);
  const conn = loadConnection();
  const ready = conn.server !== '' && conn.token !== '';

  const onPush = () =>
    p.run('push', async () => {
      const s = await pushApproved(p.host, loadConnection(), lang);
      setPush(s);
      p.setCheck(null); // statuses moved: the last check no longer describes the workbook
      if (s.offline) p.notify({ kind: 'error', text: t(lang, 'serverUnreachable') });
      else if (s.sent === 0) p.notify({ kind: 'info', text: t(lang, 'nothingToPush') });
      else p.notify({ kind: 'success', text: `${t(lang, 'recorded')}: ${num(lang, s.recorded)} · ${t(lang, 'duplicate')}: ${num(lang, s.duplicate)}` });
    });
  const onPull = () =>
    p.run('pull', async () => {
      const s = await pullOfficial(p.host, loadConnection(), lang);
      setPull(s);
      p.setCheck(null);
      const marked = s.markedRecorded ? ` · ${num(lang, s.markedRecorded)} ${t(lang, 'rowsMarkedRecorded')}` : '';
      p.notify({ kind: 'success', text: `${t(lang, 'pulled')}: ${num(lang, s.rowsUpdated)} ${t(lang, 'rowsUpdated')}${marked}` });
    });

  return (
    <section class="pane" aria-label={t(lang, 'paneSync')}>
      {!ready && <p class="hint">{t(lang, 'needServer')}</p>}
      <div class="actions">
        <button class="primary" onClick={onPush} disabled={p.busy || !ready}>{t(lang, 'push')}</button>
        <button onClick={onPull} disabled={p.busy || !ready}>{t(lang, 'pull')}</button>
      </div>
      <p class="muted">{t(lang, 'server')}: {conn.server || '—'}</p>
      {waiting > 0 && <p class="hint" data-testid="queue">{t(lang, 'queued')}: <b>{num(lang, waiting)}</b> — {t(lang, 'queuedHelp')}</p>}
      {push && (
        <div data-testid="push-results">
          <div class="counts">
            <span class="badge ok">{t(lang, 'recorded')}: <b data-count="recorded">{num(lang, push.recorded)}</b></span>
            <span class="badge info">{t(lang, 'duplicate')}: <b data-count="duplicate">{num(lang, push.duplicate)}</b></span>
            <span class="badge warning">{t(lang, 'conflict')}: <b>{num(lang, push.conflict)}</b></span>
            <span class="badge error">{t(lang, 'rejectedByServer')}: <b>{num(lang, push.rejected)}</b></span>
            {push.queued > 0 && <span class="badge">{t(lang, 'queued')}: <b>{num(lang, push.queued)}</b></span>}
          </div>
          <ul class="plain results">
            {push.results.map((r) => (
              <li key={r.mutationId}>
                <span class={`dot ${r.status === 'recorded' || r.status === 'duplicate' ? 'ok' : r.status === 'conflict' ? 'warning' : 'error'}`} aria-hidden="true" />{' '}
                {r.proposalId ?? '—'}{r.name ? ` · ${r.name}` : ''} <span class="muted">({r.row !== null ? `${t(lang, 'row')} ${r.row}` : t(lang, 'notInWorkbook')})</span> ·{' '}
                {r.status === 'recorded' || r.status === 'duplicate' ? <b class="record-no">{r.recordNo}</b> : <span>{(r as { message: string }).message}</span>}
                {r.status === 'duplicate' && <span class="muted"> ({t(lang, 'duplicate')})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {pull && (
        <p data-testid="pull-result">{t(lang, 'pulled')}: {num(lang, pull.changes)} {t(lang, 'changes')} · {num(lang, pull.rowsUpdated)} {t(lang, 'rowsUpdated')}</p>
      )}
      <SinkronDocuments {...p} />
      <SinkronSiasn {...p} />
    </section>
  );
}
