import type { Feature } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { LatLon } from '../geofilter';
import type { MapPalette } from './map-palette';

/**
 * Drawing an area on the map with the pointer, by our own handling (no draw library: two shapes
 * need a few dozen lines). A rectangle is a press, a drag and a release; a polygon is a click per
 * vertex, closed by a double click, a click on the first vertex or Enter. Escape cancels,
 * Backspace takes the last vertex back. The finished area is handed over as vertices.
 */
export type DrawMode = 'rectangle' | 'polygon';

const SOURCE = 'draw-area';
const CLOSE_DISTANCE_PX = 10;

export class DrawArea {
  private vertices: LatLon[] = [];
  private cursor: LatLon | null = null;
  private anchor: LatLon | null = null;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly map: MapLibreMap,
    private readonly mode: DrawMode,
    palette: MapPalette,
    private readonly onDone: (vertices: LatLon[]) => void,
    private readonly onCancel: () => void,
  ) {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: `${SOURCE}-fill`,
      type: 'fill',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': palette.drawFill },
    });
    map.addLayer({
      id: `${SOURCE}-line`,
      type: 'line',
      source: SOURCE,
      paint: { 'line-color': palette.drawLine, 'line-width': 2, 'line-dasharray': [2, 1] },
    });
    map.addLayer({
      id: `${SOURCE}-vertex`,
      type: 'circle',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 4, 'circle-color': palette.drawLine },
    });
    map.getCanvas().style.cursor = 'crosshair';
    map.doubleClickZoom.disable();
    if (mode === 'rectangle') map.dragPan.disable();
    this.listen('mousedown', (event) => this.press(event));
    this.listen('mousemove', (event) => this.move(event));
    this.listen('mouseup', (event) => this.release(event));
    this.listen('click', (event) => this.click(event));
    this.listen('dblclick', (event) => {
      event.preventDefault();
      this.finish();
    });
    const keys = (event: KeyboardEvent) => this.key(event);
    const container = map.getContainer();
    container.addEventListener('keydown', keys);
    this.cleanups.push(() => container.removeEventListener('keydown', keys));
  }

  private listen(
    type: 'mousedown' | 'mousemove' | 'mouseup' | 'click' | 'dblclick',
    handler: (event: MapMouseEvent) => void,
  ) {
    this.map.on(type, handler);
    this.cleanups.push(() => this.map.off(type, handler));
  }

  private at(event: MapMouseEvent): LatLon {
    return { lat: event.lngLat.lat, lon: Math.max(-180, Math.min(180, event.lngLat.lng)) };
  }

  private press(event: MapMouseEvent): void {
    if (this.mode !== 'rectangle' || event.originalEvent.button !== 0) return;
    this.anchor = this.at(event);
    this.cursor = this.anchor;
    this.draw();
  }

  private move(event: MapMouseEvent): void {
    this.cursor = this.at(event);
    if (this.mode === 'polygon' ? this.vertices.length > 0 : this.anchor) this.draw();
  }

  private release(event: MapMouseEvent): void {
    if (this.mode !== 'rectangle' || !this.anchor) return;
    const end = this.at(event);
    const start = this.anchor;
    this.anchor = null;
    if (start.lat === end.lat || start.lon === end.lon) {
      this.draw();
      return;
    }
    const south = Math.min(start.lat, end.lat);
    const north = Math.max(start.lat, end.lat);
    const west = Math.min(start.lon, end.lon);
    const east = Math.max(start.lon, end.lon);
    this.vertices = [
      { lat: south, lon: west },
      { lat: south, lon: east },
      { lat: north, lon: east },
      { lat: north, lon: west },
    ];
    this.finish();
  }

  private click(event: MapMouseEvent): void {
    if (this.mode !== 'polygon') return;
    const first = this.vertices[0];
    if (first && this.vertices.length >= 3) {
      const a = this.map.project([first.lon, first.lat]);
      if (a.dist(event.point) <= CLOSE_DISTANCE_PX) {
        this.finish();
        return;
      }
    }
    this.vertices.push(this.at(event));
    this.draw();
  }

  private key(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.destroy();
      this.onCancel();
    } else if (event.key === 'Enter') {
      this.finish();
    } else if (event.key === 'Backspace' && this.vertices.length) {
      this.vertices.pop();
      this.draw();
    }
  }

  private finish(): void {
    // A double click also sends two clicks: the repeated last vertex is not part of the area.
    const vertices = this.vertices.filter(
      (v, i, all) => i === 0 || v.lat !== all[i - 1]!.lat || v.lon !== all[i - 1]!.lon,
    );
    if (vertices.length < 3) return;
    this.destroy();
    this.onDone(vertices);
  }

  private draw(): void {
    const points = [...this.vertices];
    if (this.mode === 'rectangle' && this.anchor && this.cursor) {
      const a = this.anchor;
      const c = this.cursor;
      points.splice(0, points.length, a, { lat: a.lat, lon: c.lon }, c, { lat: c.lat, lon: a.lon });
    } else if (this.cursor && points.length) points.push(this.cursor);
    const ring = points.map((p) => [p.lon, p.lat]);
    const features: Feature[] = this.vertices.map((v) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
      properties: {},
    }));
    if (ring.length >= 3) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] },
        properties: {},
      });
    } else if (ring.length === 2) {
      features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: ring }, properties: {} });
    }
    (this.map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features,
    });
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    const map = this.map;
    if (!map.getSource(SOURCE)) return;
    for (const layer of ['fill', 'line', 'vertex']) map.removeLayer(`${SOURCE}-${layer}`);
    map.removeSource(SOURCE);
    map.getCanvas().style.cursor = '';
    map.doubleClickZoom.enable();
    map.dragPan.enable();
  }
}
