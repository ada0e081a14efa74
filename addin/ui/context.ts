/** What every pane gets from the shell: the host, the language, the last check, and how to run work. */
import type { Lang } from '../../shared/rules/types';
import type { WorkbookHost } from '../host/types';
import type { StringKey } from '../i18n';
import type { PeriksaOutcome } from '../services/periksa';

export type Notice = { kind: 'info' | 'success' | 'error'; text: string };

export interface PaneProps {
  host: WorkbookHost;
  lang: Lang;
  setLang(lang: Lang): void;
  check: PeriksaOutcome | null;
  setCheck(c: PeriksaOutcome | null): void;
  /** Runs a user action with the progress bar showing; errors become a notice. */
  run(label: StringKey, fn: (progress: (fraction: number) => void) => Promise<void>): Promise<void>;
  notify(n: Notice): void;
  busy: boolean;
}
