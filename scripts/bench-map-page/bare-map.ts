import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { detailWhenZoomed, loadBasemap } from '../../src/features/dataset/map/basemap';
import { PALETTES } from '../../src/features/dataset/map/map-palette';
import { styleOf } from '../../src/features/dataset/map/map-style';

/**
 * The baseline of `npm run bench:map`: a bare MapLibre map with the explorer's basemap and style,
 * and no records, in a box the size of the explorer's map (`?w=…&h=…&location=zoom,lat,lon`).
 * Marks `map-drawn` at every idle, as the explorer's engine does after drawing data.
 */
setWorkerUrl(workerUrl);
const params = new URLSearchParams(location.search);
const container = document.getElementById('map')!;
container.style.width = `${params.get('w') ?? 1000}px`;
container.style.height = `${params.get('h') ?? 600}px`;
const [zoom, lat, lon] = (params.get('location') ?? '1,20,0').split(',').map(Number) as [
  number,
  number,
  number,
];
const basemap = await loadBasemap();
const map = new MapLibreMap({
  container,
  style: styleOf(basemap, PALETTES.light, null),
  center: [lon, lat],
  zoom,
  renderWorldCopies: false,
  attributionControl: false,
  fadeDuration: 0,
  canvasContextAttributes: { preserveDrawingBuffer: true },
});
map.on('idle', () => performance.mark('map-drawn'));
// The same basemap detail as the explorer's map, so zoom steps and pans cost the same underneath.
detailWhenZoomed(map);
