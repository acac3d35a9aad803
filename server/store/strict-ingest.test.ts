import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { tempPortal } from '../testing/temp-portal';
import { type CsvRules, DEFAULT_MAX_CELL_BYTES, STRICT_CSV } from './csv';
import { syncPortal } from './ingest';

/**
 * Strict ingest: a broken CSV file fails its dataset's load with one line naming the file, the row
 * and the reason, and the version served before keeps answering. `--lenient` reads what it can.
 */

let portal: ReturnType<typeof tempPortal> | undefined;
afterEach(() => {
  portal?.cleanup();
  portal = undefined;
});

const GOOD = 'name,population,country\nParis,2102650,FR\nLyon,522250,FR\n"Genève, ville",201818,CH\n';

function sync(rules: CsvRules = STRICT_CSV) {
  const lines: string[] = [];
  const report = syncPortal(portal!.store, portal!.dir, { log: (line) => lines.push(line), csv: rules });
  return { report, lines: lines.filter((line) => !line.includes('datasets ready')) };
}

async function names(): Promise<string[]> {
  const app = createApp({ store: portal!.store, log: () => {} });
  const response = await app.request('http://portal.test/api/v2/catalog/datasets/cities/records?select=name');
  expect(response.status).toBe(200);
  const body = (await response.json()) as { records: { record: { fields: { name: string } } }[] };
  return body.records.map((r) => r.record.fields.name);
}

/** Loads the good file, then replaces it with `broken` and syncs again. */
function breakWith(broken: string | Buffer, rules: CsvRules = STRICT_CSV) {
  portal = tempPortal();
  portal.write('cities.csv', GOOD);
  expect(sync().report.ingested).toHaveLength(1);
  portal.write('cities.csv', broken);
  return sync(rules);
}

const line = (row: number, reason: string) =>
  `[ingest] ${portal!.dir}/cities.csv row ${row}: ${reason}; keeping the previous version`;

