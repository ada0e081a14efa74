/**
 * Excel keeps an add-in's workbook settings (Office.context / workbook.settings) inside the .xlsx, in the
 * web-extension parts (xl/webextensions/webextension*.xml, <we:property name value/>, each value JSON), and
 * binds the add-in to the file there. exceljs does not know these parts and drops them on save, so a file
 * that went through the browser host would come back to Excel without its column mapping, its marks, its
 * workbook id — and without the add-in attached. This module reads those parts when the browser host opens
 * a file (their settings become the browser host's, so the office shares one mapping whatever it opens the
 * file with) and puts them back, with the settings as they are now, into what exceljs saves.
 */
import type JSZipNs from 'jszip';

type JSZip = typeof JSZipNs;
type Zip = InstanceType<JSZip>;

const DIR = 'xl/webextensions/';

/** This add-in's id in manifest.xml: its web-extension part is the one whose reference names it. */
export const ADDIN_ID = '7d3f8a52-4c1e-4b8e-9a0d-2f6b1c5e9a41';

export interface WebExtensionParts {
  /** Every file under xl/webextensions/ (web extensions, task panes, their rels), as text. */
  files: Map<string, string>;
  /** Content-type overrides for those parts, from [Content_Types].xml. */
  overrides: string[];
  /** Package relationships (_rels/.rels) pointing into xl/webextensions/. */
  relationships: string[];
  /** The part holding this add-in's settings, or null when Excel never attached it. */
  ours: string | null;
  /** Its settings, values parsed from JSON. */
  settings: Record<string, unknown>;
}

let loading: Promise<JSZip> | null = null;
function loadJSZip(): Promise<JSZip> {
  loading ??= import(/* webpackChunkName: "exceljs" */ 'jszip').then((m) => ((m as unknown as { default?: JSZip }).default ?? (m as unknown as JSZip)));
  return loading;
}

const unescapeXml = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : null;
};

/** The web-extension parts of an .xlsx, or null when it has none. */
export async function readWebExtensions(data: ArrayBuffer): Promise<WebExtensionParts | null> {
  const JSZip = await loadJSZip();
  const zip = await JSZip.loadAsync(data);
  const names = Object.keys(zip.files).filter((f) => f.startsWith(DIR) && !zip.files[f]!.dir);
  if (names.length === 0) return null;
  const files = new Map<string, string>();
  for (const n of names) files.set(n, await zip.file(n)!.async('string'));
  const types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  const overrides = [...types.matchAll(/<Override\b[^>]*\/>/g)].map((m) => m[0]).filter((o) => (attr(o, 'PartName') ?? '').startsWith(`/${DIR}`));
  const rels = (await zip.file('_rels/.rels')?.async('string')) ?? '';
  const relationships = [...rels.matchAll(/<Relationship\b[^>]*\/>/g)].map((m) => m[0]).filter((r) => (attr(r, 'Target') ?? '').replace(/^\//, '').startsWith(DIR));
  let ours: string | null = null;
  for (const [n, xml] of files) {
    if (!/webextension\d*\.xml$/.test(n)) continue;
    const ref = /<we:reference\b[^>]*>/.exec(xml)?.[0];
    if (ref && (attr(ref, 'id') ?? '').toLowerCase().includes(ADDIN_ID)) ours = n;
  }
  const settings: Record<string, unknown> = {};
  if (ours) {
    for (const m of files.get(ours)!.matchAll(/<we:property\b[^>]*\/>/g)) {
      const name = attr(m[0], 'name');
      const value = attr(m[0], 'value');
      if (name === null || value === null) continue;
      try {
        settings[name] = JSON.parse(value);
      } catch {
        settings[name] = value;
      }
    }
  }
  return { files, overrides, relationships, ours, settings };
}

/** Our part's <we:properties> rewritten from the settings as they are now. */
function withSettings(xml: string, settings: Record<string, unknown>): string {
  const props = Object.entries(settings)
    .map(([k, v]) => `<we:property name="${escapeXml(k)}" value="${escapeXml(JSON.stringify(v))}"/>`)
    .join('');
  const block = `<we:properties>${props}</we:properties>`;
  if (/<we:properties\s*\/>/.test(xml)) return xml.replace(/<we:properties\s*\/>/, block);
  if (/<we:properties>[\s\S]*?<\/we:properties>/.test(xml)) return xml.replace(/<we:properties>[\s\S]*?<\/we:properties>/, block);
  // No properties element yet: it follows the reference (and alternate references / bindings order is kept by Excel).
  return xml.replace(/(<we:reference\b[^>]*\/>)/, `$1${block}`);
}

/** `saved` (exceljs's output) with the web-extension parts put back and our settings updated. */
export async function restoreWebExtensions(saved: ArrayBuffer, parts: WebExtensionParts, settings: Record<string, unknown>): Promise<ArrayBuffer> {
  const JSZip = await loadJSZip();
  const zip: Zip = await JSZip.loadAsync(saved);
  for (const [n, xml] of parts.files) zip.file(n, n === parts.ours ? withSettings(xml, settings) : xml);
  let types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  const missing = parts.overrides.filter((o) => !types.includes(`PartName="${attr(o, 'PartName')}"`));
  if (missing.length > 0) types = types.replace('</Types>', `${missing.join('')}</Types>`);
  zip.file('[Content_Types].xml', types);
  let rels = (await zip.file('_rels/.rels')?.async('string')) ?? '';
  const taken = new Set([...rels.matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
  const added = parts.relationships
    .filter((r) => !rels.includes(`Target="${attr(r, 'Target')}"`))
    .map((r, i) => {
      let id = attr(r, 'Id') ?? `rIdWe${i + 1}`;
      for (let k = 1; taken.has(id); k++) id = `rIdWe${k}`;
      taken.add(id);
      return r.replace(/\sId="[^"]*"/, ` Id="${id}"`);
    });
  if (added.length > 0) rels = rels.replace('</Relationships>', `${added.join('')}</Relationships>`);
  zip.file('_rels/.rels', rels);
  return zip.generateAsync({ type: 'arraybuffer', compression: 'DEFLATE' });
}
