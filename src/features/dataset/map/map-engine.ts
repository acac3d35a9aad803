import type { Feature } from 'geojson';
import {
  type GeoJSONSource,
  type MapGeoJSONFeature,
  Map as MapLibreMap,
  type MapMouseEvent,
  prewarm,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { BBox } from '../../../../common/geo/bbox';
import { t } from '../../../i18n/translate';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { LatLon } from '../geofilter';
import { type Basemap, detailWhenZoomed, loadBasemap } from './basemap';
import { ClusterCounts } from './cluster-counts';
import { type Cluster, clusterRadius } from './clusters';
import { DrawArea, type DrawMode } from './draw-area';
import type { MapPalette } from './map-palette';
import { type ColorRule, paintOf, styleOf } from './map-style';
import { MAX_ZOOM } from './viewport';

/**
 * The one place that talks to MapLibre. React gives it data and a palette; it gives back moves,
 * hovers and clicks. Records are one GeoJSON source drawn as fills and outlines (shapes), lines and
 * circles (points); clusters are circles, their counts written on a canvas over the map's (no
 * glyph server is ever asked).
 */

setWorkerUrl(workerUrl);

/**
 * Gets a map ready before it is asked for: MapLibre's workers started and the basemap converted.
 * The dataset page calls it when the browser is idle on a dataset with a geo field, so that opening
 * the Map tab costs the data, not the library.
 */
export function prefetchMap(): void {
  prewarm();
  void loadBasemap();
}

export interface MapView {
  zoom: number;
  center: { lat: number; lon: number };
  bounds: { south: number; west: number; north: number; east: number };
}

export type Hovered =
  | { kind: 'record'; properties: Record<string, unknown>; x: number; y: number }
  | { kind: 'cluster'; count: number; x: number; y: number };

export interface MapEvents {
  onMove: (view: MapView) => void;
  onHover: (hovered: Hovered | null) => void;
  onRecordClick: (feature: Feature) => void;
  /** The map is idle with new data on screen (the `map-drawn` mark). */
  onDataDrawn: () => void;
  /** A zoom step from the keyboard has begun, in (1) or out (-1): its place is known already. */
  onZoomStep: (way: 1 | -1) => void;
}

const RECORD_LAYERS = ['records-fill', 'records-line', 'records-point'];

const RECORDS_REFRESH_MS = 300;

/** setPaintProperty's name type, for entries built from a palette. */
type PaintProperty = Parameters<MapLibreMap['setPaintProperty']>[1];
type PaintValue = Parameters<MapLibreMap['setPaintProperty']>[2];

export class MapEngine {
  readonly map: MapLibreMap;
  private palette: MapPalette;
  private color: ColorRule | null = null;
  private hoveredId: string | number | null = null;
  private ready: Promise<void>;
  /** Set by destroy: a style-ready callback queued before it must not touch the removed map. */
  private destroyed = false;
  private drawing: DrawArea | null = null;
  private readonly stopDetail: () => void;
  private readonly counts: ClusterCounts;
  private pendingRecords: readonly Feature[] | null = null;
  private recordsTimer: ReturnType<typeof setTimeout> | null = null;
  private recordsAt = -Infinity;
  /** The zoom a keyboard step left, until its first frame tells which way it goes. */
  private stepFrom: number | null = null;

  constructor(
    container: HTMLElement,
    basemap: Basemap,
    palette: MapPalette,
    view: { zoom: number; lat: number; lon: number },
    private readonly events: MapEvents,
  ) {
    this.palette = palette;
    this.map = new MapLibreMap({
      container,
      style: styleOf(basemap, palette, null),
      center: [view.lon, view.lat],
      zoom: view.zoom,
      minZoom: 0,
      maxZoom: MAX_ZOOM,
      renderWorldCopies: false,
      attributionControl: false,
      // Each frame is a screenshot the benchmarks and the tests read back.
      canvasContextAttributes: { preserveDrawingBuffer: true },
      fadeDuration: 0,
      // The canvas's name (Map.Title) and the controls' titles, in the reader's language.
      locale: mapLibreLocale(),
    });
    // The style is inline, so its sources exist as soon as it is parsed: data can go in before the
    // basemap's tiles are cut ('load' waits for those).
    this.ready = new Promise((resolve) => {
      if (this.map.isStyleLoaded()) resolve();
      else this.map.once('style.load', () => resolve());
    });
    this.stopDetail = detailWhenZoomed(this.map);
    this.counts = new ClusterCounts(this.map, 'clusters', palette.recordStroke);
    // Only a map on screen reports its place. While the next view's code loads, React's Suspense
    // hides the map (display: none) without unmounting it; the resize ends a "move" whose place,
    // written into the URL with the map's last search, would take the user back to the map tab.
    this.map.on('moveend', () => {
      const shown = container.clientWidth > 0 && container.clientHeight > 0;
      if (!this.destroyed && shown) events.onMove(this.view());
    });
    // MapLibre's + and − keys zoom to the nearest whole zoom and one on, about the centre: the view
    // has that step's clusters already (it asked for them once the area in view was drawn), and
    // told at the step's first frame, it hands them to the map's worker while the animation runs
    // instead of after it (on software WebGL, a round of cluster tiles costs two or three frames).
    this.map.on('zoomstart', (event) => {
      this.stepFrom = event.originalEvent instanceof KeyboardEvent ? this.map.getZoom() : null;
    });
    this.map.on('zoom', () => {
      if (this.stepFrom === null || this.destroyed) return;
      const way = Math.sign(this.map.getZoom() - this.stepFrom);
      if (way === 0) return;
      this.stepFrom = null;
      events.onZoomStep(way as 1 | -1);
    });
    this.map.on('mousemove', (event) => this.hover(event));
    this.map.on('mouseout', () => this.clearHover());
    this.map.on('click', (event) => this.click(event));
    this.onceReady(() => this.paint());
  }

  /** Runs once the style is in, unless the map was destroyed meanwhile (its sources are gone). */
  onceReady(action: () => void): void {
    void this.ready.then(() => {
      if (!this.destroyed) action();
    });
  }

  view(): MapView {
    const bounds = this.map.getBounds();
    const center = this.map.getCenter();
    return {
      zoom: this.map.getZoom(),
      center: { lat: center.lat, lon: center.lng },
      bounds: {
        south: Math.max(-90, bounds.getSouth()),
        west: Math.max(-180, bounds.getWest()),
        north: Math.min(90, bounds.getNorth()),
        east: Math.min(180, bounds.getEast()),
      },
    };
  }

  setPalette(palette: MapPalette): void {
    this.palette = palette;
    this.counts.setColor(palette.recordStroke);
    this.onceReady(() => this.paint());
  }

  setColorRule(rule: ColorRule | null): void {
    this.color = rule;
    this.onceReady(() => this.paint());
  }

  private paint(): void {
    for (const [layer, property, value] of paintOf(this.palette, this.color)) {
      this.map.setPaintProperty(layer, property as PaintProperty, value as PaintValue);
    }
  }

  /**
   * The records drawn. While a stream grows them, the map takes them at most every 300 ms: each
   * setData sends every feature to the map's worker again, so one per network chunk would cost
   * the square of the size (9 MB of country shapes arrive in over a hundred chunks).
   */
  setRecords(features: readonly Feature[]): void {
    this.pendingRecords = features;
    if (this.recordsTimer !== null) return;
    const wait = Math.max(0, this.recordsAt + RECORDS_REFRESH_MS - performance.now());
    this.recordsTimer = setTimeout(() => {
      this.recordsTimer = null;
      this.recordsAt = performance.now();
      const latest = this.pendingRecords ?? [];
      this.onceReady(() => {
        this.clearHover();
        (this.map.getSource('records') as GeoJSONSource).setData({
          type: 'FeatureCollection',
          features: [...latest],
        });
        if (latest.length) this.markDrawn();
      });
    }, wait);
  }

  setClusters(clusters: readonly Cluster[]): void {
    const max = clusters.reduce((m, c) => Math.max(m, c.count), 1);
    const features: Feature[] = clusters.map((cluster) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [cluster.lon, cluster.lat] },
      properties: {
        count: cluster.count,
        radius: clusterRadius(cluster.count, max),
      },
    }));
    this.onceReady(() => {
      this.clearHover();
      (this.map.getSource('clusters') as GeoJSONSource).setData({ type: 'FeatureCollection', features });
      this.counts.set(clusters);
      if (features.length) this.markDrawn();
    });
  }

  /**
   * `map-drawn`, a performance mark, once the map is idle with new data on screen: what
   * bench:map times, and a cheap signal for anyone profiling the page. The view calls it too when
   * a move needed no new data.
   */
  markDrawn(): void {
    this.onceIdle(() => {
      performance.mark('map-drawn');
      this.events.onDataDrawn();
    });
  }

  /** Runs once the map is next idle (moved, tiles in, nothing animating), unless it is destroyed first. */
  onceIdle(action: () => void): void {
    this.map.once('idle', () => {
      if (!this.destroyed) action();
    });
  }

  /** The drawn area in force (geofilter.polygon), outlined. */
  setArea(vertices: readonly LatLon[] | null): void {
    const ring = vertices ? [...vertices, vertices[0]!].map((v) => [v.lon, v.lat]) : null;
    const features: Feature[] = ring
      ? [{ type: 'Feature', geometry: { type: 'LineString', coordinates: ring }, properties: {} }]
      : [];
    this.onceReady(() =>
      (this.map.getSource('area') as GeoJSONSource).setData({ type: 'FeatureCollection', features }),
    );
  }

  /** Starts drawing an area; hovering and clicking records pause meanwhile. */
  startDrawing(mode: DrawMode, onDone: (vertices: LatLon[]) => void, onCancel: () => void): void {
    this.stopDrawing();
    this.clearHover();
    this.drawing = new DrawArea(
      this.map,
      mode,
      this.palette,
      (vertices) => {
        this.drawing = null;
        onDone(vertices);
      },
      () => {
        this.drawing = null;
        onCancel();
      },
    );
  }

  stopDrawing(): void {
    this.drawing?.destroy();
    this.drawing = null;
  }

  fitBounds([west, south, east, north]: BBox, maxZoom = 12): void {
    this.map.fitBounds([west, south, east, north], {
      padding: 40,
      maxZoom,
      duration: prefersReducedMotion() ? 0 : 600,
    });
  }

  jumpTo(view: { zoom: number; lat: number; lon: number }): void {
    this.map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
  }

  private renderedAt(event: MapMouseEvent): MapGeoJSONFeature | undefined {
    if (!this.map.getLayer('clusters')) return undefined;
    return this.map.queryRenderedFeatures(event.point, { layers: ['clusters', ...RECORD_LAYERS] })[0];
  }

  private hover(event: MapMouseEvent): void {
    if (this.drawing) return;
    const feature = this.renderedAt(event);
    const id = feature?.layer.id === 'clusters' ? null : (feature?.id ?? null);
    if (id !== this.hoveredId) {
      if (this.hoveredId !== null)
        this.map.setFeatureState({ source: 'records', id: this.hoveredId }, { hover: false });
      if (id !== null) this.map.setFeatureState({ source: 'records', id }, { hover: true });
      this.hoveredId = id;
    }
    this.map.getCanvas().style.cursor = feature ? 'pointer' : '';
    if (!feature) {
      this.events.onHover(null);
      return;
    }
    const { x, y } = event.point;
    if (feature.layer.id === 'clusters') {
      this.events.onHover({ kind: 'cluster', count: Number(feature.properties.count), x, y });
    } else {
      this.events.onHover({ kind: 'record', properties: feature.properties, x, y });
    }
  }

  private clearHover(): void {
    if (this.hoveredId !== null && this.map.getSource('records')) {
      this.map.setFeatureState({ source: 'records', id: this.hoveredId }, { hover: false });
    }
    this.hoveredId = null;
    this.events.onHover(null);
  }

  private click(event: MapMouseEvent): void {
    if (this.drawing) return;
    const feature = this.renderedAt(event);
    if (!feature) return;
    if (feature.layer.id === 'clusters') {
      const [lon, lat] = (feature.geometry as GeoJSON.Point).coordinates as [number, number];
      this.map.easeTo({
        center: [lon, lat],
        zoom: this.map.getZoom() + 2,
        duration: prefersReducedMotion() ? 0 : 400,
      });
      return;
    }
    this.events.onRecordClick({
      type: 'Feature',
      geometry: feature.geometry,
      properties: feature.properties,
    });
  }

  destroy(): void {
    this.destroyed = true;
    if (this.recordsTimer !== null) clearTimeout(this.recordsTimer);
    this.stopDetail();
    this.stopDrawing();
    this.counts.destroy();
    this.map.remove();
  }
}

