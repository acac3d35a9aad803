/**
 * Headers for the binaries the portal serves (attachments, files): a Content-Disposition that
 * survives any file name (RFC 6266: an ASCII fallback plus the UTF-8 name), and a sandbox, because
 * a publisher's SVG or HTML attachment opened from the portal's origin must not run scripts there.
 */

export function contentDisposition(type: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  if (fallback === filename) return `${type}; filename="${filename}"`;
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const SANDBOX_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
  'X-Content-Type-Options': 'nosniff',
} as const;
