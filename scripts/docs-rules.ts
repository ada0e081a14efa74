/** Writes docs/rules.md from the rule table (shared/rules/catalogue.ts): `npx tsx scripts/docs-rules.ts`. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { rulesMarkdown } from '../shared/rules/catalogue';

const out = path.join(__dirname, '..', 'docs', 'rules.md');
writeFileSync(out, rulesMarkdown());
console.log(`ditulis: ${path.relative(process.cwd(), out)}`);
