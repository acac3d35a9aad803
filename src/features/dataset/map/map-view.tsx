import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Feature } from 'geojson';
import { Crosshair, Frame, List, Pentagon, Square } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Dataset } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import type { ViewFilter } from '../../../api/params';
import { Button } from '../../../components/button';
import { ApiErrorState } from '../../../components/states';
import { t } from '../../../i18n/translate';
import { type DatasetSearch, withMap } from '../dataset-search-params';
import {
  formatGeoBox,
  formatGeoPolygon,
  formatLocation,
  type LatLon,
  type MapLocation,
  parseGeoPolygon,
  parseLocation,
} from '../geofilter';
import type { NavigateOptions, RecordSequence } from '../view-props';
import type { DrawMode } from './draw-area';
import { MapCanvas } from './map-canvas';
import type { MapView as EngineView, Hovered, MapEngine } from './map-engine';
import { colorFields, mapFields } from './map-fields';
import { MapLegend, useColorRule } from './map-legend';
import { mapQueries } from './map-queries';
import { MapStatus } from './map-status';
import { MapTooltip } from './map-tooltip';
import styles from './map-view.module.css';
import { neighbours, recordIdOf } from './record-order';
import { RecordsInView } from './records-in-view';
import { useMapLayers } from './use-map-layers';
import { MAX_ZOOM, type QueryArea, queryArea, zoomedArea } from './viewport';

export interface MapViewProps {
  target: PortalTarget;
  dataset: Dataset;
  search: DatasetSearch;
  /** The view's filter, geofilters included: what every view shares. */
  filter: ViewFilter;
  onSearchChange: (next: DatasetSearch, options?: NavigateOptions) => void;
  onOpenRecord: (recordId: string, sequence: RecordSequence) => void;
}

const WORLD: MapLocation = { zoom: 1, lat: 20, lon: 0 };

/**
 * The Map view: the view's records on an offline basemap, clustered by the portal when there are
 * too many to draw, with Limit to the map view, Draw an area, Colour by and Zoom to results. Its
 * place and its filters live in the URL (`location`, `geofilter.bbox`, `geofilter.polygon`,
 * `map.field`, `map.color`).
 */
