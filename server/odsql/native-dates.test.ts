import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetField, FieldType } from '../../common/ods-api/types';
import type { SelectItem } from '../../common/odsql/ast';
import { parseGroupBy, parseSelect } from '../../common/odsql/parser';
import { utc } from '../../common/time/zoned-time';
import type { DatasetLayout, FieldLayout } from '../store/layout';
import { Compiler } from './compile';
import { registerSqlFunctions } from './sql-functions';

/**
 * The SQL that native-dates.ts writes against our JavaScript functions, value by value: each
 * expression compiled for UTC must give what the `ods_…` call it replaces gives, for instants and
 * calendar days across and beyond the years SQLite formats.
 */

function field(name: string, type: FieldType): FieldLayout {
  const f: DatasetField = { name, label: name, type, description: null, annotations: {} };
  return {
    field: f,
    column: `c_${name}`,
    latColumn: null,
    lonColumn: null,
    valuesTable: null,
    separator: null,
    rtreeTable: null,
    fullText: false,
    ftsColumn: null,
  };
}

const layout: DatasetLayout = {
  datasetId: 'dates',
  table: 'r_dates',
  ftsTable: null,
  timezone: 'UTC',
  generation: 1,
  fields: [field('seen', 'datetime'), field('born', 'date')],
};

const db = new Database(':memory:');
registerSqlFunctions(db);
db.exec('CREATE TABLE r_dates (rid INTEGER PRIMARY KEY, c_seen INTEGER, c_born TEXT)');
afterAll(() => db.close());

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dayText = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
};

/** Instants around the edges that matter: the epoch, month and year ends, and SQLite's range. */
const EDGES = [
  0,
  -1,
  1,
  utc(2024, 2, 29, 23, 59, 59, 999),
  utc(2024, 3, 1),
  utc(1969, 12, 31, 23, 59, 59, 999),
  utc(2000, 1, 1) - 1,
  utc(0, 1, 1),
  utc(0, 1, 1) - 1,
  utc(9999, 12, 31, 23, 59, 59, 999),
  utc(10_000, 1, 1),
  utc(-44, 3, 15, 12),
];

function fill(instants: readonly number[]): void {
  db.exec('DELETE FROM r_dates');
  const insert = db.prepare('INSERT INTO r_dates (c_seen, c_born) VALUES (?, ?)');
  // Every fifth row is empty, for the NULL branch; days only within the years a date field holds.
  instants.forEach((ms, k) => {
    const empty = k % 5 === 4;
    const day = ms >= utc(0, 1, 1) && ms <= utc(10_000, 1, 1) - 1 ? dayText(ms) : null;
    insert.run(empty ? null : ms, empty ? null : day);
  });
}

function compileValue(expr: string, timezone = 'UTC') {
  const compiler = new Compiler({ layout, db, timezone, lang: 'en' });
  const item = parseSelect(expr).items[0] as SelectItem;
  return { compiler, compiled: compiler.value(item.expr) };
}

function rows(sql: string, params: Record<string, unknown>): unknown[][] {
  return db.prepare(`SELECT ${sql} FROM r_dates t ORDER BY rid`).raw(true).all(params) as unknown[][];
}

/**
 * The whole expression equals the JavaScript call on every row; its SQLite branch alone (the
 * fallback cut out) equals it on every row it answers, and it answers every row in years 0–9999,
 * so the test compares SQLite's arithmetic and not the fallback with itself.
 */
function expectSame(sql: string, javascript: string, params: Record<string, unknown>): void {
  expect(sql).toMatch(/^\(CASE WHEN .* ELSE .*ods_.* END\)$/);
  const nativeOnly = sql.replace(/ ELSE (?!.* ELSE ).* END\)$/, ' ELSE NULL END)');
  expect(nativeOnly).not.toContain('ods_');
  const got = rows(`${sql}, ${nativeOnly}, ${javascript}`, params);
  expect(got.map((row) => row[0])).toEqual(got.map((row) => row[2]));
  const answered = got.filter((row) => row[1] !== null);
  expect(answered.map((row) => row[1])).toEqual(answered.map((row) => row[2]));
  // The rows holding a day are those whose instant SQLite can read (fill() below).
  expect(answered.length).toBe(db.prepare('SELECT count(c_born) FROM r_dates').pluck().get());
}

