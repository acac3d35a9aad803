import { bboxOf } from '../../common/geo/bbox';
import type { Call } from '../../common/odsql/ast';
import { quoteIdent } from '../store/sql-ident';
import type { Compiler } from './compile';
import { fail, numberArg, stringArg } from './compiled';
import { fullTextSql, textTargets } from './full-text';
import { distanceSql, geoArgs, geoField, geometryArg, inBox, METRES, queryPoint } from './geo';
import { bboxAround } from './geometry';

/**
 * Predicate functions in where: text search (search, suggest, startswith) and geo (within_distance,
 * in_bbox, intersects, disjoint, within, and v2.0's distance, bbox, geometry, polygon). Each is the
 * handler of its entry in function-table.ts, which has checked the number of arguments.
 */

/** search(), suggest(), startswith(): field names or `*`, then the text. */
export function textSearch(compiler: Compiler, call: Call): string {
  const name = call.name;
  const textArg = call.args[call.args.length - 1]!;
  const text = stringArg(textArg, name);
  const fields = textTargets(compiler, call.args.slice(0, -1), name);
  if (name !== 'startswith')
    return fullTextSql(compiler, text, fields, name === 'suggest' ? 'prefix' : 'fuzzy');
  const targets = fields ?? compiler.options.layout.fields.filter((f) => f.field.type === 'text');
  if (targets.length === 0) return '0';
  const prefix = compiler.bind(text);
  // Case-sensitive, on the whole value: a plain prefix comparison.
  return `(${targets
    .map((f) =>
      f.valuesTable
        ? `EXISTS (SELECT 1 FROM ${quoteIdent(f.valuesTable)} v WHERE v.rid = t.rid AND substr(v.value, 1, length(${prefix})) = ${prefix})`
        : `substr(${compiler.column(f)}, 1, length(${prefix})) = ${prefix}`,
    )
    .join(' OR ')})`;
}

/** within_distance(f, geom'POINT(…)', 800m), and v2.0's distance() with three arguments. */
export function withinDistance(compiler: Compiler, call: Call): string {
  const name = call.name;
  const [fieldArg, pointArg, distance] = call.args;
  const field = geoField(compiler, fieldArg!, name);
  const point = queryPoint(pointArg!, name);
  if (distance!.kind !== 'Distance') return fail(`${name}() needs a distance such as 800m or 2km.`);
  const metres = distance!.value * METRES[distance!.unit]!;
  const box = inBox(compiler, field, bboxAround(point.lat, point.lon, metres));
  return `(${box} AND ${distanceSql(compiler, field, point)} <= ${compiler.bind(metres)})`;
}

/** in_bbox(f, lat1, lon1, lat2, lon2), and v2.0's bbox() with five arguments. */
export function inBboxCondition(compiler: Compiler, call: Call): string {
  const name = call.name;
  const field = geoField(compiler, call.args[0]!, name);
  const [lat1, lon1, lat2, lon2] = call.args.slice(1).map((a) => numberArg(a, name)) as [
    number,
    number,
    number,
    number,
  ];
  const box = [Math.min(lon1, lon2), Math.min(lat1, lat2), Math.max(lon1, lon2), Math.max(lat1, lat2)];
  if (field.field.type === 'geo_point_2d') return inBox(compiler, field, box);
  const polygon = JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [box[0], box[1]],
        [box[2], box[1]],
        [box[2], box[3]],
        [box[0], box[3]],
        [box[0], box[1]],
      ],
    ],
  });
  return `(${inBox(compiler, field, box)} AND ods_geo_relation(${compiler.column(field)}, NULL, NULL, ${compiler.bind(polygon)}, 'intersects') = 1)`;
}

/** intersects(), disjoint(), within(), and v2.0's polygon() and geometry(f, geom, MODE). */
export function geoRelation(compiler: Compiler, call: Call): string {
  const name = call.name;
  const field = geoField(compiler, call.args[0]!, name);
  const geometry = geometryArg(call.args[1]!, name);
  let relation: string = name === 'polygon' ? 'within' : name;
  if (name === 'geometry') {
    const mode = call.args[2];
    const word =
      mode === undefined
        ? 'INTERSECTS'
        : mode.kind === 'Field'
          ? mode.name
          : mode.kind === 'String'
            ? mode.value
            : '';
    relation = word.toLowerCase();
    if (!['intersects', 'disjoint', 'within'].includes(relation)) {
      fail('geometry() takes INTERSECTS, DISJOINT or WITHIN as its mode.');
    }
  }
  const [shape, lat, lon] = geoArgs(compiler, field);
  const exact = `ods_geo_relation(${shape}, ${lat}, ${lon}, ${compiler.bind(geometry)}, '${relation}') = 1`;
  if (relation === 'disjoint') return `(${exact})`;
  return `(${inBox(compiler, field, bboxOf(JSON.parse(geometry)))} AND ${exact})`;
}
