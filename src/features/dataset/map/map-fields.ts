import { isGeoType } from '../../../../common/ods-api/field-types';
import type { DatasetField } from '../../../../common/ods-api/types';
import { chosenGeoField } from '../geofilter';

/**
 * Which fields the map uses. A dataset with both a shape and a point draws the shape (the point
 * is usually its centre, as ODS's own map does) and clusters by the point; `map.field` picks
 * another geo field. The tooltip shows the record's title and two more fields.
 */
export interface MapFields {
  geoFields: DatasetField[];
  /** What is drawn. */
  draw: DatasetField;
  /** What clusters are made of: geo_cluster() takes a geo_point_2d only. */
  cluster: DatasetField | undefined;
  title: DatasetField | undefined;
  tooltip: DatasetField[];
}

/** The record's name: a field called name or title, else the first text field. */
export function titleField(fields: readonly DatasetField[]): DatasetField | undefined {
  return fields.find((f) => f.name === 'name' || f.name === 'title') ?? fields.find((f) => f.type === 'text');
}

const TOOLTIP_TYPES = new Set(['text', 'int', 'double', 'date', 'datetime', 'boolean']);

export function mapFields(fields: readonly DatasetField[], chosen: string | undefined): MapFields | null {
  const draw = chosenGeoField(fields, chosen);
  if (!draw) return null;
  const title = titleField(fields);
  const candidates = fields.filter((f) => f !== title && TOOLTIP_TYPES.has(f.type));
  // Facets say what the publisher thinks matters; then any other plain field.
  const tooltip = [
    ...candidates.filter((f) => 'facet' in f.annotations),
    ...candidates.filter((f) => !('facet' in f.annotations)),
  ].slice(0, 2);
  const cluster = draw.type === 'geo_point_2d' ? draw : fields.find((f) => f.type === 'geo_point_2d');
  return { geoFields: fields.filter((f) => isGeoType(f.type)), draw, cluster, title, tooltip };
}

/** The facet fields a map can colour by (text facets: a category each). */
export function colorFields(fields: readonly DatasetField[]): DatasetField[] {
  return fields.filter(
    (f) => 'facet' in f.annotations && (f.type === 'text' || f.type === 'boolean' || f.type === 'int'),
  );
}

/** The `select` of the map's GeoJSON request: the record id, the geometry and what is shown. */
export function mapSelect(fields: MapFields, color: string | undefined, withRecordId: boolean): string {
  const names = [
    ...(withRecordId ? ['recordid'] : []),
    fields.draw.name,
    ...(fields.title ? [fields.title.name] : []),
    ...fields.tooltip.map((f) => f.name),
    ...(color ? [color] : []),
  ];
  return [...new Set(names)].join(', ');
}
