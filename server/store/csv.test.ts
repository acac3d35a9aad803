import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvFormatError, CsvParser, parseCsv, readCsvFile, sniffDelimiter } from './csv';

const temp = mkdtempSync(join(tmpdir(), 'ods-csv-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('csv', () => {
  it.each([
    ['a,b,c\n1,2,3', ','],
    ['a;b;c\n1;2;3', ';'],
    ['a\tb\n1\t2', '\t'],
    ['a|b\n1|2', '|'],
    ['"x,y";b;c\n1;2;3', ';'],
  ])('sniffs the delimiter of %j', (text, delimiter) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });

  it('reads quotes, doubled quotes, newlines in quotes, CRLF and a BOM', () => {
    const text = '\uFEFFname;note\r\n"Saint-Étienne";"said ""hi""\nthen left"\r\nParis;\r\n';
    expect(parseCsv(text)).toEqual([
      ['name', 'note'],
      ['Saint-Étienne', 'said "hi"\nthen left'],
      ['Paris', ''],
    ]);
  });

  it('keeps a stray quote inside an unquoted cell, and text after a closing quote', () => {
    expect(parseCsv('a,b\n5" pipe,"x"y\n')).toEqual([
      ['a', 'b'],
      ['5" pipe', 'xy'],
    ]);
  });

  it('gives the same rows whatever the pieces the text arrives in', () => {
    const text = 'id,name,note\r\n1,"Zürich, CH","a ""quoted""\r\nline"\r\n2,,\n3,last,"x"';
    const whole = parseCsv(text, ',');
    for (let size = 1; size <= text.length; size++) {
      const parser = new CsvParser(',');
      const rows: string[][] = [];
      for (let at = 0; at < text.length; at += size) rows.push(...parser.push(text.slice(at, at + size)));
      rows.push(...parser.end());
      expect(rows, `pieces of ${size}`).toEqual(whole);
    }
    expect(whole).toEqual([
      ['id', 'name', 'note'],
      ['1', 'Zürich, CH', 'a "quoted"\r\nline'],
      ['2', '', ''],
      ['3', 'last', 'x'],
    ]);
  });

  it('streams a file larger than its read buffer, multi-byte characters across buffer edges', () => {
    const file = join(temp, 'big.csv');
    const lines = ['\uFEFFn;city'];
    for (let i = 0; i < 60_000; i++) lines.push(`${i};Zürich "${i % 7}";`);
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const reader = readCsvFile(file);
    expect(reader.delimiter).toBe(';');
    let count = 0;
    let header: string[] | undefined;
    let last: string[] | undefined;
    for (const row of reader.rows) {
      if (!header) header = row;
      else count++;
      last = row;
    }
    expect(header).toEqual(['n', 'city']);
    expect(count).toBe(60_000);
    expect(last).toEqual(['59999', 'Zürich "2"', '']);
  });

  it('refuses a file that is not UTF-8', () => {
    const file = join(temp, 'latin1.csv');
    writeFileSync(file, Buffer.from([0x61, 0x0a, 0xe9, 0x0a]));
    expect(() => [...readCsvFile(file).rows]).toThrow();
  });
});

describe('readCsvFile: strict rules on a file larger than its read buffer', () => {
  it('names the row of an invalid byte in a later piece, after reading the rows before it', () => {
    const file = join(temp, 'late-latin1.csv');
    const lines = ['n,city'];
    for (let i = 0; i < 60_000; i++) lines.push(`${i},Zürich`);
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), Buffer.from('60000,Orl\xe9ans\n', 'latin1')]),
    );
    let read = 0;
    const reading = () => {
      for (const _row of readCsvFile(file).rows) read++;
    };
    expect(reading).toThrow(new CsvFormatError(60_002, 'not valid UTF-8 (byte 0xE9)'));
    expect(read).toBe(60_001);
  });
});
