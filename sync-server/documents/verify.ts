/**
 * GET /verifikasi/<token>: what a phone sees after scanning a document's QR code. Public, like
 * /pengumuman and with its masking (NIP middle digits hidden): the kind and number of the document, its
 * date, the SHA-256 of each issue, the decision(s) it is about and whether each still stands (no later
 * decision for that person, and the record still has them in that post). `?sha256=` (or the form on the
 * page) compares a file's hash with the issued ones: a changed document does not match.
 */
import type { Db } from '../db/connect';
import { maskNip } from '../server/pengumuman/mask';
import { tanggalIso } from './data';
import type { DocumentRow } from './issue';
import { KIND_TITLE, type DocumentKind } from './placeholders';

export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/;

export interface VerifiedDecision {
  recordNo: string;
  name: string;
  nip: string;
  fromPosition: string;
  fromUnit: string;
  toPosition: string;
  toUnit: string;
  effectiveDate: string;
  stands: boolean;
  /** Why not, when it does not stand. */
  why: string | null;
}

export interface Verification {
  kind: DocumentKind;
  title: string;
  number: string;
  issuedOn: string;
  issues: { sha256: string; issuedAt: string }[];
  decisions: VerifiedDecision[];
  /** Set when a hash was given: whether it is one of the issued ones. */
  check: { sha256: string; matches: boolean } | null;
}

export async function verification(db: Db, token: string, sha256: string | null): Promise<Verification | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const doc = (await db.read('documents').where({ token }).first()) as DocumentRow | undefined;
  if (!doc) return null;
  const issues = ((await db.read('document_issues').where({ document_id: doc.id }).orderBy('id')) as { sha256: string; issued_at: string }[]).map((i) => ({
    sha256: i.sha256, issuedAt: i.issued_at,
  }));
  const recordNos = JSON.parse(doc.record_nos) as string[];
  const rows = (await db
    .read('decisions as d')
    .join('employees as e', 'e.nip', 'd.nip')
    .leftJoin('positions as pf', 'pf.code', 'd.from_code')
    .join('positions as pt', 'pt.code', 'd.to_code')
    .whereIn('d.record_no', recordNos)
    .select('d.record_no', 'd.nip', 'e.name', 'e.position_code as now_code', 'd.to_code', 'pf.name as from_name', 'pf.unit as from_unit', 'pt.name as to_name', 'pt.unit as to_unit', 'd.effective_date', 'd.from_code')
    .orderBy('d.record_no')) as Record<string, string | null>[];
  const nips = [...new Set(rows.map((r) => r.nip!))];
  const later = new Map<string, string[]>();
  if (nips.length > 0) {
    for (const r of (await db.read('decisions').whereIn('nip', nips).select('nip', 'record_no').orderBy('record_no')) as { nip: string; record_no: string }[]) {
      later.set(r.nip, [...(later.get(r.nip) ?? []), r.record_no]);
    }
  }
  const decisions = rows.map((r) => {
    const newer = (later.get(r.nip!) ?? []).filter((x) => x > r.record_no!);
    let why: string | null = null;
    if (newer.length > 0) why = `digantikan oleh keputusan ${newer[newer.length - 1]}`;
    else if (r.now_code !== r.to_code) why = 'catatan resmi kini mencatat pegawai ini pada jabatan lain';
    return {
      recordNo: r.record_no!, name: r.name!, nip: maskNip(r.nip!), fromPosition: r.from_name ?? r.from_code!, fromUnit: r.from_unit ?? '',
      toPosition: r.to_name ?? r.to_code!, toUnit: r.to_unit ?? '', effectiveDate: r.effective_date!, stands: why === null, why,
    };
  });
  const wanted = sha256?.trim().toLowerCase() ?? null;
  return {
    kind: doc.kind, title: KIND_TITLE[doc.kind], number: doc.number, issuedOn: doc.issued_on, issues, decisions,
    check: wanted ? { sha256: wanted, matches: issues.some((i) => i.sha256 === wanted) } : null,
  };
}

const WIB = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** "8 Desember 2026 pukul 01.12 WIB". */
function wib(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(WIB.formatToParts(d).map((p) => [p.type, p.value]));
  return `${tanggalIso(`${parts.year}-${parts.month}-${parts.day}`)} pukul ${parts.hour === '24' ? '00' : parts.hour}.${parts.minute} WIB`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fafafa;line-height:1.45;max-width:56rem}
