/** The proposer's sentences in Indonesian and English, with each language's number format. */
import type { Lang, RuleId } from '../rules/types';
import type { ScoreParts } from './score';

const NF = {
  id: new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};
const NI = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-US') };

/** 83,5 → "83,50" (id) / "83.50" (en). */
export function num(n: number, lang: Lang): string {
  return NF[lang].format(n);
}
/** 1200 → "1.200" (id) / "1,200" (en). */
export function int(n: number, lang: Lang): string {
  return NI[lang].format(n);
}

const PART_LABEL: Record<Lang, Record<keyof ScoreParts, string>> = {
  id: { jpm: 'JPM', performance: 'kinerja', rotation: 'rotasi', preference: 'minat', major: 'jurusan', newVacancy: 'lowongan baru' },
  en: { jpm: 'JPM', performance: 'performance', rotation: 'rotation', preference: 'preference', major: 'major', newVacancy: 'new vacancy' },
};

/** "skor 83,50 = JPM 50,00 + kinerja 15,00 + rotasi 10,00 + jurusan 5,00 − lowongan baru 20,00" (zero parts left out, JPM always shown). */
export function describeScore(score: number, parts: ScoreParts, lang: Lang): string {
  const L = PART_LABEL[lang];
  const terms: string[] = [];
  for (const k of Object.keys(L) as (keyof ScoreParts)[]) {
    const v = parts[k];
    if (v === 0 && k !== 'jpm') continue;
    const sign = terms.length === 0 ? (v < 0 ? '−' : '') : v < 0 ? '− ' : '+ ';
    terms.push(`${sign}${L[k]} ${num(Math.abs(v), lang)}`);
  }
  return `${lang === 'en' ? 'score' : 'skor'} ${num(score, lang)} = ${terms.join(' ')}`;
}

export const W = {
  id: {
    moveLine: (score: string, notes: string) => `Usulan otomatis (mutasi propose): ${score}.${notes ? ` Perlu perhatian: ${notes}` : ''}`,
    daruratLine: (score: string, notes: string) => `Usulan Darurat (mutasi propose --darurat): ${score}.${notes ? ` Perlu perhatian: ${notes}` : ''}`,
    seatDependsOn: (id: string) => `Kursi ini kosong bila ${id} tercatat lebih dulu: kirim ${id} ke server sebelum baris ini.`,
    unfilledNone: 'tidak ada pegawai yang memenuhi syarat',
    unfilledEligible: (n: string, elsewhere: string, nonPos: string) =>
      `${n} pegawai memenuhi syarat, tetapi ${elsewhere} diusulkan ke jabatan lain yang memberi total skor lebih besar${nonPos !== '0' ? ` dan ${nonPos} berskor 0 atau kurang` : ''}`,
    near: (list: string) => `penghalang terbanyak pada calon yang hanya terhalang satu aturan: ${list}`,
    noNear: 'tidak ada calon yang hanya terhalang satu aturan',
    unknown: (nip: string) => `NIP ${nip} tidak ada di lembar Pegawai.`,
    proposed: (to: string, score: string) => `Diusulkan ke ${to} (${score}).`,
    active: (id: string, row: number) => `Sudah punya usulan aktif ${id} (baris ${row}); satu pegawai hanya boleh satu usulan aktif.`,
    dataError: 'Baris pegawai di lembar Pegawai masih memuat galat data; perbaiki dulu sebelum diusulkan.',
    blocked: 'Tidak dapat dimutasi pada TMT ini:',
    notChosen: (n: string) => `Memenuhi syarat untuk ${n} jabatan lowong, tetapi tidak terpilih:`,
    noVacancy: 'Tidak ada jabatan lowong yang syaratnya terpenuhi.',
    seatOutscored: (code: string, mine: string, by: string) => `${code}: skor Anda ${mine}; semua kursi diisi pegawai berskor lebih tinggi atau sama (${by}).`,
    seatFull: (code: string, mine: string, to: string) => `${code}: skor ${mine}; kursi sudah penuh, dan usulan ke ${to} memberi total lebih besar.`,
    seatElsewhere: (code: string, mine: string, to: string) => `${code}: skor ${mine}; diusulkan ke ${to} yang memberi total lebih besar.`,
    seatNonPositive: (code: string, mine: string) => `${code}: skor ${mine} (0 atau kurang): mutasi ini tidak menambah apa pun.`,
    targetNoSeat: (code: string, needed: number, after: number) => `${code}: tidak ada kursi lowong (kebutuhan ${needed}, terisi ${after} sesudah usulan aktif).`,
    targetUnknown: (code: string) => `Kode jabatan ${code} tidak ada di lembar Jabatan.`,
    targetSame: (code: string) => `${code} adalah jabatan pegawai saat ini.`,
    targetBad: (code: string) => `Baris jabatan ${code} memuat galat data.`,
    targetBlocked: (code: string) => `Mutasi ke ${code} terhalang aturan:`,
  },
  en: {
    moveLine: (score: string, notes: string) => `Proposed automatically (mutasi propose): ${score}.${notes ? ` Needs attention: ${notes}` : ''}`,
    daruratLine: (score: string, notes: string) => `Emergency proposal (mutasi propose --darurat): ${score}.${notes ? ` Needs attention: ${notes}` : ''}`,
    seatDependsOn: (id: string) => `This seat is free only if ${id} is recorded first: push ${id} to the server before this row.`,
    unfilledNone: 'nobody is eligible',
    unfilledEligible: (n: string, elsewhere: string, nonPos: string) =>
      `${n} people are eligible, but ${elsewhere} are proposed for other positions that give a larger total${nonPos !== '0' ? ` and ${nonPos} score 0 or less` : ''}`,
    near: (list: string) => `most common blocks among people blocked by a single rule: ${list}`,
    noNear: 'nobody is blocked by a single rule only',
    unknown: (nip: string) => `NIP ${nip} is not on sheet Pegawai.`,
    proposed: (to: string, score: string) => `Proposed for ${to} (${score}).`,
    active: (id: string, row: number) => `Already has an active proposal ${id} (row ${row}); one active proposal per person.`,
    dataError: "The employee's row on sheet Pegawai still has data errors; fix them before proposing.",
    blocked: 'Cannot be transferred at this date:',
    notChosen: (n: string) => `Eligible for ${n} vacant position(s), but not chosen:`,
    noVacancy: 'No vacant position whose requirements are met.',
    seatOutscored: (code: string, mine: string, by: string) => `${code}: your score ${mine}; every seat went to someone scoring at least as much (${by}).`,
    seatFull: (code: string, mine: string, to: string) => `${code}: score ${mine}; the seats are taken, and the move to ${to} gives a larger total.`,
    seatElsewhere: (code: string, mine: string, to: string) => `${code}: score ${mine}; proposed for ${to}, which gives a larger total.`,
    seatNonPositive: (code: string, mine: string) => `${code}: score ${mine} (0 or less): the move gains nothing.`,
    targetNoSeat: (code: string, needed: number, after: number) => `${code}: no vacant seat (needs ${needed}, ${after} after the active proposals).`,
    targetUnknown: (code: string) => `Position code ${code} is not on sheet Jabatan.`,
    targetSame: (code: string) => `${code} is the employee's current position.`,
    targetBad: (code: string) => `The row of position ${code} has data errors.`,
    targetBlocked: (code: string) => `The move to ${code} is blocked by:`,
  },
} as const;

export function ruleList(items: { rule: RuleId; count: number }[], lang: Lang): string {
  return items.map((x) => `${x.rule} ${int(x.count, lang)}`).join(', ');
}
