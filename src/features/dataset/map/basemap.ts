import type { Feature, FeatureCollection, MultiLineString, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * The offline basemap: land, country borders and coastlines from world-atlas (Natural Earth at
 * 1:50m, bundled as a lazily loaded chunk, never fetched from elsewhere), and a graticule drawn
 * here. Enough to place records on the Earth; the records are the point of the map.
 */
export interface Basemap {
  land: FeatureCollection;
  borders: MultiLineString;
  coastlines: MultiLineString;
  graticule: MultiLineString;
}

let loaded: Promise<Basemap> | null = null;

/** Degrees between graticule lines. */
const GRATICULE_STEP = 15;

function graticule(): MultiLineString {
  const lines: [number, number][][] = [];
  for (let lon = -180; lon <= 180; lon += GRATICULE_STEP) {
    const line: [number, number][] = [];
    for (let lat = -85; lat <= 85; lat += 5) line.push([lon, lat]);
    lines.push(line);
  }
  for (let lat = -75; lat <= 75; lat += GRATICULE_STEP) {
    const line: [number, number][] = [];
    for (let lon = -180; lon <= 180; lon += 5) line.push([lon, lat]);
    lines.push(line);
  }
  return { type: 'MultiLineString', coordinates: lines };
}

/**
 * Natural Earth cuts the land at the antimeridian inside a ring (Chukotka, Fiji): an edge from 180°
 * to -180° that a flat map draws as a band across the whole world. Such a ring is made continuous
 * (179°, 181°, …; the part past 180° is simply off this map). A ring around a pole (Antarctica)
 * winds once round the Earth and is left as it is.
 */
function unwrap(positions: Position[]): { positions: Position[]; shift: number } {
  let shift = 0;
  const out: Position[] = [positions[0]!];
  for (let i = 1; i < positions.length; i++) {
    const delta = positions[i]![0]! - positions[i - 1]![0]!;
    if (delta > 180) shift -= 360;
    else if (delta < -180) shift += 360;
    out.push([positions[i]![0]! + shift, positions[i]![1]!]);
  }
  return { positions: out, shift };
}

function unwrapRing(ring: Position[]): Position[] {
  const { positions, shift } = unwrap(ring);
  return shift === 0 ? positions : ring;
}

/** A line is always made continuous: it encloses nothing. */
function unwrapLines(lines: MultiLineString): MultiLineString {
  return {
    ...lines,
    coordinates: lines.coordinates.map((line) => unwrap(line).positions),
  };
}

function unwrapLand(land: FeatureCollection | Feature): FeatureCollection {
  const features = land.type === 'FeatureCollection' ? land.features : [land];
  return {
    type: 'FeatureCollection',
    features: features.map((f) => {
      const g = f.geometry;
      if (g?.type === 'Polygon')
        return { ...f, geometry: { ...g, coordinates: g.coordinates.map(unwrapRing) } };
      if (g?.type === 'MultiPolygon')
        return { ...f, geometry: { ...g, coordinates: g.coordinates.map((p) => p.map(unwrapRing)) } };
      return f;
    }),
  };
}

/** Loads (once) and converts the bundled topology. */
export function loadBasemap(): Promise<Basemap> {
  loaded ??= import('world-atlas/countries-50m.json').then((module) => {
    const topology = module.default as unknown as Topology<{
      countries: GeometryCollection;
      land: GeometryCollection;
    }>;
    const countries = topology.objects.countries;
    return {
      land: unwrapLand(feature(topology, topology.objects.land)),
      // Shared arcs are borders; arcs used once are coastlines.
      borders: unwrapLines(mesh(topology, countries, (a, b) => a !== b)),
      coastlines: unwrapLines(mesh(topology, countries, (a, b) => a === b)),
      graticule: graticule(),
    };
  });
  return loaded;
}
