import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';
import styles from './analyze-view.module.css';
import { type ChartClickEvent, type ChartEngine, createChartEngine } from './chart-engine';

export interface ChartCanvasProps {
  /** Null until the first answer: nothing is drawn (and no drawn mark set) before there is data. */
  option: EChartsCoreOption | null;
  /** What the chart shows, for its accessible name (the table below gives the numbers). */
  label: string;
  dimmed: boolean;
  onClick: (event: ChartClickEvent) => void;
  onEngine: (engine: ChartEngine | null) => void;
}

/** The ECharts canvas: made once, redrawn with each option, resized with its box. */
export function ChartCanvas({ option, label, dimmed, onClick, onEngine }: ChartCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const engine = useRef<ChartEngine | null>(null);
  // The latest handler, so the engine made once always calls the current one.
  const click = useRef(onClick);
  click.current = onClick;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the engine is made once; onEngine is read then.
  useEffect(() => {
    const element = container.current!;
    const made = createChartEngine(element, (event) => click.current(event));
    engine.current = made;
    onEngine(made);
    const observer = new ResizeObserver(() => made.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      onEngine(null);
      engine.current = null;
      made.dispose();
    };
  }, []);

  useEffect(() => {
    if (option) engine.current?.draw(option);
  }, [option]);

  return (
    <div
      ref={container}
      className={`${styles.canvas} ${dimmed ? styles.dimmed : ''}`}
      role="img"
      aria-label={label}
      aria-busy={dimmed}
    />
  );
}
