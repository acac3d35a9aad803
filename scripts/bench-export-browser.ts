import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/helpers/chromium';
import { memoryOf } from './bench-lib';

/**
 * The browser side of the export bench: the 1,000,000-row CSV downloaded through the Export view in
 * headless Chromium (the page's fetch streaming into a Blob, then the browser's save), beside curl
 * fetching the same URL into /dev/null in the same run, twice right after, best of the two. The
 * page's JS heap is sampled every 100 ms over CDP (Performance.getMetrics, JSHeapUsedSize) while
 * the download runs: the target is under 100 MB, the file never being held in JS. V8 counts
 * ArrayBuffers (the body's chunks) outside that heap, so the renderers' resident memory (their
 * pids from CDP SystemInfo.getProcessInfo) is sampled too: it would grow with the file if the
 * page kept its chunks.
 */

export interface BrowserExportMeasure {
  /** Click on Download to the file saved on disk. */
  seconds: number;
  bytes: number;
  curlSeconds: number;
  heapBefore: number;
  heapPeak: number;
  /** Resident memory of Chromium's renderer processes, in MB. */
  rendererBefore: number;
  rendererPeak: number;
  url: string;
}

const MB = 1024 * 1024;

function curlSeconds(url: string): number {
  const out = execFileSync('curl', ['-sS', '--fail', '-o', '/dev/null', '-w', '%{time_total}', url], {
    encoding: 'utf8',
  });
  return Number(out);
}

export async function benchBrowserExport(
  portalUrl: string,
  datasetId: string,
): Promise<BrowserExportMeasure> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    };
    const browserCdp = await browser.newBrowserCDPSession();
    const renderers = async () => {
      const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
        processInfo: { type: string; id: number }[];
      };
      let rss = 0;
      for (const process of processInfo) {
        if (process.type !== 'renderer') continue;
        try {
          rss += memoryOf(process.id).rss;
        } catch {
          // A renderer that ended between the list and the read.
        }
      }
      return rss;
    };

    await page.goto(`${portalUrl}/datasets/${datasetId}?tab=export`);
    await page.getByRole('radio', { name: /^The whole dataset/ }).check();
    // Enabled once the count (which decides nothing here, but the view waits for it) is in.
    const download = page.getByRole('button', { name: 'Download CSV', disabled: false });
    await download.waitFor({ timeout: 120_000 });
    await cdp.send('HeapProfiler.collectGarbage');
    const heapBefore = await heap();
    const rendererBefore = await renderers();

    let heapPeak = heapBefore;
    let rendererPeak = rendererBefore;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        heapPeak = Math.max(heapPeak, await heap());
        rendererPeak = Math.max(rendererPeak, await renderers());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const request = page.waitForRequest(
      (r) => r.url().includes(`/exports/csv`) && !/[?&]limit=/.test(r.url()),
    );
    const saved = page.waitForEvent('download', { timeout: 600_000 });
    const started = performance.now();
    await download.click();
    const url = (await request).url();
    const file = await saved;
    const path = await file.path();
    const seconds = (performance.now() - started) / 1000;
    sampling = false;
    await sampler;
    const bytes = statSync(path).size;

    // The same request by curl, right after, so both see the same machine and the same warm cache.
    const curl = Math.min(curlSeconds(url), curlSeconds(url));
    return { seconds, bytes, curlSeconds: curl, heapBefore, heapPeak, rendererBefore, rendererPeak, url };
  } finally {
    await browser.close();
  }
}

export function browserExportLines(m: BrowserExportMeasure): string[] {
  return [
    '',
    `Browser, same run: the same CSV downloaded through the Export view in headless Chromium (fetch into a`,
    `Blob folded every 4 MB, then saved): ${m.seconds.toFixed(1)} s for ${(m.bytes / MB).toFixed(0)} MB, beside curl fetching the same URL`,
    `into /dev/null: ${m.curlSeconds.toFixed(1)} s, best of two. Browser / curl: **${(m.seconds / m.curlSeconds).toFixed(2)}×** (target: at most 1.3×).`,
    `Page JS heap (CDP JSHeapUsedSize, sampled every 100 ms): ${(m.heapBefore / MB).toFixed(0)} MB before, at most ${(m.heapPeak / MB).toFixed(0)} MB during the download (target: under 100 MB);`,
    `renderer processes' resident memory: ${m.rendererBefore.toFixed(0)} MB before, at most ${m.rendererPeak.toFixed(0)} MB.`,
  ];
}
