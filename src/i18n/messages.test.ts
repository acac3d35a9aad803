import { describe, expect, it } from 'vitest';
import { AREAS } from './messages';
import { type Message, templateParts } from './translate';

/** The placeholders a message uses, sorted; a plural message's `{count}` is always one of them. */
function placeholders(message: Message): string[] {
  const templates = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set(
    templates.flatMap((template) => templateParts(template!).filter((_, i) => i % 2 === 1)),
  );
  if (typeof message !== 'string') names.add('count');
  return [...names].sort();
}

describe('message catalogues', () => {
  for (const [area, { en, fr }] of Object.entries(AREAS)) {
    describe(area, () => {
      const english: Record<string, Message> = en;
      const french: Record<string, Message> = fr;

      it('has every key in both languages, and no other', () => {
        expect(Object.keys(french).sort()).toEqual(Object.keys(english).sort());
      });

      it(`names its keys "${area}.…", so no two areas can share one`, () => {
        expect(Object.keys(english).filter((key) => !key.startsWith(`${area}.`))).toEqual([]);
      });

      it('uses the same placeholders in both languages', () => {
        const differ = Object.keys(english).filter(
          (key) => french[key] && placeholders(english[key]!).join() !== placeholders(french[key]!).join(),
        );
        expect(differ).toEqual([]);
      });

      it('gives each plural message the forms its language needs', () => {
        const missing: string[] = [];
        for (const [locale, messages] of [
          ['en', english],
          ['fr', french],
        ] as const) {
          const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.filter(
            // `many` is French for millions ("1 000 000 de lignes"); a message may leave it to `other`.
            (category) => category !== 'many',
          );
          for (const [key, message] of Object.entries(messages)) {
            if (typeof message === 'string') continue;
            for (const category of needed)
              if (!message[category]) missing.push(`${locale} ${key} ${category}`);
          }
        }
        expect(missing).toEqual([]);
      });

      it('has no empty message', () => {
        const empty = [...Object.entries(english), ...Object.entries(french)].filter(([, message]) =>
          (typeof message === 'string' ? [message] : Object.values(message)).some((text) => !text?.trim()),
        );
        expect(empty.map(([key]) => key)).toEqual([]);
      });
    });
  }
});
