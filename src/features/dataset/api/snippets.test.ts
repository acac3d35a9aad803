import { describe, expect, it } from 'vitest';
import { SNIPPET_LANGUAGES, snippet } from './snippets';

const URL_WITH_QUOTE =
  "https://data.example.org/api/v2/catalog/datasets/d/records?where=name%3D'O''Hara'&limit=10";

describe('snippets', () => {
  it('never holds the key, only the placeholder or the environment variable, and only when the user has one', () => {
    for (const { id } of SNIPPET_LANGUAGES) {
      const keyed = snippet(id, URL_WITH_QUOTE, true);
      expect(keyed).toMatch(/ODS_API_KEY|YOUR_API_KEY/);
      expect(keyed).toContain('Apikey');
      expect(snippet(id, URL_WITH_QUOTE, false)).not.toMatch(/Apikey|API_KEY/);
    }
  });

  it('quotes the URL for the shell, so a quote in it cannot end the word', () => {
    const curl = snippet('curl', URL_WITH_QUOTE, false);
    expect(curl).toContain(
      `'https://data.example.org/api/v2/catalog/datasets/d/records?where=name%3D'\\''O'\\'''\\''Hara'\\''&limit=10'`,
    );
    expect(curl).toMatch(/^curl -sS --fail-with-body/);
  });

  it('saves a file export to disk rather than parsing it', () => {
    expect(snippet('curl', 'https://x.test/e', false, 'd.csv')).toContain("-o 'd.csv'");
    expect(snippet('python', 'https://x.test/e', false, 'd.csv')).toContain('iter_content');
    expect(snippet('r', 'https://x.test/e', true, 'd.csv')).toContain('req_perform(path = "d.csv")');
    expect(snippet('javascript', 'https://x.test/e', false)).toContain('await response.json()');
  });
});
