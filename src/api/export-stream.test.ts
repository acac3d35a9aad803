import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureSplitter } from './export-stream';

const collection = {
  type: 'FeatureCollection',
  name: 'a "tricky" {name} [with] brackets',
  crs: { type: 'name', properties: { name: 'EPSG:4326' } },
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [2.35, 48.85] },
      properties: { name: 'Paris' },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      properties: { note: 'braces } and ] and "quotes" \\ and \u00e9', nested: { list: [{ a: 1 }] } },
    },
    { type: 'Feature', geometry: null, properties: {} },
  ],
  extra: [{ not: 'a feature' }],
};
const text = JSON.stringify(collection, null, 1);

function split(chunks: string[]): unknown[] {
  const splitter = new FeatureSplitter();
  return chunks.flatMap((chunk) => splitter.push(chunk)).map((t) => JSON.parse(t));
}

describe('FeatureSplitter', () => {
  it('cuts out each feature of the features array, and nothing else', () => {
    expect(split([text])).toEqual(collection.features);
  });

  it('gives the same features whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 30 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let from = 0;
        for (const point of points) {
          chunks.push(text.slice(from, point));
          from = point;
        }
        chunks.push(text.slice(from));
        expect(split(chunks)).toEqual(collection.features);
      }),
    );
  });

  it('reads an empty collection', () => {
    expect(split(['{"type":"FeatureCollection","features":[]}'])).toEqual([]);
  });
});
