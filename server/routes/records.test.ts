import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetResponse, RecordResponse, RecordsResponse } from '../../common/ods-api/types';
import { fixtureRequests } from '../testing/fixture-requests';

const { get, query, names, count, cleanup } = fixtureRequests();
afterAll(cleanup);

describe('records: where', () => {
  it.each([
    ['population > 2000000', ['Paris', 'Berlin', 'Madrid', 'Rome', 'London']],
    ['country_code = "FR" AND population < 500000', ['Toulouse', 'Nantes']],
    ['country_code = "NL" OR country_code = "BE"', ['Amsterdam', 'Brussels']],
    ['country_code = "FR" AND NOT population > 600000', ['Lyon', 'Toulouse', 'Nantes']],
    [
      'country_code != "FR" AND country_code != "DE" AND country_code != "ES" AND country_code != "IT"',
      ['London', 'Liverpool', 'Amsterdam', 'Brussels', 'Zürich'],
    ],
    ['country_code IN ("NL", "CH")', ['Amsterdam', 'Zürich']],
    ['population IN [800000..900000]', ['Marseille', 'Valencia', 'Liverpool']],
    ['population IN ]864122..870731]', ['Marseille']],
    ['elevation IS NULL', ['Zürich']],
    ['coordinates IS NULL', ['Zürich']],
    ['capital', ['Paris', 'Berlin', 'Madrid', 'Rome', 'London', 'Amsterdam', 'Brussels']],
    ['capital IS FALSE AND country_code = "IT"', ['Milan', 'Naples']],
    ['"Lutetia"', ['Paris']],
    ['"londres"', ['London']],
    ['"lugdun*"', ['Lyon']],
    ['"Köln"', ['Cologne']],
    ['"koln"', ['Cologne']],
    ['alternate_names = "Berlino"', ['Berlin']],
    ['"Marsiglia" IN alternate_names', ['Marseille']],
    ['name LIKE "zur"', []],
    ['name LIKE "zürich"', ['Zürich']],
    ['startswith(name, "Ma")', ['Marseille', 'Madrid']],
    ['startswith(name, "ma")', []],
    ['suggest(name, "bar")', ['Barcelona']],
    ['search(name, "barcelonna")', ['Barcelona']],
    ['search(*, "hambrug")', ['Hamburg']],
    ["founded < date'0100'", ['Paris', 'Lyon', 'Nantes', 'Cologne', 'Barcelona', 'London']],
    ["founded >= date'1200-01-01'", ['Berlin', 'Amsterdam']],
    ['year(founded) = 1158', ['Munich']],
    ['timezone = "Europe/Rome" AND elevation > 100', ['Milan']],
    ['length(name) = 4', ['Lyon', 'Rome']],
    ['lower(name) = "paris"', ['Paris']],
    ['population / 1000 > 3000', ['Berlin', 'Madrid', 'London']],
    ['in_bbox(coordinates, 48, 2, 49, 3)', ['Paris']],
    // Lyon is 392 km from this point, Cologne 402 km.
    [
      "within_distance(coordinates, geom'POINT(2.35 48.85)', 400km)",
      ['Paris', 'Lyon', 'Nantes', 'London', 'Brussels'],
    ],
    ["distance(coordinates, geom'POINT(2.35 48.85)', 10km)", ['Paris']],
    [
      "intersects(coordinates, geom'POLYGON((-1 50, 5 50, 5 54, -1 54, -1 50))')",
      ['London', 'Amsterdam', 'Brussels'],
    ],
    [
      'within(coordinates, geom\'{"type":"Polygon","coordinates":[[[12,40],[15,40],[15,42],[12,42],[12,40]]]}\')',
      ['Rome', 'Naples'],
    ],
  ])('%s', async (where, expected) => {
    expect(await names('fixture-cities', { where })).toEqual(expected);
  });

  it('ANDs repeated where parameters', async () => {
    expect(await names('fixture-cities', { where: ['country_code = "DE"', 'population > 1000000'] })).toEqual(
      ['Berlin', 'Hamburg', 'Munich'],
    );
  });

  it('reads datetimes in the timezone parameter', async () => {
    const paris = await names(
      'fixture-events',
      { where: "starts_at >= date'2025-07-17'", timezone: 'Europe/Paris' },
      'title',
    );
    expect(paris).toEqual([
      'Puppet workshop',
      'Film night: silent classics',
      'Closing fireworks',
      'Poetry reading',
    ]);
    const utc = await names('fixture-events', { where: "starts_at < date'2025-07-15T20:00:00Z'" }, 'title');
    expect(utc).toEqual(['Opening concert', 'Jazz on the river', 'Street theatre']);
  });

  it('compares with now(), moved and set', async () => {
    expect(await count('fixture-events', { where: 'starts_at < now()' })).toBe(8);
    expect(await count('fixture-events', { where: 'starts_at > now(days=1)' })).toBe(0);
    expect(await count('fixture-events', { where: 'starts_at > now(years=-100)' })).toBe(8);
    expect(
      await count('fixture-events', {
        where: 'starts_at >= now(year=2025, month=7, day=17, hour=0, minute=0, second=0)',
      }),
    ).toBe(4);
    await get('fixture-events/records?where=starts_at < now(fortnights=1)', 400);
  });

  it('matches a geo_shape against points and boxes', async () => {
    expect(await names('fixture-regions', { where: "intersects(geo_shape, geom'POINT(7 46)')" })).toEqual([
      'Centre-east',
      'Alps',
    ]);
    expect(await names('fixture-regions', { where: "disjoint(geo_shape, geom'POINT(7 46)')" })).toEqual([
      'North-west',
    ]);
    expect(await names('fixture-regions', { where: 'in_bbox(geo_shape, 50, -10, 53, -4)' })).toEqual([
      'North-west',
    ]);
    expect(
      await names('fixture-regions', {
        where: "geometry(geo_shape, geom'POLYGON((0 40, 20 40, 20 50, 0 50, 0 40))', WITHIN)",
      }),
    ).toEqual(['Centre-east', 'Alps']);
  });
});

