/** Periksa: run the engine, list findings by rule and severity with "Buka sel", the unit summary. */
import { useState } from 'preact/hooks';
import type { Finding, RuleId, Severity } from '../../../shared/rules/types';
import { dateText, num, ruleTitle, severityLabel, t } from '../../i18n';
import { clearMarks } from '../../workbook/marks';
import type { PaneProps } from '../context';
import { runCheckAction } from '../run-check';
import { UnitTable } from './UnitTable';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const PAGE = 25;

function groups(findings: Finding[]): { key: string; rule: RuleId; severity: Severity; items: Finding[] }[] {
  const m = new Map<string, { key: string; rule: RuleId; severity: Severity; items: Finding[] }>();
  for (const f of findings) {
    const key = `${f.severity}:${f.rule}`;
    let g = m.get(key);
    if (!g) m.set(key, (g = { key, rule: f.rule, severity: f.severity, items: [] }));
    g.items.push(f);
  }
  return [...m.values()].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.items.length - a.items.length);
}

export function Periksa(p: PaneProps) {
  const { lang, check } = p;
  const [shown, setShown] = useState<Record<string, number>>({});
  const [selected, setSelected] = useState<string | null>(null);

  const onCheck = async () => {
    setShown({});
    await runCheckAction(p);
  };
  const onClear = () =>
    p.run('clearMarks', async () => {
      await clearMarks(p.host);
      p.notify({ kind: 'info', text: t(lang, 'marksCleared') });
    });
  const openCell = async (f: Finding) => {
    setSelected(`${f.sheet}!${f.cell}`);
    try {
      await p.host.selectCell(f.sheet, f.cell);
    } catch (e) {
      // e.g. the sheet was renamed or deleted since the check
      p.notify({ kind: 'error', text: `${t(lang, 'openCell')} ${f.sheet}!${f.cell}: ${(e as Error).message}` });
    }
  };

  const c = check?.result.counts;
  return (
    <section aria-labelledby="tab-periksa" class="pane">
      <div class="actions">
        <button class="primary" onClick={onCheck} disabled={p.busy}>{t(lang, 'runCheck')}</button>
        <button onClick={onClear} disabled={p.busy}>{t(lang, 'clearMarks')}</button>
      </div>
      {c && (
        <>
          <div class="counts" data-testid="counts">
            <span class="badge error" data-count="error">{t(lang, 'errors')}: <b>{num(lang, c.error)}</b></span>
            <span class="badge warning" data-count="warning">{t(lang, 'warnings')}: <b>{num(lang, c.warning)}</b></span>
            <span class="badge info" data-count="info">{t(lang, 'infos')}: <b>{num(lang, c.info)}</b></span>
          </div>
          <p class="muted">
            {num(lang, c.employees)} {t(lang, 'employees').toLowerCase()} · {num(lang, c.positions)} {t(lang, 'positions').toLowerCase()} · {num(lang, c.proposals)} {t(lang, 'proposals').toLowerCase()} · {t(lang, 'asOf')} {dateText(check!.result.asOf)}
          </p>
          {selected && p.host.kind === 'browser' && <p class="muted" role="status">{t(lang, 'openCell')}: <code>{selected}</code></p>}
          {check!.result.findings.length === 0 && <p>{t(lang, 'noFindings')}</p>}
          <div class="findings">
            {groups(check!.result.findings).map((g) => {
              const limit = shown[g.key] ?? PAGE;
              return (
                <details key={g.key} class={`group ${g.severity}`}>
                  <summary>
                    <span class={`badge ${g.severity}`}>{severityLabel(lang, g.severity)}</span>{' '}
                    <b>{ruleTitle(lang, g.rule)}</b> <span class="muted">({num(lang, g.items.length)}) · <code>{g.rule}</code></span>
                  </summary>
                  <ul>
                    {g.items.slice(0, limit).map((f, i) => (
                      <li key={i}>
                        <div class="where">
                          {f.sheet}!{f.cell} · {f.subject}
                          <button class="link" onClick={() => openCell(f)} aria-label={`${t(lang, 'openCell')} ${f.sheet}!${f.cell}`}>{t(lang, 'openCell')}</button>
                        </div>
                        <div>{f.message}</div>
                      </li>
                    ))}
                  </ul>
                  {g.items.length > limit && <button class="link" onClick={() => setShown({ ...shown, [g.key]: limit + PAGE * 4 })}>{t(lang, 'showMore')}</button>}
                </details>
              );
            })}
          </div>
          {check!.result.units.length > 0 && <UnitTable lang={lang} units={check!.result.units} />}
          {check!.summarySheet && (
            <p class="muted" data-testid="summary-sheet">
              {t(lang, 'summaryIn')} <b>{check!.summarySheet}</b> {t(lang, p.host.nativeCharts ? 'chartInExcel' : 'chartPaneOnly')}
            </p>
          )}
        </>
      )}
    </section>
  );
}
