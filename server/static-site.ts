import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';

/**
 * Serves the built explorer from `dir`. Hashed assets are cached for a year; any other path that is
 * not a file gets index.html, so that every explorer URL can be reloaded and shared.
 */
export function staticSite(dir: string, portalTitle: string): Hono {
  const app = new Hono();
  const root = relative(process.cwd(), dir) || '.';
  const indexFile = join(dir, 'index.html');
  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  const sendIndex = (c: Context) => {
    if (!existsSync(indexFile)) {
      return c.text('The explorer is not built: run `npm run build` (or `npm start`, which builds it).', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(withPortalTitle(readFileSync(indexFile, 'utf8'), portalTitle));
  };
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  app.use('*', serveStatic({ root }));
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
