/**
 * The announcement as HTML (Indonesian, readable on a phone: the table becomes one card per person
 * on a narrow screen), CSV (for a spreadsheet, with a BOM so Excel reads UTF-8; no cell can start a formula)
 * and JSON. No script, no external resource: it works behind the strict CSP and offline.
 */
import { csvField } from '../../../shared/values/formula-text';
import { idDate, parseDateText } from '../../../shared/values/dates';
import type { AnnouncementEntry } from './entries';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const tanggal = (iso: string) => {
  const d = parseDateText(iso);
  return d === null ? iso : idDate(d);
};

const HEAD = ['No. Catatan', 'Nama', 'NIP', 'Dari', 'Ke', 'TMT'];

export function renderHtml(entries: AnnouncementEntry[], generatedAt: Date): string {
  const rows = entries
    .map(
      (e) => `<tr>
<td data-label="No. Catatan">${esc(e.recordNo)}</td>
<td data-label="Nama">${esc(e.name)}</td>
<td data-label="NIP" class="nip">${esc(e.nip)}</td>
<td data-label="Dari">${esc(e.fromPosition)}<small>${esc(e.fromUnit)}</small></td>
<td data-label="Ke">${esc(e.toPosition)}<small>${esc(e.toUnit)}</small></td>
<td data-label="TMT">${esc(tanggal(e.effectiveDate))}</td>
</tr>`,
    )
    .join('\n');
  const body = entries.length
    ? `<table>
<caption>${entries.length} mutasi tercatat</caption>
<thead><tr>${HEAD.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : '<p class="kosong">Belum ada mutasi yang tercatat.</p>';
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pengumuman Mutasi Pegawai</title>
<link rel="icon" href="data:,">
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fafafa;line-height:1.4}
h1{font-size:1.4rem;margin:0 0 .25rem}
p.ket{color:#555;margin:0 0 1rem;font-size:.9rem}
table{border-collapse:collapse;width:100%;background:#fff}
caption{text-align:left;padding:.5rem 0;color:#555}
th,td{border:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}
th{background:#0f6cbd;color:#fff}
td small{display:block;color:#666}
.nip{font-family:ui-monospace,Consolas,monospace;white-space:nowrap}
@media (max-width:640px){
 thead{display:none}
 table,caption,tbody,tr,td{display:block;width:auto}
 tr{border:1px solid #ccc;margin-bottom:.75rem;background:#fff}
 td{border:none;border-bottom:1px solid #eee}
 td::before{content:attr(data-label);display:block;font-size:.75rem;color:#666;font-weight:600}
}
</style>
</head>
<body>
<main>
<h1>Pengumuman Mutasi Pegawai</h1>
<p class="ket">Mutasi yang telah dicatat secara resmi. NIP ditampilkan sebagian untuk melindungi data pribadi. Diperbarui ${esc(generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC.</p>
${body}
</main>
</body>
</html>
`;
}

/** The page a phone gets for an address it cannot answer (a wrong date in the link): what is wrong, and the way back. */
export function renderProblemHtml(problems: { path: string; message: string }[]): string {
  const items = problems.map((p) => `<li><b>${esc(p.path)}</b>: ${esc(p.message)}</li>`).join('');
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pengumuman Mutasi Pegawai — alamat tidak sah</title>
<link rel="icon" href="data:,">
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fafafa;line-height:1.4}h1{font-size:1.3rem}</style>
</head>
<body>
<main>
<h1>Alamat pengumuman tidak sah</h1>
<p>Bagian alamat (setelah tanda ?) ini tidak dapat dipakai:</p>
<ul>${items}</ul>
<p>Tanggal ditulis YYYY-MM-DD, mis. <code>?from=2027-01-01&amp;to=2027-01-31</code>. <a href="/pengumuman">Buka seluruh pengumuman</a>.</p>
</main>
</body>
</html>
`;
}

/**
 * A cell that could start a formula (= + - @, tab, CR) is prefixed with an apostrophe (OWASP's rule for
 * CSV cells), so opening the CSV in a spreadsheet never runs one; see shared/values/formula-text.ts.
 */
const csvCell = csvField;

export function renderCsv(entries: AnnouncementEntry[]): string {
  const head = ['No. Catatan', 'Nama', 'NIP', 'Kode Jabatan Asal', 'Jabatan Asal', 'Unit Asal', 'Kode Jabatan Tujuan', 'Jabatan Tujuan', 'Unit Tujuan', 'TMT'];
  const lines = entries.map((e) =>
    [e.recordNo, e.name, e.nip, e.fromPositionCode, e.fromPosition, e.fromUnit, e.toPositionCode, e.toPosition, e.toUnit, e.effectiveDate]
      .map(csvCell)
      .join(','),
  );
  return '\uFEFF' + [head.join(','), ...lines].join('\r\n') + '\r\n';
}
