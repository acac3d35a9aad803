import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/helpers/chromium';
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const t0 = Date.now();
page.on('request', (r) => { if (r.url().includes('/api/')) console.log(Date.now() - t0, 'start', decodeURIComponent(r.url().replace(/.*datasets\/[^/]+\//, '')).slice(0, 140)); });
page.on('requestfinished', (r) => { if (r.url().includes('/api/')) console.log(Date.now() - t0, 'end  ', decodeURIComponent(r.url().replace(/.*datasets\/[^/]+\//, '')).slice(0, 80)); });
page.on('requestfailed', (r) => { if (r.url().includes('/api/')) console.log(Date.now() - t0, 'FAIL ', r.failure()?.errorText, decodeURIComponent(r.url().replace(/.*datasets\/[^/]+\//, '')).slice(0, 80)); });
page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 200)));
for (const u of process.argv.slice(2, -1)) { await page.goto(u); await page.waitForTimeout(6000); console.log('---'); }
await page.goto(process.argv.at(-1)!);
for (let i = 0; i < 12; i++) {
  await page.waitForTimeout(2500);
  console.log(Date.now() - t0, 'STATUS', await page.locator('output[aria-live]').last().textContent().catch(() => '?'));
}
await browser.close();