describe('records: select, order_by, paging', () => {
  it('writes every field type as ODS does', async () => {
    const body = await get<RecordsResponse>(`fixture-cities/records?${query({ where: 'name = "Paris"' })}`);
    const [{ record, links }] = body.records as [RecordsResponse['records'][number]];
    expect(record.id).toMatch(/^[0-9a-f]{40}$/);
    expect(record.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(record.size).toBeGreaterThan(0);
    expect(record.fields).toEqual({
      geoname_id: '2988507',
      name: 'Paris',
      alternate_names: ['Lutetia', 'Paname', 'Parigi'],
      country_code: 'FR',
      capital: true,
      population: 2138551,
      elevation: 35,
      founded: '0052-01-01',
      timezone: 'Europe/Paris',
      coordinates: { lat: 48.85341, lon: 2.3488 },
    });
    expect(links.map((l) => l.rel)).toEqual(['self', 'dataset', 'datasets']);
    const events = await get<RecordsResponse>(
      `fixture-events/records?${query({ where: 'event_id = 1', timezone: 'Europe/Paris' })}`,
    );
    expect(events.records[0]!.record.fields.starts_at).toBe('2025-07-14T19:30:00+02:00');
    const utc = await get<RecordsResponse>(`fixture-events/records?${query({ where: 'event_id = 1' })}`);
    expect(utc.records[0]!.record.fields.starts_at).toBe('2025-07-14T17:30:00+00:00');
    const regions = await get<RecordsResponse>(`fixture-regions/records?${query({ where: 'code = "NW"' })}`);
    expect(regions.records[0]!.record.fields.geo_shape).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Polygon' },
      properties: {},
    });
  });

  it('keys unaliased expressions by their text and aliased ones by their alias', async () => {
    const body = await get<RecordsResponse>(
      `fixture-cities/records?${query({
        select: 'name, population / 1000 as thousands, year(founded), upper(name)',
        where: 'name = "Rome"',
      })}`,
    );
    expect(body.records[0]!.record.fields).toEqual({
      name: 'Rome',
      thousands: 2318.895,
      'year(founded)': '753',
      'upper(name)': 'ROME',
    });
  });

  it('takes include() and exclude()', async () => {
    const include = await get<RecordsResponse>(
      `fixture-cities/records?${query({ select: 'include(c*)', limit: '1' })}`,
    );
    expect(Object.keys(include.records[0]!.record.fields)).toEqual([
      'country_code',
      'capital',
      'coordinates',
    ]);
    const exclude = await get<RecordsResponse>(
      `fixture-cities/records?${query({ select: 'exclude(*name*, c*)', limit: '1' })}`,
    );
    expect(Object.keys(exclude.records[0]!.record.fields)).toEqual([
      'population',
      'elevation',
      'founded',
      'timezone',
    ]);
  });

  it('sorts with nulls last both ways, and pages without overlap', async () => {
    const ascending = await names('fixture-cities', { order_by: 'elevation', select: 'name, elevation' });
    expect(ascending[0]).toBe('Amsterdam');
    expect(ascending.at(-1)).toBe('Zürich');
    const descending = await names('fixture-cities', { order_by: 'elevation DESC' });
    expect(descending[0]).toBe('Madrid');
    expect(descending.at(-1)).toBe('Zürich');
    const pages = [];
    for (let offset = 0; offset < 20; offset += 3) {
      pages.push(
        ...(await names('fixture-cities', { order_by: 'country_code', limit: '3', offset: String(offset) })),
      );
    }
    expect(new Set(pages).size).toBe(20);
    const random1 = await names('fixture-cities', { order_by: 'random(7)' });
    expect(await names('fixture-cities', { order_by: 'random(7)' })).toEqual(random1);
    expect(await names('fixture-cities', { order_by: 'random(8)' })).not.toEqual(random1);
  });

  it('gives links first, last, next and prev', async () => {
    const body = await get<RecordsResponse>('fixture-cities/records?limit=5&offset=5');
    const rels = Object.fromEntries(
      body.links.map((l) => [l.rel, new URL(l.href).searchParams.get('offset')]),
    );
    expect(rels).toEqual({ self: '5', first: '0', last: '15', next: '10', prev: '0' });
  });

  it('accepts the 2019 names rows, start, sort and search', async () => {
    const body = await get<RecordsResponse>(
      `fixture-cities/records?${query({ rows: '2', start: '1', sort: '-population' })}`,
    );
    expect(body.records.map((r) => r.record.fields.name)).toEqual(['Berlin', 'Madrid']);
    const search = await get<RecordsResponse>(`fixture-cities/records?${query({ search: 'paname' })}`);
    expect(search.total_count).toBe(1);
  });

  it('takes the technical fields recordid, record_timestamp and record_size in every clause', async () => {
    const all = await get<RecordsResponse>('fixture-cities/records?limit=100&order_by=country_code,recordid');
    const ids = all.records.map((r) => r.record.id);
    const [first] = all.records;
    const keyset = await get<RecordsResponse>(
      `fixture-cities/records?${query({
        select: 'recordid, name',
        where: `country_code > "${first!.record.fields.country_code}" OR (country_code = "${first!.record.fields.country_code}" AND recordid > "${first!.record.id}")`,
        order_by: 'country_code, recordid',
        limit: '100',
      })}`,
    );
    expect(keyset.records.map((r) => r.record.fields.recordid)).toEqual(ids.slice(1));
    const sized = await get<RecordsResponse>(
      `fixture-cities/records?${query({ where: 'record_size > 0', select: 'record_size' })}`,
    );
    expect(sized.total_count).toBe(20);
    expect(typeof sized.records[0]!.record.fields.record_size).toBe('number');
  });

  it('answers one record by id, and 404 for an unknown one', async () => {
    const first = await get<RecordsResponse>('fixture-cities/records?limit=1');
    const id = first.records[0]!.record.id;
    const one = await get<RecordResponse>(`fixture-cities/records/${id}?select=name`);
    expect(one.record).toMatchObject({ id, fields: { name: 'Paris' } });
    const missing = await get<{ error_code: string }>(`fixture-cities/records/${'0'.repeat(40)}`, 404);
    expect(missing.error_code).toBe('NotFoundResource');
  });
});

