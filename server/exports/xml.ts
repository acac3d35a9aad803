/**
 * Text in XML 1.0 documents (KML, GPX). XML cannot carry most control characters even escaped, nor
 * lone surrogates: those become U+FFFD so the document stays well-formed.
 */

/** Code points XML 1.0 cannot carry (section 2.2), and UTF-16 surrogates without their pair. */
function isInvalid(code: number, text: string, at: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code === 0xfffe || code === 0xffff) return true;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(at + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(at - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

function replaceInvalid(text: string): string {
  let out = '';
  let from = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    // The common case (printable ASCII and most of the BMP) costs one comparison per character.
    if (code >= 0x20 && code < 0xd800) continue;
    if (!isInvalid(code, text, at)) continue;
    out += `${text.slice(from, at)}\uFFFD`;
    from = at + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

const SPECIAL = /[&<>"']/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function xmlText(text: string): string {
  return replaceInvalid(text).replace(SPECIAL, (c) => ENTITIES[c]!);
}

/** An XML element name from a field name: letters, digits, `_`, `-`, `.`; never starting with a digit. */
export function xmlName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(clean) && !/^xml/i.test(clean) ? clean : `_${clean}`;
}
