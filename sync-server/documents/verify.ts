/**
 * GET /verifikasi/<token>: what a phone sees after scanning a document's QR code. Public, like
 * /pengumuman and with its masking (NIP middle digits hidden): the kind and number of the document, its
 * date, the SHA-256 of each issue, the decision(s) it is about and whether each still stands (no later
 * decision for that person, and the record still has them in that post). `?sha256=` (or the form on the
 * page) compares a file's hash with the issued ones: a changed document does not match.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connect';
import { maskNip } from '../server/pengumuman/mask';
import { tanggalIso } from './data';
import type { DocumentRow } from './issue';
import { KIND_TITLE, type DocumentKind } from './placeholders';

export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/;

export type PageLang = 'id' | 'en';

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
  /** Why not, when it does not stand (Indonesian). */
  why: string | null;
  /** The later decision that replaced it, if that is why. */
  supersededBy: string | null;
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
    const supersededBy = newer.length > 0 ? newer[newer.length - 1]! : null;
    if (supersededBy) why = `digantikan oleh keputusan ${supersededBy}`;
    else if (r.now_code !== r.to_code) why = 'catatan resmi kini mencatat pegawai ini pada jabatan lain';
    return {
      recordNo: r.record_no!, name: r.name!, nip: maskNip(r.nip!), fromPosition: r.from_name ?? r.from_code!, fromUnit: r.from_unit ?? '',
      toPosition: r.to_name ?? r.to_code!, toUnit: r.to_unit ?? '', effectiveDate: r.effective_date!, stands: why === null, why, supersededBy,
    };
  });
  const wanted = sha256?.trim().toLowerCase() ?? null;
  return {
    kind: doc.kind, title: KIND_TITLE[doc.kind], number: doc.number, issuedOn: doc.issued_on, issues, decisions,
    check: wanted ? { sha256: wanted, matches: issues.some((i) => i.sha256 === wanted) } : null,
  };
}

