import type { SelectClause } from '../../common/odsql/ast';
import type { DatasetLayout } from '../store/layout';
import type { Compiler } from './compile';
import type { OutputColumn } from './compiled';

/**
 * The select clause: expressions with their keys (the alias, or the text as written), `*`, and
 * `include()`/`exclude()` patterns over the dataset's field names. Whether a grouped select names
 * only keys and aggregations is the plan's check (query/plan.ts), which knows the group keys.
 */

export function isStar(item: SelectClause['items'][number]): boolean {
  return item.kind === 'SelectItem' && item.expr.kind === 'Star';
}

/** `*`-style wildcard patterns of include()/exclude(). */
function patternMatcher(patterns: readonly string[]): (name: string) => boolean {
  const regexes = patterns.map(
    (p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`, 'i'),
  );
  return (name) => regexes.some((r) => r.test(name));
}

/** The columns a select writes out; no select is every field (none when grouped). */
export function compileSelect(
  compiler: Compiler,
  layout: DatasetLayout,
  items: SelectClause['items'] | null,
  grouped: boolean,
): OutputColumn[] {
  const allFields = (): OutputColumn[] =>
    layout.fields.map((f) => ({ key: f.field.name, compiled: compiler.fieldValue(f) }));
  if (items === null) return grouped ? [] : allFields();
  let outputs: OutputColumn[] = [];
  items.forEach((item, index) => {
    if (item.kind === 'SelectInclude') {
      const match = patternMatcher(item.patterns);
      for (const field of layout.fields) {
        if (match(field.field.name) && !outputs.some((o) => o.key === field.field.name)) {
          outputs.push({ key: field.field.name, compiled: compiler.fieldValue(field) });
        }
      }
      return;
    }
    if (item.kind !== 'SelectItem') {
      if (index === 0) outputs = allFields();
      const match = patternMatcher(item.patterns);
      outputs = outputs.filter((o) => !(o.compiled.field && match(o.compiled.field.field.name)));
      return;
    }
    if (item.expr.kind === 'Star') {
      if (!grouped)
        for (const output of allFields())
          if (!outputs.some((o) => o.key === output.key)) outputs.push(output);
      return;
    }
    outputs.push({ key: item.alias ?? item.text, compiled: compiler.value(item.expr) });
  });
  return outputs;
}