h1{font-size:1.35rem;margin:0 0 .5rem}
.kartu{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
.ok{border-left:6px solid #107c10}.tidak{border-left:6px solid #c50f1f}.info{border-left:6px solid #0f6cbd}
.lbl{font-size:.75rem;color:#555;font-weight:600;display:block}
.hash{font-family:ui-monospace,Consolas,monospace;word-break:break-all;font-size:.85rem}
.status-ok{color:#107c10;font-weight:700}.status-no{color:#c50f1f;font-weight:700}
input[type=text]{width:100%;box-sizing:border-box;font-family:ui-monospace,Consolas,monospace;padding:.4rem;font-size:.85rem}
button{margin-top:.5rem;padding:.45rem 1rem;background:#0f6cbd;color:#fff;border:0;border-radius:4px;font-size:1rem}
small{color:#555}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function renderVerificationHtml(v: Verification, token: string): string {
  const allStand = v.decisions.every((d) => d.stands);
  const decisions = v.decisions
    .map(
      (d) => `<div class="kartu ${d.stands ? 'ok' : 'tidak'}">
<span class="lbl">No. Catatan</span>${esc(d.recordNo)}
<span class="lbl">Nama</span>${esc(d.name)}
<span class="lbl">NIP</span><span class="hash">${esc(d.nip)}</span>
<span class="lbl">Dari</span>${esc(d.fromPosition)}${d.fromUnit ? ` — ${esc(d.fromUnit)}` : ''}
<span class="lbl">Ke</span>${esc(d.toPosition)}${d.toUnit ? ` — ${esc(d.toUnit)}` : ''}
<span class="lbl">TMT</span>${esc(tanggalIso(d.effectiveDate))}
<span class="lbl">Status</span>${d.stands ? '<span class="status-ok">Masih berlaku</span>' : `<span class="status-no">Tidak berlaku lagi</span> — ${esc(d.why ?? '')}`}
</div>`,
    )
    .join('\n');
  const hashes = v.issues.length
    ? v.issues.map((i) => `<div class="hash">${esc(i.sha256)}</div><small>diterbitkan ${esc(wib(i.issuedAt))}</small>`).join('\n')
    : '<small>Belum ada berkas yang tercatat diterbitkan.</small>';
  const check = v.check
    ? v.check.matches
      ? `<div class="kartu ok" id="hasil"><b class="status-ok">Cocok.</b> Berkas dengan SHA-256 <span class="hash">${esc(v.check.sha256)}</span> adalah berkas yang diterbitkan.</div>`
      : `<div class="kartu tidak" id="hasil"><b class="status-no">Tidak cocok.</b> SHA-256 <span class="hash">${esc(v.check.sha256)}</span> tidak sama dengan berkas mana pun yang diterbitkan untuk dokumen ini: berkas itu telah diubah atau bukan dokumen ini.</div>`
    : '';
  const body = `<h1>Verifikasi Dokumen Mutasi</h1>
<div class="kartu ${allStand ? 'ok' : 'tidak'}">
<span class="lbl">Dokumen</span>${esc(v.title)}
<span class="lbl">Nomor</span>${esc(v.number)}
<span class="lbl">Tanggal</span>${esc(tanggalIso(v.issuedOn))}
<span class="lbl">Keadaan</span>${allStand ? '<span class="status-ok">Tercatat resmi; keputusan masih berlaku</span>' : '<span class="status-no">Tercatat resmi, tetapi ada keputusan yang tidak berlaku lagi</span>'}
</div>
${check}
<h2 style="font-size:1.1rem">Keputusan (${v.decisions.length})</h2>
${decisions}
<div class="kartu info">
<span class="lbl">SHA-256 berkas yang diterbitkan</span>
${hashes}
</div>
<form class="kartu info" method="get" action="/verifikasi/${esc(token)}#hasil">
<label for="sha256" style="display:block"><b>Periksa berkas Anda</b></label>
<small>Tempel SHA-256 berkas .docx yang Anda terima (Windows: <code>certutil -hashfile berkas.docx SHA256</code>; Linux/Mac: <code>sha256sum berkas.docx</code>).</small>
<input type="text" id="sha256" name="sha256" maxlength="64" pattern="[0-9A-Fa-f ]{64,80}" placeholder="64 karakter heksadesimal" value="${esc(v.check?.sha256 ?? '')}">
<button type="submit">Periksa</button>
</form>
<p><small>Halaman ini menampilkan data dari catatan resmi mutasi. NIP ditampilkan sebagian untuk melindungi data pribadi.</small></p>`;
  return page(`Verifikasi ${v.number}`, body);
}

export function renderNotFoundHtml(): string {
  return page(
    'Dokumen tidak ditemukan',
    `<h1>Dokumen tidak ditemukan</h1>
<div class="kartu tidak">Kode verifikasi ini tidak dikenal. Dokumen yang membawanya <b>tidak</b> diterbitkan dari catatan resmi mutasi, atau alamatnya salah ketik. Pindai ulang kode QR pada dokumen, atau tanyakan ke BKPSDM.</div>`,
  );
}

export function renderBadHashHtml(token: string): string {
  return page(
    'SHA-256 tidak sah',
    `<h1>SHA-256 tidak sah</h1>
<div class="kartu tidak">SHA-256 harus 64 karakter 0–9 dan a–f. <a href="/verifikasi/${esc(token)}">Kembali ke halaman verifikasi</a>.</div>`,
  );
}

export function renderLinkExpiredHtml(): string {
  return page(
    'Tautan unduhan tidak berlaku',
    `<h1>Tautan unduhan tidak berlaku</h1>
<div class="kartu tidak">Tautan unduhan dokumen berlaku 10 menit dan tautan ini sudah kedaluwarsa atau salah. Buat tautan baru dari add-in (panel Sinkron → Dokumen keputusan).</div>`,
  );
}