describe('strict ingest: a broken CSV keeps the previous version, with one line', () => {
  it.each([
    ['a row with a cell too few', `${GOOD}Nice,342669\n`, 5, '2 cells, but the header has 3 columns'],
    [
      'a row with a cell too many',
      `${GOOD}Nice,342669,FR,extra\n`,
      5,
      '4 cells, but the header has 3 columns',
    ],
    ['a file cut mid-row', `${GOOD}Nice,342`, 5, '2 cells, but the header has 3 columns'],
    [
      'an unterminated quote',
      `${GOOD}"Nice,342669,FR\nToulouse,504078,FR\n`,
      5,
      'a quoted cell is never closed (a quote is missing)',
    ],
    ['a run of NULs', `${GOOD}Nice,342669,F\0\0\0\0R\n`, 5, 'a cell holds a NUL character'],
  ])('%s', async (_what, broken, row, reason) => {
    const { report, lines } = breakWith(broken);
    expect(report.failed).toEqual(['cities']);
    expect(lines).toEqual([line(row, reason)]);
    expect(await names()).toEqual(['Paris', 'Lyon', 'Genève, ville']);
  });

  it('invalid UTF-8 (a Latin-1 file), naming the row of the first bad byte', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${GOOD}Nice,342669,FR\n`),
      Buffer.from('Orl\xe9ans,116617,FR\n', 'latin1'),
    ]);
    const { report, lines } = breakWith(latin1);
    expect(report.failed).toEqual(['cities']);
    expect(lines).toEqual([line(6, 'not valid UTF-8 (byte 0xE9)')]);
    expect(await names()).toEqual(['Paris', 'Lyon', 'Genève, ville']);
  });

  it('a cell over --max-cell (1 MiB by default), refused before it is read whole', async () => {
    expect(DEFAULT_MAX_CELL_BYTES).toBe(1024 * 1024);
    const { report, lines } = breakWith(`${GOOD}Nice,342669,${'x'.repeat(3 * 1024 * 1024)}\n`);
    expect(report.failed).toEqual(['cities']);
    expect(lines).toEqual([line(5, 'a cell is larger than 1 MiB (--max-cell)')]);
    expect(await names()).toEqual(['Paris', 'Lyon', 'Genève, ville']);
    // Multi-byte text counts in bytes: 400,000 "é" are 800,000 bytes, over a 500 KiB limit.
    portal!.write('cities.csv', `${GOOD}Nice,342669,${'é'.repeat(400_000)}\n`);
    expect(sync({ strict: true, maxCellBytes: 500 * 1024 }).lines).toEqual([
      line(5, 'a cell is larger than 512,000 bytes (--max-cell)'),
    ]);
  });

  it('the row number counts rows, not lines, when a quoted cell spans lines', () => {
    const { lines } = breakWith(`name,population,country\n"Two\nlines",1,FR\nNice,2\n`);
    expect(lines).toEqual([line(3, '2 cells, but the header has 3 columns')]);
  });

  it('a first load that fails leaves nothing served, and says so', () => {
    portal = tempPortal();
    portal.write('cities.csv', `${GOOD}Nice\n`);
    const { report, lines } = sync();
    expect(report.failed).toEqual(['cities']);
    expect(lines).toEqual([
      `[ingest] ${portal.dir}/cities.csv row 5: 1 cells, but the header has 3 columns; not served until it is fixed`,
    ]);
    expect(portal.store.dataset('cities')).toBeUndefined();
  });
});

describe('--lenient', () => {
  const LENIENT: CsvRules = { strict: false, maxCellBytes: DEFAULT_MAX_CELL_BYTES };

  it('loads ragged rows, an unterminated quote, NULs and Latin-1 as well as it can', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(GOOD),
      Buffer.from('Nice,342669\nOrl\xe9ans,116617,FR,extra\nDi\0jon,1,FR\n"Metz,2,FR\n', 'latin1'),
    ]);
    const { report, lines } = breakWith(latin1, LENIENT);
    expect(report.ingested.map((d) => d.records)).toEqual([7]);
    expect(lines).toHaveLength(1);
    expect(await names()).toEqual([
      'Paris',
      'Lyon',
      'Genève, ville',
      'Nice',
      'Orl\uFFFDans',
      'Di\0jon',
      'Metz,2,FR\n',
    ]);
  });

  it('still refuses a cell over --max-cell', () => {
    const { report, lines } = breakWith(`${GOOD}Nice,1,"${'x'.repeat(2 * 1024 * 1024)}`, LENIENT);
    expect(report.failed).toEqual(['cities']);
    expect(lines).toEqual([line(5, 'a cell is larger than 1 MiB (--max-cell)')]);
  });
});

describe('files/ and symbolic links', () => {
  it('refuses a link that leads out of files/, and follows one that stays inside', () => {
    portal = tempPortal();
    const secret = portal.write('../secret.txt', 'not for visitors');
    portal.write('art/files/inside.txt', 'a note');
    symlinkSync(secret, join(portal.dir, 'art/files/leak.txt'));
    symlinkSync(join(portal.dir, 'art/files/inside.txt'), join(portal.dir, 'art/files/alias.txt'));
    portal.write('art/dataset.json', {
      dataset_id: 'art',
      metas: { default: { title: 'Art' } },
      fields: [{ name: 'note', label: 'Note', type: 'file' }],
    });
    portal.write('art/data.json', [{ note: 'alias.txt' }, { note: 'leak.txt' }]);
    const { report, lines } = sync();
    expect(report.failed).toEqual(['art']);
    expect(lines).toEqual([
      `[ingest] ${portal.dir}/art/data.json row 2: field "note" names file "leak.txt", a link that leads outside files/; not served until it is fixed`,
    ]);
    portal.write('art/data.json', [{ note: 'alias.txt' }]);
    expect(sync().report.ingested.map((d) => d.records)).toEqual([1]);
  });
});
