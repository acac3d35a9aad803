import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/helpers/chromium';
import { fmt, machine, median, quantile, startPortal, writeSection } from './bench-lib';
import { buildIfStale } from './build-state';

/**
 * `npm run bench:map`: the Map view in headless Chromium (SwiftShader WebGL, as in the e2e tests),
 * on the sample portal's 135,233 cities, beside a bare MapLibre map with the same basemap and no
 * records (scripts/bench-map-page) in the same browser and the same box size:
 *   - opening the Map tab to the first clusters drawn (the `map-drawn` mark the engine sets when
 *     the map is idle after new data) vs. the bare page's load to its first idle;
 *   - a zoom step (the + key on the focused map) to its data redrawn vs. the bare map's idle;
 *   - frame times (requestAnimationFrame gaps) while the pointer drags the map, over clusters
 *     (the world) and over records (zoom 8), vs. the same drag on the bare map.
 */

const CITIES = 'geonames-all-cities-with-a-population-1000';
const RUNS = 3;
/** Sequences of zoom steps, each on a fresh page. */
const ZOOM_RUNS = 3;
const VIEWPORT = { width: 1400, height: 900 };
const BARE_DIR = '.bench/bare-map';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** Builds the bare-map page and serves it from a local port. */
async function serveBareMap(): Promise<{ url: string; server: Server }> {
  await build({
    root: 'scripts/bench-map-page',
    base: './',
    logLevel: 'warn',
    build: { outDir: join(process.cwd(), BARE_DIR), emptyOutDir: true, chunkSizeWarningLimit: 5000 },
  });
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
      /^\/+/,
      '',
    );
    const file = join(BARE_DIR, path || 'index.html');
    if (!file.startsWith(BARE_DIR) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/index.html`, server };
}

/** Resolves with the time (page clock) of the next `map-drawn` mark after `since`. */
async function nextDrawn(page: Page, since: number, timeoutMs = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    (after) => {
      const marks = performance.getEntriesByName('map-drawn').filter((m) => m.startTime > after);
      return marks.length ? marks[0]!.startTime : null;
    },
    since,
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('close', () => {
    if (problems.length) console.error(`page errors:\n${problems.join('\n')}`);
  });
  return page;
}

/** Opening the Map tab from the table, to the first data drawn. */
async function openMapTab(
  browser: Browser,
  portal: string,
): Promise<{ ms: number; size: { w: number; h: number } }> {
  const page = await newPage(browser);
  await page.goto(`${portal}/datasets/${CITIES}?location=1,20,0`);
  await page.getByRole('grid', { name: 'Records' }).locator('tr[aria-rowindex="2"] td').nth(2).waitFor();
  const started = await page.evaluate(() => performance.now());
  await page.getByRole('tab', { name: 'Map' }).click();
  const drawn = await nextDrawn(page, started);
  const box = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
  await page.context().close();
  return { ms: drawn - started, size: { w: Math.round(box.width), h: Math.round(box.height) } };
}

async function bareLoad(browser: Browser, url: string): Promise<number> {
  const page = await newPage(browser);
  await page.goto(url, { waitUntil: 'commit' });
  const drawn = await nextDrawn(page, 0);
  await page.context().close();
  return drawn;
}

/** + on the focused map, `steps` times; each step's time to its next `map-drawn`. */
async function zoomSteps(page: Page, steps: number): Promise<number[]> {
  const times: number[] = [];
  await page.locator('canvas.maplibregl-canvas').focus();
  for (let i = 0; i < steps; i++) {
    await page.waitForTimeout(400);
    const started = await page.evaluate(() => performance.now());
    await page.keyboard.press('Equal');
    times.push((await nextDrawn(page, started)) - started);
  }
  return times;
}

/** Frame gaps while the pointer drags the map left and right across its middle. */
async function dragFrames(page: Page): Promise<number[]> {
  const box = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
  const y = box.y + box.height / 2;
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; recording: boolean };
    w.frames_ = [];
    w.recording = true;
    let last = performance.now();
    const step = (now: number) => {
      w.frames_.push(now - last);
      last = now;
      if (w.recording) requestAnimationFrame(step);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(step);
    });
  });
  for (let i = 0; i < 2; i++) {
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, y, { steps: 60 });
    await page.mouse.move(box.x + box.width * 0.3, y, { steps: 60 });
    await page.mouse.up();
  }
  const frames = await page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; recording: boolean };
    w.recording = false;
    return w.frames_.slice(1);
  });
  return frames;
}

export async function benchMap(): Promise<void> {
  buildIfStale();
  const portal = await startPortal(['--db', '.portal/bench-map.sqlite']);
  const bare = await serveBareMap();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    console.log(`Map benchmark on ${portal.url}/datasets/${CITIES}`);
    await openMapTab(browser, portal.url); // warm-up: the portal opens its tables, the OS caches files
    const opens: number[] = [];
    let size = { w: 1000, h: 600 };
    for (let i = 0; i < RUNS; i++) {
      const run = await openMapTab(browser, portal.url);
      opens.push(run.ms);
      size = run.size;
      console.log(`open ${i + 1}: ${fmt(run.ms)} ms`);
    }
    const bareUrl = (location: string) => `${bare.url}?w=${size.w}&h=${size.h}&location=${location}`;
    await bareLoad(browser, bareUrl('1,20,0'));
    const bareOpens: number[] = [];
    for (let i = 0; i < RUNS; i++) bareOpens.push(await bareLoad(browser, bareUrl('1,20,0')));
    console.log(`bare loads: ${bareOpens.map(fmt).join(', ')} ms`);

    // Zoom steps over Europe, from the world to the records (zoom 2 → 8), on a fresh page each
    // time, the map view's and the bare map's in turns: one sequence of 6 steps moved its median by
    // 80 ms from run to run on this machine.
    const europe = '2,47,5';
    const zoomSequence = async (url: string) => {
      const page = await newPage(browser);
      await page.goto(url);
      await nextDrawn(page, 0);
      const steps = await zoomSteps(page, 6);
      await page.context().close();
      return steps;
    };
    const zooms: number[] = [];
    const bareZooms: number[] = [];
    for (let i = 0; i < ZOOM_RUNS; i++) {
      zooms.push(...(await zoomSequence(`${portal.url}/datasets/${CITIES}?tab=map&location=${europe}`)));
      bareZooms.push(...(await zoomSequence(bareUrl(europe))));
    }
    console.log(`zoom steps: ${zooms.map(fmt).join(', ')} ms`);

    // Drags over clusters (the world) and over records (zoom 8 around Paris).
    const drag = async (url: string) => {
      const page = await newPage(browser);
      await page.goto(url);
      await nextDrawn(page, 0);
      await page.waitForTimeout(500);
      const frames = await dragFrames(page);
      await page.context().close();
      return frames;
    };
    const places = [
      { name: 'clusters (the world, zoom 2)', location: '2,30,0' },
      { name: 'records (Paris, zoom 8)', location: '8,48.86,2.35' },
    ];
    const pans: { name: string; map: number[]; bare: number[] }[] = [];
    for (const place of places) {
      console.log(`drags over ${place.name}`);
      pans.push({
        name: place.name,
        map: await drag(`${portal.url}/datasets/${CITIES}?tab=map&location=${place.location}`),
        bare: await drag(bareUrl(place.location)),
      });
    }

    const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
    const worstRatio = Math.max(...pans.map((p) => quantile(p.map, 0.95) / quantile(p.bare, 0.95)));
    const markdown = `
## Map

Machine: ${machine()}. Headless Chromium (${chromiumPath()}) with SwiftShader's software WebGL (no GPU),
viewport ${VIEWPORT.width}×${VIEWPORT.height}, map ${size.w}×${size.h} px, the sample portal's ${CITIES}
(135,233 rows) on the embedded portal. The baseline is a bare MapLibre map with the same basemap
and style and no records (scripts/bench-map-page), in the same browser and box. "Drawn" is the
\`map-drawn\` mark: the map idle after new data (the baseline: after its basemap).

| measure | map view | bare map |
|---|---:|---:|
| open the Map tab → first clusters drawn (${RUNS} runs, fresh context; bare: page load → first idle), median | ${fmt(median(opens))} ms | ${fmt(median(bareOpens))} ms |
| same, slowest | ${fmt(Math.max(...opens))} ms | ${fmt(Math.max(...bareOpens))} ms |
| zoom step (+ key) → redrawn, ${ZOOM_RUNS} × 6 steps zoom 2 → 8 over Europe, median | ${fmt(median(zooms))} ms | ${fmt(median(bareZooms))} ms |
| same, slowest | ${fmt(Math.max(...zooms))} ms | ${fmt(Math.max(...bareZooms))} ms |
${pans
  .map(
    (p) =>
      `| pan frames over ${p.name}: median / p95 (${p.map.length} and ${p.bare.length} frames) | ${fmt(median(p.map))} / ${fmt(quantile(p.map, 0.95))} ms | ${fmt(median(p.bare))} / ${fmt(quantile(p.bare, 0.95))} ms |`,
  )
  .join('\n')}

Zoom steps: ${zooms.map(fmt).join(', ')} ms (bare: ${bareZooms.map(fmt).join(', ')} ms).

- Targets: first data drawn within 1.5 s: ${verdict(Math.max(...opens) <= 1500)}; a zoom step within 500 ms, median: ${verdict(median(zooms) <= 500)} (${fmt(median(zooms))} ms; the bare map ${fmt(median(bareZooms))} ms); p95 pan frame at most 1.5× the bare map's: ${verdict(worstRatio <= 1.5)} (worst ${worstRatio.toFixed(2)}×).
`;
    console.log(markdown);
    writeSection('map', markdown);
  } finally {
    await browser.close();
    bare.server.close();
    await portal.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  benchMap().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
