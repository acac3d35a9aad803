import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Only src/api knows the wire: features, components, lib and app read the app model (src/api/model.ts)
 * and never a v2.0 envelope, so a v2.1 portal needs one more adapter and nothing else. This test
 * looks for the wire's envelopes and names in those folders' sources.
 */

const FOLDERS = ['src/features', 'src/components', 'src/lib', 'src/app'];

const WIRE_ACCESSES: { pattern: RegExp; what: string }[] = [
  { pattern: /\.links\b/, what: 'links' },
  { pattern: /\brecord\??\.fields\b/, what: 'a v2.0 record’s fields (the model calls them values)' },
  { pattern: /\brecords(?:\[\d+\]|\.at\(\d+\))[!?]?\.record\b/, what: 'records[].record' },
  { pattern: /\bdatasets(?:\[\d+\]|\.at\(\d+\))[!?]?\.dataset\b/, what: 'datasets[].dataset' },
  { pattern: /\.map\(\s*\(?\s*\{\s*(?:record|dataset)\s*\}/, what: 'an envelope destructured in a map' },
  {
    pattern: /\.\s*dataset\s*\.\s*(?:dataset_id|dataset_uid|metas|fields|features)\b/,
    what: 'the .dataset. envelope',
  },
  {
    pattern: /\.data\??\.(?:dataset|record|facets|attachments|snapshots|reuses|reuse|aggregations)\b/,
    what: 'a response envelope in query data',
  },
  { pattern: /\.metas(?:\.id\b|\.url\b|\[\s*['"]mime-type['"]\s*\])/, what: 'attachments[].metas' },
  { pattern: /\b(?:total_count|snapshot_id|created_at)\b/, what: 'a wire-only name' },
];

/** Each wire access in a source, as `line: what`. */
function wireAccesses(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, index) => {
    for (const { pattern, what } of WIRE_ACCESSES)
      if (pattern.test(line)) found.push(`${index + 1}: ${what}`);
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('features read the app model, not the wire', () => {
  it('recognises each wire access, and lets the model through', () => {
    const wire = [
      'const n = body.total_count;',
      'rows.map((item) => item.record.fields.name)',
      'body.records[0]!.record',
      'page.datasets[0].dataset',
      'datasets.map(({ dataset }) => dataset.dataset_id)',
      'const d = response.dataset.metas.default;',
      'const d = query.data?.dataset;',
      'query.data?.attachments ?? []',
      "attachment.metas['mime-type']",
      'attachment.metas.id',
      'body.links.find((link) => link.rel === "next")',
      'snapshot.snapshot_id',
      'reuse.created_at',
    ];
    for (const line of wire) expect(wireAccesses(line), line).toHaveLength(1);
    const model = [
      'const n = page.total;',
      'row.record.values[field.name]',
      'dataset.metas.default.title',
      'dataset.fields.find((f) => f.name === x)',
      'document.documentElement.dataset.theme = choice;',
      'attachment.mimeType',
      'snapshot.createdAt',
      'query.data ?? []',
      'datasets.data.datasets.map((dataset) => dataset.dataset_id)',
      'page.data?.records[0]?.values',
    ];
    for (const line of model) expect(wireAccesses(line), line).toEqual([]);
  });

  it.each(FOLDERS)('%s has no wire access', (folder) => {
    const offences = sourceFiles(folder)
      .filter((file) => !/\.test\.tsx?$/.test(file))
      .flatMap((file) => wireAccesses(readFileSync(file, 'utf8')).map((where) => `${file}:${where}`));
    expect(offences).toEqual([]);
  });
});
