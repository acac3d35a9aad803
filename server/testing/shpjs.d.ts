/** shpjs ships no types: the one call the export tests make. */
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';

  type Layer = FeatureCollection & { fileName: string };
  export default function shp(input: ArrayBuffer | ArrayBufferView | string): Promise<Layer | Layer[]>;
}
