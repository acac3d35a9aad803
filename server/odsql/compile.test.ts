import { describe, expect, it } from 'vitest';
import { parseWhere } from '../../common/odsql/parser';
import { Compiler } from './compile';
import { db, layout } from './compile-layout.test-support';
import { OdsqlSemanticError } from './compiled';
import { QueryTimeoutError, withDeadline } from './sql-functions';

function compileWhere(text: string, timezone = 'UTC') {
  const compiler = new Compiler({ layout, db, timezone, lang: 'en' });
  const sql = compiler.condition(parseWhere(text).condition);
  return { sql, params: Object.values(compiler.params) };
}

describe('compiler: where → SQL with bound values', () => {
  it.each([
    ['population > 10', '(t."c_population" > @p0)', [10]],
    ['10 < population', '(t."c_population" > @p0)', [10]],
    ['name = "Paris"', '(t."c_name" = @p0)', ['Paris']],
    ['name = 75', '(t."c_name" = @p0)', ['75']],
    ['population = "12"', '(t."c_population" = @p0)', [12]],
    ["born >= date'1972'", '(t."c_born" >= @p0)', ['1972-01-01']],
    ["born < '2001/02/03'", '(t."c_born" < @p0)', ['2001-02-03']],
    ["seen >= date'2020-01-01T10:00:00Z'", '(t."c_seen" >= @p0)', [Date.UTC(2020, 0, 1, 10)]],
    ['seen > 2020', '(t."c_seen" > @p0)', [Date.UTC(2020, 0, 1)]],
    ['open', '(t."c_open" = 1)', []],
    ['open = false', '(t."c_open" = @p0)', [0]],
    ['open IS TRUE', '(t."c_open" = 1)', []],
    ['name IS NOT NULL', '(t."c_name" IS NOT NULL)', []],
    ['NOT population = 1', '(NOT coalesce((t."c_population" = @p0), 0))', [1]],
    [
      'population = 1 OR population = 2 AND open',
      '((t."c_population" = @p0) OR ((t."c_population" = @p1) AND (t."c_open" = 1)))',
      [1, 2],
    ],
    ['name IN ("a", "b")', '(t."c_name" IN (@p0, @p1))', ['a', 'b']],
    ['population IN [1..5[', '((t."c_population" >= @p0) AND (t."c_population" < @p1))', [1, 5]],
    ['tags = "x"', 'EXISTS (SELECT 1 FROM "mv_test_tags_1" v WHERE v.rid = t.rid AND v.value = @p0)', ['x']],
    ['"x" IN tags', 'EXISTS (SELECT 1 FROM "mv_test_tags_1" v WHERE v.rid = t.rid AND v.value = @p0)', ['x']],
    [
      '"paris 2024"',
      't.rid IN (SELECT rowid FROM "fts_test_1" WHERE "fts_test_1" MATCH @p0)',
      ['"paris" "2024"'],
    ],
    ['"film*"', 't.rid IN (SELECT rowid FROM "fts_test_1" WHERE "fts_test_1" MATCH @p0)', ['"film"*']],
    [
      'suggest(name, "par")',
      't.rid IN (SELECT rowid FROM "fts_test_1" WHERE "fts_test_1" MATCH @p0)',
      ['{name} : ("par"*)'],
    ],
    [
      'name LIKE "star wars"',
      't.rid IN (SELECT rowid FROM "fts_test_1" WHERE "fts_test_1" MATCH @p0)',
      ['{name} : ("star" "wars")'],
    ],
    ['startswith(name, "Pa")', '(substr(t."c_name", 1, length(@p0)) = @p0)', ['Pa']],
    ['population * 2 > 10', '((t."c_population" * @p0) > @p1)', [2, 10]],
    [
      'population / 0 IS NULL',
      '((CASE WHEN @p0 = 0 THEN NULL ELSE CAST(t."c_population" AS REAL) / @p0 END) IS NULL)',
      [0],
    ],
    [
      'in_bbox(location, 48, 2, 49, 3)',
      '(t."c_location_lat" BETWEEN @p0 AND @p1 AND t."c_location_lon" BETWEEN @p2 AND @p3)',
      [48, 49, 2, 3],
    ],
  ])('%s', (where, sql, params) => {
    const compiled = compileWhere(where);
    expect(compiled.sql).toBe(sql);
    expect(compiled.params).toEqual(params);
  });

  it('finds a shape in a box through its R*Tree first', () => {
    const compiled = compileWhere('in_bbox(outline, 48, 2, 49, 3)');
    expect(compiled.sql).toContain(
      't.rid IN (SELECT id FROM "g_outline" WHERE max_lon >= @p0 AND min_lon <= @p1 AND max_lat >= @p2 AND min_lat <= @p3)',
    );
    expect(compiled.params.slice(0, 4)).toEqual([2, 3, 48, 49]);
  });

  it('reads date literals in the timezone parameter', () => {
    expect(compileWhere("seen >= date'2020-07-01'", 'Europe/Paris').params).toEqual([
      Date.UTC(2020, 5, 30, 22),
    ]);
  });

  it('never puts a value into the SQL text', () => {
    const { sql } = compileWhere(`name = "x'); DROP TABLE r_test_1; --" OR "evil\\" OR 1=1"`);
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('evil');
  });

  it.each([
    ['nope = 1', 'Unknown field: nope.'],
    ['population > "many"', 'Expected a number, got "many".'],
    ['location = 1', 'use a geo function'],
    ['population', 'not a boolean'],
    ['count(*) > 1', 'Aggregations cannot be used in where.'],
    ["within_distance(location, geom'LINESTRING(0 0, 1 1)', 1km)", 'needs a POINT'],
    ["within_distance(location, geom'POINT(0 0)', 5)", 'needs a distance'],
    ['search(population, "x")', 'searches text fields'],
  ])('refuses %s', (where, message) => {
    expect(() => compileWhere(where)).toThrow(OdsqlSemanticError);
    expect(() => compileWhere(where)).toThrow(message);
  });
});

describe('query time limit', () => {
  it('stops a query that runs past its deadline', () => {
    const endless = db.prepare(
      'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n WHERE ((x & 1023) != 0 OR ods_deadline())',
    );
    const started = Date.now();
    expect(() => withDeadline(100, () => endless.get())).toThrow(QueryTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