export function MapView({ target, dataset, search, filter, onSearchChange, onOpenRecord }: MapViewProps) {
  const datasetId = dataset.dataset_id;
  const client = useQueryClient();
  const fields = mapFields(dataset.fields, search['map.field']);
  const engine = useRef<MapEngine | null>(null);
  const [view, setView] = useState<EngineView | null>(null);
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const [drawing, setDrawing] = useState<DrawMode | null>(null);
  const [listOpen, setListOpen] = useState(false);
  const location = parseLocation(search.location);
  const written = useRef<string | undefined>(search.location);
  const placePending = useRef(false);
  const latest = useRef({ search, onSearchChange });
  latest.current = { search, onSearchChange };
  const moved = useRef(location !== null);
  const polygon = useMemo(() => parseGeoPolygon(search['geofilter.polygon']), [search['geofilter.polygon']]);
  const limited = search['geofilter.bbox'] !== undefined;
  const colorField = colorFields(dataset.fields).find((f) => f.name === search['map.color']);
  const color = useColorRule(target, datasetId, filter, colorField);
  const viewArea: QueryArea | null = view ? queryArea(view.bounds, view.zoom) : null;
  // A step in and a step out (the keys go to the nearest whole zoom, then one on), the likeliest
  // next moves; a drag keeps the area or shifts it by a cell. Asked for once the area in view is
  // drawn, not before: on the portal's machine they would take the cores the first frames need.
  const [drawnArea, setDrawnArea] = useState<string | null>(null);
  const viewKey = JSON.stringify(viewArea);
  const upcoming = useMemo(() => {
    if (!view || drawnArea !== viewKey) return [];
    const steps = [Math.round(view.zoom) + 1, Math.round(view.zoom) - 1].filter(
      (z) => z >= 0 && z <= MAX_ZOOM,
    );
    return steps.map((zoom) => zoomedArea(view, zoom));
  }, [view, drawnArea, viewKey]);
  // While a keyboard step runs, the map draws the area it is heading to (the move's end sets the
  // view to the same area, so nothing is drawn twice).
  const [stepTo, setStepTo] = useState<number | null>(null);
  const area = upcoming.find((next) => next.zoom === stepTo) ?? viewArea;
  const areaKey = JSON.stringify(area);
  const extent = useQuery({
    ...mapQueries.extent(target, datasetId, filter, fields!.draw),
    enabled: fields !== null,
  });

  const extentBox = extent.data?.box ?? null;
  const state = useMapLayers(
    target,
    datasetId,
    filter,
    fields!,
    colorField?.name,
    area,
    extent.isError ? null : extent.data,
    upcoming,
  );

  // A first visit without a place fits the records once their extent is known (and the map exists:
  // `view` is set once it does).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `view` tells that the engine is ready.
  useEffect(() => {
    if (!moved.current && extentBox && engine.current) {
      moved.current = true;
      engine.current.fitBounds(extentBox);
    }
  }, [extentBox, view]);

  // Back and forward: the URL's place changed without the map moving. Only a change of the URL
  // counts: a render between a move and its URL update must not send the map back.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `location` is parsed from `search.location`.
  useEffect(() => {
    if (search.location !== written.current && location && engine.current) {
      written.current = search.location;
      engine.current.jumpTo(location);
    }
  }, [search.location]);

  const reused = state.layers.kind === 'records' && state.layers.reused;
  // A zoom inside records already drawn sends nothing to the map: say it is drawn all the same.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new area is what counts.
  useEffect(() => {
    if (reused) engine.current?.markDrawn();
  }, [reused, areaKey]);

  if (!fields) return null;

  const onMove = (next: EngineView) => {
    setView(next);
    setStepTo(null);
    moved.current = true;
    const text = formatLocation({ zoom: next.zoom, ...next.center });
    written.current = text;
    if (limited) {
      // The box is the view's filter: it goes in at once.
      onSearchChange(withMap(search, { location: text, 'geofilter.bbox': formatGeoBox(next.bounds) }), {
        replace: true,
      });
      return;
    }
    // The place alone waits until the map is idle: the page's render that a new URL brings took
    // 100-200 ms on software WebGL, and written at the move's end it held back the move's last
    // frames (its new tiles). Written then from the page as it is by then, with the last place.
    if (placePending.current) return;
    placePending.current = true;
    engine.current?.onceIdle(() => {
      placePending.current = false;
      const now = latest.current;
      now.onSearchChange(withMap(now.search, { location: written.current }), { replace: true });
    });
  };

  const openFeature = async (feature: Feature) => {
    const id =
      recordIdOf(feature) ??
      (await client.fetchQuery(mapQueries.recordAt(target, datasetId, filter, fields, feature)));
    if (!id) return;
    const drawn = state.layers.kind === 'records' ? state.layers.features : [feature];
    onOpenRecord(id, neighbours(drawn, feature));
  };

  const toggleLimit = () => {
    const bounds = engine.current?.view().bounds;
    onSearchChange(
      withMap(search, { 'geofilter.bbox': limited || !bounds ? undefined : formatGeoBox(bounds) }),
    );
  };

  const onDrawn = (vertices: LatLon[]) => {
    setDrawing(null);
    onSearchChange(withMap(search, { 'geofilter.polygon': formatGeoPolygon(vertices) }));
  };

  const layers = state.layers;
  const geoChoices = fields.geoFields;
  const colorChoices = colorFields(dataset.fields);

  return (
    <div className={styles.view}>
      <div className={styles.toolbar} role="toolbar" aria-label={t('map.tools.label')}>
        {geoChoices.length > 1 && (
          <label className={styles.select}>
            {t('map.tools.geometry')}
            <select
              value={fields.draw.name}
              onChange={(event) => onSearchChange(withMap(search, { 'map.field': event.target.value }))}
            >
              {geoChoices.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label || f.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {colorChoices.length > 0 && (
          <label className={styles.select}>
            {t('map.tools.colourBy')}
            <select
              value={colorField?.name ?? ''}
              onChange={(event) =>
                onSearchChange(withMap(search, { 'map.color': event.target.value || undefined }))
              }
            >
              <option value="">{t('map.tools.none')}</option>
              {colorChoices.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label || f.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <Button aria-pressed={limited} onClick={toggleLimit} size="small">
          <Frame aria-hidden size={15} />
          {t('map.tools.limit')}
        </Button>
        <Button
          aria-pressed={drawing === 'rectangle'}
          onClick={() => setDrawing(drawing === 'rectangle' ? null : 'rectangle')}
          size="small"
        >
          <Square aria-hidden size={15} />
          {t('map.tools.rectangle')}
        </Button>
        <Button
          aria-pressed={drawing === 'polygon'}
          onClick={() => setDrawing(drawing === 'polygon' ? null : 'polygon')}
          size="small"
        >
          <Pentagon aria-hidden size={15} />
          {t('map.tools.polygon')}
        </Button>
        <Button
          onClick={() => {
            if (extentBox) engine.current?.fitBounds(extentBox);
          }}
          disabled={!extentBox}
          size="small"
        >
          <Crosshair aria-hidden size={15} />
          {t('map.tools.zoomToResults')}
        </Button>
        <Button variant="ghost" size="small" aria-expanded={listOpen} onClick={() => setListOpen(!listOpen)}>
          <List aria-hidden size={15} />
          {t('map.tools.list')}
        </Button>
      </div>
      {drawing && (
        <p className={styles.hint} role="status">
          {drawing === 'rectangle' ? t('map.draw.rectangleHint') : t('map.draw.polygonHint')}
        </p>
      )}
      <MapStatus layers={layers} />
      <div className={styles.frame}>
        <MapCanvas
          initial={location ?? WORLD}
          features={layers.kind === 'records' ? layers.features : null}
          clusters={layers.kind === 'clusters' ? layers.clusters : null}
          color={color.rule}
          area={polygon}
          drawing={drawing}
          onDrawn={onDrawn}
          onDrawCancel={() => setDrawing(null)}
          onMove={onMove}
          onHover={setHovered}
          onRecordClick={(feature) => void openFeature(feature)}
          onDataDrawn={() => setDrawnArea(areaKey)}
          // Rendered at once, inside the step's first frame: left to React's scheduler, the step's
          // clusters reached the map two frames (~200 ms on software WebGL) into a 300 ms animation.
          onZoomStep={(way) => view && flushSync(() => setStepTo(Math.round(view.zoom) + way))}
          onPredictedView={(predicted) => setView((current) => current ?? predicted)}
          onEngine={(made) => {
            engine.current = made;
            // The window is known at once; the data is asked for while the basemap is still being cut.
            if (made) setView(made.view());
          }}
          label={t('map.view.label', { count: dataset.metas.default.records_count ?? 0 })}
        />
        {hovered && (
          <MapTooltip hovered={hovered} fields={fields} timeZone={dataset.metas.default.timezone || 'UTC'} />
        )}
        {color.rule && colorField && <MapLegend field={colorField} {...color} rule={color.rule} />}
        {(layers.kind === 'pending' || (layers.kind === 'records' && layers.loading)) && !state.error && (
          <div className={styles.loading} aria-hidden />
        )}
      </div>
      {state.error ? <ApiErrorState error={state.error} onRetry={state.retry} /> : null}
      {listOpen && view && (
        <RecordsInView
          target={target}
          datasetId={datasetId}
          filter={filter}
          fields={fields}
          bounds={view.bounds}
          timeZone={dataset.metas.default.timezone || 'UTC'}
          onOpen={(id, sequence) => onOpenRecord(id, sequence)}
        />
      )}
    </div>
  );
}
