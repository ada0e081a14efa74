/**
 * Decision documents of the recorded rows (Sinkron, issue 13): the Usulan rows that are Tercatat with a
 * Nomor Catatan are sent as record numbers to POST /api/v1/documents/link; the server answers a
 * 10-minute address that downloads the .docx or .zip (SK + Lampiran, petikan, surat penjelasan, SPMT).
 * In the browser host the pane downloads it; in Excel, which cannot save a download from the task pane,
 * the address is opened in the user's browser.
 */
import type { Lang } from '../../shared/rules/types';
import type { WorkbookHost } from '../host/types';
import type { Connection } from './local';
import { checkOpenWorkbook } from './periksa';

export type DocumentKind = 'sk' | 'petikan' | 'penjelasan' | 'spmt';

/** Record numbers of the Usulan rows that are Tercatat (each once, in row order). */
export async function recordedNumbers(host: WorkbookHost, lang: Lang): Promise<string[]> {
  return host.action(async () => {
    const { parsed } = await checkOpenWorkbook(host, lang);
    const out = new Set<string>();
    for (const p of parsed.book?.proposals ?? []) if (p.status === 'Tercatat' && p.recordNo) out.add(p.recordNo);
    return [...out];
  });
}

export interface DocumentsLink {
  url: string;
  expiresAt: string;
  files: number;
}

export async function documentsLink(conn: Connection, recordNos: string[], kinds: DocumentKind[]): Promise<DocumentsLink> {
  let res: Response;
  try {
    res = await fetch(`${conn.server}/api/v1/documents/link`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${conn.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kinds, recordNos }),
    });
  } catch (e) {
    throw new Error(`Server tidak dapat dihubungi: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string } & Partial<DocumentsLink>;
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body as DocumentsLink;
}

/** The name the server gave the file (Content-Disposition), else a sensible one. */
function fileNameOf(res: Response): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1];
  if (star) return decodeURIComponent(star);
  return /filename="([^"]+)"/i.exec(cd)?.[1] ?? 'dokumen-mutasi.zip';
}

/** Downloads (browser host) or opens in the browser (Excel). Returns how it was delivered. */
export async function deliver(host: WorkbookHost, link: DocumentsLink): Promise<'download' | 'browser'> {
  if (host.kind === 'browser') {
    const res = await fetch(link.url);
    if (!res.ok) throw new Error(`Unduhan gagal (HTTP ${res.status})`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = fileNameOf(res);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return 'download';
  }
  const ui = (globalThis as { Office?: { context?: { ui?: { openBrowserWindow?(url: string): void } } } }).Office?.context?.ui;
  if (ui?.openBrowserWindow) ui.openBrowserWindow(link.url);
  else window.open(link.url, '_blank', 'noopener');
  return 'browser';
}