const WIB = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2 Januari 2027" / "2 January 2027". */
function dateText(iso: string, lang: PageLang): string {
  if (lang === 'id') return tanggalIso(iso);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS_EN[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** "8 Desember 2026 pukul 01.12 WIB" / "8 December 2026, 01:12 WIB". */
function wib(iso: string, lang: PageLang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(WIB.formatToParts(d).map((p) => [p.type, p.value]));
  const hour = parts.hour === '24' ? '00' : parts.hour;
  const day = dateText(`${parts.year}-${parts.month}-${parts.day}`, lang);
  return lang === 'id' ? `${day} pukul ${hour}.${parts.minute} WIB` : `${day}, ${hour}:${parts.minute} WIB`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const TITLE_EN: Record<DocumentKind, string> = {
  sk: 'Decree (SK) on the transfer of civil servants',
  petikan: 'Extract of the decree (Petikan SK)',
  penjelasan: 'Letter explaining the transfer (Surat Penjelasan Mutasi)',
  spmt: 'Statement of taking up duty (SPMT)',
};

/** The page's words. Indonesian first; English with ?lang=en (the switch at the top of every page). */
const T = {
  id: {
    heading: 'Verifikasi Dokumen Mutasi',
    switchTo: 'English',
    document: 'Dokumen', number: 'Nomor', date: 'Tanggal', state: 'Keadaan',
    allStand: 'Tercatat resmi; keputusan masih berlaku',
    notAllStand: 'Tercatat resmi, tetapi ada keputusan yang tidak berlaku lagi',
    decisions: (n: number) => `Keputusan (${n})`,
    recordNo: 'No. Catatan', name: 'Nama', nip: 'NIP', from: 'Dari', to: 'Ke', tmt: 'TMT', status: 'Status',
    stands: 'Masih berlaku', notStands: 'Tidak berlaku lagi',
    supersededBy: (r: string) => `digantikan oleh keputusan ${r}`,
    elsewhere: 'catatan resmi kini mencatat pegawai ini pada jabatan lain',
    issuedHashes: 'SHA-256 berkas yang diterbitkan',
    issuedAt: (w: string) => `diterbitkan ${w}`,
    noIssues: 'Belum ada berkas yang tercatat diterbitkan.',
    matchTitle: 'Cocok.',
    match: (h: string) => `Berkas dengan SHA-256 <span class="hash">${h}</span> adalah berkas yang diterbitkan.`,
    noMatchTitle: 'Tidak cocok.',
    noMatch: (h: string) => `SHA-256 <span class="hash">${h}</span> tidak sama dengan berkas mana pun yang diterbitkan untuk dokumen ini: berkas itu telah diubah atau bukan dokumen ini.`,
    fileHeading: 'Periksa berkas Anda',
    fileHelp: 'Pilih berkas .docx yang Anda terima. Sidik SHA-256-nya dihitung di perangkat ini; berkasnya tidak dikirim ke mana pun.',
    fileLabel: 'Berkas dokumen',
    reading: 'Menghitung SHA-256…',
    fileMatch: 'Cocok: berkas ini sama persis dengan dokumen yang diterbitkan.',
    fileMatchDetail: '“{berkas}” tidak diubah sejak diterbitkan.',
    fileNoMatch: 'Tidak cocok: berkas ini BUKAN berkas yang diterbitkan.',
    fileNoMatchDetail: '“{berkas}” telah diubah (walau satu huruf) atau bukan dokumen ini. Mintalah salinan resmi ke BKPSDM.',
    hashLabel: 'SHA-256 berkas:',
    tooBig: 'Berkas terlalu besar untuk sebuah dokumen (lebih dari 50 MB):',
    unreadable: 'Berkas tidak dapat dibaca:',
    hashHeading: 'Atau tempel SHA-256 berkasnya',
    hashHelp: 'Windows: <code>certutil -hashfile berkas.docx SHA256</code>; Linux/Mac: <code>sha256sum berkas.docx</code>.',
    hashPlaceholder: '64 karakter heksadesimal',
    check: 'Periksa',
    footer: 'Halaman ini menampilkan data dari catatan resmi mutasi. NIP ditampilkan sebagian untuk melindungi data pribadi.',
    notFoundTitle: 'Dokumen tidak ditemukan',
    notFound: 'Kode verifikasi ini tidak dikenal. Dokumen yang membawanya <b>tidak</b> diterbitkan dari catatan resmi mutasi, atau alamatnya salah ketik. Pindai ulang kode QR pada dokumen, atau tanyakan ke BKPSDM.',
    badHashTitle: 'SHA-256 tidak sah',
    badHash: (back: string) => `SHA-256 harus 64 karakter 0–9 dan a–f. <a href="${back}">Kembali ke halaman verifikasi</a>.`,
    title: (kind: DocumentKind) => KIND_TITLE[kind],
  },
  en: {
    heading: 'Verification of a transfer document',
    switchTo: 'Bahasa Indonesia',
    document: 'Document', number: 'Number', date: 'Date', state: 'State',
    allStand: 'In the official record; the decisions still stand',
    notAllStand: 'In the official record, but a decision no longer stands',
    decisions: (n: number) => `Decisions (${n})`,
    recordNo: 'Record no.', name: 'Name', nip: 'NIP', from: 'From', to: 'To', tmt: 'Effective (TMT)', status: 'Status',
    stands: 'Still stands', notStands: 'No longer stands',
    supersededBy: (r: string) => `replaced by decision ${r}`,
    elsewhere: 'the official record now has this employee in another position',
    issuedHashes: 'SHA-256 of the issued files',
    issuedAt: (w: string) => `issued ${w}`,
    noIssues: 'No issued file has been recorded yet.',
    matchTitle: 'Matches.',
    match: (h: string) => `The file with SHA-256 <span class="hash">${h}</span> is the issued file.`,
    noMatchTitle: 'Does not match.',
    noMatch: (h: string) => `SHA-256 <span class="hash">${h}</span> is not that of any file issued for this document: the file was changed or is not this document.`,
    fileHeading: 'Check your file',
    fileHelp: 'Choose the .docx file you received. Its SHA-256 is computed on this device; the file is not sent anywhere.',
    fileLabel: 'Document file',
    reading: 'Computing SHA-256…',
    fileMatch: 'Matches: this file is exactly the issued document.',
    fileMatchDetail: '“{berkas}” has not been changed since it was issued.',
    fileNoMatch: 'Does not match: this file is NOT the issued file.',
    fileNoMatchDetail: '“{berkas}” was changed (even by one letter) or is not this document. Ask BKPSDM for an official copy.',
    hashLabel: 'SHA-256 of the file:',
    tooBig: 'The file is too large for a document (over 50 MB):',
    unreadable: 'The file cannot be read:',
    hashHeading: 'Or paste the file’s SHA-256',
    hashHelp: 'Windows: <code>certutil -hashfile file.docx SHA256</code>; Linux/Mac: <code>sha256sum file.docx</code>.',
    hashPlaceholder: '64 hexadecimal characters',
    check: 'Check',
    footer: 'This page shows data from the official transfer record. NIPs are shown in part to protect personal data.',
    notFoundTitle: 'Document not found',
    notFound: 'This verification code is unknown. The document carrying it was <b>not</b> issued from the official transfer record, or the address was mistyped. Scan the document’s QR code again, or ask BKPSDM.',
    badHashTitle: 'Invalid SHA-256',
    badHash: (back: string) => `A SHA-256 is 64 characters 0–9 and a–f. <a href="${back}">Back to the verification page</a>.`,
    title: (kind: DocumentKind) => TITLE_EN[kind],
  },
} as const;

/** Where the page's script is served (routes/documents.ts); 'self' under the page's CSP. */
export const VERIFY_SCRIPT_PATH = '/verifikasi/periksa-berkas.js';

let script: string | null = null;
/** The page's script (verify-page.js), read once. */
export function verifyScript(): string {
  return (script ??= readFileSync(path.join(__dirname, 'verify-page.js'), 'utf8'));
}

/**
 * The verification pages' own Content-Security-Policy, stricter than the server's: nothing but this
 * server's script, the page's one <style> (by nonce), and connect-src 'none' — the file being checked
 * cannot be sent anywhere from this page, whatever runs in it.
 */
export function verificationCsp(nonce: string, secure: boolean): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    ...(secure ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fafafa;line-height:1.45;max-width:56rem}
h1{font-size:1.35rem;margin:0 0 .5rem}
h2{font-size:1.1rem;margin:1rem 0 .25rem}
.bahasa{float:right;font-size:.85rem;margin-left:1rem}
.kartu{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
.ok{border-left:6px solid #107c10}.tidak{border-left:6px solid #c50f1f}.info{border-left:6px solid #0f6cbd}
.lbl{font-size:.75rem;color:#555;font-weight:600;display:block}
.hash{font-family:ui-monospace,Consolas,monospace;word-break:break-all;font-size:.85rem}
.status-ok{color:#107c10;font-weight:700}.status-no{color:#c50f1f;font-weight:700}
.judul{display:block;font-weight:700;margin-bottom:.25rem}
input[type=text]{width:100%;box-sizing:border-box;font-family:ui-monospace,Consolas,monospace;padding:.4rem;font-size:.85rem}
input[type=file]{display:block;margin:.5rem 0;max-width:100%;font-size:1rem}
button{margin-top:.5rem;padding:.45rem 1rem;background:#0f6cbd;color:#fff;border:0;border-radius:4px;font-size:1rem}
small{color:#555}`;

interface PageOptions {
  lang: PageLang;
  nonce: string;
  /** The address of this page in the other language (the switch); none on a page in one language only. */
  other?: string;
  script?: boolean;
}

function page(title: string, body: string, o: PageOptions): string {
  return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style nonce="${esc(o.nonce)}">${STYLE}</style>
${o.script ? `<script src="${VERIFY_SCRIPT_PATH}" defer></script>\n` : ''}</head>
<body>
<main>
${o.other !== undefined ? `<a class="bahasa" id="bahasa" href="${esc(o.other)}" hreflang="${o.lang === 'id' ? 'en' : 'id'}" lang="${o.lang === 'id' ? 'en' : 'id'}">${T[o.lang].switchTo}</a>\n` : ''}${body}
</main>
</body>
</html>
`;
}

/** This page's address with the other language (and the same hash, if one was given). */
export function switchHref(token: string, lang: PageLang, sha256: string | null): string {
  const q = new URLSearchParams();
  if (sha256) q.set('sha256', sha256);
  if (lang === 'id') q.set('lang', 'en');
  const s = q.toString();
  return `/verifikasi/${token}${s ? `?${s}` : ''}`;
}

export function renderVerificationHtml(v: Verification, token: string, o: { lang?: PageLang; nonce: string }): string {
  const lang = o.lang ?? 'id';
  const t = T[lang];
  const allStand = v.decisions.every((d) => d.stands);
  const why = (d: VerifiedDecision) => (d.supersededBy ? t.supersededBy(d.supersededBy) : t.elsewhere);
  const decisions = v.decisions
    .map(
      (d) => `<div class="kartu ${d.stands ? 'ok' : 'tidak'}">
<span class="lbl">${t.recordNo}</span>${esc(d.recordNo)}
<span class="lbl">${t.name}</span>${esc(d.name)}
<span class="lbl">${t.nip}</span><span class="hash">${esc(d.nip)}</span>
<span class="lbl">${t.from}</span>${esc(d.fromPosition)}${d.fromUnit ? ` — ${esc(d.fromUnit)}` : ''}
<span class="lbl">${t.to}</span>${esc(d.toPosition)}${d.toUnit ? ` — ${esc(d.toUnit)}` : ''}
<span class="lbl">${t.tmt}</span>${esc(dateText(d.effectiveDate, lang))}
<span class="lbl">${t.status}</span>${d.stands ? `<span class="status-ok">${t.stands}</span>` : `<span class="status-no">${t.notStands}</span> — ${esc(why(d))}`}
</div>`,
    )
    .join('\n');
  const hashes = v.issues.length
    ? v.issues.map((i) => `<div class="hash" data-sha256="${esc(i.sha256)}">${esc(i.sha256)}</div><small>${esc(t.issuedAt(wib(i.issuedAt, lang)))}</small>`).join('\n')
    : `<small>${t.noIssues}</small>`;
  const check = v.check
    ? v.check.matches
      ? `<div class="kartu ok" id="hasil" role="status"><b class="status-ok">${t.matchTitle}</b> ${t.match(esc(v.check.sha256))}</div>`
      : `<div class="kartu tidak" id="hasil" role="status"><b class="status-no">${t.noMatchTitle}</b> ${t.noMatch(esc(v.check.sha256))}</div>`
    : '';
  const data = (k: string, s: string) => `data-${k}="${esc(s)}"`;
  // The file picker: hidden until the script runs (without JavaScript the hash form below does the job).
  const picker = `<section class="kartu info" id="periksa-berkas" hidden ${[
    data('reading', t.reading), data('match', t.fileMatch), data('match-detail', t.fileMatchDetail), data('no-match', t.fileNoMatch),
    data('no-match-detail', t.fileNoMatchDetail), data('hash-label', t.hashLabel), data('too-big', t.tooBig), data('unreadable', t.unreadable),
  ].join(' ')}>
<label for="berkas" class="judul">${t.fileHeading}</label>
<small>${t.fileHelp}</small>
<input type="file" id="berkas" aria-label="${esc(t.fileLabel)}" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document">
<div id="hasil-berkas" class="kartu info" role="status" aria-live="polite" hidden></div>
</section>`;
  const body = `<h1>${t.heading}</h1>
<div class="kartu ${allStand ? 'ok' : 'tidak'}">
<span class="lbl">${t.document}</span>${esc(t.title(v.kind))}
<span class="lbl">${t.number}</span>${esc(v.number)}
<span class="lbl">${t.date}</span>${esc(dateText(v.issuedOn, lang))}
<span class="lbl">${t.state}</span>${allStand ? `<span class="status-ok">${t.allStand}</span>` : `<span class="status-no">${t.notAllStand}</span>`}
</div>
${check}
${picker}
<form class="kartu info" method="get" action="/verifikasi/${esc(token)}#hasil">
<label for="sha256" class="judul">${v.issues.length ? t.hashHeading : t.fileHeading}</label>
<small>${t.hashHelp}</small>
<input type="text" id="sha256" name="sha256" maxlength="64" pattern="[0-9A-Fa-f ]{64,80}" placeholder="${esc(t.hashPlaceholder)}" autocomplete="off" spellcheck="false" value="${esc(v.check?.sha256 ?? '')}">
${lang === 'en' ? '<input type="hidden" name="lang" value="en">' : ''}
<button type="submit">${t.check}</button>
</form>
<h2>${t.decisions(v.decisions.length)}</h2>
${decisions}
<div class="kartu info">
<span class="lbl">${t.issuedHashes}</span>
${hashes}
</div>
<p><small>${t.footer}</small></p>`;
  return page(`${lang === 'id' ? 'Verifikasi' : 'Verification'} ${v.number}`, body, { lang, nonce: o.nonce, other: switchHref(token, lang, v.check?.sha256 ?? null), script: true });
}

export function renderNotFoundHtml(o: { lang?: PageLang; nonce: string; token?: string }): string {
  const lang = o.lang ?? 'id';
  const t = T[lang];
  return page(t.notFoundTitle, `<h1>${t.notFoundTitle}</h1>
<div class="kartu tidak">${t.notFound}</div>`, { lang, nonce: o.nonce, other: lang === 'id' ? '?lang=en' : '?' });
}

export function renderBadHashHtml(token: string, o: { lang?: PageLang; nonce: string }): string {
  const lang = o.lang ?? 'id';
  const t = T[lang];
  const back = `/verifikasi/${esc(token)}${lang === 'en' ? '?lang=en' : ''}`;
  return page(t.badHashTitle, `<h1>${t.badHashTitle}</h1>
<div class="kartu tidak">${t.badHash(back)}</div>`, { lang, nonce: o.nonce, other: switchHref(token, lang, null) });
}

export function renderLinkExpiredHtml(nonce: string): string {
  return page(
    'Tautan unduhan tidak berlaku',
    `<h1>Tautan unduhan tidak berlaku</h1>
<div class="kartu tidak">Tautan unduhan dokumen berlaku 10 menit dan tautan ini sudah kedaluwarsa atau salah. Buat tautan baru dari add-in (panel Sinkron → Dokumen keputusan).</div>`,
    { lang: 'id', nonce },
  );
}
