/**
 * Excel keeps an add-in's workbook settings (Office.context / workbook.settings) inside the .xlsx, in the
 * web-extension parts (xl/webextensions/webextension*.xml, <we:property name value/>, each value JSON), and
 * binds the add-in to the file there. The browser host's surgical writer copies these parts byte for
 * byte; this module reads our part's settings when the browser host opens a file (they become the browser
 * host's, so the office shares one mapping whatever it opens the file with) and rewrites that one part's
 * properties, with the settings as they are now, when it saves.
 */
const DIR = 'xl/webextensions/';

/** This add-in's id in manifest.xml: its web-extension part is the one whose reference names it. */
export const ADDIN_ID = '7d3f8a52-4c1e-4b8e-9a0d-2f6b1c5e9a41';

const unescapeXml = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : null;
};

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

/** Our web-extension part (the one naming this add-in) and its settings, from an open package; null when Excel never attached the add-in. */
export function webExtensionSettings(pkg: { names(): string[]; text(name: string): string | null }): { part: string; settings: Record<string, unknown> } | null {
  for (const n of pkg.names()) {
    if (!n.startsWith(DIR) || !/webextension\d*\.xml$/.test(n)) continue;
    const xml = pkg.text(n) ?? '';
    const ref = /<we:reference\b[^>]*>/.exec(xml)?.[0];
    if (!ref || !(attr(ref, 'id') ?? '').toLowerCase().includes(ADDIN_ID)) continue;
    const settings: Record<string, unknown> = {};
    for (const m of xml.matchAll(/<we:property\b[^>]*\/>/g)) {
      const name = attr(m[0], 'name');
      const value = attr(m[0], 'value');
      if (name === null || value === null) continue;
      try {
        settings[name] = JSON.parse(value);
      } catch {
        settings[name] = value;
      }
    }
    return { part: n, settings };
  }
  return null;
}

/** Our web-extension part with its properties rewritten from the settings as they are now. */
export function webExtensionWithSettings(xml: string, settings: Record<string, unknown>): string {
  return withSettings(xml, settings);
}
