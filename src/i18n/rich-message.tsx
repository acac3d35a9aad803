import { Fragment, type ReactNode } from 'react';
import { currentLocale } from './locale';
import { type MessageKey, messageParts } from './translate';

/**
 * A message whose placeholders hold elements (a link, a <code>, a strong count) as well as text:
 * the sentence stays whole in the catalogue, in each language's word order, and the elements are
 * put where the translation places them.
 */
export function RichMessage({ k, values }: { k: MessageKey; values: Readonly<Record<string, ReactNode>> }) {
  return (
    <>
      {messageParts<ReactNode>(currentLocale(), k, values).map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a template's parts never move
        <Fragment key={i}>{part}</Fragment>
      ))}
    </>
  );
}
