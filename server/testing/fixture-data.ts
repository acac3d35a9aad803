import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { FIXTURE_PORTAL_DIR } from './fixture-portal';

/**
 * The fixture portal's source files read directly, so tests can state what an answer should hold
 * without asking the portal: the cities' rows as written in their CSV, and the number of datasets.
 */

export interface FixtureCity {
  geoname_id: string;
  name: string;
  alternate_names: string;
  country_code: string;
  capital: string;
  population: string;
  elevation: string;
  founded: string;
  timezone: string;
  coordinates: string;
}

export function fixtureCities(): FixtureCity[] {
  const text = readFileSync(join(FIXTURE_PORTAL_DIR, 'cities', 'data.csv'), 'utf8');
  return Papa.parse<FixtureCity>(text, { header: true, delimiter: ';', skipEmptyLines: true }).data;
}

/** Every dataset of the portal folder: a sub-folder or a data file each; portal.json is the portal's own. */
export function fixtureDatasetCount(): number {
  return readdirSync(FIXTURE_PORTAL_DIR).filter((entry) => entry !== 'portal.json').length;
}
