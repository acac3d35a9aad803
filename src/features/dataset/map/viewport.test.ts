import { describe, expect, it } from 'vitest';
import { boxContains, queryArea } from './viewport';

describe('queryArea', () => {
  const paris = { south: 48.8, west: 2.2, north: 48.92, east: 2.48 };

  it('covers the window with a margin', () => {
    const area = queryArea(paris, 11.4);
    expect(area.zoom).toBe(11);
    expect(boxContains(area.box, paris)).toBe(true);
    expect(area.box.west).toBeLessThan(paris.west - 0.06);
  });

  it('keeps the same area for a small pan', () => {
    const moved = { south: 48.801, west: 2.201, north: 48.921, east: 2.481 };
    expect(queryArea(moved, 11.6)).toEqual(queryArea(paris, 11.4));
  });

  it('stays inside the world and the Web Mercator latitudes', () => {
    const world = queryArea({ south: -90, west: -180, north: 90, east: 180 }, 0);
    expect(world.box).toEqual({ south: -85.05113, west: -180, north: 85.05113, east: 180 });
  });
});