/** MapLibre's UI strings (its ids, `src/ui/default_locale.ts`), from our catalogue. */
function mapLibreLocale(): Record<string, string> {
  return {
    'Map.Title': t('map.canvas.keys'),
    'NavigationControl.ZoomIn': t('map.maplibre.zoomIn'),
    'NavigationControl.ZoomOut': t('map.maplibre.zoomOut'),
    'NavigationControl.ResetBearing': t('map.maplibre.resetBearing'),
    'AttributionControl.ToggleAttribution': t('map.maplibre.toggleAttribution'),
    'AttributionControl.MapFeedback': t('map.maplibre.mapFeedback'),
    'FullscreenControl.Enter': t('map.maplibre.fullscreenEnter'),
    'FullscreenControl.Exit': t('map.maplibre.fullscreenExit'),
    'GeolocateControl.FindMyLocation': t('map.maplibre.findMyLocation'),
    'GeolocateControl.LocationNotAvailable': t('map.maplibre.locationNotAvailable'),
    'LogoControl.Title': t('map.maplibre.logo'),
    'Marker.Title': t('map.maplibre.marker'),
    'Popup.Close': t('map.maplibre.closePopup'),
    'CooperativeGesturesHandler.WindowsHelpText': t('map.maplibre.ctrlScroll'),
    'CooperativeGesturesHandler.MacHelpText': t('map.maplibre.cmdScroll'),
    'CooperativeGesturesHandler.MobileHelpText': t('map.maplibre.twoFingers'),
  };
}

export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
