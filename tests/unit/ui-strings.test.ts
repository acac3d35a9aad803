import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAst } from 'rolldown/parseAst';
import { describe, expect, it } from 'vitest';

/**
 * No component shows text that is not in the message catalogues (src/i18n/messages/): JSX text,
 * string literals rendered as children, and the attributes people read or hear (aria-label, title,
 * placeholder, alt…) must come from `t()` or <RichMessage>. Words that are the same in every
 * language (product and format names) are listed in UNTRANSLATED, each one decided.
 */

const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/** Text that reads the same in English and French: names, formats, symbols. */
const UNTRANSLATED = new Set(['ODS Explorer', 'ODSQL', 'API', 'CSV', 'JSON', 'GeoJSON', 'curl']);

/** Whether a text has a word to translate, once the names in UNTRANSLATED are taken out. */
function hasWords(text: string): boolean {
  let rest = text;
  for (const name of UNTRANSLATED) rest = rest.split(name).join(' ');
  return /\p{L}{2,}/u.test(rest);
}

// The parser Vite's bundler (rolldown) uses, which gives an ESTree AST of TSX; TypeScript 7 has
// no JavaScript API to parse with.
type Node = { type: string; start: number; [key: string]: unknown };

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

function literalTexts(fileName: string, source: string): string[] {
  const program = parseAst(source, { lang: 'tsx' }, fileName) as unknown as Node;
  const found: string[] = [];
  const report = (node: Node, text: string) => {
    const line = source.slice(0, node.start).split('\n').length;
    found.push(`${fileName}:${line}: ${JSON.stringify(text.trim().slice(0, 60))}`);
  };
  /** String literals and template parts an expression may evaluate to (through ?:, ??, ||, &&). */
  const literalsOf = (expression: Node, at: Node): void => {
    switch (expression.type) {
      case 'Literal':
        if (typeof expression.value === 'string' && hasWords(expression.value)) report(at, expression.value);
        return;
      case 'TemplateLiteral': {
        const quasis = expression.quasis as { value: { cooked: string } }[];
        const text = quasis.map((q) => q.value.cooked).join(' ');
        if (hasWords(text)) report(at, text);
        return;
      }
      case 'ConditionalExpression':
        literalsOf(expression.consequent as Node, at);
        literalsOf(expression.alternate as Node, at);
        return;
      case 'LogicalExpression':
        literalsOf(expression.right as Node, at);
        if (expression.operator !== '&&') literalsOf(expression.left as Node, at);
        return;
    }
  };
  const visit = (node: Node, parent: Node | null): void => {
    if (node.type === 'JSXText') {
      if (hasWords(node.value as string)) report(node, node.value as string);
      return;
    }
    if (node.type === 'JSXExpressionContainer' && parent?.type !== 'JSXAttribute') {
      literalsOf(node.expression as Node, node);
    }
    if (node.type === 'JSXAttribute') {
      const name = node.name as Node;
      const value = node.value as Node | null;
      if (name.type === 'JSXIdentifier' && READ_ATTRIBUTES.has(name.name as string) && value) {
        literalsOf(value.type === 'JSXExpressionContainer' ? (value.expression as Node) : value, node);
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(child)) for (const item of child) if (isNode(item)) visit(item, node);
      if (isNode(child)) visit(child, node);
    }
  };
  visit(program, null);
  return found;
}

function componentFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return componentFiles(path);
    return entry.endsWith('.tsx') && !entry.endsWith('.test.tsx') ? [path] : [];
  });
}

describe('text shown by components', () => {
  it('all comes from the message catalogues', () => {
    const found = componentFiles('src').flatMap((path) => literalTexts(path, readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    const source = `
      const a = <p title="Open the map">Hello there</p>;
      const b = <p aria-label={\`Page \${n}\`}>{busy ? 'Loading…' : t('x.y')}</p>;
      const c = <Button variant="primary" className={on ? 'on' : 'off'}>{t('x.z')} · CSV</Button>;
    `;
    expect(literalTexts('x.tsx', source)).toEqual([
      'x.tsx:2: "Open the map"',
      'x.tsx:2: "Hello there"',
      'x.tsx:3: "Page"',
      'x.tsx:3: "Loading…"',
    ]);
  });
});
