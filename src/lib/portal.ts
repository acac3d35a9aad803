/**
 * Which portal the explorer talks to. The default portal is absent from URLs: the embedded portal
 * (same origin), or the portal a build baked in (`VITE_DEFAULT_PORTAL=https://… npm run build`, to
 * deploy the explorer on a static host for one portal). Any other portal is named by its origin in
 * the `portal` search parameter, which travels in every link. Real ODS portals live at their
 * domain's root, so an address is normalized to its origin.
 */

/** The address the interface shows as an example of a portal's. */
export const EXAMPLE_PORTAL = 'https://data.economie.gouv.fr';

/**
 * `data.economie.gouv.fr`, `https://data.economie.gouv.fr/explore/?sort=modified` →
 * `https://data.economie.gouv.fr`. Null when the text is not an http(s) address.
 */
export function normalizePortalAddress(input: string): string | null {
  const text = input.trim();
  if (!text || /\s/.test(text)) return null;
  // `host:8080` is a host and a port, not a scheme; `javascript:…` is a scheme, refused below.
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^\s/:]+:\d+(\/|$)/.test(text);
  const withScheme = hasScheme ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname || (!url.hostname.includes('.') && url.hostname !== 'localhost' && !url.port))
    return null;
  return url.origin;
}

/** The portal baked in at build ('' for the embedded portal); vite.config.ts refuses a bad address. */
export const DEFAULT_PORTAL = normalizePortalAddress(import.meta.env?.VITE_DEFAULT_PORTAL ?? '') ?? '';

export type PortalParam = { ok: true; portal: string } | { ok: false; raw: string };

/**
 * Reads the `portal` search parameter. Absent or empty is the default portal (the embedded one, '',
 * unless a build baked one in); a valid address becomes its origin; anything else is kept as typed,
 * so the explorer can say what is wrong with it.
 */
export function readPortalParam(
  value: unknown,
  embeddedOrigin?: string,
  defaultPortal: string = DEFAULT_PORTAL,
): PortalParam {
  if (value === undefined || value === null || value === '') return { ok: true, portal: defaultPortal };
  const raw = String(value);
  const origin = normalizePortalAddress(raw);
  if (!origin) return { ok: false, raw };
  return { ok: true, portal: origin === embeddedOrigin ? '' : origin };
}

/** How the interface names a portal: the embedded portal's title, or another portal's host. */
export function portalName(portal: string, embeddedTitle: string): string {
  return portal ? new URL(portal).host : embeddedTitle;
}
