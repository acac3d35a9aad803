import { describe, expect, it } from 'vitest';
import { escapeHtml, excerpt, htmlToText } from './html-text';

describe('htmlToText', () => {
  it('drops tags, decodes entities and collapses whitespace', () => {
    expect(
      htmlToText(
        '<p>All cities with a population &gt; 1000</p><h4>Sources</h4><ul><li><strong>GeoNames</strong> : <a href="x">data&nbsp;sources</a>. \t</li></ul>',
      ),
    ).toBe('All cities with a population > 1000 Sources GeoNames : data sources.');
  });

  it('never keeps script or style content, comments, or markup', () => {
    expect(
      htmlToText('<style>p{}</style><script>alert(1)</script><!-- x -->A<img src=x onerror=alert(1)>B'),
    ).toBe('AB');
  });

  it('decodes numeric entities and leaves unknown ones', () => {
    expect(htmlToText('caf&#233; &#x2013; &unknown; &amp;amp;')).toBe('café – &unknown; &amp;');
  });

  it('is empty for nothing', () => {
    expect(htmlToText(null)).toBe('');
    expect(htmlToText('')).toBe('');
  });
});

describe('excerpt', () => {
  it('keeps short text whole and cuts long text at a word, with an ellipsis', () => {
    expect(excerpt('short', 10)).toBe('short');
    expect(excerpt('one two three four five six', 15)).toBe('one two three…');
  });
});

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')"> & co`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; co',
    );
  });
});
