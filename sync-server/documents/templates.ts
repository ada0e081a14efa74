/**
 * Which template fills a kind of document: the office's own (kept in the official record, installed by
 * an admin after `inspectTemplate` accepted it) or the shipped default (templates/<kind>.docx, built by
 * build-templates.ts). Installing and removing are in the audit chain.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connect';
import { sha256Hex } from '../db/hash';
import { withWriter } from '../db/writer';
import { inspectTemplate, type TemplateInfo } from './render';
import type { DocumentKind } from './placeholders';

export const DEFAULT_TEMPLATE_DIR = path.join(__dirname, 'templates');

const defaults = new Map<DocumentKind, Buffer>();
export function defaultTemplate(kind: DocumentKind): Buffer {
  let b = defaults.get(kind);
  if (!b) defaults.set(kind, (b = readFileSync(path.join(DEFAULT_TEMPLATE_DIR, `${kind}.docx`))));
  return b;
}

export interface LoadedTemplate {
  kind: DocumentKind;
  bytes: Buffer;
  fileName: string;
  source: 'kantor' | 'bawaan';
  sha256: string;
  installedAt: string | null;
  actor: string | null;
}

interface TemplateRow {
  kind: string;
  content: Buffer | Uint8Array;
  sha256: string;
  file_name: string;
  installed_at: string;
  actor: string;
}

export async function loadTemplate(db: Db, kind: DocumentKind): Promise<LoadedTemplate> {
  const row = (await db.read('document_templates').where({ kind }).first()) as TemplateRow | undefined;
  if (row) {
    return { kind, bytes: Buffer.from(row.content), fileName: row.file_name, source: 'kantor', sha256: row.sha256, installedAt: row.installed_at, actor: row.actor };
  }
  const bytes = defaultTemplate(kind);
  return { kind, bytes, fileName: `${kind}.docx (bawaan)`, source: 'bawaan', sha256: sha256Hex(bytes), installedAt: null, actor: null };
}

/** Checks and keeps an office template; throws TemplateProblem (nothing kept) when it cannot be used. */
export async function installTemplate(db: Db, kind: DocumentKind, fileName: string, bytes: Buffer, actor: string): Promise<TemplateInfo & { sha256: string }> {
  const info = inspectTemplate(kind, fileName, bytes);
  const sha256 = sha256Hex(bytes);
  await withWriter(db, async (w) => {
    await w.trx('document_templates').where({ kind }).delete();
    await w.trx('document_templates').insert({ kind, content: bytes, sha256, file_name: fileName.slice(0, 255), installed_at: new Date().toISOString(), actor });
    await w.audit(actor, 'document.template.install', { kind, fileName, sha256, tags: info.tags });
  });
  return { ...info, sha256 };
}

/** Back to the shipped default. False when the office had none. */
export async function removeTemplate(db: Db, kind: DocumentKind, actor: string): Promise<boolean> {
  return withWriter(db, async (w) => {
    const n = await w.trx('document_templates').where({ kind }).delete();
    if (!n) return false;
    await w.audit(actor, 'document.template.remove', { kind });
    return true;
  });
}
