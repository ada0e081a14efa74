/** Sinkron's "Dokumen keputusan": SK, petikan, surat penjelasan and SPMT of the recorded rows. */
import { useState } from 'preact/hooks';
import type { Lang } from '../../../shared/rules/types';
import { deliver, documentsLink, recordedNumbers, type DocumentKind } from '../../services/documents';
import { loadConnection } from '../../services/local';
import type { PaneProps } from '../context';

const W: Record<string, [string, string]> = {
  title: ['Dokumen keputusan', 'Decision documents'],
  help: ['SK kolektif + Lampiran, petikan, surat penjelasan dan SPMT untuk baris Usulan berstatus Tercatat, bernomor dan dengan kode QR verifikasi.', 'Collective decree + annex, extracts, explanation letters and SPMT for the Usulan rows that are Tercatat, numbered and with a verification QR code.'],
  make: ['Buat dokumen', 'Make documents'],
  none: ['Belum ada baris Tercatat dengan Nomor Catatan.', 'No Tercatat rows with a record number yet.'],
  downloaded: ['Diunduh', 'Downloaded'],
  opened: ['Dibuka di peramban', 'Opened in the browser'],
  documents: ['dokumen', 'documents'],
  forbidden: ['Membuat dokumen butuh token approver atau admin.', 'Making documents needs an approver or admin token.'],
};
const w = (lang: Lang, k: string) => W[k]![lang === 'en' ? 1 : 0];
const KINDS: [DocumentKind, string, string][] = [['sk', 'SK + Lampiran', 'Decree + annex'], ['petikan', 'Petikan', 'Extracts'], ['penjelasan', 'Surat penjelasan', 'Letters'], ['spmt', 'SPMT', 'SPMT']];

export function SinkronDocuments(p: PaneProps) {
  const { lang } = p;
  const [kinds, setKinds] = useState<DocumentKind[]>(['sk', 'petikan', 'penjelasan', 'spmt']);
  const [done, setDone] = useState<string | null>(null);
  const conn = loadConnection();
  const ready = conn.server !== '' && conn.token !== '';
  const toggle = (k: DocumentKind) => setKinds((ks) => (ks.includes(k) ? ks.filter((x) => x !== k) : [...ks, k]));
  const onMake = () =>
    p.run('working', async () => {
      const nums = await recordedNumbers(p.host, lang);
      if (nums.length === 0) {
        p.notify({ kind: 'info', text: w(lang, 'none') });
        return;
      }
      let link;
      try {
        link = await documentsLink(loadConnection(), nums, kinds);
      } catch (e) {
        p.notify({ kind: 'error', text: /Peran|Role/.test((e as Error).message) ? w(lang, 'forbidden') : (e as Error).message });
        return;
      }
      const how = await deliver(p.host, link);
      const text = `${w(lang, how === 'download' ? 'downloaded' : 'opened')}: ${link.files.toLocaleString(lang === 'en' ? 'en-US' : 'id-ID')} ${w(lang, 'documents')}`;
      setDone(text);
      p.notify({ kind: 'success', text });
    });
  return (
    <div class="documents" data-testid="documents">
      <h3>{w(lang, 'title')}</h3>
      <p class="muted">{w(lang, 'help')}</p>
      <div class="actions">
        {KINDS.map(([k, id, en]) => (
          <label key={k}><input type="checkbox" checked={kinds.includes(k)} onChange={() => toggle(k)} /> {lang === 'en' ? en : id}</label>
        ))}
      </div>
      <button onClick={onMake} disabled={p.busy || !ready || kinds.length === 0}>{w(lang, 'make')}</button>
      {done && <p data-testid="documents-result">{done}</p>}
    </div>
  );
}
