import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Dataset } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import type { ViewFilter } from '../../../api/params';
import { ApiErrorState } from '../../../components/states';
import { formatNumber } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
import { currentTheme, watchTheme } from '../../../lib/theme-in-force';
import { type ChartState, measureLabel, readChart, withChart } from '../charts/chart-state';
import type { DatasetSearch } from '../dataset-search-params';
import type { NavigateOptions } from '../view-props';
import { analyzeQueries } from './analyze-queries';
import styles from './analyze-view.module.css';
import { ChartCanvas } from './chart-canvas';
import { searchAfterClick } from './chart-click';
import { ChartControls } from './chart-controls';
import type { ChartData } from './chart-data';
import type { ChartEngine } from './chart-engine';
import { groupedOption, scatterOption } from './chart-option';
import { ChartTableView } from './chart-table-view';
import { CHART_PALETTES, type ChartTheme } from './chart-theme';
import { SaveImage } from './save-image';

export interface AnalyzeViewProps {
  target: PortalTarget;
  dataset: Dataset;
  search: DatasetSearch;
  filter: ViewFilter;
  onSearchChange: (next: DatasetSearch, options?: NavigateOptions) => void;
}

const isEmpty = (data: ChartData) =>
  data.kind === 'grouped'
    ? data.buckets.length === 0
    : data.kind === 'scatter'
      ? data.points.length === 0
      : false;

/**
 * The Analyze view: a chart of the view's whole filtered set, computed by the portal, every choice
 * in the URL (`chart.*`). A click on a bar, a slice or a point filters the view, so the table and
 * the map follow; the numbers are there as a table and a CSV, the picture as PNG and SVG.
 */
export function AnalyzeView({ target, dataset, search, filter, onSearchChange }: AnalyzeViewProps) {
  const fields = dataset.fields;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart keys of `search` are what the state reads.
  const state = useMemo(
    () => readChart(search, fields),
    [JSON.stringify(Object.entries(search).filter(([k]) => k.startsWith('chart.'))), fields],
  );
  const query = useQuery(analyzeQueries.chart({ target, dataset, filter, state }));
  const [theme, setTheme] = useState<ChartTheme>(currentTheme);
  useEffect(() => watchTheme(setTheme), []);
  const engine = useRef<ChartEngine | null>(null);
  const palette = CHART_PALETTES[theme];
  // What is on screen: the chart of the last answer with the state that asked for it. While a new
  // choice loads, the previous chart stays as it was (dimmed), not the old data in the new state.
  const shown = useRef<{ data: ChartData; state: ChartState } | null>(null);
  if (query.data && !query.isPlaceholderData) shown.current = { data: query.data, state };
  const { data, state: drawnState } = shown.current ?? { data: undefined, state };
  const xField = fields.find((f) => f.name === drawnState.x);
  const xLabel = xField ? xField.label || xField.name : t('analyze.chart.value');
  const yField = fields.find((f) => f.name === drawnState.measures[0]?.field);

  const option = useMemo(() => {
    if (!data || data.kind === 'kpi') return null;
    if (data.kind === 'scatter')
      return scatterOption(
        data,
        drawnState,
        { x: xLabel, y: yField ? yField.label || yField.name : 'y' },
        palette,
      );
    return groupedOption(data, drawnState, palette);
  }, [data, drawnState, palette, xLabel, yField]);

  const onClick = ({ dataIndex, seriesIndex }: { dataIndex: number; seriesIndex: number }) => {
    if (data?.kind !== 'grouped' || !xField) return;
    const bucket = data.buckets[dataIndex];
    if (!bucket) return;
    const byField = fields.find((f) => f.name === drawnState.by);
    const series = data.series[seriesIndex];
    const next = searchAfterClick(
      search,
      xField,
      {
        bucket,
        ...(byField && series && series.key !== undefined
          ? { by: { field: byField, value: series.key } }
          : {}),
      },
      data,
    );
    if (next) onSearchChange(next);
  };

  const pending = query.isFetching && query.isPlaceholderData;
  const title = chartTitle(
    drawnState.measures.map((m) => measureLabel(m, fields)),
    drawnState.type === 'kpi' ? null : xLabel,
  );

  return (
    <div className={styles.view}>
      <ChartControls
        state={state}
        fields={fields}
        onChange={(next) => onSearchChange(withChart(search, next, fields))}
      />
      <h2 className={styles.title}>{title}</h2>
      {query.error && !data ? (
        <ApiErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <>
          {query.error && <ApiErrorState error={query.error} onRetry={() => query.refetch()} />}
          <output className={styles.status} aria-live="polite">
            {!data
              ? t('analyze.status.computing')
              : pending
                ? t('analyze.status.updating')
                : statusText(data)}
          </output>
          {data?.kind === 'kpi' ? (
            <dl className={`${styles.kpi} ${pending ? styles.dimmed : ''}`}>
              {data.series.map((s) => (
                <div key={s.name}>
                  <dt>{s.name}</dt>
                  <dd>
                    {s.values[0] === null || s.values[0] === undefined ? '–' : formatNumber(s.values[0])}
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <ChartCanvas
              option={option}
              label={t('analyze.chart.label', { title })}
              dimmed={!data || pending}
              onClick={onClick}
              onEngine={(made) => {
                engine.current = made;
              }}
            />
          )}
          {data && !isEmpty(data) && (
            <div className={styles.actions}>
              <ChartTableView
                data={data}
                xLabel={xLabel}
                yLabel={yField?.label}
                name={`${dataset.dataset_id}-chart`}
              />
              {option && (
                <SaveImage
                  engine={engine}
                  option={option}
                  palette={palette}
                  name={`${dataset.dataset_id}-chart`}
                />
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}

function chartTitle(measures: string[], x: string | null): string {
  const what = measures.join(', ');
  return x ? t('analyze.title.by', { measures: what, x }) : what;
}

function statusText(data: ChartData): string {
  if (isEmpty(data)) return t('analyze.status.none');
  if (data.kind === 'scatter') {
    return data.total > data.points.length
      ? t('analyze.status.sample', { shown: data.points.length, total: data.total })
      : t('analyze.status.points', { count: data.points.length });
  }
  if (data.kind === 'grouped') {
    const others = data.buckets.some((b) => b.kind === 'others');
    return t(others ? 'analyze.status.groupsOthers' : 'analyze.status.groups', {
      count: data.buckets.length,
    });
  }
  return t('analyze.status.kpi');
}
