import type { Dataset } from '../../common/ods-api/types';
import { parseSelect } from '../../common/odsql/parser';
import { OdsqlSemanticError } from '../odsql/compiled';
import { inClause } from '../query/plan';
import type { SelectedMeta } from './serializer';

/**
 * The `select` of the catalog and dataset endpoints (ods-api.md §3.1, §3.2): names of dataset keys
 * (`dataset_id`, `fields` …) and of metadata (`title`, `default.modified`), not expressions.
 * null means every key (`*` or no select).
 */
export function parseMetaSelect(select: string | null): SelectedMeta[] | null {
  if (!select?.trim()) return null;
  const selected = inClause('select', () =>
    parseSelect(select).items.map((item): SelectedMeta | '*' => {
      if (item.kind !== 'SelectItem')
        throw new OdsqlSemanticError('The catalog select takes metadata names only.');
      if (item.expr.kind === 'Star') return '*';
      if (item.expr.kind !== 'Field')
        throw new OdsqlSemanticError('The catalog select takes metadata names only.');
      return { key: item.alias ?? item.text, name: item.expr.name.replace(/^default\./, '') };
    }),
  );
  if (selected.includes('*')) return null;
  return selected as SelectedMeta[];
}

/**
 * A selected name's value in a dataset: a key of the dataset object among `rootKeys`, else a
 * `default` metadata. A name that is neither is ODS's "Unknown field" error.
 */
export function metaValue(
  dataset: Dataset,
  name: string,
  rootKeys: readonly string[],
): { root: boolean; value: unknown } {
  if (rootKeys.includes(name))
    return { root: true, value: (dataset as unknown as Record<string, unknown>)[name] };
  if (name in dataset.metas.default) return { root: false, value: dataset.metas.default[name] };
  return inClause('select', () => {
    throw new OdsqlSemanticError(`Unknown field: ${name}.`);
  });
}
