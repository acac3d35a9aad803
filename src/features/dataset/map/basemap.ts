import type { Feature, FeatureCollection, MultiLineString, Position } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * The offline basemap: land, country borders and coastlines from world-atlas (Natural Earth,
 * bundled as lazily loaded chunks, never fetched from elsewhere), and a graticule drawn here.
 * Enough to place records on the Earth; the records are the point of the map. The map starts on
 * the 1:110m data (0.5 MB of GeoJSON, ready in a fraction of a second) and takes the 1:50m data
 * (5.5 MB, seconds of tiling in the map's worker) once it is zoomed in far enough to tell them apart.
 */
export interface Basemap {
  land: FeatureCollection;
  borders: MultiLineString;
  coastlines: MultiLineString;
  graticule: MultiLineString;
}

export type Resolution = '110m' | '50m';

const loaded = new Map<Resolution, Promise<Basemap>>();

/** The zoom from which the 1:110m coastlines look coarse. */
export const DETAILED_FROM_ZOOM = 3;

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

/** Loads (once per resolution) and converts the bundled topology. */
export function loadBasemap(resolution: Resolution = '110m'): Promise<Basemap> {
  const cached = loaded.get(resolution);
  if (cached) return cached;
  const module =
    resolution === '110m'
      ? import('world-atlas/countries-110m.json')
      : import('world-atlas/countries-50m.json');
  const basemap = module.then((module) => {
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
  loaded.set(resolution, basemap);
  return basemap;
}

/**
 * Takes the 1:50m data the first time the map is zoomed in past DETAILED_FROM_ZOOM (once its style
 * is loaded, so the sources exist). Returns a function that stops watching.
 */
export function detailWhenZoomed(map: MapLibreMap): () => void {
  let done = false;
  const check = () => {
    if (done || map.getZoom() < DETAILED_FROM_ZOOM) return;
    done = true;
    map.off('zoomend', check);
    void loadBasemap('50m').then((detailed) => {
      const apply = () => {
        for (const source of ['land', 'borders', 'coastlines'] as const) {
          (map.getSource(source) as GeoJSONSource | undefined)?.setData(detailed[source]);
        }
      };
      if (map.isStyleLoaded()) apply();
      else map.once('style.load', apply);
    });
  };
  map.on('zoomend', check);
  check();
  return () => map.off('zoomend', check);
}
