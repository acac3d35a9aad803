import type { EChartsCoreOption } from 'echarts/core';
import { ImageDown } from 'lucide-react';
import type { RefObject } from 'react';
import { saveFile } from '../../../api/download';
import { Button } from '../../../components/button';
import { t } from '../../../i18n/translate';
import type { ChartEngine } from './chart-engine';
import type { ChartPalette } from './chart-theme';

export interface SaveImageProps {
  engine: RefObject<ChartEngine | null>;
  option: EChartsCoreOption;
  palette: ChartPalette;
  /** The file's name, without extension. */
  name: string;
}

function dataUrlBlob(url: string): Blob {
  const [head, body] = url.split(',');
  const bytes = Uint8Array.from(atob(body ?? ''), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: /data:([^;]+)/.exec(head ?? '')?.[1] ?? 'image/png' });
}

/** "Save image": the chart as drawn (PNG, at twice the pixels) or redrawn as vectors (SVG), on the theme's background. */
export function SaveImage({ engine, option, palette, name }: SaveImageProps) {
  return (
    <>
      <Button
        size="small"
        onClick={() => {
          const url = engine.current?.png(palette.background);
          if (url) saveFile({ blob: dataUrlBlob(url), filename: `${name}.png` });
        }}
      >
        <ImageDown aria-hidden size={14} />
        {t('analyze.image.png')}
      </Button>
      <Button
        size="small"
        onClick={() => {
          const svg = engine.current?.svg(option, palette.background);
          if (svg) saveFile({ blob: new Blob([svg], { type: 'image/svg+xml' }), filename: `${name}.svg` });
        }}
      >
        <ImageDown aria-hidden size={14} />
        {t('analyze.image.svg')}
      </Button>
    </>
  );
}
