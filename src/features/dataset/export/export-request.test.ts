import { describe, expect, it } from 'vitest';
import type { DatasetField } from '../../../../common/ods-api/types';
import { exportUrl } from '../../../api/exports';
import { setCurrentLocale } from '../../../i18n/locale';
import { parseSearchString } from '../../../lib/search-codec';
import { parseDatasetSearch } from '../dataset-search-params';
import { viewFilter } from '../view-filter';
import { formatInfo, knownFormat, neededField, shownFormats, unavailableReason } from './export-formats';
import { estimateSize } from './export-queries';
import { DEFAULT_OPTIONS, exportBaseName, exportParams } from './export-request';

const schemaField = (name: string, type: DatasetField['type']): DatasetField => ({
  name,
  label: name,
  type,
  annotations: {},
  description: null,
});
const FIELDS = [
  schemaField('name', 'text'),
  schemaField('population', 'int'),
  schemaField('centre', 'geo_point_2d'),
  schemaField('outline', 'geo_shape'),
];
const TARGET = { portal: '', apiVersion: '2.0' as const };
const parse = (query: string) => parseDatasetSearch(parseSearchString(query));

describe('exportParams', () => {
  const search = parse('?refine=country:FR&q=saint&sort=-population');
  const view = {
    filter: viewFilter(search, FIELDS),
    orderBy: 'population DESC',
    columns: ['name', 'population'],
  };

  it('exports the view: its filter, order and visible columns, with the CSV options named as the API names them', () => {
    const params = exportParams(formatInfo('csv'), FIELDS, view, 'view', {
      ...DEFAULT_OPTIONS,
      delimiter: ',',
    });
    const url = new URL(exportUrl(TARGET, 'cities', 'csv', params), 'http://portal.test');
    expect(url.pathname).toBe('/api/v2/catalog/datasets/cities/exports/csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      delimiter: ',',
      order_by: 'population DESC',
      refine: 'country:FR',
      select: 'name, population',
      where: '"saint"',
      with_bom: 'true',
    });
  });

  it('exports the whole dataset without the filter, order or columns, and keeps a format to its own options', () => {
    const options = {
      ...DEFAULT_OPTIONS,
      limit: 500,
      timezone: 'Europe/Paris',
      compressed: true,
      use_labels: true,
    };
    const params = exportParams(formatInfo('geojson'), FIELDS, view, 'dataset', options);
    expect(params).toEqual({ limit: 500, timezone: 'Europe/Paris', compressed: true });
  });

  it('adds the geometry a geo format needs when the visible columns lack it: the shape first', () => {
    const params = exportParams(formatInfo('kml'), FIELDS, view, 'view', DEFAULT_OPTIONS);
    expect(params.select).toBe('name, population, outline');
    expect(neededField(formatInfo('gpx'), FIELDS, ['centre'])).toBeNull();
    expect(neededField(formatInfo('csv'), FIELDS, ['name'])).toBeNull();
  });

  it('sends the gpx naming options only for gpx', () => {
    const options = { ...DEFAULT_OPTIONS, name_field: 'name', description_field_list: ['population'] };
    expect(exportParams(formatInfo('gpx'), FIELDS, view, 'dataset', options)).toEqual({
      name_field: 'name',
      description_field_list: 'population',
      use_extension: false,
    });
    expect(exportParams(formatInfo('json'), FIELDS, view, 'dataset', options)).toEqual({});
  });
});

describe('exportBaseName', () => {
  it('names the file after the dataset and what filters the view', () => {
    const search = parse('?refine=country_code:FR&exclude=feature_code:PPLX&q=Saint Étienne&where=x>1');
    expect(exportBaseName('cities', search, 'view')).toBe(
      'cities_country_code-FR_not-feature_code-PPLX_q-Saint-Etienne_where',
    );
    expect(exportBaseName('cities', search, 'dataset')).toBe('cities');
    expect(exportBaseName('cities', parse('?sort=name'), 'view')).toBe('cities');
  });

  it('keeps a long name under 120 characters', () => {
    const refine = Array.from({ length: 20 }, (_, i) => `refine=tag:value-${i}`).join('&');
    const name = exportBaseName('cities', parse(`?${refine}`), 'view');
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name).toMatch(/^cities_tag-value-0_/);
    expect(name).not.toMatch(/[-_]$/);
  });
});

describe('formats', () => {
  const offered = new Set(['csv', 'json', 'geojson', 'shp'] as const);

  it('says why a format is unavailable', () => {
    const noGeo = FIELDS.filter((f) => !f.type.startsWith('geo'));
    expect(unavailableReason(formatInfo('geojson'), noGeo, offered, 10)).toBe('No geo field in this dataset');
    expect(unavailableReason(formatInfo('ical'), FIELDS, offered, 10)).toBe('No date field in this dataset');
    expect(unavailableReason(formatInfo('kml'), FIELDS, offered, 10)).toBe(
      'This portal does not offer it for this dataset',
    );
    expect(unavailableReason(formatInfo('shp'), FIELDS, offered, 50_000)).toBeNull();
    expect(unavailableReason(formatInfo('shp'), FIELDS, offered, 50_001)).toMatch(/at most 50,000 records/);
    expect(unavailableReason(formatInfo('csv'), FIELDS, null, undefined)).toBeNull();
  });

  it('describes formats and reasons in the language in force', () => {
    setCurrentLocale('fr');
    try {
      expect(formatInfo('xls')).toMatchObject({ label: 'Classeur Excel', suits: 'Excel, LibreOffice' });
      expect(formatInfo('geojson')).toMatchObject({ label: 'GeoJSON', suits: 'SIG, cartes web' });
      expect(unavailableReason(formatInfo('shp'), FIELDS, offered, 50_001)).toBe(
        'Un shapefile contient au plus 50\u202f000 enregistrements\u202f; cet export en compte 50\u202f001',
      );
    } finally {
      setCurrentLocale('en');
    }
  });

  it("reads v2.1's xlsx as the workbook and ignores formats it does not know", () => {
    expect(knownFormat('xlsx')).toBe('xls');
    expect(knownFormat('parquet')).toBeNull();
    expect(shownFormats()[0]!.name).toBe('csv');
  });

  it('estimates the size from a sample: the frame once, the rows scaled', () => {
    expect(estimateSize({ head: 100, sample: 2100, rows: 200 }, 10_000)).toBe(100_100);
    expect(estimateSize({ head: 100, sample: 100, rows: 0 }, 0)).toBe(100);
  });
});
