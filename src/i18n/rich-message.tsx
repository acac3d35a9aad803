import { Fragment, type ReactNode } from 'react';
import { currentLocale } from './locale';
import { formatValue, type MessageKey, templateOf, templateParts, type Value } from './translate';

/**
 * A message whose placeholders hold elements (a link, a <code>, a strong count) as well as text:
 * the sentence stays whole in the catalogue, in each language's word order, and the elements are
 * put where the translation places them.
 */
export function RichMessage({
  k,
  values,
}: {
  k: MessageKey;
  values: Readonly<Record<string, ReactNode | Value>>;
}) {
  const count = values.count;
  const parts = templateParts(templateOf(currentLocale(), k, count));
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return part;
        const value = values[part];
        if (value === undefined) throw new Error(`Message "${k}" needs a value for {${part}}`);
        const node =
          typeof value === 'number' || typeof value === 'string'
            ? formatValue(currentLocale(), value)
            : value;
        // biome-ignore lint/suspicious/noArrayIndexKey: a template's parts never move
        return <Fragment key={i}>{node}</Fragment>;
      })}
    </>
  );
}
