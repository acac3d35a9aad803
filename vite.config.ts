import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { precompress } from './scripts/precompress.ts';
import { normalizePortalAddress } from './src/lib/portal.ts';

// `VITE_DEFAULT_PORTAL=https://data.example.org npm run build` bakes in the portal the explorer
// opens (src/lib/portal.ts); a value that is not a portal address fails the build, not the page.
const defaultPortal = process.env.VITE_DEFAULT_PORTAL;
if (defaultPortal && !normalizePortalAddress(defaultPortal)) {
  throw new Error(
    `VITE_DEFAULT_PORTAL must be a portal address such as https://data.example.org, got "${defaultPortal}"`,
  );
}

// The dev server proxies the API to the embedded portal that `npm run dev` starts beside it.
const portalPort = process.env.PORTAL_PORT ?? '8081';

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    host: '127.0.0.1',
    proxy: { '/api': `http://127.0.0.1:${portalPort}` },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    manifest: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The export read-backs parse documents of megabytes: a larger young generation spares them
    // most of their garbage collections.
    execArgv: ['--max-semi-space-size=64'],
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['common/**/*.test.ts', 'server/**/*.test.ts'],
          // Importing the server takes longer than most of its test files run, and its modules
          // hold nothing between tests but caches (each test builds its own store and app): the
          // files share one module graph instead of loading it again each.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'explorer',
          // The explorer's modules keep session state (downloads, rate limits, saved portals):
          // each file starts from fresh modules.
          include: ['src/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts'],
        },
      },
    ],
  },
});
