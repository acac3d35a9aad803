import { type Browser, chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';

/**
 * The description sanitizer needs a DOM (DOMPurify), so this unit test runs the module itself in
 * Chromium: esbuild bundles src/features/dataset/info/sanitize-html.ts for the page, and each case
 * sanitizes a hostile description there, then inserts it, and checks what the page would run.
 */

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: ['src/features/dataset/info/sanitize-html.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'sanitizer',
    platform: 'browser',
    logLevel: 'silent',
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  await page.evaluate(() => {
    (window as unknown as { ran: string[] }).ran = [];
  });
});

afterAll(async () => {
  await browser?.close();
});

async function sanitizeAndInsert(html: string): Promise<{ html: string; ran: string[] }> {
  return page.evaluate(async (dirty) => {
    const w = window as unknown as { sanitizer: { sanitizeHtml: (h: string) => string }; ran: string[] };
    w.ran = [];
    const clean = w.sanitizer.sanitizeHtml(dirty);
    const out = document.getElementById('out')!;
    out.innerHTML = clean;
    // Give error handlers, timers and frames a chance to run.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { html: clean, ran: w.ran };
  }, html);
}

describe('sanitizeHtml (in Chromium)', () => {
  it('drops scripts, event handlers and javascript: links, and runs nothing', async () => {
    const { html, ran } = await sanitizeAndInsert(
      [
        '<p>Cities <b>of the world</b>.</p>',
        '<script>window.ran.push("script")</script>',
        '<img src="x" onerror="window.ran.push(\'onerror\')">',
        '<a href="javascript:window.ran.push(\'href\')">click</a>',
        '<div onclick="window.ran.push(\'click\')" onmouseover="x()">hover</div>',
        '<svg><script>window.ran.push("svg")</script></svg>',
        '<iframe src="https://example.org"></iframe>',
        '<style>body { display: none }</style>',
        '<form action="https://evil.example"><input name="q"></form>',
        '<p style="position:fixed;top:0">styled</p>',
      ].join(''),
    );
    expect(ran).toEqual([]);
    expect(html).toContain('<p>Cities <b>of the world</b>.</p>');
    expect(html).not.toMatch(
      /<script|onerror|onclick|onmouseover|javascript:|<iframe|<style|<form|<input|style=/i,
    );
    expect(html).toContain('hover');
    expect(html).toContain('styled');
  });

  it('opens links in a new tab without a handle on the page', async () => {
    const { html } = await sanitizeAndInsert(
      '<p>From <a href="https://www.geonames.org/" target="_self" rel="opener">GeoNames</a></p>',
    );
    const link = await page.locator('#out a').evaluate((a) => ({
      href: a.getAttribute('href'),
      target: a.getAttribute('target'),
      rel: a.getAttribute('rel'),
    }));
    expect(link).toEqual({ href: 'https://www.geonames.org/', target: '_blank', rel: 'noopener noreferrer' });
    expect(html).not.toContain('opener"');
  });

  it('keeps ordinary description markup', async () => {
    const { html } = await sanitizeAndInsert(
      '<h2>Sources</h2><ul><li>one</li><li>two</li></ul><table><tbody><tr><td>a</td></tr></tbody></table><p>x&amp;y</p>',
    );
    expect(html).toBe(
      '<h2>Sources</h2><ul><li>one</li><li>two</li></ul><table><tbody><tr><td>a</td></tr></tbody></table><p>x&amp;y</p>',
    );
  });

  it('gives nothing for nothing', async () => {
    expect((await sanitizeAndInsert('')).html).toBe('');
  });
});
