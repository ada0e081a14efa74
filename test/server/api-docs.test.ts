/** docs/api.md is generated from the OpenAPI document and must be its current output. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '../../sync-server/server/openapi';
import { openApiMarkdown } from '../../sync-server/server/openapi-markdown';

describe('docs/api.md', () => {
  it('is the current output of scripts/docs-api.ts (npx tsx scripts/docs-api.ts)', () => {
    const file = readFileSync(path.join(__dirname, '..', '..', 'docs', 'api.md'), 'utf8');
    assert.equal(file, openApiMarkdown(openApiDocument() as never), 'docs/api.md is stale: run npx tsx scripts/docs-api.ts');
  });

  it('names every path and method of the document, and every schema', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    const md = openApiMarkdown(doc as never);
    for (const [p, item] of Object.entries(doc.paths)) for (const m of Object.keys(item)) assert.ok(md.includes(`### \`${m.toUpperCase()} ${p}\``), `${m} ${p}`);
    for (const name of Object.keys(doc.components.schemas)) assert.ok(md.includes(`### ${name}\n`), name);
    assert.match(md, /\| `status` \| `"recorded"` \| ya \|/);
  });
});
