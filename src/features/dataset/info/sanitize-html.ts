import DOMPurify, { type Config } from 'dompurify';

/**
 * Portal descriptions are HTML written by publishers; they are shown only through this sanitizer.
 * DOMPurify keeps the text, the structure and safe links; it drops scripts, styles, frames, forms,
 * event handlers and `javascript:` addresses. Every remaining link opens in a new tab without
 * giving that tab a handle on this one (`rel="noopener noreferrer"`).
 */

const CONFIG: Config = {
  FORBID_TAGS: [
    'script',
    'style',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'link',
    'meta',
    'base',
    'svg',
    'math',
  ],
  FORBID_ATTR: ['style', 'srcset', 'formaction', 'target'],
  ALLOW_DATA_ATTR: false,
};

let hooked = false;

function addLinkHook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

export function sanitizeHtml(html: string | null | undefined): string {
  if (!html) return '';
  addLinkHook();
  return DOMPurify.sanitize(html, CONFIG);
}
