import { describe, expect, it } from 'vitest';
import { readOv2 } from '../testing/read-back';
import { cellText, guardFormula } from './columns';
import { dbfFieldNames, utf8Cut } from './dbf';
import { centroidOf } from './geometry';
import { escapeText, foldLine } from './ical';
import { ov2Record } from './ov2';
import { pendingDeflate } from './xlsx';
import { xmlName, xmlText } from './xml';

/** The small rules the writers share, one by one. */

describe('the formula guard', () => {
  it.each([
    ['=SUM(A1:A3)', "'=SUM(A1:A3)"],
    ['+33 1 23 45 67', "'+33 1 23 45 67"],
    ['-rest', "'-rest"],
    ['@cmd', "'@cmd"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['-12.5', '-12.5'],
    ['+3', '+3'],
    ['-1e-7', '-1e-7'],
    ['-33.8688, 151.2093', '-33.8688, 151.2093'],
    ['-1+2', "'-1+2"],
    ['plain', 'plain'],
    ['', ''],
    ['a=b', 'a=b'],
  ])('%j → %j', (text, guarded) => {
    expect(guardFormula(text)).toBe(guarded);
  });
});

describe('cell text', () => {
  it('writes each kind of value as README.md says', () => {
    expect(cellText(null, 'text', ',')).toBe('');
    expect(cellText(['a', 'b'], 'text', ' | ')).toBe('a | b');
    expect(cellText({ lat: 48.8, lon: 2.3 }, 'geo_point_2d', ',')).toBe('48.8, 2.3');
    expect(
      cellText(
        { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: {} },
        'geo_shape',
        ',',
      ),
    ).toBe('{"type":"Point","coordinates":[1,2]}');
    expect(cellText({ id: 'x', url: 'http://p/files/x' }, 'file', ',')).toBe('http://p/files/x');
    expect(cellText(true, 'boolean', ',')).toBe('true');
    expect(cellText('text', 'json_blob', ',')).toBe('"text"');
    expect(cellText({ a: [1] }, 'json_blob', ',')).toBe('{"a":[1]}');
  });
});

describe('iCalendar text', () => {
  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.pop()).toBe('');
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(parts.map((part, k) => (k === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x\r\n');
  });
});

describe('XML text', () => {
  it('escapes markup and replaces what XML 1.0 cannot hold', () => {
    expect(xmlText(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlText('bell\u0007 tab\t ok')).toBe('bell\uFFFD tab\t ok');
    expect(xmlText('lone \uD800 surrogate, pair 🌸')).toBe('lone \uFFFD surrogate, pair 🌸');
    expect(xmlName('count(*)')).toBe('count___');
    expect(xmlName('2024')).toBe('_2024');
  });
});

describe('dBASE fields', () => {
  it('names fields with at most 10 characters, uniquely', () => {
    expect(dbfFieldNames(['population', 'population_2020', 'population_2021', 'name', 'NAME', 'é'])).toEqual([
      'population',
      'populati_1',
      'populati_2',
      'name',
      'NAME_1',
      '_',
    ]);
  });

  it('cuts UTF-8 text between characters', () => {
    expect(utf8Cut('ééé', 5).toString('utf8')).toBe('éé');
    expect(utf8Cut('abc', 5).toString('utf8')).toBe('abc');
  });
});

describe('ov2 records and centroids', () => {
  it('writes type-2 records that read back', () => {
    const bytes = Buffer.concat([ov2Record(2.3522, 48.8566, 'Paris'), ov2Record(-0.5, -33.25, 'Zürich')]);
    expect(bytes[0]).toBe(2);
    expect(bytes.readInt32LE(1)).toBe(13 + 5 + 1);
    expect(readOv2(bytes)).toEqual([
      { lon: 2.3522, lat: 48.8566, name: 'Paris' },
      { lon: -0.5, lat: -33.25, name: 'Zürich' },
    ]);
  });

  it('places a shape at its centroid', () => {
    const square = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ];
    expect(centroidOf({ type: 'Polygon', coordinates: [square] })).toEqual([2, 2]);
    const hole = [
      [0, 0],
      [0, 2],
      [2, 2],
      [2, 0],
      [0, 0],
    ];
    const [x, y] = centroidOf({ type: 'Polygon', coordinates: [square, hole] })!;
    expect(x).toBeCloseTo(28 / 12);
    expect(y).toBeCloseTo(28 / 12);
    expect(
      centroidOf({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [2, 0],
        ],
      }),
    ).toEqual([1, 0]);
  });
});

describe('xlsx backpressure', () => {
  it('can see what exceljs has not yet handed to the deflater (exceljs internals it relies on)', async () => {
    const { PassThrough } = await import('node:stream');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useStyles: false });
    const sheet = workbook.addWorksheet('probe');
    sheet.addRow(['a']).commit();
    for (let k = 0; k < 5000; k++) sheet.addRow([k, 'some text to pile up']).commit();
    const pending = pendingDeflate(sheet);
    expect(pending).not.toBeNull();
    expect(pending).toBeGreaterThan(0);
  });
});
