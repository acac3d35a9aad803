import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npm run bench:make-portal [-- --rows N --out DIR]`: writes a portal folder (default .portal/bench)
 * holding one dataset, `bench-1m`, of generated rows (default 1,000,000) as data.csv, for benchmarks
 * of ingest and queries at scale. The rows are pseudo-random but the same on every run (fixed seed),
 * so figures compare across machines and commits. Serve it with `npm run portal -- --data .portal/bench`.
 */

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { rows: { type: 'string' }, out: { type: 'string' } },
  strict: true,
});
const rowCount = Number(values.rows ?? 1_000_000);
if (!Number.isSafeInteger(rowCount) || rowCount < 1) {
  console.error(`--rows must be a positive whole number, got "${values.rows}"`);
  process.exit(2);
}
const out = resolve(values.out ?? '.portal/bench');
const datasetDir = join(out, 'bench-1m');

/** mulberry32: a small, fast 32-bit generator; good enough to spread values, and reproducible. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = generator(20_240_506);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const CATEGORIES = [
  'Agriculture',
  'Culture',
  'Economy',
  'Education',
  'Energy',
  'Environment',
  'Finance',
  'Health',
  'Housing',
  'Industry',
  'Justice',
  'Mobility',
  'Population',
  'Research',
  'Safety',
  'Society',
  'Sport',
  'Tourism',
  'Transport',
  'Water',
];
const SYLLABLES = 'ba ca dé fo ga li mo na pé ro sa ta vi zu lé ma'.split(' ');
const TAGS = 'open daily archived verified draft public internal urgent local national'.split(' ');
const START = Date.UTC(2020, 0, 1);
const SPAN = Date.UTC(2025, 0, 1) - START;

function word(): string {
  const length = 2 + Math.floor(random() * 3);
  let text = '';
  for (let i = 0; i < length; i++) text += pick(SYLLABLES);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function row(id: number): string {
  const name = `${word()} ${word()}`;
  const category = pick(CATEGORIES);
  const value = (random() * 10_000 - 2_000).toFixed(2);
  const amount = Math.floor(random() * 1_000_000);
  const created = new Date(START + Math.floor(random() * SPAN)).toISOString();
  const flag = random() < 0.3 ? 'true' : 'false';
  // Points over metropolitan France, 41–51°N, 5°W–9.5°E.
  const lat = (41 + random() * 10).toFixed(5);
  const lon = (-5 + random() * 14.5).toFixed(5);
  const tagCount = Math.floor(random() * 4);
  const tags = new Set<string>();
  for (let i = 0; i < tagCount; i++) tags.add(pick(TAGS));
  return `${id};${name};${category};${value};${amount};${created};${flag};${lat}, ${lon};${[...tags].join(',')}\n`;
}

const started = performance.now();
mkdirSync(datasetDir, { recursive: true });
writeFileSync(
  join(out, 'portal.json'),
  `${JSON.stringify(
    {
      title: 'Benchmark portal',
      description: 'Generated data for benchmarks (scripts/make-bench-portal.ts).',
      language: 'en',
    },
    null,
    2,
  )}\n`,
);
const field = (name: string, label: string, type: string, annotations: Record<string, string[]> = {}) => ({
  name,
  label,
  type,
  annotations,
  description: null,
});
writeFileSync(
  join(datasetDir, 'dataset.json'),
  `${JSON.stringify(
    {
      dataset_id: 'bench-1m',
      metas: {
        default: {
          title: `Benchmark: ${rowCount.toLocaleString('en-US')} generated rows`,
          description:
            '<p>Pseudo-random rows written by scripts/make-bench-portal.ts (fixed seed) to measure ingest and queries at scale. Not real data.</p>',
          theme: ['Benchmarks'],
          keyword: ['benchmark', 'generated'],
          publisher: 'ODS Explorer',
          license: 'CC0 1.0',
          license_url: 'https://creativecommons.org/publicdomain/zero/1.0/',
          modified: '2024-05-06T00:00:00+00:00',
          language: 'en',
          timezone: 'UTC',
        },
      },
      fields: [
        field('id', 'Id', 'int', { sortable: [] }),
        field('name', 'Name', 'text', { sortable: [] }),
        field('category', 'Category', 'text', { facet: [] }),
        field('value', 'Value', 'double', { sortable: [] }),
        field('amount', 'Amount', 'int'),
        field('created', 'Created', 'datetime', { facet: [], sortable: [] }),
        field('flag', 'Flag', 'boolean', { facet: [] }),
        field('coordinates', 'Coordinates', 'geo_point_2d'),
        field('tags', 'Tags', 'text', { facet: [], multivalued: [','] }),
      ],
    },
    null,
    2,
  )}\n`,
);

// Rows are written in ~1 MB batches: constant memory whatever the row count.
const fd = openSync(join(datasetDir, 'data.csv'), 'w');
try {
  let batch = 'id;name;category;value;amount;created;flag;coordinates;tags\n';
  for (let id = 1; id <= rowCount; id++) {
    batch += row(id);
    if (batch.length > 1_000_000) {
      writeSync(fd, batch);
      batch = '';
    }
  }
  writeSync(fd, batch);
} finally {
  closeSync(fd);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `wrote ${rowCount.toLocaleString('en-US')} rows to ${join(datasetDir, 'data.csv')} in ${seconds} s`,
);
console.log(`serve it: npm run portal -- --data ${values.out ?? '.portal/bench'}`);