describe('records: refine and exclude', () => {
  it('refines and excludes on text, booleans, numbers and multivalued fields', async () => {
    expect(await count('fixture-cities', { refine: 'country_code:FR' })).toBe(5);
    expect(await count('fixture-cities', { refine: 'country_code:"FR"' })).toBe(5);
    expect(await count('fixture-cities', { refine: '`country_code`:FR' })).toBe(5);
    expect(await count('fixture-cities', { refine: ['country_code:FR', 'capital:true'] })).toBe(1);
    // country_code is disjunctive: its values are alternatives; capital is not.
    expect(await count('fixture-cities', { refine: ['country_code:FR', 'country_code:DE'] })).toBe(9);
    expect(
      await count('fixture-cities', { refine: ['country_code:FR', 'country_code:DE', 'capital:true'] }),
    ).toBe(2);
    expect(await count('fixture-cities', { refine: ['capital:true', 'capital:false'] })).toBe(0);
    expect(await count('fixture-cities', { exclude: 'country_code:FR' })).toBe(15);
    expect(await count('fixture-cities', { refine: 'population:2138551' })).toBe(1);
    expect(await count('fixture-events', { refine: 'tags:family' })).toBe(3);
    expect(await count('fixture-events', { exclude: 'tags:outdoor' })).toBe(3);
  });

  it('refines dates by year, month and day, and hierarchies by path', async () => {
    expect(await count('fixture-events', { refine: 'starts_at:2025' })).toBe(8);
    expect(await count('fixture-events', { refine: 'starts_at:2025/07' })).toBe(7);
    expect(await count('fixture-events', { refine: 'starts_at:2025/07/15' })).toBe(2);
    expect(await count('fixture-events', { refine: 'starts_at:2025/07/17', timezone: 'UTC' })).toBe(2);
    expect(await count('fixture-cities', { refine: 'founded:0600' })).toBe(2);
    expect(await count('fixture-cities', { refine: 'founded:0052' })).toBe(1);
    expect(
      await count('fixture-cities', { where: "founded >= date'0043' AND founded < date'0050-06'" }),
    ).toBe(3);
    expect(await count('fixture-cities', { refine: 'timezone:Europe' })).toBe(20);
    expect(await count('fixture-cities', { refine: 'timezone:Europe/Paris' })).toBe(5);
    expect(await count('fixture-cities', { refine: 'timezone:Europe/Par' })).toBe(0);
  });
});

