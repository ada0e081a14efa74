/**
 * Makes the pictures in docs/documents/: five recorded decisions, their documents converted by
 * LibreOffice to PDF and rendered by pdftoppm (small PNGs). Run: npx tsx test/documents/pictures.ts
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { issueDocuments } from '../../sync-server/documents/issue';
import { seedDecisions } from '../server/support/documents';
import { convert } from './support';

const OUT = path.resolve(__dirname, '..', '..', 'docs', 'documents');

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-pictures-'));
  const db = openDatabase(path.join(dir, 'mutasi.sqlite'));
  await migrateLatest(db);
  const a = await seedDecisions(db, 5);
  const files = await issueDocuments(db, { kinds: ['sk', 'petikan', 'penjelasan', 'spmt'], recordNos: a.decisions.map((d) => d.recordNo) }, { actor: 'contoh', baseUrl: 'https://mutasi.contohkab.go.id' });
  await db.close();
  const pick = [files[0]!, files.find((f) => f.kind === 'petikan')!, files.find((f) => f.kind === 'penjelasan')!, files.find((f) => f.kind === 'spmt')!];
  const names = ['sk', 'petikan', 'penjelasan', 'spmt'];
  const docx = pick.map((f, i) => {
    const p = path.join(dir, `${names[i]}.docx`);
    writeFileSync(p, f.bytes);
    return p;
  });
  const pdfs = convert(docx, 'pdf');
  mkdirSync(OUT, { recursive: true });
  pdfs.forEach((pdf, i) => {
    const base = path.join(dir, `png-${names[i]}`);
    execFileSync('pdftoppm', ['-png', '-r', '45', pdf, base]);
  });
  for (const f of readdirSync(dir).filter((f) => f.startsWith('png-') && f.endsWith('.png'))) {
    // png-sk-1.png → sk-1.png (the SK: page 1 the decree, the last page its Lampiran)
    copyFileSync(path.join(dir, f), path.join(OUT, f.replace(/^png-/, '')));
  }
  process.stdout.write(`Ditulis ke ${OUT}: ${readdirSync(OUT).join(', ')}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
