import { describe, expect, it } from 'vitest';
import { setCurrentLocale } from '../../../i18n/locale';
import { clusterGroupBy, clusterLabel, clusterPrecision, clusterRadius, readClusters } from './clusters';

describe('clusters', () => {
  it('asks for cells of about 64 px at every zoom', () => {
    expect(clusterPrecision(0)).toBe(3);
    expect(clusterPrecision(5.7)).toBe(8);
    expect(clusterPrecision(30)).toBe(25);
    expect(clusterGroupBy('coordinates', 2)).toBe('geo_cluster(coordinates, 5)');
  });

  it('reads the centroid key named by the expression, lat before lon', () => {
    const key = 'geo_cluster(coordinates, 5)';
    const rows = [
      { [key]: { cluster_centroid: { lat: 48.8, lon: 2.3 } }, cluster_count: 1200 },
      { [key]: null, cluster_count: 4 },
      { [key]: { cluster_centroid: { lat: 1, lon: 2 } }, cluster_count: 0 },
    ];
    expect(readClusters(rows, key)).toEqual([{ lat: 48.8, lon: 2.3, count: 1200 }]);
  });

  it('finds the key under another spelling of the expression', () => {
    const rows = [
      { 'GEO_CLUSTER(coordinates,5)': { cluster_centroid: { lat: 3, lon: 4 } }, cluster_count: 2 },
    ];
    expect(readClusters(rows, 'geo_cluster(coordinates, 5)')).toEqual([{ lat: 3, lon: 4, count: 2 }]);
  });

  it('labels and sizes bubbles', () => {
    expect([987, 1234, 15320, 2_400_000].map(clusterLabel)).toEqual(['987', '1.2k', '15k', '2.4M']);
    setCurrentLocale('fr');
    expect([1234, 2_400_000].map(clusterLabel)).toEqual(['1,2k', '2,4M']);
    setCurrentLocale('en');
    expect(clusterRadius(100, 100)).toBe(32);
    expect(clusterRadius(1, 10_000)).toBeCloseTo(10.22, 2);
  });
});
