import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../../lib/contrast';
import { CHART_PALETTES } from './chart-theme';

/**
 * WCAG 2.1 in ECharts' canvas, which no CSS checker sees: text 4.5:1 (1.4.3), and every series
 * colour and "others" 3:1 against the chart's surface (1.4.11), in both themes.
 */
describe('chart palettes', () => {
  for (const [theme, palette] of Object.entries(CHART_PALETTES)) {
    it(`keeps AA contrast in the ${theme} theme`, () => {
      const weak: string[] = [];
      for (const [name, colour] of [
        ['text', palette.text],
        ['muted', palette.muted],
      ] as const) {
        const ratio = contrastRatio(colour, palette.background);
        if (ratio < 4.5) weak.push(`${name} ${colour}: ${ratio.toFixed(2)}`);
      }
      for (const [k, colour] of [...palette.series, palette.others].entries()) {
        const ratio = contrastRatio(colour, palette.background);
        if (ratio < 3) weak.push(`series ${k + 1} ${colour}: ${ratio.toFixed(2)}`);
      }
      expect(weak).toEqual([]);
    });
  }
});
