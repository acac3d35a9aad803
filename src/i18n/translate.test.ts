import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatList, formatWait, monthName } from './format';
import { resolveLocale, setCurrentLocale } from './locale';
import { translate } from './translate';

afterEach(() => setCurrentLocale('en'));

describe('resolveLocale', () => {
  it('takes the URL, then the saved choice, then the browser, then English', () => {
    expect(resolveLocale('fr', 'en', ['en-US'])).toBe('fr');
    expect(resolveLocale(undefined, 'fr', ['en-US'])).toBe('fr');
    expect(resolveLocale(undefined, null, ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(resolveLocale('de', 'xx', ['de-DE'])).toBe('en');
  });
});

describe('translate', () => {
  it('fills placeholders and formats numbers in the language', () => {
    expect(translate('en', 'common.language.label')).toBe('Language');
    expect(translate('fr', 'common.language.label')).toBe('Langue');
  });

  it('picks the plural form by the language’s rules: French 0 and 1 are singular', () => {
    expect(translate('en', 'common.records', { count: 0 })).toBe('0 records');
    expect(translate('en', 'common.records', { count: 1 })).toBe('1 record');
    expect(translate('en', 'common.records', { count: 1234 })).toBe('1,234 records');
    expect(translate('fr', 'common.records', { count: 0 })).toBe('0 enregistrement');
    expect(translate('fr', 'common.records', { count: 1 })).toBe('1 enregistrement');
    expect(translate('fr', 'common.records', { count: 1234 })).toBe('1\u202f234 enregistrements');
  });

  it('says which value a placeholder lacks', () => {
    expect(() => translate('en', 'common.records', {})).toThrow(/\{count\}/);
  });

  it('refuses a key that no catalogue has', () => {
    expect(() => translate('en', 'common.nothing.here')).toThrow(/No message/);
  });
});

describe('formatters', () => {
  it('follow the language in force', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(monthName('11')).toBe('November');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b, and c');
    setCurrentLocale('fr');
    // French groups thousands with a narrow no-break space.
    expect(formatCount(1234567)).toBe('1\u202f234\u202f567');
    expect(formatBytes(1536)).toBe('1,5 Ko');
    expect(monthName('11')).toBe('novembre');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b et c');
    expect(formatWait(new Date(Date.now() + 30_000))).toBe('dans 30 secondes');
  });
});
