/** The browser host's file bar: open an .xlsx (read and saved by the product's own .xlsx reader and surgical writer), save it back as a download. */
import type { Lang } from '../../shared/rules/types';
import type { WorkbookHost } from '../host/types';
import { t } from '../i18n';
import { BrowserGateway } from '../gateway/browser';
import type { PaneProps } from './context';

export function BrowserBar(p: { lang: Lang; host: WorkbookHost | null; busy: boolean; onOpen(h: WorkbookHost): void; run: PaneProps['run'] }) {
  const { lang } = p;
  const file = p.host instanceof BrowserGateway ? p.host : null;

  const onPick = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    if (!f) return;
    void p.run('openFile', async () => {
      p.onOpen(await BrowserGateway.open(await f.arrayBuffer(), f.name, lang));
    });
    input.value = '';
  };
  const onSave = () =>
    p.run('saveFile', async () => {
      const data = await file!.save();
      const url = URL.createObjectURL(new Blob([data], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file!.fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  return (
    <div class="browser-bar">
      <p class="muted">{t(lang, 'browserHost')}</p>
      <div class="actions">
        <label class="button">
          {t(lang, 'openFile')}
          <input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={onPick} disabled={p.busy} data-testid="file-input" />
        </label>
        <button onClick={onSave} disabled={!file || p.busy}>{t(lang, 'saveFile')}</button>
      </div>
      {file && <p class="file" data-testid="file-name">{t(lang, 'opened')}: <b>{file.fileName}</b></p>}
    </div>
  );
}