const instants = fc.array(fc.integer({ min: utc(-200, 1, 1), max: utc(10_200, 1, 1) }), {
  minLength: 50,
  maxLength: 200,
});

describe('native date SQL gives what the JavaScript functions give', () => {
  const check = (work: () => void) =>
    fc.assert(
      fc.property(instants, (values) => {
        fill([...EDGES, ...values]);
        work();
      }),
      { numRuns: 6, seed: 20_261_202 },
    );

  const PARTS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'quarter', 'dayofweek'];

  it('date parts of datetimes and dates', () => {
    check(() => {
      for (const part of PARTS) {
        for (const [column, js] of [
          ['seen', `ods_part(t.c_seen, 'UTC', '${part}')`],
          ['born', `ods_date_part(t.c_born, '${part}')`],
        ] as const) {
          const { compiler, compiled } = compileValue(`${part}(${column})`);
          expectSame(compiled.sql[0]!, js, compiler.params);
        }
      }
    });
  });

  it('date_format() with numeric patterns, and no rewrite of names or weeks', () => {
    check(() => {
      for (const pattern of ['yyyy-MM', 'yyyy', "yyyy-MM-dd'T'HH:mm:ss", 'dd/MM/yyyy HH%', "'Q' yyyy"]) {
        for (const [column, js] of [
          ['seen', `ods_date_format(t.c_seen, 'UTC', '${pattern.replaceAll("'", "''")}', 'en')`],
          ['born', `ods_date_format(ods_date_ms(t.c_born), 'UTC', '${pattern.replaceAll("'", "''")}', 'en')`],
        ] as const) {
          const { compiler, compiled } = compileValue(`date_format(${column}, "${pattern}")`);
          expectSame(compiled.sql[0]!, js, compiler.params);
        }
      }
    });
    for (const pattern of ['MMMM yyyy', 'xxxx-ww', 'EEEE', 'yy', 'M']) {
      expect(compileValue(`date_format(seen, "${pattern}")`).compiled.sql[0]).toMatch(/^ods_date_format/);
    }
  });

  it('range() buckets of every unit', () => {
    check(() => {
      for (const width of ['250 ms', '1 s', '15 m', '7 h', '1 d', '3 d', '1 w', '1 M', '1 q', '1 y']) {
        for (const [column, ms] of [
          ['seen', 't.c_seen'],
          ['born', 'ods_date_ms(t.c_born)'],
        ] as const) {
          const compiler = new Compiler({ layout, db, timezone: 'UTC', lang: 'en' });
          const key = compiler.groupKey(parseGroupBy(`range(${column}, ${width})`).items[0]!);
          const [value, unit] = width.split(' ');
          const units: Record<string, string> = {
            ms: 'millisecond',
            s: 'second',
            m: 'minute',
            h: 'hour',
            d: 'day',
            w: 'week',
            M: 'month',
            q: 'quarter',
            y: 'year',
          };
          expectSame(key.group[0]!, `ods_trunc(${ms}, 'UTC', '${units[unit!]}', ${value})`, {
            ...compiler.params,
          });
        }
      }
    });
  });

  it('keeps the JavaScript functions in other time zones and for expressions', () => {
    expect(compileValue('month(seen)', 'Europe/Paris').compiled.sql[0]).toMatch(/^ods_part\(/);
    expect(compileValue('date_format(seen, "yyyy-MM")', 'Europe/Paris').compiled.sql[0]).toMatch(
      /^ods_date_format\(/,
    );
    expect(compileValue('year(now())').compiled.sql[0]).toMatch(/^ods_part\(/);
    // A date has no zone: its parts are the same SQL whatever the query's time zone.
    expect(compileValue('month(born)', 'Europe/Paris').compiled.sql[0]).not.toMatch(/^ods_/);
  });
});
