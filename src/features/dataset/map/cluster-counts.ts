import type { Map as MapLibreMap } from 'maplibre-gl';
import { type Cluster, clusterLabel } from './clusters';

interface Count {
  at: [lon: number, lat: number];
  label: string;
}

/**
 * The clusters' counts, written on a 2D canvas laid over the map's after each of its frames.
 *
 * Not a MapLibre symbol layer: a symbol tile asks the page for its images (or glyphs) and waits
 * for the answer, one more round trip between the map's worker and a main thread busy drawing;
 * on software WebGL that cost two to three frames at every zoom step (bench:map: ~200 ms of a
 * step's 700). Here the counts cost 0.4 ms a frame (median; 4 ms at most, measured over zoom steps)
 * and need no glyph server.
 *
 * The counts follow the circles: new clusters' counts are shown once the map has the new
 * clusters' tiles (the circles' source is loaded), never over the previous circles.
 */
export class ClusterCounts {
  private readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private shown: readonly Count[] = [];
  private pending: readonly Count[] | null = null;
  private color: string;
  private readonly draw = () => this.render();
  private readonly fit = () => this.resize();

  constructor(
    private readonly map: MapLibreMap,
    private readonly source: string,
    color: string,
  ) {
    this.color = color;
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('aria-hidden', 'true');
    this.canvas.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none';
    this.context = this.canvas.getContext('2d')!;
    map.getCanvasContainer().appendChild(this.canvas);
    this.resize();
    map.on('render', this.draw);
    map.on('resize', this.fit);
  }

  /** The counts to draw once the map has drawn their circles. */
  set(clusters: readonly Cluster[]): void {
    this.pending = clusters.map((cluster) => ({
      at: [cluster.lon, cluster.lat],
      label: clusterLabel(cluster.count),
    }));
    this.map.triggerRepaint();
  }

  setColor(color: string): void {
    this.color = color;
    this.render();
  }

  destroy(): void {
    this.map.off('render', this.draw);
    this.map.off('resize', this.fit);
    this.canvas.remove();
  }

  private resize(): void {
    const { clientWidth, clientHeight } = this.map.getCanvas();
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(clientWidth * ratio);
    this.canvas.height = Math.round(clientHeight * ratio);
    this.canvas.style.width = `${clientWidth}px`;
    this.canvas.style.height = `${clientHeight}px`;
    this.render();
  }

  private render(): void {
    if (this.pending && this.map.getSource(this.source) && this.map.isSourceLoaded(this.source)) {
      this.shown = this.pending;
      this.pending = null;
    }
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.width / ratio;
    const height = this.canvas.height / ratio;
    const context = this.context;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    if (this.shown.length === 0) return;
    context.font = '600 12px system-ui, "Liberation Sans", sans-serif';
    context.fillStyle = this.color;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    for (const { at, label } of this.shown) {
      const { x, y } = this.map.project(at);
      // A bubble's radius is at most 32 px: the counts of bubbles out of the window are skipped.
      if (x < -40 || y < -40 || x > width + 40 || y > height + 40) continue;
      context.fillText(label, x, y + 1);
    }
  }
}
