import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';

/**
 * The explorer's Content-Security-Policy. Scripts, styles' files and workers (MapLibre's worker is
 * a file of its own, set with setWorkerUrl) come from this origin only, and no inline script runs.
 * The page may call any portal its user picks, so connect-src allows every http(s) origin, and
 * shows their images. Inline styles stay allowed: React's `style` props, and ECharts' tooltips,
 * which write `style` attributes. frame-ancestors keeps other sites from framing the page.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data:",
  "connect-src 'self' https: http:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Serves the built explorer from `dir`. Hashed assets are cached for a year, and sent as the .br or
 * .gz file beside them (scripts/precompress.ts writes those at build) when the client accepts it;
 * any other path that is not a file gets index.html, so that every explorer URL can be reloaded
 * and shared.
 */
export function staticSite(dir: string, portalTitle: string): Hono {
  const app = new Hono();
  const root = relative(process.cwd(), dir) || '.';
  const indexFile = join(dir, 'index.html');
  // Set on the response once it is made: serveStatic's onFound runs after the body is built, too
  // late for c.header().
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', serveStatic({ root, precompressed: true }));
  const sendIndex = (c: Context) => {
    if (!existsSync(indexFile)) {
      return c.text('The explorer is not built: run `npm run build` (or `npm start`, which builds it).', 503);
    }
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', EXPLORER_CSP);
    return c.html(withPortalTitle(readFileSync(indexFile, 'utf8'), portalTitle));
  };
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  app.use('*', serveStatic({ root, precompressed: true }));
  app.get('*', sendIndex);
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The explorer names the embedded portal from this tag; the page title follows it. */
function withPortalTitle(html: string, title: string): string {
  const safe = escapeHtml(title);
  return html
    .replace(/<title>[^<]*<\/title>/, `<title>${safe} · ODS Explorer</title>`)
    .replace('</head>', `  <meta name="ods-portal-title" content="${safe}" />\n  </head>`);
}
