/** Writes docs/api.md from the OpenAPI document: `npx tsx scripts/docs-api.ts`. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '../sync-server/server/openapi';
import { openApiMarkdown } from '../sync-server/server/openapi-markdown';

const out = path.join(__dirname, '..', 'docs', 'api.md');
writeFileSync(out, openApiMarkdown(openApiDocument() as Record<string, unknown> as never));
console.log(`ditulis: ${path.relative(process.cwd(), out)}`);
