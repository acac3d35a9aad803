import type { Feature } from 'geojson';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { t } from '../../../i18n/translate';
import { currentTheme, watchTheme } from '../../../lib/theme-in-force';
import type { LatLon, MapLocation } from '../geofilter';
import { loadBasemap } from './basemap';
import type { Cluster } from './clusters';
import type { DrawMode } from './draw-area';
import { type Hovered, MapEngine, type MapView } from './map-engine';
import { type MapTheme, PALETTES } from './map-palette';
import type { ColorRule } from './map-style';
import styles from './map-view.module.css';
import { boundsAt } from './viewport';

/**
 * The React side of the map: makes the engine once the basemap has loaded, keeps its data, colours
 * and theme in step with the props, and reports what the user does. Data props are applied as they
 * change; the view (`initial`) is read only at creation, since the map itself owns it afterwards.
 */
export interface MapCanvasProps {
  initial: MapLocation;
  features: readonly Feature[] | null;
  clusters: readonly Cluster[] | null;
  color: ColorRule | null;
  area: readonly LatLon[] | null;
  drawing: DrawMode | null;
  onDrawn: (vertices: LatLon[]) => void;
  onDrawCancel: () => void;
  onMove: (view: MapView) => void;
  onHover: (hovered: Hovered | null) => void;
  onRecordClick: (feature: Feature) => void;
  /** The map is idle with new data drawn. */
  onDataDrawn?: () => void;
  /** A keyboard zoom step has begun (MapEvents.onZoomStep). */
  onZoomStep?: (way: 1 | -1) => void;
  /**
   * The window the map will show, known from its box before the engine is made (MapLibre's code
   * and basemap take a while): the data is asked for meanwhile.
   */
  onPredictedView?: (view: MapView) => void;
  /** The engine, once made (for fitting bounds), and null when it goes. */
  onEngine: (engine: MapEngine | null) => void;
  label: string;
}

export function MapCanvas(props: MapCanvasProps) {
  const container = useRef<HTMLElement>(null);
  const [engine, setEngine] = useState<MapEngine | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [theme, setTheme] = useState<MapTheme>(currentTheme);
  // Handlers change on every render; the engine calls the latest through this ref.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => watchTheme(setTheme), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the first window only.
  useLayoutEffect(() => {
    const box = container.current?.getBoundingClientRect();
    if (!box?.width || !box.height) return;
    const { zoom, lat, lon } = props.initial;
    props.onPredictedView?.({
      zoom,
      center: { lat, lon },
      bounds: boundsAt({ lat, lon }, zoom, box.width, box.height),
    });
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: made once; `initial` is read at creation only.
  useEffect(() => {
    let made: MapEngine | null = null;
    let cancelled = false;
    loadBasemap()
      .then((basemap) => {
        if (cancelled || !container.current) return;
        made = new MapEngine(container.current, basemap, PALETTES[currentTheme()], props.initial, {
          onMove: (view) => latest.current.onMove(view),
          onHover: (hovered) => latest.current.onHover(hovered),
          onRecordClick: (feature) => latest.current.onRecordClick(feature),
          onDataDrawn: () => latest.current.onDataDrawn?.(),
          onZoomStep: (way) => latest.current.onZoomStep?.(way),
        });
        setEngine(made);
        latest.current.onEngine(made);
      })
      .catch((error: unknown) => {
        // WebGL missing or disabled is the usual cause; the page says so instead of a blank box.
        setFailed(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
      latest.current.onEngine(null);
      made?.destroy();
    };
  }, []);

  useEffect(() => engine?.setPalette(PALETTES[theme]), [engine, theme]);
  useEffect(() => engine?.setColorRule(props.color), [engine, props.color]);
  useEffect(() => engine?.setRecords(props.features ?? []), [engine, props.features]);
  useEffect(() => engine?.setClusters(props.clusters ?? []), [engine, props.clusters]);
  useEffect(() => engine?.setArea(props.area), [engine, props.area]);
  useEffect(() => {
    if (!engine) return;
    if (props.drawing) {
      engine.startDrawing(
        props.drawing,
        (vertices) => latest.current.onDrawn(vertices),
        () => latest.current.onDrawCancel(),
      );
    } else engine.stopDrawing();
  }, [engine, props.drawing]);

  if (failed) {
    return (
      <div className={styles.failed} role="alert">
        {t('map.canvas.failed', { error: failed })}
      </div>
    );
  }
  return <section ref={container} className={styles.canvas} aria-label={props.label} />;
}
