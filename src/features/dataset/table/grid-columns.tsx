import {
  type ColumnDef,
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { DatasetField } from '../../../../common/ods-api/types';
import { formatCount } from '../../../i18n/format';
import { type FormatContext, formatValue } from '../field-format';
import { FieldValue } from '../field-value';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './grid-layout';
import type { GridRow } from './use-grid-windows';

/** The row numbers' column: always first, never hidden, moved or resized. */
export const RANK_COLUMN = '__rank';

export const features = tableFeatures({
  columnVisibilityFeature,
  columnOrderingFeature,
  columnSizingFeature,
  columnResizingFeature,
});
export type Features = typeof features;

/** The row numbers' column fits the largest one. */
export function rankColumnWidth(total: number): number {
  return Math.max(52, Math.round(formatCount(total).length * 7.2 + 24));
}

/** A first width from the type, widened to fit the label and its sort arrow. */
function defaultWidth(field: DatasetField): number {
  let width: number;
  if (field.annotations.multivalued) width = 190;
  else {
    switch (field.type) {
      case 'int':
      case 'double':
      case 'date':
      case 'boolean':
        width = 96;
        break;
      case 'datetime':
        width = 176;
        break;
      case 'geo_point_2d':
        width = 164;
        break;
      case 'geo_shape':
        width = 150;
        break;
      case 'file':
        width = 80;
        break;
      default:
        width = 150;
    }
  }
  const label = field.label || field.name;
  return Math.min(320, Math.max(width, Math.round(label.length * 7.8 + 58)));
}

export function buildColumns(
  fields: readonly DatasetField[],
  format: FormatContext,
  rankWidth: number,
): ColumnDef<Features, GridRow>[] {
  const rank: ColumnDef<Features, GridRow> = {
    id: RANK_COLUMN,
    header: '#',
    size: rankWidth,
    enableHiding: false,
    enableResizing: false,
    cell: ({ row }) => formatCount(row.original.rank + 1),
  };
  return [
    rank,
    ...fields.map(
      (field): ColumnDef<Features, GridRow> => ({
        id: field.name,
        header: field.label || field.name,
        size: defaultWidth(field),
        minSize: MIN_COLUMN_WIDTH,
        maxSize: MAX_COLUMN_WIDTH,
        accessorFn: (row: GridRow) => (row.state === 'loaded' ? row.record.values[field.name] : undefined),
        cell: ({ row }) =>
          row.original.state === 'loaded' ? (
            <FieldValue
              value={formatValue(row.original.record.values[field.name], field, format)}
              variant="cell"
            />
          ) : null,
      }),
    ),
  ];
}
