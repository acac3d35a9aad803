import { afterEach, describe, expect, it } from 'vitest';
import { tempPortal } from '../testing/temp-portal';
import { readPortalFolder, sourceFiles } from './portal-folder';

let portal: ReturnType<typeof tempPortal> | undefined;
afterEach(() => {
  portal?.cleanup();
  portal = undefined;
});

const descriptor = (id: string) => ({
  dataset_id: id,
  metas: { default: { title: `Title of ${id}` } },
  fields: [{ name: 'n', label: 'N', type: 'int', annotations: {} }],
});

describe('portal folder', () => {
  it('reads the fixture portal: portal.json, three dataset folders and a bare CSV', () => {
    const source = readPortalFolder('tests/fixtures/portal');
    expect(source.info).toEqual({
      title: 'Fixture portal',
      description: 'A small portal that the tests run against.',
      language: 'en',
    });
    expect(source.problems).toEqual([]);
    expect(source.datasets.map((d) => [d.datasetId, d.kind])).toEqual([
      ['bike-counters', 'inferred'],
      ['fixture-cities', 'folder'],
      ['fixture-events', 'folder'],
      ['fixture-regions', 'folder'],
    ]);
    const cities = source.datasets.find((d) => d.datasetId === 'fixture-cities')!;
    expect(cities.dataFile.endsWith('cities/data.csv')).toBe(true);
    expect(cities.descriptor?.fields.map((f) => f.name)).toContain('alternate_names');
    expect(cities.reusesFile?.endsWith('cities/reuses.json')).toBe(true);
    expect(sourceFiles(cities).map((f) => [f.path.split('/cities/')[1], f.role])).toEqual([
      ['dataset.json', 'descriptor'],
      ['data.csv', 'data'],
      ['attachments/population.notes.md', 'metadata'],
      ['attachments/sources.txt', 'metadata'],
      ['reuses.json', 'metadata'],
    ]);
  });

  it('treats bare .csv and .geojson files, and folders without dataset.json, as inferred datasets', () => {
    portal = tempPortal();
    portal.write('Bike Counters.csv', 'a,b\n1,2\n');
    portal.write('zones.GEOJSON', { type: 'FeatureCollection', features: [] });
    portal.write('notes.txt', 'not a dataset');
    portal.write('.hidden.csv', 'a\n1\n');
    portal.write('trees/data.json', [{ a: 1 }]);
    portal.write('empty-folder/readme.txt', 'nothing here');
    const source = readPortalFolder(portal.dir);
    expect(source.info.title).toBe('ODS portal');
    expect(source.datasets.map((d) => [d.datasetId, d.kind, d.dataFile.split('/portal/')[1]])).toEqual([
      ['bike-counters', 'inferred', 'Bike Counters.csv'],
      ['trees', 'inferred', 'trees/data.json'],
      ['zones', 'inferred', 'zones.GEOJSON'],
    ]);
  });

  it('reports a broken dataset.json, an unknown type, a missing data file and a duplicate id', () => {
    portal = tempPortal();
    portal.write('a/dataset.json', '{ "dataset_id": "a", ');
    portal.write('a/data.csv', 'n\n1\n');
    portal.write('b/dataset.json', {
      ...descriptor('b'),
      fields: [{ name: 'n', type: 'integer' }],
    });
    portal.write('b/data.csv', 'n\n1\n');
    portal.write('c/dataset.json', descriptor('c'));
    portal.write('d/dataset.json', descriptor('e'));
    portal.write('d/data.csv', 'n\n1\n');
    portal.write('e/dataset.json', descriptor('e'));
    portal.write('e/data.csv', 'n\n1\n');
    const source = readPortalFolder(portal.dir);
    expect(source.datasets.map((d) => d.datasetId)).toEqual(['e']);
    const relative = (message: string) => message.split(`${portal!.dir}/`).join('');
    expect(source.problems.map((p) => [p.datasetId, relative(p.message)])).toEqual([
      [null, expect.stringMatching(/^a\/dataset\.json: invalid JSON/)],
      [
        null,
        'b/dataset.json: field "n" has type "integer"; expected one of text, int, double, boolean, date, datetime, geo_point_2d, geo_shape, file, json_blob',
      ],
      ['c', 'c: no data.csv, data.json or data.geojson'],
      [null, 'e: dataset id "e" is already used by d; skipped'],
    ]);
  });

  it('refuses field names ODSQL cannot use and names declared twice', () => {
    portal = tempPortal();
    portal.write('x/dataset.json', { ...descriptor('x'), fields: [{ name: 'my field', type: 'text' }] });
    portal.write('x/data.csv', 'n\n1\n');
    portal.write('y/dataset.json', {
      ...descriptor('y'),
      fields: [
        { name: 'N', type: 'int' },
        { name: 'n', type: 'int' },
      ],
    });
    portal.write('y/data.csv', 'n\n1\n');
    const messages = readPortalFolder(portal.dir).problems.map((p) => p.message);
    expect(messages[0]).toMatch(/fields\[0\]\.name must be letters, digits and underscores, got "my field"/);
    expect(messages[1]).toMatch(/field "n" is declared twice/);
  });
});
