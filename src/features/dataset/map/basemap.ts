import type { Feature, FeatureCollection, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * The offline basemap: land, country borders and coastlines from world-atlas (Natural Earth at
 * 1:50m, bundled as a lazily loaded chunk, never fetched from elsewhere), and a graticule drawn
 * here. Enough to place records on the Earth; the records are the point of the map.
 */
export interface Basemap {
  land: FeatureCollection | Feature;
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

/** Loads (once) and converts the bundled topology. */
export function loadBasemap(): Promise<Basemap> {
  loaded ??= import('world-atlas/countries-50m.json').then((module) => {
    const topology = module.default as unknown as Topology<{
      countries: GeometryCollection;
      land: GeometryCollection;
    }>;
    const countries = topology.objects.countries;
    return {
      land: feature(topology, topology.objects.land),
      // Shared arcs are borders; arcs used once are coastlines.
      borders: mesh(topology, countries, (a, b) => a !== b),
      coastlines: mesh(topology, countries, (a, b) => a === b),
      graticule: graticule(),
    };
  });
  return loaded;
}
