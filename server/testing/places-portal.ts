import { syncPortal } from '../store/ingest';
import type { DatasetLayout } from '../store/layout';
import { quoteIdent } from '../store/sql-ident';
import type { Store } from '../store/store';
import type { TempPortal } from './temp-portal';

/**
 * Test support for the ingest tests: a small "places" dataset (six rows of every common field
 * type: a multivalued tag, a datetime read in the dataset's timezone, a yes/oui/no boolean, a geo
 * point, a duplicated row) written into a temporary portal, synced at a fixed clock, and read back
 * from the store's own tables.
 */

export const FIXED_NOW = () => new Date('2025-01-02T03:04:05.678Z');

export const PLACES = {
  dataset_id: 'places',
  metas: {
    default: {
      title: 'Places',
      description: '<p>Test places.</p>',
      timezone: 'Europe/Paris',
      license: 'CC0 1.0',
    },
  },
  fields: [
    { name: 'name', label: 'Name', type: 'text', annotations: { sortable: [] } },
    { name: 'kind', label: 'Kind', type: 'text', annotations: { facet: [] } },
    { name: 'tags', label: 'Tags', type: 'text', annotations: { facet: [], multivalued: ['|'] } },
    { name: 'population', label: 'Population', type: 'int', annotations: {} },
    { name: 'visited', label: 'Visited', type: 'datetime', annotations: {} },
    { name: 'open', label: 'Open', type: 'boolean', annotations: {} },
    { name: 'position', label: 'Position', type: 'geo_point_2d', annotations: {} },
  ],
};

const HEADER = 'name;kind;tags;population;visited;open;position';

export const PLACES_ROWS = [
  'Zürich;city;lake|bank|lake;341730;2024-05-01 10:00;yes;47.36667, 8.55',
  'Genève;city;lake|un;201818;2024-05-02T09:30:00Z;oui;46.20222, 6.14569',
  'Saint-Étienne;city;;171057;;no;45.43389, 4.39',
  'Mont Blanc;peak;snow;;2024-05-03;;45.8326, 6.8652',
  'Mont Blanc;peak;snow;;2024-05-03;;45.8326, 6.8652',
  'Lac Léman;lake;lake|un;;;false;46.45, 6.53',
];

export function writePlaces(portal: TempPortal, rows = PLACES_ROWS): void {
  portal.write('places/dataset.json', PLACES);
  portal.write('places/data.csv', `${[HEADER, ...rows].join('\n')}\n`);
}

/** Syncs the portal at FIXED_NOW, its log lines into `lines`. */
export function sync(portal: TempPortal, lines: string[] = []) {
  return syncPortal(portal.store, portal.dir, { log: (line) => lines.push(line), now: FIXED_NOW });
}

/** The rows of a dataset's table (or a snapshot's), in record order. */
export function rows(store: Store, layout: DatasetLayout, columns = '*'): Record<string, unknown>[] {
  return store.db.prepare(`SELECT ${columns} FROM ${quoteIdent(layout.table)} ORDER BY rid`).all() as Record<
    string,
    unknown
  >[];
}

export function tableExists(store: Store, name: string): boolean {
  const found = store.db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = ?`).get(name) as {
    n: number;
  };
  return found.n === 1;
}