describe('errors, as ODS answers them', () => {
  it.each([
    [
      'records?where=garbage==',
      'ODSQLSyntaxError',
      'ODSQL syntax exception: unexpected = at position 8 in garbage==. Clause(s) containing the error(s): where.',
    ],
    [
      'records?where=departement%3D%22x%22',
      'ODSQLError',
      'ODSQL query is malformed: Unknown field: departement. Clause(s) containing the error(s): where.',
    ],
    [
      'records?select=nom_de_l_etablissement',
      'ODSQLError',
      'ODSQL query is malformed: Unknown field: nom_de_l_etablissement. Clause(s) containing the error(s): select.',
    ],
    [
      'records?limit=1473',
      'InvalidRESTParameterError',
      'Invalid value for limit API parameter: 1473 was found but -1 <= limit <= 100 is expected.',
    ],
    [
      'records?limit=abc',
      'InvalidRESTParameterError',
      'Invalid value for limit API parameter: abc was found but -1 <= limit <= 100 is expected.',
    ],
    ['records?refine=nocolon', 'InvalidRESTParameterError', expect.stringContaining('FACETNAME:FACETVALUE')],
    ['records?timezone=Mars/Olympus', 'InvalidRESTParameterError', expect.stringContaining('Mars/Olympus')],
    [
      'records?select=name&group_by=country_code',
      'ODSQLError',
      expect.stringContaining('must be in group_by'),
    ],
    ['records?order_by=count(*)', 'ODSQLError', expect.stringContaining('group_by')],
    [
      'records?select=count(*)&group_by=country_code&order_by=country_code,count(*)',
      'ODSQLError',
      expect.stringContaining('before fields'),
    ],
    ['records?where=population > "many"', 'ODSQLError', expect.stringContaining('Expected a number')],
    [
      "records?where=within_distance(coordinates, geom'POINT(500 0)', 1km)",
      'ODSQLError',
      expect.stringContaining('outside'),
    ],
    ['facets?facet=nope', 'ODSQLError', expect.stringContaining('Unknown field: nope')],
    [
      'records?where=length(name, name) > 3',
      'ODSQLError',
      'ODSQL query is malformed: length() takes 1 argument, got 2. Clause(s) containing the error(s): where.',
    ],
    [
      'records?select=count(*)&group_by=range(population)',
      'ODSQLError',
      'ODSQL query is malformed: range() takes a field and bounds, or a field and a width, got 1. Clause(s) containing the error(s): group_by.',
    ],
    [
      // An unknown name before `(` is refused at the parenthesis, as ODS refuses `contains(`.
      'records?where=contains(name, "x")',
      'ODSQLSyntaxError',
      'ODSQL syntax exception: unexpected ( at position 8 in contains(name, "x"). Clause(s) containing the error(s): where.',
    ],
  ])('%s', async (path, code, message) => {
    const body = await get<{ error_code: string; message: string }>(`fixture-cities/${path}`, 400);
    expect(body).toEqual({ error_code: code, message });
  });

  it('checks offset + limit against 10,000', async () => {
    await get('fixture-cities/records?offset=9900&limit=100');
    const body = await get<{ error_code: string }>('fixture-cities/records?offset=9901&limit=100', 400);
    expect(body.error_code).toBe('InvalidRESTParameterError');
  });

  it('answers an unknown dataset with 404 NotFoundResource', async () => {
    for (const path of ['nope', 'nope/records', 'nope/facets', 'nope/aggregates']) {
      const body = await get<{ error_code: string; message: string }>(path, 404);
      expect(body).toEqual({ error_code: 'NotFoundResource', message: 'Unknown dataset: nope' });
    }
  });

  it('ignores unknown parameters', async () => {
    const body = await get<RecordsResponse>('fixture-cities/records?limt=1&foo=bar');
    expect(body.records).toHaveLength(10);
  });
});

describe('dataset', () => {
  it('answers the v2.0 dataset object with links', async () => {
    const body = await get<DatasetResponse>('fixture-cities');
    expect(body.dataset.dataset_id).toBe('fixture-cities');
    expect(body.dataset.metas.default.records_count).toBe(20);
    expect(body.dataset.features).toEqual(expect.arrayContaining(['geo', 'analyze']));
    expect(body.links.map((l) => l.rel)).toContain('self');
  });
});
