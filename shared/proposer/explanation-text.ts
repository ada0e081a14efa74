/**
 * The proposer's explanation of a move, as `propose` writes it into the Usulan row's Hasil Pemeriksaan
 * (words.ts moveLine / daruratLine: "Usulan otomatis (mutasi propose): skor 83,50 = JPM 50,00 + kinerja
 * 15,00 + … . Perlu perhatian: …"), recognised and told in plain Indonesian for the person moved — the
 * Surat Penjelasan Mutasi's "why this move" (docs/documents.md). The score's parts say what weighed; the
 * reviewers' notes ("Perlu perhatian", seat dependencies) are for the office, not for the letter.
 */

const PREFIXES: { re: RegExp; darurat: boolean; lang: 'id' | 'en' }[] = [
  { re: /^Usulan otomatis \(mutasi propose\):\s*/, darurat: false, lang: 'id' },
  { re: /^Usulan Darurat \(mutasi propose --darurat\):\s*/, darurat: true, lang: 'id' },
  { re: /^Proposed automatically \(mutasi propose\):\s*/, darurat: false, lang: 'en' },
  { re: /^Emergency proposal \(mutasi propose --darurat\):\s*/, darurat: true, lang: 'en' },
];

/** Whether a Hasil Pemeriksaan text is the proposer's explanation (and not a check's verdict). */
export function isProposerExplanation(text: string): boolean {
  const t = text.trim();
  return PREFIXES.some((p) => p.re.test(t));
}

const ANYWHERE = new RegExp(PREFIXES.map((p) => p.re.source.replace(/^\^/, '').replace(/\\s\*$/, '')).join('|'));

/**
 * The proposer's explanation inside a Hasil Pemeriksaan text: the whole text when `propose` wrote it, or
 * the part a check kept after its verdict ("OK — Usulan otomatis (mutasi propose): …", see
 * `withProposerExplanation`); null when there is none.
 */
export function proposerExplanationIn(text: string | null | undefined): string | null {
  const t = (text ?? '').trim();
  const m = ANYWHERE.exec(t);
  return m ? t.slice(m.index).trim() : null;
}

/** A check's verdict for a row, keeping the proposer's explanation the cell held (the Surat Penjelasan needs it). */
export function withProposerExplanation(verdict: string, previous: string | null | undefined): string {
  const kept = proposerExplanationIn(previous);
  return kept ? `${verdict} — ${kept}` : verdict;
}

type Part = 'jpm' | 'performance' | 'rotation' | 'preference' | 'major' | 'newVacancy';

const LABELS: Record<string, Part> = {
  jpm: 'jpm', kinerja: 'performance', rotasi: 'rotation', minat: 'preference', jurusan: 'major', 'lowongan baru': 'newVacancy',
  performance: 'performance', rotation: 'rotation', preference: 'preference', major: 'major', 'new vacancy': 'newVacancy',
};

/** Why each part of the score speaks for the move, as the letter says it to the person. */
const BECAUSE: Record<Exclude<Part, 'newVacancy'>, string> = {
  jpm: 'kompetensi Saudara sesuai dengan standar kompetensi jabatan ini',
  performance: 'kinerja Saudara dinilai baik',
  rotation: 'Saudara sudah cukup lama pada jabatan sebelumnya sehingga perlu penyegaran tugas',
  preference: 'unit kerja ini termasuk unit yang Saudara minati',
  major: 'jurusan pendidikan Saudara sesuai dengan jabatan ini',
};

/** "83,50" (id) or "83.50" (en) → 83.5. */
function numberOf(s: string, lang: 'id' | 'en'): number {
  const plain = lang === 'id' ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  return Number(plain);
}

/**
 * The score's parts from the proposer's line ("skor 83,50 = JPM 50,00 + kinerja 15,00 − lowongan baru
 * 20,00"), each with its sign; null when the text is not a proposer line or has no parts.
 */
export function explanationParts(text: string): { darurat: boolean; parts: { part: Part; value: number }[] } | null {
  const t = text.trim();
  const prefix = PREFIXES.find((p) => p.re.test(t));
  if (!prefix) return null;
  const rest = t.replace(prefix.re, '');
  const eq = rest.indexOf('=');
  if (eq < 0) return null;
  // The sum ends at the sentence's full stop: ". " (or the end) after the last number.
  const sum = rest.slice(eq + 1).split(/\.\s|\.$/)[0]!;
  const parts: { part: Part; value: number }[] = [];
  const re = /([+−-])?\s*(JPM|kinerja|rotasi|minat|jurusan|lowongan baru|performance|rotation|preference|major|new vacancy)\s+([\d.,]+)/gi;
  for (const m of sum.matchAll(re)) {
    const part = LABELS[m[2]!.toLowerCase()];
    const value = numberOf(m[3]!, prefix.lang);
    if (!part || !Number.isFinite(value)) continue;
    parts.push({ part, value: m[1] === '−' || m[1] === '-' ? -value : value });
  }
  return parts.length > 0 ? { darurat: prefix.darurat, parts } : null;
}

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')}${xs.length > 2 ? ',' : ''} dan ${xs[xs.length - 1]}`);

/**
 * The proposer's explanation as the letter tells it: for a proposer line, what weighed in the score
 * (largest first) in plain Indonesian; any other explanation (written by a person) as written; null when
 * there is none.
 */
export function plainExplanation(text: string | null | undefined): string | null {
  const t = (text ?? '').trim();
  if (!t) return null;
  if (!isProposerExplanation(t)) return t;
  const e = explanationParts(t);
  const reasons = (e?.parts ?? [])
    .filter((p): p is { part: Exclude<Part, 'newVacancy'>; value: number } => p.part !== 'newVacancy' && p.value > 0)
    .sort((a, b) => b.value - a.value)
    .map((p) => BECAUSE[p.part]);
  if (reasons.length === 0) return null;
  const first = e!.darurat ? 'Penugasan ini diperlukan segera untuk menangani keadaan darurat pada unit kerja baru. ' : '';
  return `${first}Saudara diusulkan untuk jabatan ini melalui penilaian kesesuaian yang sama bagi semua pegawai, terutama karena ${list(reasons)}.`;
}
