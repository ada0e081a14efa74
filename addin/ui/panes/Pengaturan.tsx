/** Pengaturan: server and token (this computer only), language, column mapping (workbook), Buat Templat. */
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../../shared/rules/types';
import { SHEETS, type SheetKey } from '../../../shared/workbook/schema';
import { t } from '../../i18n';
import { loadConnection, saveConnection } from '../../services/local';
import { makeTemplate } from '../../services/template';
import { mappableFields, mappingNeeds, readColumnMap, writeColumnMap, type ColumnMap } from '../../workbook/column-map';
import type { PaneProps } from '../context';

export function Pengaturan(p: PaneProps) {
  const { lang } = p;
  const [conn, setConn] = useState(loadConnection());
  const [map, setMap] = useState<ColumnMap>({});
  useEffect(() => {
    void readColumnMap(p.host).then(setMap).catch(() => setMap({}));
  }, [p.host]);

  const needs = p.check ? mappingNeeds(p.check.sheets, map) : { headers: [], missing: [] };
  const unknown = [...needs.headers];
  // Headers already mapped stay listed so the choice can be undone.
  for (const [key, m] of Object.entries(map) as [SheetKey, Record<string, string>][]) {
    for (const header of Object.keys(m ?? {})) if (!unknown.some((u) => u.key === key && u.header === header)) unknown.push({ key, sheet: SHEETS[key].name, header });
  }

  const onSave = () =>
    p.run('save', async () => {
      saveConnection(conn);
      await writeColumnMap(p.host, map);
      p.notify({ kind: 'success', text: p.check ? `${t(lang, 'saved')}. ${t(lang, 'checkAgainAfterMapping')}` : t(lang, 'saved') });
    });
  const onTemplate = () =>
    p.run('makeTemplate', async () => {
      await makeTemplate(p.host);
      p.notify({ kind: 'success', text: t(lang, 'templateMade') });
    });

  return (
    <section class="pane" aria-label={t(lang, 'paneSettings')}>
      <label class="field">
        {t(lang, 'server')}
        <input type="url" value={conn.server} onInput={(e) => setConn({ ...conn, server: (e.target as HTMLInputElement).value })} placeholder="https://localhost:3000" />
      </label>
      <label class="field">
        {t(lang, 'token')}
        <input type="password" autocomplete="off" value={conn.token} onInput={(e) => setConn({ ...conn, token: (e.target as HTMLInputElement).value })} />
        <small class="muted">{t(lang, 'tokenHelp')}</small>
      </label>
      <label class="field">
        {t(lang, 'language')}
        <select value={lang} onChange={(e) => p.setLang((e.target as HTMLSelectElement).value as Lang)}>
          <option value="id">Bahasa Indonesia</option>
          <option value="en">English</option>
        </select>
      </label>
      <fieldset>
        <legend>{t(lang, 'columnMapping')}</legend>
        <small class="muted">{t(lang, 'columnMappingHelp')}</small>
        {!p.check && <p class="muted">{t(lang, 'mappingNeedsCheck')}</p>}
        {p.check && unknown.length === 0 && <p class="muted">{t(lang, 'allHeadersKnown')}</p>}
        {needs.missing.map((m) => (
          <p class="hint" key={m.key}>{t(lang, 'requiredNotFound')} {m.sheet}: <b>{m.headers.join(', ')}</b></p>
        ))}
        {unknown.map((u) => (
          <label class="field row" key={`${u.key}:${u.header}`}>
            <span>{u.sheet} · “{u.header}”</span>
            <select
              value={map[u.key]?.[u.header] ?? ''}
              onChange={(e) => {
                const v = (e.target as HTMLSelectElement).value;
                const sheetMap = { ...(map[u.key] ?? {}) };
                if (v) sheetMap[u.header] = v;
                else delete sheetMap[u.header];
                setMap({ ...map, [u.key]: sheetMap });
              }}
            >
              <option value="">{t(lang, 'ignore')}</option>
              {mappableFields(u.key).map((f) => <option key={f.field} value={f.field}>{f.header}</option>)}
            </select>
          </label>
        ))}
      </fieldset>
      <div class="actions">
        <button class="primary" onClick={onSave} disabled={p.busy}>{t(lang, 'save')}</button>
        <button onClick={onTemplate} disabled={p.busy}>{t(lang, 'makeTemplate')}</button>
      </div>
    </section>
  );
}
