import { describe, expect, it } from 'vitest';
import { boundsAt, boxContains, queryArea, zoomedArea } from './viewport';

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

describe('boundsAt', () => {
  it('spans the world at zoom 0 in one 512-pixel tile', () => {
    const world = boundsAt({ lat: 0, lon: 0 }, 0, 512, 512);
    expect(world.west).toBeCloseTo(-180, 9);
    expect(world.east).toBeCloseTo(180, 9);
    expect(world.north).toBeCloseTo(85.0511287798, 8);
    expect(world.south).toBeCloseTo(-85.0511287798, 8);
  });

  it('halves the longitudes and follows Mercator latitudes a zoom in', () => {
    const box = boundsAt({ lat: 0, lon: 0 }, 1, 512, 512);
    expect(box.west).toBeCloseTo(-90, 9);
    expect(box.east).toBeCloseTo(90, 9);
    // The tile's quarter line, y = 0.25: atan(sinh(π/2)).
    expect(box.north).toBeCloseTo(66.5132604431, 8);
  });

  it('centres on the place asked for', () => {
    const box = boundsAt({ lat: 48.8566, lon: 2.3522 }, 10, 1131, 590);
    expect((box.west + box.east) / 2).toBeCloseTo(2.3522, 9);
    expect(box.south).toBeLessThan(48.8566);
    expect(box.north).toBeGreaterThan(48.8566);
    expect(box.east - box.west).toBeCloseTo((1131 / (512 * 1024)) * 360, 9);
  });
});

describe('zoomedArea', () => {
  it('is the area the map asks for after a step in or out about its centre', () => {
    const center = { lat: 50, lon: 10 };
    for (const zoom of [3, 4.4, 7]) {
      const view = { center, zoom, bounds: boundsAt(center, zoom, 1131, 590) };
      for (const next of [Math.round(zoom) + 1, Math.round(zoom) - 1]) {
        expect(zoomedArea(view, next)).toEqual(queryArea(boundsAt(center, next, 1131, 590), next));
      }
    }
  });
});
