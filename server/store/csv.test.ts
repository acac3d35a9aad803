import { describe, expect, it } from 'vitest';
import { parseCsv, sniffDelimiter } from './csv';

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
});
