import { describe, expect, it } from 'vitest';
import {
  datasetIdFromFileName,
  fieldNameFrom,
  inferCsvSchema,
  inferGeoJsonSchema,
  titleFromFileName,
} from './infer-schema';

function typesOf(schema: ReturnType<typeof inferCsvSchema>) {
  return Object.fromEntries(schema.fields.map((f) => [f.name, f.type]));
}

describe('schema inference', () => {
  it('recognises every scalar type, keeping codes with leading zeros as text', () => {
    const header = ['Zip', 'Count', 'Ratio', 'Open', 'Day', 'Seen at', 'Where', 'Shape', 'Note'];
    const rows = [
      [
        '00501',
        '3',
        '1.5',
        'yes',
        '2024-01-02',
        '2024-01-02T10:00:00Z',
        '48.8, 2.3',
        '{"type":"Point","coordinates":[2,48]}',
        'a',
      ],
      [
        '10001',
        '-4',
        '2',
        'no',
        '2024-01-03',
        '2024-01-03 11:30',
        '-33.9, 18.4',
        '{"type":"Point","coordinates":[3,47]}',
        'b',
      ],
      ['', '', '', '', '', '', '', '', ''],
    ];
    const schema = inferCsvSchema(header, rows);
    expect(typesOf(schema)).toEqual({
      zip: 'text',
      count: 'int',
      ratio: 'double',
      open: 'boolean',
      day: 'date',
      seen_at: 'datetime',
      where: 'geo_point_2d',
      shape: 'geo_shape',
      note: 'text',
    });
    expect(schema.fields.find((f) => f.name === 'seen_at')?.label).toBe('Seen at');
    expect(schema.fields.find((f) => f.name === 'count')?.annotations).toEqual({ sortable: [] });
    expect(schema.fields.find((f) => f.name === 'day')?.annotations).toEqual({ sortable: [] });
  });

  it('joins a latitude/longitude column pair into one geo_point_2d field', () => {
    const schema = inferCsvSchema(
      ['name', 'Latitude', 'Longitude', 'n'],
      [
        ['a', '48.85', '2.35', '1'],
        ['b', '-33.9', '151.2', '2'],
      ],
    );
    expect(schema.fields.map((f) => [f.name, f.type])).toEqual([
      ['name', 'text'],
      ['coordinates', 'geo_point_2d'],
      ['n', 'int'],
    ]);
    expect(schema.sources.get('coordinates')).toEqual({ kind: 'lat-lon', lat: 'Latitude', lon: 'Longitude' });
  });

  it('leaves a pair out of range as numbers', () => {
    const schema = inferCsvSchema(['lat', 'lon'], [['120', '10']]);
    expect(typesOf(schema)).toEqual({ lat: 'int', lon: 'int' });
  });

  it('makes low-cardinality text a facet, and unique text not', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`name ${i}`, ['red', 'green', 'blue'][i % 3]!]);
    const schema = inferCsvSchema(['name', 'colour'], rows);
    expect(schema.fields.map((f) => [f.name, f.annotations])).toEqual([
      ['name', {}],
      ['colour', { facet: [] }],
    ]);
  });

  it('makes text with more than 50 distinct values no facet, however repeated', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [`value ${i % 60}`]);
    expect(inferCsvSchema(['v'], rows).fields[0]?.annotations).toEqual({});
  });

  it('names fields as ODSQL can use them, and keeps names unique', () => {
    expect(fieldNameFrom('Température (°C)', 0)).toBe('temperature_c');
    expect(fieldNameFrom('  ', 3)).toBe('field_4');
    const schema = inferCsvSchema(['A b', 'a-b', ''], [['1', '2', '3']]);
    expect(schema.fields.map((f) => f.name)).toEqual(['a_b', 'a_b_2', 'field_3']);
  });

  it('infers GeoJSON: the geometry first, then the properties', () => {
    const features = [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [2, 48] },
        properties: { Name: 'x', count: 2, tags: ['a', 'b'], extra: { k: 1 } },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [3, 49] },
        properties: { Name: 'y', count: 3.5, tags: ['b', 'a'], extra: null },
      },
    ];
    const points = inferGeoJsonSchema(features);
    expect(points.fields.map((f) => [f.name, f.type, f.annotations])).toEqual([
      ['geo_point_2d', 'geo_point_2d', {}],
      ['name', 'text', {}],
      ['count', 'double', { sortable: [] }],
      ['tags', 'text', { multivalued: [','], facet: [] }],
      ['extra', 'json_blob', {}],
    ]);
    expect(points.sources.get('geo_point_2d')).toEqual({ kind: 'geometry' });
    expect(points.sources.get('name')).toEqual({ kind: 'key', key: 'Name' });
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    const shapes = inferGeoJsonSchema([...features, { type: 'Feature', geometry: polygon, properties: {} }]);
    expect(shapes.fields[0]).toMatchObject({ name: 'geo_shape', type: 'geo_shape' });
  });

  it('derives dataset ids and titles from file names', () => {
    expect(datasetIdFromFileName('Bike counters 2024.csv')).toBe('bike-counters-2024');
    expect(datasetIdFromFileName('bikeCounters_été.geojson')).toBe('bike-counters-ete');
    expect(titleFromFileName('bike-counters_2024.csv')).toBe('Bike counters 2024');
  });
});
