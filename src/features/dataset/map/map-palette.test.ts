import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../../lib/contrast';
import { PALETTES } from './map-palette';

/**
 * WCAG 2.1 1.4.11: marks a reader must see (records, the highlighted record, each category of a
 * colouring and its "others") keep 3:1 against the land and the water they are drawn on, in
 * both themes. No CSS checker sees MapLibre's paint, so this test is the check.
 */
describe('map palettes', () => {
  for (const [theme, palette] of Object.entries(PALETTES)) {
    it(`keeps 3:1 for every mark in the ${theme} theme`, () => {
      const marks: Record<string, string> = {
        record: palette.record,
        highlight: palette.highlight,
        others: palette.others,
      };
      for (const [k, colour] of palette.categories.entries()) marks[`category ${k + 1}`] = colour;
      const weak = Object.entries(marks).flatMap(([name, colour]) =>
        (['land', 'water'] as const)
          .map((ground) => ({ ground, ratio: contrastRatio(colour, palette[ground]) }))
          .filter(({ ratio }) => ratio < 3)
          .map(({ ground, ratio }) => `${name} ${colour} on ${ground}: ${ratio.toFixed(2)}`),
      );
      expect(weak).toEqual([]);
    });
  }
});
