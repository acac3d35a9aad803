import { bboxOf } from '../../common/geo/bbox';
import type { Call } from '../../common/odsql/ast';
import type { Compiler } from './compile';
import { fail, numberArg, stringArg } from './compiled';
import { fullTextSql, textTargets } from './full-text';
import { callValue } from './functions';
import { geoArgs, geoField, geometryArg, inBox, METRES, queryPoint } from './geo';
import { bboxAround } from './geometry';

/**
 * Predicate functions in where: text search (search, suggest, startswith) and geo (within_distance,
 * in_bbox, intersects, disjoint, within, and v2.0's distance, bbox, geometry, polygon).
 */

export function predicateSql(compiler: Compiler, call: Call): string {
  const name = call.name;
  switch (name) {
    case 'search':
    case 'suggest':
    case 'startswith': {
      if (call.args.length < 2) fail(`${name}() takes field names or * and a text.`);
      const textArg = call.args[call.args.length - 1]!;
      const text = stringArg(textArg, name);
      const fields = textTargets(compiler, call.args.slice(0, -1), name);
      if (name === 'startswith') {
        const targets = fields ?? compiler.options.layout.fields.filter((f) => f.field.type === 'text');
        if (targets.length === 0) return '0';
        const prefix = compiler.bind(text);
        // Case-sensitive, on the whole value: a plain prefix comparison.
        return `(${targets
          .map((f) =>
            f.valuesTable
              ? `EXISTS (SELECT 1 FROM "${f.valuesTable}" v WHERE v.rid = t.rid AND substr(v.value, 1, length(${prefix})) = ${prefix})`
              : `substr(${compiler.column(f)}, 1, length(${prefix})) = ${prefix}`,
          )
          .join(' OR ')})`;
      }
      return fullTextSql(compiler, text, fields, name === 'suggest' ? 'prefix' : 'fuzzy');
    }
    case 'within_distance':
    case 'distance': {
      const args = compiler.args(call, 3);
      const field = geoField(compiler, args[0]!, name);
      const point = queryPoint(args[1]!, name);
      const distance = args[2]!;
      if (distance.kind !== 'Distance') return fail(`${name}() needs a distance such as 800m or 2km.`);
      const metres = distance.value * METRES[distance.unit]!;
      const box = inBox(compiler, field, bboxAround(point.lat, point.lon, metres));
      const exact =
        field.field.type === 'geo_point_2d'
          ? `ods_distance(t."${field.latColumn}", t."${field.lonColumn}", ${compiler.bind(point.lat)}, ${compiler.bind(point.lon)})`
          : `ods_shape_distance(${compiler.column(field)}, ${compiler.bind(point.lat)}, ${compiler.bind(point.lon)})`;
      return `(${box} AND ${exact} <= ${compiler.bind(metres)})`;
    }
    case 'in_bbox':
    case 'bbox': {
      const args = compiler.args(call, 5);
      const field = geoField(compiler, args[0]!, name);
      const [lat1, lon1, lat2, lon2] = args.slice(1).map((a) => numberArg(a, name)) as [
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
    case 'intersects':
    case 'disjoint':
    case 'within':
    case 'geometry':
    case 'polygon': {
      const args = compiler.args(call, 2, name === 'geometry' ? 3 : 2);
      const field = geoField(compiler, args[0]!, name);
      const geometry = geometryArg(args[1]!, name);
      let relation: string = name === 'polygon' ? 'within' : name;
      if (name === 'geometry') {
        const mode = args[2];
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
    default: {
      const compiled = callValue(compiler, call);
      if (compiled.kind !== 'boolean') fail(`${call.rawName}() is not a condition.`);
      return compiled.sql[0]!;
    }
  }
}
